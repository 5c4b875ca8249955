"""Whole-line terminals (PARAGRAPH_HEAD_LINE, ADDRESS_LINE, ROUTED_ADDRESS_LINE) read lines as their pieces did.

The head line of a paragraph and each addressee line are one token each (the
token count sets the parsing speed); cable.lark composes them of the pieces
that used to be tokens, and transform.py splits them again.  These tests
check, on real lines and on edge cases, that the whole-line terminal matches
exactly when the pieces, lexed one after the other the way the contextual
lexer did, match, and that transform's split gives the same pieces.
"""

from __future__ import annotations

import re

import pytest
from conftest import valid_files

from cablegrammar import model, transform
from cablegrammar._parser import terminal_regexps

R = terminal_regexps()


def _at(name: str, line: str, pos: int) -> re.Match[str] | None:
    return re.compile(R[name]).match(line, pos)


def _paragraph_pieces(line: str) -> tuple[str, str | None, str | None] | None:
    """number, marking, text: the tokens the lexer made of a paragraph head line (None: refused)."""
    number = _at("PARAGRAPH_NUMBER", line, 0)
    if number is None:
        return None
    pos, marking, text = number.end(), None, None
    # State after the number: PORTION_MARKING (priority 4), then PARAGRAPH_TEXT, NEWLINE, WS.
    for allowed in (("PORTION_MARKING", "PARAGRAPH_TEXT"), ("PARAGRAPH_TEXT",)):
        if (m := _at("NEWLINE", line, pos)) is not None and m.end() == len(line):
            return number[0], marking, text
        if (m := _at("WS", line, pos)) is not None:
            pos = m.end()
        for name in allowed:
            if (m := _at(name, line, pos)) is not None:
                if name == "PORTION_MARKING":
                    marking = m[0]
                else:
                    text = m[0]
                pos = m.end()
                break
        if text is not None:
            break
    end = _at("NEWLINE", line, pos)
    return (number[0], marking, text) if end is not None and end.end() == len(line) else None


def _address_pieces(line: str) -> tuple[str | None, str, str | None, str | None] | None:
    """routing indicator, name, precedence word, serial: the tokens of an addressee line (None: refused)."""
    pos, indicator = 0, None
    if (m := _at("ADDRESS_ROUTING_INDICATOR", line, 0)) is not None:  # priority 4: wins over the name
        indicator = m[0]
        if line[m.end() : m.end() + 1] != "/":
            return None
        pos = m.end() + 1
    name = _at("ADDRESSEE_NAME", line, pos)
    if name is None:
        return None
    pos, word, serial = name.end(), None, None
    for piece in ("PRECEDENCE_WORD", "ADDRESSEE_SERIAL"):
        if (m := _at("NEWLINE", line, pos)) is not None and m.end() == len(line):
            return indicator, name[0], word, serial
        ws = _at("WS", line, pos)
        found = _at(piece, line, ws.end()) if ws else None
        if found is None:
            continue
        pos = found.end()
        if piece == "PRECEDENCE_WORD":
            word = found[0]
        else:
            serial = found[0]
    end = _at("NEWLINE", line, pos)
    return (indicator, name[0], word, serial) if end is not None and end.end() == len(line) else None


def _whole(name: str, line: str) -> bool:
    return re.compile(R[name]).fullmatch(line) is not None


PARAGRAPH_CASES = [
    "1. (C) Text.\n", "1.(C)\n", "¶2. (SBU) text  \n", "- 11. (C) x\n", "-11. y\n", "1.   \n", "1.\n",
    "1. (Cfoo) bar\n", "1. (C)(S) x\n", "1.\ttext\r\n", "1. (S//NF) x\r", "12. text (C)\n", "1. (c) lower\n",
    "1234. x\n", "1.x\n", "1. (C - ENTIRE TEXT) x\n", "1. (C)x y \t\n", "1. (U//FOUO)\n",
]
ADDRESS_CASES = [
    "RUEHC/SECSTATE WASHDC PRIORITY 3445\n", "AMEMBASSY ANKARA\n", "RUEHC/\n", "RUEHC/lower\n",
    "FOO PRIORITY PRIORITY\n", "AMEMBASSY X NIACT IMMEDIATE\n", "AMEMBASSY X IMMEDIATE 1234  \n",
    "ABCDEFGHI/X Y\n", "RUCNCIS/CIS COLLECTIVE PRIORITY\n", "USMISSION USUN NEW YORK 0001\n", "(CIA) 1234\n",
    "SECSTATE WASHDC 12345\n", "RUEHXX/AMEMBASSY X PRIORITY1234\n", "AMEMBASSY X\r\n", "Wednesday\n",
    "RUEHC/SECSTATE WASHDC IMMEDIATE 0001 \r",
]


def _corpus_lines(pattern: str) -> list[str]:
    lines: set[str] = set()
    for path in valid_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        lines.update(line for line in text.splitlines(keepends=True) if re.match(pattern, line))
    return sorted(lines)


@pytest.mark.parametrize("line", PARAGRAPH_CASES + _corpus_lines(r"(?:¶|-[ ]?)?[0-9]{1,3}\."))
def test_paragraph_head_line(line: str) -> None:
    pieces = _paragraph_pieces(line)
    assert _whole("PARAGRAPH_HEAD_LINE", line) == (pieces is not None)
    if pieces is not None:
        head = transform._PARAGRAPH_HEAD.match(line)
        assert head is not None
        assert head.groups() == pieces


@pytest.mark.parametrize("line", ADDRESS_CASES + _corpus_lines(r"[A-Z]{4,8}/|AMEMBASSY|AMCONSUL|USMISSION|SECSTATE"))
def test_address_lines(line: str) -> None:
    pieces = _address_pieces(line)
    routed, plain = _whole("ROUTED_ADDRESS_LINE", line), _whole("ADDRESS_LINE", line)
    assert not (routed and plain)
    assert (routed or plain) == (pieces is not None)
    if pieces is not None:
        assert routed == (pieces[0] is not None)
        split = transform._ADDRESS_LINE.match(line)
        assert split is not None
        assert split.groups() == pieces


def test_the_models_portion_marking_is_the_grammars() -> None:
    """model.PORTION_MARKING (used by the transform and the renderer, which import no Lark) is the terminal's."""
    assert terminal_regexps()["PORTION_MARKING"] == model.PORTION_MARKING

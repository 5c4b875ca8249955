"""The grammar's terminals as regular expressions: the one source of a shape of the format outside the grammar.

Code that needs a shape the grammar defines (a marking, an addressee, a page
mark) takes it from here, by the terminal's name, instead of writing a copy
that could drift from ``grammar/cable.lark``::

    >>> import re
    >>> re.fullmatch(regexp("PORTION_MARKING"), "(S//NF)") is not None
    True

The shapes are stored beside the parse tables (``data/terminal_shapes.json``,
written by ``python -m cablegrammar._tables write``) so that reading one
imports no Lark; when the grammar was edited since, they are read from the
grammar itself.  ``tests/test_parser_tables.py`` keeps the stored file in
step.
"""

from __future__ import annotations

import functools
import json

from cablegrammar import _parser


@functools.cache
def shapes() -> dict[str, str]:
    """Every terminal's regular expression (flags inline), by name, in the grammar's order."""
    try:
        stored = json.loads(_parser.shapes_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stored = None
    if isinstance(stored, dict) and stored.get("grammar_sha256") == _parser.grammar_sha256(_parser.grammar_text()):
        terminals: dict[str, str] = stored["terminals"]
        return terminals
    return _parser.grammar_shapes()  # the grammar was edited since the shapes were stored (imports Lark)


def regexp(name: str) -> str:
    """The regular expression of the grammar's terminal ``name`` (a piece or a whole line).

    As Lark writes it: an alternation is not always grouped, so a pattern that puts something around it takes
    :func:`group`.
    """
    try:
        return shapes()[name]
    except KeyError:
        msg = f"the grammar has no terminal {name!r}"
        raise KeyError(msg) from None


def named(name: str, **groups: str) -> str:
    """The terminal's regular expression with some of its pieces as named groups.

    ``groups`` maps a group name to a piece (a terminal the terminal is composed of), in the order the
    pieces stand in it; each is found after the one before.

    >>> import re
    >>> mark = named("PAGE_MARK", origin="PAGE_MARK_POST", serial="PAGE_MARK_SERIAL")
    >>> re.fullmatch(mark, "BAKU 00000864  001.2 OF 002")["serial"]
    '00000864'
    """
    text, at, out = regexp(name), 0, []
    for group_name, piece in groups.items():
        piece_text = regexp(piece)
        found = text.find(piece_text, at)
        if found < 0:
            msg = f"{piece} is no piece of {name} (after the pieces before it)"
            raise ValueError(msg)
        out += [text[at:found], f"(?P<{group_name}>{piece_text})"]
        at = found + len(piece_text)
    return f"(?:{''.join(out)}{text[at:]})"


def group(name: str, group_name: str | None = None) -> str:
    """The terminal's regular expression as a group: named ``group_name`` (default: none, non-capturing)."""
    return f"(?P<{group_name}>{regexp(name)})" if group_name else f"(?:{regexp(name)})"

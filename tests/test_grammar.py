"""The grammar itself: builds as LALR(1) without conflicts, names every terminal, drops no character."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from conftest import valid_files
from lark import Lark, Tree, logger

import cablegrammar
from cablegrammar import _parser
from cablegrammar.errors import TERMINAL_DESCRIPTIONS


def test_lalr_without_conflicts(caplog: pytest.LogCaptureFixture) -> None:
    logger.setLevel(logging.DEBUG)
    try:
        with caplog.at_level(logging.DEBUG, logger="lark"):
            Lark(_parser.grammar_text(), parser="lalr", lexer="contextual", debug=True)
    finally:
        logger.setLevel(logging.WARNING)
    conflicts = [r.getMessage() for r in caplog.records if "conflict" in r.getMessage().lower()]
    assert conflicts == []


def test_every_terminal_is_described() -> None:
    names = {t.name for t in _parser.get_parser().terminals}
    assert not [n for n in names if n.startswith("__ANON")], "anonymous terminals leak into messages"
    assert names - set(TERMINAL_DESCRIPTIONS) == set()


def test_sections_have_banners() -> None:
    text = _parser.grammar_text()
    for section in ("Envelope", "Text", "Classification line", "E.O. line", "TAGS", "SUBJECT", "REF block",
                    "Classified By", "Body paragraphs", "Page-break", "Ending", "Free text", "Layout terminals"):
        assert re.search(rf"^//\s+{re.escape(section)}", text, re.M), section


@pytest.mark.parametrize("path", valid_files()[:40], ids=lambda p: p.stem)
def test_tokens_concatenate_to_the_input(path: Path) -> None:
    text = cablegrammar.decode(path.read_bytes())
    prepared = text if text.endswith(("\n", "\r")) else text + "\n"
    tree = _parser.parse_tree(prepared)
    # Tokens are lark's or lark-cython's (not str): read their .value.
    assert "".join(v.value for v in tree.scan_values(lambda v: not isinstance(v, Tree))) == prepared

"""Lark's internals are reached through cablegrammar._lark_compat only, and are where it expects them."""

from __future__ import annotations

import re
from pathlib import Path

import lark

import cablegrammar
from cablegrammar import _lark_compat, _parser

PACKAGE = Path(cablegrammar.__file__).parent
#: What only _lark_compat may write: Lark's private modules and attributes.
_INTERNALS = re.compile(r"lark\.(?:parsers|load_grammar|lexer)\b|_parse_table|\._plugins|_load_from_dict|"
                        r"line_ctr|ParserState|\.memo_serialize\(|\._scanner")
MOVED = (f"Lark {lark.__version__} moved what cablegrammar/_lark_compat.py reaches: {{}}; update that module "
         "(and the Lark range in pyproject.toml)")


def test_the_private_names_are_where_they_were() -> None:
    absent = _lark_compat.missing()
    assert not absent, MOVED.format(", ".join(absent))


def test_the_parsers_have_the_attributes_used() -> None:
    for parser in (_parser.get_parser(), _parser.get_pure_parser(), _parser.get_item_parser()):
        absent = _lark_compat.parser_attributes_missing(parser)
        assert not absent, MOVED.format(", ".join(absent))


def test_the_loaded_grammar_has_its_rules_and_terminals() -> None:
    grammar = _lark_compat.load_grammar(_parser.grammar_text(), _parser.GRAMMAR_NAME)
    absent = [name for name in ("rule_defs", "term_defs") if not hasattr(grammar, name)]
    assert not absent, MOVED.format(", ".join(f"Grammar.{name}" for name in absent))
    assert _lark_compat.compiled_terminals(grammar)


def test_no_other_module_reaches_into_lark() -> None:
    found = [f"{path.name}:{number}: {line.strip()}"
             for path in sorted(PACKAGE.glob("*.py")) if path.name != "_lark_compat.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if _INTERNALS.search(line) and not line.lstrip().startswith("#")]
    assert not found, "Lark internals outside _lark_compat:\n" + "\n".join(found)

"""The stored parse tables (cablegrammar/data/parser_tables.json) stay in sync with the grammar and are used."""

from __future__ import annotations

import json

import lark
import pytest
from conftest import valid_files

import cablegrammar
from cablegrammar import _parser, _shapes

REGENERATE = "the grammar changed: run `python -m cablegrammar._tables write` and commit the tables"


def _stored() -> dict[str, object]:
    tables = json.loads(_parser.tables_path().read_text(encoding="utf-8"))
    assert isinstance(tables, dict)
    return tables


def test_stored_tables_fit_the_grammar() -> None:
    assert _stored()["grammar_sha256"] == _parser.grammar_sha256(_parser.grammar_text()), REGENERATE


def test_stored_shapes_are_the_grammars() -> None:
    stored = json.loads(_parser.shapes_path().read_text(encoding="utf-8"))
    assert stored["grammar_sha256"] == _parser.grammar_sha256(_parser.grammar_text()), REGENERATE
    assert stored["terminals"] == _parser.grammar_shapes(), REGENERATE
    assert _shapes.shapes() == stored["terminals"]


def test_shapes_are_read_from_an_edited_grammar(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bool] = []
    monkeypatch.setattr(_parser, "grammar_sha256", lambda grammar: "0" * 64)  # the stored key no longer fits
    monkeypatch.setattr(_parser, "grammar_shapes", lambda: calls.append(True) or {"X": "x"})
    _shapes.shapes.cache_clear()
    try:
        assert _shapes.shapes() == {"X": "x"} and calls == [True]
    finally:
        _shapes.shapes.cache_clear()


def test_the_line_break_of_the_errors_is_the_grammars() -> None:
    import re  # noqa: PLC0415

    from cablegrammar.errors import LINE_BREAK  # noqa: PLC0415

    for text in ("a\r\nb\rc\nd", "\r\r\n\n\r", "a\u2028b\x0bc\x85d\r"):
        assert LINE_BREAK.split(text) == re.split(_shapes.regexp("LINE_END"), text)


def test_an_unknown_terminal_is_named() -> None:
    with pytest.raises(KeyError, match="no terminal 'NO_SUCH'"):
        _shapes.regexp("NO_SUCH")


def test_stored_tables_are_used_or_rebuilt() -> None:
    parser = _parser.get_parser()
    if _stored()["lark_version"] == lark.__version__:
        assert _parser.tables_status() == "ok"
        assert parser.source_path == "<deserialized>"  # Lark's mark of a parser loaded from data
        # The stored tables are exactly what the grammar builds today (modulo JSON's string keys).
        fresh = json.loads(json.dumps(_parser.build_tables(_parser.grammar_text()), sort_keys=True))
        assert fresh == _stored(), REGENERATE
    else:  # another Lark: its tables may differ, so the parser is built from the grammar
        assert _parser.tables_status() == "lark version differs"
        assert parser.source_path != "<deserialized>"


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"grammar_sha256": "0" * 64}, "grammar changed"),
        ({"lark_version": "0.0.1"}, "lark version differs"),
        ({"format": -1}, "format differs"),
        ({"options": {"parser": "earley"}}, "format differs"),
    ],
)
def test_stale_tables_are_never_used(change: dict[str, object], status: str) -> None:
    tables = {**_stored(), **change}
    assert _parser.tables_status(tables=tables) == status


def test_an_edited_grammar_is_built_from_source() -> None:
    edited = _parser.grammar_text() + "\n// an edit\n"
    assert _parser.tables_status(edited) == "grammar changed"
    assert _parser._load_tables(edited) is None


def test_loaded_and_built_parsers_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(_parser.PURE_LARK_ENV, "1")  # plain lark trees on both sides, comparable with ==
    built = lark.Lark(_parser.grammar_text(), **_parser._LARK_OPTIONS)
    loaded = _parser._load_tables(_parser.grammar_text())
    if loaded is None:  # another Lark version: nothing is loaded (checked above)
        assert _parser.tables_status() == "lark version differs"
        return
    assert {t.name: (t.pattern.to_regexp(), t.priority) for t in loaded.terminals} == {
        t.name: (t.pattern.to_regexp(), t.priority) for t in built.terminals
    }
    for path in valid_files()[:10]:
        text = cablegrammar.decode(path.read_bytes())
        prepared = text if text.endswith(("\n", "\r")) else text + "\n"
        assert loaded.parse(prepared, start="start") == built.parse(prepared, start="start"), path.name

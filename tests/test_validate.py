"""The validator: every rule on text that triggers it and text that does not, exact positions; the seed."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from conftest import SHARED_CORPUS, valid_files

import cablegrammar
from cablegrammar.render import render, strip_layout
from cablegrammar.validate import (
    RULES,
    Diagnostic,
    Severity,
    SourceMap,
    load_config,
    rules_markdown,
    selected_codes,
    validate,
)

ROOT = Path(__file__).resolve().parent.parent

#: Where each rule's own example triggers it: (line, column, end_line, end_column), 1-based, end exclusive.
EXAMPLE_SPANS = {
    "CG201": [(3, 11, 3, 16)],  # "#0865" on the DE line
    "CG202": [(2, 1, 2, 3)],  # "OO"
    "CG203": [(3, 17, 3, 24)],  # "1931131"
    "CG204": [(1, 3, 1, 17)],  # "300900Z FEB 09"
    "CG210": [(1, 1, 1, 17)],  # the first line of the cable
    "CG211": [(1, 1, 1, 20)],  # the classification line
    "CG212": [(1, 1, 1, 20)],
    "CG213": [(1, 1, 1, 25)],
    "CG220": [(3, 6, 3, 11)],  # "12598"
    "CG221": [(6, 19, 6, 29)],  # "07/10/2006"
    "CG230": [(3, 1, 3, 16)],  # the TAGS line
    "CG231": [(3, 7, 3, 12)],  # "POGOV"
    "CG240": [(4, 6, 4, 8)],  # "C."
    "CG250": [(5, 1, 5, 2)],  # "3"
    "CG251": [(3, 1, 3, 3)],  # "1."
    "CG252": [(3, 5, 3, 6)],  # "S" inside "(S)"
    "CG253": [(3, 5, 3, 6)],  # "C" inside "(C)"
    "CG260": [(1, 8, 1, 24)],  # "SECTION 03 OF 02"
    "CG261": [(3, 17, 3, 19)],  # "02" after "#0864/"
    "CG270": [(3, 1, 3, 3), (4, 1, 4, 6)],  # "EO", "SUBJ:" (the label with its colon, what the hint replaces)
    "CG271": [(1, 20, 1, 21)],  # the trailing space
    "CG272": [(1, 1, 1, 24)],  # "C O N F I D E N T I A L"
    "CG280": [(5, 1, 8, 29)],  # the export record, "ID: 248711" to "CLASSIFICATION: CONFIDENTIAL"
}

#: The example with the fault fixed: the rule must stay silent.
FIXED = {
    "CG201": lambda text: text.replace("#0865", "#0864"),
    "CG202": lambda text: text.replace("OO RUEHDBU", "RR RUEHDBU"),
    "CG203": lambda text: text.replace("1931131", "1911131"),
    "CG204": lambda text: text.replace("300900Z FEB 09", "280900Z FEB 09"),
    "CG210": lambda text: text.replace("SIPDIS\n", "UNCLAS STATE 000001\n"),
    "CG211": lambda text: text + "TAGS: PREL\n",
    "CG212": lambda text: text + "SUBJECT: A SUBJECT\n",
    "CG213": lambda text: text.replace("TAGS", "Classified By: Ambassador for reasons 1.4 (b).\n\nTAGS"),
    "CG220": lambda text: text.replace("12598", "12958"),
    "CG221": lambda text: text.replace("07/10/2006", "07/10/2017"),
    "CG230": lambda text: text.replace("PGOV", "PGOV AJ"),
    "CG231": lambda text: text.replace("POGOV", "PGOV"),
    "CG240": lambda text: text.replace("C. BAKU", "B. BAKU"),
    "CG250": lambda text: text.replace("3. (U)", "2. (U)"),
    "CG251": lambda text: text.replace("1. Text", "1. (C) Text"),
    "CG252": lambda text: text.replace("(S)", "(C)"),
    "CG253": lambda text: text.replace("(C)", "(SBU)"),
    "CG260": lambda text: text.replace("SECTION 03 OF 02", "SECTION 02 OF 02"),
    "CG261": lambda text: text.replace("#0864/02", "#0864/01"),
    "CG270": lambda text: text.replace("EO 12958 DECL", "E.O. 12958: DECL").replace("SUBJ:", "SUBJECT:"),
    "CG271": lambda text: text.replace("000001 \n", "000001\n"),
    "CG272": lambda text: text.replace("C O N F I D E N T I A L", "CONFIDENTIAL"),
    "CG280": lambda text: re.sub(r"ID: .*?\n\n", "", text, flags=re.S),
}


def test_rule_table_shape() -> None:
    assert list(RULES) == sorted(RULES)
    assert set(RULES) == set(EXAMPLE_SPANS) == set(FIXED)
    for code, rule in RULES.items():
        assert re.fullmatch(r"CG2[0-9]{2}", code) and rule.code == code
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)+", rule.name), rule.name
        assert isinstance(rule.severity, Severity)
        assert rule.summary and rule.why and rule.example
    assert len({rule.name for rule in RULES.values()}) == len(RULES)


@pytest.mark.parametrize("code", list(RULES))
def test_example_triggers_rule_at_exact_position(code: str) -> None:
    found = validate(cablegrammar.parse(RULES[code].example), select=[code])
    assert [(d.line, d.column, d.end_line, d.end_column) for d in found] == EXAMPLE_SPANS[code]
    assert all(d.code == code and d.severity == RULES[code].severity and d.message for d in found)


@pytest.mark.parametrize("code", list(RULES))
def test_fixed_example_does_not_trigger_rule(code: str) -> None:
    fixed = FIXED[code](RULES[code].example)
    assert fixed != RULES[code].example
    assert validate(cablegrammar.parse(fixed), select=[code]) == []


def test_seed_deserves_exactly_one_diagnostic(seed_text: str) -> None:
    # The seed numbers its paragraphs "- 11." .. "- 14.", "15." (a re-rendering: the original has 1..5), so the
    # numbering rule fires once, on the first paragraph; 12..15 follow 11 in order.  Nothing else is wrong:
    # SSN #0864 = MRN 000864, PP = highest addressee precedence (PRIORITY), filing day 191 = 10 Jul 2007 1131Z
    # = the DTG, TAGS have AJ, every paragraph is marked at or below CONFIDENTIAL, Classified By is present,
    # labels are canonical, no line ends in blanks, CONFIDENTIAL is not letter-spaced.
    found = validate(cablegrammar.parse(seed_text))
    assert found == [
        Diagnostic(
            code="CG250",
            severity=Severity.WARNING,
            message="paragraph 11 where 1 was expected",
            line=36,
            column=3,
            end_line=36,
            end_column=5,
            hint="number it 1.",
        )
    ]
    assert seed_text.splitlines()[35][2:4] == "11"


def test_seed_renumbered_is_clean(seed_text: str) -> None:
    text = re.sub(r"(?m)^(?:- )?1([1-5])\. ", r"\1. ", seed_text)
    assert validate(cablegrammar.parse(text)) == []


def test_diagnostics_sorted_by_position() -> None:
    text = "C O N F I D E N T I A L BAKU 000864 \n\nEO 12958 DECL: 07/10/2017\nTAGS: POGOV\n\n3. Text.\n"
    found = validate(cablegrammar.parse(text))
    keys = [(d.line, d.column, d.code) for d in found]
    assert keys == sorted(keys)
    assert {d.code for d in found} >= {"CG272", "CG271", "CG270", "CG231", "CG230", "CG250", "CG251", "CG212"}


def test_select_and_ignore_are_prefixes() -> None:
    assert selected_codes(["CG27"]) == ["CG270", "CG271", "CG272"]
    assert "CG271" not in selected_codes(None, ["CG271"])
    assert selected_codes(["CG2"], ["CG2"]) == []
    assert selected_codes(["cg201"]) == ["CG201"]
    cable = cablegrammar.parse(RULES["CG270"].example)
    assert {d.code for d in validate(cable, ignore=["CG27"])} == {"CG211"}
    with pytest.raises(ValueError, match="CG9"):
        validate(cable, select=["CG9"])


def test_load_config_nearest_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.cablegrammar]\nselect = ["CG2"]\nignore = ["CG271"]\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    config = load_config(deep)
    assert (config.select, config.ignore, config.path) == (("CG2",), ("CG271",), tmp_path / "pyproject.toml")
    (deep / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert load_config(deep / "cable.txt").select is None  # the nearest file wins, without the table
    (deep / "pyproject.toml").write_text('[tool.cablegrammar]\nignore = "CG271"\n')
    with pytest.raises(ValueError, match="list of strings"):
        load_config(deep)
    (deep / "pyproject.toml").write_text('[tool.cablegrammar]\nselect = ["XX1"]\n')
    with pytest.raises(ValueError, match="XX1"):
        load_config(deep)


def test_validate_is_exported() -> None:
    assert cablegrammar.validate is validate
    assert cablegrammar.Diagnostic is Diagnostic


def test_rules_doc_in_sync() -> None:
    assert (ROOT / "docs" / "validation-rules.md").read_text(encoding="utf-8") == rules_markdown()


@pytest.mark.parametrize(("line", "label"), [("E.0. 12958: N/A", "E.0."), ("\u00b6EO 12958: N/A", "EO"),
                                             ("TGS: PREL", "TGS:"), ("TAGS PREL", "TAGS"), ("SUBJ: X", "SUBJ:")])
def test_every_label_the_grammar_reads_off_standard_is_reported(line: str, label: str) -> None:
    (found,) = validate(cablegrammar.parse(f"UNCLAS STATE 000001\n\n{line}\n"), select=["CG270"])
    assert found.message == f"label {label!r}"


def test_a_tag_after_an_off_standard_label_is_read_whole() -> None:
    # The label is the grammar's TAGS_KW: after "TGS:" the unknown tag EAGRX is found, not the "AG" inside it.
    (found,) = validate(cablegrammar.parse("UNCLAS STATE 000001\n\nTGS: EAGRX PREL\n"), select=["CG231"])
    assert (found.line, found.column, found.end_column) == (3, 6, 11)


@pytest.mark.parametrize("line", ["T O P  S E C R E T BAKU 000864", "S e c r e t BERLIN 000643",
                                  "\"C O N F I D E N T I A L BAKU 000864", "SS E C R E T BAKU 000864"])
def test_every_letter_spaced_classification_is_reported(line: str) -> None:
    assert [d.code for d in validate(cablegrammar.parse(line + "\n"), select=["CG272"])] == ["CG272"]


@pytest.mark.parametrize("line", ["TOP SECRET BAKU 000864", "UNCLAS E F T O BAKU 000864", "SECRET BAKU 000864"])
def test_a_classification_written_whole_is_not_letter_spaced(line: str) -> None:
    assert validate(cablegrammar.parse(line + "\n"), select=["CG272"]) == []


def test_positions_on_crlf_and_without_layout() -> None:
    text = "UNCLAS STATE 000001\r\n\r\nSUBJ: TEST\r\n"
    (found,) = validate(cablegrammar.parse(text), select=["CG270"])
    assert (found.line, found.column, found.end_column) == (3, 1, 6)
    stripped = cablegrammar.strip_layout(cablegrammar.parse("UNCLAS STATE 000001\n\nTAGS: POGOV\n"))
    (unknown,) = validate(stripped, select=["CG231"])
    assert (unknown.line, unknown.column, unknown.end_column) == (3, 7, 12)


def test_frequency_script_runs_on_a_small_corpus(tmp_path: Path, seed_text: str) -> None:
    spec = importlib.util.spec_from_file_location("rules_frequency", ROOT / "benchmarks" / "rules_frequency.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    (tmp_path / "seed").mkdir()
    (tmp_path / "seed" / "07BAKU864.txt").write_text(seed_text, encoding="utf-8")
    (tmp_path / "MANIFEST.tsv").write_text("file\trefid\nseed/07BAKU864.txt\t07BAKU864\n", encoding="utf-8")
    out = tmp_path / "report.md"
    assert module.main([str(tmp_path), "--output", str(out)]) == 0
    report = out.read_text(encoding="utf-8")
    assert "| CG250 | paragraph-numbering | warning | 1 | 100.0 | 1 | seed/07BAKU864.txt |" in report
    assert "`python benchmarks/reference_ids.py`" in report


def test_reference_id_script_runs_on_a_small_corpus(
    tmp_path: Path, seed_text: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "seed").mkdir()
    (tmp_path / "seed" / "07BAKU864.txt").write_text(seed_text, encoding="utf-8")
    (tmp_path / "MANIFEST.tsv").write_text("file\trefid\nseed/07BAKU864.txt\t07BAKU864\n", encoding="utf-8")
    monkeypatch.setenv("CABLEGRAMMAR_SHARED_CORPUS", str(tmp_path))
    spec = importlib.util.spec_from_file_location("reference_ids", ROOT / "benchmarks" / "reference_ids.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main()
    out = capsys.readouterr().out
    assert "seed                                    1        1 100.00%" in out
    assert "'date-time group': 1" in out


#: Rules that fire on most real cables, each a documented real deviation (docs/validation-rules.md).
DOCUMENTED_FREQUENT = {"CG271", "CG272"}


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="the shared corpus is not on this machine")
def test_no_undocumented_rule_fires_on_most_real_cables() -> None:
    fired: dict[str, int] = dict.fromkeys(RULES, 0)
    accepted = 0
    for path in sorted(SHARED_CORPUS.rglob("*.txt")):
        try:
            cable = cablegrammar.parse(cablegrammar.decode(path.read_bytes()))
        except cablegrammar.CableSyntaxError:
            continue
        accepted += 1
        for code in {d.code for d in validate(cable)}:
            fired[code] += 1
    frequent = {code for code, count in fired.items() if count > accepted / 2}
    assert frequent == DOCUMENTED_FREQUENT
    # Errors are rare on real cables: each is a genuine fault (see docs/rules-frequency.md).
    assert all(fired[code] <= 10 for code, rule in RULES.items() if rule.severity is Severity.ERROR)


@pytest.mark.parametrize("path", valid_files(), ids=lambda p: p.stem)
def test_positions_follow_the_rendered_text_of_canonical_cables(path: Path) -> None:
    """Positions of a cable without layout (built by hand, stripped, read from JSON) are in ``render``'s text."""
    stripped = strip_layout(cablegrammar.parse_file(path))
    assert SourceMap(stripped).text.rstrip("\r\n") == render(stripped).lstrip("\ufeff").rstrip("\r\n")


def test_a_blank_line_added_after_tags_moves_later_findings() -> None:
    text = "CONFIDENTIAL STATE 000284\n\nE.O. 12958: DECL: 01/01/2019\nTAGS: PREL PGOV US\n\nSome free text\n\n" \
           "SUBJECT: X\n\n1. (S) Text.\n"
    stripped = strip_layout(cablegrammar.parse(text))
    lines = render(stripped).splitlines()
    [finding] = [d for d in validate(stripped) if d.code == "CG252"]
    assert lines[finding.line - 1].startswith("1. (S)")

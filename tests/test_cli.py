"""The command line, run as a real process on real corpus files and on broken ones."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from sarif_pydantic import Sarif

from cablegrammar import parse
from cablegrammar.codes import catalogue
from cablegrammar.findings import Finding, format_findings
from cablegrammar.render import render
from cablegrammar.serialize import cable_from_dict, findings_schema, json_schema

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "corpus" / "valid"
INVALID = ROOT / "tests" / "corpus" / "invalid"
SEED = VALID / "seed__07BAKU864.txt"
DAMAGED = INVALID / "chillicoder_cablegate__09MOSCOW1108.txt"
FLATTENED = INVALID / "nonelater_flattened_islamabad__ISLAMABAD000648_00to03_line0.txt"
SCHEMAS = ROOT / "cablegrammar" / "schemas"


def _command() -> list[str]:
    """The installed console script when there is one (CI's venv), else ``python -m cablegrammar``."""
    script = Path(sys.executable).with_name("cablegrammar")
    if script.exists():
        return [str(script)]
    found = shutil.which("cablegrammar")
    if found and Path(found).resolve().parent == Path(sys.executable).resolve().parent:
        return [found]
    return [sys.executable, "-m", "cablegrammar"]


def run(*args: str | Path, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [*_command(), *map(str, args)],
        input=stdin.decode("latin-1") if stdin is not None else None,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
        check=False,
    )


# ---------------------------------------------------------------------------
# no arguments / --example
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("args", [(), ("--example",)])
def test_no_arguments_shows_the_example_cable(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert "07BAKU864" in result.stdout
    assert "DFM ARAZ AZIMOV DOWNBEAT ON TRACK II MISSION" in result.stdout
    assert "PGOV; PREL; AJ" in result.stdout
    assert "Traceback" not in result.stderr


def test_version_and_help() -> None:
    assert run("--version").stdout.startswith("cablegrammar ")
    for command in ("check", "parse", "fmt", "show"):
        result = run(command, "--help")
        assert result.returncode == 0
        assert "PATH" in result.stdout


def test_usage_error_exits_2() -> None:
    result = run("check", "--output-format", "xml", str(SEED))
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
    assert run("check").returncode == 2


# ---------------------------------------------------------------------------
# check
# ---------------------------------------------------------------------------


def test_check_concise_reports_syntax_errors_with_positions() -> None:
    result = run("check", "--select", "CG0,CG1", SEED, DAMAGED, FLATTENED)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines == [
        f"{DAMAGED}:16:1: CG100 this line does not fit here; expected a caption line (SIPDIS), a classification "
        "banner line, a date line (Thursday, 22 October 2009, 15:12), the classification line "
        "(CONFIDENTIAL BAKU 000864)",
        f"{FLATTENED}:1:145: CG103 the classification line runs on into the SUBJECT: the line breaks are missing; "
        "expected the end of the line",
    ]
    assert "2 findings in 2 of 3 inputs." in result.stderr


def test_check_clean_file_exits_0_and_quiet_prints_nothing() -> None:
    result = run("check", "--select", "CG0,CG1", "--quiet", SEED)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_check_info_findings_fail_only_with_fail_on_info(tmp_path: Path) -> None:
    target = tmp_path / "styled.txt"
    target.write_bytes(b"UNCLAS STATE 000001 \n\nE.O. 12958: N/A\nTAGS: PREL, AJ\nSUBJECT: TEST\n\n1. HELLO.\n")
    default = run("check", target)
    assert default.stdout == f"{target}:1:20: CG271 trailing whitespace\n"
    assert default.returncode == 0
    assert run("check", "--fail-on", "info", target).returncode == 1
    assert run("check", "--fail-on", "info", "--ignore", "CG271", target).returncode == 0


def test_check_full_shows_the_source_line_and_a_caret() -> None:
    result = run("check", "--output-format", "full", DAMAGED)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    source_line = DAMAGED.read_text(encoding="utf-8").splitlines()[15]
    assert lines[0].startswith(f"{DAMAGED}:16:1: CG100 ")
    assert lines[1] == "    " + source_line.expandtabs(1)  # tabs as one space keep the caret aligned
    assert lines[2] == "    ^"


def test_check_unreadable_and_undecodable_inputs_are_findings(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"UNCLAS STATE 000001\n\x81\x82\n")
    missing = tmp_path / "missing.txt"
    result = run("check", missing, bad)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    findings = result.stdout.splitlines()
    assert findings[0].startswith(f"{missing}:1:1: CG002 cannot read the file")
    assert findings[1].startswith(f"{bad}:1:1: CG003 byte 0x81 at offset 20")


def test_check_directory_recursion_with_include_and_exclude(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    shutil.copy(SEED, tmp_path / "sub" / "a.txt")
    shutil.copy(DAMAGED, tmp_path / "sub" / "b.txt")
    shutil.copy(DAMAGED, tmp_path / "sub" / "c.cable")
    shutil.copy(DAMAGED, tmp_path / ".hidden" / "d.txt")
    result = run("check", "--select", "CG1", tmp_path)
    assert result.returncode == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == [str(tmp_path / "sub" / "b.txt")]
    assert "1 finding in 1 of 2 inputs." in result.stderr
    result = run("check", "--select", "CG1", "--include", "*.cable", "--include", "*.txt", "--exclude", "b.*", tmp_path)
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == [str(tmp_path / "sub" / "c.cable")]
    # Nothing left to check is a usage error, not a pass: a CI job with a wrong glob must not go green.
    result = run("check", "--select", "CG1", "--exclude", "sub/*", tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert f"no inputs: {tmp_path} holds no file matching *.txt" in result.stderr


def test_check_stdin() -> None:
    result = run("check", "--select", "CG1", "-", stdin=DAMAGED.read_bytes())
    assert result.returncode == 1
    assert result.stdout.startswith("-:16:1: CG100 ")


def test_check_json_matches_its_schema() -> None:
    result = run("check", "--output-format", "json", SEED, DAMAGED, FLATTENED)
    findings = json.loads(result.stdout)
    jsonschema.validate(findings, findings_schema())
    jsonschema.validate(findings, json.loads((SCHEMAS / "findings.schema.json").read_text(encoding="utf-8")))
    syntax = [f for f in findings if f["code"].startswith("CG1")]
    assert [(f["file"], f["code"], f["start"]) for f in syntax] == [
        (str(DAMAGED), "CG100", {"line": 16, "column": 1}),
        (str(FLATTENED), "CG103", {"line": 1, "column": 145}),
    ]
    assert all(f["url"].endswith("#" + f["code"].lower()) for f in findings)


def test_check_github_annotations() -> None:
    result = run("check", "--output-format", "github", "--select", "CG1", DAMAGED, FLATTENED)
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"::error file={DAMAGED},line=16,col=1,endLine=16,endColumn=2,title=CG100::")
    # Commas and colons in messages are data, not properties: only newlines and % are escaped there.
    assert "expected a caption line (SIPDIS), a classification" in lines[0]
    assert lines[1].startswith(f"::error file={FLATTENED},line=1,col=145,")


# SARIF 2.1.0 property names of the objects we emit (OASIS SARIF 2.1.0, sections 3.13-3.30, 3.49).
_SARIF_KEYS = {
    "log": {"$schema", "version", "runs"},
    "run": {"tool", "results", "columnKind"},
    "driver": {"name", "version", "informationUri", "rules"},
    "rule": {"id", "name", "shortDescription", "helpUri", "defaultConfiguration"},
    "result": {"ruleId", "ruleIndex", "level", "message", "locations"},
    "region": {"startLine", "startColumn", "endLine", "endColumn"},
}


def test_check_sarif_is_sarif_2_1_0() -> None:
    result = run("check", "--output-format", "sarif", SEED, DAMAGED, FLATTENED)
    log: dict[str, Any] = json.loads(result.stdout)
    Sarif.model_validate(log)  # types and enumerations of the SARIF 2.1.0 object model
    assert set(log) <= _SARIF_KEYS["log"] and log["version"] == "2.1.0"
    (run_,) = log["runs"]
    assert set(run_) <= _SARIF_KEYS["run"]
    driver = run_["tool"]["driver"]
    assert set(driver) <= _SARIF_KEYS["driver"]
    rules = driver["rules"]
    assert [r["id"] for r in rules] == list(catalogue())
    for rule in rules:
        assert set(rule) <= _SARIF_KEYS["rule"]
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    assert run_["results"], "the broken files must give results"
    for res in run_["results"]:
        assert set(res) <= _SARIF_KEYS["result"]
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        region = res["locations"][0]["physicalLocation"]["region"]
        assert set(region) <= _SARIF_KEYS["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    located = {
        (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["ruleId"]) for r in run_["results"]
    }
    assert (str(DAMAGED), "CG100") in located


def test_check_statistics_counts_per_rule() -> None:
    result = run("check", "--statistics", "--select", "CG1", DAMAGED, FLATTENED, INVALID)
    assert result.returncode == 1
    counts = {line.split()[1]: int(line.split()[0]) for line in result.stdout.splitlines()}
    assert counts["CG103"] == 6  # FLATTENED once by name, then all five flattened files in the folder
    assert counts["CG100"] >= 2


def test_check_parallel_gives_the_same_findings_in_the_same_order() -> None:
    serial = run("check", "--select", "CG1", VALID, INVALID)
    parallel = run("check", "--select", "CG1", "-j", "2", VALID, INVALID)
    assert serial.stdout == parallel.stdout
    assert serial.returncode == parallel.returncode == 1


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_progress_counter_goes_to_a_terminal_stderr_only() -> None:
    """On a terminal, a long run shows a counter on stderr; stdout and piped runs stay clean."""
    controller, terminal = pty.openpty()
    try:
        process = subprocess.run(
            [*_command(), "check", "--select", "CG1", VALID],
            stdout=subprocess.PIPE,
            stderr=terminal,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=300,
            check=False,
        )
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO once the terminal side is closed and drained
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(controller)
    total = len(list(VALID.glob("*.txt")))
    assert process.returncode == 0
    assert process.stdout == b""
    assert f"checked {total}".encode() in shown
    assert shown.count(b"\r\x1b[K") == 1  # the counter line is erased once, at the end
    assert shown.rsplit(b"\r\x1b[K", 1)[1].startswith(f"All {total} inputs passed.".encode())
    piped = run("check", "--select", "CG1", VALID)
    assert "checked" not in piped.stderr
    assert piped.stderr == f"All {total} inputs passed.\n"


# ---------------------------------------------------------------------------
# parse
# ---------------------------------------------------------------------------


def test_parse_one_file_gives_one_json_document_matching_the_schema() -> None:
    result = run("parse", SEED)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    jsonschema.validate(record, json_schema())
    assert record["reference_id"] == "07BAKU864"
    assert record["tags"] == ["PGOV", "PREL", "AJ"]
    assert "layout" not in json.dumps(record)
    assert cable_from_dict(record["cable"]) == parse(SEED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_json_escapes_the_characters_line_readers_split_on(tmp_path: Path, separator: str) -> None:
    # JSON allows them raw in strings, but str.splitlines and many JSON Lines readers split a line there.
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(f"UNCLAS STATE 000001\n\nSUBJECT: A{separator}B\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run("parse", "-o", out, tmp_path / "a.txt", tmp_path / "b.txt").returncode == 0
    written = out.read_text(encoding="utf-8")
    assert separator not in written
    assert [json.loads(line)["subject"] for line in written.splitlines()] == [f"A{separator}B"] * 2


def test_parse_many_gives_json_lines_with_one_record_per_input(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run("parse", "-o", out, "-j", "2", VALID, DAMAGED, tmp_path / "missing.txt")
    assert result.returncode == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").split("\n") if line]
    inputs = len(list(VALID.glob("*.txt"))) + 2
    assert len(records) == inputs
    assert f"{inputs} inputs: {inputs - 2} parsed, 2 errors." in result.stderr
    schema = json.loads((SCHEMAS / "cable-record.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for record in records:
        validator.validate(record)
    errors = {r["path"]: r["error"]["code"] for r in records if "error" in r}
    assert errors == {str(DAMAGED): "CG100", str(tmp_path / "missing.txt"): "CG002"}


def test_parse_with_layout_is_lossless() -> None:
    record = json.loads(run("parse", "--layout", SEED).stdout)
    assert render(cable_from_dict(record["cable"])) == SEED.read_text(encoding="utf-8")


def test_shipped_schemas_are_generated_from_the_model() -> None:
    assert json.loads((SCHEMAS / "cable-record.schema.json").read_text(encoding="utf-8")) == json_schema()
    assert json.loads((SCHEMAS / "findings.schema.json").read_text(encoding="utf-8")) == findings_schema()
    jsonschema.Draft202012Validator.check_schema(json_schema())


# ---------------------------------------------------------------------------
# fmt
# ---------------------------------------------------------------------------


def _fmt_candidates() -> list[Path]:
    return sorted(VALID.glob("*.txt"))[:12]


def test_fmt_never_changes_meaning(tmp_path: Path) -> None:
    files = []
    for source in _fmt_candidates():
        target = tmp_path / source.name
        target.write_bytes(source.read_bytes())
        files.append((source, target))
    run("fmt", *(target for _, target in files))
    for source, target in files:
        before = parse(source.read_bytes().decode("utf-8"))
        after_text = target.read_bytes().decode("utf-8")
        assert parse(after_text) == before, target.name  # rewritten or left alone: same meaning
    # Formatting is idempotent: a second run changes nothing.
    again = run("fmt", "--check", *(target for source, target in files if source.read_bytes() != target.read_bytes()))
    assert "would reformat" not in again.stderr


def test_fmt_check_and_diff_change_nothing(tmp_path: Path) -> None:
    target = tmp_path / "cable.txt"
    original = b"UNCLAS   STATE 000001\n\nTAGS:   PREL\n\nSUBJECT:  TEST\n\n1. HELLO.\n"
    target.write_bytes(original)
    check = run("fmt", "--check", target)
    assert check.returncode == 1
    assert f"would reformat {target}" in check.stderr
    diff = run("fmt", "--diff", target)
    assert diff.returncode == 1
    assert diff.stdout.startswith(f"--- {target}\n+++ {target}\n")
    assert target.read_bytes() == original
    assert run("fmt", target).returncode == 0
    assert target.read_bytes() != original
    assert parse(target.read_text(encoding="utf-8")) == parse(original.decode())
    assert run("fmt", "--check", target).returncode == 0


def test_fmt_refuses_what_does_not_parse(tmp_path: Path) -> None:
    target = tmp_path / "bern.txt"
    shutil.copy(DAMAGED, target)
    result = run("fmt", target)
    assert result.returncode == 1
    assert f"{target}:16:1: CG100" in result.stderr
    assert target.read_bytes() == DAMAGED.read_bytes()


def test_fmt_stdin_to_stdout() -> None:
    result = run("fmt", "-", stdin=b"UNCLAS   STATE 000001\n\nTAGS:   PREL\n")
    assert result.returncode == 0
    assert parse(result.stdout) == parse("UNCLAS STATE 000001\n\nTAGS: PREL\n")


# ---------------------------------------------------------------------------
# The whole shared corpus (when present)
# ---------------------------------------------------------------------------


@pytest.mark.slow
def test_parse_and_check_account_for_every_file_of_the_shared_corpus(tmp_path: Path) -> None:
    from conftest import SHARED_CORPUS  # noqa: PLC0415

    if not SHARED_CORPUS.is_dir():
        pytest.skip("the shared corpus is not on this machine")
    inputs = sorted(SHARED_CORPUS.rglob("*.txt"))
    out = tmp_path / "corpus.jsonl"
    result = run("parse", "-j", "2", "-o", out, SHARED_CORPUS)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").split("\n") if line]
    assert [r["path"] for r in records] == [str(p) for p in inputs]  # one record per input, in order
    parsed = sum("cable" in r for r in records)
    assert f"{len(inputs)} inputs: {parsed} parsed, {len(inputs) - parsed} errors." in result.stderr
    validator = jsonschema.Draft202012Validator(json_schema())
    for record in records:
        validator.validate(record)
    print(f"\nparse: {len(inputs)} inputs, {parsed} parsed, {len(inputs) - parsed} error records")
    check = run("check", "--statistics", "-j", "2", SHARED_CORPUS)
    assert check.returncode == 1
    counts = {line.split()[1]: int(line.split()[0]) for line in check.stdout.splitlines()}
    errors = {r["path"]: r["error"]["code"] for r in records if "error" in r}
    # Every file that did not parse is one syntax finding in check, with the same code.
    syntax = {code: n for code, n in counts.items() if code < "CG200"}
    assert sum(syntax.values()) == len(errors)
    print(check.stdout)


# ---------------------------------------------------------------------------
# show
# ---------------------------------------------------------------------------


def test_show_counts_page_breaks_and_marks_paragraphs_printed_over_several_pages() -> None:
    kabul = VALID / "chillicoder_cablegate__07KABUL185.txt"
    result = run("show", kabul)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    cable = parse(kabul.read_text(encoding="utf-8"))
    # The file has four page lines (KABUL 00000185 002 OF 005 ... 005 OF 005), each inside a paragraph.
    assert [page_break.text for page_break in cable.page_breaks] == [
        f"KABUL 00000185 00{page} OF 005" for page in range(2, 6)]
    assert "     page breaks  4" in lines
    marked = [line for line in lines if line.endswith(" pages]")]
    turned = [paragraph for paragraph in cable.paragraphs if paragraph.page_turns]
    assert len(marked) == len(turned) == 3
    for line, paragraph in zip(marked, turned, strict=True):
        assert line.lstrip().startswith(f"{paragraph.number}. ({paragraph.marking or '-'}) ")
        assert line.endswith(f" [{len(paragraph.pages)} pages]")
    assert marked[0].lstrip().startswith("5. (SBU) Mosbacher briefed")
    # A cable without page breaks has neither the row nor a marker.
    seed = run("show", SEED).stdout
    assert "page breaks" not in seed and " pages]" not in seed


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_findings_json_escapes_line_separators(fmt: str) -> None:
    finding = Finding(path="a.txt", code="CG100", severity="error", message="line\u2028two\x85",
                      source_line="SUBJECT: A\u2029B")
    text = format_findings([finding], fmt)
    assert not {"\u2028", "\u2029", "\x85"} & set(text)
    assert "line\u2028two\x85" in json.dumps(json.loads(text), ensure_ascii=False)

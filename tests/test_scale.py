"""Corpus scale: parse/check -j over every reader, Parquet and JSON Lines output, Dask bags.

Nothing lost is the rule tested throughout: every input record gives exactly one output row, parsed or with its
error, whatever the reader, the number of workers or the scheduler.
"""

from __future__ import annotations

import itertools
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import CABLES_CSV, CABLES_JSONL, CORPUS, HTML, SHARED_CORPUS

from cablegrammar import _parser
from cablegrammar.pipeline import json_record, parallel_map, table_row
from cablegrammar.serialize import json_schema
from cablegrammar.sources import Record, records, split_header, write_cables_csv
from cablegrammar.table import COLUMNS, arrow_schema, columns_markdown

pa = pytest.importorskip("pyarrow")  # the parquet extra; installed by the test extra
pq = pytest.importorskip("pyarrow.parquet")

VALID = CORPUS / "valid"


def run(*args: object, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cablegrammar", *map(str, args)],
        input=stdin.decode("utf-8") if stdin is not None else None,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def sample_records() -> list[Record]:
    return list(records([CABLES_CSV, CABLES_JSONL])) + list(records(HTML, input_format="html"))


# ---------------------------------------------------------------------------
# The bounded process pool
# ---------------------------------------------------------------------------


def test_parallel_map_keeps_order_and_takes_its_input_lazily() -> None:
    # An endless input: ProcessPoolExecutor.map would read it all before the first result.
    results = parallel_map(abs, (-n for n in itertools.count()), workers=2, batch_size=3)
    assert list(itertools.islice(results, 50)) == list(range(50))


def test_parallel_map_results_equal_the_inline_ones() -> None:
    read = sample_records()
    inline = [table_row(r) for r in read]
    assert list(parallel_map(table_row, read, workers=2, batch_size=2)) == inline


# ---------------------------------------------------------------------------
# parse -j over the readers: JSON Lines and Parquet
# ---------------------------------------------------------------------------


def test_parse_cables_csv_to_json_lines_one_record_per_row(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run("parse", "-j", "2", "-o", out, CABLES_CSV)
    assert result.returncode == 1  # the sample holds two broken rows
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").split("\n") if line]
    expected = list(records(CABLES_CSV))
    assert [r["path"] for r in lines] == [r.name for r in expected]
    assert f"{len(expected)} inputs: {len(expected) - 2} parsed, 2 errors." in result.stderr
    validator = jsonschema.Draft202012Validator(json_schema())
    for line in lines:
        validator.validate(line)
        assert line["source"]["format"] == "cables-csv"
    errors = [r for r in lines if "error" in r]
    assert [e["error"]["code"] for e in errors] == ["CG006", "CG006"]
    parsed = lines[0]
    assert parsed["source"]["release"]["reference_id"] == "04ANKARA348"
    assert parsed["reference_id"] == "04ANKARA348"


def test_parse_to_parquet_the_same_table_on_one_and_two_workers(tmp_path: Path) -> None:
    inputs = [CABLES_CSV, CABLES_JSONL, VALID]
    one, two = tmp_path / "one.parquet", tmp_path / "two.parquet"
    first = run("parse", "-o", one, *inputs)
    second = run("parse", "-j", "2", "-o", two, *inputs)
    expected = list(records(inputs))
    for result in (first, second):
        assert result.returncode == 1
        assert f"{len(expected)} rows written" in result.stderr
    table = pq.read_table(one)
    assert table.equals(pq.read_table(two))
    assert table.schema.equals(arrow_schema(), check_metadata=False)
    assert table.num_rows == len(expected)
    assert table.column("name").to_pylist() == [r.name for r in expected]  # in input order
    failed = [row for row in table.to_pylist() if not row["parsed"]]
    assert {row["error_code"] for row in failed} == {"CG006"}
    assert all(row["error_message"] for row in failed)


def test_parquet_rows_hold_the_cable_with_nested_references_and_paragraphs(tmp_path: Path) -> None:
    out = tmp_path / "html.parquet"
    result = run("parse", "--input-format", "html", "-o", out, HTML)
    assert result.returncode == 0, result.stderr
    rows = {row["release_reference_id"]: row for row in pq.read_table(out).to_pylist()}
    assert set(rows) == {page.stem for page in HTML.glob("*.html")}
    row = rows["08STATE116943"]
    assert row["parsed"] and row["source_format"] == "html"
    assert row["release_classification"] == "SECRET//NOFORN"
    assert row["release_origin"] == "Secretary of State"
    assert row["paragraphs"] and all(set(p) == {"number", "marking", "text"} for p in row["paragraphs"])
    direct = table_row(next(iter(records(HTML / "08STATE116943.html"))))
    assert row["paragraphs"] == direct["paragraphs"]
    assert row["references"] == direct["references"]
    assert row["date"] == direct["date"]
    with_refs = [r for r in rows.values() if r["references"]]
    assert with_refs and all(
        set(ref) == {"label", "text", "kind", "cable_id", "cable_ids"} for r in with_refs for ref in r["references"]
    )


def test_parquet_needs_an_output_file_and_no_layout(tmp_path: Path) -> None:
    no_file = run("parse", "--output-format", "parquet", CABLES_CSV)
    assert no_file.returncode == 2 and "-o FILE.parquet" in no_file.stderr
    layout = run("parse", "--layout", "-o", tmp_path / "x.parquet", CABLES_CSV)
    assert layout.returncode == 2 and "--layout" in layout.stderr


def test_parse_json_of_several_records_is_one_array() -> None:
    result = run("parse", "--output-format", "json", CABLES_JSONL)
    document = json.loads(result.stdout)
    assert isinstance(document, list)
    assert len(document) == len(list(records(CABLES_JSONL)))
    single = json.loads(run("parse", "--output-format", "json", VALID / "seed__07BAKU864.txt").stdout)
    assert single["reference_id"] == "07BAKU864"


def test_parse_output_options_that_cannot_work_are_usage_errors(tmp_path: Path) -> None:
    conflicting = run("parse", "--jsonl", "-o", tmp_path / "x.parquet", CABLES_CSV)
    assert conflicting.returncode == 2 and "names a Parquet file" in conflicting.stderr
    assert run("parse", "--output-format", "json", "-o", tmp_path / "x.parquet", CABLES_CSV).returncode == 2
    assert (
        run("parse", "--jsonl", "--output-format", "parquet", "-o", tmp_path / "x.parquet", CABLES_CSV).returncode == 2
    )
    unwritable = run("parse", "-o", tmp_path / "missing" / "x.jsonl", CABLES_CSV)
    assert unwritable.returncode == 2
    assert f"cannot write {tmp_path / 'missing' / 'x.jsonl'}" in unwritable.stderr
    parquet = run("parse", "-o", tmp_path / "missing" / "x.parquet", CABLES_CSV)
    assert parquet.returncode == 2 and f"cannot write {tmp_path / 'missing' / 'x.parquet'}" in parquet.stderr
    assert "Traceback" not in conflicting.stderr + unwritable.stderr


def test_parse_never_reads_its_own_output_nor_loses_an_earlier_one(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CABLES_JSONL, folder / "cables.jsonl")
    inside = run("parse", "--input-format", "jsonl", folder, "-o", folder / "out.jsonl")
    assert inside.returncode == 2 and "would be read as an input" in inside.stderr
    itself = run("parse", folder / "cables.jsonl", "-o", folder / "cables.jsonl")
    assert itself.returncode == 2
    assert (folder / "cables.jsonl").read_bytes() == CABLES_JSONL.read_bytes()
    kept = tmp_path / "kept.jsonl"
    kept.write_text("precious\n", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = run("parse", empty, "-o", kept)
    assert nothing.returncode == 2 and f"no inputs: {empty} holds no file matching *.txt" in nothing.stderr
    assert kept.read_text(encoding="utf-8") == "precious\n"  # replaced only by a complete output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "in", "kept.jsonl"]  # no partial file left


def test_commands_with_nothing_to_read_are_usage_errors(tmp_path: Path) -> None:
    empty_csv = tmp_path / "empty.csv"
    empty_csv.write_text("\n\n", encoding="utf-8")
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    for command in ("check", "parse", "show"):
        result = run(command, empty_csv)
        assert (result.returncode, result.stdout) == (2, ""), command
        assert f"no inputs: {empty_csv} holds no record" in result.stderr
    for command in ("check", "parse", "show", "fmt"):
        result = run(command, empty_dir)
        assert result.returncode == 2, command
        assert f"no inputs: {empty_dir} holds no file matching *.txt" in result.stderr
    assert run("check", "-j", "-1", CABLES_CSV).returncode == 2


def test_parse_one_html_page_gives_one_json_document() -> None:
    page = HTML / "08OSLO461.html"
    document = json.loads(run("parse", page).stdout)
    assert document["source"]["release"]["reference_id"] == "08OSLO461"


def test_parallel_map_refuses_empty_batches() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        list(parallel_map(abs, [1, 2], workers=2, batch_size=0))


def test_parse_standard_input_in_a_release_format() -> None:
    result = run("parse", "--input-format", "jsonl", "-", stdin=CABLES_JSONL.read_bytes())
    lines = [json.loads(line) for line in result.stdout.split("\n") if line]
    assert len(lines) == len(list(records(CABLES_JSONL)))
    assert lines[0]["path"] == "-#1"


def test_check_over_a_release_names_each_record(tmp_path: Path) -> None:
    result = run("check", "-j", "2", "--select", "CG0,CG1", "--output-format", "json", CABLES_CSV)
    findings = json.loads(result.stdout)
    assert {f["file"] for f in findings} == {f"{CABLES_CSV}#15", f"{CABLES_CSV}#16"}
    assert {f["code"] for f in findings} == {"CG006"}
    assert "2 findings in 2 of 17 inputs." in result.stderr
    concise = run("check", "--select", "CG0", CABLES_CSV)
    first = concise.stdout.splitlines()[0]
    assert first.startswith(f"{CABLES_CSV}#15:1:1: CG006 not a cables.csv record (lines 2280-2333)")


# ---------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------


def test_rows_and_records_pickle_and_every_row_has_every_column() -> None:
    read = sample_records()
    rows = [table_row(r) for r in read]
    assert pickle.loads(pickle.dumps(rows)) == rows
    assert all(list(row) == [c.name for c in COLUMNS] for row in rows)
    as_json = [json_record(r) for r in read]
    assert pickle.loads(pickle.dumps(as_json)) == as_json
    assert pa.Table.from_pylist(rows, schema=arrow_schema()).num_rows == len(read)


def test_the_docs_list_every_column() -> None:
    page = (Path(__file__).resolve().parents[1] / "docs" / "scale.md").read_text(encoding="utf-8")
    assert columns_markdown() in page


# ---------------------------------------------------------------------------
# Dask (the dask extra): the local schedulers
# ---------------------------------------------------------------------------


def parser_probe(record: Record) -> tuple[int, int, int]:
    """(worker pid, parsers built before this record, after it): shows where and when the parser is built."""
    before = _parser.get_parser.cache_info().currsize
    table_row(record)
    return os.getpid(), before, _parser.get_parser.cache_info().currsize


@pytest.fixture(scope="module")
def cg_dask() -> Any:
    pytest.importorskip("dask.bag")
    from cablegrammar import dask as cg_dask  # noqa: PLC0415

    return cg_dask


def test_dask_processes_write_one_parquet_row_per_record(cg_dask: Any, tmp_path: Path) -> None:
    import dask  # noqa: PLC0415

    inputs = [CABLES_CSV, CABLES_JSONL, VALID]
    expected = list(records(inputs))
    bag = cg_dask.record_bag(inputs, partition_size=16)
    assert bag.npartitions > 2
    with dask.config.set(scheduler="processes", num_workers=2):
        summary = cg_dask.write_parquet(cg_dask.row_bag(bag), tmp_path / "out")
    assert (summary.rows, summary.files) == (len(expected), bag.npartitions)
    table = pq.read_table(tmp_path / "out")
    assert table.num_rows == summary.rows == summary.parsed + summary.errors
    assert sorted(table.column("name").to_pylist()) == sorted(r.name for r in expected)
    inline = {row["name"]: row for row in (table_row(r) for r in expected)}
    for row in table.to_pylist():
        assert row["reference_id"] == inline[row["name"]]["reference_id"]
        assert row["parsed"] == inline[row["name"]]["parsed"]
    assert summary.errors == sum(not row["parsed"] for row in inline.values())


def test_dask_workers_build_the_parser_lazily_once_each(cg_dask: Any) -> None:
    bag = cg_dask.record_bag(VALID, partition_size=8)
    probes = bag.map(parser_probe).compute(scheduler="processes", num_workers=2)
    assert len(probes) == len(list(VALID.glob("*.txt")))
    assert all(after == 1 for _, _, after in probes)
    for pid in {pid for pid, _, _ in probes}:
        assert os.getpid() != pid
        assert sum(before == 0 for p, before, _ in probes if p == pid) == 1  # built on its first parse, once


def test_dask_does_not_mix_a_new_run_with_an_earlier_one(cg_dask: Any, tmp_path: Path) -> None:
    first = cg_dask.write_parquet(cg_dask.row_bag(cg_dask.record_bag(CABLES_JSONL, partition_size=2)), tmp_path)
    fewer = cg_dask.row_bag(cg_dask.record_bag(CABLES_JSONL, partition_size=50))
    with pytest.raises(FileExistsError, match="overwrite=True"):
        cg_dask.write_parquet(fewer, tmp_path, scheduler="sync")
    second = cg_dask.write_parquet(fewer, tmp_path, overwrite=True, scheduler="sync")
    assert second.files < first.files
    assert pq.read_table(tmp_path).num_rows == second.rows == first.rows


def test_dask_json_lines_partitions(cg_dask: Any, tmp_path: Path) -> None:
    bag = cg_dask.record_bag([CABLES_JSONL, HTML], include=["*.html"], partition_size=5)
    summary = cg_dask.write_jsonl(cg_dask.json_bag(bag), tmp_path / "out", scheduler="sync")
    written = [json.loads(line) for path in sorted((tmp_path / "out").glob("*.jsonl")) for line in path.open()]
    assert len(written) == summary.rows == len(list(records([CABLES_JSONL, HTML], include=["*.html"])))
    assert summary.errors == sum("error" in r for r in written) == 2


# ---------------------------------------------------------------------------
# The whole shared corpus, as a directory and as a cables.csv (when present)
# ---------------------------------------------------------------------------


@pytest.mark.slow
def test_shared_corpus_as_directory_and_as_cables_csv_gives_the_same_rows(tmp_path: Path) -> None:
    if not SHARED_CORPUS.is_dir():
        pytest.skip("the shared corpus is not on this machine")
    files = list(records(SHARED_CORPUS))
    texts = [(r.name, r.load()) for r in files]
    csv_path = tmp_path / "cables.csv"
    rows = ([str(n), "", "", "", "", "", *split_header(text)] for n, (_, text) in enumerate(texts, start=1))
    write_cables_csv(rows, csv_path)
    from_dir, from_csv = tmp_path / "dir.parquet", tmp_path / "csv.parquet"
    assert run("parse", "-q", "-j", "2", "-o", from_dir, SHARED_CORPUS).returncode == 1
    assert run("parse", "-q", "-j", "2", "-o", from_csv, csv_path).returncode == 1
    by_dir, by_csv = pq.read_table(from_dir), pq.read_table(from_csv)
    assert by_dir.num_rows == by_csv.num_rows == len(files)
    for column in ("parsed", "reference_id", "subject", "tags", "paragraphs", "error_code"):
        assert by_dir.column(column).equals(by_csv.column(column)), column
    parsed = sum(by_dir.column("parsed").to_pylist())
    print(f"\nshared corpus: {len(files)} records in, {by_dir.num_rows} rows out, {parsed} parsed")

"""The release readers (cablegrammar.sources) on real samples: cables.csv, HTML pages, JSON Lines, directories.

The samples in tests/sources/ hold real corpus cables (see tests/sources/README.md); every text a reader
gives back is compared with the corpus file byte for byte.
"""

from __future__ import annotations

import csv
import io
import os
import pickle
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import CABLES_CSV, CABLES_JSONL, CORPUS, HTML, SAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from cablegrammar.sources import (
    CABLES_CSV_COLUMNS,
    CablegateDialect,
    Provenance,
    Record,
    RecordError,
    cable_from_page,
    page_release,
    read_cables_csv,
    read_html_page,
    read_jsonl,
    read_shard,
    records,
    shards,
    unescape_block,
    write_cables_csv,
)


def corpus_text(refid: str) -> str:
    """The corpus text of a chillicoder or heuer cable of tests/corpus/valid."""
    [path] = [p for p in (CORPUS / "valid").glob(f"*__{refid}.txt") if p.name.startswith(("chillicoder", "heuer"))]
    return path.read_bytes().decode("utf-8")


# ---------------------------------------------------------------------------
# cables.csv
# ---------------------------------------------------------------------------


def test_cables_csv_sample_is_in_the_release_dialect() -> None:
    raw = CABLES_CSV.read_text(encoding="utf-8")
    assert raw.startswith('"1","')  # no header row; every field quoted
    assert '\\"' in raw  # quotes escaped with a backslash, as MySQL exports them
    assert '""' not in raw.replace('"",', "").replace(',""', "")  # never doubled


def test_cables_csv_gives_the_corpus_texts_byte_for_byte() -> None:
    read = list(read_cables_csv(CABLES_CSV))
    good = [r for r in read if r.problem is None]
    assert len(good) == 15
    for record in good:
        assert record.release is not None and record.release.reference_id is not None
        assert record.load() == corpus_text(record.release.reference_id), record.name
        assert record.provenance.format == "cables-csv"


def test_cables_csv_release_metadata_and_provenance() -> None:
    read = list(read_cables_csv(CABLES_CSV))
    first = read[0]
    assert first.release is not None
    assert (first.release.id, first.release.reference_id, first.release.origin) == (
        "1",
        "04ANKARA348",
        "Embassy Ankara",
    )
    assert first.provenance == Provenance("cables-csv", str(CABLES_CSV), record=1, line=1, offset=0)
    dated = [r for r in read if r.release and r.release.created]
    assert dated, "some sample cables carry a date-time group"
    assert all(len(r.release.created) == 16 and r.release.created[10] == "T" for r in dated if r.release)
    assert any(r.release and r.release.references for r in read)
    # The provenance points at the record: its line and byte offset in the file.
    data = CABLES_CSV.read_bytes()
    lines = data.split(b"\n")
    for record in read:
        where = record.provenance
        assert data[where.offset :].startswith(lines[where.line - 1]), record.name


def test_cables_csv_broken_records_are_records_with_their_problem() -> None:
    read = list(read_cables_csv(CABLES_CSV))
    assert [r.provenance.record for r in read] == list(range(1, len(read) + 1))
    broken = [r for r in read if r.problem is not None]
    assert [r.problem.code for r in broken if r.problem] == ["CG006", "CG006"]
    assert "text between two records" in str(broken[0].problem)  # the dump row, after 07KABUL185
    assert "this one 9" in str(broken[1].problem)  # the unescaped quote, which splits a field in two
    with pytest.raises(RecordError) as caught:
        broken[0].load()
    assert caught.value.problem == broken[0].problem
    assert read[-1].release is not None and read[-1].release.id == "100"  # reading goes on after them
    assert read[-1].load() == corpus_text("07KUWAIT808")


def test_an_unescaped_quote_that_keeps_eight_fields_is_caught_by_the_id() -> None:
    row = '"7","1/2/2007 3:04","A","B "C", D","E","","","F"\n"8","","","","","","","G"\n'
    read = _csv_records(row)
    assert [r.problem.code if r.problem else None for r in read] == ["CG006", None]


def test_an_unescaped_quote_that_ends_a_line_cuts_no_record_short() -> None:
    # The quote ends the quoted part; without a check the record would end at the line break, its text cut
    # short, and each line after it would become a record.
    text = '"1","","A","","","","H","said "hi\nline two\nend"\n"2","","B","","","","","UNCLAS X 000002"\n'
    read = _csv_records(text)
    assert [r.provenance.record for r in read] == [1, 2]
    assert read[0].problem is not None and "closing quote" in read[0].problem.message
    assert "lines 1-3" in read[0].problem.message
    assert read[1].load() == "UNCLAS X 000002"


def test_a_byte_order_mark_and_blank_lines_are_not_records() -> None:
    text = '\ufeff"1","","","","","","","UNCLAS X 000001"\n  \n\n"2","","","","","","","UNCLAS X 000002"\n \n'
    read = _csv_records(text)
    assert [r.load() for r in read] == ["UNCLAS X 000001", "UNCLAS X 000002"]
    assert [r.provenance.line for r in read] == [1, 4]


def test_a_byte_order_mark_inside_the_file_is_no_text() -> None:
    one = '"1","","","","","","","UNCLAS X 000001"\n'
    read = _csv_records("\ufeff" + one + "\ufeff" + one.replace('"1"', '"2"'))  # two files joined with cat
    assert [r.release.id if r.release else r.problem for r in read] == ["1", "2"]


def test_a_file_with_no_record_start_is_read_in_bounded_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    from cablegrammar import sources  # noqa: PLC0415

    monkeypatch.setattr(sources._cablegate_csv, "_MAX_CHUNK", 100)
    junk = "".join(f"2007-09-11\tdump row {n}\\\n" for n in range(40))  # 40 lines of about 25 bytes
    read = _csv_records(junk + '"7","","","","","","","UNCLAS X 000007"\n')
    pieces = [r for r in read if r.problem]
    assert len(pieces) > 5  # never more than about 100 bytes held as one record
    assert all(r.problem and r.problem.code == "CG006" for r in pieces)
    assert read[-1].load() == "UNCLAS X 000007"
    assert [r.provenance.record for r in read] == list(range(1, len(read) + 1))


def _csv_records(text: str, tmp: Path | None = None) -> list[Record]:
    import tempfile  # noqa: PLC0415

    folder = tmp or Path(tempfile.mkdtemp())
    path = folder / "sample.csv"
    path.write_bytes(text.encode("utf-8"))
    return list(read_cables_csv(path))


def test_cables_csv_round_trips_what_the_dialect_writes(tmp_path: Path) -> None:
    hard = 'A "QUOTED" WORD, A BACKSLASH \\ AND \\"BOTH\\"\r\nCRLF\n\nEND'
    rows = [["1", "7/10/2007 11:31", "07BAKU864", "Embassy Baku", "SECRET//NOFORN", "A|B", "R 101131Z JUL 07", hard]]
    path = tmp_path / "cables.csv"
    assert write_cables_csv(rows, path) == 1
    [record] = read_cables_csv(path)
    assert record.load() == "R 101131Z JUL 07\n\n" + hard
    assert record.release is not None
    assert record.release.references == ("A", "B")
    assert record.release.classification == "SECRET//NOFORN"


def test_cables_csv_without_header_gives_the_content_alone(tmp_path: Path) -> None:
    path = tmp_path / "cables.csv"
    write_cables_csv([["3", "", "", "", "", "", "", "UNCLAS X 000001\n"]], path)
    assert [r.load() for r in read_cables_csv(path)] == ["UNCLAS X 000001\n"]


def test_cables_csv_latin1_field_is_decoded_under_the_policy(tmp_path: Path) -> None:
    path = tmp_path / "cables.csv"
    path.write_bytes(b'"1","","","","","","","\xb61. (C) TEXT"\n')
    [record] = read_cables_csv(path)
    assert record.load() == "¶1. (C) TEXT"


def test_cables_csv_field_larger_than_the_csv_default_limit(tmp_path: Path) -> None:
    big = "X" * 300_000
    path = tmp_path / "cables.csv"
    write_cables_csv([["1", "", "", "", "", "", "", big]], path)
    assert [r.load() for r in read_cables_csv(path)] == [big]


def test_cables_csv_is_read_lazily(tmp_path: Path) -> None:
    path = tmp_path / "cables.csv"
    write_cables_csv([[str(n), "", "", "", "", "", "", f"TEXT {n}"] for n in range(1, 4)], path)
    stream = read_cables_csv(path)
    assert next(stream).load() == "TEXT 1"
    with path.open("ab") as handle:  # written after the first record was read: a stream sees it
        handle.write(b'"4","","","","","","","TEXT 4"\n')
    assert [r.load() for r in stream] == ["TEXT 2", "TEXT 3", "TEXT 4"]


def test_cables_csv_columns_are_the_release_order() -> None:
    assert CABLES_CSV_COLUMNS == (
        "id",
        "date",
        "reference_id",
        "origin",
        "classification",
        "references",
        "header",
        "content",
    )
    reader = csv.reader(io.StringIO('"1","2","3","4","5","6","7","8"\n'), CablegateDialect)
    assert len(next(reader)) == len(CABLES_CSV_COLUMNS)


# ---------------------------------------------------------------------------
# HTML pages
# ---------------------------------------------------------------------------


def html_pages() -> list[Path]:
    return sorted(HTML.glob("*.html"))


def test_there_are_real_html_pages() -> None:
    assert len(html_pages()) >= 4


@pytest.mark.parametrize("page", html_pages(), ids=lambda p: p.stem)
def test_html_page_gives_the_corpus_text_byte_for_byte(page: Path) -> None:
    [record] = read_html_page(page)
    kept = HTML / "expected" / f"{page.stem}.txt"  # pages whose cable is not in tests/corpus/valid
    expected = kept.read_bytes().decode("utf-8") if kept.exists() else corpus_text(page.stem)
    assert record.load() == expected
    assert record.release is not None
    assert record.release.reference_id == page.stem
    assert record.release.classification and record.release.origin
    assert record.release.created and record.release.created[10] == "T"


def test_html_link_tags_are_dropped_and_their_text_kept() -> None:
    block = "<a id='par1' href='#par1'>¶</a>1.  Text&#x000A;TAGS: <a href='/tag/PGOV_0.html'>PGOV</a>"
    assert unescape_block(block) == "¶1.  Text\nTAGS: PGOV"


def test_html_entities_are_decoded_but_not_legacy_names() -> None:
    assert unescape_block("R&D &amp; S&T&#39;s &lt;x&gt; Johnson&not &copy2009&#10;") == (
        "R&D & S&T's <x> Johnson&not &copy2009\n"
    )
    # Numeric references follow HTML's rules: Windows-1252 for 128-159, U+FFFD for NUL and surrogates.
    assert unescape_block("&#150;&#0;&#xD800;") == "\u2013\ufffd\ufffd"


def test_html_page_without_header_block_gives_the_body_alone() -> None:
    page = "<code><pre>UNCLAS STATE 000001&#x000A;&#x000A;TAGS: PREL</pre></code>"
    assert cable_from_page(page) == "UNCLAS STATE 000001\n\nTAGS: PREL"
    assert page_release(page) is None


def test_html_page_without_pre_block_is_a_record_with_its_problem(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text("<html><body><h3>Browse by origin</h3></body></html>", encoding="utf-8")
    [record] = read_html_page(page)
    assert record.problem is not None and record.problem.code == "CG006"


# ---------------------------------------------------------------------------
# JSON Lines
# ---------------------------------------------------------------------------


def test_jsonl_gives_the_corpus_texts_byte_for_byte() -> None:
    read = list(read_jsonl(CABLES_JSONL))
    good = [r for r in read if r.problem is None]
    assert len(good) == 14
    for record in good:
        assert record.release is not None and record.release.reference_id is not None
        assert record.load() == corpus_text(record.release.reference_id)


def test_jsonl_bad_lines_are_records_with_their_problem() -> None:
    read = list(read_jsonl(CABLES_JSONL))
    assert [r.provenance.record for r in read] == list(range(1, len(read) + 1))
    problems = [r for r in read if r.problem]
    assert [r.problem.code for r in problems if r.problem] == ["CG006", "CG006"]
    assert "not a JSON value" in str(problems[0].problem)
    assert problems[0].provenance.line == 16  # a blank line 15 is not a record, but it is a line


def test_jsonl_bytes_and_surrogates_that_are_not_text(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(
        b'{"text": "caf\xe9 UNCLAS"}\n'  # Latin-1: decoded under the policy
        b'{"text": "\x93quoted\x94"}\n'  # Windows-1252 quotes: refused by the policy
        b'{"text": "\\ud800"}\n'  # valid JSON, not text
    )
    read = list(read_jsonl(path))
    assert read[0].load() == "caf\xe9 UNCLAS"
    assert [r.problem.code if r.problem else None for r in read] == [None, "CG003", "CG003"]


def test_jsonl_byte_order_mark_is_no_part_of_the_first_record(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "UNCLAS X 000001"}\n{"text": "UNCLAS X 000002"}\n')
    read = list(read_jsonl(path))
    assert [r.load() for r in read] == ["UNCLAS X 000001", "UNCLAS X 000002"]
    assert read[0].provenance.offset == 3


def test_the_same_cables_in_csv_and_jsonl() -> None:
    from_csv = [r.load() for r in read_cables_csv(CABLES_CSV) if r.problem is None][:14]
    from_jsonl = [r.load() for r in read_jsonl(CABLES_JSONL) if r.problem is None]
    assert from_csv == from_jsonl


# ---------------------------------------------------------------------------
# Any input: records(), shards, pickling
# ---------------------------------------------------------------------------


def test_records_detects_formats_and_walks_directories() -> None:
    read = list(records([CABLES_CSV, CABLES_JSONL, HTML, CORPUS / "valid"]))
    formats = {r.provenance.format for r in read}
    assert formats == {"cables-csv", "jsonl", "text"}  # a directory in auto mode gives its *.txt files
    html = list(records(HTML, input_format="html"))
    assert len(html) == len(html_pages())
    texts = [r for r in read if r.provenance.format == "text"]
    expected = [*sorted(HTML.rglob("*.txt")), *sorted((CORPUS / "valid").rglob("*.txt"))]  # in argument order
    assert [Path(r.provenance.path) for r in texts] == expected
    assert all(r.text is None for r in texts)  # read by whoever loads it (a worker)


def test_records_of_a_missing_file_is_one_record_with_its_problem() -> None:
    for name in ("missing.csv", "missing.jsonl", "missing.html", "missing.txt"):
        [record] = records(name)
        with pytest.raises(RecordError) as caught:
            record.load()
        assert caught.value.problem.code == "CG002"
        assert record.name == name


def test_records_rejects_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown input format"):
        list(records(CABLES_CSV, input_format="xml"))


@pytest.mark.parametrize("size", [1, 3, 100])
def test_shards_read_the_same_records_as_the_stream(size: int) -> None:
    inputs = [CABLES_CSV, CABLES_JSONL, HTML, CORPUS / "valid"]
    streamed = list(records(inputs, include=["*.txt", "*.html"]))
    cut = shards(inputs, include=["*.txt", "*.html"], size=size)
    # A shard never starts at text between two records: it goes with the record before it.
    assert all(s.count is None or s.count <= size + 1 for s in cut)
    assert len(cut) > 1
    assert [r for s in cut for r in read_shard(s)] == streamed


def test_records_shards_and_problems_pickle() -> None:
    read = list(records([CABLES_CSV, CABLES_JSONL, HTML], include=["*.html"]))
    assert pickle.loads(pickle.dumps(read)) == read
    cut = shards(CABLES_CSV, size=4)
    assert pickle.loads(pickle.dumps(cut)) == cut
    problem = next(r.problem for r in read if r.problem)
    error = RecordError(problem)
    assert pickle.loads(pickle.dumps(error)).problem == problem


def test_standard_input_in_a_release_format(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CABLES_CSV.read_bytes())))
    read = list(records("-", input_format="cables-csv"))
    assert [r.name for r in read[:2]] == ["-#1", "-#2"]
    assert read[0].load() == corpus_text("04ANKARA348")
    with pytest.raises(ValueError, match="standard input"):
        shards("-")


def test_shards_hold_absolute_paths_and_show_the_given_ones(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(SAMPLES.parent)
    cut = shards(["sources/cables.csv", "sources/html"], include=["*.html"], size=4)
    assert all(Path(s.path).is_absolute() for s in cut if s.path)
    assert all(Path(f).is_absolute() for s in cut for f in s.files)
    expected = list(records(["sources/cables.csv", "sources/html"], include=["*.html"]))
    monkeypatch.chdir(tmp_path)  # a worker elsewhere
    read = [r for s in cut for r in read_shard(s)]
    assert read == expected
    assert read[0].name == "sources/cables.csv#1"


def test_a_directory_that_cannot_be_listed_is_a_record(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("UNCLAS X 000001\n", encoding="utf-8")
    locked = tmp_path / "locked"
    real_walk = os.walk

    def walk(top: Path, onerror: Any = None) -> Any:  # what os.walk does on a directory it may not list
        assert onerror is not None
        onerror(PermissionError(13, "Permission denied", str(locked)))
        return real_walk(top)

    monkeypatch.setattr(os, "walk", walk)
    read = list(records(tmp_path))
    assert [(r.name, r.problem.code if r.problem else None) for r in read] == [
        (str(locked), "CG002"),
        (str(tmp_path / "a.txt"), None),
    ]
    assert read[0].problem is not None and "Permission denied" in read[0].problem.message


# ---------------------------------------------------------------------------
# Property: what the release dialect writes, the reader reads back
# ---------------------------------------------------------------------------

# Text that stresses the dialect: quotes, backslashes, commas, line breaks of every kind, lines that look like a
# record start, non-ASCII.
_FIELD_TEXT = st.lists(
    st.sampled_from(['"', "\\", ",", "\n", "\r", "\r\n", '\n"1",', "'", "A", "7", " ", "¶", "é", "\t", "\x00"]),
    max_size=30,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=10**6).map(str),
            st.lists(_FIELD_TEXT, min_size=7, max_size=7),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_cables_csv_reads_back_what_the_release_dialect_writes(rows: list[tuple[str, list[str]]]) -> None:
    import tempfile  # noqa: PLC0415

    written = [[ident, *fields] for ident, fields in rows]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "cables.csv")
        write_cables_csv(written, path)
        read = list(read_cables_csv(path))
        assert [r.problem for r in read] == [None] * len(written)
        for record, row in zip(read, written, strict=True):
            assert record.release is not None and record.release.id == row[0]
            assert record.load() == (row[6] + "\n\n" + row[7] if row[6] else row[7])
            assert record.release.reference_id == (row[2] or None)
        cut = shards(path, size=2)
        assert [r for s in cut for r in read_shard(s)] == read

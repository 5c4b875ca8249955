"""One interpretation per fact: the Python API, the JSON record, the table row and ``cablegrammar show`` give
the same value for every main value (``cablegrammar.values.MAIN_VALUES``) of every cable.

The bundled fixtures are always checked; the whole shared corpus when it is on the machine.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import SHARED_CORPUS, valid_files

import cablegrammar
from cablegrammar import _json, interpret, serialize, table, values
from cablegrammar.cli import describe, shown
from cablegrammar.sources import Provenance, Record

pa = pytest.importorskip("pyarrow")  # the parquet extra; installed by the test extra


def _parsed(paths: list[Path]) -> list[tuple[str, cablegrammar.Cable]]:
    found = []
    for path in paths:
        try:
            found.append((path.name, cablegrammar.parse(cablegrammar.decode(path.read_bytes()))))
        except cablegrammar.CableSyntaxError:
            continue
    return found


def _json_form(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def compare_everywhere(cables: list[tuple[str, cablegrammar.Cable]]) -> int:
    """Assert the four ways agree on every main value of every cable; the number of values compared."""
    compared = 0
    rows = []
    disagreements: list[str] = []
    for name, cable in cables:
        api = values.main_values(cable)
        record = json.loads(_json.dumps(serialize.cable_record(cable, path=name)))
        row = table.cable_row(Record(Provenance("text", name)), cable)
        rows.append(row)
        show = describe(cable).split("\n")  # a value may hold U+2028: show prints it as it is
        for key, value in api.items():
            label = f"{key.replace('_', ' '):>16}  "
            printed = [line[len(label) :] for line in show if line.startswith(label)]
            expected_show = [] if shown(value) is None else [shown(value)]
            if record[key] != _json_form(value):
                disagreements.append(f"{name} {key}: API {value!r}, JSON {record[key]!r}")
            if row[key] != value:
                disagreements.append(f"{name} {key}: API {value!r}, table {row[key]!r}")
            if printed != expected_show:
                disagreements.append(f"{name} {key}: API {value!r}, show {printed!r}")
            compared += 1
        # The typed values block says the same as the main values.
        typed = record["values"]
        if (typed["cable_id"] or {}).get("id") != record["reference_id"] or typed["date"] != record["date"]:
            disagreements.append(f"{name}: values block id/date differ from the main values")
        instruction = (typed["eo"] or {}).get("declassification") or {}
        if instruction.get("kind") == "declassify_on" and instruction["date"] != record["declassify_on"]:
            disagreements.append(f"{name}: values block E.O. date differs from declassify_on")
    # The same rows through Arrow (what Parquet stores) read back equal.
    back = pa.Table.from_pylist(rows, schema=table.arrow_schema()).to_pylist()
    for row, stored in zip(rows, back, strict=True):
        for value in values.MAIN_VALUES:
            if stored[value.name] != row[value.name]:
                table_value, arrow_value = row[value.name], stored[value.name]
                disagreements.append(f"{row['name']} {value.name}: table {table_value!r}, Arrow {arrow_value!r}")
    assert disagreements == []
    return compared


def test_the_fixtures_read_the_same_everywhere() -> None:
    cables = _parsed(valid_files())
    assert compare_everywhere(cables) == len(cables) * len(values.MAIN_VALUES)


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="the shared corpus is not on this machine")
def test_the_shared_corpus_reads_the_same_everywhere() -> None:
    cables = _parsed(sorted(SHARED_CORPUS.glob("*/*.txt")))
    assert len(cables) > 4000
    assert compare_everywhere(cables) == len(cables) * len(values.MAIN_VALUES)


def test_reference_id_is_the_canonical_publisher_id_of_the_fixtures() -> None:
    """Every bundled valid fixture named by its refid reads that id (the year from its own text)."""
    wrong = []
    for name, cable in _parsed(valid_files()):
        refid = name.removesuffix(".txt").split("__")[-1]
        expected = interpret.canonical_id(refid)
        if expected is not None and cable.reference_id is not None and cable.reference_id != expected:
            wrong.append((name, cable.reference_id, expected))
    assert wrong == []

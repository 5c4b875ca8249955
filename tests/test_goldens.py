"""Semantic goldens: what every valid file of ``tests/corpus`` means, compared exactly.

A round trip checks bytes: ``render`` reprints the text each node stored, so it holds even when the transform
reads a field wrong.  A golden is the record ``cablegrammar parse`` writes for the file (main values, typed values
and the cable, without layout), kept in ``tests/goldens/<name>.json``.  A change in what a file means fails here.

When a change of meaning is intended, rewrite the goldens and read the diff before committing it::

    python -m pytest tests/test_goldens.py --update-goldens
    git diff tests/goldens
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import TESTS, valid_files

import cablegrammar
from cablegrammar import serialize

GOLDENS = TESTS / "goldens"
#: Lines of the difference shown when a golden disagrees.
SHOWN = 60


def golden_text(path: Path) -> str:
    """The golden of one valid file, as it is written: sorted keys, two-space indent, UTF-8 kept."""
    cable = cablegrammar.parse(cablegrammar.decode(path.read_bytes()))
    record: dict[str, Any] = serialize.cable_record(cable, path=f"valid/{path.name}")
    return json.dumps(record, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


@pytest.mark.parametrize("path", valid_files(), ids=lambda p: p.stem)
def test_golden(path: Path, request: pytest.FixtureRequest) -> None:
    golden = GOLDENS / f"{path.stem}.json"
    now = golden_text(path)
    if request.config.getoption("--update-goldens"):
        GOLDENS.mkdir(exist_ok=True)
        golden.write_text(now, encoding="utf-8")
        return
    assert golden.exists(), f"{golden.name} is missing: python -m pytest tests/test_goldens.py --update-goldens"
    kept = golden.read_text(encoding="utf-8")
    if now != kept:
        diff = list(difflib.unified_diff(kept.splitlines(), now.splitlines(), "golden", "parsed now", lineterm=""))
        shown = "\n".join(diff[:SHOWN]) + ("\n..." if len(diff) > SHOWN else "")
        pytest.fail(f"{path.name} reads differently from tests/goldens/{golden.name}:\n{shown}\n"
                    "If the change is meant, rewrite with --update-goldens and review the diff.", pytrace=False)


def test_every_golden_has_its_file() -> None:
    """No golden outlives its file; with test_golden, one golden per valid file."""
    names = {path.stem for path in valid_files()}
    orphans = sorted(g.name for g in GOLDENS.glob("*.json") if g.stem not in names)
    assert not orphans, f"goldens without a valid file: {orphans}"
    assert len(list(GOLDENS.glob("*.json"))) == len(names)


def test_goldens_are_json_records() -> None:
    """Each golden is a record of the current schema, with its main values and the cable."""
    for golden in sorted(GOLDENS.glob("*.json")):
        record = json.loads(golden.read_text(encoding="utf-8"))
        assert record["schema"] == serialize.SCHEMA_ID, golden.name
        assert {"reference_id", "date", "subject", "values", "cable"} <= record.keys(), golden.name
        assert "layout" not in json.dumps(record["cable"]).replace('"layout_', ""), golden.name

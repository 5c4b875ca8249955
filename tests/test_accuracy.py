"""The hand-typed labels of ``tests/accuracy``: well formed everywhere, and read no worse than before in CI.

The scorer is ``benchmarks/accuracy.py``; the conventions are in ``tests/accuracy/README.md``.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from accuracy.sample import half
from conftest import SHARED_CORPUS, TESTS

ACCURACY = TESTS / "accuracy"
FIELDS = ("transmission_id", "precedence", "date", "sender", "to", "info", "classification", "caveats",
          "reference_id", "eo_order", "declassify_on", "tags", "subject", "references", "classifier", "reasons",
          "paragraph_count", "paragraph_markings", "signature")
#: The annotated set's accuracy, overall and per field, at least (``python benchmarks/accuracy.py``; each floor is
#: the measured figure rounded down to half a point).  Raise a floor when a fix lifts the figure; never lower one
#: without saying why in the commit.
FLOORS: dict[str, dict[str, float]] = {
    "strict": {
        "overall": 0.985, "transmission_id": 0.99, "precedence": 0.99, "date": 0.99, "sender": 0.99, "to": 0.99,
        "info": 0.99, "classification": 0.99, "caveats": 1.0, "reference_id": 1.0, "eo_order": 0.99,
        "declassify_on": 0.99, "tags": 0.985, "normalized_tags": 0.985, "subject": 0.975, "references": 0.98,
        "reference_cable_ids": 0.98, "classifier": 0.99, "reasons": 0.99, "paragraph_count": 0.98,
        "paragraph_markings": 0.97, "signature": 0.975,
    },
    "recover": {
        "overall": 0.985, "transmission_id": 0.99, "precedence": 0.99, "date": 0.99, "sender": 0.99, "to": 0.99,
        "info": 0.99, "classification": 0.99, "caveats": 1.0, "reference_id": 1.0, "eo_order": 0.99,
        "declassify_on": 0.99, "tags": 0.985, "normalized_tags": 0.985, "subject": 0.975, "references": 0.98,
        "reference_cable_ids": 0.985, "classifier": 0.99, "reasons": 0.99, "paragraph_count": 0.975,
        "paragraph_markings": 0.965, "signature": 0.975,
    },
}


#: The family set's accuracy per family, strict, all fields of its cables at least (the same rounding).
FAMILY_FLOORS: dict[str, float] = {
    "signature_glued": 0.935, "paragraph_heads": 1.0, "ref_runs_on": 0.985, "reasons_from_body": 1.0,
    "captions_joined": 1.0, "page_break_in_paragraph": 0.95, "tags_continued": 1.0, "preview": 1.0,
}


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("accuracy", TESTS.parent / "benchmarks" / "accuracy.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _listed(listing: str) -> list[str]:
    return (ACCURACY / listing).read_text(encoding="utf-8").split()


def _label(file: str) -> dict[str, Any]:
    folder, name = file.split("/", maxsplit=1)
    loaded: dict[str, Any] = json.loads((ACCURACY / "labels" / f"{folder}__{Path(name).stem}.json").read_text("utf-8"))
    return loaded


def _family_files() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for row in (ACCURACY / "families.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        family, file = row.split("\t")
        found.setdefault(family, []).append(file)
    return found


def test_the_draw_has_the_sizes_the_readme_gives() -> None:
    annotated, unseen = _listed("annotated.txt"), _listed("unseen.txt")
    assert (len(annotated), len(unseen)) == (165, 30)
    in_families = {file for files in _family_files().values() for file in files}
    assert not in_families & (set(annotated) | set(unseen))
    assert len(list((ACCURACY / "labels").glob("*.json"))) == len(annotated) + len(unseen) + len(in_families)


def test_every_family_has_three_cables_of_the_working_half_or_the_other_folders() -> None:
    for family, files in _family_files().items():
        assert len(files) >= 3, family
        for file in files:
            label = _label(file)
            assert label["file"] == file
            assert set(label["fields"]) == set(FIELDS), file
            assert set(label["ambiguous"]) <= set(FIELDS), file
            expected = "work" if label["folder"] == "avilaroman_cablegate" else None
            assert label["half"] == expected, file
            if expected:
                assert half(Path(file).stem) == "work", file


@pytest.mark.parametrize("listing", ["annotated.txt", "unseen.txt"])
def test_every_label_is_complete_and_tagged_with_its_half(listing: str) -> None:
    for file in _listed(listing):
        label = _label(file)
        assert label["file"] == file
        assert label["folder"] == file.split("/", maxsplit=1)[0]
        assert set(label["fields"]) == set(FIELDS), file
        assert set(label["ambiguous"]) <= set(FIELDS), file
        if label["folder"] == "avilaroman_cablegate":
            assert label["half"] == half(Path(file).stem) == ("unseen" if listing == "unseen.txt" else "work"), file
        else:
            assert label["half"] is None, file


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="needs the shared corpus (../shared/corpus)")
@pytest.mark.parametrize("mode", ["strict", "recover"])
def test_the_annotated_set_reads_no_worse(mode: str) -> None:
    scorer = _scorer()
    result = scorer.score("annotated.txt", mode)
    measured = {name: result["right"][name] / result["scored"][name] for name in result["scored"]}
    measured["overall"] = scorer.overall(result)
    lower = {name: f"{measured[name]:.3f} < {floor}" for name, floor in FLOORS[mode].items() if measured[name] < floor}
    assert not lower, f"fields read worse than their floor ({mode}): {lower}"


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="needs the shared corpus (../shared/corpus)")
def test_every_family_reads_no_worse() -> None:
    scorer = _scorer()
    measured = {family: scorer.overall(scorer.score(found, "strict")) for family, found in scorer.families().items()}
    assert set(measured) == set(FAMILY_FLOORS)
    lower = {family: f"{measured[family]:.3f} < {floor}" for family, floor in FAMILY_FLOORS.items()
             if measured[family] < floor}
    assert not lower, f"families read worse than their floor: {lower}"

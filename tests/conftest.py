"""Shared fixtures: the curated corpus in the repo and the full shared corpus when present."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

TESTS = Path(__file__).resolve().parent
CORPUS = TESTS / "corpus"
#: Release-format samples of real cables (tests/sources/README.md).
SAMPLES = TESTS / "sources"
CABLES_CSV = SAMPLES / "cables.csv"
CABLES_JSONL = SAMPLES / "cables.jsonl"
HTML = SAMPLES / "html"
#: The full corpus lives beside the project on the team's machines and in CI only.
SHARED_CORPUS = Path(os.environ.get("CABLEGRAMMAR_SHARED_CORPUS", TESTS.parent.parent / "shared" / "corpus"))

# Hypothesis profiles for the property tests (tests/test_properties.py):
#   dev  (default) a quick look while developing;
#   ci   deterministic (derandomized, no example database), under a minute;
#   fuzz the long run: CABLEGRAMMAR_HYPOTHESIS_PROFILE=fuzz python -m pytest tests/test_properties.py
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
settings.register_profile("dev", max_examples=20, deadline=None, suppress_health_check=_SLOW_OK)
settings.register_profile("ci", max_examples=75, deadline=None, derandomize=True, database=None,
                          print_blob=True, suppress_health_check=_SLOW_OK)
settings.register_profile("fuzz", max_examples=10_000, deadline=None, print_blob=True,
                          suppress_health_check=_SLOW_OK)
settings.load_profile(os.environ.get("CABLEGRAMMAR_HYPOTHESIS_PROFILE", "dev"))


def read_bytes(path: Path) -> bytes:
    """Read a fixture byte for byte (no newline translation)."""
    return path.read_bytes()


def manifest() -> list[dict[str, str]]:
    """Rows of tests/corpus/MANIFEST.tsv."""
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def shared_manifest() -> list[dict[str, str]]:
    """Rows of the shared corpus's MANIFEST.tsv: every file it holds, whatever folders it grows."""
    with (SHARED_CORPUS / "MANIFEST.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def valid_files() -> list[Path]:
    return sorted((CORPUS / "valid").glob("*.txt"))


def invalid_files() -> list[Path]:
    return sorted((CORPUS / "invalid").glob("*.txt"))


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (CORPUS / "valid" / "seed__07BAKU864.txt").read_bytes().decode("utf-8")


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-goldens``: rewrite the semantic goldens of ``tests/goldens`` instead of comparing with them."""
    parser.addoption(
        "--update-goldens", action="store_true", default=False,
        help="rewrite tests/goldens/*.json from what the parser reads now (review the diff before committing)",
    )

"""Shared fixtures: the curated corpus in the repo and the full shared corpus when present."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
CORPUS = TESTS / "corpus"
#: The full corpus lives beside the project on the team's machines and in CI only.
SHARED_CORPUS = Path(os.environ.get("CABLEGRAMMAR_SHARED_CORPUS", TESTS.parent.parent / "shared" / "corpus"))


def read_bytes(path: Path) -> bytes:
    """Read a fixture byte for byte (no newline translation)."""
    return path.read_bytes()


def manifest() -> list[dict[str, str]]:
    """Rows of tests/corpus/MANIFEST.tsv."""
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def valid_files() -> list[Path]:
    return sorted((CORPUS / "valid").glob("*.txt"))


def invalid_files() -> list[Path]:
    return sorted((CORPUS / "invalid").glob("*.txt"))


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (CORPUS / "valid" / "seed__07BAKU864.txt").read_bytes().decode("utf-8")

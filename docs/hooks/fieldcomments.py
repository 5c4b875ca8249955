"""Sphinx-style ``#:`` field comments (as in ``cablegrammar/model.py``), read from source lines."""

from __future__ import annotations


def field_comment(lines: list[str], lineno: int) -> str | None:
    """The ``#:`` comment lines just above line ``lineno`` (1-based), joined, or None."""
    found: list[str] = []
    index = lineno - 2
    while index >= 0 and lines[index].strip().startswith("#:"):
        found.insert(0, lines[index].strip()[2:].strip())
        index -= 1
    return " ".join(found) or None

"""Cable text files, and the files of a directory."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from cablegrammar.sources._common import (
    DEFAULT_INCLUDE,
    INPUT_FORMATS,
    STDIN,
    InputFormat,
    Provenance,
    Record,
    _problem_record,
)

# ---------------------------------------------------------------------------
# Text files and directories
# ---------------------------------------------------------------------------


def _excluded(path: Path, root: Path, exclude: Sequence[str]) -> bool:
    relative = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    return any(fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(path.name, pattern) for pattern in exclude)


def find_files(
    root: Path, include: Sequence[str], exclude: Sequence[str] = (), errors: list[OSError] | None = None
) -> list[Path]:
    """The files under ``root`` (recursively, hidden directories skipped) matching ``include``, sorted.

    ``exclude`` globs match a file's path relative to ``root``, or its name.  Directories that cannot be
    listed are added to ``errors`` when it is given.
    """
    found = []
    for directory, subdirs, files in os.walk(root, onerror=errors.append if errors is not None else None):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in files:
            path = Path(directory, name)
            if any(fnmatch.fnmatch(name, pattern) for pattern in include) and not _excluded(path, root, exclude):
                found.append(path)
    return sorted(found)


def read_text_file(path: str | os.PathLike[str], *, name: str | None = None) -> Iterator[Record]:
    """A cable text file as one record (read when :meth:`Record.load` is called); ``name`` is the path shown."""
    location = os.fspath(path)
    yield Record(Provenance("text", name or location), location=location if name else None)


def detect_format(path: str | os.PathLike[str]) -> InputFormat:
    """The input format a file name suggests: ``.csv``, ``.html``/``.htm``, ``.jsonl``/``.ndjson``, else text.

    >>> detect_format("cables.csv"), detect_format("cable/2008/07/08VLADIVOSTOK68.html"), detect_format("a.txt")
    ('cables-csv', 'html', 'text')
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return "cables-csv"
    if suffix in (".html", ".htm"):
        return "html"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    return "text"


def _expand(
    paths: Iterable[str | os.PathLike[str]],
    input_format: str,
    include: Sequence[str] | None,
    exclude: Sequence[str],
) -> Iterator[tuple[InputFormat, str] | Record]:
    """Each input file with its format (a directory gives its matching files), or a record of a directory
    that could not be listed."""
    if input_format != "auto" and input_format not in INPUT_FORMATS:
        msg = f"unknown input format {input_format!r} (formats: auto, {', '.join(INPUT_FORMATS)})"
        raise ValueError(msg)
    globs = tuple(include) if include else DEFAULT_INCLUDE[input_format]
    for given in paths:
        name = os.fspath(given)
        root = Path(name)
        if name == STDIN or not root.is_dir():
            files = [name]
        else:
            errors: list[OSError] = []
            files = [str(p) for p in find_files(root, globs, exclude, errors)]
            for error in errors:
                where = error.filename or name
                message = f"cannot list the directory: {error.strerror or error}"
                yield _problem_record(input_format if input_format != "auto" else "text", where, "CG002", message)
        for file in files:
            fmt: InputFormat = detect_format(file) if input_format == "auto" else input_format  # type: ignore[assignment]
            yield fmt, file

"""Readers: cables as they were released, streamed one record at a time with their provenance.

Researchers do not hold cables as one text file each.  The readers here turn
the release formats into :class:`Record` objects: the cable text, where it came
from (:class:`Provenance`), and the release's own metadata (:class:`Release`):

``text``
    a cable text file (a directory is searched for ``*.txt``).
``cables-csv``
    the Cablegate ``cables.csv`` export: no header row, eight quoted fields
    (id, date, reference id, origin, classification, references, header,
    content), quotes escaped as ``\\"`` (a MySQL export).  The text is the
    header and the content joined by a blank line, the way the Cablegate HTML
    pages join their two ``<pre>`` blocks.  Read as a stream: memory is bounded
    by the largest record.
``html``
    a Cablegate HTML page (``cable/YYYY/MM/<id>.html``): the ``<pre>`` blocks,
    link tags dropped (their text, ``¶`` and the TAGS, kept) and entities
    decoded, joined by a blank line; the metadata table gives the release.
``jsonl``
    JSON Lines, one object per line with a ``text`` string (or ``header`` and
    ``content``, joined as in ``cables.csv``); the keys ``id``,
    ``reference_id``/``refid``, ``created``/``date``, ``released``,
    ``origin``, ``classification`` and ``references`` become the release.

Nothing is dropped: a record that cannot be read (a malformed CSV row, a
page without a ``<pre>`` block, a JSON line without a text, a file that
cannot be opened) is still a record, with a :class:`ReadProblem` instead of a
text, so every input record gives exactly one output row downstream.

Records, and the :class:`Shard` descriptors that cut a release into pieces for
parallel workers (:func:`shards`, :func:`read_shard`), are frozen attrs
objects that pickle.  This module does not import Lark.

>>> import csv, tempfile, pathlib
>>> row = ["1", "7/10/2007 11:31", "07BAKU864", "Embassy Baku", "UNCLASSIFIED", "",
...        "R 101131Z JUL 07", "UNCLAS BAKU 000864\\n\\nTAGS: PREL\\n"]
>>> path = pathlib.Path(tempfile.mkdtemp(), "cables.csv")
>>> with path.open("w", newline="") as f:
...     _ = csv.writer(f, CablegateDialect).writerow(row)
>>> [record] = read_cables_csv(path)
>>> record.name.endswith("cables.csv#1"), record.release.reference_id, record.release.created
(True, '07BAKU864', '2007-07-10T11:31')
>>> print(record.load())
R 101131Z JUL 07
<BLANKLINE>
UNCLAS BAKU 000864
<BLANKLINE>
TAGS: PREL
<BLANKLINE>
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Final, Protocol

import attrs

from cablegrammar._decode import decode
from cablegrammar.errors import CableDecodeError
from cablegrammar.sources._cablegate_csv import CablegateDialect, _csv_rows, read_cables_csv, write_cables_csv
from cablegrammar.sources._common import (
    CABLES_CSV_COLUMNS,
    DEFAULT_INCLUDE,
    HEADER_SEPARATOR,
    INPUT_FORMATS,
    STDIN,
    InputFormat,
    Provenance,
    ReadProblem,
    Record,
    RecordError,
    Release,
    _problem_record,
    iso_minute,
    join_header,
    split_header,
)
from cablegrammar.sources._html import cable_from_page, page_release, read_html_page, unescape_block
from cablegrammar.sources._jsonl import _json_lines, read_jsonl
from cablegrammar.sources._text import _expand, detect_format, find_files, read_text_file


def records(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    input_format: str = "auto",
    include: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
) -> Iterator[Record]:
    """Stream the records of files and directories, in order.

    ``input_format`` is ``auto`` (by file name: see :func:`detect_format`) or
    one of :data:`INPUT_FORMATS`.  A directory is searched recursively for
    ``include`` globs (by default the format's usual names, ``*.txt`` for
    ``auto``).  ``-`` reads standard input (as a text file in ``auto``).  A
    file that cannot be read gives one record with its problem.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for item in _expand(paths, input_format, include, exclude):
        if isinstance(item, Record):
            yield item
        else:
            fmt, file = item
            yield from _read_stdin(fmt) if file == STDIN else _FILE_READERS[fmt](file)


# ---------------------------------------------------------------------------
# Standard input
# ---------------------------------------------------------------------------


def _read_stdin(fmt: InputFormat) -> Iterator[Record]:
    if fmt == "text":
        try:
            yield Record(Provenance("text", STDIN), text=decode(sys.stdin.buffer.read()))
        except CableDecodeError as exc:
            yield _problem_record("text", STDIN, "CG003", str(exc))
        return
    import shutil  # noqa: PLC0415
    import tempfile  # noqa: PLC0415

    # The readers stream from a file: standard input is copied to one in blocks (constant memory), then read.
    with tempfile.TemporaryDirectory() as tmp:
        spooled = Path(tmp, "stdin")
        with spooled.open("wb") as spool:
            shutil.copyfileobj(sys.stdin.buffer, spool)
        yield from _FILE_READERS[fmt](str(spooled), name=STDIN)


class _Reader(Protocol):
    def __call__(self, path: str, *, name: str | None = None) -> Iterator[Record]: ...


_FILE_READERS: Final[dict[str, _Reader]] = {
    "text": read_text_file,
    "cables-csv": read_cables_csv,
    "html": read_html_page,
    "jsonl": read_jsonl,
}


# ---------------------------------------------------------------------------
# Shards: a release cut into pieces for parallel workers
# ---------------------------------------------------------------------------


@attrs.frozen
class Shard:
    """A piece of the input that one worker reads by itself: some files, or a run of records in one file.

    Shards are small (paths and offsets, no text), so a task graph that
    carries them stays small; :func:`read_shard` reads the records.
    """

    format: str
    #: The files of a shard of text files or HTML pages (absolute paths: a worker may run elsewhere).
    files: tuple[str, ...] = ()
    #: The file of a shard of ``cables.csv`` or JSON Lines records (absolute).
    path: str = ""
    #: Byte offset, ordinal and line of the shard's first record.
    offset: int = 0
    record: int = 1
    line: int = 1
    #: How many records the shard holds (None: to the end of the file).
    count: int | None = None
    #: The paths as given (shown in provenance): ``names[i]`` for ``files[i]``, or ``names[0]`` for ``path``.
    names: tuple[str, ...] = ()
    #: Records already made: directories that could not be listed.
    records: tuple[Record, ...] = ()


def shards(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    input_format: str = "auto",
    include: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    size: int = 256,
) -> list[Shard]:
    """Cut the inputs into shards of about ``size`` records each, in input order.

    Text files and pages are grouped ``size`` to a shard.  A ``cables.csv``
    or JSON Lines file is read once to find the record boundaries (the CSV
    fields hold newlines, so a byte range cannot be cut blindly).  Reading
    every shard with :func:`read_shard` gives the same records as
    :func:`records`.  Standard input cannot be sharded.
    """
    if size < 1:
        raise ValueError("shard size must be at least 1")
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    result: list[Shard] = []
    pending: list[str] = []
    pending_format = ""

    def flush() -> None:
        if pending:
            files = tuple(os.path.abspath(file) for file in pending)
            result.append(Shard(pending_format, files=files, names=tuple(pending)))
            pending.clear()

    for item in _expand(paths, input_format, include, exclude):
        if isinstance(item, Record):
            flush()
            result.append(Shard(item.provenance.format, records=(item,)))
            continue
        fmt, file = item
        if file == STDIN:
            raise ValueError("standard input cannot be cut into shards; save it to a file first")
        if fmt in ("cables-csv", "jsonl"):
            flush()
            result += _record_shards(fmt, file, size)
            continue
        if fmt != pending_format or len(pending) >= size:
            flush()
            pending_format = fmt
        pending.append(file)
    flush()
    return result


def _record_starts(fmt: str, path: str) -> list[tuple[int, int, int, bool]]:
    """(offset, record, line, whether a shard may start there) of every record of a file."""
    if fmt == "jsonl":
        return [(offset, number, line, True) for number, line, offset, _ in _json_lines(path, 0, 1, 1, None)]
    # Text found between two records is read as such only after the record before it: no shard starts there.
    return [(row.offset, row.record, row.line, not row.between) for row in _csv_rows(path)]


def _record_shards(fmt: str, path: str, size: int) -> list[Shard]:
    location, names = os.path.abspath(path), (path,)
    try:
        starts = _record_starts(fmt, path)
    except OSError:
        return [Shard(fmt, path=location, names=names)]  # reading it gives the problem record
    if not starts:
        return [Shard(fmt, path=location, count=0, names=names)]
    cuts: list[int] = []
    for i, (_, _, _, can_start) in enumerate(starts):
        if not cuts or (i - cuts[-1] >= size and can_start):
            cuts.append(i)
    return [
        Shard(
            fmt, path=location, offset=starts[i][0], record=starts[i][1], line=starts[i][2], count=end - i, names=names
        )
        for i, end in zip(cuts, [*cuts[1:], len(starts)], strict=True)
    ]


def read_shard(shard: Shard) -> Iterator[Record]:
    """The records of one shard, in order."""
    yield from shard.records
    if shard.format in ("cables-csv", "jsonl") and shard.path:
        reader = read_cables_csv if shard.format == "cables-csv" else read_jsonl
        name = shard.names[0] if shard.names else None
        yield from reader(
            shard.path, offset=shard.offset, record=shard.record, line=shard.line, count=shard.count, name=name
        )
        return
    for i, file in enumerate(shard.files):
        name = shard.names[i] if shard.names else None
        yield from _FILE_READERS[shard.format](file, name=name)


__all__ = [
    "CABLES_CSV_COLUMNS",
    "DEFAULT_INCLUDE",
    "HEADER_SEPARATOR",
    "INPUT_FORMATS",
    "STDIN",
    "CablegateDialect",
    "InputFormat",
    "Provenance",
    "ReadProblem",
    "Record",
    "RecordError",
    "Release",
    "Shard",
    "cable_from_page",
    "detect_format",
    "find_files",
    "iso_minute",
    "join_header",
    "page_release",
    "read_cables_csv",
    "read_html_page",
    "read_jsonl",
    "read_shard",
    "read_text_file",
    "records",
    "shards",
    "split_header",
    "unescape_block",
    "write_cables_csv",
]

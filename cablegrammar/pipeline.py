"""What a worker does with one record, and running it over a stream of records on several processes.

The per-record functions never raise: a record that cannot be read or parsed
gives its error (a finding, an error record, an error row), so every input
record gives exactly one result.  They are top-level functions of plain
arguments, so they pickle to worker processes (stdlib or Dask), and the
parser is built lazily, once, in each process that parses.

>>> from cablegrammar.sources import Provenance, Record
>>> record = Record(Provenance("jsonl", "cables.jsonl", record=3), text="UNCLAS STATE 000001\\n\\nTAGS: PREL\\n")
>>> table_row(record)["tags"], json_record(record)["source"]["record"]
(['PREL'], 3)
>>> broken = Record(Provenance("jsonl", "cables.jsonl", record=4), text="TAGS: PREL\\n")
>>> row = table_row(broken)
>>> row["parsed"], row["error_code"], row["name"]
(False, 'CG100', 'cables.jsonl#4')
>>> list(parallel_map(len, ["a", "bb", "ccc"], workers=1))
[1, 2, 3]
"""

from __future__ import annotations

import collections
import concurrent.futures
import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from cablegrammar import CableSyntaxError, parse
from cablegrammar.errors import LINE_BREAK
from cablegrammar.findings import Finding, finding_record
from cablegrammar.model import Cable
from cablegrammar.sources import Record, RecordError

_T = TypeVar("_T")
_R = TypeVar("_R")


def record_finding(record: Record, error: RecordError) -> Finding:
    """The finding for a record that has no text (CG002, CG003, CG006)."""
    return Finding(path=record.name, code=error.problem.code, severity="error", message=error.problem.message)


def internal_finding(name: str, exc: BaseException) -> Finding:
    """The finding for a bug of cablegrammar met on one input (CG005): the run goes on."""
    return Finding(
        path=name,
        code="CG005",
        severity="error",
        message=f"internal error ({type(exc).__name__}: {exc}); please report it with this file",
    )


def read_and_parse(record: Record, *, recover: bool = False) -> tuple[str | None, Cable | None, Finding | None]:
    """The record's text and cable, or the finding that stopped it (never raises)."""
    text: str | None = None
    try:
        text = record.load()
        return text, parse(text, recover=recover), None
    except RecordError as exc:
        return text, None, record_finding(record, exc)
    except CableSyntaxError as exc:
        return text, None, Finding.from_syntax_error(record.name, exc)
    except Exception as exc:  # a bug must be a finding for this record, not a crash of the run
        return text, None, internal_finding(record.name, exc)


def _source_line(text: str, number: int) -> str:
    """Line ``number`` (1-based) as the grammar counts lines: str.splitlines would also break at U+2028, a form
    feed or a vertical tab, which are text to the grammar.

    >>> _source_line("UNCLAS STATE 000001\\n\\nSUBJECT: A\\u2028B\\n1. (U) Text.\\n", 4)
    '1. (U) Text.'
    """
    lines = LINE_BREAK.split(text)
    return lines[number - 1] if 0 < number <= len(lines) else ""


def check_record(
    record: Record,
    *,
    select: tuple[str, ...] | None = None,
    ignore: tuple[str, ...] = (),
    recover: bool = False,
) -> list[Finding]:
    """Strict parse and validation of one record: its findings (empty when clean).

    ``select`` None runs every validation rule; an empty tuple runs none.
    """
    text, cable, finding = read_and_parse(record, recover=recover)
    if finding is not None:
        return [finding]
    assert text is not None and cable is not None
    name = record.name
    problems = [  # recovery mode: every stretch the grammar refused
        Finding(name, p.code, "error", p.message, p.line, p.column, source_line=_source_line(text, p.line))
        for p in cable.diagnostics
    ]
    if select == ():
        return problems
    try:
        from cablegrammar.validate import validate  # noqa: PLC0415

        diagnostics = validate(cable, select=select, ignore=ignore)
    except Exception as exc:
        return [internal_finding(name, exc)]
    return problems + [
        Finding(
            path=name,
            code=d.code,
            severity=str(d.severity),
            message=d.message,
            line=d.line,
            column=d.column,
            end_line=d.end_line,
            end_column=d.end_column,
            hint=d.hint,
            source_line=_source_line(text, d.line),
        )
        for d in diagnostics
    ]


def json_record(record: Record, *, layout: bool = False, recover: bool = False) -> dict[str, Any]:
    """One record as the JSON record ``cablegrammar parse`` writes: the parsed cable, or the error.

    Records read from a release file (not plain text files) carry a ``source`` block.
    """
    from cablegrammar.serialize import cable_record, error_record, source_block  # noqa: PLC0415

    _, cable, finding = read_and_parse(record, recover=recover)
    result: dict[str, Any]
    if finding is None:
        assert cable is not None
        try:
            result = cable_record(cable, path=record.name, layout=layout)
        except Exception as exc:
            result = error_record(record.name, finding_record(internal_finding(record.name, exc)))
    else:
        result = error_record(record.name, finding_record(finding))
    if record.provenance.format != "text":
        result["source"] = source_block(record.provenance, record.release)
    return result


def table_row(record: Record, *, recover: bool = False) -> dict[str, Any]:
    """One record as a row of the flat table (:mod:`cablegrammar.table`): the cable's fields, or the error."""
    from cablegrammar.table import cable_row, error_row  # noqa: PLC0415

    text, cable, finding = read_and_parse(record, recover=recover)
    if finding is None:
        assert cable is not None
        try:
            return cable_row(record, cable, text)
        except Exception as exc:
            finding = internal_finding(record.name, exc)
    return error_row(record, finding, text)


# ---------------------------------------------------------------------------
# Several processes
# ---------------------------------------------------------------------------


def _map_batch(func: Callable[[_T], _R], batch: list[_T]) -> list[_R]:
    return [func(item) for item in batch]


def parallel_map(
    func: Callable[[_T], _R],
    items: Iterable[_T],
    *,
    workers: int,
    batch_size: int = 16,
    in_flight: int | None = None,
) -> Iterator[_R]:
    """``map(func, items)`` in input order, on ``workers`` processes when more than one.

    Unlike ``ProcessPoolExecutor.map``, which reads its whole input first,
    this takes ``items`` lazily: at most ``in_flight`` batches (default: three
    per worker) of ``batch_size`` items are queued, so a stream of any length
    runs in constant memory.  ``func`` and the items must pickle (a top-level
    function, or a ``functools.partial`` of one).
    """
    if batch_size < 1 or (in_flight is not None and in_flight < 1):
        raise ValueError("batch_size and in_flight must be at least 1")
    if workers <= 1:
        yield from map(func, items)
        return
    window = in_flight or 3 * workers
    iterator = iter(items)
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        pending: collections.deque[concurrent.futures.Future[list[_R]]] = collections.deque()
        while True:
            while len(pending) < window:
                batch = list(itertools.islice(iterator, batch_size))
                if not batch:
                    break
                pending.append(pool.submit(_map_batch, func, batch))
            if not pending:
                return
            yield from pending.popleft().result()

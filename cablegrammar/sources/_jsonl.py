"""JSON Lines, one cable per line, with the release's keys."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any, Final

from cablegrammar._decode import decode
from cablegrammar.errors import CableDecodeError
from cablegrammar.sources._common import (
    _BOM,
    Provenance,
    ReadProblem,
    Record,
    Release,
    _unreadable_file,
    iso_minute,
    join_header,
)

# ---------------------------------------------------------------------------
# JSON Lines
# ---------------------------------------------------------------------------

_JSON_RELEASE_KEYS: Final = {
    "id": "id",
    "reference_id": "reference_id",
    "refid": "reference_id",
    "created": "created",
    "date": "created",
    "released": "released",
    "origin": "origin",
    "classification": "classification",
    "references": "references",
}


def _json_release(obj: dict[str, Any]) -> Release | None:
    found: dict[str, Any] = {}
    for key, field in _JSON_RELEASE_KEYS.items():
        value = obj.get(key)
        if value is None or field in found:
            continue
        if field == "references":
            items = value.split("|") if isinstance(value, str) else value if isinstance(value, list) else []
            found[field] = tuple(str(item) for item in items if item)
        elif isinstance(value, (str, int)):
            found[field] = iso_minute(str(value)) if field in ("created", "released") else str(value)
    return Release(**found) if found else None


def _json_text(obj: Any) -> str | None:
    if not isinstance(obj, dict):
        return None
    text = obj.get("text")
    if isinstance(text, str):
        return text
    content = obj.get("content")
    header = obj.get("header") or ""
    if isinstance(content, str) and isinstance(header, str):
        return join_header(header, content)
    return None


def _json_lines(
    path: str, offset: int, record: int, line: int, count: int | None
) -> Iterator[tuple[int, int, int, bytes]]:
    with open(path, "rb") as stream:
        stream.seek(offset)
        done = 0
        for raw in stream:
            if count is not None and done >= count:
                return
            if raw.startswith(_BOM):  # a byte order mark is no part of the JSON
                raw = raw[len(_BOM) :]  # noqa: PLW2901
                offset += len(_BOM)
            if raw.strip():
                yield record, line, offset, raw
                record += 1
                done += 1
            offset += len(raw)
            line += 1


def read_jsonl(  # noqa: PLR0913 - keyword-only positions of a shard
    path: str | os.PathLike[str],
    *,
    offset: int = 0,
    record: int = 1,
    line: int = 1,
    count: int | None = None,
    name: str | None = None,
) -> Iterator[Record]:
    """Stream the records of a JSON Lines file: one object per non-blank line (see the module documentation).

    A line whose bytes do not decode (under the decoding policy), or whose
    text holds a lone surrogate (``"\\ud800"``), is a record with a ``CG003``
    problem; a line that is not JSON, or not an object with a ``text`` (or
    ``content``) string, one with a ``CG006`` problem.
    """
    location = os.fspath(path)
    shown = name or location
    try:
        for number, start_line, start, raw in _json_lines(location, offset, record, line, count):
            provenance = Provenance("jsonl", shown, record=number, line=start_line, offset=start)
            try:
                obj = json.loads(decode(raw))
            except CableDecodeError as exc:
                yield Record(provenance, problem=ReadProblem("CG003", str(exc)))
                continue
            except ValueError as exc:
                yield Record(provenance, problem=ReadProblem("CG006", f"not a JSON value: {exc}"))
                continue
            text = _json_text(obj)
            if text is None:
                message = "a JSON Lines record is an object with a 'text' string (or 'header' and 'content')"
                yield Record(provenance, problem=ReadProblem("CG006", message))
                continue
            try:
                text.encode("utf-8")
            except UnicodeEncodeError as exc:
                message = f"the text holds a lone surrogate (\\u{ord(text[exc.start]):04x}) at {exc.start}: not text"
                yield Record(provenance, problem=ReadProblem("CG003", message))
                continue
            yield Record(provenance, text=text, release=_json_release(obj))
    except OSError as exc:
        yield _unreadable_file("jsonl", shown, exc)

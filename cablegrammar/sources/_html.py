"""The Cablegate HTML pages: the ``<pre>`` blocks and the metadata table."""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator
from pathlib import Path

from cablegrammar._decode import decode
from cablegrammar.errors import CableDecodeError
from cablegrammar.sources._common import (
    HEADER_SEPARATOR,
    Provenance,
    ReadProblem,
    Record,
    Release,
    _problem_record,
    _unreadable_file,
    iso_minute,
)

# ---------------------------------------------------------------------------
# Cablegate HTML pages
# ---------------------------------------------------------------------------

_PRE_BLOCK = re.compile(r"<code><pre>(.*?)</pre></code>", re.DOTALL)
# The pages mark up only links inside the blocks: paragraph anchors (¶) and TAGS.
_LINK_TAG = re.compile(r"</?a\b[^>]*>")
# Numeric references and the five XML names only: raw '&' is common in the text (R&D), and
# html.unescape would also decode legacy names without a semicolon ('&not' -> '¬').
_ENTITY = re.compile(r"&(?:#[xX]([0-9A-Fa-f]+)|#([0-9]+)|(amp|lt|gt|quot|apos));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_META_TABLE = re.compile(r"<table class=['\"]cable['\"]>(.*?)</table>", re.DOTALL)
_META_CELL = re.compile(r"<td>\s*<a [^>]*>([^<]*)</a>\s*</td>")


def _entity(match: re.Match[str]) -> str:
    name = match.group(3)
    if name:
        return _NAMED[name]
    # A numeric reference alone is safe to give html.unescape, which follows HTML's rules for the odd ones
    # (&#150; is the Windows-1252 dash, &#0; and surrogates become U+FFFD).
    return html.unescape(match.group())


def unescape_block(block: str) -> str:
    """The text of one ``<pre>`` block: link tags dropped (their text kept), entities decoded.

    >>> unescape_block("TAGS: <a href='/tag/PGOV_0.html'>PGOV</a>&#x000A;R&D &amp; S&not")
    'TAGS: PGOV\\nR&D & S&not'
    """
    return _ENTITY.sub(_entity, _LINK_TAG.sub("", block))


def page_release(page: str) -> Release | None:
    """The release metadata of a Cablegate page's table (the link texts; the links' titles are unreliable)."""
    table = _META_TABLE.search(page)
    if table is None:
        return None
    cells = [html_text.strip() for html_text in _META_CELL.findall(table.group(1))]
    if len(cells) < 5:
        return None
    reference_id, created, released, classification, origin = (unescape_block(c) or None for c in cells[:5])
    return Release(
        reference_id=reference_id,
        created=iso_minute(created),
        released=iso_minute(released),
        classification=classification,
        origin=origin,
    )


def cable_from_page(page: str) -> str | None:
    """The cable text of a Cablegate HTML page: its ``<pre>`` blocks joined by a blank line, or None."""
    blocks = _PRE_BLOCK.findall(page)
    if not blocks:
        return None
    return HEADER_SEPARATOR.join(unescape_block(block) for block in blocks)


def read_html_page(path: str | os.PathLike[str], *, name: str | None = None) -> Iterator[Record]:
    """A Cablegate HTML page as one record: the cable text and the release metadata."""
    location = os.fspath(path)
    name = name or location
    try:
        page = decode(Path(location).read_bytes())
    except OSError as exc:
        yield _unreadable_file("html", name, exc)
        return
    except CableDecodeError as exc:
        yield _problem_record("html", name, "CG003", str(exc))
        return
    text = cable_from_page(page)
    provenance = Provenance("html", name)
    if text is None:
        problem = ReadProblem("CG006", "no <code><pre> block: not a Cablegate cable page")
        yield Record(provenance, problem=problem)
        return
    yield Record(provenance, text=text, release=page_release(page))

"""The anatomy of a cable as a picture: its lines, a coloured band for each part, a callout linking to its rule.

Computed from the parse tree when the pages are built (``docgen._spans``), so it cannot drift from the grammar.
Used by the MkDocs hook (the home page, the guided tours) and by ``tests/test_docs.py``.
"""

from __future__ import annotations

import bisect
import colorsys
import html
import re
from dataclasses import dataclass

from railroad_svg import rule_anchor

#: The parts shown, by rule: the callout's words and the band's colour group.
PARTS: dict[str, tuple[str, str]] = {
    "transmission_line": ("format line 1: transmission id", "envelope"),
    "routing_line": ("format line 2: precedence and routing indicators", "envelope"),
    "station_line": ("format line 3: originating station and serial", "envelope"),
    "security_line": ("format line 4: security", "envelope"),
    "dtg_line": ("format line 5: precedence, date-time group", "envelope"),
    "from_line": ("FM: the sender", "address"),
    "to_section": ("TO: action addressees", "address"),
    "info_section": ("INFO: information addressees", "address"),
    "short_envelope": ("date-time group and addresses", "envelope"),
    "classification_line": ("classification line and message reference", "marking"),
    "caption_line": ("caption", "marking"),
    "text_block": ("free text (passing line, heading)", "text"),
    "eo_line": ("E.O. line: order and declassification", "header"),
    "tags_line": ("TAGS: subject and country codes", "header"),
    "subject": ("SUBJECT", "header"),
    "references": ("REF: cables referred to", "header"),
    "classified_by": ("Classified By: official and reasons", "header"),
    "paragraph": ("numbered paragraph, portion marking", "body"),
    "page_break": ("page break", "layout"),
    "rule_line": ("rule line", "layout"),
    "signature": ("signature", "ending"),
    "end_of_message": ("end of message", "ending"),
    "classification_footer": ("classification, repeated", "ending"),
}
#: Band colours (hue, saturation) per group; consecutive bands of a group alternate in lightness.
_COLOURS = {
    "envelope": (210, 70), "address": (190, 60), "marking": (0, 70), "header": (140, 50),
    "text": (45, 20), "body": (30, 85), "layout": (0, 0), "ending": (275, 50),
}
FONT_PX = 12
LINE_PX = 17
CHAR_PX = 7.3
#: Lines longer than this are cut (with an ellipsis) in the picture.
WIDTH_CHARS = 88
_TEXT_X = 14


@dataclass(frozen=True)
class Band:
    """One part of the cable: its rule, its first and last line (1-based)."""

    rule: str
    first: int
    last: int


def bands(text: str, spans: list[tuple[str, int, int]]) -> list[Band]:
    """The parts of ``text`` the picture shows, in order: the outermost nodes of a rule in :data:`PARTS`."""
    starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            starts.append(index + 1)
    chosen = [(name, start, end) for name, start, end in spans if name in PARTS and end > start]
    outer = [n for n in chosen if not any(o is not n and o[1] <= n[1] and n[2] <= o[2] for o in chosen)]
    found = []
    for name, start, end in sorted(outer, key=lambda node: node[1]):
        visible = text[start:end].rstrip()
        first = bisect.bisect_right(starts, start)
        last = bisect.bisect_right(starts, start + max(len(visible) - 1, 0))
        found.append(Band(name, first, last))
    return found


def _colour(hue: int, saturation: int, lightness: int) -> str:
    """An HSL colour as ``#rrggbb`` (what every SVG renderer reads)."""
    red, green, blue = colorsys.hls_to_rgb(hue / 360, lightness / 100, saturation / 100)
    return f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}"


_PARAGRAPH_HEAD = re.compile(r"[ \t¶-]*([0-9]{1,3})[.,]*[ \t]*(?:\(([A-Z][A-Z/ -]*)\))?")


def _label(band: Band, lines: list[str]) -> str:
    """The callout of a band: the part's words; a paragraph's number and portion marking."""
    if band.rule == "paragraph":
        head = _PARAGRAPH_HEAD.match(lines[band.first - 1])
        if head:
            marking = f", marked ({head[2]})" if head[2] else ""
            return f"paragraph {head[1]}{marking}"
    return PARTS[band.rule][0]


def _shown(line: str) -> str:
    line = line.replace("\t", "    ").rstrip()
    return line if len(line) <= WIDTH_CHARS else line[: WIDTH_CHARS - 1] + "…"


def anatomy_svg(text: str, spans: list[tuple[str, int, int]], grammar_href: str, fold: int | None = None) -> str:
    """The picture of ``text`` as an SVG element.

    ``grammar_href``: the grammar reference page's URL from the page the picture is on (callouts link to
    ``grammar_href#rule-...``).  ``fold``: show at most that many lines of a longer part, then one ``…`` line.
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    parts = bands(text, spans)
    rows: list[tuple[int | None, str]] = []  # (source line or None for a fold mark, shown text)
    row_of: dict[int, int] = {}
    folded: set[int] = set()
    for band in parts:
        if fold is not None and band.last - band.first + 1 > fold + 1:
            folded.update(range(band.first + fold, band.last + 1))
    for number, line in enumerate(lines, start=1):
        if number in folded:
            if number - 1 not in folded:
                rows.append((None, "…"))
            continue
        row_of[number] = len(rows)
        rows.append((number, _shown(line)))
    labels = [_label(band, lines) for band in parts]
    # Callouts stand in a column on the left, so that they stay in view when a narrow page scrolls the
    # cable's long lines; the bands and the text follow them.
    label_width = max((len(label) for label in labels), default=0) * CHAR_PX
    band_x = label_width + 28
    text_width = max((len(shown) for _, shown in rows), default=0) * CHAR_PX + 2 * _TEXT_X
    width = band_x + text_width + 2
    height = len(rows) * LINE_PX + 12
    out = [
        f'<svg class="cable-anatomy" xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height}" '
        f'viewBox="0 0 {width:.0f} {height}" role="img" aria-label="The parts of a cable">',
    ]
    seen: dict[str, int] = {}
    for band, label in zip(parts, labels, strict=True):
        hue, saturation = _COLOURS[PARTS[band.rule][1]]
        count = seen[PARTS[band.rule][1]] = seen.get(PARTS[band.rule][1], -1) + 1
        light = 88 if count % 2 == 0 else 80
        top_row = row_of[band.first]
        bottom_row = max(row_of.get(n, top_row) for n in range(band.first, band.last + 1))
        if any(n in folded for n in range(band.first, band.last + 1)):
            bottom_row += 1  # the fold mark
        y = 6 + top_row * LINE_PX
        h = (bottom_row - top_row + 1) * LINE_PX
        colour = _colour(hue, saturation, light)
        stripe = _colour(hue, saturation, 35)
        out.append(f'<rect x="{band_x:.0f}" y="{y}" width="{text_width:.0f}" height="{h}" fill="{colour}"/>')
        out.append(f'<rect x="{band_x:.0f}" y="{y}" width="4" height="{h}" fill="{stripe}"/>')
        mid = y + LINE_PX / 2
        out.append(f'<line x1="{label_width + 8:.0f}" y1="{mid:.1f}" x2="{band_x:.0f}" y2="{mid:.1f}" '
                   f'stroke="{stripe}" stroke-width="1"/>')
        out.append(f'<a href="{html.escape(grammar_href)}#{rule_anchor(band.rule)}">'
                   f'<text x="{label_width + 4:.0f}" y="{mid + 4:.1f}" class="callout" font-size="{FONT_PX}" '
                   f'text-anchor="end" fill="{stripe}"><title>rule {band.rule}</title>{html.escape(label)}</text></a>')
    for index, (_number, shown) in enumerate(rows):
        y = 6 + index * LINE_PX + LINE_PX - 4
        out.append(f'<text x="{band_x + _TEXT_X:.0f}" y="{y}" font-size="{FONT_PX}" xml:space="preserve">'
                   f"{html.escape(shown)}</text>")
    out.append("</svg>")
    return "\n".join(out)


def anatomy_block(text: str, spans: list[tuple[str, int, int]], grammar_href: str, fold: int | None = None) -> str:
    """:func:`anatomy_svg` in a scrolling block, for a Markdown page."""
    return f'<div class="anatomy" markdown="0">\n{anatomy_svg(text, spans, grammar_href, fold)}\n</div>\n'

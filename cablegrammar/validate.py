"""The validator: rules with stable codes (``CG2xx``) over a parsed cable.

Parsing says where each field is; the rules say when one is wrong or odd.
Each rule has a stable code, a kebab-case name, a severity, a reason and an
example (:data:`RULES`, documented in ``docs/validation-rules.md``).  Rules are
selected like ruff's: ``select=["CG2"]`` takes every code starting with
``CG2``, ``ignore=["CG27"]`` drops the style rules.  ``[tool.cablegrammar]``
in the nearest ``pyproject.toml`` can set both (:func:`load_config`).

Positions are 1-based lines and columns (end column exclusive), computed
from the model by rendering the items in order (no re-parsing).

>>> import cablegrammar
>>> from cablegrammar.validate import validate
>>> cable = cablegrammar.parse("UNCLAS STATE 000001\\n\\nSUBJ: TEST\\n")
>>> [(d.code, d.line, d.column) for d in validate(cable)]
[('CG211', 1, 1), ('CG270', 3, 1)]
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from cablegrammar import _shapes, codes, model, values
from cablegrammar.codes import Severity
from cablegrammar.errors import LINE_BREAK
from cablegrammar.interpret import Precedence
from cablegrammar.model import Cable
from cablegrammar.render import render_node, rendered_parts

__all__ = ["RULES", "Diagnostic", "Rule", "Severity", "SourceMap", "ValidationConfig", "load_config", "validate"]


@attrs.frozen
class Diagnostic:
    """One finding: a rule code, a message and where (1-based; ``end_column`` exclusive)."""

    code: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    hint: str | None = None


@attrs.frozen
class Rule:
    """A validation rule and its documentation."""

    #: Stable code, ``CG2xx``.
    code: str
    #: Kebab-case name.
    name: str
    severity: Severity
    #: One line: what the rule reports.
    summary: str
    #: Why it matters.
    why: str
    #: Cable text that triggers it.
    example: str


# ---------------------------------------------------------------------------
# Positions
# ---------------------------------------------------------------------------

Span = tuple[int, int, int, int]


class SourceMap:
    """Where each node of a cable is in its text, from the model (items rendered in order)."""

    def __init__(self, cable: Cable) -> None:
        parts: list[str] = []
        self._starts: dict[int, int] = {}
        self._texts: dict[int, str] = {}
        offset = 0
        for node, text in rendered_parts(cable):  # the text render() writes, node by node
            if node is not None:
                self._starts[id(node)] = offset
                self._texts[id(node)] = text
                if isinstance(node, model.Paragraph) and (node.page_turns or node.stamp_turns):
                    self._add_turns(node, text, offset)
            parts.append(text)
            offset += len(text)
        #: The cable's text (the source, for a parsed cable).
        self.text = "".join(parts)
        self._line_starts = [0] + [match.end() for match in LINE_BREAK.finditer(self.text)]

    def _add_turns(self, paragraph: model.Paragraph, text: str, start: int) -> None:
        """Place the page-break lines and stamps inside a paragraph: each is a node of its own for
        :meth:`node_span`."""
        at = 0
        for turn in paragraph.turns:
            node = turn.node
            written = render_node(node).strip()  # the source text, or the canonical one of a hand-made node
            words = r"\s+".join(map(re.escape, written.split()))
            match = re.compile(rf"^[ \t]*{words}[ \t]*(?:\r\n|\n|\r)?", re.MULTILINE).search(text, at)
            if match is None:  # not written in the paragraph's text (a hand-made model): no position
                continue
            self._starts[id(node)] = start + match.start()
            self._texts[id(node)] = match[0]
            at = match.end()

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset into :attr:`text`."""
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        """(line, column, end_line, end_column) of offsets into :attr:`text`."""
        return (*self.position(start), *self.position(max(start, end)))

    def node_text(self, node: Any) -> str:
        """The node's text as rendered."""
        return self._texts[id(node)]

    def node_span(self, node: Any, start: int = 0, end: int | None = None) -> Span:
        """A span inside a node: offsets relative to the node's text; default: its first line."""
        base = self._starts[id(node)]
        text = self._texts[id(node)]
        if end is None:
            line_end = LINE_BREAK.search(text, start)
            end = line_end.start() if line_end else len(text)
            end = len(text[:end].rstrip(" \t")) if text[start:end].strip() else end
        return self.span(base + start, base + end)

    def find(self, node: Any, pattern: str | re.Pattern[str], start: int = 0, group: int = 0) -> Span | None:
        """The span of a regex match in a node's text, or None."""
        match = re.compile(pattern).search(self._texts[id(node)], start)
        if match is None:
            return None
        return self.node_span(node, match.start(group), match.end(group))

    def lines(self) -> Iterator[tuple[int, str]]:
        """``(line number, line without its ending)`` of the whole text."""
        for index, start in enumerate(self._line_starts):
            end = self._line_starts[index + 1] if index + 1 < len(self._line_starts) else len(self.text)
            yield index + 1, LINE_BREAK.sub("", self.text[start:end])


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------

Check = Callable[[Cable, SourceMap], Iterable[tuple[Span, str, str | None]]]
_CHECKS: dict[str, Check] = {}
_RULES: dict[str, Rule] = {}


def _rule(  # noqa: PLR0913 - one argument per Rule field
    code: str, name: str, severity: Severity, summary: str, why: str, example: str
) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        _RULES[code] = Rule(code, name, severity, summary, why, example)
        _CHECKS[code] = check
        return check

    return register


def _cable_start(cable: Cable, smap: SourceMap) -> Span:
    nodes = (*(getattr(cable, part) for part in model.HEAD_PARTS), *cable.items[:1])
    first = next((node for node in nodes if node is not None), None)
    return smap.node_span(first) if first is not None else (1, 1, 1, 1)


def _envelope_line(cable: Cable, smap: SourceMap, pattern: str, group: int = 0) -> Span | None:
    if cable.envelope is None:
        return None
    return smap.find(cable.envelope, re.compile(pattern, re.MULTILINE), group=group)


_ENVELOPE_EXAMPLE = (
    "VZCZCXRO7895\nPP RUEHDBU\nDE RUEHKB #0865 1911131\nZNY CCCCC ZZH\nP 101131Z JUL 07\nFM AMEMBASSY BAKU\n"
    "TO RUEHC/SECSTATE WASHDC PRIORITY 3445\n\nCONFIDENTIAL BAKU 000864\n"
)


@_rule(
    "CG201",
    "station-serial-mismatch",
    Severity.WARNING,
    "The DE line's station serial differs from the message reference number's serial.",
    "The station serial (#0864) repeats the low four digits of the MRN serial (BAKU 000864) in every "
    "well-formed cable; a difference means a garbled envelope, or an envelope and a text of different cables.",
    _ENVELOPE_EXAMPLE,
)
def _station_serial(cable: Cable, smap: SourceMap) -> Iterator[tuple[Span, str, str | None]]:
    envelope, line = cable.envelope, cable.classification_line
    if envelope is None or line is None or not envelope.station_serial or not line.serial.isdigit():
        return
    if not envelope.station_serial.isdigit():
        return
    expected = int(line.serial) % 10000
    if int(envelope.station_serial) != expected:
        span = _envelope_line(cable, smap, r"^DE\s+\S+\s+(#[0-9]+)", 1)
        if span:
            yield (
                span,
                f"station serial #{envelope.station_serial} does not match the MRN serial {line.origin} {line.serial}",
                f"the DE line should read #{expected:04d}",
            )


@_rule(
    "CG202",
    "prosign-precedence-mismatch",
    Severity.WARNING,
    "The precedence prosign (PP, OO...) is not the highest precedence of the addressees.",
    "ACP 127: the prosign of format line 2 is the doubled letter of the highest precedence among the "
    "addressees (an addressee without a precedence word is routine); it drives switch processing order.",
    "VZCZCXRO7895\nOO RUEHDBU\nDE RUEHKB #0864 1911131\nZNY CCCCC ZZH\nP 101131Z JUL 07\nFM AMEMBASSY BAKU\n"
    "TO RUEHC/SECSTATE WASHDC 3445\n\nCONFIDENTIAL BAKU 000864\n",
)
def _prosign(cable: Cable, smap: SourceMap) -> Iterator[tuple[Span, str, str | None]]:
    envelope = cable.envelope
    if envelope is None or not envelope.routing_prosign:
        return
    addressees = envelope.to + envelope.info
    if not addressees:
        return
    prosign = Precedence.from_token(envelope.routing_prosign)
    highest = max(address.precedence or Precedence.ROUTINE for address in addressees)
    if highest is Precedence.NIACT_IMMEDIATE:
        highest = Precedence.IMMEDIATE
    if prosign is not None and prosign != highest:
        letter = highest.letter
        span = _envelope_line(cable, smap, r"^([ZOPRY]{2})\b", 1)
        if span:
            yield (
                span,
                f"prosign {envelope.routing_prosign} ({prosign.value}) but the highest addressee precedence is "
                f"{highest.value}",
                f"write {letter}{letter}",
            )


@_rule(
    "CG203",
    "filing-time-mismatch",
    Severity.WARNING,
    "The DE line's filing time is a day or more away from the date-time group.",
    "The filing time (Julian day + HHMM) is when the message was filed for transmission; it is normally "
    "within minutes of the date-time group. A day or more apart means one of the two is wrong.",
    "VZCZCXRO7895\nPP RUEHDBU\nDE RUEHKB #0864 1931131\nZNY CCCCC ZZH\nP 101131Z JUL 07\nFM AMEMBASSY BAKU\n"
    "TO RUEHC/SECSTATE WASHDC PRIORITY 3445\n\nCONFIDENTIAL BAKU 000864\n",
)
def _filing_time(cable: Cable, smap: SourceMap) -> Iterator[tuple[Span, str, str | None]]:
    filed, dated = values.filing_time(cable), values.date_time_group(cable)
    if filed is None or dated is None:
        return
    if abs(filed - dated) >= dt.timedelta(days=1):
        span = _envelope_line(cable, smap, r"^DE\s+\S+\s+#\S+\s+([0-9]{7})", 1)
        if span:
            yield (
                span,
                f"filing time {filed:%d %b %Y %H%MZ} is {abs(filed - dated).days} day(s) from the date-time group "
                f"{dated:%d %b %Y %H%MZ}",
                None,
            )


@_rule(
    "CG204",
    "invalid-date",
    Severity.ERROR,
    "The date-time group or the filing time is not a real calendar date or time.",
    "A date-time group identifies the message; 310900Z FEB 09 or a filing day 367 cannot be resolved to a time.",
    "P 300900Z FEB 09\nFM AMEMBASSY BAKU\n\nUNCLAS BAKU 000001\n",
)
def _invalid_date(cable: Cable, smap: SourceMap) -> Iterator[tuple[Span, str, str | None]]:
    envelope = cable.envelope
    if envelope is None:
        return
    if envelope.date_time_group and values.date_time_group(cable) is None:
        span = _envelope_line(cable, smap, r"([0-9]{6}Z\s+[A-Z]{3}\s+[0-9]{2,4})")
        if span:
            yield span, f"date-time group {envelope.date_time_group} is not a real date", None
    if envelope.filing_time:
        year = cable.year or 2001  # any non-leap year: only day 366 depends on it
        if values.resolve_filing_time(envelope.filing_time, year) is None and not (
            envelope.filing_time.startswith("366") and cable.year is None
        ):
            span = _envelope_line(cable, smap, r"^DE\s+\S+\s+#\S+\s+([0-9]{7})", 1)
            if span:
                yield span, f"filing time {envelope.filing_time} is not a day of the year and a time", None


@_rule(
    "CG210",
    "missing-classification-line",
    Severity.ERROR,
    "The text has no classification line (classification + message reference number).",
    "The first line of the text carries the overall classification and the MRN (post + serial) that the "
    "cable's reference id is built from.",
    "P 101131Z JUL 07\nFM AMEMBASSY BAKU\nTO SECSTATE WASHDC\n\nSIPDIS\n\nSUBJECT: NO FIRST LINE\n",
)
def _missing_classification(cable: Cable, smap: SourceMap) -> Iterator[tuple[Span, str, str | None]]:
    artifact = cable.release_artifact
    if isinstance(artifact, model.ExportRecord) and artifact.shape == "row":
        return  # the telegram is inside a raw export row, which CG280 reports
    if cable.classification_line is None:
        redacted = next((item for item in cable.items if isinstance(item, model.RedactedLine)), None)
        if redacted is not None:
            yield smap.node_span(redacted), f"no classification line: it is redacted ({redacted.text})", None
        else:
            yield _cable_start(cable, smap), "no classification line", None


def _missing(kind: str, what: str) -> Check:
    def check(cable: Cable, smap: SourceMap) -> Iterator[tuple[Span, str, str | None]]:
        present = cable.tags if kind == "tags" else getattr(cable, kind)
        if not present and cable.classification_line is not None:
            yield smap.node_span(cable.classification_line), f"no {what}", None

    return check


_rule(
    "CG211",
    "missing-tags",
    Severity.WARNING,
    "The cable has no TAGS line.",
    "TAGS index the cable by geography and subject (5 FAH-3); every cable must carry at least one.",
    "UNCLAS STATE 000001\n\nSUBJECT: NO TAGS\n",
)(_missing("tags", "TAGS"))
_rule(
    "CG212",
    "missing-subject",
    Severity.WARNING,
    "The cable has no SUBJECT line.",
    "The subject is how a cable is found and cited.",
    "UNCLAS STATE 000001\n\nTAGS: PREL\n",
)(_missing("subject", "SUBJECT"))


@_rule(
    "CG213",
    "missing-classified-by",
    Severity.WARNING,
    "A classified cable has no Classified By line.",
    "Classified material names its classifier and the reason (E.O. 12958 section 1.4/1.5 letters).",
    "CONFIDENTIAL BAKU 000864\n\nTAGS: PREL AJ\nSUBJECT: TEST\n\n1. (C) Text.\n",
)
def _missing_classified_by(cable: Cable, smap: SourceMap) -> Iterator[tuple[Span, str, str | None]]:
    line = cable.classification_line
    level = values.Classification.parse(line.classification) if line else None
    if line is None or level is None or not level.is_classified or cable.classified_by is not None:
        return
    # The parser keeps a Classified By glued to REF or written "(U) Classified by ..." as other text:
    # the line is there, only not on a line of its own, so the rule does not fire.
    if not _CLASSIFIED_BY_TEXT.search(smap.text):
        yield smap.node_span(line), f"{level.value} cable without a Classified By line", None


_CLASSIFIED_BY_TEXT = re.compile(r"\bCLASSI?F?I?E?D\s+BY\b", re.IGNORECASE)


@_rule(
    "CG220",
    "unknown-executive-order",
    Severity.WARNING,
    "The E.O. line names an order that is not a classification order.",
    "Classification is governed by E.O. 11652, 12065, 12356, 12958 or 13526; another number is a typo "
    "(12598, 19528) or a line that is not an E.O. line.",
    "SECRET STATE 000001\n\nE.O. 12598: DECL: 01/01/2019\nTAGS: PREL\n",
)
def _unknown_order(cable: Cable, smap: SourceMap) -> Iterator[tuple[Span, str, str | None]]:
    for item in cable.items:
        if isinstance(item, model.EOLine) and item.order not in values.KNOWN_EXECUTIVE_ORDERS:
            span = smap.find(item, re.escape(item.order))
            if span:
                close = [order for order in values.KNOWN_EXECUTIVE_ORDERS if _one_edit(order, item.order)]
                hint = f"did you mean E.O. {close[0]}?" if close else None
                yield span, f"E.O. {item.order} is not a known classification order", hint


def _one_edit(a: str, b: str) -> bool:
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1 or any(
            a[:i] + a[i + 1] + a[i] + a[i + 2 :] == b for i in range(len(a) - 1)
        )
    if abs(len(a) - len(b)) == 1:
        short, long = sorted((a, b), key=len)
        return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
    return False


@_rule(
    "CG221",
    "declassification-before-date",
    Severity.WARNING,
    "The declassification date is not after the cable's date.",
    "A declassify-on date is a future date when the cable is written (usually ten or twenty-five years on); "
    "one on or before the cable's date is a typo.",
    "P 101131Z JUL 07\nFM AMEMBASSY BAKU\n\nCONFIDENTIAL BAKU 000864\n\nE.O. 12958: DECL: 07/10/2006\n",
)
def _declassification_date(cable: Cable, smap: SourceMap) -> Iterator[tuple[Span, str, str | None]]:
    line = cable.eo
    if line is None:
        return
    typed = values.declassification(line.declassification)
    if not isinstance(typed, values.DeclassifyOn):
        return
    dated = values.date_time_group(cable)
    too_early = typed.date <= dated.date() if dated else (cable.year is not None and typed.date.year < cable.year)
    if too_early:
        span = smap.find(line, r"[0-9]{1,4}[/-][0-9]{1,3}[/-][0-9]{2,4}") or smap.node_span(line)
        when = f"{dated:%d %b %Y}" if dated else str(cable.year)
        yield span, f"declassification date {typed.date.isoformat()} is not after the cable's date ({when})", None


@_rule(
    "CG230",
    "no-geographic-tag",
    Severity.WARNING,
    "The TAGS name no country or region.",
    "TAGS are 'Traffic Analysis by Geography and Subject': a geographic tag says which country the cable is about.",
    "UNCLAS STATE 000001\n\nTAGS: PREL PGOV\n",
)
def _no_geographic(cable: Cable, smap: SourceMap) -> Iterator[tuple[Span, str, str | None]]:
    typed = values.tags(cable)
    if typed and not any(tag.kind is values.TagKind.GEOGRAPHIC for tag in typed):
        node = _tags_node(cable)
        if node is not None:
            yield smap.node_span(node), "no geographic tag among " + ", ".join(cable.tags), None


def _tags_node(cable: Cable) -> Any:
    for item in cable.items:
        if isinstance(item, model.TagsLine) or (isinstance(item, model.EOLine) and item.tags):
            return item
    return None


_TAG_HINTS = {"RU": "RS", "IQ": "IZ", "YE": "YM", "VZ": "VE", "POGOV": "PGOV", "MOPPS": "MOPS", "SYR": "SY",
              "UAE": "AE", "GE": "GG", "VN": "VM", "UE": "EUN", "PINT": "PGOV", "PFOR": "PREL"}


@_rule(
    "CG231",
    "unknown-tag",
    Severity.INFO,
    "A tag is in none of the bundled tables (geographic, subject, program, organization, person).",
    "Unknown tags are usually typos (POGOV, MOPPS), ISO codes where TAGS use FIPS 10-4 (RU for RS, IQ for IZ), "
    "glued tags or free words, and are missed by anyone searching for the right tag.",
    "UNCLAS STATE 000001\n\nTAGS: POGOV RS\n",
)
def _unknown_tags(cable: Cable, smap: SourceMap) -> Iterator[tuple[Span, str, str | None]]:
    node = _tags_node(cable)
    if node is None:
        return
    text = smap.node_text(node)
    label = _TAGS_LABEL.search(text)
    cursor = label.end() if label else 0
    for tag in values.tags(cable):
        found = text.find(tag.text.split()[0], cursor)
        if found >= 0:
            cursor = found + len(tag.text.split()[0])
        if tag.kind is not values.TagKind.UNKNOWN or found < 0:
            continue
        hint = _TAG_HINTS.get(tag.text.upper())
        yield (
            smap.node_span(node, found, found + len(tag.text.split()[0])),
            f"unknown tag {tag.text}",
            f"did you mean {hint}?" if hint else None,
        )


@_rule(
    "CG240",
    "reference-labels-out-of-sequence",
    Severity.WARNING,
    "REF items are not lettered A, B, C... in order.",
    "Paragraphs cite references by letter ('per ref B'); a skipped or repeated letter makes such a citation "
    "ambiguous.",
    "UNCLAS STATE 000001\n\nREF: A. BAKU 837\n     C. BAKU 836\n",
)
def _reference_labels(cable: Cable, smap: SourceMap) -> Iterator[tuple[Span, str, str | None]]:
    block = next((item for item in cable.items if isinstance(item, model.References)), None)
    if block is None:
        return
    labels = [reference.label for reference in block.references]
    if not any(labels):
        return
    text = smap.node_text(block)
    cursor = 0
    expected: str | None = "A"
    items = values.merge_doubled_enumerators(block.references)
    for index, reference in enumerate(items):
        label = reference.label
        pattern = re.compile(r"(?<![A-Za-z])[\(\[]?" + re.escape(label or "") + r"[.):\]]") if label else None
        match = pattern.search(text, cursor) if pattern else None
        where = (match.start(), match.end()) if match else (0, 0)
        if match:
            cursor = match.end()
        if label != expected:
            span = smap.node_span(block, *where) if match else smap.node_span(block)
            got = f"label {label}" if label else "an unlettered item"
            yield span, f"REF item {index + 1} has {got}; expected {expected}", f"letter it {expected}."
        current = label or expected
        expected = chr(ord(current) + 1) if current and current < "Z" else None


@_rule(
    "CG250",
    "paragraph-numbering",
    Severity.WARNING,
    "Numbered paragraphs do not run 1, 2, 3... without gaps or repeats.",
    "Cables cite their own paragraphs ('see para 5'); the FAH numbers paragraphs consecutively. A gap often "
    "means lost text, a repeat a pasted or quoted cable.",
    "UNCLAS STATE 000001\n\n1. (U) One.\n\n3. (U) Three.\n",
)
def _paragraph_numbers(cable: Cable, smap: SourceMap) -> Iterator[tuple[Span, str, str | None]]:
    expected = 1
    for paragraph in cable.paragraphs:
        if paragraph.number != expected:
            span = smap.find(paragraph, r"[0-9]+") or smap.node_span(paragraph)
            if paragraph.number < expected:
                message = f"paragraph {paragraph.number} after paragraph {expected - 1}"
            else:
                message = f"paragraph {paragraph.number} where {expected} was expected"
            yield span, message, f"number it {expected}."
        expected = paragraph.number + 1


def _a(word: str) -> str:
    return ("an " if word[0] in "AEIOU" else "a ") + word


def _banner(cable: Cable) -> values.Classification | None:
    line = cable.classification_line
    return values.Classification.parse(line.classification) if line else None


@_rule(
    "CG251",
    "missing-portion-marking",
    Severity.WARNING,
    "A paragraph of a classified cable has no portion marking.",
    "Every portion of a classified document is marked with its own level - (U), (C), (S) - so it can be "
    "released or quoted separately.",
    "CONFIDENTIAL BAKU 000864\n\n1. Text without a marking.\n",
)
def _missing_marking(cable: Cable, smap: SourceMap) -> Iterator[tuple[Span, str, str | None]]:
    banner = _banner(cable)
    if banner is None or not banner.is_classified:
        return
    for paragraph in cable.paragraphs:
        if paragraph.marking is None:
            span = smap.find(paragraph, r"[0-9]+\.?") or smap.node_span(paragraph)
            yield span, f"paragraph {paragraph.number} of {_a(banner.value)} cable has no portion marking", None


def _marked_paragraphs(cable: Cable) -> Iterator[tuple[model.Paragraph, values.Classification]]:
    for paragraph in cable.paragraphs:
        marking = values.parse_marking(paragraph.marking) if paragraph.marking else None
        if marking is not None and marking.classification is not None:
            yield paragraph, marking.classification


@_rule(
    "CG252",
    "marking-above-banner",
    Severity.ERROR,
    "A paragraph is marked higher than the cable's classification.",
    "The banner classification is the highest level of any portion; a SECRET paragraph in a CONFIDENTIAL "
    "cable means the banner or the marking is wrong.",
    "CONFIDENTIAL BAKU 000864\n\n1. (S) Text.\n",
)
def _above_banner(cable: Cable, smap: SourceMap) -> Iterator[tuple[Span, str, str | None]]:
    banner = _banner(cable)
    if banner is None or not banner.is_classified:
        return
    for paragraph, level in _marked_paragraphs(cable):
        if level > banner:
            span = smap.find(paragraph, r"\(([^)]*)\)", group=1) or smap.node_span(paragraph)
            yield span, f"paragraph {paragraph.number} is marked {level.value} in {_a(banner.value)} cable", None


@_rule(
    "CG253",
    "classified-marking-in-unclassified-cable",
    Severity.ERROR,
    "A paragraph of an unclassified (or LIMITED OFFICIAL USE) cable is marked CONFIDENTIAL or higher.",
    "Classified text in a cable sent as unclassified is a spill; or the banner is wrong.",
    "UNCLAS STATE 000001\n\n1. (C) Text.\n",
)
def _classified_in_unclassified(cable: Cable, smap: SourceMap) -> Iterator[tuple[Span, str, str | None]]:
    banner = _banner(cable)
    if banner is None or banner.is_classified:
        return
    for paragraph, level in _marked_paragraphs(cable):
        if level.is_classified:
            span = smap.find(paragraph, r"\(([^)]*)\)", group=1) or smap.node_span(paragraph)
            yield span, f"paragraph {paragraph.number} is marked {level.value} in {_a(banner.value)} cable", None


@_rule(
    "CG260",
    "section-out-of-range",
    Severity.ERROR,
    "SECTION n OF m with n greater than m, or a zero.",
    "Sections are numbered 1..m; SECTION 03 OF 02 cannot be reassembled.",
    "UNCLAS SECTION 03 OF 02 STATE 000001\n",
)
def _section_range(cable: Cable, smap: SourceMap) -> Iterator[tuple[Span, str, str | None]]:
    for item in cable.items:
        if isinstance(item, model.ClassificationLine) and item.section is not None:
            number, total = item.section
            if not 1 <= number <= total:
                span = smap.find(item, r"SECTION\s+[0-9]+\s+OF\s+[0-9]+") or smap.node_span(item)
                yield span, f"SECTION {number} OF {total}", None


@_rule(
    "CG261",
    "station-section-mismatch",
    Severity.WARNING,
    "The DE line's section (/01) differs from the classification line's SECTION number.",
    "The envelope of each section carries that section's number; a mismatch pairs an envelope with the "
    "wrong section.",
    "VZCZCXRO7895\nPP RUEHDBU\nDE RUEHKB #0864/02 1911131\nZNY CCCCC ZZH\nP 101131Z JUL 07\nFM AMEMBASSY BAKU\n"
    "TO RUEHC/SECSTATE WASHDC PRIORITY 3445\n\nCONFIDENTIAL SECTION 01 OF 02 BAKU 000864\n",
)
def _station_section(cable: Cable, smap: SourceMap) -> Iterator[tuple[Span, str, str | None]]:
    envelope, line = cable.envelope, cable.classification_line
    if envelope is None or line is None or line.section is None or not envelope.station_section:
        return
    if envelope.station_section.isdigit() and int(envelope.station_section) != line.section[0]:
        span = _envelope_line(cable, smap, r"^DE\s+\S+\s+#[0-9]+/([0-9]+)", 1)
        if span:
            yield (
                span,
                f"DE line section /{envelope.station_section} but the text is SECTION {line.section[0]:02d}",
                None,
            )


#: Each field's label as the grammar reads it (with a colon after it, where one is written), and its standard
#: spelling (compared in upper case, blanks removed).
_LABELS = (
    (model.Subject, re.compile(rf"^[ \t¶]*({_shapes.group('SUBJECT_KW')}(?:[ \t]*:)?)"), "SUBJECT:"),
    (model.EOLine, re.compile(rf"^[ \t¶]*({_shapes.group('EO_WORD')})"), "E.O."),
    (model.TagsLine, re.compile(rf"^[ \t¶]*({_shapes.group('TAGS_KW')}(?:[ \t]*:)?)"), "TAGS:"),
)
#: The TAGS label, where an E.O. line or a TAGS line has it, and what separates it from the first tag.
_TAGS_LABEL = re.compile(rf"{_shapes.group('TAGS_KW')}(?:{_shapes.regexp('TAGS_SEPARATOR')})?")


@_rule(
    "CG270",
    "non-canonical-label",
    Severity.INFO,
    "A field label is not spelled the standard way (SUBJ:, EO, TAGS without a colon...).",
    "The standard labels are SUBJECT:, E.O. and TAGS:; other spellings are tolerated by the parser but "
    "trip up other tools and searches.",
    "UNCLAS STATE 000001\n\nEO 12958 DECL: 12/31/2034\nSUBJ: TEST\n",
)
def _labels(cable: Cable, smap: SourceMap) -> Iterator[tuple[Span, str, str | None]]:
    for item in cable.items:
        for kind, pattern, canonical in _LABELS:
            if not isinstance(item, kind):
                continue
            match = pattern.match(smap.node_text(item))
            if match and match[1].upper().replace(" ", "") != canonical:
                yield smap.node_span(item, match.start(1), match.end(1)), f"label {match[1]!r}", f"write {canonical}"


@_rule(
    "CG271",
    "trailing-whitespace",
    Severity.INFO,
    "A line ends in spaces or tabs.",
    "Trailing blanks are invisible noise (most Cablegate text has a space at the end of every line, an "
    "artefact of the export); they break exact comparisons of text.",
    "UNCLAS STATE 000001 \n",
)
def _trailing_whitespace(cable: Cable, smap: SourceMap) -> Iterator[tuple[Span, str, str | None]]:
    for number, line in smap.lines():
        stripped = line.rstrip(" \t")
        if len(stripped) != len(line):
            span = (number, len(stripped) + 1, number, len(line) + 1)
            yield span, "trailing whitespace", "remove it"


#: The classification word as the grammar reads it on the classification line (any case, after blanks or a
#: stray quote), and what makes it letter-spaced: its first word is a letter (or one doubled: SS E C R E T).
_CLASSIFICATION_WORD = re.compile(rf"(?i:[ \t\"]*)((?i:{_shapes.group('CLASSIFICATION_WORD')}))")
_SPACED = re.compile(r"([A-Za-z])\1? ")


@_rule(
    "CG272",
    "letter-spaced-classification",
    Severity.INFO,
    "The classification is letter-spaced (C O N F I D E N T I A L).",
    "Letter-spacing was a teletype convention to make the word stand out; the word itself is the canonical "
    "spelling for search and tools.",
    "C O N F I D E N T I A L BAKU 000864\n",
)
def _letter_spaced(cable: Cable, smap: SourceMap) -> Iterator[tuple[Span, str, str | None]]:
    line = cable.classification_line
    if line is None:
        return
    match = _CLASSIFICATION_WORD.match(smap.node_text(line))
    if match and _SPACED.match(match[1]):
        yield smap.node_span(line, match.start(1), match.end(1)), f"letter-spaced {line.classification}", (
            f"write {line.classification}"
        )


_PREAMBLE_ARTIFACTS = {"print_heading": "an archive's print heading", "mail_header": "a mail client's header",
                       "stray_lines": "lines before the envelope"}
_ARTIFACT_KINDS = {
    model.InboxExport: "a mailbox export header",
    model.Preview: "a cut-off preview of the text",
    model.ExportRecord: "a Cablegate export record",
    model.EditorialNote: "an editorial note",
}


@_rule(
    "CG280",
    "release-artifact",
    Severity.WARNING,
    "The file carries text of its export or release that is no part of the telegram.",
    "A mailbox export header (user, date, folder), a mail client's header (From:, Sent:, To:), an archive's "
    "print heading (Telegram...), stray lines before the envelope (markup, a label), a web page's cut-off preview "
    "of the text (ending in ...), a record of the Cablegate "
    "database export (ID:, ORIGIN:, ... or the cables.csv columns) or a publisher's editorial note (NOTE - DO NOT "
    "PUBLISH) was written into the cable's text; the parser keeps it as a node of its own, but tools that read the "
    "file as a telegram, and anyone quoting it, should leave it out.",
    "P 121709Z FEB 10\nFM AMEMBASSY BERLIN\nTO SECSTATE WASHDC PRIORITY 6546\n\nID: 248711\n"
    "ORIGIN: 10BERLIN180\nSOURCE: Embassy Berlin\nCLASSIFICATION: CONFIDENTIAL\n\n"
    "C O N F I D E N T I A L BERLIN 000180\n",
)
def _release_artifact(cable: Cable, smap: SourceMap) -> Iterator[tuple[Span, str, str | None]]:
    for node in cable.artifacts:
        what = _PREAMBLE_ARTIFACTS[node.kind] if isinstance(node, model.Preamble) else _ARTIFACT_KINDS[type(node)]
        if isinstance(node, model.ExportRecord) and node.reference_id and set(node.reference_id) != {"X"}:
            what += f" for {node.reference_id}"
        elif isinstance(node, model.InboxExport):
            what += f" ({node.user}, {node.exported})"
        yield _artifact_span(node, smap), f"{what} in the file", "remove it to get the telegram as sent"


def _artifact_span(node: Any, smap: SourceMap) -> Span:
    """The artifact's lines, from its first to its last non-blank line."""
    text = smap.node_text(node)
    start = len(text) - len(text.lstrip(" \t\r\n"))
    return smap.node_span(node, start, len(text.rstrip(" \t\r\n")))


#: Every rule, by code, in code order.
RULES: Mapping[str, Rule] = dict(sorted(_RULES.items()))


# ---------------------------------------------------------------------------
# Selection, configuration, entry point
# ---------------------------------------------------------------------------


def selected_codes(select: Iterable[str] | None = None, ignore: Iterable[str] = ()) -> list[str]:
    """The rule codes that ``select``/``ignore`` prefixes leave, in code order (``select=None``: all); see
    :func:`cablegrammar.codes.select`."""
    return codes.select(RULES, select, ignore)


def validate(cable: Cable, *, select: Iterable[str] | None = None, ignore: Iterable[str] = ()) -> list[Diagnostic]:
    """Run the selected rules over a cable; diagnostics sorted by position, then code.

    ``select`` and ``ignore`` take code prefixes (``"CG2"``, ``"CG27"``, ``"CG231"``); an unknown
    prefix raises ``ValueError``.
    """
    smap = SourceMap(cable)
    found = []
    for code in selected_codes(select, ignore):
        rule = RULES[code]
        for (line, column, end_line, end_column), message, hint in _CHECKS[code](cable, smap):
            found.append(Diagnostic(code, rule.severity, message, line, column, end_line, end_column, hint))
    return sorted(found, key=lambda d: (d.line, d.column, d.code, d.end_line, d.end_column, d.message))


@attrs.frozen
class ValidationConfig:
    """Rule selection read from ``[tool.cablegrammar]``."""

    #: Code prefixes to run (None: every rule).
    select: tuple[str, ...] | None = None
    #: Code prefixes to skip.
    ignore: tuple[str, ...] = ()
    #: The pyproject.toml it was read from, or None.
    path: Path | None = None


def load_config(start: Path) -> ValidationConfig:
    """Read ``select``/``ignore`` from ``[tool.cablegrammar]`` of the nearest pyproject.toml at or above ``start``.

    No file, or no such table, gives the default (every rule).  A value that
    is not a list of strings, or a prefix that selects no rule, raises ``ValueError``.
    """
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        path = candidate / "pyproject.toml"
        if path.is_file():
            break
    else:
        return ValidationConfig()
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    table = data.get("tool", {}).get("cablegrammar", {})
    if not isinstance(table, dict):
        raise ValueError(f"{path}: [tool.cablegrammar] must be a table")
    fields: dict[str, Any] = {}
    for key in ("select", "ignore"):
        if key not in table:
            continue
        value = table[key]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValueError(f"{path}: [tool.cablegrammar] {key} must be a list of strings")
        prefixes = tuple(prefix.strip().upper() for prefix in value)
        if unknown := codes.unknown_prefixes(prefixes, RULES):
            msg = f"{path}: [tool.cablegrammar] {key}: {unknown[0]!r} selects no rule (codes are {', '.join(RULES)})"
            raise ValueError(msg)
        fields[key] = prefixes
    return ValidationConfig(path=path, **fields)


_RULES_DOC_HEAD = """# Validation rules

`cablegrammar.validate.validate(cable)` runs these rules over a parsed cable and returns diagnostics with a
stable code, a severity, a 1-based line/column span (end column exclusive), a message and, where the fix is
obvious, a hint.  Codes `CG0xx`/`CG1xx` are syntax errors (`docs/errors.md`); the rules are `CG2xx`:
`CG20x` envelope, `CG21x` required parts, `CG22x` E.O. line, `CG23x` TAGS, `CG24x` REF, `CG25x` paragraphs
and portion markings, `CG26x` sections, `CG27x` style, `CG28x` export and release artifacts.

Select rules like ruff: `validate(cable, select=["CG2"], ignore=["CG27"])` (code prefixes), or in
`pyproject.toml`:

```toml
[tool.cablegrammar]
select = ["CG2"]
ignore = ["CG271"]
```

`load_config(path)` reads the nearest `pyproject.toml` at or above `path`.  This file is generated from
`cablegrammar.validate.RULES` by `rules_markdown()`; a test keeps it in sync.  How often each rule fires on the
real corpus: `docs/rules-frequency.md`.

## Rules that fire on many real cables

- **CG271 trailing-whitespace** (90% of the corpus): the Cablegate export ends almost every line with a space
  (cable-format.md edge case 64). A real deviation, reported at `info` level; `ignore = ["CG271"]` silences it.
- **CG272 letter-spaced-classification** (69%): `C O N F I D E N T I A L` / `S E C R E T` is how posts wrote the
  first line of classified cables (teletype convention). Real and normal; `info` level, for tools that want the
  plain word.
- **CG270 non-canonical-label** (9%): the media-partner renderings in the corpus write
  `EO 12958 DECL:` and `TAGS` without a colon. A real deviation of those copies.
- **CG250 paragraph-numbering** (9%): real gaps and repeats (quoted cables restart at 1, `¶15.` where a wrapped
  date landed at the start of a line), and first paragraphs the parser keeps as free text.

"""


def rules_markdown() -> str:
    """``docs/validation-rules.md``: the rule table generated from :data:`RULES`."""
    lines = [_RULES_DOC_HEAD.rstrip("\n"), "", "| code | name | severity | what | why |", "|---|---|---|---|---|"]
    for rule in RULES.values():
        lines.append(f"| {rule.code} | {rule.name} | {rule.severity.value} | {rule.summary} | {rule.why} |")
    lines += ["", "## Examples", "", "Text that triggers each rule (each example is a whole cable the parser accepts)."]
    for rule in RULES.values():
        lines += ["", f"### {rule.code} {rule.name}", "", "```", rule.example.rstrip("\n"), "```"]
    return "\n".join(lines) + "\n"

"""Typed values: what the fields of a parsed cable mean, cable by cable.

The model (:mod:`cablegrammar.model`) keeps fields as written, and its accessors give the main meanings
(``cable.reference_id``, ``cable.date``, ``cable.caveats``, ``cable.normalized_tags``, ``Reference.cable_ids``).
This module gives the rest, typed: the date-time group and filing time, the classification with its
markings, the E.O. instruction, Classified By reasons, TAGS, REF items, routing and page marks.  Both read
text through :mod:`cablegrammar.interpret`, the one place where a string gets its meaning, whose names are
also exported here.  Everything is computed from the model, so the round trip is untouched;
:class:`CableValues` is the one list of a cable's typed values that ``cablegrammar parse``, the table and
``cablegrammar show`` print.

>>> import cablegrammar
>>> cable = cablegrammar.parse(
...     "UNCLAS STATE 000284\\n\\nE.O. 12958: N/A\\nTAGS: PREL AJ OVIP (RICE, CONDOLEEZZA)\\nSUBJECT: A TEST\\n"
... )
>>> [(t.text, t.kind.value, t.name) for t in tags(cable)]
[('PREL', 'subject', 'External political relations'), ('AJ', 'geographic', 'Azerbaijan'), \
('OVIP (RICE, CONDOLEEZZA)', 'person', 'RICE, CONDOLEEZZA')]
>>> eo(cable).declassification
NotApplicable()
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from cablegrammar import model
from cablegrammar.interpret import (
    CLASSIFIED_BY_REASONS,
    DISSEMINATION_CONTROLS,
    DISTRIBUTION_CAPTIONS,
    KNOWN_EXECUTIVE_ORDERS,
    TAG_CATEGORIES,
    CableId,
    CableMarkings,
    Classification,
    ClassificationReason,
    Declassification,
    DeclassificationCode,
    DeclassifyOn,
    DeclassifyOnEvent,
    DowngradeOn,
    Exemptions,
    Marking,
    NotApplicable,
    PageMark,
    Precedence,
    ReferenceKind,
    Tag,
    TagKind,
    Unrecognized,
    cable_ids,
    canonical_id,
    canonical_origin,
    classification_reason,
    declassification,
    geographic_tags,
    known_origins,
    normalize_tags,
    parse_marking,
    precedence_pair,
    reference_kind,
    resolve_filing_time,
    station_name,
    subject_tags,
    tag,
)
from cablegrammar.interpret import page_mark as _page_mark
from cablegrammar.model import Cable

__all__ = [
    "CLASSIFIED_BY_REASONS",
    "DISSEMINATION_CONTROLS",
    "DISTRIBUTION_CAPTIONS",
    "KNOWN_EXECUTIVE_ORDERS",
    "MAIN_VALUES",
    "TAG_CATEGORIES",
    "CableClassification",
    "CableId",
    "CableMarkings",
    "CableValues",
    "Classification",
    "ClassificationReason",
    "Declassification",
    "DeclassificationCode",
    "DeclassifyOn",
    "DeclassifyOnEvent",
    "DowngradeOn",
    "EOValue",
    "Exemptions",
    "MainValue",
    "Marking",
    "NotApplicable",
    "PageMark",
    "Precedence",
    "ReferenceKind",
    "ReferenceValue",
    "RoutedAddressee",
    "Section",
    "Tag",
    "TagKind",
    "Unrecognized",
    "cable_id",
    "canonical_id",
    "canonical_origin",
    "classification",
    "classified_by_reasons",
    "date_time_group",
    "declassification",
    "eo",
    "filing_time",
    "geographic_tags",
    "iter_values",
    "known_origins",
    "main_values",
    "merge_doubled_enumerators",
    "normalize_tags",
    "normalized_tags",
    "page_mark",
    "parse_marking",
    "precedence_pair",
    "reference_value",
    "references",
    "resolve_filing_time",
    "routed_addressees",
    "section",
    "station_name",
    "subject_tags",
    "tag",
    "tags",
]


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


def date_time_group(cable: Cable) -> dt.datetime | None:
    """Format line 5's date-time group as an aware UTC datetime; None without an envelope.

    :attr:`Cable.date <cablegrammar.model.Cable.date>` is the message's date from whatever gives it;
    this is the envelope's own.  Two-digit years: 66-99 are 19xx, 00-65 are 20xx.

    >>> import cablegrammar
    >>> date_time_group(cablegrammar.parse("P 101131Z JUL 07\\nFM AMEMBASSY BAKU\\n\\nUNCLAS BAKU 000864\\n"))
    datetime.datetime(2007, 7, 10, 11, 31, tzinfo=datetime.timezone.utc)
    """
    return cable.date if cable.date_source == "date-time group" else None


def filing_time(cable: Cable) -> dt.datetime | None:
    """The DE line's filing time resolved against the date-time group (or the cable's year)."""
    envelope = cable.envelope
    if envelope is None or not envelope.filing_time:
        return None
    near: dt.datetime | int | None = date_time_group(cable) or cable.year
    if near is None:
        return None
    return resolve_filing_time(envelope.filing_time, near)


# ---------------------------------------------------------------------------
# Classification and markings
# ---------------------------------------------------------------------------


@attrs.frozen
class CableClassification:
    """The banner classification of a cable, its whole-cable markings and the levels its portions use."""

    #: The classification line's level (the banner), or None without one.
    classification: Classification | None
    #: Dissemination controls of the whole cable (:attr:`Cable.caveats <cablegrammar.model.Cable.caveats>`).
    caveats: tuple[str, ...]
    #: Distribution captions (:attr:`Cable.captions <cablegrammar.model.Cable.captions>`).
    captions: tuple[str, ...]
    #: SENSITIVE BUT UNCLASSIFIED (:attr:`Cable.sensitive <cablegrammar.model.Cable.sensitive>`).
    sensitive: bool
    #: Caveats of the portion markings (``NOFORN`` of ``(S//NF)``, ``SBU``), each once, in order.
    portion_caveats: tuple[str, ...]
    #: The highest level among the banner and the portion markings.
    highest: Classification | None


def classification(cable: Cable) -> CableClassification:
    """Classification, whole-cable markings and portion-marking caveats."""
    line = cable.classification_line
    level = Classification.parse(line.classification) if line else None
    levels = [level] if level else []
    portion: dict[str, None] = {}
    for paragraph in cable.paragraphs:
        marking = parse_marking(paragraph.marking) if paragraph.marking else None
        if marking is None:
            continue
        if marking.classification:
            levels.append(marking.classification)
        portion.update(dict.fromkeys(marking.caveats))
    markings = cable.markings
    return CableClassification(
        classification=level,
        caveats=markings.caveats,
        captions=markings.captions,
        sensitive=markings.sensitive,
        portion_caveats=tuple(portion),
        highest=max(levels) if levels else None,
    )


# ---------------------------------------------------------------------------
# E.O. line and Classified By
# ---------------------------------------------------------------------------


@attrs.frozen
class EOValue:
    """A typed E.O. line."""

    #: The order number as written (``12958``).
    order: str
    #: True when the number is a known classification order (:data:`KNOWN_EXECUTIVE_ORDERS`).
    known: bool
    #: The declassification instruction, typed (:attr:`EOLine.instruction <cablegrammar.model.EOLine.instruction>`).
    declassification: Declassification


def eo(cable: Cable) -> EOValue | None:
    """The cable's first E.O. line, typed; None without one."""
    line = cable.eo
    if line is None:
        return None
    return EOValue(order=line.order, known=line.order in KNOWN_EXECUTIVE_ORDERS, declassification=line.instruction)


def classified_by_reasons(cable: Cable) -> tuple[ClassificationReason, ...]:
    """The reasons of the first Classified By line, typed.

    >>> [r.meaning for r in classified_by_reasons(model.Cable(items=[model.ClassifiedBy("X", ("1.4(b)",))]))]
    ['foreign government information']
    """
    line = cable.classified_by
    return tuple(classification_reason(reason) for reason in line.reasons) if line else ()


# ---------------------------------------------------------------------------
# TAGS
# ---------------------------------------------------------------------------


def tags(cable: Cable) -> tuple[Tag, ...]:
    """The cable's TAGS as written, typed (see :func:`tag`)."""
    return tuple(tag(text) for text in cable.tags)


def normalized_tags(cable: Cable) -> tuple[Tag, ...]:
    """The cable's TAGS normalized and typed (:attr:`Cable.normalized_tags <cablegrammar.model.Cable.normalized_tags>`).
    """
    return cable.normalized_tags


# ---------------------------------------------------------------------------
# Ids and references
# ---------------------------------------------------------------------------


def cable_id(cable: Cable, *, infer_year: bool = True) -> CableId | None:
    """The cable's own canonical id (:attr:`Cable.cable_id <cablegrammar.model.Cable.cable_id>`).

    With ``infer_year=False``, an id whose year was only inferred from the declassification date is None.
    """
    found = cable.cable_id
    if found is not None and not infer_year and found.year_source == "declassification date":
        return None
    return found


@attrs.frozen
class ReferenceValue:
    """A typed REF item."""

    #: The item's letter, or None.
    label: str | None
    #: The item as written.
    text: str
    #: What it points at.
    kind: ReferenceKind
    #: The canonical id of the first cable the item names, or None where it names none.
    cable_id: CableId | None = None
    #: Every cable the item names, canonical (:attr:`Reference.cable_ids <cablegrammar.model.Reference.cable_ids>`).
    cable_ids: tuple[CableId, ...] = ()


def reference_value(reference: model.Reference, year: int | None = None) -> ReferenceValue:
    """Type a REF item; ``year`` (else the item's ``citing_year``) resolves ids written without one.

    >>> str(reference_value(model.Reference("A", "BAKU 00837"), 2007).cable_id)
    '07BAKU837'
    >>> str(reference_value(model.Reference("B", "06 TEL AVIV 1234 (NOTAL)"), 2007).cable_id)
    '06TELAVIV1234'
    >>> reference_value(model.Reference("C", "LEE-GOLDSTEIN EMAIL 05/11/07"), 2007).kind
    <ReferenceKind.OTHER: 'other'>
    """
    year = year if year is not None else reference.citing_year
    found = cable_ids(reference.text, year)
    kind = ReferenceKind.CABLE if found else reference_kind(reference.text)
    return ReferenceValue(reference.label, reference.text, kind, found[0] if found else None, found)


def merge_doubled_enumerators(items: Iterable[model.Reference]) -> tuple[model.Reference, ...]:
    """Merge doubled enumerators: ``A. A) SECSTATE 54183`` (or ``¶C. (B) ...``) is one item, with the inner letter.

    The inner letter is the original's; the outer one is WikiLeaks' numbering of its ``¶`` anchors.

    >>> merge_doubled_enumerators([model.Reference("A", ""), model.Reference("A", "STATE 1")])
    (Reference(label='A', text='STATE 1'),)
    """
    listed = list(items)
    merged: list[model.Reference] = []
    for index, item in enumerate(listed):
        if index and not listed[index - 1].text and listed[index - 1].label and item.label:
            merged[-1] = item  # the inner, original letter counts
        else:
            merged.append(item)
    return tuple(merged)


def references(cable: Cable) -> tuple[ReferenceValue, ...]:
    """The cable's REF items, typed, ids resolved against the cable's year.

    A doubled enumerator (``A. A) ...``) counts as one item (:func:`merge_doubled_enumerators`).
    """
    return tuple(reference_value(reference) for reference in merge_doubled_enumerators(cable.references))


# ---------------------------------------------------------------------------
# Routing indicators
# ---------------------------------------------------------------------------


@attrs.frozen
class RoutedAddressee:
    """An addressee with the ACP 117 station name of its routing indicator."""

    #: ``to``, ``info``, ``exempted`` or ``station`` (the DE line's originating station).
    role: str
    #: The plain-language address as written (the FM sender for the station).
    name: str | None
    #: The routing indicator, or None.
    routing_indicator: str | None
    #: The ACP 117 station name of the indicator, or None where unknown.
    station_name: str | None
    #: The addressee's precedence, or None.
    precedence: Precedence | None = None


def routed_addressees(cable: Cable) -> tuple[RoutedAddressee, ...]:
    """The DE station and every addressee, each with its routing indicator and station name."""
    envelope = cable.envelope
    if envelope is None:
        return ()
    found = []
    if envelope.station:
        found.append(RoutedAddressee("station", envelope.sender, envelope.station, station_name(envelope.station)))
    for role, addresses in (("to", envelope.to), ("info", envelope.info), ("exempted", envelope.exempted)):
        for address in addresses:
            found.append(
                RoutedAddressee(
                    role,
                    address.name,
                    address.routing_indicator,
                    station_name(address.routing_indicator),
                    address.precedence,
                )
            )
    return tuple(found)


# ---------------------------------------------------------------------------
# Sections and page marks
# ---------------------------------------------------------------------------


@attrs.frozen
class Section:
    """``SECTION 01 OF 03``."""

    number: int
    total: int


def section(cable: Cable) -> Section | None:
    """The section of the classification line, or None for a single-section cable."""
    line = cable.classification_line
    if line is None or line.section is None:
        return None
    return Section(*line.section)


def page_mark(line: model.PageBreak | str) -> PageMark | None:
    """Type a page-break line (or its text); None for a shape not recognised.

    >>> page_mark(model.PageBreak("BAKU 00000864  001.2 OF 002"))
    PageMark(origin='BAKU', serial=864, page=1, subpage=2, total=2, section=None, time=None)
    """
    return _page_mark(line if isinstance(line, str) else line.text)


# ---------------------------------------------------------------------------
# All of them
# ---------------------------------------------------------------------------


@attrs.frozen
class CableValues:
    """The typed values of a cable: the one list that ``cablegrammar parse`` (the ``values`` block of a
    record), the table and :func:`iter_values` give."""

    #: Canonical reference id (``07BAKU864``) and where its year came from.
    cable_id: CableId | None
    #: The message's date (:attr:`Cable.date <cablegrammar.model.Cable.date>`) as an aware UTC datetime.
    date: dt.datetime | None
    #: Where the date was read: ``date-time group``, ``date line``, ``archive date``, ``export record``.
    date_source: str | None
    #: Format line 5's date-time group as an aware UTC datetime.
    date_time_group: dt.datetime | None
    #: The DE line's filing time, resolved against the date-time group.
    filing_time: dt.datetime | None
    #: Action precedence.
    precedence: Precedence | None
    #: Banner classification, whole-cable markings, portion caveats and the highest level used.
    classification: CableClassification
    #: The E.O. line, with its declassification instruction typed.
    eo: EOValue | None
    #: ``Classified By`` reasons (``1.4(b)``).
    classified_by_reasons: tuple[ClassificationReason, ...]
    #: Each TAGS entry as written, typed (geographic, subject, organization, person, unknown).
    tags: tuple[Tag, ...]
    #: The TAGS normalized: upper case, glued tags split, each once, typed.
    normalized_tags: tuple[Tag, ...]
    #: Each REF item, typed, with the canonical ids of the cables it names.
    references: tuple[ReferenceValue, ...]
    #: The DE station and every addressee, with the station name of its routing indicator.
    routing: tuple[RoutedAddressee, ...]
    #: ``SECTION n OF m``.
    section: Section | None
    #: Each page-break line, typed (None for a shape not recognised).
    page_marks: tuple[PageMark | None, ...]

    @classmethod
    def of(cls, cable: Cable) -> CableValues:
        """Compute every typed value of ``cable``."""
        return cls(
            cable_id=cable_id(cable),
            date=cable.date,
            date_source=cable.date_source,
            date_time_group=date_time_group(cable),
            filing_time=filing_time(cable),
            precedence=cable.precedence,
            classification=classification(cable),
            eo=eo(cable),
            classified_by_reasons=classified_by_reasons(cable),
            tags=tags(cable),
            normalized_tags=normalized_tags(cable),
            references=references(cable),
            routing=routed_addressees(cable),
            section=section(cable),
            page_marks=tuple(page_mark(line) for line in cable.page_breaks),
        )


def iter_values(cable: Cable) -> Iterable[tuple[str, Any]]:
    """Every typed value of a cable as ``(name, value)`` pairs, in :class:`CableValues` order (for display)."""
    typed = CableValues.of(cable)
    for field in attrs.fields(CableValues):
        yield field.name, getattr(typed, field.name)


# ---------------------------------------------------------------------------
# The main values: one list for records, the table and `cablegrammar show`
# ---------------------------------------------------------------------------


@attrs.frozen
class MainValue:
    """One main value of a cable, as the record, the table and ``cablegrammar show`` all give it."""

    #: The record key and table column: ``reference_id``.
    name: str
    #: The table type: ``string``, ``bool``, ``int64``, ``date``, ``timestamp`` or ``list<string>``.
    type: str
    #: What it is, in words.
    description: str
    #: The value of a cable: a string, bool, int, date, datetime, list of strings, or None.
    get: Callable[[Cable], Any] = attrs.field(repr=False)


def _names(addressees: Iterable[model.Addressee]) -> list[str]:
    return [addressee.name for addressee in addressees]


def _reference_ids(cable: Cable) -> list[str]:
    return list(dict.fromkeys(cable_id for ref in cable.references for cable_id in ref.cable_ids))


#: The main values, in order.
MAIN_VALUES: tuple[MainValue, ...] = (
    MainValue("reference_id", "string", "Canonical reference id of the cable (07BAKU864), from its own text.",
              lambda c: c.reference_id),
    MainValue("date", "timestamp", "The message's date (UTC): the date-time group, else a date line, archive "
              "date or export record.", lambda c: c.date),
    MainValue("date_source", "string", "Where the date was read: date-time group, date line, archive date, "
              "export record.", lambda c: c.date_source),
    MainValue("precedence", "string", "Precedence of the transmission (ROUTINE, PRIORITY, IMMEDIATE, FLASH...).",
              lambda c: c.precedence.value if c.precedence else None),
    MainValue("classification", "string", "The classification line's level, normalized (CONFIDENTIAL).",
              lambda c: c.classification),
    MainValue("caveats", "list<string>", "Dissemination controls of the whole cable (NOFORN, ORCON, REL TO ...).",
              lambda c: list(c.caveats)),
    MainValue("captions", "list<string>", "Distribution captions (SIPDIS, NODIS, STATE FOR ...).",
              lambda c: list(c.captions)),
    MainValue("sensitive", "bool", "Marked SENSITIVE BUT UNCLASSIFIED.", lambda c: c.sensitive),
    MainValue("origin", "string", "The post named on the classification line.", lambda c: c.origin),
    MainValue("sender", "string", "The FM line.", lambda c: c.sender),
    MainValue("to", "list<string>", "TO addressees.", lambda c: _names(c.to)),
    MainValue("info", "list<string>", "INFO addressees.", lambda c: _names(c.info)),
    MainValue("eo", "string", "The E.O. line: order and declassification instruction.",
              lambda c: f"{c.eo.order} {c.eo.declassification}".strip() if c.eo else None),
    MainValue("declassify_on", "date", "The E.O. line's declassify-on date.",
              lambda c: c.eo.declassify_on if c.eo else None),
    MainValue("tags", "list<string>", "TAGS as written.", lambda c: list(c.tags)),
    MainValue("normalized_tags", "list<string>", "TAGS upper case, glued tags split, each once.",
              lambda c: [t.text for t in c.normalized_tags]),
    MainValue("subject", "string", "SUBJECT.", lambda c: c.subject),
    MainValue("reference_ids", "list<string>", "Canonical ids of the cables the REF items name, each once.",
              _reference_ids),
    MainValue("classified_by", "string", "The classifying official.",
              lambda c: c.classified_by.classifier if c.classified_by else None),
    MainValue("reasons", "list<string>", "Classification reasons (1.4(b)).",
              lambda c: list(c.classified_by.reasons) if c.classified_by else []),
    MainValue("section", "int64", "n of SECTION n OF m.",
              lambda c: c.classification_line.section[0] if c.classification_line and c.classification_line.section
              else None),
    MainValue("sections", "int64", "m of SECTION n OF m.",
              lambda c: c.classification_line.section[1] if c.classification_line and c.classification_line.section
              else None),
    MainValue("signature", "string", "The signer.", lambda c: c.signature),
)


def main_values(cable: Cable) -> dict[str, Any]:
    """The main values of a cable by name (:data:`MAIN_VALUES`)."""
    return {value.name: value.get(cable) for value in MAIN_VALUES}

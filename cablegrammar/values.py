"""Typed values: what the fields of a parsed cable mean.

The model (:mod:`cablegrammar.model`) keeps fields as written; this module
reads them: dates become aware UTC datetimes, classifications an ordered
enum with caveats, the E.O. line a small typed union, TAGS typed tags with
their meaning, REF items canonical Cablegate ids, routing indicators station
names.  Everything here is computed from the model, so the round trip is
untouched.  The bundled tables live in ``cablegrammar/data`` (see its
README for sources).

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

import csv
import datetime as dt
import enum
import functools
import re
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

import attrs

from cablegrammar import model
from cablegrammar.model import Cable, OrderedStrEnum, Precedence, expand_year, parse_date_time_group

__all__ = [
    "CLASSIFIED_BY_REASONS",
    "KNOWN_EXECUTIVE_ORDERS",
    "CableId",
    "CaveatSource",
    "Classification",
    "ClassificationReason",
    "Declassification",
    "DeclassificationCode",
    "DeclassifyOn",
    "DeclassifyOnEvent",
    "EOValue",
    "Exemptions",
    "Marking",
    "NotApplicable",
    "PageMark",
    "Precedence",
    "ReferenceValue",
    "RoutedAddressee",
    "Section",
    "Tag",
    "TagKind",
    "Unrecognized",
    "cable_id",
    "canonical_origin",
    "classification",
    "classified_by_reasons",
    "date_time_group",
    "declassification",
    "eo",
    "filing_time",
    "merge_doubled_enumerators",
    "page_mark",
    "parse_marking",
    "precedence_pair",
    "reference_value",
    "references",
    "resolve_filing_time",
    "routed_addressees",
    "section",
    "station_name",
    "tag",
    "tags",
]


# ---------------------------------------------------------------------------
# Bundled tables
# ---------------------------------------------------------------------------


def _data_text(name: str) -> str:
    return resources.files("cablegrammar").joinpath("data", name).read_text(encoding="utf-8")


@functools.cache
def _csv_table(name: str) -> dict[str, str]:
    rows = csv.reader(_data_text(name).splitlines())
    next(rows)  # header
    return {row[0]: row[1] for row in rows if row}


@functools.cache
def _routes() -> dict[str, str]:
    rows = csv.reader(_data_text("route2name.csv").splitlines())
    return {row[0].strip(): row[1].strip() for row in rows if len(row) >= 2}


@functools.cache
def _organizations() -> frozenset[str]:
    lines = (line.strip() for line in _data_text("organization-tags.txt").splitlines())
    return frozenset(line.upper() for line in lines if line and not line.startswith("#"))


def geographic_tags() -> Mapping[str, str]:
    """The bundled geographic digraphs (FIPS 10-4 as used in TAGS) and their names."""
    return _csv_table("geographic-tags.csv")


def subject_tags() -> Mapping[str, str]:
    """The bundled subject and program TAGS and their meanings."""
    return _csv_table("subject-tags.csv")


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


def date_time_group(cable: Cable) -> dt.datetime | None:
    """The cable's date-time group (format line 5) as an aware UTC datetime.

    Two-digit years: 66-99 are 19xx, 00-65 are 20xx (:func:`cablegrammar.model.expand_year`).

    >>> import cablegrammar
    >>> date_time_group(cablegrammar.parse("P 101131Z JUL 07\\nFM AMEMBASSY BAKU\\n\\nUNCLAS BAKU 000864\\n"))
    datetime.datetime(2007, 7, 10, 11, 31, tzinfo=datetime.timezone.utc)
    """
    if cable.envelope and cable.envelope.date_time_group:
        return parse_date_time_group(cable.envelope.date_time_group)
    return None


_FILING = re.compile(r"^([0-9]{3})([0-9]{2})([0-9]{2})$")


def resolve_filing_time(filing: str, near: dt.datetime | int) -> dt.datetime | None:
    """A DE-line filing time (Julian day + HHMM, ``1911131``) as an aware UTC datetime.

    The filing time carries no year: it is resolved against ``near``, the
    cable's date-time group (the year among the one before, the same and the
    one after that puts the filing time closest to it) or the cable's year.
    None when the day, hour or minute is out of range.

    >>> resolve_filing_time("1911131", 2007)
    datetime.datetime(2007, 7, 10, 11, 31, tzinfo=datetime.timezone.utc)
    >>> resolve_filing_time("0010005", dt.datetime(2007, 12, 31, 23, 58, tzinfo=dt.UTC))
    datetime.datetime(2008, 1, 1, 0, 5, tzinfo=datetime.timezone.utc)
    """
    match = _FILING.match(filing)
    if not match:
        return None
    day, hour, minute = (int(part) for part in match.groups())
    if not (1 <= day <= 366 and hour <= 23 and minute <= 59):
        return None
    years = [near] if isinstance(near, int) else [near.year - 1, near.year, near.year + 1]
    candidates = []
    for year in years:
        start = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
        when = start + dt.timedelta(days=day - 1, hours=hour, minutes=minute)
        if when.year == year:
            candidates.append(when)
    if not candidates:
        return None
    if isinstance(near, int):
        return candidates[0]
    return min(candidates, key=lambda when: abs(when - near))


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
# Precedence
# ---------------------------------------------------------------------------


def precedence_pair(token: str) -> tuple[Precedence, Precedence | None] | None:
    """Action and information precedence of ``P R`` / ``PR`` / ``OO``; None if not a precedence.

    >>> precedence_pair("O P")
    (<Precedence.IMMEDIATE: 'IMMEDIATE'>, <Precedence.PRIORITY: 'PRIORITY'>)
    >>> precedence_pair("PP")
    (<Precedence.PRIORITY: 'PRIORITY'>, None)
    """
    letters = token.replace(" ", "")
    if not 1 <= len(letters) <= 2:
        return None
    found = [Precedence.from_letter(letter) for letter in letters]
    if any(item is None for item in found):
        return None
    action, info = found[0], found[-1]
    assert action is not None
    return action, (info if len(letters) == 2 and info != action else None)


# ---------------------------------------------------------------------------
# Classification and caveats
# ---------------------------------------------------------------------------


class Classification(OrderedStrEnum):
    """A classification level, ordered: ``UNCLASSIFIED < ... < TOP_SECRET``.

    >>> Classification.SECRET > Classification.CONFIDENTIAL
    True
    >>> max([Classification.UNCLASSIFIED, Classification.SECRET])
    <Classification.SECRET: 'SECRET'>
    >>> Classification.parse("S")
    <Classification.SECRET: 'SECRET'>
    """

    UNCLASSIFIED = "UNCLASSIFIED"
    LIMITED_OFFICIAL_USE = "LIMITED OFFICIAL USE"
    CONFIDENTIAL = "CONFIDENTIAL"
    SECRET = "SECRET"
    TOP_SECRET = "TOP SECRET"

    @property
    def rank(self) -> int:
        """0 (unclassified) to 4 (top secret)."""
        return _CLASSIFICATION_ORDER.index(self)

    @property
    def order(self) -> int:
        """Classifications are ordered by :attr:`rank`."""
        return _CLASSIFICATION_ORDER.index(self)

    @property
    def is_classified(self) -> bool:
        """True for CONFIDENTIAL and above (LIMITED OFFICIAL USE is an administrative control)."""
        return self.rank >= 2

    @classmethod
    def parse(cls, text: str) -> Classification | None:
        """A word or portion-mark letter (``C O N F I D E N T I A L``, ``UNCLAS``, ``TS``, ``LOU``)."""
        squeezed = "".join(text.upper().split()).replace(".", "")
        return _CLASSIFICATION_WORDS.get(squeezed)


_CLASSIFICATION_ORDER = list(Classification)
_CLASSIFICATION_WORDS = {
    "U": Classification.UNCLASSIFIED,
    "UNCLAS": Classification.UNCLASSIFIED,
    "UNCLASEFTO": Classification.UNCLASSIFIED,
    "UNCLASSIFIED": Classification.UNCLASSIFIED,
    "SBU": Classification.UNCLASSIFIED,
    "LOU": Classification.LIMITED_OFFICIAL_USE,
    "LIMITEDOFFICIALUSE": Classification.LIMITED_OFFICIAL_USE,
    "C": Classification.CONFIDENTIAL,
    "CONFIDENTIAL": Classification.CONFIDENTIAL,
    "S": Classification.SECRET,
    "SECRET": Classification.SECRET,
    "TS": Classification.TOP_SECRET,
    "TOPSECRET": Classification.TOP_SECRET,
}

#: Caveat abbreviations in portion marks and their canonical caveat.
_CAVEAT_ALIASES = {
    "NF": "NOFORN",
    "N": "NOFORN",
    "NOFORN": "NOFORN",
    "FOUO": "FOUO",
    "FGI": "FGI",
    "SBU": "SBU",
    "SIPDIS": "SIPDIS",
    "ORCON": "ORCON",
}
#: Caption words (handling and distribution captions) recognised as caveats.
CAPTION_CAVEATS = ("SIPDIS", "NOFORN", "NODIS", "EXDIS", "LIMDIS", "STADIS", "SPECAT", "EFTO", "ROGER CHANNEL")
_CAPTION_CAVEAT = re.compile(r"\b(" + "|".join(CAPTION_CAVEATS) + r")\b")
_SBU_CAPTION = re.compile(r"^\W*SENSITIVE(?:\s+BUT\s+UNCLASSIF\w*)?\b", re.IGNORECASE)
_FOUO_CAPTION = re.compile(r"\bFOR OFFICIAL USE ONLY\b", re.IGNORECASE)


@attrs.frozen
class Marking:
    """A classification with its caveats: ``(S//NF)`` is SECRET + NOFORN.

    ``(SBU)`` is UNCLASSIFIED + ``SBU``; ``REL`` caveats keep their country
    list (``REL NATO, ISAF``); ``entire_text`` is set by ``(C - ENTIRE TEXT)``.
    """

    #: The level, or None when the mark names none (``(NF)``).
    classification: Classification | None
    #: Canonical caveats in source order: ``NOFORN``, ``SBU``, ``FOUO``, ``REL NATO``...
    caveats: tuple[str, ...] = ()
    #: True for ``ENTIRE TEXT`` markings.
    entire_text: bool = False

    @property
    def sensitive(self) -> bool:
        """Sensitive but unclassified (``SBU``)."""
        return "SBU" in self.caveats


_REL = re.compile(r"^REL(?:\s+TO)?\s+(.+)$", re.IGNORECASE)


def parse_marking(text: str) -> Marking | None:
    """A portion marking (with or without parentheses) as a :class:`Marking`; None if it is not one.

    >>> parse_marking("(S//NF)")
    Marking(classification=<Classification.SECRET: 'SECRET'>, caveats=('NOFORN',), entire_text=False)
    >>> parse_marking("SBU")
    Marking(classification=<Classification.UNCLASSIFIED: 'UNCLASSIFIED'>, caveats=('SBU',), entire_text=False)
    >>> parse_marking("C/REL Aus").caveats
    ('REL AUS',)
    >>> parse_marking("C - ENTIRE TEXT").entire_text
    True
    """
    body = text.strip().removeprefix("(").removesuffix(")").strip()
    entire = False
    entire_match = re.search(r"\s*-?\s*ENTIRE\s+TEXT\.?$", body, re.IGNORECASE)
    if entire_match:
        entire = True
        body = body[: entire_match.start()]
    parts = [part.strip() for part in re.split(r"/+", body) if part.strip()]
    if not parts:
        return None
    level = Classification.parse(parts[0])
    caveats: list[str] = []
    if level is not None and parts[0].upper() == "SBU":
        caveats.append("SBU")
    rest = parts[1:] if level is not None else parts
    for part in rest:
        upper = " ".join(part.upper().split())
        if rel := _REL.match(upper):
            caveats.append("REL " + rel[1])
        elif upper in _CAVEAT_ALIASES:
            caveats.append(_CAVEAT_ALIASES[upper])
        else:
            return None
    if level is None and not caveats:
        return None
    return Marking(classification=level, caveats=tuple(caveats), entire_text=entire)


class CaveatSource(enum.StrEnum):
    """Where a caveat of the cable was found."""

    CLASSIFICATION_LINE = "classification line"
    CAPTION = "caption"
    PORTION_MARKING = "portion marking"


def _caption_caveats(text: str) -> list[str]:
    found = list(_CAPTION_CAVEAT.findall(text.upper()))
    if _SBU_CAPTION.match(text):
        found.append("SBU")
    if _FOUO_CAPTION.search(text):
        found.append("FOUO")
    return found


@attrs.frozen
class CableClassification:
    """The banner classification of a cable and every caveat it carries, with where each came from."""

    #: The classification line's level (the banner), or None without one.
    classification: Classification | None
    #: Canonical caveats, each once, in order of first appearance.
    caveats: tuple[str, ...]
    #: ``(caveat, source)`` for every appearance.
    sources: tuple[tuple[str, CaveatSource], ...]
    #: The highest level among the banner and the portion markings.
    highest: Classification | None


def classification(cable: Cable) -> CableClassification:
    """Classification and caveats from the classification line, captions and portion markings."""
    line = cable.classification_line
    level = Classification.parse(line.classification) if line else None
    sources: list[tuple[str, CaveatSource]] = []
    if line is not None:
        for caveat in line.caveats:
            for word in _caption_caveats(caveat) or [caveat.upper()]:
                sources.append((word, CaveatSource.CLASSIFICATION_LINE))
    levels = [level] if level else []
    for item in cable.items:
        if isinstance(item, model.CaptionLine):
            sources += [(word, CaveatSource.CAPTION) for word in _caption_caveats(item.text)]
        elif isinstance(item, model.Paragraph) and item.marking:
            marking = parse_marking(item.marking)
            if marking is None:
                continue
            if marking.classification:
                levels.append(marking.classification)
            sources += [(word, CaveatSource.PORTION_MARKING) for word in marking.caveats]
    caveats = tuple(dict.fromkeys(word for word, _ in sources))
    return CableClassification(
        classification=level, caveats=caveats, sources=tuple(sources), highest=max(levels) if levels else None
    )


# ---------------------------------------------------------------------------
# E.O. line and Classified By
# ---------------------------------------------------------------------------

#: Executive Orders that governed classification in the cables' era: number -> (year signed, what it is).
KNOWN_EXECUTIVE_ORDERS: Mapping[str, tuple[int, str]] = {
    "10501": (1953, "Safeguarding official information"),
    "11652": (1972, "Classification and declassification of national security information (GDS/XGDS)"),
    "12065": (1978, "National security information (GDS/RDS/XDS schedules)"),
    "12356": (1982, "National security information (OADR)"),
    "12958": (1995, "Classified national security information (dated declassification, 1.5/1.4 reasons)"),
    "13526": (2009, "Classified national security information (replaces 12958)"),
}


@attrs.frozen
class DeclassifyOn:
    """``DECL: 07/10/2017``: declassify on a date."""

    date: dt.date


@attrs.frozen
class NotApplicable:
    """``N/A``: the cable is unclassified."""


@attrs.frozen
class DeclassificationCode:
    """A marking code: ``OADR``, ``MR``, ``GDS``, ``XGDS-2``, ``RDS-3``..."""

    #: The code as normalised (upper case, no spaces): ``XGDS-2``.
    code: str

    @property
    def meaning(self) -> str:
        """What the code says, in words."""
        base = self.code.split("-")[0]
        return _CODE_MEANINGS.get(base, "unknown code")


_CODE_MEANINGS = {
    "OADR": "originating agency's determination required (E.O. 12356)",
    "MR": "manual review",
    "GDS": "general declassification schedule (E.O. 11652/12065)",
    "NGDS": "not under the general declassification schedule",
    "XGDS": "exempt from the general declassification schedule (category number follows)",
    "RDS": "review for declassification (E.O. 12065; years follow)",
    "XDS": "extended declassification schedule (E.O. 12065)",
}


@attrs.frozen
class Exemptions:
    """``DECL: X1, X5`` / ``1.6X1`` / ``25X1``: exemptions from automatic declassification."""

    codes: tuple[str, ...]


@attrs.frozen
class DeclassifyOnEvent:
    """``DECL: TEN YEARS AFTER KOREAN UNIFICATION``: declassify on an event."""

    event: str


@attrs.frozen
class Unrecognized:
    """An instruction none of the other shapes fits, kept as written."""

    text: str


Declassification = DeclassifyOn | NotApplicable | DeclassificationCode | Exemptions | DeclassifyOnEvent | Unrecognized

_NA = re.compile(r"^N/?A\.?$", re.IGNORECASE)
_DECL_PREFIX = re.compile(r"^(?:DECL|DNG)\s*[:.]?\s*", re.IGNORECASE)
_CODE = re.compile(r"^(OADR|MR|N?GDS|(?:XGDS|RDS|XDS)(?:[- ]?[0-9])?)\.?$", re.IGNORECASE)
_EXEMPTION = re.compile(r"^(?:(?:1\.6\s*)?X[1-8]|25X[1-9])$", re.IGNORECASE)
_DATE_MDY = re.compile(r"^([0-9]{1,3})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})\.?$")
_DATE_YMD = re.compile(r"^([0-9]{4})[/-]([0-9]{1,2})[/-]([0-9]{1,2})\.?$")


def declassification(text: str) -> Declassification:  # noqa: PLR0911 - one return per shape
    """Type an E.O. line's declassification instruction.

    >>> declassification("DECL: 07/10/2017")
    DeclassifyOn(date=datetime.date(2017, 7, 10))
    >>> declassification("DECL:  OADR")
    DeclassificationCode(code='OADR')
    >>> declassification("DECL: X1, X5")
    Exemptions(codes=('X1', 'X5'))
    >>> declassification("decl: after korean unification")
    DeclassifyOnEvent(event='after korean unification')
    """
    stripped = text.strip().lstrip(":").strip()
    if not stripped:
        return Unrecognized(text)
    if _NA.match(stripped):
        return NotApplicable()
    has_prefix = bool(_DECL_PREFIX.match(stripped))
    body = _DECL_PREFIX.sub("", stripped).strip()
    if code := _CODE.match(body):
        return DeclassificationCode(code=re.sub(r"[ ]", "-", code[1].upper()).rstrip("."))
    parts = [part.strip() for part in re.split(r"[,;]|\bAND\b", body, flags=re.IGNORECASE) if part.strip()]
    if parts and all(_EXEMPTION.match(part) for part in parts):
        return Exemptions(codes=tuple("".join(part.upper().split()) for part in parts))
    try:
        if date := _DATE_YMD.match(body):
            return DeclassifyOn(dt.date(int(date[1]), int(date[2]), int(date[3])))
        if date := _DATE_MDY.match(body):
            year = int(date[3]) if len(date[3]) == 4 else expand_year(int(date[3]))
            return DeclassifyOn(dt.date(year, int(date[1]), int(date[2])))
    except ValueError:
        return Unrecognized(text.strip())
    if has_prefix and re.search(r"[A-Za-z]{3}", body) and not re.fullmatch(r"X+", body, re.IGNORECASE):
        return DeclassifyOnEvent(event=body)
    return Unrecognized(text.strip())


@attrs.frozen
class EOValue:
    """A typed E.O. line."""

    #: The order number as written (``12958``).
    order: str
    #: True when the number is a known classification order (:data:`KNOWN_EXECUTIVE_ORDERS`).
    known: bool
    #: The declassification instruction, typed.
    declassification: Declassification


def eo(cable: Cable) -> EOValue | None:
    """The cable's first E.O. line, typed; None without one."""
    line = cable.eo
    if line is None:
        return None
    return EOValue(
        order=line.order,
        known=line.order in KNOWN_EXECUTIVE_ORDERS,
        declassification=declassification(line.declassification),
    )


#: Classification reasons by letter: E.O. 12958 (1995) section 1.5 and E.O. 12958 as amended (2003) /
#: E.O. 13526 (2009) section 1.4 share letters a-g; h (weapons of mass destruction) exists in section 1.4 only.
CLASSIFIED_BY_REASONS: Mapping[str, str] = {
    "a": "military plans, weapons systems, or operations",
    "b": "foreign government information",
    "c": "intelligence activities (including covert action), intelligence sources or methods, or cryptology",
    "d": "foreign relations or foreign activities of the United States, including confidential sources",
    "e": "scientific, technological, or economic matters relating to the national security",
    "f": "United States Government programs for safeguarding nuclear materials or facilities",
    "g": "vulnerabilities or capabilities of systems, installations, infrastructures, projects, plans, "
    "or protection services relating to the national security",
    "h": "the development, production, or use of weapons of mass destruction",
}


@attrs.frozen
class ClassificationReason:
    """A ``Classified By`` reason: ``1.4(b)`` is section 1.4, letter b."""

    #: The section number: ``1.4`` (E.O. 12958 as amended, E.O. 13526), ``1.5`` (E.O. 12958 as issued).
    section: str
    #: The letter (``a``-``h``), or None when only the section is given.
    letter: str | None

    @property
    def code(self) -> str:
        """``1.4(b)``."""
        return f"{self.section}({self.letter})" if self.letter else self.section

    @property
    def meaning(self) -> str | None:
        """The category in words, or None (no letter, a section that has none, ``h`` under 1.5)."""
        if self.letter is None or self.section not in ("1.4", "1.5"):
            return None
        if self.section == "1.5" and self.letter == "h":
            return None
        return CLASSIFIED_BY_REASONS.get(self.letter)


def classified_by_reasons(cable: Cable) -> tuple[ClassificationReason, ...]:
    """The reasons of the first Classified By line, typed.

    >>> [r.meaning for r in classified_by_reasons(model.Cable(items=[model.ClassifiedBy("X", ("1.4(b)",))]))]
    ['foreign government information']
    """
    line = cable.classified_by
    if line is None:
        return ()
    found = []
    for reason in line.reasons:
        section, _, letter = reason.partition("(")
        found.append(ClassificationReason(section=section, letter=letter.rstrip(")") or None))
    return tuple(found)


# ---------------------------------------------------------------------------
# TAGS
# ---------------------------------------------------------------------------


class TagKind(enum.StrEnum):
    """What a tag indexes."""

    GEOGRAPHIC = "geographic"
    SUBJECT = "subject"
    PROGRAM = "program"
    ORGANIZATION = "organization"
    PERSON = "person"
    UNKNOWN = "unknown"


#: Subject-tag category by first letter (5 FAH-3 H-111).
TAG_CATEGORIES: Mapping[str, str] = {
    "A": "Administration",
    "B": "Business services",
    "C": "Consular affairs",
    "E": "Economic affairs",
    "K": "Program",
    "L": "Legal affairs",
    "M": "Military and defense",
    "O": "Outreach: public diplomacy, exchanges and visits",
    "P": "Political affairs",
    "S": "Social affairs",
    "T": "Technology and science",
}


@attrs.frozen
class Tag:
    """One TAGS entry, typed."""

    #: The tag as written.
    text: str
    #: What the tag is.
    kind: TagKind
    #: The country or region (geographic), the meaning (subject/program), the person, or None.
    name: str | None = None
    #: The subject category (``Political affairs``) for subject and program tags.
    category: str | None = None


_PERSON = re.compile(r"^(?:OVIP|OREP|PREL|OPDC)\s*\(\s*(.+?)\s*\)$", re.IGNORECASE)
_REGION = re.compile(r"^[XZ][A-Z]$")


def tag(text: str) -> Tag:
    """Type one tag.

    >>> tag("AJ")
    Tag(text='AJ', kind=<TagKind.GEOGRAPHIC: 'geographic'>, name='Azerbaijan', category=None)
    >>> tag("KDEM").kind, tag("NATO").kind, tag("MOPPS").kind
    (<TagKind.PROGRAM: 'program'>, <TagKind.ORGANIZATION: 'organization'>, <TagKind.UNKNOWN: 'unknown'>)
    >>> tag("OVIP (CLINTON, HILLARY)").name
    'CLINTON, HILLARY'
    """
    upper = " ".join(text.upper().split())
    if person := _PERSON.match(upper):
        return Tag(text=text, kind=TagKind.PERSON, name=person[1])
    geo = geographic_tags()
    if upper in geo:
        return Tag(text=text, kind=TagKind.GEOGRAPHIC, name=geo[upper])
    if _REGION.match(upper):
        return Tag(text=text, kind=TagKind.GEOGRAPHIC, name=None)
    subjects = subject_tags()
    if upper in subjects:
        kind = TagKind.PROGRAM if upper.startswith("K") else TagKind.SUBJECT
        return Tag(text=text, kind=kind, name=subjects[upper] or None, category=TAG_CATEGORIES.get(upper[0]))
    if upper in _organizations():
        return Tag(text=text, kind=TagKind.ORGANIZATION)
    return Tag(text=text, kind=TagKind.UNKNOWN)


def tags(cable: Cable) -> tuple[Tag, ...]:
    """The cable's TAGS, typed (see :func:`tag`)."""
    return tuple(tag(text) for text in cable.tags)


# ---------------------------------------------------------------------------
# Canonical reference ids
# ---------------------------------------------------------------------------

#: Origins as written in REF lines and classification lines -> the Cablegate id spelling.
_ORIGIN_ALIASES = {
    "SECSTATE": "STATE",
    "SECTSTATE": "STATE",
    "DEPT": "STATE",
    "USUN": "USUNNEWYORK",
    "USUNNEYORK": "USUNNEWYORK",
    "USUNNY": "USUNNEWYORK",
    "UNVIE": "UNVIEVIENNA",
    "UNVIEVIEN": "UNVIEVIENNA",
    "USEU": "USEUBRUSSELS",
    "HAGUE": "THEHAGUE",
    "HCMC": "HOCHIMINHCITY",
    "RIO": "RIODEJANEIRO",
    "RIODEJAN": "RIODEJANEIRO",
    "BA": "BUENOSAIRES",
    "BUENOSAIR": "BUENOSAIRES",
    "PORTAUPR": "PORTAUPRINCE",
    "AIT": "AITTAIPEI",
    "IRANRPODUBAI": "RPODUBAI",
    "DUBAIRPO": "RPODUBAI",
    "CASA": "CASABLANCA",
    "BASRA": "BASRAH",
}
#: Origins that are not in the ACP 117 table as "AMEMBASSY/AMCONSUL/USMISSION <city>".
_EXTRA_ORIGINS = {
    "STATE", "USUNNEWYORK", "UNVIEVIENNA", "USEUBRUSSELS", "USNATO", "USOSCE", "THEHAGUE", "HOCHIMINHCITY",
    "AITTAIPEI", "RPODUBAI", "USTRGENEVA", "CDGENEVA", "UNROME", "USUNESCOPARISFR", "UNESCOPARISFR", "SECDEF",
    "KIRKUK", "BASRAH", "HILLAH", "MOSUL", "USINTHAVANA", "HAVANA", "PRISTINA", "JERUSALEM", "FSINFATC",
    "MEXICO", "BUENOSAIRES", "RIODEJANEIRO", "PORTAUPRINCE", "SAOPAULO", "TELAVIV", "NEWDELHI", "PODGORICA",
    "JUBA", "BANJUL", "KYIV", "CHISINAU", "ASTANA", "ULAANBAATAR", "BRATISLAVA", "SKOPJE", "LJUBLJANA",
    "ZAGREB", "SARAJEVO", "TIRANA", "YEREVAN", "TBILISI", "BAKU", "DUSHANBE", "BISHKEK", "TASHKENT",
    "ASHGABAT", "MINSK", "VILNIUS", "RIGA", "TALLINN", "DILI", "NDJAMENA", "TEHRAN", "KIEV", "COLOMBO",
    "CASABLANCA", "VATICAN", "SAIGON", "KABUL", "BAGHDAD", "TRIPOLI", "DAMASCUS", "RANGOON", "HANOI",
}
_MULTI_WORD_PREFIXES = ("AMEMBASSY ", "AMCONSUL ", "USMISSION ", "US MISSION ", "USMISSIN ", "AMEMB ")


def canonical_origin(origin: str) -> str:
    """An origin as it appears in Cablegate ids: letters only, upper case, aliases resolved.

    >>> canonical_origin("TEL AVIV"), canonical_origin("USUN NEW YORK"), canonical_origin("SECSTATE")
    ('TELAVIV', 'USUNNEWYORK', 'STATE')
    """
    upper = origin.upper().strip()
    for prefix in ("EMBASSY ", "AMEMBASSY ", "AMCONSUL ", "CONSULATE "):
        upper = upper.removeprefix(prefix)
    squeezed = "".join(ch for ch in upper if "A" <= ch <= "Z")
    if squeezed.endswith("CITY") and squeezed != "HOCHIMINHCITY":  # MEXICO CITY, PANAMA CITY: ids drop CITY
        squeezed = squeezed[: -len("CITY")]
    return _ORIGIN_ALIASES.get(squeezed, squeezed)


@functools.cache
def known_origins() -> frozenset[str]:
    """Canonical origins of US posts: the ACP 117 station names plus the Department and missions."""
    found = set(_EXTRA_ORIGINS)
    for name in _routes().values():
        for prefix in _MULTI_WORD_PREFIXES:
            if name.startswith(prefix):
                city = name[len(prefix) :]
                city = re.sub(r"\s+[A-Z]{2}$", "", city) if prefix.startswith("US") else city
                found.add(canonical_origin(city))
    return frozenset(found)


@attrs.frozen
class CableId:
    """A canonical Cablegate reference id, e.g. ``07BAKU864``, and how its year was found."""

    #: Four-digit year.
    year: int
    #: Canonical origin (``BUENOSAIRES``).
    origin: str
    #: The serial without leading zeros.
    serial: int
    #: Where the year came from: ``date-time group``, ``date line``, ``preamble``, ``footer``,
    #: ``reference`` (written in the REF item), ``citing cable`` (a REF item without a year) or
    #: ``declassification date`` (inferred: an E.O. 12958 date minus its ten-year default).
    year_source: str

    def __str__(self) -> str:
        return f"{self.year % 100:02d}{self.origin}{self.serial}"


_FOOTER_YEAR = re.compile(r"^\s*((?:19|20)[0-9]{2})[A-Z]")


def _cable_year(cable: Cable, *, infer: bool) -> tuple[int, str] | None:
    if when := date_time_group(cable):
        return when.year, "date-time group"
    if cable.year is not None:
        has_date_line = any(isinstance(item, model.DateLine) for item in cable.items)
        return cable.year, "date line" if has_date_line else "preamble"
    for item in cable.items:
        if isinstance(item, model.ClassificationFooter) and (match := _FOOTER_YEAR.match(item.text)):
            return int(match[1]), "footer"
    if infer and (line := cable.eo) is not None and line.order == "12958" and line.declassify_on is not None:
        year = line.declassify_on.year - 10
        if 1995 <= year <= 2010:  # E.O. 12958 governed from 1995 until E.O. 13526 took effect in 2010
            return year, "declassification date"
    return None


def cable_id(cable: Cable, *, infer_year: bool = True) -> CableId | None:
    """The cable's own canonical id from its classification line (MRN) and year; None if either is missing.

    The year comes from the date-time group, a media-partner date line, the
    publisher's preamble or the archive footer.  Partial records carry none
    of these; with ``infer_year`` (the default) the year is then inferred
    from an E.O. 12958 declassification date, which defaults to ten years
    after the cable (``year_source`` says so: check it when that matters).
    """
    line = cable.classification_line
    if line is None or not line.serial.isdigit():
        return None
    found = _cable_year(cable, infer=infer_year)
    if found is None:
        return None
    year, source = found
    return CableId(year=year, origin=canonical_origin(line.origin), serial=int(line.serial), year_source=source)


class ReferenceKind(enum.StrEnum):
    """What a REF item points at."""

    CABLE = "cable"
    MESSAGE = "message"  # a DTG-identified message of another agency: SECDEF R162245Z OCT 08
    OTHER = "other"  # e-mails, telcons, reports, letters, web pages


@attrs.frozen
class ReferenceValue:
    """A typed REF item."""

    #: The item's letter, or None.
    label: str | None
    #: The item as written.
    text: str
    #: What it points at.
    kind: ReferenceKind
    #: The canonical id of the referenced cable, or None where it is not a cable.
    cable_id: CableId | None = None


_NON_CABLE = re.compile(
    r"E-?MAILS?|TELCONS?|TELECON|SVTC|LETTER|MEMO|MEETING|CONVERSATION|REPORT|DAILY|IIR|\bOSC\b|\bFAM\b|"
    r"\bFAX\b|WEBSITE|HTTP|DIPNOTE|\bNOTE\b|BRIEF|PAPER|POINTS|CALL\b|DISCUSSION|PHONE",
    re.IGNORECASE,
)
_DTG_REF = re.compile(r"\b[ZOPR]?[0-9]{6}Z\s+[A-Z]{3}\s+[0-9]{2}\b", re.IGNORECASE)
_CABLE_REF = re.compile(
    r"""^(?:REF(?:TEL)?\s*[A-Z]?[:.)]?\s+)?            # doubled enumerator: "REF A STATE 122214"
    (?:(?:\([A-Z]\)|[A-Z][.)])\s*)?                       # "A. A) SECSTATE 54183", "(a) KABUL 673"
    (?:['(]?(?P<y1>(?:19|20)?[0-9]{2})\)?[\s-]*)?        # year prefix: 06, 2007, '08, (99), 10-
    (?P<origin>[A-Z][A-Z .'-]*?[A-Z])                   # origin
    [\s:#-]*(?P<serial>[0-9]{1,7})\b                   # serial
    (?:\s*\((?P<y2>[0-9]{2})\)|/(?P<y3>[0-9]{2})\b|-(?P<y4>[0-9]{2})\b)?
    (?P<rest>.*)$""",
    re.VERBOSE | re.IGNORECASE | re.DOTALL,
)
_GLUED = re.compile(r"^(?P<y1>[0-9]{2})(?P<origin>[A-Z]{3,})(?P<serial>[0-9]{1,7})\b(?P<rest>.*)$", re.IGNORECASE)


def reference_value(reference: model.Reference, year: int | None) -> ReferenceValue:
    """Type a REF item; ``year`` is the citing cable's year (used when the item carries none).

    >>> reference_value(model.Reference("A", "BAKU 00837"), 2007).cable_id.__str__()
    '07BAKU837'
    >>> str(reference_value(model.Reference("B", "06 TEL AVIV 1234 (NOTAL)"), 2007).cable_id)
    '06TELAVIV1234'
    >>> reference_value(model.Reference("C", "LEE-GOLDSTEIN EMAIL 05/11/07"), 2007).kind
    <ReferenceKind.OTHER: 'other'>
    """
    text = reference.text
    kind = ReferenceKind.OTHER
    found = _CABLE_REF.match(text.strip()) or _GLUED.match(text.strip())
    if found is not None and not _NON_CABLE.search(text[: found.end("serial")]):
        origin = canonical_origin(found["origin"])
        if origin in known_origins():
            given = next((found[g] for g in ("y1", "y2", "y3", "y4") if found.groupdict().get(g)), None)
            if given is not None:
                ref_year = int(given) if len(given) == 4 else expand_year(int(given))
                source = "reference"
            elif year is not None:
                ref_year, source = year, "citing cable"
            else:
                return ReferenceValue(reference.label, text, ReferenceKind.CABLE, None)
            cable = CableId(year=ref_year, origin=origin, serial=int(found["serial"]), year_source=source)
            return ReferenceValue(reference.label, text, ReferenceKind.CABLE, cable)
    if _DTG_REF.search(text):
        kind = ReferenceKind.MESSAGE
    return ReferenceValue(reference.label, text, kind, None)


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
    """The cable's REF items, typed, cable ids resolved against the cable's year.

    A doubled enumerator (``A. A) ...``) counts as one item (:func:`merge_doubled_enumerators`).
    """
    found = _cable_year(cable, infer=False)
    year = found[0] if found else None
    return tuple(reference_value(reference, year) for reference in merge_doubled_enumerators(cable.references))


# ---------------------------------------------------------------------------
# Routing indicators
# ---------------------------------------------------------------------------


def station_name(routing_indicator: str | None) -> str | None:
    """The station a routing indicator names in the bundled ACP 117 table, or None.

    >>> station_name("RUEHKB"), station_name("RUCNCIS")
    ('AMEMBASSY BAKU', None)
    """
    if not routing_indicator:
        return None
    return _routes().get(routing_indicator.strip().upper())


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


@attrs.frozen
class PageMark:
    """A page-break line: ``BAKU 00000864  002 OF 002`` or ``PAGE 02 HARARE 06677 01 OF 03 111533Z``."""

    #: The MRN origin as printed (cut to 10 or 6 characters in the source).
    origin: str
    #: The MRN serial.
    serial: int
    #: The page number, or None in old headers that only give the section.
    page: int | None
    #: The sub-page suffix (``001.2`` -> 2), or None.
    subpage: int | None = None
    #: Total pages, or None.
    total: int | None = None
    #: ``(section, of)`` in old page headers, or None.
    section: tuple[int, int] | None = None
    #: The time stamp of old page headers (``111533Z``), or None.
    time: str | None = None


_MODERN_PAGE = re.compile(
    r"^\s*(?P<origin>[A-Z][A-Z .'-]*?)\s+(?P<serial>[0-9]{6,8})\s+"
    r"(?P<page>[0-9]{3})(?:\.(?P<sub>[0-9]))?\s+OF\s+(?P<total>[0-9]{1,3})\s*$"
)
_OLD_PAGE = re.compile(
    r"^\s*PAGE\s+(?P<page>[0-9]{2})\s+(?P<origin>[A-Z][A-Z .'-]*?)\s+(?P<serial>[0-9]{4,6})"
    r"(?:\s+(?P<sec>[0-9]{2})\s+OF\s+(?P<of>[0-9]{2}))?(?:\s+(?P<time>[0-9]{6}Z))?\b"
)


def page_mark(line: model.PageBreak) -> PageMark | None:
    """Type a page-break line; None for a shape not recognised.

    >>> page_mark(model.PageBreak("BAKU 00000864  001.2 OF 002"))
    PageMark(origin='BAKU', serial=864, page=1, subpage=2, total=2, section=None, time=None)
    >>> page_mark(model.PageBreak("PAGE 02        HARARE  03759  01 OF 03  111533Z")).section
    (1, 3)
    """
    if match := _MODERN_PAGE.match(line.text):
        return PageMark(
            origin=match["origin"],
            serial=int(match["serial"]),
            page=int(match["page"]),
            subpage=int(match["sub"]) if match["sub"] else None,
            total=int(match["total"]),
        )
    if match := _OLD_PAGE.match(line.text):
        return PageMark(
            origin=match["origin"],
            serial=int(match["serial"]),
            page=int(match["page"]),
            section=(int(match["sec"]), int(match["of"])) if match["sec"] else None,
            time=match["time"],
        )
    return None


def iter_values(cable: Cable) -> Iterable[tuple[str, Any]]:
    """Every typed value of a cable as ``(name, value)`` pairs (for display)."""
    yield "date_time_group", date_time_group(cable)
    yield "filing_time", filing_time(cable)
    yield "precedence", cable.precedence
    yield "classification", classification(cable)
    yield "cable_id", cable_id(cable)
    yield "eo", eo(cable)
    yield "classified_by_reasons", classified_by_reasons(cable)
    yield "tags", tags(cable)
    yield "references", references(cable)
    yield "routing", routed_addressees(cable)
    yield "section", section(cable)
    yield "page_marks", tuple(page_mark(line) for line in cable.page_breaks)

"""What the text of a cable means: one interpretation per fact.

Every function here reads *strings*, the fields of the model as written, and
says what they mean: dates and date-time groups, precedences, classification
levels and markings, the whole-cable controls and distribution captions, E.O.
declassification instructions, classification reasons, TAGS, canonical
Cablegate ids and the cable ids a REF item names, routing indicators and
page-break lines.  This module imports no model class: the model's accessors
(``cable.reference_id``, ``cable.caveats``, ``EOLine.declassify_on`` ...) and
:mod:`cablegrammar.values` both call it, so a fact has one reading whichever
way it is asked for.  The bundled tables live in ``cablegrammar/data`` (see
its README for sources).

>>> canonical_id("08ECTION01OF02MANAMA492"), canonical_id("09 STATE 122115"), canonical_id("USUN NEW YORK 1234", 2009)
('08MANAMA492', '09STATE122115', '09USUNNEWYORK1234')
>>> declassification("DECL: 07/10/2017")
DeclassifyOn(date=datetime.date(2017, 7, 10))
>>> [t.text for t in normalize_tags(["prel", "PREL", "ETRDEINVECINPGOVCS"])]
['PREL', 'ETRD', 'EINV', 'ECIN', 'PGOV', 'CS']
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import functools
import re
from collections.abc import Iterable, Mapping
from importlib import resources

import attrs

from cablegrammar import _shapes


class OrderedStrEnum(enum.StrEnum):
    """A string enum ordered by :meth:`order` (a rank) rather than alphabetically like ``str``.

    ``functools.total_ordering`` cannot supply the comparisons: ``str`` already defines them. Members of
    different kinds, or a member and a plain string, do not compare (``TypeError``), where ``str`` would
    silently compare them alphabetically.
    """

    @property
    def order(self) -> int:
        """The member's rank; subclasses define it."""
        raise NotImplementedError

    def _other_order(self, other: object, operator: str) -> int:
        # Raise rather than return NotImplemented: Python would then fall back to str's alphabetical comparison.
        if not isinstance(other, type(self)):
            raise TypeError(
                f"'{operator}' not supported between {type(self).__name__} and {type(other).__name__}"
            )
        return other.order

    def __lt__(self, other: object) -> bool:
        return self.order < self._other_order(other, "<")

    def __le__(self, other: object) -> bool:
        return self.order <= self._other_order(other, "<=")

    def __gt__(self, other: object) -> bool:
        return self.order > self._other_order(other, ">")

    def __ge__(self, other: object) -> bool:
        return self.order >= self._other_order(other, ">=")


class Precedence(OrderedStrEnum):
    """Message precedence, from the most to the least urgent; compares by urgency.

    >>> Precedence.FLASH > Precedence.IMMEDIATE > Precedence.ROUTINE
    True
    """

    FLASH = "FLASH"
    NIACT_IMMEDIATE = "NIACT IMMEDIATE"
    IMMEDIATE = "IMMEDIATE"
    PRIORITY = "PRIORITY"
    ROUTINE = "ROUTINE"

    @classmethod
    def from_letter(cls, letter: str) -> Precedence | None:
        """Map a format-line-5 letter (``Z O P R``) to its precedence word."""
        return _LETTERS.get(letter)

    @classmethod
    def from_word(cls, word: str) -> Precedence | None:
        """Map an address-line word (typos included: ``PRIOITY``) to a precedence."""
        return _WORDS.get(word)

    @classmethod
    def from_token(cls, token: str) -> Precedence | None:
        """A letter (``P``), prosign pair (``PP``; mixed ``OP`` gives the first, action, one) or word.

        >>> Precedence.from_token("ZZ"), Precedence.from_token("NIACT IMMEDIATE")
        (<Precedence.FLASH: 'FLASH'>, <Precedence.NIACT_IMMEDIATE: 'NIACT IMMEDIATE'>)
        """
        text = " ".join(token.upper().split())
        if text in _WORDS:
            return _WORDS[text]
        letters = text.replace(" ", "")
        if 1 <= len(letters) <= 2 and all(letter in _LETTERS for letter in letters):
            return _LETTERS[letters[0]]
        return None

    @property
    def letter(self) -> str:
        """The format-line-5 letter (``Z O P R``); NIACT IMMEDIATE is sent as IMMEDIATE (``O``)."""
        return {v: k for k, v in _LETTERS.items()}.get(self, "O")

    @property
    def urgency(self) -> int:
        """1 (ROUTINE) to 5 (FLASH): precedences compare by urgency (``FLASH > ROUTINE``)."""
        return _URGENCY[self]

    @property
    def order(self) -> int:
        """Precedences are ordered by :attr:`urgency`."""
        return _URGENCY[self]

_LETTERS = {
    "Z": Precedence.FLASH,
    "O": Precedence.IMMEDIATE,
    "P": Precedence.PRIORITY,
    "R": Precedence.ROUTINE,
}
_URGENCY = {
    Precedence.ROUTINE: 1,
    Precedence.PRIORITY: 2,
    Precedence.IMMEDIATE: 3,
    Precedence.NIACT_IMMEDIATE: 4,
    Precedence.FLASH: 5,
}
_WORDS = {
    "FLASH": Precedence.FLASH,
    "NIACT IMMEDIATE": Precedence.NIACT_IMMEDIATE,
    "IMMEDIATE": Precedence.IMMEDIATE,
    "PRIORITY": Precedence.PRIORITY,
    "PRIOITY": Precedence.PRIORITY,
    "PIORITY": Precedence.PRIORITY,
    "ROUTINE": Precedence.ROUTINE,
}


# ---------------------------------------------------------------------------


_MONTH_NAMES = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, 1)}


def expand_year(two_digits: int) -> int:
    """Two-digit years: 66-99 are 19xx, 00-65 are 20xx."""
    return 1900 + two_digits if two_digits >= 66 else 2000 + two_digits


def parse_date_time_group(dtg: str) -> dt.datetime | None:
    """``101131Z JUL 07`` to an aware UTC datetime; None if it is not a valid date.

    >>> parse_date_time_group("101131Z JUL 07")
    datetime.datetime(2007, 7, 10, 11, 31, tzinfo=datetime.timezone.utc)
    """
    parts = dtg.split()
    if len(parts) != 3 or parts[1].upper() not in _MONTHS:
        return None
    stamp, month, year = parts
    if not (len(stamp) >= 6 and stamp[:6].isdigit() and year.isdigit() and len(year) in (2, 4)):
        return None
    full_year = int(year) if len(year) == 4 else expand_year(int(year))
    try:
        return dt.datetime(
            full_year, _MONTHS[month.upper()], int(stamp[0:2]), int(stamp[2:4]), int(stamp[4:6]),
            tzinfo=dt.UTC,
        )
    except ValueError:
        return None



#: ``Thursday, 10 July 2007, 11:31``: a media partner's date line.
_DATE_LINE = re.compile(r"^\s*[A-Za-z]+,\s+([0-9]{1,2})\s+([A-Za-z]+)\s+([0-9]{4}),\s+([0-9]{1,2}):([0-9]{2})\s*$")
#: The export records' date columns: ``2000-06-07 12:00:00``, ``12/22/2004 5:24``, ``Fri Jun 05 12:34:56 2009``.
_ISO_DATE = re.compile(r"^\s*([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]([0-9]{1,2}):([0-9]{2})(?::[0-9]{2})?)?\s*$")
_US_DATE = re.compile(r"^\s*([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})(?:\s+([0-9]{1,2}):([0-9]{2})(?::[0-9]{2})?)?\s*$")
_CTIME_DATE = re.compile(
    r"^\s*[A-Za-z]{3}\s+([A-Za-z]{3})\s+([0-9]{1,2})\s+([0-9]{1,2}):([0-9]{2}):[0-9]{2}\s+([0-9]{4})\s*$"
)


def parse_written_date(text: str) -> dt.datetime | None:
    """A date as the release writes it outside the envelope, as an aware UTC datetime; None if it is none.

    Read: a date-time group (``052230Z Dec 05``, the archive date of a partial extract), a media
    partner's date line (``Thursday, 10 July 2007, 11:31``) and the export records' dates
    (``2000-06-07 12:00:00``, ``12/22/2004 5:24``, ``Fri Jun 05 12:34:56 2009``).

    >>> parse_written_date("052230Z Dec 05"), parse_written_date("12/22/2004 5:24")
    (datetime.datetime(2005, 12, 5, 22, 30, tzinfo=datetime.timezone.utc), \
datetime.datetime(2004, 12, 22, 5, 24, tzinfo=datetime.timezone.utc))
    >>> parse_written_date("Thursday, 10 July 2007, 11:31").isoformat(), parse_written_date("XXXXXXXXXXXX")
    ('2007-07-10T11:31:00+00:00', None)
    """
    if when := parse_date_time_group(text.strip()):
        return when
    fields: tuple[int, int, int, int, int] | None = None
    if match := _DATE_LINE.match(text):
        month = _MONTHS.get(match[2][:3].upper())
        fields = (int(match[3]), month, int(match[1]), int(match[4]), int(match[5])) if month else None
    elif match := _ISO_DATE.match(text):
        fields = (int(match[1]), int(match[2]), int(match[3]), int(match[4] or 0), int(match[5] or 0))
    elif match := _US_DATE.match(text):
        fields = (int(match[3]), int(match[1]), int(match[2]), int(match[4] or 0), int(match[5] or 0))
    elif match := _CTIME_DATE.match(text):
        month = _MONTHS.get(match[1].upper())
        fields = (int(match[5]), month, int(match[2]), int(match[3]), int(match[4])) if month else None
    if fields is None:
        return None
    try:
        return dt.datetime(*fields, tzinfo=dt.UTC)
    except ValueError:
        return None


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

#: The dissemination controls a cable's banner and captions may carry: canonical name -> its spellings
#: (upper case, the canonical name first; the abbreviations are those of ``//``-joined markings).
DISSEMINATION_CONTROLS: Mapping[str, tuple[str, ...]] = {
    "NOFORN": ("NOFORN", "NF", "NOT RELEASABLE TO FOREIGN NATIONALS"),
    "ORCON": ("ORCON", "OC"),
    "NOCONTRACT": ("NOCONTRACT", "NC"),
    "PROPIN": ("PROPIN", "PR"),
    "FGI": ("FGI",),
    "FOUO": ("FOUO", "FOR OFFICIAL USE ONLY"),
}
#: Distribution (handling) captions: who may see the cable inside the government, not a classification.  The
#: canonical names of the words the grammar's DISTRIBUTION_CAPTION_WORD spells (``E F T O`` is ``EFTO``).
DISTRIBUTION_CAPTIONS: tuple[str, ...] = (
    "SIPDIS", "NODIS", "EXDIS", "LIMDIS", "STADIS", "SPECAT", "EXCLUSIVE", "CHEROKEE", "ROGER CHANNEL",
    "NOT FOR INTERNET DISTRIBUTION", "EFTO",
)
#: Caveats of portion marks (``(S//NF)``, ``(SBU)``, ``(U//FOUO)``): spelling -> canonical caveat.
_CAVEAT_ALIASES = {
    **{spelling: name for name, spellings in DISSEMINATION_CONTROLS.items() for spelling in spellings},
    "N": "NOFORN",
    "SBU": "SBU",
    "SIPDIS": "SIPDIS",
}
_WORDS_OF = r"\b(?:{})\b"
_LONG_CONTROL = re.compile(
    _WORDS_OF.format("|".join(
        re.escape(spelling) for spellings in DISSEMINATION_CONTROLS.values() for spelling in spellings
        if len(spelling) > 2  # NF, OC, NC, PR: only inside a //-joined marking, never in running words
    ))
)
#: The grammar's caption words, in upper-case text with blanks squeezed (as the functions below read it).
_CAPTION_WORD = re.compile(_WORDS_OF.format(_shapes.regexp("DISTRIBUTION_CAPTION_WORD")))
_SENSITIVITY_WORD = re.compile(_WORDS_OF.format(_shapes.regexp("SENSITIVITY_CAPTION_WORD")))
_SENSITIVE = re.compile(r"\bSENSITIVE(?:\s+BUT\s+UNCLASSIF\w*)?\b|\bSBU\b")
_REL_TO = re.compile(r"\bREL(?:EASABLE)?\s+TO\s+(?P<countries>[A-Z]{2,4}(?:\s*(?:,|/|\bAND\b)\s*[A-Z]{2,4}\b)*)")
#: A control or caption word and the blanks, commas or slashes after it (:func:`leading_markings`).
_LEADING_WORD = re.compile(rf"(?:{_LONG_CONTROL.pattern}|{_CAPTION_WORD.pattern}|{_SENSITIVITY_WORD.pattern})[\s,/]*")
#: An address caption: ``STATE FOR NEA/ELA``, ``DEPT PASS USTR``, ``PASS TO AID``.
_ADDRESS_CAPTION = re.compile(r"\b(?:FOR|PASS)\b")


def marking_words(text: str) -> tuple[str, ...]:
    """The control and caption words a line carries as written, upper case, in order: ``NOFORN SIPDIS``.

    >>> marking_words("NOFORN SIPDIS DEPARTMENT FOR NEA/ELA"), marking_words("Sipdis")
    (('NOFORN', 'SIPDIS'), ())
    """
    found = [(m.start(), m[0]) for m in _LONG_CONTROL.finditer(text)]
    found += [(m.start(), m[0]) for m in _CAPTION_WORD.finditer(text)]
    return tuple(word for _, word in sorted(found))


def _caption_name(word: str) -> str:
    """A caption word's canonical name: letter-spaced words closed up (``E F T O`` is ``EFTO``)."""
    letters = word.split()
    return "".join(letters) if all(len(letter) == 1 for letter in letters) else word


def leading_markings(text: str) -> str:
    """The control and caption words a free line of the caption block opens with, as written: the passing line
    ``NOFORN SIPDIS STATE FOR NEA/FO. STATE PLEASE PASS TO ENERGY.`` opens with ``NOFORN SIPDIS``.

    >>> leading_markings("NOFORN SIPDIS STATE FOR NEA/FO AND NEA/MAG."), leading_markings("Noforn, Sipdis: text")
    ('NOFORN SIPDIS', 'Noforn, Sipdis')
    >>> leading_markings("DEPT FOR NEA")
    ''
    """
    end = 0
    for match in _LEADING_WORD.finditer(text.upper()):  # any case is read, as in cable_markings
        if match.start() != end:
            break
        end = match.end()
    return text[:end].strip(" \t,/")


@attrs.frozen
class CableMarkings:
    """What a cable's classification line and caption lines say about its handling, apart from its level."""

    #: Dissemination controls, canonical, each once in order of appearance: ``NOFORN``, ``ORCON``,
    #: ``NOCONTRACT``, ``PROPIN``, ``FGI``, ``REL TO USA, GBR``.
    caveats: tuple[str, ...] = ()
    #: Distribution captions, each once: the caption words of :data:`DISTRIBUTION_CAPTIONS` and address
    #: captions as written, spacing squeezed (``STATE FOR NEA/ELA``, ``DEPT PASS USTR``).
    captions: tuple[str, ...] = ()
    #: True for SENSITIVE / SENSITIVE BUT UNCLASSIFIED / SBU.
    sensitive: bool = False


def cable_markings(texts: Iterable[str]) -> CableMarkings:
    """Read the handling of a cable from its classification line's caveats and tail and its caption lines.

    Any case is read.  What a text holds besides known words counts as an address caption when it
    says who the cable is for (``FOR``, ``PASS``); anything else is no marking.

    >>> cable_markings(["NOFORN SIPDIS DEPARTMENT FOR NEA/ELA", "Sensitive but unclassified", "Noforn"])
    CableMarkings(caveats=('NOFORN',), captions=('SIPDIS', 'DEPARTMENT FOR NEA/ELA'), sensitive=True)
    >>> cable_markings(["NF//OC", "REL TO USA, GBR"]).caveats
    ('NOFORN', 'ORCON', 'REL TO USA, GBR')
    """
    caveats: dict[str, None] = {}
    captions: dict[str, None] = {}
    sensitive = False
    for text in texts:
        upper = " ".join(text.upper().split())
        words = [word for word in re.split(r"[/,\s]+", upper) if word]
        if words and all(word in _CAVEAT_ALIASES for word in words):  # a //-joined marking: NF//OC
            for word in words:
                name = _CAVEAT_ALIASES[word]
                if name == "SBU":
                    sensitive = True
                elif name in DISSEMINATION_CONTROLS:
                    caveats[name] = None
                else:
                    captions[name] = None
            continue
        found: list[tuple[int, str, str]] = []  # (position, kind, name)
        for rel in _REL_TO.finditer(upper):
            countries = [c for c in re.split(r"\s*(?:,|/|\bAND\b)\s*", rel["countries"]) if c]
            found.append((rel.start(), "caveat", "REL TO " + ", ".join(countries)))
        found += [(m.start(), "caveat", _CAVEAT_ALIASES[m[0]]) for m in _LONG_CONTROL.finditer(upper)]
        found += [(m.start(), "caption", _caption_name(m[0])) for m in _CAPTION_WORD.finditer(upper)]
        for _, kind, name in sorted(found):
            (caveats if kind == "caveat" else captions)[name] = None
        sensitive = sensitive or bool(_SENSITIVE.search(upper))
        rest = _REL_TO.sub(" ", upper)
        for pattern in (_LONG_CONTROL, _CAPTION_WORD, _SENSITIVE):
            rest = pattern.sub(" ", rest)
        rest = " ".join(rest.split()).strip(" ,;:.-")
        if _ADDRESS_CAPTION.search(rest):
            captions[rest] = None
    return CableMarkings(tuple(caveats), tuple(captions), sensitive)


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
    """A marking code: ``OADR``, ``MR``, ``GDS``, ``XGDS-2``, ``RDS-3``...

    Under E.O. 12065 the code carries the date of its schedule, the classifier and the office:
    ``RDS-3 9/5/99 (NAAS, L.B.) OR-P`` is a review for declassification on 5 September 1999, classified by
    L.B. Naas of the political section.
    """

    #: The code as normalised (upper case, no spaces): ``XGDS-2``.
    code: str
    #: The date of the code's schedule (declassification for ``GDS``, review for ``RDS``), or None.
    date: dt.date | None = None
    #: The classifier named in parentheses after the date (``NAAS, L.B.``), or None.
    classified_by: str | None = None
    #: The classifying office after them (``OR-P``), or None.
    office: str | None = None

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


@attrs.frozen
class DowngradeOn:
    """``DNG: CO 08/01/2032``: downgrade on a date (not a declassification)."""

    #: The level code as written after ``DNG:`` (``CO``), or ``""`` when none is given.
    to: str
    #: The date.
    date: dt.date


Declassification = (
    DeclassifyOn | DowngradeOn | NotApplicable | DeclassificationCode | Exemptions | DeclassifyOnEvent | Unrecognized
)

_NA = re.compile(r"^N/?A\.?$", re.IGNORECASE)
#: ``DECL:``, ``DECL ON:``, ``Declassify on``, ``DECLl:`` (a typo): the label of a declassification instruction.
_DECL_PREFIX = re.compile(r"^DECL[A-Z]*(?:\s+ON\b)?\s*[:.]?\s*", re.IGNORECASE)
_DNG_PREFIX = re.compile(r"^DNG\s*[:.]?\s*(?P<to>[A-Z]{1,3}\b)?\s*", re.IGNORECASE)
#: A schedule code as written (``XGDS-2``, ``RDS 3``), which may carry a date, and every marking code.
_SCHEDULE_CODE = r"N?GDS|(?:XGDS|RDS|XDS)(?:[- ]?[0-9])?"
_CODE = re.compile(rf"^(?P<code>OADR|MR|{_SCHEDULE_CODE})\.?$", re.IGNORECASE)
#: A code with its schedule's date, then maybe the classifier in parentheses and the office (E.O. 12065).
_CODE_DATED = re.compile(
    rf"^(?P<code>{_SCHEDULE_CODE})[ .,]+(?P<date>[0-9]{{1,2}}/[0-9]{{1,2}}/[0-9]{{2,4}})"
    r"(?:\s+\((?P<by>[^()]*)\))?(?:\s+(?P<office>[A-Z][A-Z0-9/-]*))?\.?$",
    re.IGNORECASE,
)
_EXEMPTION = re.compile(r"^(?:(?:1\.6\s*)?X[1-8]|25X[1-9])$", re.IGNORECASE)
#: A date opening an instruction; what follows it (a run-on ``TAGS:``, a full stop) is not part of it.
_LEADING_DATE = re.compile(
    r"""^(?:ON\s+)?(?:
        (?P<y1>[0-9]{4})[/-](?P<m1>[0-9]{1,2})[/-](?P<d1>[0-9]{1,2})            # 2020/02/23
      | (?P<m2>[0-9]{1,3})[/-](?P<d2>[0-9]{1,2})[/-](?P<y2>[0-9]{4}|[0-9]{2})   # 07/10/2017, 6/30/08, 01-05-12
      | (?P<d3>[0-9]{1,2})\s+(?P<month3>[A-Z]{3,9})\.?,?\s+(?P<y3>[0-9]{4})      # 12 OCTOBER 2015
    )(?![0-9/])""",
    re.IGNORECASE | re.VERBOSE,
)


def leading_date(text: str) -> dt.date | None:
    """The date that opens ``text`` (``07/10/2017``, ``2020/02/23``, ``12 OCTOBER 2015``), else None.

    >>> leading_date("09/10/2034 TAGS: ETTC"), leading_date("ON 05/02/2015"), leading_date("13/45/2010")
    (datetime.date(2034, 9, 10), datetime.date(2015, 5, 2), None)
    """
    match = _LEADING_DATE.match(text.strip())
    if not match:
        return None
    try:
        if match["y1"]:
            return dt.date(int(match["y1"]), int(match["m1"]), int(match["d1"]))
        if match["y2"]:
            year = int(match["y2"]) if len(match["y2"]) == 4 else expand_year(int(match["y2"]))
            return dt.date(year, int(match["m2"]), int(match["d2"]))
        month = _MONTHS.get(match["month3"][:3].upper())
        return dt.date(int(match["y3"]), month, int(match["d3"])) if month else None
    except ValueError:
        return None


def declassification(text: str) -> Declassification:  # noqa: PLR0911 - one return per shape
    """Type an E.O. line's declassification instruction.

    A date that opens the instruction is the declassify-on date, whatever runs on after it (the
    ``TAGS`` of a run-on line); ``DNG:`` is a downgrade, not a declassification.

    >>> declassification("DECL: 07/10/2017")
    DeclassifyOn(date=datetime.date(2017, 7, 10))
    >>> declassification("DECL ON: 07/01/2019"), declassification("decl: 01/07/2014 Tags: prel")
    (DeclassifyOn(date=datetime.date(2019, 7, 1)), DeclassifyOn(date=datetime.date(2014, 1, 7)))
    >>> declassification("DNG: CO 08/01/2032")
    DowngradeOn(to='CO', date=datetime.date(2032, 8, 1))
    >>> declassification("DECL:  OADR").code
    'OADR'
    >>> declassification("DECL: X1, X5")
    Exemptions(codes=('X1', 'X5'))
    >>> declassification("decl: after korean unification")
    DeclassifyOnEvent(event='after korean unification')
    >>> declassification("RDS-3 9/5/99 (NAAS, L.B.) OR-P")
    DeclassificationCode(code='RDS-3', date=datetime.date(1999, 9, 5), classified_by='NAAS, L.B.', office='OR-P')
    """
    stripped = text.strip().lstrip(":").strip()
    if not stripped:
        return Unrecognized(text)
    if _NA.match(stripped):
        return NotApplicable()
    if downgrade := _DNG_PREFIX.match(stripped):
        on = leading_date(stripped[downgrade.end() :])
        return DowngradeOn(to=(downgrade["to"] or "").upper(), date=on) if on else Unrecognized(stripped)
    has_prefix = bool(_DECL_PREFIX.match(stripped))
    body = _DECL_PREFIX.sub("", stripped).strip()
    if code := _CODE.match(body):
        return DeclassificationCode(code=code["code"].upper().replace(" ", "-"))
    if (dated := _CODE_DATED.match(body)) and (on := leading_date(dated["date"])):
        return DeclassificationCode(code=dated["code"].upper().replace(" ", "-"), date=on,
                                    classified_by=dated["by"], office=dated["office"])
    parts = [part.strip() for part in re.split(r"[,;]|\bAND\b", body, flags=re.IGNORECASE) if part.strip()]
    if parts and all(_EXEMPTION.match(part) for part in parts):
        return Exemptions(codes=tuple("".join(part.upper().split()) for part in parts))
    if on := leading_date(body):
        return DeclassifyOn(on)
    if has_prefix and re.search(r"[A-Za-z]{3}", body) and not re.fullmatch(r"X+", body, re.IGNORECASE):
        return DeclassifyOnEvent(event=body)
    return Unrecognized(stripped)


def declassify_on(text: str) -> dt.date | None:
    """The declassify-on date of an instruction (:func:`declassification` gives a :class:`DeclassifyOn`), else None.

    >>> declassify_on("DECL: 11/29/10"), declassify_on("DNG: CO 08/01/2032")
    (datetime.date(2010, 11, 29), None)
    """
    typed = declassification(text)
    return typed.date if isinstance(typed, DeclassifyOn) else None


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


def classification_reason(code: str) -> ClassificationReason:
    """Type a reason as the model keeps it (``1.4(b)``, ``1.5``).

    >>> classification_reason("1.4(b)").meaning
    'foreign government information'
    """
    section, _, letter = code.partition("(")
    return ClassificationReason(section=section, letter=letter.rstrip(")") or None)



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


def _known_tag(upper: str) -> bool:
    return upper in geographic_tags() or upper in subject_tags() or upper in _organizations()


def split_glued_tags(text: str) -> tuple[str, ...] | None:
    """Known tags run together by a bad export (``ETRDEINVECINPGOVCS``), split; None where no split exists.

    The split uses the fewest known tags (geographic, subject, program and organization tags of the
    bundled tables); a word that is itself a known tag, that no sequence of known tags spells, or that
    only two-letter codes spell, is not split.

    >>> split_glued_tags("ETRDEINVECINPGOVCS"), split_glued_tags("PREL"), split_glued_tags("MOPPSX")
    (('ETRD', 'EINV', 'ECIN', 'PGOV', 'CS'), None, None)
    >>> split_glued_tags("BRUSSELS") is None  # BR US SE LS: country codes alone spell a word
    True
    """
    upper = text.upper()
    if len(upper) < 4 or not upper.isalpha() or not upper.isascii() or _known_tag(upper):
        return None
    # best[i]: the fewest known tags spelling upper[:i], as a tuple (None where none does).
    best: list[tuple[str, ...] | None] = [()] + [None] * len(upper)
    for end in range(2, len(upper) + 1):
        for start in range(max(0, end - 8), end - 1):
            head, piece = best[start], upper[start:end]
            if head is not None and _known_tag(piece):
                candidate = (*head, piece)
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    found = best[-1]
    # Two-letter country codes alone spell words (BR US SE LS is BRUSSELS): a glued run holds a longer tag.
    return found if found and len(found) > 1 and any(len(piece) > 2 for piece in found) else None


def normalize_tags(texts: Iterable[str]) -> tuple[Tag, ...]:
    """TAGS as a table wants them: upper case, spacing squeezed, glued known tags split, each tag once.

    A person tag is the person, whole: ``OVIP (CLINTON, HILLARY)`` and ``OREP (CLINTON, HILLARY)`` are the
    one tag ``CLINTON, HILLARY`` (kind ``person``).  Trailing punctuation is dropped.  Each other tag is
    typed by :func:`tag`.

    >>> [(t.text, t.kind.value) for t in normalize_tags(["prel", "PREL.", "OVIP (Clinton, Hillary)", "KPAONZ"])]
    [('PREL', 'subject'), ('CLINTON, HILLARY', 'person'), ('KPAO', 'program'), ('NZ', 'geographic')]
    """
    found: dict[str, Tag] = {}
    for text in texts:
        upper = " ".join(text.upper().split()).strip(" .,;:")
        if not upper:
            continue
        typed = tag(upper)
        if typed.kind is TagKind.PERSON and typed.name:
            found.setdefault(typed.name, Tag(text=typed.name, kind=TagKind.PERSON, name=typed.name))
            continue
        for piece in split_glued_tags(upper) or (upper,):
            if piece not in found:
                found[piece] = typed if piece == upper else tag(piece)
    return tuple(found.values())




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
    # Posts the 2010 ACP 117 table lacks.
    "MANAMA", "QUITO", "MUSCAT", "SHANGHAI", "CHENNAI", "CALCUTTA", "KOLKATA", "PORTLOUIS", "YAOUNDE", "TAIPEI",
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




#: What the release's malformed ids glue between the year and the origin: the year again (``7575LIBREVILLE1895``),
#: the section counter as the grammar reads it (SECTION_COUNTER: ``SECTION01OF02`` with letters lost or mistyped,
#: ``ECTION``, ``SCTION``, ``SECTIN``) and caption words (``EFTO``; CAPTION_WORDS' pieces).
_RELEASE_ID_JUNK = (
    r"(?:(?P=year))?(?:" + "|".join(_shapes.group(name) for name in (
        "SECTION_COUNTER", "DISTRIBUTION_CAPTION_WORD", "CONTROL_CAPTION_WORD", "SENSITIVITY_CAPTION_WORD")) + ")*"
)
_RELEASE_ID = re.compile(rf"^(?P<year>[0-9]{{2}}){_RELEASE_ID_JUNK}(?P<origin>[A-Z]+?)(?P<serial>[0-9]{{1,7}})$")


def canonical_id(text: str, year: int | None = None) -> str | None:
    """The canonical Cablegate id (``09STATE122115``) of an id as written anywhere in the release; else None.

    Release ids (``07BAKU864``, any case), the release's own malformed ids (``08ECTION01OF02MANAMA492``,
    ``09EFTOLONDON2187``) and REF spellings (``09 STATE 122115``, ``STATE 122115 (09)``, ``SECSTATE 1234``)
    are read; a spelling without a year takes ``year`` (the citing cable's), and gives None without it.

    >>> canonical_id("08SCTION02OF02SAOPAULO335"), canonical_id("09eftolondon2187"), canonical_id("7575LIBREVILLE1895")
    ('08SAOPAULO335', '09LONDON2187', '75LIBREVILLE1895')
    >>> canonical_id("SECSTATE 1234", 2009), canonical_id("SECSTATE 1234"), canonical_id("PARA 5", 2009)
    ('09STATE1234', None, None)
    """
    found = parse_cable_id(text, year)
    return str(found) if found else None


def parse_cable_id(text: str, year: int | None = None) -> CableId | None:
    """:func:`canonical_id` as a :class:`CableId` (``year_source``: ``reference``, or ``citing cable`` for ``year``)."""
    squeezed = "".join(text.upper().split())
    if match := _RELEASE_ID.match(squeezed):
        return CableId(expand_year(int(match["year"])), canonical_origin(match["origin"]), int(match["serial"]),
                       "reference")
    found = cable_ids(text, year)
    return found[0] if len(found) == 1 else None


_FOOTER_YEAR = re.compile(r"^\s*((?:19|20)[0-9]{2})[A-Z]")


def footer_year(text: str) -> int | None:
    """The year an archive footer (``2007BAKU00864 - Classification: ...``) opens with, else None."""
    match = _FOOTER_YEAR.match(text)
    return int(match[1]) if match else None


def year_from_declassification(order: str, declassify_on: dt.date | None) -> int | None:
    """A cable's year inferred from its E.O. 12958 declassify-on date: ten years before it, the order's default.

    An inference, right for most cables and wrong for those given another duration; None outside the
    years E.O. 12958 governed (1995 until E.O. 13526 took effect in 2010) or for another order.

    >>> year_from_declassification("12958", dt.date(2017, 7, 10))
    2007
    >>> year_from_declassification("12958", dt.date(2034, 1, 1)) is None
    True
    """
    if order != "12958" or declassify_on is None:
        return None
    year = declassify_on.year - 10
    return year if 1995 <= year <= 2010 else None


class ReferenceKind(enum.StrEnum):
    """What a REF item points at."""

    CABLE = "cable"
    MESSAGE = "message"  # a DTG-identified message of another agency: SECDEF R162245Z OCT 08
    OTHER = "other"  # e-mails, telcons, reports, letters, web pages


_NON_CABLE = re.compile(
    r"E-?MAILS?|TELCONS?|TELECON|SVTC|LETTER|MEMO|MEETING|CONVERSATION|REPORT|DAILY|IIR|\bOSC\b|\bFAM\b|"
    r"\bFAX\b|WEBSITE|HTTP|DIPNOTE|\bNOTE\b|BRIEF|PAPER|POINTS|CALL\b|DISCUSSION|PHONE",
    re.IGNORECASE,
)
#: A message cited by its date-time group, the precedence sign glued before it or not (the grammar's pieces).
_DTG_REF = re.compile(rf"\b(?i:{_shapes.group('PRECEDENCE_SIGN')}?{_shapes.group('DATE_TIME_GROUP')})\b")
#: One cited cable: an optional year, the origin, the serial, an optional year after it.
_CITED = r"""
    (?:['(]?(?P<y1>(?:19|20)?[0-9]{2})\)?[\s-]*)?        # year prefix: 06, 2007, '08, (99), 10-
    (?P<origin>[A-Z][A-Z .'-]*?[A-Z])                   # origin
    [\s:#-]*(?P<serial>[0-9]{1,7})\b                   # serial
    (?:\s*\((?P<y2>(?:19|20)?[0-9]{2})\)|/(?P<y3>[0-9]{2})\b|-(?P<y4>[0-9]{2})\b)?  # year after: (08), (2004), /08
"""
_CABLE_REF = re.compile(
    r"""^(?:REF(?:TEL)?\s*[A-Z]?[:.)]?\s+)?            # doubled enumerator: "REF A STATE 122214"
    (?:(?:\([A-Z]\)|[A-Z][.)])\s*)?                       # "A. A) SECSTATE 54183", "(a) KABUL 673"
    """ + _CITED,
    re.VERBOSE | re.IGNORECASE,
)
#: A further cable in the same item: after ``;``, ``,``, ``AND`` or a space, with its own letter or not.
_NEXT_REF = re.compile(r"^\s*(?:[;,]|\bAND\b)?\s*(?:(?:\([A-Z]\)|[A-Z][.)])\s*)?" + _CITED, re.VERBOSE | re.IGNORECASE)
#: A further serial of the same origin and year: ``STATE 1234, 5678``.
_NEXT_SERIAL = re.compile(
    r"^\s*(?:[;,]|\bAND\b)\s*(?P<serial>[0-9]{1,7})\b(?![/.:-]?[0-9])"
    r"(?!\s*(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*\b)",  # not a date: "STATE 1234, 5 MARCH"
    re.IGNORECASE,
)
_GLUED = re.compile(r"^(?P<y1>[0-9]{2})(?P<origin>[A-Z]{3,})(?P<serial>[0-9]{1,7})\b", re.IGNORECASE)


def _cited(found: re.Match[str], year: int | None) -> CableId | None:
    origin = canonical_origin(found["origin"])
    if origin not in known_origins():
        return None
    given = next((found[g] for g in ("y1", "y2", "y3", "y4") if found.groupdict().get(g)), None)
    if given is not None:
        return CableId(int(given) if len(given) == 4 else expand_year(int(given)), origin, int(found["serial"]),
                       "reference")
    if year is None:
        return None
    return CableId(year, origin, int(found["serial"]), "citing cable")


def cable_ids(text: str, year: int | None = None) -> tuple[CableId, ...]:
    """Every cable a REF item's text names, in order, canonical; ``year`` resolves those written without one.

    The item opens with a cable (``STATE 122115``, ``09 STATE 122115``, ``A) SECSTATE 54183``); more may follow
    it, each after ``;``, ``,``, ``AND`` or a space (``09 STATE 122115; 09 NAIROBI 2487``), or as a bare serial
    of the same origin (``STATE 1234, 5678``).  E-mails, telcons, reports and messages name no cable.

    >>> [str(i) for i in cable_ids("09 state 122115; 09 nairobi 2487")]
    ['09STATE122115', '09NAIROBI2487']
    >>> [str(i) for i in cable_ids("BAKU 00837", 2007)], cable_ids("LEE-GOLDSTEIN EMAIL 05/11/07", 2007)
    (['07BAKU837'], ())
    >>> [str(i) for i in cable_ids("CAIRO 140; 09 CAIRO 477 AND 481", 2010)]
    ['10CAIRO140', '09CAIRO477', '09CAIRO481']
    >>> [str(i) for i in cable_ids("THE HAGUE 3350 (2004)", 2005)]
    ['04THEHAGUE3350']
    """
    stripped = text.strip()
    found = _CABLE_REF.match(stripped) or _GLUED.match(stripped)
    if found is None or _NON_CABLE.search(stripped[: found.end("serial")]):
        return ()
    first = _cited(found, year)
    if first is None:
        return ()
    ids = [first]
    rest = stripped[found.end() :]
    while rest:
        if (more := _NEXT_REF.match(rest)) and (cited := _cited(more, year)) is not None:
            ids.append(cited)
            rest = rest[more.end() :]
        elif serial := _NEXT_SERIAL.match(rest):
            ids.append(attrs.evolve(ids[-1], serial=int(serial["serial"])))
            rest = rest[serial.end() :]
        else:
            break
    return tuple(ids)


def reference_kind(text: str) -> ReferenceKind:
    """What a REF item's text points at: a cable, another agency's message (by its DTG) or something else.

    Whether the text names a cable does not depend on the citing year (it only dates ids written without one),
    so any year will do for the test.
    """
    if cable_ids(text, 2000):
        return ReferenceKind.CABLE
    return ReferenceKind.MESSAGE if _DTG_REF.search(text) else ReferenceKind.OTHER


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


@functools.cache
def _page_marks() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The grammar's page mark (the whole line, blanks around it) and old page header (what may follow it:
    PAGE_HEADER_TAIL), their pieces as named groups."""
    modern = _shapes.named("PAGE_MARK", origin="PAGE_MARK_POST", serial="PAGE_MARK_SERIAL", page="PAGE_MARK_PAGE",
                           total="PAGE_MARK_TOTAL")
    old = _shapes.named("OLD_PAGE_HEADER", page="OLD_PAGE_NUMBER", origin="OLD_PAGE_ORIGIN", serial="OLD_PAGE_SERIAL",
                        section="OLD_PAGE_SECTION", time="OLD_PAGE_TIME")
    return re.compile(rf"[ \t]*{modern}[ \t]*"), re.compile(rf"[ \t]*{old}(?![^ \t])")


def page_mark(text: str) -> PageMark | None:
    """Type the text of a page-break line; None for a shape not recognised.

    >>> page_mark("BAKU 00000864  001.2 OF 002")
    PageMark(origin='BAKU', serial=864, page=1, subpage=2, total=2, section=None, time=None)
    >>> page_mark("PAGE 02        HARARE  03759  01 OF 03  111533Z").section
    (1, 3)
    """
    modern, old = _page_marks()
    if match := modern.fullmatch(text):
        page, _, subpage = match["page"].partition(".")
        return PageMark(
            origin=match["origin"],
            serial=int(match["serial"]),
            page=int(page),
            subpage=int(subpage) if subpage else None,
            total=int(match["total"]),
        )
    if match := old.match(text):
        section = match["section"]
        return PageMark(
            origin=match["origin"],
            serial=int(match["serial"]),
            page=int(match["page"]),
            section=(int(section[:2]), int(section[-2:])) if section else None,
            time=match["time"],
        )
    return None

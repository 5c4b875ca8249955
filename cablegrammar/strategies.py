"""Hypothesis strategies for cables: models and texts that the format allows.

Install with ``pip install "cablegrammar[hypothesis]"``.  Projects that read
cables can test their own code against generated cables::

    from hypothesis import given
    from cablegrammar import strategies as cgst

    @given(cgst.cables())
    def test_my_indexer(cable):
        assert my_indexer(cable).classification == cable.classification

Every strategy only produces values a real cable could hold:

* dates are valid, and the date-time group, the filing time of format line 3,
  the media-partner date line and the E.O. declassification date agree;
* routing indicators and plain-language addresses come from ACP 117 (the
  2010 edition: ``cablegrammar/data/routes.tsv``), TAGS from the TAGS seen in
  real cables (``cablegrammar/data/tags.txt``);
* portion markings never exceed the banner classification, the security
  line of the envelope (``ZNY CCCCC``) spells the same classification, the
  station serial is the message serial, and so on.

:func:`cables` gives semantic models (no layout): ``parse(render(c)) == c``.
:func:`cable_texts` gives texts written in the layouts real cables use
(blank lines or none, trailing blanks, CRLF, letter-spaced classification,
``¶`` markers, wrapped SUBJECT / TAGS / REF / Classified By lines, page-break
lines and paragraphs running on over them, the media partners' rendering,
Department distribution copies with their drafting block, mixed-case
signatures, and the export and release artifacts: mailbox export headers,
export records of both shapes, editorial notes, redacted classification lines);
:func:`cables_with_texts` gives both: a text and the model it must parse to.

>>> from cablegrammar import parse, render
>>> text = cable_texts().example()  # doctest: +SKIP
>>> render(parse(text)) == text  # doctest: +SKIP
True
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import string
import textwrap
from collections.abc import Callable, Sequence
from importlib import resources
from typing import Any

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised without Hypothesis only
    msg = (
        "cablegrammar.strategies needs Hypothesis, which is not installed; "
        'install it with: pip install "cablegrammar[hypothesis]"'
    )
    raise ImportError(msg) from exc

import attrs

from cablegrammar import _shapes
from cablegrammar.interpret import Precedence
from cablegrammar.model import (
    Addressee,
    ArchiveHeading,
    Cable,
    CaptionLine,
    ClassificationFooter,
    ClassificationLine,
    ClassifiedBy,
    DateLine,
    DeclassificationStamp,
    DistributionList,
    DistributionStamp,
    Drafting,
    EditorialNote,
    EndOfMessage,
    Envelope,
    EOLine,
    ExportRecord,
    InboxExport,
    OfficeCopies,
    PageBanner,
    PageBreak,
    PageTurn,
    Paragraph,
    Preamble,
    RedactedLine,
    Reference,
    References,
    RuleLine,
    Signature,
    StampTurn,
    Subject,
    TagsLine,
    TextBlock,
)

__all__ = [
    "CLASSIFICATIONS",
    "addressees",
    "cable_texts",
    "cables",
    "cables_with_texts",
    "caption_lines",
    "classification_lines",
    "classifications",
    "classified_by_lines",
    "date_time_groups",
    "distribution_lists",
    "envelopes",
    "eo_lines",
    "page_breaks",
    "paragraphs",
    "plain_language_addresses",
    "portion_markings",
    "references",
    "routing_indicators",
    "subjects",
    "tags",
    "tags_lines",
]

#: The five overall classifications, as the model spells them.
CLASSIFICATIONS = ("UNCLASSIFIED", "LIMITED OFFICIAL USE", "CONFIDENTIAL", "SECRET", "TOP SECRET")

_FIRST = dt.datetime(1966, 1, 1)
_LAST = dt.datetime(2010, 2, 28, 23, 59)
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


# ---------------------------------------------------------------------------
# Bundled vocabularies
# ---------------------------------------------------------------------------


def _data_lines(name: str) -> list[str]:
    text = resources.files("cablegrammar").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@functools.cache
def _routes() -> tuple[tuple[str, str], ...]:
    """(routing indicator, plain-language address) pairs of ACP 117.

    Not the few addresses that end in a number of a serial's shape (``CJTF 123``): an address line reads that
    number as the addressee's serial.
    """
    rows = (line.split("\t") for line in _data_lines("routes.tsv"))
    serial_at_end = re.compile(rf"[ \t]{_shapes.regexp('ADDRESSEE_SERIAL')}\Z")
    return tuple((ri, name) for ri, name in rows if "/" not in name and not serial_at_end.search(name))


@functools.cache
def _posts() -> tuple[tuple[str, str, str], ...]:
    """(routing indicator, PLAD, MRN origin) of State posts: ``RUEHKB``, ``AMEMBASSY BAKU``, ``BAKU``."""
    posts = [("RUEHC", "SECSTATE WASHDC", "STATE")]
    for ri, name in _routes():
        kind, _, city = name.partition(" ")
        words = city.split()
        if (
            kind in ("AMEMBASSY", "AMCONSUL")
            and ri.startswith("RUEH")
            and words
            and all(len(w) >= 2 and set(w) <= set(string.ascii_uppercase + "'-") for w in words)
        ):
            posts.append((ri, name, city))
    return tuple(posts)


@functools.cache
def _offices() -> tuple[str, ...]:
    """Office codes of real distribution lists, most frequent first (``LOG`` opens every INFO list)."""
    return tuple(_data_lines("offices.txt"))


@functools.cache
def _tag_vocabulary() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(plain tags, person tags) seen in real cables."""
    words = _data_lines("tags.txt")
    return tuple(w for w in words if " " not in w), tuple(w for w in words if " " in w)


# Words for free text.  Every word has a lower-case letter and none is a
# keyword, so a wrapped line of body text never reads as a keyword line.
_BODY_WORDS = tuple(
    """the a an of to in on and or but with for from by at as that this these those which who whom
    government minister ministry embassy ambassador officials official president parliament party
    opposition election elections reform reforms security cooperation agreement talks meeting meetings
    visit visits delegation trade energy gas oil pipeline border region regional military police
    court courts judge law laws budget economy economic political press media report reports
    said told noted stressed argued explained suggested added believed expected confirmed denied
    would could should might will may not also still only already again recently publicly privately
    new recent former current senior local national foreign domestic public private key strong weak
    support pressure concern concerns interest interests position positions issue issues plan plans
    process progress proposal proposals decision decisions statement statements source sources
    Azimov Aliyev Kocharian Salmond Megrahi Brown Naysmith Lula Rousseff Uribe Zapatero Olson
    Baku Yerevan Moscow Ankara Tripoli Brasilia Madrid London Paris Caracas Bogota Tehran
    Charge Embassy Minister Ministry Ambassador Parliament President Post Department
    pol-mil follow-up long-term near-term well-known anti-corruption
    post's minister's government's country's""".split()  # noqa: SIM905 - a word list reads best as prose
)
_SUBJECT_WORDS = tuple(
    """AMBASSADOR MINISTER MEETS MEETING WITH ON OF THE AND FOR TO IN AT BY DISCUSSES PRESSES URGES
    CONCERNS ELECTION ELECTIONS REFORM SECURITY COOPERATION TRADE ENERGY GAS PIPELINE BORDER VISIT
    VISITS OPPOSITION GOVERNMENT PARLIAMENT PRESIDENT PARTY NEW DEAL TALKS AGREEMENT PROGRESS
    DOWNBEAT UPBEAT TRACK II MISSION MIXED SIGNALS RELATIONS CRISIS REACTION DEBATE DECISION
    REQUEST STATUS UPDATE OUTLOOK PLANS WARNS SEEKS OFFERS COUNTRY CLEARANCE POL-MIL DIALOGUE""".split()  # noqa: SIM905
)
_COUNTRIES = (
    "AZERBAIJAN", "ARMENIA", "BRAZIL", "SPAIN", "FRANCE", "LIBYA", "SERBIA", "IRAN", "BURMA",
    "UK", "VENEZUELA", "COLOMBIA", "TURKEY", "RUSSIA", "GEORGIA", "PAKISTAN", "INDIA",
)
_SURNAMES = (
    "LU", "DERSE", "SUSMAN", "CLINTON", "RICE", "MCDONALD", "TEFFT", "OLSON", "BROWNFIELD", "SOBEL",
    "VAN VOORST", "O'DONOHUE", "STRAUSZ-HUPE", "MCNAMARA", "GILLESPIE", "RICCIARDONE", "BEYRLE",
)
_MIXED_CASE_SURNAMES = ("Beyrle", "Stapleton", "LeBaron", "McCaw", "Aguirre", "Ricciardone", "Seche", "Camp")
_GIVEN_NAMES = ("Donald", "Anne", "Louis", "Richard", "Marc", "Jennifer", "Glyn", "Chris", "Gene", "Robert")
_FAMILY_NAMES = ("Lu", "Derse", "Susman", "Olson", "Wall", "Brush", "Davies", "Stevens", "Cretz", "Mills")
_TITLES = (
    "Ambassador", "Charge d'Affaires", "DCM", "Acting Deputy Chief of Mission", "Political Counselor",
    "Pol/Econ Chief", "CDA", "Deputy Chief of Mission",
)
_CAPTIONS = ("SIPDIS", "NOFORN", "EXDIS", "NODIS", "SENSITIVE", "SENSITIVE BUT UNCLASSIFIED", "SIPDIS SIPDIS")
_PASSING = (
    "DEPT FOR EUR/CARC", "DEPARTMENT FOR WHA, M, T", "FOR EUR/CARC", "DEPT FOR NEA/MAG AND DRL",
    "DEPT PASS TO USTR", "AMEMBASSY ANKARA PASS TO AMCONSUL ADANA", "USDOC FOR BIS/OUS",
    "OSLO FOR DATT", "DOD FOR OSD(P) HARVEY, FENTON", "FOR ALL CABLE DRAFTERS",
)
_HEADINGS = ("Reaction to USG Statements", "Background", "Comment", "Next steps", "Opposition divided")
_PARTIAL_NOTICE = (
    "This record is a partial extract of the original cable. The full text of the original cable is not available."
)

# Portion markings allowed under each banner classification.
_MARKINGS = {
    "UNCLASSIFIED": ("U", "SBU", "SBU/N", "U//FOUO"),
    "LIMITED OFFICIAL USE": ("U", "SBU", "LOU"),
    "CONFIDENTIAL": ("U", "SBU", "C", "C/NF", "C//NF", "C/REL LIBYA"),
    "SECRET": ("U", "SBU", "C", "C/NF", "S", "S/NF", "S//NF", "S//REL NATO"),
    "TOP SECRET": ("U", "C", "S", "S//NF", "TS"),
}
_BANNER_MARK = {"CONFIDENTIAL": "C", "SECRET": "S", "TOP SECRET": "TS", "LIMITED OFFICIAL USE": "LOU"}
_SECURITY = {
    "UNCLASSIFIED": ("ZNR", "UUUUU"),
    "LIMITED OFFICIAL USE": ("ZNR", "UUUUU"),
    "CONFIDENTIAL": ("ZNY", "CCCCC"),
    "SECRET": ("ZNY", "SSSSS"),
    "TOP SECRET": ("ZNY", "TTTTT"),
}
_LETTER_SPACED = {
    "CONFIDENTIAL": "C O N F I D E N T I A L",
    "SECRET": "S E C R E T",
    "TOP SECRET": "T O P S E C R E T",
}


# ---------------------------------------------------------------------------
# Small values
# ---------------------------------------------------------------------------


def _datetimes() -> st.SearchStrategy[dt.datetime]:
    return st.datetimes(min_value=_FIRST, max_value=_LAST)


def _dtg(moment: dt.datetime) -> str:
    return f"{moment:%d%H%M}Z {_MONTHS[moment.month - 1]} {moment.year % 100:02d}"


def date_time_groups() -> st.SearchStrategy[str]:
    """Date-time groups of real dates, 1966-2010: ``101131Z JUL 07``.

    >>> from cablegrammar.interpret import parse_date_time_group
    >>> parse_date_time_group(date_time_groups().example()) is not None  # doctest: +SKIP
    True
    """
    return _datetimes().map(_dtg)


def classifications() -> st.SearchStrategy[str]:
    """One of :data:`CLASSIFICATIONS`."""
    return st.sampled_from(CLASSIFICATIONS)


def routing_indicators() -> st.SearchStrategy[str]:
    """Routing indicators of ACP 117 (``RUEHKB``, ``RHMFISS``)."""
    return st.sampled_from(sorted({ri for ri, _ in _routes()}))


def plain_language_addresses() -> st.SearchStrategy[str]:
    """Plain-language addresses of ACP 117 (``AMEMBASSY BAKU``, ``CIS COLLECTIVE``)."""
    return st.sampled_from(sorted({name for _, name in _routes()}))


def addressees(*, with_routing_indicator: bool | None = None) -> st.SearchStrategy[Addressee]:
    """Address lines: ``RUEHC/SECSTATE WASHDC PRIORITY 3445``, ``AMEMBASSY ANKARA``.

    ``with_routing_indicator`` forces (True) or forbids (False) the ``RI/`` prefix.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Addressee:
        ri, name = draw(st.sampled_from(_routes()))
        with_ri = draw(st.booleans()) if with_routing_indicator is None else with_routing_indicator
        return Addressee(
            name=name,
            routing_indicator=ri if with_ri else None,
            precedence=draw(st.none() | st.sampled_from(list(Precedence))),
            serial=draw(st.none() | st.integers(0, 9999).map("{:04d}".format)),
        )

    return build()


def tags() -> st.SearchStrategy[str]:
    """A TAG seen in real cables: ``PGOV``, ``KDEM``, ``AJ``, ``OVIP (CLINTON, HILLARY)``."""
    plain, person = _tag_vocabulary()
    return st.sampled_from(plain) | st.sampled_from(person)


def _tag_list(draw: st.DrawFn, *, person: bool = True) -> tuple[str, ...]:
    plain, persons = _tag_vocabulary()
    found = draw(st.lists(st.sampled_from(plain), min_size=1, max_size=8, unique=True))
    if person and draw(st.integers(0, 9)) == 0:
        found.insert(draw(st.integers(0, len(found))), draw(st.sampled_from(persons)))
    return tuple(found)


def tags_lines() -> st.SearchStrategy[TagsLine]:
    """TAGS lines: one to nine real tags, person tags included."""

    @st.composite
    def build(draw: st.DrawFn) -> TagsLine:
        return TagsLine(tags=_tag_list(draw))

    return build()


def _words(draw: st.DrawFn, vocabulary: Sequence[str], low: int, high: int) -> str:
    return " ".join(draw(st.lists(st.sampled_from(vocabulary), min_size=low, max_size=high)))


def _sentence(draw: st.DrawFn) -> str:
    text = _words(draw, _BODY_WORDS, 3, 18)
    return text[0].upper() + text[1:] + draw(st.sampled_from((".", ".", ".", "?", ";")))


def _body_text(draw: st.DrawFn, sentences: int = 4) -> str:
    return " ".join(_sentence(draw) for _ in range(draw(st.integers(1, sentences))))


def subjects() -> st.SearchStrategy[Subject]:
    """SUBJECT lines in upper case: ``AZERBAIJAN: DFM DOWNBEAT ON TRACK II MISSION``."""

    @st.composite
    def build(draw: st.DrawFn) -> Subject:
        text = _words(draw, _SUBJECT_WORDS, 2, 14)
        if draw(st.booleans()):
            text = f"{draw(st.sampled_from(_COUNTRIES))}: {text}"
        return Subject(text=text)

    return build()


def _reference_text(draw: st.DrawFn, year: int) -> str:
    _, _, origin = draw(st.sampled_from(_posts()))
    number = draw(st.integers(1, 99999))
    shape = draw(st.integers(0, 5))
    if shape == 0:
        return f"{origin} {number:05d}"
    if shape == 1:
        return f"{max(year - 1 - draw(st.integers(0, 3)), 1966) % 100:02d} {origin} {number}"
    if shape == 2:
        return f"{origin} {number} AND PREVIOUS"
    if shape == 3:
        return f"{origin} {number} (NOTAL)"
    if shape == 4:
        return f"SECDEF {draw(st.sampled_from('OPR'))}{_dtg(draw(_datetimes()))}"
    return f"{origin} {number}"


def references(year: int = 2008) -> st.SearchStrategy[References]:
    """REF blocks: one unlettered reference, or items lettered A, B, C ... (``A. BAKU 00837``)."""

    @st.composite
    def build(draw: st.DrawFn) -> References:
        count = draw(st.integers(1, 5))
        texts = [_reference_text(draw, year) for _ in range(count)]
        if count == 1 and draw(st.booleans()):
            return References(references=[Reference(label=None, text=texts[0])])
        return References(references=[Reference(label=string.ascii_uppercase[i], text=t) for i, t in enumerate(texts)])

    return build()


_LETTER_STYLES: tuple[Callable[[Sequence[str]], str], ...] = (
    lambda ls: " and ".join(f"({x})" for x in ls),
    lambda ls: "(" + ", ".join(ls) + ")",
    lambda ls: ", ".join(f"({x.upper()})" for x in ls),
    " and ".join,
    lambda ls: "(" + "/".join(ls) + ")",
    lambda ls: "".join(f"({x})" for x in ls),
)
_REASON_WORDS = (" for reasons ", ", reasons ", " for Reasons ", "; REASON: ", ", Reason ", " for reason ", " per ")


def classified_by_lines(year: int = 2008) -> st.SearchStrategy[ClassifiedBy]:
    """Classified By lines: ``Charge d'Affaires Donald Lu for reasons 1.4 (b, d).``

    The reasons use section 1.4 (E.O. 12958 as amended, 2003 on) or 1.5 before.
    """

    @st.composite
    def build(draw: st.DrawFn) -> ClassifiedBy:
        name = f"{draw(st.sampled_from(_GIVEN_NAMES))} {draw(st.sampled_from(_FAMILY_NAMES))}"
        if draw(st.booleans()):
            name = f"{draw(st.sampled_from(_GIVEN_NAMES))} {draw(st.sampled_from('BCGQT'))}. " + name.split()[1]
        classifier = f"{draw(st.sampled_from(_TITLES))} {name}"
        if draw(st.integers(0, 9)) == 0:
            return ClassifiedBy(classifier=classifier, reasons=(), text=classifier)
        section = "1.4" if year >= 2003 else "1.5"
        letters = sorted(draw(st.sets(st.sampled_from("bcdegh"), min_size=1, max_size=3)))
        spelled = draw(st.sampled_from(_LETTER_STYLES))(letters)
        text = f"{classifier}{draw(st.sampled_from(_REASON_WORDS))}{section} {spelled}."
        return ClassifiedBy(classifier=classifier, reasons=tuple(f"{section}({x})" for x in letters), text=text)

    return build()


def portion_markings(classification: str = "SECRET") -> st.SearchStrategy[str]:
    """Portion markings allowed in a cable of that classification: ``C``, ``S//NF``, ``SBU``."""
    return st.sampled_from(_MARKINGS[classification])


def paragraphs(classification: str = "CONFIDENTIAL", number: int | None = None) -> st.SearchStrategy[Paragraph]:
    """Numbered paragraphs whose marking fits the banner (or unmarked)."""

    @st.composite
    def build(draw: st.DrawFn) -> Paragraph:
        marking = draw(st.none() | portion_markings(classification))
        text = _body_text(draw)
        if draw(st.integers(0, 5)) == 0:
            text = f"{draw(st.sampled_from(('Summary:', 'Comment:', 'SUMMARY:')))} {text}"
        return Paragraph(number=number if number is not None else draw(st.integers(1, 30)), marking=marking, text=text)

    return build()


def caption_lines(classification: str = "CONFIDENTIAL") -> st.SearchStrategy[CaptionLine]:
    """Caption lines: ``SIPDIS``, ``NOFORN`` (classified cables), ``SENSITIVE BUT UNCLASSIFIED``."""
    allowed = [c for c in _CAPTIONS if classification not in ("UNCLASSIFIED", "LIMITED OFFICIAL USE") or c != "NOFORN"]
    if classification != "UNCLASSIFIED":
        allowed = [c for c in allowed if "UNCLASSIFIED" not in c]
    return st.sampled_from(allowed).map(lambda text: CaptionLine(text=text))


def classification_lines(
    classification: str | None = None, origin: str | None = None, serial: str | None = None
) -> st.SearchStrategy[ClassificationLine]:
    """First lines of the text: ``CONFIDENTIAL SECTION 01 OF 03 BAKU 000864 SIPDIS``."""

    @st.composite
    def build(draw: st.DrawFn) -> ClassificationLine:
        word = classification or draw(classifications())
        post = origin or draw(st.sampled_from(_posts()))[2]
        number = serial or f"{draw(st.integers(1, 999999)):06d}"
        section = None
        if draw(st.integers(0, 3)) == 0:
            total = draw(st.integers(2, 12))
            section = (draw(st.integers(1, total)), total)
        tail_words = draw(st.lists(st.sampled_from(("SIPDIS", "NOFORN") if word != "UNCLASSIFIED" else ("SIPDIS",)),
                                   max_size=2, unique=True))
        return ClassificationLine(classification=word, origin=post, serial=number, section=section,
                                  caveats=tail_words, tail=" ".join(tail_words))

    return build()


_EO_ORDERS = ((0, "10501"), (1972, "11652"), (1978, "12065"), (1982, "12356"), (1995, "12958"), (2010, "13526"))


def _eo_order(year: int) -> str:
    return [order for start, order in _EO_ORDERS if start <= year][-1]


def eo_lines(classification: str = "CONFIDENTIAL", year: int = 2008) -> st.SearchStrategy[EOLine]:
    """E.O. lines: ``E.O. 12958: DECL: 07/10/2017`` (classified) or ``E.O. 12958: N/A``.

    The executive order is the one in force that year; the declassify-on date
    is 10 to 25 years after the cable, written as real cables write it.
    """

    @st.composite
    def build(draw: st.DrawFn) -> EOLine:
        order = _eo_order(year)
        if classification == "UNCLASSIFIED":
            return EOLine(order=order, declassification="N/A")
        if draw(st.integers(0, 9)) == 0:
            exempt = draw(st.sampled_from(("DECL: OADR", "DECL: X1", "DECL: X1, X6")))
            return EOLine(order=order, declassification=exempt)
        on = draw(st.dates(dt.date(year + 10, 1, 1), dt.date(min(year + 25, 2035), 12, 31)))
        spelled = draw(st.sampled_from((
            f"{on:%m/%d/%Y}", f"{on.month}/{on.day}/{on.year}", f"{on:%m/%d/%y}", f"{on:%Y/%m/%d}",
        )))
        return EOLine(order=order, declassification=f"DECL: {spelled}")

    return build()


def page_breaks(origin: str = "BAKU", serial: str = "000864", page: int = 2, pages: int = 3) -> PageBreak:
    """The modern page-break line of a cable: ``BAKU 00000864  002 OF 003``."""
    return PageBreak(text=f"{origin[:10].rstrip()} {int(serial):08d}  {page:03d} OF {pages:03d}")


# ---------------------------------------------------------------------------
# Envelope
# ---------------------------------------------------------------------------

_RANK = {precedence: rank for rank, precedence in enumerate(reversed(Precedence))}
_LETTER_OF = {Precedence.FLASH: "Z", Precedence.NIACT_IMMEDIATE: "O", Precedence.IMMEDIATE: "O",
              Precedence.PRIORITY: "P", Precedence.ROUTINE: "R"}


#: Offices that take action on (or originate) a Department copy in the corpus, and a few more bureaus.
_ACTION_OFFICES = ("NEA", "AF", "SCA", "DS", "EUR", "EAP", "WHA", "ISN", "PA", "INR")


def distribution_lists(moment: dt.datetime | None = None) -> st.SearchStrategy[DistributionList]:
    """Office distribution lists of Department copies, drawn from the offices of real lists.

    ``LOG`` opens the INFO offices, as on every real list; most offices get
    ``00`` copies; the action (or origin) office is not repeated among the
    INFO offices; the stamp line's time falls just after ``moment`` (the
    cable's date-time group) when it is given.
    """

    @st.composite
    def build(draw: st.DrawFn) -> DistributionList:
        copies = st.sampled_from((0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 5, 10))
        action_keyword, action = None, []
        if draw(st.booleans()):
            action_keyword = draw(st.sampled_from(("ACTION", "ACTION", "ORIGIN")))
            action = [OfficeCopies(office=draw(st.sampled_from(_ACTION_OFFICES)), copies=draw(copies))]
        offices = draw(st.lists(st.sampled_from(_offices()[1:]), max_size=70, unique=True))
        info = [OfficeCopies(office=office, copies=draw(copies))
                for office in ["LOG", *offices] if office not in {o.office for o in action}]
        notes = draw(st.lists(st.sampled_from(_offices()), max_size=1))
        total = None
        if draw(st.integers(0, 9)):
            total = f"{draw(st.integers(0, 40)):03d}{draw(st.sampled_from('WR'))}"
        stamp = None
        if draw(st.booleans()):
            when = (moment or draw(_datetimes())) + dt.timedelta(minutes=draw(st.integers(0, 90)))
            number = "".join(draw(st.lists(st.sampled_from("0123456789ABCDEF"), min_size=6, max_size=6)))
            stamp = DistributionStamp(number=number, time=f"{when:%d%H%M}Z",
                                      code=draw(st.sampled_from(("38", "38", "12", "23"))))
        drafting = None
        if draw(st.integers(0, 5)) == 0:  # the Department's own copy of an outgoing cable (09STATE63860)
            when = moment or draw(_datetimes())
            office = draw(st.sampled_from(("DS/DSS/CC", "EUR/PRA", "NEA/I", "S/ES-O", "PA/FOI", "INR/B")))

            def officer() -> str:  # "DS/DSS/CC:JBACIGALUPO": office, initial, surname, no blank
                surname = draw(st.sampled_from(_SURNAMES)).replace(" ", "")
                return f"{office}:{draw(st.sampled_from(string.ascii_uppercase))}{surname}"

            drafter = officer()
            if draw(st.booleans()):
                drafter += f" -- {when:%m/%d/%Y}  {draw(st.integers(200, 999))}-{draw(st.integers(200, 999))}-" \
                           f"{draw(st.integers(1000, 9999))}"
            drafting = Drafting(
                drafted_by=drafter,
                approved_by=draw(st.sampled_from((officer(), None))),
                serial=draw(st.sampled_from((f"{draw(st.integers(1, 999_999)):06d}", None))),
                source=draw(st.sampled_from(("CBLEXCLS.000423", "CBLEXCLS.001337", None))),
                # The reference copy's clearing officers (cable-format.md 1.13): "L/M:KMALMBORG NEA:WHARRIS".
                clearances=[officer().split(" ")[0] for _ in range(draw(st.integers(0, 3)))],
            )
        heading = None
        if draw(st.integers(0, 3)) == 0:  # the archive's reference copy (cable-format.md 1.13)
            when = moment or draw(_datetimes())
            heading = ArchiveHeading(
                post=draw(st.sampled_from(("STATE", "TEHRAN", "CAPE T", "HARARE", "VATICA", "SECTO"))),
                serial=f"{draw(st.integers(1, 999_999)):0{draw(st.sampled_from((5, 6)))}d}",
                banner=draw(st.sampled_from(("UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "LIMITED OFFICIAL USE", None))),
                print_queue=draw(st.sampled_from((None, None, f"PTQ{draw(st.integers(1000, 9999))}"))),
                section=draw(st.sampled_from((None, None, "01 OF 02", "01 OF 03"))),
                time=draw(st.sampled_from((None, f"{when:%d%H%M}Z"))),
                tail=draw(st.sampled_from((None, None, f"TOSEC {draw(st.integers(10_000, 999_999))}"))),
            )
            if heading.print_queue is not None and heading.banner is None:
                heading = attrs.evolve(heading, print_queue=None)
        return DistributionList(action_keyword=action_keyword, action=action, info=info, notes=notes, total=total,
                                stamp=stamp, drafting=drafting, heading=heading)

    return build()


def _mail_header(draw: st.DrawFn, classification: str, moment: dt.datetime, post: str, serial: str) -> Preamble:
    """The header of a mail client that forwarded the cable (08TRIPOLI540), then the message's banner."""
    preview = f"{post} {serial} P CO {moment:%d-%b-%y}".upper()
    sender = draw(st.sampled_from(("CBPC, EACTAPP", "SMART Core", "Cable Distribution")))
    header = [f"{preview}From: {sender}" if draw(st.booleans()) else f"From: {sender}",
              f"Sent: {moment:%A, %B %d, %Y} {moment.hour % 12 or 12}:{moment:%M %p}",
              f"To: {draw(st.sampled_from(('EACT' + post.title().replace(' ', ''), 'Post Reading File')))}",
              f"Subject: {preview}"]
    return Preamble(lines=[*header, classification], kind="mail_header")


def _envelope(  # noqa: PLR0913 - the facts an envelope must agree with
    draw: st.DrawFn, family: str, classification: str, moment: dt.datetime,
    post: tuple[str, str, str], serial: str, section: tuple[int, int] | None,
) -> Envelope:
    ri, plad, _ = post
    action = draw(st.sampled_from((Precedence.IMMEDIATE, Precedence.PRIORITY, Precedence.PRIORITY, Precedence.ROUTINE,
                                   Precedence.FLASH, Precedence.NIACT_IMMEDIATE)))
    with_ri = family == "acp127"
    if plad == "SECSTATE WASHDC":  # the Department writes to posts
        to_ri, to_name, _ = draw(st.sampled_from(_posts()[1:]))
        to = [Addressee(name=to_name, routing_indicator=to_ri if with_ri else None,
                        precedence=action if action is not Precedence.ROUTINE else None,
                        serial=f"{draw(st.integers(0, 9999)):04d}")]
    else:  # posts write to the Department
        to = [Addressee(name="SECSTATE WASHDC", routing_indicator="RUEHC" if with_ri else None,
                        precedence=action if action is not Precedence.ROUTINE else None,
                        serial=f"{draw(st.integers(0, 9999)):04d}")]
    mixed = draw(st.booleans())
    info = draw(st.lists(addressees(with_routing_indicator=None if mixed else with_ri), max_size=6))
    # Information addressees never outrank the action precedence.
    info = [attrs.evolve(a, precedence=None) if a.precedence and _RANK[a.precedence] > _RANK[action] else a
            for a in info]
    exempted = [] if draw(st.integers(0, 7)) else [Addressee(name=draw(st.sampled_from(_posts()))[1])]
    letters = [_LETTER_OF[action]]
    info_letter: bool = draw(st.booleans())
    if info and info_letter:
        letters.append("R")
    fields: dict[str, Any] = {
        "family": family, "precedence_letters": letters, "date_time_group": _dtg(moment), "sender": plad,
        "to": to, "info": info, "exempted": exempted,
    }
    if family == "addresses":  # FM / TO / INFO alone: no format line 5
        fields.update(precedence_letters=(), date_time_group=None)
    if family == "distribution":
        fields["distribution"] = draw(distribution_lists(moment))
    if family == "acp127":
        warning, group = _SECURITY[classification]
        filed = moment + dt.timedelta(minutes=draw(st.integers(0, 9)))
        fields.update(
            transmission_id=f"VZCZC{draw(st.sampled_from(('XRO', 'XYZ', 'LOI')))}{draw(st.integers(0, 9999)):04d}",
            routing_prosign=letters[0] * 2,
            routing_indicators=draw(st.lists(st.sampled_from([p[0] for p in _posts()]), min_size=1, max_size=6,
                                             unique=True)),
            station=ri,
            station_serial=f"{int(serial) % 10000:04d}",
            station_section=f"{section[0]:02d}" if section else None,
            filing_time=f"{filed.timetuple().tm_yday:03d}{filed:%H%M}",
            security_warning=warning,
            security_group=group,
            operating_signals=draw(st.sampled_from((("ZZH",), ("ZZH",), ("ZZH", "ZDK"), ()))),
        )
    return Envelope(**fields)


def envelopes(classification: str = "CONFIDENTIAL", family: str | None = None) -> st.SearchStrategy[Envelope]:
    """Transmission envelopes: ``acp127`` (``VZCZC`` ... format lines 1-9), ``short`` (from the DTG line),
    ``distribution`` (a Department copy: its office distribution list, then a short envelope) or ``addresses``
    (FM / TO / INFO alone).

    The envelope agrees with itself: the prosign doubles the action
    precedence, the filing time is the date-time group's day of the year and
    time, the security line spells the classification.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Envelope:
        chosen = family or draw(st.sampled_from(("acp127", "short", "distribution", "addresses")))
        serial = f"{draw(st.integers(1, 999999)):06d}"
        return _envelope(draw, chosen, classification, draw(_datetimes()), draw(st.sampled_from(_posts())), serial,
                         None)

    return build()


# ---------------------------------------------------------------------------
# Whole cables
# ---------------------------------------------------------------------------


# Export and release artifacts (cable-format.md 3.3; the files 03ABUDHABI2641, 10BERLIN180, 09KHARTOUM881,
# 08STATE93970): a mailbox export header before the cable, an export record or editorial note after the envelope.
_INBOX_USERS = ("Diana T Fritz", "Stephen H Rogerson", "Zenaida X Toledo")
_INBOX_FOLDERS = ("DB/Inbox: Search Results", "DB/Inbox: TRANS", "DB/Inbox")
_EDITORIAL_NOTES = ("DO NOT PUBLISH - AWAITING LEGAL ON MENTION OF PACHAURI", "DO NOT PUBLISH")


def _inbox_export(draw: st.DrawFn, moment: dt.datetime) -> InboxExport:
    return InboxExport(
        user=draw(st.sampled_from(_INBOX_USERS)),
        exported=f"{moment:%m/%d/%Y %I:%M:%S %p}",
        folder=draw(st.sampled_from(_INBOX_FOLDERS)),
        null_line=draw(st.booleans()),
    )


def _release_artifact(  # noqa: PLR0913 - the cable's facts the record repeats
    draw: st.DrawFn, envelope: Envelope, classification: str, moment: dt.datetime, origin: str, serial: str
) -> ExportRecord | EditorialNote:
    kind = draw(st.sampled_from(("labelled", "columns", "note")))
    if kind == "note":
        return EditorialNote(text=draw(st.sampled_from(_EDITORIAL_NOTES)))
    refid = f"{moment.year % 100:02d}{''.join(ch for ch in origin if ch.isalpha())}{int(serial)}"
    source = f"Embassy {origin.title()}"
    release = classification + draw(st.sampled_from(("", "", "//NOFORN")))
    references = "|".join(draw(st.lists(st.sampled_from((f"{moment.year % 100:02d}STATE1234", refid[:-1] + "7")),
                                        max_size=2, unique=True)))
    header = [line for line in (envelope.date_time_group and f"P {envelope.date_time_group}",
                                f"FM {envelope.sender}") if line]
    if kind == "labelled":
        fields = [("ID", str(draw(st.integers(1, 251287)))), ("ORIGIN", refid), ("DATE", f"{moment:%Y-%m-%d %H:%M:%S}"),
                  ("SOURCE", source), ("CLASSIFICATION", release), ("MISC", references),
                  ("DESTINATION", "\n".join(draw(st.sampled_from(([" ".join(header)], ["XXXXXXXXXXXX"] * 2)))))]
        return ExportRecord(shape="labelled", fields=fields)
    fields = [("date", f"{moment.month}/{moment.day}/{moment.year} {moment.hour}:{moment:%M}"), ("refid", refid),
              ("origin", source), ("classification", release), ("references", references),
              ("header", "\n".join(header[: draw(st.integers(0, len(header)))]))]
    return ExportRecord(shape="columns", fields=fields)


def _write_inbox_export(draw: st.DrawFn, header: InboxExport, style: _Style) -> str:
    nl = style.nl
    folder = header.folder.replace(": ", ":  ")
    head, _, last = folder.rpartition(" ")
    if head and last.isalpha() and draw(st.booleans()):
        folder = f"{head} {nl}{last}"  # the folder wrapped, as in 09DOHA214
    label = f"Cable {nl}Text:{' ' * draw(st.integers(0, 70))}{nl}"
    text = f"{header.user}  {header.exported}  From  {folder}{nl}{nl}{label}"
    return ("null" + nl if header.null_line else "") + text + draw(st.sampled_from(("", " " * 75 + nl + "      " + nl)))


def _write_release_artifact(artifact: ExportRecord | EditorialNote, style: _Style) -> str:
    nl = style.nl
    if isinstance(artifact, EditorialNote):
        return f"NOTE - {artifact.text}{nl}{nl}"
    if artifact.shape == "columns":
        values = [value for label, value in artifact.fields if label != "header"]
        header = [line for line in (artifact.get("header") or "").split("\n") if line]
        return nl.join([">", *values, *header]) + nl + nl
    return nl.join(f"{label}: {value}".rstrip() for label, value in artifact.fields) + nl + nl


@attrs.frozen
class _Plan:
    """A generated cable and the facts its layout needs."""

    cable: Cable
    classification: str
    moment: dt.datetime
    distribution: bool = False


def _signature(draw: st.DrawFn) -> Signature:
    if draw(st.integers(0, 4)) == 0:  # the release's mixed-case texts: no full stop after the name
        return Signature(name=draw(st.sampled_from(_MIXED_CASE_SURNAMES)))
    name = draw(st.sampled_from(_SURNAMES))
    return Signature(name=name + draw(st.sampled_from(("", "", "", ".", "##", " ."))))


@st.composite
def _plan(  # noqa: PLR0912, PLR0915 - one cable, top to bottom
    draw: st.DrawFn, *, media: bool = False, distribution: bool = False
) -> _Plan:
    classification = draw(classifications())
    moment = draw(_datetimes())
    year = moment.year
    post = draw(st.sampled_from(_posts()))
    serial = f"{draw(st.integers(1, 999999)):06d}"
    line = draw(classification_lines(classification, post[2], serial))
    family = draw(st.sampled_from(("acp127", "acp127", "short", "addresses", "none")))
    if distribution:
        family = "distribution"
    envelope = None
    if family != "none":
        envelope = _envelope(draw, family, classification, moment, post, serial, line.section)
    preamble = None
    if envelope is None and draw(st.booleans()):
        preamble = Preamble(lines=[_PARTIAL_NOTICE] + ([f"{moment:%d%H%M}Z {moment:%b} {year % 100:02d}"]
                                                       if draw(st.booleans()) else []))
    elif family == "acp127" and draw(st.integers(0, 7)) == 0:
        preamble = _mail_header(draw, classification, moment, post[2], serial)
    elif family == "acp127" and draw(st.integers(0, 7)) == 0:
        stray = draw(st.sampled_from(("<html><pre>", "Cable Text:", classification)))
        preamble = Preamble(lines=[stray], kind="stray_lines")
    items: list[Any] = []
    if media:
        items.append(DateLine(text=f"{moment:%A, %d %B %Y, %H:%M}"))
    items.append(line)
    items += draw(st.lists(caption_lines(classification), max_size=2))
    if draw(st.integers(0, 3)) == 0:
        items.append(TextBlock(lines=draw(st.lists(st.sampled_from(_PASSING), min_size=1, max_size=3))))
    eo = draw(eo_lines(classification, year))
    if draw(st.integers(0, 7)) == 0:
        items.append(attrs.evolve(eo, tags=_tag_list(draw)))
    else:
        items += [eo, draw(tags_lines())]
    if draw(st.integers(0, 9)):
        items.append(draw(subjects()))
    if draw(st.booleans()):
        items.append(draw(references(year)))
    if classification != "UNCLASSIFIED" and draw(st.integers(0, 4)):
        items.append(draw(classified_by_lines(year)))
    count = draw(st.integers(1, 6))
    pages = draw(st.integers(2, 5))
    page = 1
    start = draw(st.sampled_from((1, 1, 1, 11)))
    body: list[Paragraph] = []
    for number in range(start, start + count):
        if number > start and draw(st.integers(0, 3)) == 0 and page < pages:
            page += 1
            # Old printed copies cut the origin to six letters (VATICA); the grammar's old page
            # header takes letters, spaces and dots there, so posts with "-" or "'" keep the modern line.
            if year < 2000 and set(post[2][:6]) <= set(string.ascii_uppercase + " .") and draw(st.booleans()):
                items.append(PageBanner(text=classification))
                items.append(PageBreak(text=f"PAGE {page:02d} {post[2][:6].rstrip()} {int(serial) % 100000:05d} "
                                            f"{moment:%d%H%M}Z"))
            else:
                items.append(page_breaks(post[2], serial, page, pages))
        if number > start and draw(st.integers(0, 7)) == 0:
            items.append(TextBlock(lines=[draw(st.sampled_from(_HEADINGS))]))
            items.append(RuleLine(text="-" * draw(st.integers(3, 40))))
        paragraph = draw(paragraphs(classification, number))
        if page < pages and draw(st.integers(0, 4)) == 0:  # the paragraph runs on across a page break
            page += 1
            paragraph = _turn_page(draw, paragraph, page_breaks(post[2], serial, page, pages))
        if draw(st.integers(0, 19)) == 0:  # a declassification stamp between two of its lines
            paragraph = _turn_stamp(draw, paragraph, _declassification_stamp(draw))
        body.append(paragraph)
        items.append(body[-1])
    banner = _BANNER_MARK.get(classification)
    if banner and all(p.marking for p in body) and not any(p.marking.startswith(banner) for p in body if p.marking):
        index = items.index(body[0])
        items[index] = attrs.evolve(body[0], marking=banner)
    if draw(st.integers(0, 4)):
        items.append(_signature(draw))
    if draw(st.integers(0, 9)) == 0:  # the Department's declassification stamp on a released text
        items.append(_declassification_stamp(draw))
    if classification in ("UNCLASSIFIED", "CONFIDENTIAL", "SECRET") and draw(st.integers(0, 3)) == 0:
        items.append(PageBanner(text=classification))
    if draw(st.integers(0, 4)) == 0:
        items.append(EndOfMessage(text="NNNN"))
    if draw(st.integers(0, 5)) == 0:
        letters = "".join(ch for ch in post[2] if ch.isalpha())[:6]
        items.append(ClassificationFooter(text=f"{year}{letters}{int(serial) % 100000:05d} - {classification}"))
    inbox_export = _inbox_export(draw, moment) if draw(st.integers(0, 19)) == 0 else None
    release_artifact = None
    if envelope is not None and envelope.sender and draw(st.integers(0, 9)) == 0:
        release_artifact = _release_artifact(draw, envelope, classification, moment, post[2], serial)
    if not media and isinstance(release_artifact, ExportRecord) and draw(st.integers(0, 3)) == 0:
        items[0] = RedactedLine()  # the release redacted the classification line too (10BEIJING207)
    cable = Cable(items=items, envelope=envelope, preamble=preamble, inbox_export=inbox_export,
                  release_artifact=release_artifact)
    return _Plan(cable, classification, moment,
                 distribution=family == "distribution")


def _declassification_stamp(draw: st.DrawFn) -> DeclassificationStamp:
    return DeclassificationStamp(
        reviewer=draw(st.sampled_from((None, "Sheryl P. Walter", "Margaret P. Grafeld"))),
        reviewed=draw(st.sampled_from(("30 JUN 2005", "05 JUL 2006", "20 Mar 2014"))))


def _word_start(draw: st.DrawFn, paragraph: Paragraph) -> int | None:
    """Where one of the paragraph's words after the first starts, or None if it has one word."""
    words = paragraph.text.split(" ")
    if len(words) < 2:
        return None
    return len(" ".join(words[: draw(st.integers(1, len(words) - 1))])) + 1


def _turn_page(draw: st.DrawFn, paragraph: Paragraph, page_break: PageBreak) -> Paragraph:
    """The paragraph with a page turn between two of its words (it must have two)."""
    if (offset := _word_start(draw, paragraph)) is None:
        return paragraph
    return attrs.evolve(paragraph, page_turns=[PageTurn(offset=offset, page_break=page_break)])


def _turn_stamp(draw: st.DrawFn, paragraph: Paragraph, stamp: DeclassificationStamp) -> Paragraph:
    """The paragraph with a declassification stamp between two of its words (it must have two)."""
    if (offset := _word_start(draw, paragraph)) is None:
        return paragraph
    return attrs.evolve(paragraph, stamp_turns=[StampTurn(offset=offset, stamp=stamp)])


def cables() -> st.SearchStrategy[Cable]:
    """Semantic cables (no layout): envelope or publisher's note, caption block, paragraphs, signature.

    The envelope is an ACP 127 heading, a short one, or a Department copy's:
    its distribution list (:func:`distribution_lists`), sometimes with the
    drafting block of the Department's own copy (a :class:`Drafting`).
    Paragraphs may run on over a page break (``Paragraph.page_turns``), and
    page breaks also stand between paragraphs.  The signature is in capitals
    (``CLINTON``, ``RICE .``, ``SOBEL##``) or in the release's mixed case (``LeBaron``).
    Now and then a cable also carries what the export or the publisher put
    into real files: a mailbox export header (``Cable.inbox_export``, an
    :class:`InboxExport`) and, after the envelope, an export record in either
    shape (``labelled`` or ``columns``, an :class:`ExportRecord`) or an
    editorial note (an :class:`EditorialNote`) in ``Cable.release_artifact``;
    with an export record, the classification line may be redacted whole (a
    :class:`RedactedLine`).

    Every generated cable survives its canonical text: ``parse(render(c)) == c``.
    """
    return (
        _plan(media=False).map(lambda plan: plan.cable)
        | _plan(media=True).map(lambda plan: plan.cable)
        | _plan(distribution=True).map(lambda plan: plan.cable)
    )


# ---------------------------------------------------------------------------
# Texts: each item written in one of the layouts real cables use
# ---------------------------------------------------------------------------


@attrs.frozen
class _Style:
    nl: str
    media: bool
    blank_everywhere: bool
    blank: str
    trailing: bool


def _end(draw: st.DrawFn, style: _Style) -> str:
    """A line ending, with the trailing blank the Cablegate HTML left on many lines."""
    space = " " if style.trailing and draw(st.booleans()) else ""
    return space + style.nl


def _wrap(draw: st.DrawFn, text: str, first: int = 0) -> list[str]:
    """Hard-wrap at spaces, like the 60-70 column telegrams (or not at all)."""
    if draw(st.integers(0, 2)) == 0:
        return [text]
    width = draw(st.integers(20, 72))
    lines = textwrap.wrap(text, width=width, initial_indent="x" * first, break_long_words=False,
                          break_on_hyphens=False)
    if first and lines:
        lines[0] = lines[0][first:]
    return lines or [text]


def _write_distribution_list(draw: st.DrawFn, dist: DistributionList, style: _Style) -> str:
    """The Department's layout (7 offices a row in 9-column cells, padded) or the single-spaced one."""
    nl = style.nl
    out: list[str] = []
    if dist.heading is not None:  # banner, blank lines, the page-one header: printed, so spaced in columns
        heading = dist.heading
        if heading.banner is not None:
            queue = f"     {heading.print_queue}" if heading.print_queue else ""
            out.append(" " * draw(st.sampled_from((0, 27))) + heading.banner + queue + nl)
            out.append(draw(st.sampled_from(("", nl, nl + nl))))
        gap = draw(st.sampled_from((" ", "  ", "        ")))
        header = ["PAGE 01", heading.post, heading.serial, heading.section, heading.time, heading.tail]
        out.append(gap.join(part for part in header if part) + nl)
        out.append(draw(st.sampled_from(("", nl))))
    columns = draw(st.booleans())
    pad = (lambda cell: f"{cell:<9}") if columns else (lambda cell: cell + " ")
    if dist.action:
        out.append(f"{dist.action_keyword or 'ACTION'} " + "".join(pad(str(o)) for o in dist.action) + nl)
        out.append(draw(st.sampled_from(("", nl, nl, " " + nl))))
    cells = [str(office) for office in dist.info] + [f"({note})" for note in dist.notes]
    per_row = 7 if columns or draw(st.booleans()) else draw(st.integers(1, 9))
    rows = [cells[start : start + per_row] for start in range(0, len(cells), per_row)]
    lines = ["".join(pad(cell) for cell in row) for row in rows]
    if dist.total is not None:
        total = f"/{dist.total}" if draw(st.integers(0, 9)) else f"/{dist.total[:3]} {dist.total[3:]}"
        if columns and len(rows[-1]) == 7:
            lines.append("")
        lines[-1] += ("  " if columns else "") + total
    indent = "      " if columns else ""
    trim: Callable[[str], str] = (lambda line: line) if style.trailing else str.rstrip
    out.append(trim("INFO  " + lines[0] if columns else "INFO " + lines[0]) + nl)
    out += [trim(indent + line) + nl for line in lines[1:]]
    if dist.drafting is not None:
        drafting = dist.drafting
        out.append(draw(st.sampled_from(("", nl, nl + nl))))
        if drafting.serial is not None:
            out.append(drafting.serial + nl)
        if drafting.source is not None:
            out.append(f"SOURCE: {drafting.source}" + nl)
        colon = draw(st.sampled_from((":", ":", "")))  # "DRAFTED BY PA/FOI:BENNIS" in 1970s copies
        out.append(f"DRAFTED BY{colon} {drafting.drafted_by}" + nl)
        if drafting.approved_by is not None:
            out.append(f"APPROVED BY{colon} {drafting.approved_by}" + nl)
        if drafting.clearances:
            out.append(" ".join(drafting.clearances) + nl)
    if dist.stamp is not None:
        stamp = dist.stamp
        out.append(" " * 18 + "-" * 18 + f"{stamp.number}  {stamp.time} /{stamp.code}" + trim("    ") + nl)
    out.append(draw(st.sampled_from(("", nl, " " + nl, "   " + nl, nl + nl))))
    return "".join(out)


def _write_envelope(draw: st.DrawFn, env: Envelope, style: _Style) -> str:
    nl = style.nl
    out: list[str] = []
    if env.distribution is not None:
        out.append(_write_distribution_list(draw, env.distribution, style))
    if env.transmission_id:
        out.append(env.transmission_id + nl)
    if env.routing_prosign:
        ris = list(env.routing_indicators)
        cut = draw(st.integers(1, len(ris)))
        out.append(" ".join([env.routing_prosign, *ris[:cut]]) + nl)
        if ris[cut:]:
            out.append(" ".join(ris[cut:]) + nl)
        if env.transmission_id and "XYZ" in env.transmission_id:
            out.append(nl)
    if env.station:
        serial = f"#{env.station_serial}" + (f"/{env.station_section}" if env.station_section else "")
        out.append(f"DE {env.station} {serial} {env.filing_time}{nl}")
    signals = list(env.operating_signals)
    if env.security_warning:
        on_security = signals[: draw(st.integers(0, len(signals)))] if signals else []
        rest = signals[len(on_security) :]
        out.append(" ".join([env.security_warning, env.security_group or "", *on_security]) + nl)
        signals = rest
    if env.date_time_group:
        out.append(" ".join([*env.precedence_letters, env.date_time_group, *signals]) + nl)
    out.append(f"FM {env.sender}{nl}")

    def address(a: Addressee) -> str:
        word = a.precedence.value if a.precedence else ""
        if word == "PRIORITY" and draw(st.integers(0, 9)) == 0:
            word = "PRIOITY"
        parts = [f"{a.routing_indicator}/{a.name}" if a.routing_indicator else a.name, word, a.serial or ""]
        return " ".join(p for p in parts if p) + _end(draw, style)

    for keyword, people in (("TO", env.to), ("INFO", env.info), ("XMT", env.exempted)):
        for index, person in enumerate(people):
            prefix = "" if index else keyword + (draw(st.sampled_from((" ", "/"))) if keyword == "XMT" else " ")
            out.append(prefix + address(person))
    out.append(draw(st.sampled_from(("", " ", "  "))) + nl)
    return "".join(out)


def _write_classification(draw: st.DrawFn, line: ClassificationLine, style: _Style) -> str:
    word = line.classification
    choices = [word]
    if word in _LETTER_SPACED:
        choices.append(_LETTER_SPACED[word])
    if word == "UNCLASSIFIED":
        choices.append("UNCLAS")
    gap = draw(st.sampled_from((" ", " ", "  ")))
    parts = [draw(st.sampled_from(choices))]
    if line.section:
        parts.append(f"SECTION {line.section[0]:02d} OF {line.section[1]:02d}")
    parts += [line.origin, line.serial]
    if line.tail:
        parts.append(line.tail)
    return gap.join(parts) + _end(draw, style)


def _write_eo(draw: st.DrawFn, eo: EOLine, style: _Style) -> str:
    label = draw(st.sampled_from(("E.O. {}: ", "E.O. {}: ", "EO {} ", "E.O. {} ", "E.O. {}:", "E.o. {}: ")))
    text = label.format(eo.order) + eo.declassification
    if eo.tags:
        text += draw(st.sampled_from((" TAGS: ", " TAGS ", "  TAGS: "))) + " ".join(eo.tags)
    return text + _end(draw, style)


def _write_tags(draw: st.DrawFn, line: TagsLine, style: _Style) -> str:
    label = draw(st.sampled_from(("TAGS: ", "TAGS: ", "TAGS ", "TAGS:")))
    sep = draw(st.sampled_from((" ", ", ", ",")))
    if sep == "," and label == "TAGS ":
        sep = ", "
    head = list(line.tags)
    tail: list[str] = []
    plain = [t for t in line.tags if " " not in t and 2 <= len(t) <= 8]
    if len(head) > 1 and len(plain) == len(head) and draw(st.booleans()):
        cut = draw(st.integers(1, len(head) - 1))
        head, tail = head[:cut], head[cut:]
    text = label + sep.join(head)
    if tail:
        text += sep.rstrip() + _end(draw, style) + sep.join(tail)
    return text + _end(draw, style)


def _write_subject(draw: st.DrawFn, subject: Subject, style: _Style, next_item: Any) -> str:
    label = draw(st.sampled_from(("SUBJECT: ", "SUBJECT: ", "SUBJ: ", "SUBJECT:", "Subject: ", "SUBJECT ")))
    lines = _wrap(draw, subject.text, len(label))
    out = label + lines[0] + _end(draw, style)
    keyword_next = isinstance(next_item, References | ClassifiedBy | Paragraph)
    for index, line in enumerate(lines[1:], 1):
        if index == len(lines) - 1 and keyword_next and style.blank_everywhere:
            out += style.blank + style.nl  # the seed cable's layout: a blank line inside the subject
        out += line + _end(draw, style)
    return out


def _write_references(draw: st.DrawFn, refs: References, style: _Style) -> str:
    items = refs.references
    if len(items) == 1 and items[0].label is None:
        label = draw(st.sampled_from(("REF: ", "REF: ", "Ref: ", "REFTEL: ", "REF ")))
        return label + items[0].text + _end(draw, style)
    label = draw(st.sampled_from(("REF: ", "REF: ", "REFS: ", "Ref: ", "REF ")))
    mark = draw(st.sampled_from(("{}. ", "({}) ", "{}) ", "{}. ")))
    texts = [mark.format(r.label) + r.text for r in items]
    layout = draw(st.integers(0, 3))
    if label == "REF " and mark.startswith("{}"):
        label = "REF: "
    if layout == 0:  # all on one line
        return label + draw(st.sampled_from(("  ", " ", "; ", ", "))).join(texts) + _end(draw, style)
    if layout == 1:  # one per line, indented
        indent = draw(st.sampled_from(("     ", "", "  ")))
        return label + texts[0] + _end(draw, style) + "".join(indent + t + _end(draw, style) for t in texts[1:])
    if layout == 2 and mark == "{}. ":  # blank lines between, WikiLeaks' pilcrow anchors (the seed cable)
        pilcrow = draw(st.sampled_from(("¶", "")))
        return label + texts[0] + _end(draw, style) + "".join(
            style.blank + style.nl + pilcrow + t + _end(draw, style) for t in texts[1:]
        )
    lines = _wrap(draw, " ".join(texts), len(label))  # wrapped anywhere between words
    if any(_LOOSE_PARAGRAPH_HEAD.match(line) for line in lines[1:]):
        # "KRAKOW" / "1 (C) SECDEF ...": the grammar reads such a wrapped line as a paragraph head ("10  (C)",
        # a real spelling); a cable that wraps there is read so, and the generator does not write one.
        lines = [" ".join(lines)]
    return label + "".join(line + _end(draw, style) for line in lines)


def _write_classified_by(draw: st.DrawFn, cb: ClassifiedBy, style: _Style) -> str:
    label = draw(st.sampled_from(("Classified By: ", "Classified By: ", "CLASSIFIED BY: ", "Classified by ",
                                  "CLASSIFIED BY ")))
    lines = _wrap(draw, cb.text, len(label))
    return label + "".join(line + _end(draw, style) for line in lines)


# A line the grammar reads as a paragraph head with a loose number (PARAGRAPH_NUMBER: "7, (U)", "10  (C)").
_LOOSE_PARAGRAPH_HEAD = re.compile(r"[1-9][0-9]{0,2}(?:,|\.\.)?[ \t]*\((?:U|C|S|TS|SBU)[)/]")
# The markings after which the grammar takes a comma for a paragraph number's full stop.
_COMMA_NUMBER_MARKING = re.compile(r"(?:U|C|S|TS|SBU)(?:/|$)")


def _write_paragraph(draw: st.DrawFn, par: Paragraph, style: _Style) -> str:
    number = f"{par.number}."
    if style.media:
        number = draw(st.sampled_from(("¶", "¶", "¶", " ¶"))) + number  # " ¶1.": 09ASMARA429
    elif draw(st.integers(0, 9)) == 0:
        number = "- " + number
    elif par.marking and _COMMA_NUMBER_MARKING.match(par.marking) and draw(st.integers(0, 19)) == 0:
        number = f"{par.number}" + draw(st.sampled_from((",", "..", " ")))  # "7, (U)", "3.. (SBU)", "10  (C)"
    if par.marking:
        head = number + draw(st.sampled_from((" ", " ", "", "  "))) + f"({par.marking})"
        head += draw(st.sampled_from((" ", " ", "  ")))
    else:
        head = number + draw(st.sampled_from((" ", "  ")))
    first, *pages = par.stretches
    lines = _wrap(draw, first, len(head))
    out = head + "".join(line + _end(draw, style) for line in lines)
    after_turn = False  # the last turn has no text after it: the next one stands on the line after it
    for turn, page in zip(par.turns, pages, strict=True):
        if isinstance(turn, StampTurn):
            # The stamp's blank lines as a page turn's, none in the media renderings.
            before, after = (0, 0) if style.media else (draw(st.integers(0, 1 - after_turn)), draw(st.integers(0, 2)))
            blank = style.blank + style.nl
            out += blank * before + _write_stamp(draw, turn.stamp, style) + blank * after
        else:
            out += _write_page_turn(draw, turn.page_break, style)
        if page:
            out += "".join(line + _end(draw, style) for line in _wrap(draw, page))
        after_turn = not page
    return out


#: Blank lines before and after the page-break line of a page turn, as the corpus has them: the printer's
#: shape and the squeezed ones; the media renderings have none.
_TURN_SHAPES = ((1, 2), (1, 2), (1, 1), (1, 0), (0, 0))


def _write_page_turn(draw: st.DrawFn, page_break: PageBreak, style: _Style) -> str:
    before, after = (0, 0) if style.media else draw(st.sampled_from(_TURN_SHAPES))
    blank = style.blank + style.nl
    return blank * before + page_break.text + _end(draw, style) + blank * after


def _write_stamp(draw: st.DrawFn, stamp: DeclassificationStamp, style: _Style) -> str:
    """The stamp's line, wrapped before "Systematic Review" now and then, with its line end."""
    wrap = draw(st.sampled_from((" ", " ", _end(draw, style))))
    words = wrap.join(stamp.WORDS)
    return " ".join(part for part in (stamp.reviewer, words, stamp.reviewed) if part) + _end(draw, style)


def _write_item(draw: st.DrawFn, item: Any, style: _Style, next_item: Any) -> str:  # noqa: PLR0911
    end = _end(draw, style)
    if isinstance(item, ClassificationLine):
        return _write_classification(draw, item, style)
    if isinstance(item, EOLine):
        return _write_eo(draw, item, style)
    if isinstance(item, TagsLine):
        return _write_tags(draw, item, style)
    if isinstance(item, Subject):
        return _write_subject(draw, item, style, next_item)
    if isinstance(item, References):
        return _write_references(draw, item, style)
    if isinstance(item, ClassifiedBy):
        return _write_classified_by(draw, item, style)
    if isinstance(item, Paragraph):
        return _write_paragraph(draw, item, style)
    if isinstance(item, TextBlock):
        return "".join(line + _end(draw, style) for line in item.lines)
    if isinstance(item, PageBanner):
        return draw(st.sampled_from(("", "   ", " " * 30))) + item.text + end
    if isinstance(item, Signature):
        return item.name + end
    if isinstance(item, DeclassificationStamp):
        return _write_stamp(draw, item, style)
    if isinstance(item, EndOfMessage | ClassificationFooter | DateLine | PageBreak | RuleLine | CaptionLine
                  | RedactedLine):
        return str(item.text) + end
    msg = f"no layout for {type(item).__name__}"
    raise TypeError(msg)


_OPEN = (TagsLine, Subject, References, ClassifiedBy, Paragraph)
_CAPTION_BLOCK = (ClassificationLine, CaptionLine, TextBlock, EOLine, TagsLine, Subject, References, ClassifiedBy)


def _blank_after(draw: st.DrawFn, item: Any, next_item: Any, style: _Style) -> str:
    """Blank lines between two items: as the layout has them, or where the grammar needs one."""
    # An E.O. line that carries the tags takes their wrapped lines, as a TAGS line does.
    needed = (isinstance(item, _OPEN) or (isinstance(item, EOLine) and bool(item.tags))) and isinstance(
        next_item, TextBlock)
    if isinstance(item, TagsLine) or (isinstance(item, EOLine) and isinstance(next_item, TagsLine)):
        wanted = style.blank_everywhere and draw(st.booleans())
    elif (
        (style.media and isinstance(item, _CAPTION_BLOCK) and isinstance(next_item, (*_CAPTION_BLOCK, DateLine)))
        or isinstance(item, DateLine | RuleLine | Signature | EndOfMessage | ClassificationFooter | PageBanner)
        or (isinstance(item, TextBlock) and isinstance(next_item, RuleLine))
    ):
        wanted = False  # the media partners' caption block; lines that sit on the next one
    elif isinstance(item, Paragraph) and isinstance(next_item, Paragraph):
        wanted = not style.media and draw(st.integers(0, 4)) > 0
    else:
        wanted = style.blank_everywhere or draw(st.integers(0, 3)) > 0
    if not (wanted or needed) or next_item is None:
        return ""
    return (style.blank + style.nl) * draw(st.integers(1, 2))


@st.composite
def _texts(draw: st.DrawFn) -> tuple[Cable, str]:
    media = draw(st.integers(0, 4)) == 0
    plan = draw(_plan(media=media, distribution=not media and draw(st.integers(0, 9)) == 0))
    style = _Style(
        nl="\r\n" if draw(st.integers(0, 3)) == 0 else "\n",
        media=media,
        blank_everywhere=not media and draw(st.booleans()),
        blank=draw(st.sampled_from(("", "", " "))),
        trailing=draw(st.booleans()),
    )
    cable = plan.cable
    parts: list[str] = []
    if cable.inbox_export is not None:
        parts.append(_write_inbox_export(draw, cable.inbox_export, style))
    if cable.envelope is None and cable.preamble is None and draw(st.integers(0, 3)) == 0:
        parts.append(style.nl * draw(st.integers(1, 2)))
    if cable.preamble is not None and cable.preamble.kind == "mail_header":
        *header, banner = cable.preamble.lines
        parts.append(style.nl.join(header) + style.nl + style.nl + banner + style.nl + style.nl)
    elif cable.preamble is not None and cable.preamble.kind == "stray_lines":
        parts.append(style.nl.join(cable.preamble.lines) + style.nl + style.nl)
    elif cable.preamble is not None:
        notice, *archive = cable.preamble.lines
        parts.append(notice + style.nl + style.nl)
        if archive:
            parts.append(archive[0] + style.nl + style.nl)
    if cable.envelope is not None:
        parts.append(_write_envelope(draw, cable.envelope, style))
    if cable.release_artifact is not None:
        parts.append(_write_release_artifact(cable.release_artifact, style))
    items = list(cable.items)
    for index, item in enumerate(items):
        next_item = items[index + 1] if index + 1 < len(items) else None
        parts.append(_write_item(draw, item, style, next_item))
        parts.append(_blank_after(draw, item, next_item, style))
    text = "".join(parts)
    if draw(st.integers(0, 9)) == 0:
        text = text.removesuffix(style.nl)
    return cable, text


def cables_with_texts() -> st.SearchStrategy[tuple[Cable, str]]:
    """Pairs ``(cable, text)``: a text in a real layout and the semantic cable it must parse to.

    ``parse(text) == cable`` and ``render(parse(text)) == text``.
    """
    return _texts()


def cable_texts() -> st.SearchStrategy[str]:
    """Cable texts in the layouts real cables use; each one is accepted by :func:`cablegrammar.parse`.

    Layout variants, each taken from the corpus: ``\\n`` or ``\\r\\n``; blank
    lines between all fields (the seed cable), the usual ones, or none (the
    media partners' rendering, with its date line and ``¶`` markers); blank
    lines holding a space; trailing blanks; letter-spaced and abbreviated
    classifications; E.O., TAGS, SUBJECT, REF and Classified By spellings;
    wrapped SUBJECT, TAGS, REF, Classified By and paragraphs; page-break and
    old page-header lines, and paragraphs that run on across a page break
    (with the blank lines around the page line as printed, squeezed or
    dropped); routing lines that wrap; Department distribution copies (with
    a drafting block at times); signatures in capitals or mixed case; the
    mailbox export header (its folder wrapped or not), export records of
    both shapes, editorial notes and a redacted classification line, each
    written as in the files they come from (see :func:`cables`); a missing
    final newline.
    """
    return _texts().map(lambda pair: pair[1])


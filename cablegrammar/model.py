"""The object model of a cable: frozen, slotted attrs classes.

Semantic fields are the API: they take part in ``==``, ``hash`` and ``repr``.
How a node was spelled in the source (spacing, blank lines, line endings,
keyword variants) is kept in its ``layout`` field, which is excluded from
equality and repr.  :func:`cablegrammar.render` prints a node from its layout
while the layout still matches the node's semantic values, and canonically
otherwise, so an edited node (``attrs.evolve``) never prints stale text.

This module imports nothing from Lark.

>>> a = TagsLine(tags=("PGOV", "PREL"))
>>> b = TagsLine(tags=("PGOV", "PREL"), layout=Layout(raw="TAGS PGOV, PREL\\n", key=()))
>>> a == b
True
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar, Literal

import attrs

from cablegrammar import _model_checks as _checks
from cablegrammar import _shapes, interpret
from cablegrammar.interpret import Precedence, parse_date_time_group

#: attrs metadata tag of layout fields, for generic walkers.
LAYOUT = {"cablegrammar": "layout"}
#: attrs metadata tag of context fields: set from the rest of the cable on access, not content.
CONTEXT = {"cablegrammar": "context"}


@attrs.frozen
class Layout:
    """How a node was written in the source.

    ``raw`` is the node's exact source text, blank lines after it and line
    endings included; ``key`` is the node's semantic values when it was
    parsed.  The renderer uses ``raw`` only while ``key`` still equals the
    node's current semantic values.
    """

    #: The exact source text owned by the node.
    raw: str
    #: The node's semantic values at parse time (see :func:`semantic_key`).
    key: tuple[Any, ...]


def _to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


def _layout_field() -> Any:
    return attrs.field(default=None, eq=False, repr=False, kw_only=True, metadata=LAYOUT)


#: The grammar's PORTION_MARKING: the transform splits paragraph heads with it, the renderer keeps text that
#: opens like one off the head line.
PORTION_MARKING = _shapes.regexp("PORTION_MARKING")

#: A portion marking at the start of a paragraph's joined text (one that wrapped across the head line's end).
MARKING_START = re.compile(PORTION_MARKING)


def semantic_key(node: Any) -> tuple[Any, ...]:
    """The values of a node's semantic (equality) fields, in field order."""
    return tuple(getattr(node, f.name) for f in attrs.fields(type(node)) if f.eq)


# ---------------------------------------------------------------------------
# Envelope
# ---------------------------------------------------------------------------


@attrs.frozen
class Addressee:
    """One addressee line: ``RUEHC/SECSTATE WASHDC PRIORITY 3445``."""

    #: Plain-language address designator, e.g. ``SECSTATE WASHDC``.
    name: str
    #: Routing indicator before the slash (``RUEHC``), or None.
    routing_indicator: str | None = None
    #: Precedence word on the line, or None (routine by default).
    precedence: Precedence | None = None
    #: Per-addressee four-digit serial (``3445``), or None.
    serial: str | None = None


@attrs.frozen
class OfficeCopies:
    """One entry of a distribution list: an office code and its copy count (``LAB-01``).

    >>> str(OfficeCopies(office="LAB", copies=1))
    'LAB-01'
    """

    #: The office (bureau) code, e.g. ``LOG``, ``NEA``, ``DS``: upper-case letters only.
    office: str = attrs.field(validator=_checks.office_code)
    #: The number of copies the office receives (``1`` in ``LAB-01``): an int from 0 to 99 (two digits).
    copies: int = attrs.field(default=0, validator=_checks.copies)

    def __str__(self) -> str:
        return f"{self.office}-{self.copies:02d}"


@attrs.frozen
class DistributionStamp:
    """The stamp line under a distribution list: ``------------------50B38D  091507Z /38``."""

    #: The copy's internal number, six upper-case hexadecimal digits (``50B38D``).
    number: str = attrs.field(validator=_checks.stamp_number)
    #: Day and time the copy was distributed, ``DDHHMMZ``: six digits and ``Z`` (``091507Z``).
    time: str = attrs.field(validator=_checks.stamp_time)
    #: The two digits after the slash (``38``).
    code: str = attrs.field(validator=_checks.stamp_code)


@attrs.frozen
class ArchiveHeading:
    """The heading of the archive's reference copy above its distribution list (cable-format.md, section 1.13).

    ::

                                   CONFIDENTIAL     PTQ1859
        PAGE 01        HARARE  06677  01 OF 03  291400Z

    >>> ArchiveHeading(post="STATE", serial="296107", banner="UNCLASSIFIED").page
    1
    """

    #: The post of the page header as printed, cut to six letters by the printer (``HARARE``, ``VATICA``).
    post: str = attrs.field(validator=_checks.single_line)
    #: The cable's serial as printed (``06677``, ``296107``): five or six digits.
    serial: str = attrs.field(validator=_checks.heading_serial)
    #: The page number: 1 (the heading stands above the first page's list).
    page: int = 1
    #: The classification banner above the header (``CONFIDENTIAL``), or None.
    banner: str | None = attrs.field(default=None, validator=_checks.single_line)
    #: The print queue number after the banner (``PTQ1859``), or None.
    print_queue: str | None = attrs.field(default=None, validator=_checks.single_line)
    #: The section counter (``01 OF 03``), or None.
    section: str | None = attrs.field(default=None, validator=_checks.single_line)
    #: The printing time, ``DDHHMMZ`` (``291400Z``), or None.
    time: str | None = attrs.field(default=None, validator=_checks.single_line)
    #: A further serial after them, as written (``TOSEC 340058``), or None.
    tail: str | None = attrs.field(default=None, validator=_checks.single_line)


@attrs.frozen
class Drafting:
    """The drafting block of the Department's own copy of an outgoing cable (cable-format.md, section 1.13).

    ::

        063860
        SOURCE: CBLEXCLS.000423
        DRAFTED BY: DS/DSS/CC:JBACIGALUPO -- 06/19/2009  571-345-3132
        APPROVED BY: DS/DSS/CC:JBACIGALUPO
        L/M:KMALMBORG NEA:WHARRIS               (clearances, in the reference copy)
    """

    #: The drafter: office and name, as written (``DS/DSS/CC:JBACIGALUPO -- 06/19/2009  571-345-3132``);
    #: non-empty, one line, no blanks around it.
    drafted_by: str = attrs.field(validator=_checks.single_line)
    #: The approving officer, or None; non-empty, one line, no blanks around it.
    approved_by: str | None = attrs.field(default=None, validator=_checks.single_line)
    #: The cable's serial on a line of its own, six digits (``063860``), or None.
    serial: str | None = attrs.field(default=None, validator=_checks.drafting_serial)
    #: The record the copy was made from (``CBLEXCLS.000423``), or None; non-empty, one line, no blanks around it.
    source: str | None = attrs.field(default=None, validator=_checks.single_line)
    #: The clearing officers after the approver, each ``OFFICE:NAME`` as written (``L/M:KMALMBORG``).
    clearances: tuple[str, ...] = attrs.field(default=(), converter=_to_tuple, validator=_checks.clearances)


@attrs.frozen
class DistributionList:
    """A Department copy's office distribution list (cable-format.md, section 1.13).

    ::

        ACTION NEA-00                      (ORIGIN DS-00 on the Department's own cables)

        INFO  LOG-00   CIAE-00  INL-00  ...
              DRL-00   SAS-00   FA-00    SWCI-00    /000W
                          ------------------EE9C66  240653Z /38

    Every word of the list is in a field: how it was spaced and wrapped is
    layout (see :class:`Layout`).
    """

    #: ``ACTION`` (the office that acts on an incoming cable) or ``ORIGIN``
    #: (the office that drafted an outgoing one); None when the list has no such line.
    #: It is ``ACTION`` or ``ORIGIN`` exactly when :attr:`action` names offices.
    action_keyword: str | None = attrs.field(default=None, validator=_checks.action_keyword)
    #: The offices of the ACTION / ORIGIN line.
    action: tuple[OfficeCopies, ...] = attrs.field(default=(), converter=_to_tuple)
    #: The INFO offices, in source order; the INFO line names at least one office or note.
    info: tuple[OfficeCopies, ...] = attrs.field(default=(), converter=_to_tuple, validator=_checks.info_offices)
    #: Office notes written in parentheses among the INFO offices (``TEDE`` for ``(TEDE)``): upper-case letters.
    notes: tuple[str, ...] = attrs.field(default=(), converter=_to_tuple, validator=_checks.office_notes)
    #: The total marker that ends the list, without its slash and blanks: three digits and a letter,
    #: ``000W`` for ``/000W``, ``037W`` for ``/037 W`` (the blank is layout); None when there is none.
    total: str | None = attrs.field(default=None, validator=_checks.distribution_total)
    #: The stamp line under the list, or None.
    stamp: DistributionStamp | None = None
    #: The drafting block above the stamp line (the Department's own copies), or None.
    drafting: Drafting | None = None
    #: The code line some copies print above the list (``TED7110``): two to four letters, three to five
    #: digits; None when there is none.
    print_code: str | None = attrs.field(default=None, validator=_checks.print_code)
    #: The reference copy's banner and page-one header above the list, or None.
    heading: ArchiveHeading | None = None
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()


@attrs.frozen
class Envelope:
    """The ACP 127 transmission heading (format lines 1-9)."""

    #: ``acp127`` (VZCZC ...), ``short`` (starts at the date-time group),
    #: ``distribution`` (a Department copy's office distribution list first) or
    #: ``addresses`` (FM / TO / INFO alone, no date-time group line).
    family: str
    #: Format line 5: precedence letters, e.g. ``("P",)`` or ``("P", "R")``.
    precedence_letters: tuple[str, ...] = attrs.field(default=(), converter=_to_tuple)
    #: Format line 5: the date-time group as written, e.g. ``101131Z JUL 07``.
    date_time_group: str | None = None
    #: Originator (FM line), e.g. ``AMEMBASSY BAKU``.
    sender: str | None = None
    #: Action addressees (TO).
    to: tuple[Addressee, ...] = attrs.field(default=(), converter=_to_tuple)
    #: Information addressees (INFO).
    info: tuple[Addressee, ...] = attrs.field(default=(), converter=_to_tuple)
    #: Exempted addressees (XMT).
    exempted: tuple[Addressee, ...] = attrs.field(default=(), converter=_to_tuple)
    #: Format line 1: transmission identification, e.g. ``VZCZCXRO7895``.
    transmission_id: str | None = None
    #: Format line 2: precedence prosign, e.g. ``PP``.
    routing_prosign: str | None = None
    #: Format line 2: routing indicators of this copy.
    routing_indicators: tuple[str, ...] = attrs.field(default=(), converter=_to_tuple)
    #: Format line 3: originating station's routing indicator (``RUEHKB``).
    station: str | None = None
    #: Format line 3: station serial number, e.g. ``0864`` (without ``#``).
    station_serial: str | None = None
    #: Format line 3: section of a multi-section cable (``/01``), or None.
    station_section: str | None = None
    #: Format line 3: filing time, Julian day + HHMM (``1911131``).
    filing_time: str | None = None
    #: Format line 4: security warning operating signal, ``ZNY`` or ``ZNR``.
    security_warning: str | None = None
    #: Format line 4: security group, e.g. ``CCCCC``.
    security_group: str | None = None
    #: Operating signals of format lines 4 and 5 (``ZZH``, ``ZFF4``).
    operating_signals: tuple[str, ...] = attrs.field(default=(), converter=_to_tuple)
    #: The office distribution list of a Department copy, or None; only family ``distribution`` has one
    #: (the grammar reads a list only before that family's format line 5).
    distribution: DistributionList | None = attrs.field(default=None, validator=_checks.envelope_distribution)
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()


# ---------------------------------------------------------------------------
# Text items
# ---------------------------------------------------------------------------


#: The kinds of :class:`Preamble`, one for each way the grammar opens one.
PreambleKind = Literal["partial_record", "print_heading", "mail_header", "stray_lines"]


@attrs.frozen
class Preamble:
    """What stands before the cable: the publisher's note, a print heading, a mail header, stray lines.

    Four kinds: ``partial_record`` (the publisher's "This record is a partial extract of the original cable"
    notice, and the archive's date-time group after it), ``print_heading`` (the archive's print heading, its words
    run together: ``TelegramRestricted by caption. UNCLASSIFIED   TRIPOLI   00000641``), ``mail_header`` (the
    ``From:`` / ``Sent:`` / ``To:`` / ``Subject:`` header of a mail client that forwarded the cable, then the
    classification banner the message opens with) and ``stray_lines`` (up to three lines of no known shape right
    before the envelope's ``VZCZC`` line: ``<html><pre>``, ``Cable Text:``; or the classification banner alone
    above it).  Only
    the publisher's note is no artifact: the others are no part of the telegram, and the validator flags them
    (CG280).

    >>> Preamble(lines=["From: CBPC", "Sent: Tuesday, July 08, 2008 9:22 PM"], kind="mail_header").is_artifact
    True
    """

    #: The note's lines, without line endings.
    lines: tuple[str, ...] = attrs.field(converter=_to_tuple)
    #: ``partial_record``, ``print_heading``, ``mail_header`` or ``stray_lines``: which of the grammar's
    #: preambles it is.
    kind: PreambleKind = attrs.field(
        default="partial_record", validator=_checks.preamble_kind)
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()

    @property
    def is_artifact(self) -> bool:
        """Whether the preamble is no part of the telegram (all but the publisher's note), as CG280 flags it."""
        return self.kind != "partial_record"


@attrs.frozen
class Preview:
    """A cut-off preview of the text between the envelope and an export record, as a web page listed it.

    The release's pages printed the text's opening lines cut off with ``...`` mid-word (``SUBJECT: ... DEBORAH``
    / ``MCCARTH...``), then the export record and the whole text: the cable's fields come from the whole
    text, never from the preview.  No part of the telegram.

    >>> Preview(lines=["UNCLAS QUITO 000057", "", "Classified By: Ambassador Heather M. Hodges for..."]).lines[-1]
    'Classified By: Ambassador Heather M. Hodges for...'
    """

    #: The preview's lines as written, without line endings (blank lines inside it kept; the blank lines after
    #: it are layout).
    lines: tuple[str, ...] = attrs.field(converter=_to_tuple)
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()


@attrs.frozen
class ClassificationLine:
    """``C O N F I D E N T I A L SECTION 01 OF 03 BAKU 000864``."""

    #: Normalized classification word: ``UNCLASSIFIED``, ``LIMITED OFFICIAL
    #: USE``, ``CONFIDENTIAL``, ``SECRET`` or ``TOP SECRET``.
    classification: str
    #: Originating post of the message reference number, e.g. ``BAKU``.
    origin: str
    #: Serial of the message reference number as written, e.g. ``000864``.
    serial: str
    #: ``(section, of)`` from ``SECTION 01 OF 03``, or None.
    section: tuple[int, int] | None = None
    #: Caveats glued with ``//`` (``NOFORN``) and caption words after the MRN.
    caveats: tuple[str, ...] = attrs.field(default=(), converter=_to_tuple)
    #: Anything else on the line after the MRN, as written.
    tail: str = ""
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()


@attrs.frozen
class RedactedLine:
    """A first line the publisher redacted whole (``XXXXXXXXXXXX``), in place of the classification line."""

    #: The line as written, e.g. ``XXXXXXXXXXXX``: six or more ``X`` and nothing else.
    text: str = attrs.field(default="XXXXXXXXXXXX", validator=_checks.redacted_text)
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()


@attrs.frozen
class CaptionLine:
    """A line of captions: ``SIPDIS``, ``NOFORN``, ``SENSITIVE BUT UNCLASSIFIED``."""

    #: The line's text, e.g. ``SIPDIS``.
    text: str
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()


@attrs.frozen
class EOLine:
    """``E.O. 12958: DECL: 07/10/2017``: the declassification instruction."""

    #: Executive order number, e.g. ``12958``.
    order: str
    #: The instruction as written after the number (``DECL: 07/10/2017``, ``N/A``).
    declassification: str = ""
    #: TAGS written on the same line, if any.
    tags: tuple[str, ...] = attrs.field(default=(), converter=_to_tuple)
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()

    @property
    def instruction(self) -> interpret.Declassification:
        """The instruction, typed (:func:`cablegrammar.interpret.declassification`): a date, a code, N/A ..."""
        return interpret.declassification(self.declassification)

    @property
    def declassify_on(self) -> dt.date | None:
        """The declassify-on date where the instruction gives one (``DECL: 07/10/2017``), else None.

        >>> EOLine("12958", "DECL: ON 05/02/2015").declassify_on, EOLine("12958", "DNG: CO 08/01/2032").declassify_on
        (datetime.date(2015, 5, 2), None)
        """
        return interpret.declassify_on(self.declassification)


@attrs.frozen
class TagsLine:
    """``TAGS: PGOV PREL AJ``: indexing keywords (Traffic Analysis by Geography and Subject)."""

    #: Tags in source order; person tags keep their parentheses.
    tags: tuple[str, ...] = attrs.field(converter=_to_tuple)
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()


@attrs.frozen
class Subject:
    """``SUBJECT: ...``; continuation lines joined by single spaces."""

    #: The subject text.
    text: str
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()


@attrs.frozen
class Reference:
    """One item of a REF block: ``A. BAKU 00837``."""

    #: The item's letter (``A``), or None for an unlettered reference.
    label: str | None
    #: The reference text, e.g. ``BAKU 00837``.
    text: str
    #: The year of the cable that cites the item, which resolves ids written without a year: set on the
    #: items :attr:`Cable.references` gives, None on a bare item.  Context, not content: not part of ``==``,
    #: ``repr`` or the JSON.
    citing_year: int | None = attrs.field(default=None, eq=False, repr=False, kw_only=True, metadata=CONTEXT)

    @property
    def cable_ids(self) -> tuple[str, ...]:
        """Every cable the item names, canonical (``09STATE122115``); empty for e-mails, telcons and reports.

        An id written without a year takes :attr:`citing_year`: read the items through
        :attr:`Cable.references`, which sets it.

        >>> Reference("A", "09 STATE 122115; 09 NAIROBI 2487").cable_ids
        ('09STATE122115', '09NAIROBI2487')
        >>> Reference("B", "BAKU 837").cable_ids, Reference("B", "BAKU 837", citing_year=2007).cable_ids
        ((), ('07BAKU837',))
        """
        return tuple(str(found) for found in interpret.cable_ids(self.text, self.citing_year))


@attrs.frozen
class References:
    """The REF block."""

    #: The references in source order.
    references: tuple[Reference, ...] = attrs.field(converter=_to_tuple)
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()


@attrs.frozen
class ClassifiedBy:
    """``Classified By: Charge d'Affaires Donald Lu for reasons 1.4 (b, d).``"""

    #: The classifying official as written (name and title).
    classifier: str
    #: Reasons as ``section(letter)``, e.g. ``("1.4(b)", "1.4(d)")``.
    reasons: tuple[str, ...] = attrs.field(default=(), converter=_to_tuple)
    #: The whole text after the label, continuation lines joined by spaces.
    text: str = ""
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()


@attrs.frozen
class Paragraph:
    """A numbered body paragraph: ``1. (C) text``.

    A paragraph printed across a page break is one paragraph: its ``text``
    runs on across the page-break line, and ``page_turns`` says where.

    >>> turn = PageTurn(offset=7, page_break=PageBreak("BAKU 00001835  002.2 OF 003"))
    >>> Paragraph(number=4, marking="C", text="if the US or Israel", page_turns=(turn,)).pages
    ('if the', 'US or Israel')
    """

    #: The paragraph number as written (``11`` in ``- 11. (C)``).
    number: int
    #: Portion marking inside the parentheses (``C``, ``SBU``, ``S//NF``), or None.
    marking: str | None
    #: The paragraph text, hard-wrapped lines joined by single spaces, across page breaks.
    text: str
    #: The page breaks inside the paragraph, in order (see :class:`PageTurn`): offsets never decrease, and
    #: each is 0 (no text before the turn) or falls inside the text at the start of a word after a single
    #: space (``text[offset - 1] == " "``, no blank on either side of it), as the transform sets them, so
    #: that the canonical text reads back the same.
    page_turns: tuple[PageTurn, ...] = attrs.field(default=(), converter=_to_tuple, validator=_checks.page_turns)
    #: The declassification stamps inside the paragraph, in order (see :class:`StampTurn`), their offsets as the
    #: page turns' are.
    stamp_turns: tuple[StampTurn, ...] = attrs.field(default=(), converter=_to_tuple, validator=_checks.page_turns)
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()

    @property
    def turns(self) -> tuple[PageTurn | StampTurn, ...]:
        """The page and stamp turns in text order; at one place, the page turns first (as ``render`` writes them)."""
        turns: list[PageTurn | StampTurn] = [*self.page_turns, *self.stamp_turns]
        return tuple(sorted(turns, key=lambda turn: turn.offset))

    @property
    def pages(self) -> tuple[str, ...]:
        """The text cut at the page turns: what each page holds of the paragraph (one string without turns)."""
        return self._cut(self.page_turns)

    @property
    def stretches(self) -> tuple[str, ...]:
        """The text cut at every turn (:attr:`turns`): what stands between two turns (one string without turns)."""
        return self._cut(self.turns)

    def _cut(self, turns: Iterable[PageTurn | StampTurn]) -> tuple[str, ...]:
        cuts = [min(max(turn.offset, 0), len(self.text)) for turn in turns]
        bounds = [0, *cuts, len(self.text)]
        return tuple(self.text[start:end].strip() for start, end in itertools.pairwise(bounds))


@attrs.frozen
class PageBreak:
    """A page-break line: ``BAKU 00000864  002 OF 002`` or ``PAGE 02 HARARE 06677 ...``."""

    #: The line as written, without its line ending.
    text: str
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()


@attrs.frozen
class PageTurn:
    """A page break inside a paragraph: the paragraph's text runs on from one page to the next.

    ::

        4.  (C) ... the Iranians are developing different
        "scenarios" for how they will react if the US or Israel

        BAKU 00001835  002.2 OF 003


        increase the pressure on Iran over the nuclear issue.

    ``offset`` is where the next page's text starts in :attr:`Paragraph.text`
    (the first character of the word that opens the next page; the space
    before it joins the two pages' lines, as between any two wrapped lines).
    The page-break line itself is ``page_break``; :attr:`Cable.page_breaks`
    lists it with the page breaks between items.
    """

    #: Where the next page's text starts in the paragraph's text (0: the head line has no text before the turn).
    offset: int
    #: The page-break line (``BAKU 00001835  002.2 OF 003``).
    page_break: PageBreak

    @property
    def node(self) -> PageBreak:
        """What the paragraph runs on across: the page-break line (as :attr:`StampTurn.node` is the stamp)."""
        return self.page_break


@attrs.frozen
class StampTurn:
    """A declassification stamp inside a paragraph: the paragraph's text runs on across it, as across a page turn.

    ::

        2. THE MINISTER SAID THAT THE GOVERNMENT WOULD

        Sheryl P. Walter Declassified/Released US Department of State EO Systematic Review 20 Mar 2014

        NOT ACCEPT THE PROPOSAL.

    ``offset`` is where the text after the stamp starts in :attr:`Paragraph.text` (as for :class:`PageTurn`); the
    stamp is ``stamp``, and :attr:`Cable.declassification_stamps` lists it with the stamps between items.
    """

    #: Where the text after the stamp starts in the paragraph's text (0: the head line has no text before it).
    offset: int
    #: The stamp.
    stamp: DeclassificationStamp

    @property
    def node(self) -> DeclassificationStamp:
        """What the paragraph runs on across: the stamp (as :attr:`PageTurn.node` is the page-break line)."""
        return self.stamp


@attrs.frozen
class PageBanner:
    """The classification repeated at a page head or foot."""

    #: The banner text, e.g. ``CONFIDENTIAL``.
    text: str
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()


@attrs.frozen
class RuleLine:
    """A line of dashes or underscores."""

    #: The rule as written.
    text: str
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()


@attrs.frozen
class DateLine:
    """A media-partner date line: ``Thursday, 22 October 2009, 15:12``."""

    #: The line as written.
    text: str
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()


@attrs.frozen
class Signature:
    """The signature line (``MCDONALD``)."""

    #: The signer's name as written.
    name: str
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()


@attrs.frozen
class DeclassificationStamp:
    """The stamp of the Department's systematic review on a released text (cable-format.md, section 1.13).

    ``Sheryl P. Walter Declassified/Released US Department of State EO Systematic Review 20 Mar 2014``: no part of
    the telegram, and never of the field it stands in.
    """

    #: The reviewer's name before the stamp (``Sheryl P. Walter``), or None.
    reviewer: str | None = attrs.field(default=None, validator=_checks.single_line)
    #: The review's date as written (``20 Mar 2014``, ``05 JUL 2006``), or None.
    reviewed: str | None = attrs.field(default=None, validator=_checks.single_line)
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()

    #: The stamp's words between the reviewer and the date, in the two parts a wrapped stamp puts on two lines.
    WORDS: ClassVar[tuple[str, str]] = ("Declassified/Released US Department of State EO", "Systematic Review")


@attrs.frozen
class EndOfMessage:
    """``NNNN`` (or ``NNN``): end of message."""

    #: The marker as written.
    text: str = "NNNN"
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()


@attrs.frozen
class ClassificationFooter:
    """``2004CARACA01540 - UNCLASSIFIED``: the archive's footer line."""

    #: The line as written.
    text: str
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()


@attrs.frozen
class TextBlock:
    """Free text lines (passing lines, headings, unnumbered paragraphs)."""

    #: The lines, without line endings or trailing blanks.
    lines: tuple[str, ...] = attrs.field(converter=_to_tuple)
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()

    @property
    def text(self) -> str:
        """The lines joined by single spaces."""
        return " ".join(line.strip() for line in self.lines)


@attrs.frozen
class Unparsed:
    """Text the grammar could not read, kept verbatim (recovery mode only).

    ``parse(text, recover=True)`` turns each stretch of lines that does not fit
    the grammar into one ``Unparsed`` item; ``Cable.diagnostics`` says where
    and why.  Strict :func:`cablegrammar.parse` never produces it.
    """

    #: The exact source text, line endings included.
    text: str
    #: How the node was written (its raw text); not part of ``==``.
    layout: Layout | None = _layout_field()


@attrs.frozen
class SyntaxDiagnostic:
    """Where and why recovery mode could not read (part of) the text.

    The fields mirror :class:`cablegrammar.CableSyntaxError`: a stable
    ``code``, the ``message``, the 1-based ``line`` and ``column`` and
    0-based ``offset`` in the text, ``expected`` (descriptions in words) and
    ``context`` (the source line, cut to about 100 characters, with a caret).
    """

    #: Stable error code (see docs/errors.md), e.g. ``CG100``.
    code: str
    #: What went wrong and what was expected, in words.
    message: str
    #: 1-based line of the problem.
    line: int
    #: 1-based column of the problem.
    column: int
    #: 0-based character offset of the problem.
    offset: int
    #: Human descriptions of what the grammar expected there.
    expected: frozenset[str] = frozenset()
    #: The source line (cut around the column) and a caret under the column.
    context: str = ""

    def __str__(self) -> str:
        return f"{self.code} at line {self.line}, column {self.column}: {self.message}"


# ---------------------------------------------------------------------------
# Export and release artifacts
# ---------------------------------------------------------------------------


@attrs.frozen
class InboxExport:
    """The header of a cable saved from a user's mailbox, before the cable.

    ``Diana T Fritz  03/21/2007 05:47:09 PM  From  DB/Inbox:  Search Results``,
    then ``Cable`` / ``Text:``.  Not part of the telegram.

    >>> InboxExport(user="Diana T Fritz", exported="03/21/2007 05:47:09 PM", folder="DB/Inbox: Search Results").user
    'Diana T Fritz'
    """

    #: The mailbox owner, e.g. ``Diana T Fritz``: as the grammar's header line has it, words of letters,
    #: ``.``, ``'`` and ``-``, the first capitalised, single spaces between them.
    user: str = attrs.field(validator=_checks.inbox_user)
    #: When the message was saved, as written, blanks squeezed: ``03/21/2007 05:47:09 PM``.
    exported: str = attrs.field(validator=_checks.inbox_exported)
    #: The folder after ``From``, spaces squeezed (one line, single spaces): ``DB/Inbox: Search Results``.
    folder: str = attrs.field(validator=_checks.inbox_folder)
    #: True when the export wrote a ``null`` line before the header.
    null_line: bool = False
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()


def _to_pairs(pairs: Iterable[Iterable[str]]) -> tuple[tuple[str, str], ...]:
    return tuple((label, value) for label, value in pairs)


#: Which field of each shape of :class:`ExportRecord` holds which value.  Labelled records come in two label
#: sets: ``ID ORIGIN DATE SOURCE ...`` (ORIGIN is the reference id) and ``id date refid origin ...`` (refid is the
#: reference id, origin the post): the second is recognised by its ``refid`` label, in any case.
_EXPORT_FIELDS = {
    "labelled": {"reference_id": "ORIGIN", "date": "DATE", "source": "SOURCE", "classification": "CLASSIFICATION"},
    "labelled-refid": {"reference_id": "REFID", "date": "DATE", "source": "ORIGIN",
                       "classification": "CLASSIFICATION"},
    "labelled-key": {"reference_id": "KEY", "date": "DATE", "source": "", "classification": "CLASS"},
    "columns": {"reference_id": "refid", "date": "date", "source": "origin", "classification": "classification"},
}


_ROW_REFID = re.compile(_checks.ROW_REFID)


def _row_columns(row: str) -> dict[str, str]:
    """The columns of a raw export row's first line around its reference id: date, refid, origin, classification."""
    first = row.split("\n", 1)[0]
    cells = [cell.strip().strip('"').strip() for cell in first.split("\t" if "\t" in first else ",")]
    index = next((i for i, cell in enumerate(cells) if _ROW_REFID.fullmatch(cell)), None)
    if index is None:
        return {}
    found = {"refid": cells[index].replace(" ", "")}
    if index >= 1:
        found["date"] = cells[index - 1]
    for name, offset in (("origin", 1), ("classification", 2), ("references", 3)):
        if index + offset < len(cells):
            found[name] = cells[index + offset]
    return found


@attrs.frozen
class ExportRecord:
    """A record of the Cablegate database export, between the envelope and the text.

    Four shapes (cable-format.md 3.3): ``labelled`` (``ID: 248711`` /
    ``ORIGIN: 10BERLIN180`` / ``DATE:`` / ``SOURCE:`` / ``CLASSIFICATION:`` /
    ``MISC:`` / ``DESTINATION:``, or in lower case ``id:`` / ``date:`` /
    ``refid:`` / ``origin:`` / ``classification:`` / ``destination:`` /
    ``header:``) and ``columns`` (a ``>`` line or the record's number, then
    the ``cables.csv`` columns one a line: date, refid, origin,
    classification, references, and the multi-line header column) and
    ``row`` (a raw row of the export where the text would be: the columns on
    one line separated by tabs or commas, then the header and the telegram
    as further columns over many lines, to the end of the file) and
    ``stamp`` (``ID:190812 Cable dated:2009-02-06T13:05:00`` before the
    text, which may follow on the same line).  Not part of the telegram.

    >>> record = ExportRecord(shape="labelled", fields=[("ID", "248711"), ("ORIGIN", "10BERLIN180")])
    >>> record.reference_id, record.get("ID"), record.classification
    ('10BERLIN180', '248711', None)
    >>> record = ExportRecord(shape="labelled", fields=[("id", "55772"), ("refid", "06BOGOTA2076"),
    ...                                                 ("origin", "Embassy Bogota")])
    >>> record.reference_id, record.source
    ('06BOGOTA2076', 'Embassy Bogota')
    """

    #: ``labelled``, ``columns``, ``row`` or ``stamp``.
    shape: Literal["labelled", "columns", "row", "stamp"] = attrs.field(validator=_checks.export_shape)
    #: ``(label, value)`` pairs in source order: the labels as written
    #: (``ID``, ``ORIGIN``, ``refid`` ...) or, for ``columns``, the ``cables.csv`` column
    #: names (``id`` when the record's number opens it, ``date``, ``refid``, ``origin``, ``classification``,
    #: ``references``, ``header``).  A value that runs over several lines
    #: (``DESTINATION``, ``header``) keeps them joined by ``\n``.
    #:
    #: A ``stamp`` is ``("dated", "2009-02-06T13:05:00")`` after an optional ``("id", "190812")``.
    #: A ``row`` record is one field, ``("row", text)``: the row as written (its first line holds, separated by
    #: tabs or commas, up to two columns, a reference id and further on a classification word).
    #:
    #: What the grammar carries: a labelled record starts with ``("ID", digits)`` (or ``"id"``), or with
    #: ``("title", line)`` followed by ``("Class", ...)`` (the release's page heading), its other
    #: labels are letters, digits and ``_`` (``ORIGIN DATE SOURCE CLASSIFICATION MISC DESTINATION``, the
    #: exports' own such as ``REFID``, and their lower-case forms), and a value's first line has no blanks
    #: around it; a columns record has the six columns in that order (``header`` may be ``""``), after an
    #: ``id`` column or not, each line as the grammar's line of that column.  A labelled field, or the header
    #: column, may run over several lines; those lines do not end with blanks, in a labelled record none
    #: starts with a field label (``REFID:``), and an empty one (a run of blank lines) stands only before a
    #: line of the envelope repeated in the header (``VZCZC...``, ``DE ...``, ``FM ...``, ``TAGS ...``) or the
    #: ``header ends`` line.
    fields: tuple[tuple[str, str], ...] = attrs.field(converter=_to_pairs, validator=_checks.export_fields)
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()

    def get(self, label: str) -> str | None:
        """The value of the first field with this label, or None."""
        return next((value for name, value in self.fields if name == label), None)

    def _named(self, what: str) -> str | None:
        if self.shape == "row":
            return _row_columns(self.fields[0][1] if self.fields else "").get(_EXPORT_FIELDS["columns"][what])
        if self.shape == "stamp":
            return self.get("dated") if what == "date" else None
        if self.shape == "columns":
            return self.get(_EXPORT_FIELDS["columns"][what])
        labels = {name.upper(): value for name, value in reversed(self.fields)}  # the first of a label wins
        kind = "labelled-refid" if "REFID" in labels else "labelled-key" if "KEY" in labels else "labelled"
        return labels.get(_EXPORT_FIELDS[kind][what])

    @property
    def reference_id(self) -> str | None:
        """The Cablegate reference id the record names (``ORIGIN`` / ``refid``)."""
        return self._named("reference_id")

    @property
    def date(self) -> str | None:
        """The record's date as written (``DATE`` / ``date``)."""
        return self._named("date")

    @property
    def source(self) -> str | None:
        """The originating post in words, e.g. ``Embassy Berlin`` (``SOURCE`` / ``origin``)."""
        return self._named("source")

    @property
    def classification(self) -> str | None:
        """The release classification, e.g. ``SECRET//NOFORN``."""
        return self._named("classification")


@attrs.frozen
class EditorialNote:
    """A media partner's note left in the file: ``NOTE - DO NOT PUBLISH - AWAITING LEGAL ...``."""

    #: The note after ``NOTE -``, e.g. ``DO NOT PUBLISH - AWAITING LEGAL ON MENTION OF PACHAURI``:
    #: one line that begins with the words ``DO NOT PUBLISH``, without trailing blanks.
    text: str = attrs.field(validator=_checks.editorial_note_text)
    #: How the node was written (its source text, see :class:`Layout`); not part of ``==``.
    layout: Layout | None = _layout_field()


#: What may stand between the envelope and the text.
ReleaseArtifact = ExportRecord | EditorialNote


TextItem = (
    ClassificationLine
    | RedactedLine
    | CaptionLine
    | EOLine
    | TagsLine
    | Subject
    | References
    | ClassifiedBy
    | Paragraph
    | PageBreak
    | PageBanner
    | RuleLine
    | DateLine
    | Signature
    | DeclassificationStamp
    | EndOfMessage
    | ClassificationFooter
    | TextBlock
    | Unparsed
)


@attrs.frozen
class CableLayout:
    """Document-level layout."""

    #: Blank lines before everything else.
    leading_blank_lines: str = ""
    #: False when the last line has no line ending.
    final_newline: bool = True
    #: The dominant line ending, used for canonical rendering.
    newline: str = "\n"
    #: True when the text starts with a byte order mark (U+FEFF), which
    #: rendering puts back.
    byte_order_mark: bool = False


#: The parts of a :class:`Cable` before its items, as its source text orders them (the transform, the
#: renderer and the validator's source map all follow this order).
HEAD_PARTS = ("leading_unparsed", "inbox_export", "preamble", "envelope", "preview", "release_artifact")


@attrs.frozen
class Cable:
    """A whole cable: optional preamble and envelope, then the text items.

    Export and release artifacts (a mailbox export header at the top, an
    export record or editorial note after the envelope) have fields of their
    own: :attr:`inbox_export`, :attr:`release_artifact`, :attr:`artifacts`.

    The accessors (``classification``, ``tags``, ``subject`` ...) read the
    first item of each kind; ``items`` has them all, in source order.
    """

    #: Text items in source order.
    items: tuple[TextItem, ...] = attrs.field(converter=_to_tuple)
    #: The transmission envelope, or None.
    envelope: Envelope | None = None
    #: A publisher's note before the cable, or None.
    preamble: Preamble | None = None
    #: The header of a mailbox export before everything else, or None.
    inbox_export: InboxExport | None = None
    #: An export record or editorial note between the envelope and the text (or where the envelope would be,
    #: as after a partial-record notice), or None.
    release_artifact: ReleaseArtifact | None = None
    #: Recovery mode only: lines that fit nowhere before the envelope (a stray ``null``, HTML, a mail
    #: header), kept so that the envelope after them is read; None otherwise.  Also in :attr:`unparsed`.
    leading_unparsed: Unparsed | None = None
    #: A cut-off preview of the text between the envelope and an export record, or None.
    preview: Preview | None = None
    #: Document-level layout (see :class:`CableLayout`); not part of ``==``.
    layout: CableLayout | None = _layout_field()
    #: Recovery mode only: what could not be read, and why (empty in strict mode).
    #: Not part of equality: two cables with the same items are equal.
    diagnostics: tuple[SyntaxDiagnostic, ...] = attrs.field(
        default=(), converter=_to_tuple, eq=False, repr=False, kw_only=True
    )

    def _first(self, kind: type[Any]) -> Any:
        return next((item for item in self.items if isinstance(item, kind)), None)

    # -- envelope -----------------------------------------------------------
    @property
    def transmission_id(self) -> str | None:
        """Format line 1, e.g. ``VZCZCXRO7895``."""
        return self.envelope.transmission_id if self.envelope else None

    @property
    def precedence(self) -> Precedence | None:
        """Action precedence from the date-time-group line, e.g. ``PRIORITY``."""
        if self.envelope and self.envelope.precedence_letters:
            return Precedence.from_letter(self.envelope.precedence_letters[0])
        return None

    @property
    def date(self) -> dt.datetime | None:
        """The message's own date and time, an aware UTC datetime; :attr:`date_source` says where it was read.

        Format line 5's date-time group; without an envelope, the media partner's date line, the archive
        date of a partial extract (``201247Z Jan 04``) or the export record's date.  Never a DTG of a REF
        line or of the text.
        """
        return self._dated()[0]

    @property
    def date_source(self) -> str | None:
        """Where :attr:`date` was read: ``date-time group``, ``date line``, ``archive date``, ``export record``."""
        return self._dated()[1]

    def _dated(self) -> tuple[dt.datetime | None, str | None]:
        if self.envelope and self.envelope.date_time_group:
            when = parse_date_time_group(self.envelope.date_time_group)
            if when is not None:
                return when, "date-time group"
        for item in self.items:
            if isinstance(item, DateLine) and (when := interpret.parse_written_date(item.text)):
                return when, "date line"
        for line in self.preamble.lines if self.preamble else ():
            if when := interpret.parse_written_date(line):
                return when, "archive date"
        record = self.release_artifact
        if isinstance(record, ExportRecord) and record.date and (when := interpret.parse_written_date(record.date)):
            return when, "export record"
        return None, None

    @property
    def sender(self) -> str | None:
        """The originator (FM line)."""
        return self.envelope.sender if self.envelope else None

    @property
    def to(self) -> tuple[Addressee, ...]:
        """Action addressees."""
        return self.envelope.to if self.envelope else ()

    @property
    def info(self) -> tuple[Addressee, ...]:
        """Information addressees."""
        return self.envelope.info if self.envelope else ()

    @property
    def distribution(self) -> DistributionList | None:
        """The office distribution list of a Department copy (``ACTION NEA-00`` / ``INFO LOG-00 ...``)."""
        return self.envelope.distribution if self.envelope else None

    @property
    def artifacts(self) -> tuple[InboxExport | Preamble | Preview | ExportRecord | EditorialNote, ...]:
        """The export and release artifacts in the file (no part of the telegram), in source order.

        A preamble is one unless it is the publisher's partial-record note (:attr:`Preamble.is_artifact`).
        """
        preamble = self.preamble if self.preamble is not None and self.preamble.is_artifact else None
        found = (self.inbox_export, preamble, self.preview, self.release_artifact)
        return tuple(node for node in found if node is not None)

    # -- text ---------------------------------------------------------------
    @property
    def classification_line(self) -> ClassificationLine | None:
        """The first classification line."""
        return self._first(ClassificationLine)  # type: ignore[no-any-return]

    @property
    def classification(self) -> str | None:
        """The overall classification word, e.g. ``CONFIDENTIAL``."""
        line = self.classification_line
        return line.classification if line else None

    @property
    def origin(self) -> str | None:
        """The originating post of the message reference number, e.g. ``BAKU``."""
        line = self.classification_line
        return line.origin if line else None

    @property
    def year(self) -> int | None:
        """The year of :attr:`date`."""
        when = self.date
        return when.year if when else None

    @property
    def cable_id(self) -> interpret.CableId | None:
        """The cable's canonical id, with where its year was read (:class:`cablegrammar.interpret.CableId`).

        The origin and serial come from the classification line's message reference number, the year from
        :attr:`date`, else from the archive footer (``2007BAKU...``); a file with neither takes the id of
        its export record.  Failing all, the year is inferred from an E.O. 12958 declassify-on date, ten
        years after the cable by default (``year_source`` is then ``declassification date``: check it
        when that matters).  None where no id can be read.
        """
        line = self.classification_line
        origin = interpret.canonical_origin(line.origin) if line is not None and line.serial.isdigit() else None
        if line is not None and origin and (year := self._written_year()) is not None:
            return interpret.CableId(year[0], origin, int(line.serial), year[1])
        record = self.release_artifact
        if isinstance(record, ExportRecord) and record.reference_id:
            found = interpret.parse_cable_id(record.reference_id)
            if found is not None:
                return attrs.evolve(found, year_source="export record")
        if line is not None and origin and self.eo is not None:
            inferred = interpret.year_from_declassification(self.eo.order, self.eo.declassify_on)
            if inferred is not None:
                return interpret.CableId(inferred, origin, int(line.serial), "declassification date")
        return None

    def _written_year(self) -> tuple[int, str] | None:
        when, source = self._dated()
        if when is not None and source is not None:
            return when.year, source
        for item in self.items:
            if isinstance(item, ClassificationFooter) and (year := interpret.footer_year(item.text)):
                return year, "footer"
        return None

    @property
    def reference_id(self) -> str | None:
        """The canonical Cablegate reference id, e.g. ``07BAKU864`` (the text of :attr:`cable_id`)."""
        found = self.cable_id
        return str(found) if found else None

    @property
    def markings(self) -> interpret.CableMarkings:
        """The handling of the whole cable: dissemination controls, distribution captions, SBU.

        Read from the classification line and the caption lines only (and the control and caption words a
        free line of the caption block opens with: ``NOFORN SIPDIS STATE FOR NEA/FO. STATE PLEASE PASS ...``);
        portion markings stay on their paragraphs.
        """
        texts: list[str] = []
        line = self.classification_line
        if line is not None:
            texts += [*line.caveats, line.tail]
        in_caption_block = True
        for item in self.items:
            if isinstance(item, CaptionLine):
                texts.append(item.text)
            elif isinstance(item, TextBlock) and in_caption_block and item.lines:
                texts.append(interpret.leading_markings(item.lines[0]))
            elif not isinstance(item, ClassificationLine | PageBreak | PageBanner):
                in_caption_block = False
        return interpret.cable_markings(texts)

    @property
    def caveats(self) -> tuple[str, ...]:
        """Dissemination controls of the whole cable: ``NOFORN``, ``ORCON``, ``NOCONTRACT``, ``PROPIN``, ``FGI``,
        ``FOUO``, ``REL TO ...`` (see :attr:`markings`)."""
        return self.markings.caveats

    @property
    def captions(self) -> tuple[str, ...]:
        """Distribution captions: ``SIPDIS``, ``NODIS``, ``EXDIS`` ..., ``STATE FOR NEA/ELA`` (see :attr:`markings`)."""
        return self.markings.captions

    @property
    def sensitive(self) -> bool:
        """True when the cable is marked SENSITIVE (BUT UNCLASSIFIED) or SBU (see :attr:`markings`)."""
        return self.markings.sensitive

    @property
    def eo(self) -> EOLine | None:
        """The first E.O. line."""
        return self._first(EOLine)  # type: ignore[no-any-return]

    @property
    def tags(self) -> tuple[str, ...]:
        """The TAGS of the first TAGS line (or of the E.O. line that carries them)."""
        for item in self.items:
            if isinstance(item, TagsLine):
                return item.tags
            if isinstance(item, EOLine) and item.tags:
                return item.tags
        return ()

    @property
    def normalized_tags(self) -> tuple[interpret.Tag, ...]:
        """:attr:`tags` as a table wants them, typed: upper case, glued tags split, a person tag as the person,
        each once (:func:`cablegrammar.interpret.normalize_tags`)."""
        return interpret.normalize_tags(self.tags)

    @property
    def subject(self) -> str | None:
        """The subject, continuation lines joined by single spaces."""
        item = self._first(Subject)
        return item.text if item else None

    @property
    def references(self) -> tuple[Reference, ...]:
        """The items of the first REF block, each with the cable's year to resolve ids written without one."""
        item = self._first(References)
        if item is None:
            return ()
        year = self._written_year()
        return tuple(attrs.evolve(ref, citing_year=year[0] if year else None) for ref in item.references)

    @property
    def classified_by(self) -> ClassifiedBy | None:
        """The first Classified By line."""
        return self._first(ClassifiedBy)  # type: ignore[no-any-return]

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The numbered paragraphs, in source order."""
        return tuple(item for item in self.items if isinstance(item, Paragraph))

    @property
    def page_breaks(self) -> tuple[PageBreak, ...]:
        """Every page-break line in source order: the page-break items and those inside paragraphs.

        A page break inside a paragraph is no item of its own (see
        :class:`PageTurn`): code that looks for page breaks reads them here.
        """
        return tuple(node for node in self._items_and_turns() if isinstance(node, PageBreak))

    @property
    def declassification_stamps(self) -> tuple[DeclassificationStamp, ...]:
        """Every declassification stamp in source order: the stamp items and those inside paragraphs."""
        return tuple(node for node in self._items_and_turns() if isinstance(node, DeclassificationStamp))

    def _items_and_turns(self) -> Iterator[Any]:
        """The items in source order, each paragraph followed by what its turns run on across."""
        for item in self.items:
            yield item
            if isinstance(item, Paragraph):
                yield from (turn.node for turn in item.turns)

    @property
    def unparsed(self) -> tuple[Unparsed, ...]:
        """The stretches recovery mode could not read, in source order (always empty in strict mode)."""
        leading = (self.leading_unparsed,) if self.leading_unparsed is not None else ()
        return leading + tuple(item for item in self.items if isinstance(item, Unparsed))

    @property
    def signature(self) -> str | None:
        """The signature, e.g. ``MCDONALD``."""
        item = self._first(Signature)
        return item.name if item else None

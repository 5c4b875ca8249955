"""Errors raised by cablegrammar, and the translation of Lark's exceptions.

Every error a user sees carries a stable code, a 1-based line and column,
what was expected in words, and the offending source line with a caret.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Lark is imported lazily, with the parser (see cablegrammar._parser).
    from lark.exceptions import UnexpectedInput

#: Human descriptions of the grammar's terminals, used in "expected ..." messages.
TERMINAL_DESCRIPTIONS: dict[str, str] = {
    "PARTIAL_RECORD_NOTICE_LINE": "a partial-record notice",
    "PRINT_HEADING_LINE": "the archive's print heading (TelegramRestricted by caption. UNCLASSIFIED ...)",
    "ARCHIVE_DATE_LINE": "an archive date line (291359Z Nov 00)",
    "MAIL_HEADER_FROM_LINE": "a mail client's From: line, before its Sent:, Date: or To: line",
    "MAIL_HEADER_LINE": "the rest of a mail client's header, up to a blank line",
    "BANNER_BEFORE_ENVELOPE_LINE": "a classification banner before the envelope (CONFIDENTIAL)",
    "STRAY_LINES_BEFORE_ENVELOPE": "lines of no known shape right before the envelope (markup, a label)",
    "SECTION_BLANK_LINES": "blank lines before the TO, INFO or XMT line",
    "INBOX_EXPORT_NULL_LINE": "a mailbox export's null line",
    "INBOX_EXPORT_HEADER_LINE": "a mailbox export header (Diana T Fritz  03/21/2007 05:47:09 PM  From ...)",
    "INBOX_EXPORT_HEADER_WRAP_LINE": "the rest of a mailbox export's folder name",
    "INBOX_EXPORT_CABLE_TEXT_LINES": "the mailbox export's Cable / Text: label",
    "PREVIEW_LINES": "a cut-off preview of the text before an export record",
    "ARCHIVE_HEADING": "a reference copy's banner and page header (PAGE 01 STATE 296107)",
    "CLEARANCE_LINE": "a line of clearing officers (L/M:KMALMBORG NEA:WHARRIS)",
    "DECLASSIFICATION_STAMP_LINE": "a declassification stamp (Declassified/Released US Department of State ...)",
    "EXPORT_RECORD_ID_LINE": "an export record's ID line (ID: 248711)",
    "EXPORT_RECORD_TITLE_LINE": "an export record's title line, before its Class: line",
    "EXPORT_RECORD_FIELD_LINE": "an export record field (ORIGIN: 10BERLIN180)",
    "EXPORT_RECORD_CONTINUATION_LINE": "the rest of an export record's header field",
    "EXPORT_RECORD_MARKER_LINE": "an export record's '>' line",
    "EXPORT_RECORD_NUMBER_LINE": "an export record's number before its date (104379)",
    "EXPORT_RECORD_COLUMN_GAP": "a blank line between an export record's columns",
    "EXPORT_RECORD_REFERENCES_GAP": "a blank line before an export record's references",
    "EXPORT_RECORD_INNER_BLANK_LINES": "blank lines inside an export record's header",
    "EXPORT_RECORD_DATE_LINE": "an export record's date (7/29/2009 14:42)",
    "EXPORT_RECORD_REFERENCE_ID_LINE": "an export record's reference id (09KHARTOUM881)",
    "EXPORT_RECORD_ORIGIN_LINE": "an export record's originating post (Embassy Khartoum)",
    "EXPORT_RECORD_CLASSIFICATION_LINE": "an export record's classification (SECRET//NOFORN)",
    "EXPORT_ROW_FIRST_LINE": "a raw export row (2006-11-27 15:48:00<TAB>06BERN2115<TAB>Embassy Bern<TAB>...)",
    "EXPORT_ROW_LINE": "the rest of a raw export row",
    "DISTRIBUTION_PRINT_CODE_LINE": "a code line above the distribution list (TED7110)",
    "RELEASE_STAMP": "the release's stamp (ID:190812 Cable dated:2009-02-06T13:05:00)",
    "GLUED_CLASSIFICATION_TAIL": "captions glued to the serial (000081SIPDIS)",
    "EXPORT_RECORD_REFERENCES_LINE": "an export record's references (09KHARTOUM378|09STATE1), or an empty line",
    "EDITORIAL_NOTE_LINE": "an editorial note (NOTE - DO NOT PUBLISH ...)",
    "TRANSMISSION_ID": "a transmission identification (VZCZCXRO7895)",
    "PRECEDENCE_PROSIGN": "a precedence prosign and routing indicators (PP RUEHDBU)",
    "DE_KW": "the DE line (DE RUEHKB #0864 1911131)",
    "STATION_SERIAL": "a station serial number (#0864)",
    "FILING_TIME": "a filing time (1911131)",
    "SECURITY_WARNING": "the security line (ZNY CCCCC ZZH)",
    "SECURITY_GROUP": "a security group (CCCCC)",
    "PRECEDENCE_LETTER": "the precedence and date-time group line (P 101131Z JUL 07)",
    "DATE_TIME_GROUP": "a date-time group (101131Z JUL 07)",
    "ROUTING_INDICATOR": "a routing indicator (RUEHKB)",
    "OPERATING_SIGNAL": "an operating signal (ZZH)",
    "SERVICE_NOTE": "a service note",
    "FM_KW": "the FM line (FM AMEMBASSY BAKU)",
    "TO_KW": "the TO line",
    "INFO_KW": "the INFO line",
    "XMT_KW": "the XMT line",
    "XMT_SEPARATOR": "a space or slash after XMT",
    "ADDRESS_ROUTING_INDICATOR": "an addressee's routing indicator (RUEHC/)",
    "SLASH": "'/'",
    "ADDRESSEE_NAME": "an addressee (SECSTATE WASHDC)",
    "PRECEDENCE_WORD": "a precedence word (PRIORITY)",
    "ADDRESSEE_SERIAL": "an addressee serial (3445)",
    # Whole-line terminals composed of the pieces above: described as the pieces that start them.
    "ROUTED_ADDRESS_LINE": "an addressee's routing indicator (RUEHC/)",
    "ADDRESS_LINE": "an addressee (SECSTATE WASHDC)",
    "DISTRIBUTION_ACTION_LINE": "an ACTION or ORIGIN distribution line",
    "DISTRIBUTION_INFO_LINE": "an INFO distribution line (INFO LOG-00 ...)",
    "DISTRIBUTION_CONTINUATION_LINE": "a distribution list line",
    "DISTRIBUTION_STAMP_LINE": "a distribution stamp line",
    "DRAFTING_SERIAL_LINE": "the serial of a drafting block (063860)",
    "DRAFTING_SOURCE_LINE": "a SOURCE: line of a drafting block",
    "DRAFTED_BY_LINE": "a DRAFTED BY: line",
    "APPROVED_BY_LINE": "an APPROVED BY: line",
    "CLASSIFICATION": "the classification line (CONFIDENTIAL BAKU 000864)",
    "CLASSIFICATION_CAVEAT": "a classification caveat (//NOFORN)",
    "SECTION_COUNTER": "a section counter (SECTION 01 OF 03)",
    "MRN_LINE_BREAK": "a line break before the message reference number (TRIPOLI 000133)",
    "MRN_ORIGIN": "the originating post (BAKU)",
    "MRN_SERIAL": "the message serial (000864)",
    "CLASSIFICATION_LINE_TAIL": "captions after the message number",
    "CAPTION_LINE": "a caption line (SIPDIS)",
    "REDACTED_LINE": "a redacted line (XXXXXXXXXXXX)",
    "EO_LABEL": "the E.O. line (E.O. 12958: DECL: 07/10/2017)",
    "RUN_ON_EO_LABEL": "the E.O. line run on after the classification line's captions",
    "EO_ORDER": "an executive order number (12958)",
    "EO_DECLASSIFICATION": "a declassification instruction (DECL: 07/10/2017)",
    "TAGS_KW": "the TAGS line",
    "TAGS_SEPARATOR": "a separator after TAGS",
    "TAG_LIST": "a list of tags",
    "TAGS_CONTINUATION_LINE": "a TAGS continuation line",
    "SUBJECT_KW": "the SUBJECT line",
    "SUBJECT_SEPARATOR": "a separator after SUBJECT",
    "SUBJECT_TEXT": "the subject text",
    "SUBJECT_WRAP_AFTER_BLANK": "a subject continuation line",
    "TEXT_BEFORE_FIELD": "a SUBJECT or REF text before a REF or Classified By label on the same line",
    "CAPTION_WORDS": "caption words (SIPDIS, NOFORN ...)",
    "TEXT_BEFORE_EO": "free text before an E.O. label on the same line",
    "RUN_ON_EO_AHEAD": "an E.O. label run on after other text",
    "EO_AHEAD": "an E.O. label",
    "ADDRESS_BLANK_LINES": "blank lines between two addressees",
    "PAGE_MARK": "a page mark (BAKU 00000864  002 OF 003)",
    "PAGE_MARK_BEFORE_FIELD": "a page mark before a REF or Classified By label on the same line",
    "RUN_ON_FIELD_LABEL": "a REF or Classified By label run on after other text",
    "FIELD_INDENT": "blanks or a portion marking before a SUBJECT, TAGS, REF or Classified By label",
    "REF_KW": "the REF line",
    "REF_SEPARATOR": "a separator after REF",
    "REF_TEXT": "a reference",
    "REF_ITEM_AFTER_BLANK": "a lettered reference",
    "CLASSIFIED_BY_KW": "the Classified By line",
    "CLASSIFIED_BY_SEPARATOR": "a separator after Classified By",
    "CLASSIFIED_BY_TEXT": "the classifying official and reasons",
    "TAG_LIST_BEFORE_SUBJECT": "the tags, before a SUBJECT label on the same line",
    "CLASSIFIED_BY_TEXT_BEFORE_PARAGRAPH": "the classifying official and reasons, before a paragraph on the same line",
    "REF_TEXT_BEFORE_PARAGRAPH": "the REF items, before a paragraph on the same line",
    "CLASSIFIED_BY_TEXT_BEFORE_MARKED_TEXT": "the classifying official and reasons, before marked text on the same "
    "line",
    "PARAGRAPH_NUMBER": "a numbered paragraph (1. (C) ...)",
    "PORTION_MARKING": "a portion marking ((C))",
    "PARAGRAPH_TEXT": "paragraph text",
    "PARAGRAPH_HEAD_LINE": "a numbered paragraph (1. (C) ...)",
    "PAGE_BREAK_LINE": "a page-break line",
    "PAGE_TURN": "a page break inside a paragraph",
    "STAMP_TURN": "a declassification stamp inside a paragraph",
    "OLD_PAGE_HEADER": "a page header (PAGE 02 ...)",
    "PAGE_HEADER_TAIL": "text after a page header",
    "PAGE_BANNER_LINE": "a classification banner line",
    "RULE_LINE": "a rule line (-----)",
    "DATE_LINE": "a date line (Thursday, 22 October 2009, 15:12)",
    "SIGNATURE_LINE": "the signature",
    "SIGNATURE_NAME": "the signer's name (CLINTON, LeBaron)",
    "SIGNATURE_TRAILER": "end markers, footers and trailers after the signature",
    "END_OF_MESSAGE_LINE": "the end-of-message marker (NNNN)",
    "CLASSIFICATION_FOOTER_LINE": "a classification footer",
    "TEXT_LINE": "a line of text",
    "NEWLINE": "the end of the line",
    "BLANK_LINES": "a blank line",
    "WS": "a space",
    "$END": "the end of the text",
    # Lark's name for the end when the lexer finds no terminal the parser could take (an item read alone).
    "<END-OF-FILE>": "the end of the text",
}

#: Every code of a file or syntax error: ``code -> (name, summary)``.  Validation
#: rules (``CG2xx`` and up) are listed in :data:`cablegrammar.validate.RULES`.
ERROR_CODES: dict[str, tuple[str, str]] = {
    "CG001": ("empty-text", "The text is empty or blank: there is no cable to read."),
    "CG002": ("unreadable-file", "The file could not be read (missing, a directory, no permission)."),
    "CG003": ("undecodable-bytes", "The bytes are neither UTF-8 nor Latin-1 text under the decoding policy."),
    "CG004": (
        "format-changes-meaning",
        "Canonical formatting would change the cable's meaning; the file is left as it is.",
    ),
    "CG005": ("internal-error", "cablegrammar itself failed on this input: a bug to report, with the file."),
    "CG006": (
        "unreadable-record",
        "A record of a release file is not in its format: a malformed cables.csv row, an HTML page without a "
        "<pre> block, a JSON line that is not an object with a text.",
    ),
    "CG100": ("line-does-not-fit", "A whole line is not allowed at this point of the cable."),
    "CG101": ("unexpected-characters", "Characters no terminal of the grammar accepts at this point of a line."),
    "CG102": ("early-end", "The text ends before the cable is complete."),
    "CG103": (
        "run-on-subject",
        "The classification line runs on into SUBJECT: the line breaks were lost (flattened text).",
    ),
    "CG104": (
        "line-breaks-assumed",
        "Recovery mode: the line breaks seem lost; a line break is assumed before a keyword (E.O., TAGS, SUBJECT...).",
    ),
    "CG190": (
        "too-many-problems",
        "Recovery mode: more problems than are listed; the last diagnostic counts the rest.",
    ),
}

#: A line ending as the grammar counts them (Lark counts "\n" only; str.splitlines counts more): the grammar's
#: LINE_END, written here so that ``import cablegrammar`` reads no grammar (tests/test_parser_tables.py checks
#: that the two split alike).
LINE_BREAK = re.compile(r"\r\n|\n|\r")
_CONTEXT_WIDTH = 100
# Labelled errors: (code, pattern at the error position, message).
_RUN_ON_SUBJECT = re.compile(r"[ \t]*SUBJ(?:ECT)?[ \t]*:")


class CableError(Exception):
    """Root of the errors raised by cablegrammar."""


class CableSyntaxError(CableError, ValueError):
    """The text is not a cable the grammar accepts.

    Attributes: ``message`` (without position), ``line`` and ``column``
    (1-based), ``offset`` (0-based), ``expected`` (human descriptions),
    ``code`` (stable error code), ``source_line`` and ``context`` (the line
    with a caret under the column).
    """

    def __init__(  # noqa: PLR0913
        self,
        message: str,
        *,
        line: int,
        column: int,
        offset: int,
        expected: frozenset[str] = frozenset(),
        code: str = "CG100",
        source_line: str = "",
    ) -> None:
        self.message = message
        self.line = line
        self.column = column
        self.offset = offset
        self.expected = expected
        self.code = code
        self.source_line = source_line
        super().__init__(str(self))

    def reading(self, start: str) -> CableSyntaxError:
        """The same error, its message naming the start symbol the text was read from (a fragment)."""
        return CableSyntaxError(
            f"{self.message} (reading the text as {start!r})", line=self.line, column=self.column,
            offset=self.offset, expected=self.expected, code=self.code, source_line=self.source_line,
        )

    @property
    def context(self) -> str:
        """The offending source line and a caret under the column.

        Long lines are cut to a window of about 100 characters around the column.
        """
        shown = self.source_line.expandtabs(1)
        caret = self.column - 1
        if len(shown) > _CONTEXT_WIDTH:
            start = max(0, caret - _CONTEXT_WIDTH // 2)
            end = start + _CONTEXT_WIDTH
            prefix = "..." if start else ""
            suffix = "..." if end < len(shown) else ""
            shown = prefix + shown[start:end] + suffix
            caret = caret - start + len(prefix)
        return f"{shown}\n{' ' * caret}^"

    def __str__(self) -> str:
        return f"{self.code} syntax error at line {self.line}, column {self.column}: {self.message}\n\n{self.context}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild_syntax_error,
            (self.message, self.line, self.column, self.offset, self.expected, self.code, self.source_line),
        )


def _rebuild_syntax_error(  # noqa: PLR0913
    message: str, line: int, column: int, offset: int, expected: frozenset[str], code: str, source_line: str
) -> CableSyntaxError:
    return CableSyntaxError(
        message, line=line, column=column, offset=offset, expected=expected, code=code, source_line=source_line
    )


class CableDecodeError(CableError, ValueError):
    """A file's bytes could not be decoded as text under the documented policy.

    ``offset`` is the 0-based byte offset of the first offending byte (None
    when no single byte is to blame, e.g. an unknown encoding name).
    """

    def __init__(self, message: str, offset: int | None = None) -> None:
        self.message = message
        self.offset = offset
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message, self.offset))


def position(text: str, offset: int) -> tuple[int, int, str]:
    """1-based line and column of ``offset``, and that line's text.

    ``\\r\\n``, ``\\n`` and a lone ``\\r`` all end a line.
    """
    line = 1
    line_start = 0
    for match in LINE_BREAK.finditer(text, 0, offset):
        line += 1
        line_start = match.end()
    end_match = LINE_BREAK.search(text, line_start)
    line_end = end_match.start() if end_match else len(text)
    return line, offset - line_start + 1, text[line_start:line_end]


#: Terminals that open an export or release artifact or a preamble other than the publisher's note, or stand for a
#: redacted first line (grammar/cable.lark): no cable needs one, so an error does not offer them as what was
#: expected, unless nothing else was.
ARTIFACT_OPENINGS = frozenset(
    {"INBOX_EXPORT_NULL_LINE", "INBOX_EXPORT_HEADER_LINE", "EXPORT_RECORD_ID_LINE", "EXPORT_RECORD_MARKER_LINE",
     "EXPORT_RECORD_NUMBER_LINE", "EXPORT_RECORD_TITLE_LINE", "EDITORIAL_NOTE_LINE", "REDACTED_LINE",
     "PRINT_HEADING_LINE", "MAIL_HEADER_FROM_LINE", "STRAY_LINES_BEFORE_ENVELOPE", "BANNER_BEFORE_ENVELOPE_LINE",
     "EXPORT_ROW_FIRST_LINE", "RELEASE_STAMP", "PREVIEW_LINES"}
)


def describe(names: set[str] | frozenset[str]) -> frozenset[str]:
    """Human descriptions of terminal names (unknown names are kept as they are)."""
    return frozenset(TERMINAL_DESCRIPTIONS.get(name, name) for name in names)


def empty_text_error() -> CableSyntaxError:
    """The error for an empty (or all-blank) input."""
    return CableSyntaxError(
        "the text is empty; expected a cable (an envelope or a classification line)",
        line=1,
        column=1,
        offset=0,
        expected=describe({"TRANSMISSION_ID", "PRECEDENCE_LETTER", "CLASSIFICATION"}),
        code="CG001",
    )


def from_lark_error(
    exc: UnexpectedInput, text: str, locate: Callable[[str, int], tuple[int, int, str]] = position
) -> CableSyntaxError:
    """Translate a Lark parse error on ``text`` into a :class:`CableSyntaxError`.

    ``locate`` turns an offset into (line, column, source line); recovery mode
    passes a faster one that knows the line starts.
    """
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken  # noqa: PLC0415

    if isinstance(exc, UnexpectedEOF):
        offset = len(text)
        names = {str(name) for name in exc.expected}
        code = "CG102"
        what = "the text ends too early"
    elif isinstance(exc, UnexpectedToken):
        start = exc.token.start_pos
        offset = start if isinstance(start, int) else len(text)
        names = {str(name) for name in exc.expected}
        if exc.token.type == "$END":
            code, what = "CG102", "the text ends too early"
        else:
            code, what = "CG100", "this line does not fit here"
    elif isinstance(exc, UnexpectedCharacters):
        offset = exc.pos_in_stream or 0
        names = {str(name) for name in exc.allowed or ()}
        code, what = "CG101", "unexpected text"
    else:  # pragma: no cover - Lark has no other kinds
        offset, names, code, what = 0, set(), "CG100", str(exc)
    # Prepared text may carry an added final newline: never point past the input.
    offset = min(offset, len(text))
    # After the captions the line may only end, or run on into the E.O. line (RUN_ON_EO_LABEL, after a blank):
    # the SUBJECT there means the line breaks were lost.  Point at the blanks before it, where the line should end.
    if names & {"NEWLINE", "RUN_ON_EO_LABEL"} and _RUN_ON_SUBJECT.match(text, offset):
        code, what = "CG103", "the classification line runs on into the SUBJECT: the line breaks are missing"
        while offset > 0 and text[offset - 1] in " \t":
            offset -= 1
        names = {"NEWLINE"}
    line, column, source_line = locate(text, offset)
    expected = describe(names - ARTIFACT_OPENINGS or names)
    wanted = ", ".join(sorted(expected)) if expected else "nothing more"
    return CableSyntaxError(
        f"{what}; expected {wanted}",
        line=line,
        column=column,
        offset=offset,
        expected=expected,
        code=code,
        source_line=source_line,
    )

"""A Pygments lexer for cables, built from the grammar's own terminals.

Every regular expression below is a terminal of ``grammar/cable.lark``, read
through :func:`cablegrammar._parser.terminal_regexps`; the lexer only
arranges them line by line the way the grammar's rules do (a DE line is
``DE_KW WS ROUTING_INDICATOR WS STATION_SERIAL ...``), so highlighting cannot
drift from what the parser accepts.  It is a highlighter, not a parser: it
works on fragments (an excerpt of a cable), never fails, and marks whatever
no keyword claims as plain text, as the grammar's ``TEXT_LINE`` does.

Pygments is optional: it is needed only to import this module.  The lexer is
registered as the Pygments entry point ``cable``
(``pygments.lexers.get_lexer_by_name("cable")``) when cablegrammar is
installed; :class:`LarkGrammarLexer`, for the grammar file itself, as ``lark``.

>>> from pygments.token import Keyword
>>> tokens = list(CableLexer().get_tokens("SUBJECT: A TEST\\n"))
>>> tokens[0] == (Keyword, "SUBJECT")
True
"""

from __future__ import annotations

from typing import Any, ClassVar

from pygments.lexer import RegexLexer, bygroups, default
from pygments.token import (
    Comment,
    Generic,
    Keyword,
    Literal,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
    Whitespace,
    _TokenType,
)

from cablegrammar._parser import terminal_regexps

__all__ = ["CableLexer"]

#: The Pygments token type of each terminal that the lexer highlights (every
#: terminal of the grammar but those of :data:`NOT_HIGHLIGHTED`; a test checks).
TOKEN_TYPES: dict[str, _TokenType] = {
    # Preamble and distribution list: notes around the telegram.
    "PARTIAL_RECORD_NOTICE_LINE": Comment,
    "PRINT_HEADING_LINE": Comment,
    "ARCHIVE_DATE_LINE": Comment,
    "MAIL_HEADER_FROM_LINE": Comment,
    "MAIL_HEADER_LINE": Comment,
    "BANNER_BEFORE_ENVELOPE_LINE": Comment,
    "STRAY_LINES_BEFORE_ENVELOPE": Comment,
    # Export and release artifacts: no part of the telegram.
    "INBOX_EXPORT_NULL_LINE": Comment,
    "INBOX_EXPORT_HEADER_LINE": Comment,
    "INBOX_EXPORT_HEADER_WRAP_LINE": Comment,
    "INBOX_EXPORT_CABLE_TEXT_LINES": Comment,
    "PREVIEW_LINES": Comment,
    "ARCHIVE_HEADING": Comment,
    "CLEARANCE_LINE": Comment,
    "DECLASSIFICATION_STAMP_LINE": Comment,
    "EXPORT_RECORD_ID_LINE": Comment,
    "EXPORT_RECORD_TITLE_LINE": Comment,
    "EXPORT_RECORD_FIELD_LINE": Comment,
    "EXPORT_RECORD_CONTINUATION_LINE": Comment,
    "EXPORT_RECORD_MARKER_LINE": Comment,
    "EXPORT_RECORD_NUMBER_LINE": Comment,
    "EXPORT_RECORD_INNER_BLANK_LINES": Whitespace,
    "EXPORT_RECORD_COLUMN_GAP": Whitespace,
    "EXPORT_RECORD_REFERENCES_GAP": Whitespace,
    "EXPORT_RECORD_DATE_LINE": Comment,
    "EXPORT_RECORD_REFERENCE_ID_LINE": Comment,
    "EXPORT_RECORD_ORIGIN_LINE": Comment,
    "EXPORT_RECORD_CLASSIFICATION_LINE": Comment,
    "EXPORT_RECORD_REFERENCES_LINE": Comment,
    "EXPORT_ROW_FIRST_LINE": Comment,
    "EXPORT_ROW_LINE": Comment,
    "RELEASE_STAMP": Comment,
    "EDITORIAL_NOTE_LINE": Comment,
    "DISTRIBUTION_PRINT_CODE_LINE": Comment.Special,
    "DISTRIBUTION_ACTION_LINE": Comment.Special,
    "DISTRIBUTION_INFO_LINE": Comment.Special,
    "DISTRIBUTION_CONTINUATION_LINE": Comment.Special,
    "DRAFTING_SERIAL_LINE": Comment.Special,
    "DRAFTING_SOURCE_LINE": Comment.Special,
    "DRAFTED_BY_LINE": Comment.Special,
    "APPROVED_BY_LINE": Comment.Special,
    "DISTRIBUTION_STAMP_LINE": Comment.Special,
    # Envelope.
    "TRANSMISSION_ID": Keyword.Declaration,
    "PRECEDENCE_PROSIGN": Keyword,
    "DE_KW": Keyword,
    "STATION_SERIAL": Number,
    "FILING_TIME": Number,
    "SECURITY_WARNING": Keyword,
    "SECURITY_GROUP": Keyword.Reserved,
    "PRECEDENCE_LETTER": Keyword,
    "DATE_TIME_GROUP": Literal.Date,
    "ROUTING_INDICATOR": Name.Constant,
    "OPERATING_SIGNAL": Name.Builtin,
    "SERVICE_NOTE": Comment,
    "FM_KW": Keyword,
    "TO_KW": Keyword,
    "INFO_KW": Keyword,
    "XMT_KW": Keyword,
    "XMT_SEPARATOR": Punctuation,
    "ADDRESS_ROUTING_INDICATOR": Name.Constant,
    "SLASH": Punctuation,
    "ADDRESSEE_NAME": Name.Class,
    "PRECEDENCE_WORD": Name.Builtin,
    "ADDRESSEE_SERIAL": Number,
    # Classification line and captions.
    "CLASSIFICATION": Keyword.Reserved,
    "CLASSIFICATION_CAVEAT": Keyword.Reserved,
    "SECTION_COUNTER": Comment.Preproc,
    "MRN_ORIGIN": Name.Class,
    "MRN_SERIAL": Number,
    "CLASSIFICATION_LINE_TAIL": Keyword.Pseudo,
    "GLUED_CLASSIFICATION_TAIL": Keyword.Pseudo,
    "CAPTION_LINE": Keyword.Pseudo,
    "REDACTED_LINE": Generic.Deleted,
    # Labelled lines.
    "EO_LABEL": Keyword,
    "RUN_ON_EO_LABEL": Keyword,
    "EO_ORDER": Number,
    "EO_DECLASSIFICATION": String,
    "TAGS_KW": Keyword,
    "TAGS_SEPARATOR": Punctuation,
    "TAG_LIST": Name.Tag,
    "TAGS_CONTINUATION_LINE": Name.Tag,
    "SUBJECT_KW": Keyword,
    "SUBJECT_SEPARATOR": Punctuation,
    "SUBJECT_TEXT": Generic.Heading,
    "SUBJECT_WRAP_AFTER_BLANK": Generic.Heading,
    "REF_KW": Keyword,
    "REF_SEPARATOR": Punctuation,
    "REF_TEXT": String,
    "REF_ITEM_AFTER_BLANK": String,
    "CLASSIFIED_BY_KW": Keyword,
    "CLASSIFIED_BY_SEPARATOR": Punctuation,
    "CLASSIFIED_BY_TEXT": String,
    # Body.
    "PARAGRAPH_NUMBER": Number,
    "PORTION_MARKING": Keyword.Reserved,
    "PARAGRAPH_TEXT": Text,
    "PAGE_BREAK_LINE": Comment.Preproc,
    "PAGE_TURN": Comment.Preproc,
    "STAMP_TURN": Comment,
    "OLD_PAGE_HEADER": Comment.Preproc,
    "PAGE_HEADER_TAIL": Comment.Preproc,
    "PAGE_BANNER_LINE": Keyword.Reserved,
    "RULE_LINE": Comment,
    "DATE_LINE": Literal.Date,
    "SIGNATURE_LINE": Name.Function,
    "END_OF_MESSAGE_LINE": Keyword.Declaration,
    "CLASSIFICATION_FOOTER_LINE": Comment,
    "TEXT_LINE": Text,
    # Layout.
    "NEWLINE": Whitespace,
    "BLANK_LINES": Whitespace,
    "WS": Whitespace,
}

#: The terminals the lexer gives no token type of their own, and why: the
#: whole-line terminals composed of smaller terminals are highlighted piece
#: by piece (their pieces are in :data:`TOKEN_TYPES`), and the pieces of a
#: page turn are highlighted with the turn.
NOT_HIGHLIGHTED: dict[str, str] = {
    "ROUTED_ADDRESS_LINE": "by its pieces ADDRESS_ROUTING_INDICATOR, SLASH, ADDRESSEE_NAME, PRECEDENCE_WORD, "
    "ADDRESSEE_SERIAL",
    "ADDRESS_LINE": "by its pieces ADDRESSEE_NAME, PRECEDENCE_WORD, ADDRESSEE_SERIAL",
    "_ADDRESS_REST": "by its pieces ADDRESSEE_NAME, PRECEDENCE_WORD, ADDRESSEE_SERIAL",
    "PARAGRAPH_HEAD_LINE": "by its pieces PARAGRAPH_NUMBER, PORTION_MARKING, PARAGRAPH_TEXT",
    "TURN_BLANK_LINE": "as part of its PAGE_TURN or STAMP_TURN",
    "LINE_END": "a piece of every line terminal",
    "CONTINUATION_AHEAD": "a lookahead of PAGE_TURN and STAMP_TURN: it matches no character",
    "TEXT_BEFORE_FIELD": "the highlighter reads a line at a time: a REF or Classified By label run on after the "
    "SUBJECT or REF text is shown as part of that text",
    "SIGNATURE_NAME": "a piece of SIGNATURE_LINE, which is highlighted whole",
    "SIGNATURE_TRAILER": "a lookahead of SIGNATURE_LINE: it matches no character",
    "QUOTED_FOOTER": "a piece of SIGNATURE_TRAILER, a lookahead",
    "DECLASSIFICATION_STAMP": "a piece of DECLASSIFICATION_STAMP_LINE and SIGNATURE_TRAILER",
    "PAGE_MARK_POST": "a piece of PAGE_MARK, which is highlighted whole",
    "PAGE_MARK_NUMBER": "a piece of PAGE_MARK, which is highlighted whole",
    "PAGE_MARK_SERIAL": "a piece of PAGE_MARK_NUMBER, which is highlighted with PAGE_MARK",
    "PAGE_MARK_PAGE": "a piece of PAGE_MARK_NUMBER, which is highlighted with PAGE_MARK",
    "PAGE_MARK_TOTAL": "a piece of PAGE_MARK_NUMBER, which is highlighted with PAGE_MARK",
    "OLD_PAGE_NUMBER": "a piece of OLD_PAGE_HEADER, which is highlighted whole",
    "OLD_PAGE_ORIGIN": "a piece of OLD_PAGE_HEADER, which is highlighted whole",
    "OLD_PAGE_SERIAL": "a piece of OLD_PAGE_HEADER, which is highlighted whole",
    "OLD_PAGE_SECTION": "a piece of OLD_PAGE_HEADER, which is highlighted whole",
    "OLD_PAGE_TIME": "a piece of OLD_PAGE_HEADER, which is highlighted whole",
    "RELEASE_LISTING_ROW": "a piece of SIGNATURE_TRAILER, a lookahead",
    "CAPTION_WORDS": "a piece of CAPTION_LINE",
    "EXPORT_ROW_FIRST": "a piece of EXPORT_ROW_FIRST_LINE, which is highlighted whole",
    "EXPORT_ROW_REFID": "a piece of EXPORT_ROW_FIRST",
    "PRECEDENCE_SIGN": "a piece of PRECEDENCE_PROSIGN and PRECEDENCE_LETTER",
    "DISTRIBUTION_CAPTION_WORD": "a piece of CAPTION_WORDS",
    "CONTROL_CAPTION_WORD": "a piece of CAPTION_WORDS",
    "SENSITIVITY_CAPTION_WORD": "a piece of CAPTION_WORDS",
    "MRN_LINE_BREAK": "the highlighter reads a line at a time: a message reference number on a line of its own "
    "below the classification line is shown as text",
    "TEXT_BEFORE_EO": "the highlighter reads a line at a time: free text with an E.O. line run on after it is shown "
    "as free text",
    "RUN_ON_EO_AHEAD": "a lookahead of CAPTION_LINE and TEXT_BEFORE_EO: it matches no character",
    "EO_LABEL_WITH_ORDER": "a piece of RUN_ON_EO_AHEAD, a lookahead",
    "EO_AHEAD": "a lookahead of FIELD_INDENT: it matches no character",
    "ADDRESS_BLANK_LINES": "blank lines, shown as white space like BLANK_LINES",
    "SECTION_BLANK_LINES": "blank lines, shown as white space like BLANK_LINES",
    "PAGE_MARK": "a piece of PAGE_BREAK_LINE and PAGE_MARK_BEFORE_FIELD",
    "PAGE_MARK_BEFORE_FIELD": "the highlighter reads a line at a time: a page mark with a field run on after it is "
    "shown as free text",
    "RUN_ON_FIELD_LABEL": "a lookahead of TEXT_BEFORE_FIELD and of the lines after blank lines: it matches no "
    "character",
    "FIELD_INDENT": "blanks, shown as the white space before the SUBJECT, TAGS, REF or Classified By keyword",
    "CLASSIFIED_BY_TEXT_BEFORE_PARAGRAPH": "the highlighter reads a line at a time: a paragraph run on after the "
    "reasons is shown as part of the Classified By text",
    "CLASSIFICATION_WORD": "a piece of CLASSIFICATION",
    "BANNER_CLASSIFICATION": "a piece of BANNER_BEFORE_ENVELOPE_LINE and EXPORT_RECORD_CLASSIFICATION_LINE",
    "EO_WORD": "a piece of EO_LABEL and the E.O. lookaheads",
    "TAG_LIST_BEFORE_SUBJECT": "the highlighter reads a line at a time: a SUBJECT run on after the tags is shown as "
    "part of the tag list",
    "ENVELOPE_AHEAD": "a lookahead of STRAY_LINES_BEFORE_ENVELOPE and BANNER_BEFORE_ENVELOPE_LINE: it matches no "
    "character",
    "RUN_ON_PARAGRAPH_HEAD": "a lookahead of CLASSIFIED_BY_TEXT_BEFORE_PARAGRAPH: it matches no character",
    "CLASSIFIED_BY_TEXT_BEFORE_MARKED_TEXT": "the highlighter reads a line at a time: text run on after the "
    "reasons is shown as part of the Classified By text",
    "REF_TEXT_BEFORE_PARAGRAPH": "the highlighter reads a line at a time: a paragraph run on after the REF items "
    "is shown as part of the REF text",
    "RUN_ON_MARKED_TEXT": "a lookahead of CLASSIFIED_BY_TEXT_BEFORE_MARKED_TEXT: it matches no character",
}


def _seq(*names: str) -> tuple[str, Any]:
    """A lexer rule matching the terminals ``names`` one after the other (a name in
    brackets, ``"[WS]"``, is optional), each token typed by :data:`TOKEN_TYPES`."""
    regexps = terminal_regexps()
    parts = []
    types = []
    for name in names:
        bare = name.strip("[]")
        pattern = f"({regexps[bare]})"
        parts.append(f"{pattern}?" if name.startswith("[") else pattern)
        types.append(TOKEN_TYPES[bare])
    return "".join(parts), bygroups(*types)


def _line(name: str) -> tuple[str, _TokenType]:
    """A lexer rule matching one whole-line terminal."""
    return terminal_regexps()[name], TOKEN_TYPES[name]


def _rest_of_line(token: _TokenType) -> list[Any]:
    """States that end at the line's NEWLINE and give anything unexpected ``token``."""
    regexps = terminal_regexps()
    return [
        (regexps["NEWLINE"], Whitespace, "#pop"),
        (regexps["WS"], Whitespace),
        (r"[^ \t\r\n]+", token),
    ]


def _states() -> dict[str, list[Any]]:
    """The lexer's states, from the grammar's terminals."""
    regexps = terminal_regexps()

    # Lines that can stand anywhere in the text, most specific first (the
    # grammar's terminal priorities: keyword lines 4-5, then 3, then text).
    text_lines: list[Any] = [
        (*_seq("PARAGRAPH_NUMBER", "[WS]", "[PORTION_MARKING]"), "rest-text"),
        (*_seq("SUBJECT_KW", "[SUBJECT_SEPARATOR]"), "subject"),
        (*_seq("REF_KW", "[REF_SEPARATOR]"), "ref"),
        (*_seq("CLASSIFIED_BY_KW", "[CLASSIFIED_BY_SEPARATOR]"), "classified-by"),
        (*_seq("TAGS_KW", "[TAGS_SEPARATOR]"), "tags"),
        (*_seq("EO_LABEL", "[WS]", "EO_ORDER"), "eo"),
        (*_seq("CLASSIFICATION", "[CLASSIFICATION_CAVEAT]", "WS"), "classification"),
        (*_seq("OLD_PAGE_HEADER"), "rest-comment"),
        _line("PAGE_TURN"),
        _line("PAGE_BREAK_LINE"),
        _line("DATE_LINE"),
        _line("END_OF_MESSAGE_LINE"),
        _line("CLASSIFICATION_FOOTER_LINE"),
        _line("CAPTION_LINE"),
        _line("PAGE_BANNER_LINE"),
        _line("RULE_LINE"),
        _line("STAMP_TURN"),
        _line("DECLASSIFICATION_STAMP_LINE"),
        _line("SIGNATURE_LINE"),
        _line("BLANK_LINES"),
        _line("TEXT_LINE"),
    ]
    # The envelope, before the text: a line of it is recognised by its first
    # terminals, as the contextual lexer does after the previous line.
    envelope_lines: list[Any] = [
        _line("PARTIAL_RECORD_NOTICE_LINE"),
        _line("PRINT_HEADING_LINE"),
        _line("ARCHIVE_DATE_LINE"),
        (*_line("MAIL_HEADER_FROM_LINE"), "mail-header"),
        _line("INBOX_EXPORT_NULL_LINE"),
        (*_line("INBOX_EXPORT_HEADER_LINE"), "inbox-export-wrap"),
        _line("INBOX_EXPORT_CABLE_TEXT_LINES"),
        _line("PREVIEW_LINES"),
        (*_line("EXPORT_RECORD_ID_LINE"), "export-record-rest"),
        (*_line("EXPORT_RECORD_TITLE_LINE"), "export-record-rest"),
        *(
            (
                *_line(opening),
                # The column record's fields, one a line, in this order (the last pushed is the first).
                (
                    "export-record-rest",
                    "export-record-references",
                    "export-record-classification",
                    "export-record-origin",
                    "export-record-reference-id",
                    "export-record-date",
                ),
            )
            for opening in ("EXPORT_RECORD_MARKER_LINE", "EXPORT_RECORD_NUMBER_LINE")
        ),
        # A raw export row runs to the end of the text.
        (*_line("EXPORT_ROW_FIRST_LINE"), "export-row"),
        # The release's stamp; the text may follow on its line.
        _line("RELEASE_STAMP"),
        _line("EDITORIAL_NOTE_LINE"),
        _line("ARCHIVE_HEADING"),
        _line("DISTRIBUTION_PRINT_CODE_LINE"),
        _line("DISTRIBUTION_ACTION_LINE"),
        _line("DISTRIBUTION_INFO_LINE"),
        _line("DISTRIBUTION_CONTINUATION_LINE"),
        _line("DRAFTING_SERIAL_LINE"),
        _line("DRAFTING_SOURCE_LINE"),
        _line("DRAFTED_BY_LINE"),
        _line("APPROVED_BY_LINE"),
        _line("CLEARANCE_LINE"),
        _line("DISTRIBUTION_STAMP_LINE"),
        # A text opening: the classification line, redacted whole.
        (*_line("REDACTED_LINE"), "text"),
        (*_seq("TRANSMISSION_ID"), "rest-comment"),
        (*_seq("PRECEDENCE_PROSIGN", "WS", "ROUTING_INDICATOR"), "routing"),
        (*_seq("DE_KW", "WS", "ROUTING_INDICATOR", "WS", "STATION_SERIAL"), "signals"),
        (*_seq("SECURITY_WARNING", "WS", "SECURITY_GROUP"), "signals"),
        (*_seq("PRECEDENCE_LETTER", "WS", "[PRECEDENCE_LETTER]", "[WS]", "DATE_TIME_GROUP"), "signals"),
        (*_seq("FM_KW", "WS"), ("addresses", "address")),
        (*_seq("TO_KW", "WS"), ("addresses", "address")),
        (*_seq("INFO_KW", "WS"), ("addresses", "address")),
        (*_seq("XMT_KW", "XMT_SEPARATOR"), ("addresses", "address")),
        (f"(?={regexps['ADDRESS_ROUTING_INDICATOR']}{regexps['SLASH']})", Text, ("addresses", "address")),
        # Lines before the envelope: last, as their lower priority has them in the grammar.
        _line("BANNER_BEFORE_ENVELOPE_LINE"),
        _line("STRAY_LINES_BEFORE_ENVELOPE"),
    ]
    # In the envelope, a text line switches to the text: push "text" under
    # the line's own state.
    to_text: list[Any] = []
    for rule in text_lines:
        if rule[0] == regexps["BLANK_LINES"]:
            to_text.append(rule)
        elif len(rule) == 3:
            to_text.append((rule[0], rule[1], ("text", rule[2])))
        else:
            to_text.append((rule[0], rule[1], "text"))
    keyword_line = "|".join(
        regexps[name]
        for name in ("SUBJECT_KW", "REF_KW", "CLASSIFIED_BY_KW", "EO_LABEL", "PARAGRAPH_NUMBER", "PAGE_BREAK_LINE",
                     "CAPTION_LINE", "PAGE_BANNER_LINE", "RULE_LINE", "END_OF_MESSAGE_LINE")
    )
    routing_indicators = f"{regexps['ROUTING_INDICATOR']}(?:{regexps['WS']}{regexps['ROUTING_INDICATOR']})*"
    text_opening = "|".join(
        regexps[name] for name in ("CLASSIFICATION", "CAPTION_LINE", "PAGE_BANNER_LINE", "DATE_LINE", "PAGE_BREAK_LINE",
                                   "OLD_PAGE_HEADER")
    )
    return {
        "root": [*envelope_lines, *to_text],
        "text": text_lines,
        "routing": [
            (regexps["ROUTING_INDICATOR"], TOKEN_TYPES["ROUTING_INDICATOR"]),
            (regexps["NEWLINE"], Whitespace, ("#pop", "routing-continued")),
            *_rest_of_line(Name.Constant),
        ],
        # A wrapped routing line: routing indicators only.
        "routing-continued": [
            (f"(?={routing_indicators}{regexps['NEWLINE']})", Text, "routing"),
            default("#pop"),
        ],
        "signals": [
            (regexps["FILING_TIME"], TOKEN_TYPES["FILING_TIME"]),
            (regexps["OPERATING_SIGNAL"], TOKEN_TYPES["OPERATING_SIGNAL"]),
            *_rest_of_line(TOKEN_TYPES["SERVICE_NOTE"]),
        ],
        # The address block (FL6-FL9): TO / INFO / XMT and addressee lines,
        # until a blank line or the classification line.
        "addresses": [
            (*_seq("TO_KW", "WS"), "address"),
            (*_seq("INFO_KW", "WS"), "address"),
            (*_seq("XMT_KW", "XMT_SEPARATOR"), "address"),
            (f"(?={regexps['CLASSIFICATION']})", Text, "#pop"),
            (*_seq("OLD_PAGE_HEADER"), "rest-comment"),
            (r"(?=[A-Z0-9(])", Text, "address"),
            default("#pop"),
        ],
        "address": [
            (regexps["NEWLINE"], Whitespace, "#pop"),
            _seq("ADDRESS_ROUTING_INDICATOR", "SLASH"),
            _seq("ADDRESSEE_NAME", "[WS]", "[PRECEDENCE_WORD]", "[WS]", "[ADDRESSEE_SERIAL]"),
            (r"[^\r\n]+", Text),
        ],
        "classification": [
            (regexps["SECTION_COUNTER"], TOKEN_TYPES["SECTION_COUNTER"]),
            (*_seq("MRN_ORIGIN", "WS", "MRN_SERIAL"), ("#pop", "rest-caption")),
            *_rest_of_line(Text),
        ],
        # Captions after the message number, and the E.O. line run on after them.
        "rest-caption": [
            (*_seq("[WS]", "RUN_ON_EO_LABEL", "[WS]", "EO_ORDER"), ("#pop", "eo")),
            (regexps["GLUED_CLASSIFICATION_TAIL"], TOKEN_TYPES["GLUED_CLASSIFICATION_TAIL"]),
            (regexps["CLASSIFICATION_LINE_TAIL"], TOKEN_TYPES["CLASSIFICATION_LINE_TAIL"]),
            *_rest_of_line(TOKEN_TYPES["CLASSIFICATION_LINE_TAIL"]),
        ],
        "eo": [
            (regexps["EO_DECLASSIFICATION"], TOKEN_TYPES["EO_DECLASSIFICATION"]),
            (*_seq("[WS]", "TAGS_KW", "[TAGS_SEPARATOR]"), ("#pop", "tags")),
            *_rest_of_line(Text),
        ],
        "tags": [
            (regexps["TAG_LIST"], TOKEN_TYPES["TAG_LIST"]),
            (regexps["NEWLINE"], Whitespace, ("#pop", "tags-continued")),
            *_rest_of_line(Text),
        ],
        # Wrapped TAGS lines, unless a keyword line (priority 3 and up in the grammar) claims the line.
        "tags-continued": [
            (f"(?={keyword_line})", Text, "#pop"),
            _line("TAGS_CONTINUATION_LINE"),
            default("#pop"),
        ],
        "subject": [
            (regexps["SUBJECT_TEXT"], TOKEN_TYPES["SUBJECT_TEXT"]),
            (regexps["NEWLINE"], Whitespace, ("#pop", "subject-continued")),
            *_rest_of_line(Text),
        ],
        "subject-continued": [_line("SUBJECT_WRAP_AFTER_BLANK"), default("#pop")],
        "ref": [
            (regexps["REF_TEXT"], TOKEN_TYPES["REF_TEXT"]),
            (regexps["NEWLINE"], Whitespace, ("#pop", "ref-continued")),
            *_rest_of_line(Text),
        ],
        "ref-continued": [_line("REF_ITEM_AFTER_BLANK"), default("#pop")],
        # A mail client's header runs to a blank line; the message's banner may follow it.
        "mail-header": [
            _line("MAIL_HEADER_LINE"),
            (*_line("BLANK_LINES"), ("#pop", "mail-banner")),
            default("#pop"),
        ],
        "mail-banner": [_line("BANNER_BEFORE_ENVELOPE_LINE"), default("#pop")],
        # Export artifacts: the rest of a wrapped mailbox folder, and an export record's fields.
        "inbox-export-wrap": [
            (f"(?={regexps['INBOX_EXPORT_CABLE_TEXT_LINES']})", Text, "#pop"),
            (*_line("INBOX_EXPORT_HEADER_WRAP_LINE"), "#pop"),
            default("#pop"),
        ],
        **{
            # A blank line may stand before a column (the spaced columns shape): it keeps the state.
            f"export-record-{state}": [*([_line(gap)] if gap else []),
                                       (*_line(f"EXPORT_RECORD_{state.upper().replace('-', '_')}_LINE"), "#pop"),
                                       default("#pop")]
            for state, gap in (("date", None), ("reference-id", "EXPORT_RECORD_COLUMN_GAP"),
                               ("origin", "EXPORT_RECORD_COLUMN_GAP"), ("classification", "EXPORT_RECORD_COLUMN_GAP"),
                               ("references", "EXPORT_RECORD_REFERENCES_GAP"))
        },
        # The record runs to a blank line before no header line, or to a line the text opens with.
        "export-record-rest": [
            _line("EXPORT_RECORD_INNER_BLANK_LINES"),
            (regexps["BLANK_LINES"], Whitespace, "#pop"),
            (f"(?={text_opening})", Text, "#pop"),
            _line("EXPORT_RECORD_FIELD_LINE"),
            _line("EXPORT_RECORD_CONTINUATION_LINE"),
            default("#pop"),
        ],
        "export-row": [_line("EXPORT_ROW_LINE")],
        "classified-by": [
            (regexps["CLASSIFIED_BY_TEXT"], TOKEN_TYPES["CLASSIFIED_BY_TEXT"]),
            *_rest_of_line(Text),
        ],
        "rest-text": [(regexps["PARAGRAPH_TEXT"], TOKEN_TYPES["PARAGRAPH_TEXT"]), *_rest_of_line(Text)],
        "rest-comment": _rest_of_line(Comment.Preproc),
    }


class CableLexer(RegexLexer):
    """Highlights US diplomatic cables (State Department telegrams)."""

    name = "Cable"
    aliases: ClassVar[list[str]] = ["cable", "cablegate"]
    filenames: ClassVar[list[str]] = ["*.cable"]
    mimetypes: ClassVar[list[str]] = ["text/x-cable"]
    tokens: ClassVar[dict[str, list[Any]]] = _states()


class LarkGrammarLexer(RegexLexer):
    """Highlights Lark grammars such as ``grammar/cable.lark``: comments, rules, terminals with their
    priorities, regular expressions, strings, aliases and operators (the documentation's grammar pages).

    >>> from pygments.token import Comment, Name, String
    >>> tokens = [t for t in LarkGrammarLexer().get_tokens('DE_KW.5: "DE"  // the DE line\\n') if t[1].strip()]
    >>> tokens[0] == (Name.Constant, "DE_KW"), tokens[-1] == (Comment.Single, "// the DE line")
    (True, True)
    """

    name = "Lark grammar"
    aliases: ClassVar[list[str]] = ["lark"]
    filenames: ClassVar[list[str]] = ["*.lark"]
    tokens: ClassVar[dict[str, list[Any]]] = {
        "root": [
            (r"\s+", Whitespace),
            (r"//[^\n]*", Comment.Single),
            (r"%(?:declare|import|ignore|override|extend)\b", Keyword),
            (r"/(?:\\.|[^/\\\n])+/[imslux]*", String.Regex),
            (r'"(?:\\.|[^"\\\n])*"i?', String),
            (r"->", Operator),
            (r"([A-Z_][A-Z0-9_]*)(\.)(-?[0-9]+)", bygroups(Name.Constant, Punctuation, Number.Integer)),
            (r"[A-Z_][A-Z0-9_]*", Name.Constant),
            (r"[?!]?_?[a-z][a-z0-9_]*", Name.Function),
            (r"[0-9]+", Number.Integer),
            (r"\.\.|[:|?*+~()\[\],.]", Operator),
        ],
    }

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
installed.

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
    Punctuation,
    String,
    Text,
    Whitespace,
    _TokenType,
)

from cablegrammar._parser import terminal_regexps

__all__ = ["CableLexer"]

#: The Pygments token type of each terminal that the lexer uses.
TOKEN_TYPES: dict[str, _TokenType] = {
    # Preamble and distribution list: notes around the telegram.
    "PARTIAL_RECORD_NOTICE_LINE": Comment,
    "ARCHIVE_DATE_LINE": Comment,
    # Export and release artifacts: no part of the telegram.
    "INBOX_EXPORT_HEADER_LINE": Comment,
    "INBOX_EXPORT_CABLE_TEXT_LINES": Comment,
    "EXPORT_RECORD_ID_LINE": Comment,
    "EXPORT_RECORD_FIELD_LINE": Comment,
    "EDITORIAL_NOTE_LINE": Comment,
    "DISTRIBUTION_ACTION_LINE": Comment.Special,
    "DISTRIBUTION_INFO_LINE": Comment.Special,
    "DISTRIBUTION_CONTINUATION_LINE": Comment.Special,
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
    "CAPTION_LINE": Keyword.Pseudo,
    # Labelled lines.
    "EO_LABEL": Keyword,
    "EO_ORDER": Number,
    "EO_DECLASSIFICATION": String,
    "TAGS_KW": Keyword,
    "TAGS_SEPARATOR": Punctuation,
    "TAG_LIST": Name.Tag,
    "SUBJECT_KW": Keyword,
    "SUBJECT_SEPARATOR": Punctuation,
    "SUBJECT_TEXT": Generic.Heading,
    "REF_KW": Keyword,
    "REF_SEPARATOR": Punctuation,
    "REF_TEXT": String,
    "CLASSIFIED_BY_KW": Keyword,
    "CLASSIFIED_BY_SEPARATOR": Punctuation,
    "CLASSIFIED_BY_TEXT": String,
    # Body.
    "PARAGRAPH_NUMBER": Number,
    "PORTION_MARKING": Keyword.Reserved,
    "PARAGRAPH_TEXT": Text,
    "PAGE_BREAK_LINE": Comment.Preproc,
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
        _line("PAGE_BREAK_LINE"),
        _line("DATE_LINE"),
        _line("END_OF_MESSAGE_LINE"),
        _line("CLASSIFICATION_FOOTER_LINE"),
        _line("CAPTION_LINE"),
        _line("PAGE_BANNER_LINE"),
        _line("RULE_LINE"),
        _line("SIGNATURE_LINE"),
        _line("BLANK_LINES"),
        _line("TEXT_LINE"),
    ]
    # The envelope, before the text: a line of it is recognised by its first
    # terminals, as the contextual lexer does after the previous line.
    envelope_lines: list[Any] = [
        _line("PARTIAL_RECORD_NOTICE_LINE"),
        _line("ARCHIVE_DATE_LINE"),
        _line("INBOX_EXPORT_HEADER_LINE"),
        _line("INBOX_EXPORT_CABLE_TEXT_LINES"),
        _line("EXPORT_RECORD_ID_LINE"),
        _line("EXPORT_RECORD_FIELD_LINE"),
        _line("EDITORIAL_NOTE_LINE"),
        _line("DISTRIBUTION_ACTION_LINE"),
        _line("DISTRIBUTION_INFO_LINE"),
        _line("DISTRIBUTION_STAMP_LINE"),
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
    return {
        "root": [*envelope_lines, *to_text],
        "text": text_lines,
        "routing": [
            (regexps["ROUTING_INDICATOR"], TOKEN_TYPES["ROUTING_INDICATOR"]),
            *_rest_of_line(Name.Constant),
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
        "rest-caption": _rest_of_line(TOKEN_TYPES["CLASSIFICATION_LINE_TAIL"]),
        "eo": [
            (regexps["EO_DECLASSIFICATION"], TOKEN_TYPES["EO_DECLASSIFICATION"]),
            (*_seq("WS", "TAGS_KW", "[TAGS_SEPARATOR]"), ("#pop", "tags")),
            *_rest_of_line(Text),
        ],
        "tags": [(regexps["TAG_LIST"], TOKEN_TYPES["TAG_LIST"]), *_rest_of_line(Text)],
        "subject": [(regexps["SUBJECT_TEXT"], TOKEN_TYPES["SUBJECT_TEXT"]), *_rest_of_line(Text)],
        "ref": [(regexps["REF_TEXT"], TOKEN_TYPES["REF_TEXT"]), *_rest_of_line(Text)],
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


"""Validators of the model's hand-buildable values (attrs validators used by :mod:`cablegrammar.model`).

A model object must render to text that parses back to the same object.  The
checks here refuse, at construction, the values that the grammar
(``grammar/cable.lark``) cannot carry, with a message that says what is
allowed.  Each check accepts everything the transform builds from a parse
(``tests/test_corpus.py`` runs them over the corpus); the patterns are the
grammar's terminals (:mod:`cablegrammar._shapes`) where the grammar has the
shape as a terminal of its own, and repeat the part of a terminal they check
where it has not.

This module imports nothing from Lark.
"""

from __future__ import annotations

import re
from typing import Any

from cablegrammar import _shapes

#: attrs passes the instance, the attribute (with ``.name``) and the value to a validator.
_Attribute = Any

_OFFICE = re.compile(r"[A-Z]+")
_STAMP_NUMBER = re.compile(r"[0-9A-F]{6}")
_STAMP_TIME = re.compile(r"[0-9]{6}Z")
_STAMP_CODE = re.compile(r"[0-9]{2}")
_TOTAL = re.compile(r"[0-9]{3}[A-Z]")
_DRAFTING_SERIAL = re.compile(r"[0-9]{6}")
#: INBOX_EXPORT_HEADER_LINE's user name, and its time stamp with the blanks squeezed (as the transform keeps it).
_INBOX_USER = re.compile(r"[A-Z][A-Za-z.'-]*(?: [A-Za-z.'-]+)*")
_INBOX_EXPORTED = re.compile(r"[0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{1,2}:[0-9]{2}:[0-9]{2} [AP]M")
#: EDITORIAL_NOTE_LINE after ``NOTE -`` (the transform drops the trailing blanks).
_EDITORIAL_NOTE = re.compile(r"DO NOT PUBLISH\b[^\r\n]*(?<![ \t])")
#: REDACTED_LINE without its trailing blanks.
_REDACTED = re.compile(r"X{6,}")

#: A label of a labelled export record (EXPORT_RECORD_FIELD_LINE, before its colon): ORIGIN, DATE, REFID, id ...
_EXPORT_LABEL = re.compile(r"[A-Za-z][A-Za-z0-9_]*[A-Za-z0-9]")
_FIELD_LINE = re.compile(rf"{_EXPORT_LABEL.pattern}:")
#: What may follow a blank line inside a record (EXPORT_RECORD_INNER_BLANK_LINES' lookahead): a line of the
#: envelope repeated in the header, a TAGS line or the "header ends" line.  A value's lines have lost their
#: trailing blanks, so a keyword the grammar saw before a blank may end the line here ("INFO ").
_AFTER_INNER_BLANK = re.compile(
    r"VZCZC|[ZOPRY]{2}[ \t]+[A-Z]{4}|DE[ \t]+[A-Z]{4}|ZN[RY](?:[ \t]|$)|[ZOPRY](?:[ \t]+[ZOPRY])?[ \t]+[0-9]{6}Z"
    r"|FM(?:[ \t]|$)|TO(?:[ \t]|$)|INFO(?:[ \t]|$)|XMT(?:[ \t\/]|$)|TAGS|-+[ \t]*header ends"
)
#: A reference id in a raw export row's columns, spaced in some rows (10 BUENOSAIRES 91): the grammar's.
ROW_REFID = _shapes.regexp("EXPORT_ROW_REFID")
#: A raw export row's first line without its line ending: the grammar's EXPORT_ROW_FIRST.
EXPORT_ROW_FIRST = re.compile(_shapes.regexp("EXPORT_ROW_FIRST"))
_REFID = r"[0-9]{2}[A-Z][A-Za-z0-9_-]*"
#: The column names of a columns export record and what each line holds (EXPORT_RECORD_*_LINE, blanks trimmed);
#: an ``id`` column (EXPORT_RECORD_NUMBER_LINE) may stand first, where the ``>`` line is otherwise.
EXPORT_COLUMNS: dict[str, tuple[re.Pattern[str], str]] = {
    "date": (
        re.compile(r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}[ \t]+[0-9]{1,2}:[0-9]{2}"
                   r"|[0-9]{4}-[0-9]{2}-[0-9]{2}[ \t]+[0-9]{2}:[0-9]{2}(?::[0-9]{2})?"),
        "M/D/YYYY H:MM or YYYY-MM-DD HH:MM:SS",
    ),
    "refid": (re.compile(_REFID), "a reference id such as 09KHARTOUM881"),
    "origin": (re.compile(r"[^\r\n]*[^ \t\r\n]"), "a line with a visible character"),
    "classification": (
        re.compile(_shapes.regexp("BANNER_CLASSIFICATION")),
        "a classification word with //CAVEATS (SECRET//NOFORN)",
    ),
    "references": (re.compile(rf"(?:{_REFID}(?:\|{_REFID})*)?"), "reference ids joined by '|', or empty"),
}


def _show(value: object) -> str:
    return repr(value)


def _pattern(pattern: re.Pattern[str], allowed: str) -> Any:
    """A validator: the value is a str that matches ``pattern`` whole (None passes: the field's type says so)."""

    def check(instance: object, attribute: _Attribute, value: object) -> None:
        if value is None:
            return
        if not isinstance(value, str):
            raise TypeError(f"{type(instance).__name__}.{attribute.name} must be a str ({allowed}), "
                            f"not {type(value).__name__}")
        if pattern.fullmatch(value) is None:
            raise ValueError(f"{type(instance).__name__}.{attribute.name} must be {allowed}, not {_show(value)}")

    return check


office_code = _pattern(_OFFICE, "an office code of upper-case letters (LOG, NEA)")
stamp_number = _pattern(_STAMP_NUMBER, "six upper-case hexadecimal digits (50B38D)")
stamp_time = _pattern(_STAMP_TIME, "a day and time DDHHMMZ (091507Z)")
stamp_code = _pattern(_STAMP_CODE, "two digits (38)")
distribution_total = _pattern(_TOTAL, "three digits and a letter (000W; '/037 W' is layout)")
drafting_serial = _pattern(_DRAFTING_SERIAL, "six digits (063860) or None")
inbox_user = _pattern(_INBOX_USER, "a name of letters, '.', \"'\" and '-' words, the first capitalised, "
                                   "single spaces between (Diana T Fritz)")
inbox_exported = _pattern(_INBOX_EXPORTED, "MM/DD/YYYY H:MM:SS AM or PM, single spaces (03/21/2007 05:47:09 PM)")
editorial_note_text = _pattern(_EDITORIAL_NOTE, "a line that begins 'DO NOT PUBLISH' (a whole word), "
                                                "without trailing blanks")
redacted_text = _pattern(_REDACTED, "six or more 'X' and nothing else (XXXXXXXXXXXX)")


def inbox_folder(instance: object, attribute: _Attribute, value: Any) -> None:
    """The folder is one line of words with single spaces between them (as the transform squeezes it)."""
    if not isinstance(value, str):
        raise TypeError(f"InboxExport.folder must be a str, not {type(value).__name__}")
    if value != " ".join(value.split()):
        raise ValueError(f"InboxExport.folder must be one line, single spaces between words and none around "
                         f"them (DB/Inbox: Search Results), not {_show(value)}")


def copies(instance: object, attribute: _Attribute, value: Any) -> None:
    """A copy count is an int from 0 to 99 (written with two digits)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{type(instance).__name__}.{attribute.name} must be an int from 0 to 99, "
                        f"not {type(value).__name__}")
    if not 0 <= value <= 99:
        raise ValueError(f"{type(instance).__name__}.{attribute.name} must be from 0 to 99 (two digits), not {value}")


def office_notes(instance: object, attribute: _Attribute, value: tuple[object, ...]) -> None:
    """Each note is an office code in upper-case letters (``TEDE`` for ``(TEDE)``)."""
    for note in value:
        office_code(instance, attribute, note)


def single_line(instance: object, attribute: _Attribute, value: Any) -> None:
    """A non-empty str on one line without blanks around it (None passes: the field's type says so)."""
    if value is None:
        return
    if not isinstance(value, str):
        raise TypeError(f"{type(instance).__name__}.{attribute.name} must be a str, not {type(value).__name__}")
    # Blanks are the grammar's: spaces and tabs (a no-break space is text).
    if not value or value != value.strip(" \t") or "\r" in value or "\n" in value:
        raise ValueError(f"{type(instance).__name__}.{attribute.name} must be non-empty text on one line "
                         f"without blanks around it, not {_show(value)}")


_PRINT_CODE = re.compile(r"[A-Z]{2,4}[0-9]{3,5}")


def heading_serial(instance: Any, attribute: _Attribute, value: str) -> None:
    """A page header's serial: five or six digits (``06677``, ``296107``)."""
    if not isinstance(value, str) or not value.isascii() or not value.isdigit() or len(value) not in (5, 6):
        raise ValueError(f"ArchiveHeading.serial must be five or six digits, not {_show(value)}")


def clearances(instance: Any, attribute: _Attribute, value: tuple[object, ...]) -> None:
    """CLEARANCE_LINE's entries: ``OFFICE:NAME``, no blanks (``L/M:KMALMBORG``)."""
    for entry in value:
        if not isinstance(entry, str) or _CLEARANCE.fullmatch(entry) is None:
            raise ValueError(f"Drafting.clearances must be OFFICE:NAME entries (L/M:KMALMBORG), not {_show(entry)}")


#: A clearance entry, as CLEARANCE_LINE writes one.
_CLEARANCE = re.compile(r"[A-Z][A-Z0-9/&-]*:[A-Z][A-Z0-9.'-]*")


def print_code(instance: Any, attribute: _Attribute, value: object) -> None:
    """DISTRIBUTION_PRINT_CODE_LINE without its blanks and line ending: ``TED7110``."""
    if value is not None and (not isinstance(value, str) or _PRINT_CODE.fullmatch(value) is None):
        raise ValueError(f"DistributionList.print_code must be two to four letters and three to five digits "
                         f"(TED7110), or None, not {_show(value)}")


def action_keyword(instance: Any, attribute: _Attribute, value: object) -> None:
    """``ACTION`` or ``ORIGIN`` exactly when the list has ACTION offices; None when it has none."""
    if instance.action:
        if value not in ("ACTION", "ORIGIN"):
            raise ValueError(f"DistributionList.action_keyword must be 'ACTION' or 'ORIGIN' when action names "
                             f"offices, not {_show(value)}")
    elif value is not None:
        raise ValueError(f"DistributionList.action_keyword must be None when action is empty (the list has no "
                         f"ACTION/ORIGIN line), not {_show(value)}")


def info_offices(instance: Any, attribute: _Attribute, value: tuple[object, ...]) -> None:
    """The INFO line names at least one office or note."""
    if not value and not instance.notes:
        raise ValueError("DistributionList needs at least one INFO office or note (the INFO line names one)")


def envelope_distribution(instance: Any, attribute: _Attribute, value: object) -> None:
    """Only an envelope of family ``distribution`` has a distribution list."""
    if value is not None and instance.family != "distribution":
        raise ValueError(f"Envelope.distribution must be None unless family is 'distribution' "
                         f"(family is {_show(instance.family)})")


def preamble_kind(instance: object, attribute: _Attribute, value: Any) -> None:
    """``partial_record``, ``print_heading``, ``mail_header`` or ``stray_lines``."""
    if value not in ("partial_record", "print_heading", "mail_header", "stray_lines"):
        raise ValueError(f"Preamble.kind must be 'partial_record', 'print_heading', 'mail_header' or "
                         f"'stray_lines', not {_show(value)}")


def export_shape(instance: object, attribute: _Attribute, value: Any) -> None:
    """``labelled``, ``columns``, ``row`` or ``stamp``."""
    if value not in ("labelled", "columns", "row", "stamp"):
        raise ValueError(f"ExportRecord.shape must be 'labelled', 'columns', 'row' or 'stamp', not {_show(value)}")


def _record_error(message: str) -> ValueError:
    return ValueError(f"ExportRecord.fields: {message}")


def _continuation_lines(label: str, lines: list[str], labelled: bool, following: str | None) -> None:
    """The lines after a value's first: each a visible line without trailing blanks, or an empty line (one for
    a run of blank lines) before a line of the envelope repeated in the header; ``following`` is the line the
    record has after the value (None when the record ends with it)."""
    for index, line in enumerate(lines):
        if not line.strip(" \t"):
            after = lines[index + 1] if index + 1 < len(lines) else following
            if line or after is None or _AFTER_INNER_BLANK.match(after) is None:
                raise _record_error(
                    f"the value of {label!r} has a blank line before {after!r}: inside a record, a blank line is "
                    f"an empty line before a line of the envelope repeated in the header (VZCZC..., DE ..., FM ..., "
                    f"TO ..., TAGS ...) or the 'header ends' line; elsewhere it ends the record"
                )
            continue
        if line != line.rstrip(" \t"):
            raise _record_error(f"the lines of {label!r} must not end with blanks, not {line!r}")
        if labelled and _FIELD_LINE.match(line):
            raise _record_error(f"a line of {label!r} starts with a field label ({line!r}): it would read as "
                                f"a field of its own")


def export_fields(instance: Any, attribute: _Attribute, value: tuple[tuple[str, str], ...]) -> None:
    """What the grammar's export-record section accepts (see :class:`cablegrammar.model.ExportRecord`)."""
    for label, text in value:
        if not isinstance(label, str) or not isinstance(text, str):
            raise TypeError("ExportRecord.fields must hold (label, value) pairs of str")
        if "\r" in text:
            raise _record_error(f"the value of {label!r} has a '\\r': lines are joined by '\\n'")
    if instance.shape == "labelled":
        _labelled(value)
    elif instance.shape == "columns":
        _columns(value)
    elif instance.shape == "row":
        _row(value)
    elif instance.shape == "stamp":
        _stamp(value)


def _labelled(value: tuple[tuple[str, str], ...]) -> None:
    titled = bool(value) and value[0][0] == "title"
    if not value or (value[0][0] not in ("ID", "id") and not titled):
        raise _record_error("a labelled record starts with its ID field, e.g. ('ID', '248711') or ('id', '55772'), "
                            "or with a title before its Class field")
    if titled and (len(value) < 2 or value[1][0] != "Class"):
        raise _record_error("a title is followed by the record's Class field, e.g. ('Class', 'SECRET')")
    for index, (label, text) in enumerate(value):
        first, *more = text.split("\n")
        following = f"{value[index + 1][0]}: {value[index + 1][1]}" if index + 1 < len(value) else None
        if index == 0 and titled:
            if not first or more or first != first.strip():
                raise _record_error(f"the title is one line without blanks around it, not {text!r}")
            continue
        if index == 0:
            if not first.isascii() or not first.isdigit():
                raise _record_error(f"the ID is digits, not {first!r}")
        elif _EXPORT_LABEL.fullmatch(label) is None:
            raise _record_error(f"a label after ID is letters, digits and '_' (ORIGIN, REFID, refid), "
                                f"not {label!r}")
        if first != first.strip():
            raise _record_error(f"the first line of {label!r} must not have blanks around it, not {first!r}")
        _continuation_lines(label, more, labelled=True, following=following)


def _row(value: tuple[tuple[str, str], ...]) -> None:
    if len(value) != 1 or value[0][0] != "row":
        raise _record_error("a row record is one ('row', text) field: the row as written, lines joined by '\\n'")
    first = value[0][1].split("\n")[0]
    if EXPORT_ROW_FIRST.fullmatch(first) is None:
        raise _record_error(f"a row opens with its columns (date, reference id, origin, classification ...) "
                            f"separated by tabs or commas, not {first!r}")


_STAMP_DATED = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2})?")


def _stamp(value: tuple[tuple[str, str], ...]) -> None:
    names = tuple(label for label, _ in value)
    if names not in (("dated",), ("id", "dated")):
        raise _record_error(f"a stamp is ('dated', ...) after an optional ('id', ...), not {names!r}")
    fields = dict(value)
    if "id" in fields and not (fields["id"].isascii() and fields["id"].isdigit()):
        raise _record_error(f"the stamp's id is digits, not {fields['id']!r}")
    if _STAMP_DATED.fullmatch(fields["dated"]) is None:
        raise _record_error(f"the stamp's date is YYYY-MM-DDTHH:MM[:SS], not {fields['dated']!r}")


def _columns(value: tuple[tuple[str, str], ...]) -> None:
    names = tuple(label for label, _ in value)
    expected = (*EXPORT_COLUMNS, "header")
    # Only the header column may run over several lines: the column patterns below take none.
    if names not in (expected, ("id", *expected)):
        raise _record_error(f"a columns record has the fields {', '.join(expected)} in this order, the first "
                            f"one 'id' or not (the header may be ''), not {', '.join(names) or 'none'}")
    if names[0] == "id":
        if not value[0][1].isascii() or not value[0][1].isdigit():
            raise _record_error(f"the 'id' column is digits, not {value[0][1]!r}")
        value = value[1:]
    for label, text in value[:-1]:
        pattern, allowed = EXPORT_COLUMNS[label]
        if pattern.fullmatch(text) is None or text != text.rstrip(" \t"):
            raise _record_error(f"the {label!r} column must be {allowed}, without trailing blanks, not {text!r}")
    header = value[-1][1]
    if header:
        _continuation_lines("header", header.split("\n"), labelled=False, following=None)


def page_turns(instance: Any, attribute: _Attribute, value: tuple[Any, ...]) -> None:
    """Offsets in order, each at the start of a word after a single space (or 0: no text before the turn).

    For the page turns and the stamp turns alike.
    """
    text = instance.text
    previous = 0
    for turn in value:
        offset = turn.offset
        kind = type(turn).__name__
        if not isinstance(offset, int) or isinstance(offset, bool):
            raise TypeError(f"{kind}.offset must be an int, not {type(offset).__name__}")
        if offset < previous:
            raise ValueError(f"Paragraph.{attribute.name} must be in text order (offsets {previous} then {offset})")
        previous = offset
        if offset == 0 and (not text or not text[0].isspace()):
            continue
        if not (
            1 < offset < len(text)
            and text[offset - 1] == " "
            and not text[offset].isspace()
            and not text[offset - 2].isspace()
        ):
            raise ValueError(
                f"{kind}.offset {offset} must be 0 (no text before the turn) or fall inside the text "
                f"(len {len(text)}) at the start of a word after a single space (text[offset - 1] == ' '), "
                f"so that the pages read back the same"
            )

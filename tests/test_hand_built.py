"""Hand-built models: values the grammar cannot carry are refused at construction, with what is allowed.

Every accepted edge renders to text that parses back to the same model.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from cablegrammar import parse, render
from cablegrammar.model import (
    Cable,
    ClassificationLine,
    DeclassificationStamp,
    DistributionList,
    DistributionStamp,
    Drafting,
    EditorialNote,
    Envelope,
    ExportRecord,
    InboxExport,
    OfficeCopies,
    PageBreak,
    PageTurn,
    Paragraph,
    Preamble,
    RedactedLine,
    StampTurn,
)
from cablegrammar.render import canonical_text

ENVELOPE = Envelope(family="short", precedence_letters=["P"], date_time_group="101131Z JUL 07",
                    sender="AMEMBASSY BAKU")
LINE = ClassificationLine(classification="CONFIDENTIAL", origin="BAKU", serial="000864")
PAGE = PageBreak("BAKU 00000864  002 OF 003")
RECORD = ExportRecord(shape="labelled", fields=[("ID", "1"), ("ORIGIN", "07BAKU864")])
COLUMNS = [("date", "7/29/2009 14:42"), ("refid", "09KHARTOUM881"), ("origin", "Embassy Khartoum"),
           ("classification", "CONFIDENTIAL"), ("references", ""), ("header", "")]
INFO = [OfficeCopies("LOG")]


def reads_back(cable: Cable) -> None:
    """The cable's canonical text parses back to the same cable."""
    assert parse(canonical_text(cable)) == cable


def with_envelope(**changes: Any) -> Cable:
    return Cable(items=[LINE], envelope=ENVELOPE, **changes)


def with_distribution(dist: DistributionList) -> Cable:
    return Cable(items=[LINE], envelope=attrs.evolve(ENVELOPE, family="distribution", distribution=dist))


# -- 1. release artifacts stand after the envelope, or where it would be ----------------------------------------


def test_a_release_artifact_reads_back_with_and_without_an_envelope() -> None:
    reads_back(with_envelope(release_artifact=RECORD))
    reads_back(with_envelope(release_artifact=EditorialNote("DO NOT PUBLISH")))
    reads_back(Cable(items=[LINE], release_artifact=RECORD))
    notice = Preamble(lines=["This record is a partial extract of the original cable."])
    reads_back(Cable(items=[LINE], preamble=notice, release_artifact=RECORD))


ROW = ExportRecord(shape="row", fields=[("row", "2006-11-27 15:48:00\t06BERN2115\tEmbassy Bern\tCONFIDENTIAL\t\t"
                                                "VZCZCXRO9268\\\nOO RUEHBC\\\n\nCONEWAY \\")])


def test_a_raw_export_row_holds_the_rest_of_the_text() -> None:
    reads_back(Cable(items=[], envelope=ENVELOPE, release_artifact=ROW))
    reads_back(Cable(items=[], release_artifact=ROW))
    assert (ROW.reference_id, ROW.date, ROW.source, ROW.classification) == (
        "06BERN2115", "2006-11-27 15:48:00", "Embassy Bern", "CONFIDENTIAL"
    )


def test_a_release_stamp_reads_back() -> None:
    stamp = ExportRecord(shape="stamp", fields=[("id", "190812"), ("dated", "2009-02-06T13:05:00")])
    reads_back(with_envelope(release_artifact=stamp))
    undated = ExportRecord(shape="stamp", fields=[("dated", "2006-11-16T12:00")])
    reads_back(Cable(items=[LINE], release_artifact=undated))
    assert stamp.date == "2009-02-06T13:05:00" and stamp.reference_id is None


@pytest.mark.parametrize(("fields", "allowed"), [
    ([("dated", "2009-02-06")], "YYYY-MM-DDTHH:MM"),
    ([("id", "x1"), ("dated", "2009-02-06T13:05")], "id is digits"),
    ([("dated", "2009-02-06T13:05"), ("id", "1")], "optional \\('id'"),
])
def test_a_stamp_is_checked(fields: list[tuple[str, str]], allowed: str) -> None:
    with pytest.raises(ValueError, match=allowed):
        ExportRecord(shape="stamp", fields=fields)


@pytest.mark.parametrize(("fields", "allowed"), [
    ([("row", "2006-11-27 15:48:00 06BERN2115 Embassy Bern CONFIDENTIAL")], "separated by tabs or commas"),
    ([("row", "2006-11-27\t06BERN2115\tEmbassy Bern")], "separated by tabs or commas"),
    ([("ID", "1")], "one \\('row', text\\) field"),
    ([("row", "a"), ("row", "b")], "one \\('row', text\\) field"),
])
def test_a_row_record_is_checked(fields: list[tuple[str, str]], allowed: str) -> None:
    with pytest.raises(ValueError, match=allowed):
        ExportRecord(shape="row", fields=fields)


def test_a_distribution_list_with_its_print_code_reads_back() -> None:
    reads_back(with_distribution(DistributionList(info=INFO, print_code="TED7110")))
    with pytest.raises(ValueError, match="TED7110"):
        DistributionList(info=INFO, print_code="TED 7110")


# -- 2. only the distribution family has a distribution list ---------------------------------------------------


@pytest.mark.parametrize("family", ["short", "acp127"])
def test_a_distribution_list_on_another_family_is_refused(family: str) -> None:
    with pytest.raises(ValueError, match="unless family is 'distribution'"):
        attrs.evolve(ENVELOPE, family=family, distribution=DistributionList(info=INFO))


def test_a_distribution_family_list_reads_back() -> None:
    reads_back(with_distribution(DistributionList(info=INFO)))


# -- 3. distribution lists ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("keyword", "action", "allowed"), [
    (None, [OfficeCopies("NEA")], "'ACTION' or 'ORIGIN' when action names offices"),
    ("INFO", [OfficeCopies("NEA")], "'ACTION' or 'ORIGIN' when action names offices"),
    ("ACTION", [], "None when action is empty"),
    ("ORIGIN", [], "None when action is empty"),
])
def test_the_action_keyword_goes_with_the_action_offices(
    keyword: str | None, action: list[OfficeCopies], allowed: str
) -> None:
    with pytest.raises(ValueError, match=allowed):
        DistributionList(action_keyword=keyword, action=action, info=INFO)


@pytest.mark.parametrize("keyword", ["ACTION", "ORIGIN"])
def test_an_action_line_reads_back(keyword: str) -> None:
    reads_back(with_distribution(DistributionList(action_keyword=keyword, action=[OfficeCopies("NEA", 1)],
                                                  info=INFO)))


def test_a_list_without_info_offices_or_notes_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one INFO office or note"):
        DistributionList(action_keyword="ACTION", action=[OfficeCopies("NEA")])


def test_a_list_with_only_a_note_reads_back() -> None:
    reads_back(with_distribution(DistributionList(notes=["TEDE"], total="000W")))


@pytest.mark.parametrize("office", ["log", "LOG-1", "", "NE A", "LÖG"])
def test_an_office_code_is_upper_case_letters(office: str) -> None:
    with pytest.raises(ValueError, match="upper-case letters"):
        OfficeCopies(office)
    with pytest.raises(ValueError, match="upper-case letters"):
        DistributionList(info=INFO, notes=[office])


@pytest.mark.parametrize("copies", [-1, 100])
def test_copies_have_two_digits(copies: int) -> None:
    with pytest.raises(ValueError, match="from 0 to 99"):
        OfficeCopies("LOG", copies)


@pytest.mark.parametrize("copies", ["01", 1.0, True])
def test_copies_are_an_int(copies: Any) -> None:
    with pytest.raises(TypeError, match="int from 0 to 99"):
        OfficeCopies("LOG", copies)


def test_copy_count_edges_read_back() -> None:
    reads_back(with_distribution(DistributionList(info=[OfficeCopies("LOG", 0), OfficeCopies("A", 99)])))


@pytest.mark.parametrize(("field", "value", "allowed"), [
    ("number", "50b38d", "hexadecimal"), ("number", "50B38", "hexadecimal"), ("number", "50B38DD", "hexadecimal"),
    ("time", "091507", "DDHHMMZ"), ("time", "91507Z", "DDHHMMZ"), ("code", "3", "two digits"),
    ("code", "3A", "two digits"),
])
def test_stamp_fields_have_the_stamp_line_shape(field: str, value: str, allowed: str) -> None:
    good = {"number": "50B38D", "time": "091507Z", "code": "38"}
    with pytest.raises(ValueError, match=allowed):
        DistributionStamp(**{**good, field: value})


def test_a_stamp_reads_back() -> None:
    stamp = DistributionStamp(number="0A9F00", time="311259Z", code="00")
    reads_back(with_distribution(DistributionList(info=INFO, stamp=stamp)))


@pytest.mark.parametrize("total", ["037 W", "37W", "0370", "000w", "/000W", ""])
def test_the_total_is_three_digits_and_a_letter(total: str) -> None:
    with pytest.raises(ValueError, match="three digits and a letter"):
        DistributionList(info=INFO, total=total)


def test_a_total_reads_back() -> None:
    reads_back(with_distribution(DistributionList(info=INFO, total="037R")))


@pytest.mark.parametrize("serial", ["63860", "0638600", "06386A", ""])
def test_a_drafting_serial_is_six_digits(serial: str) -> None:
    with pytest.raises(ValueError, match="six digits"):
        Drafting(drafted_by="DS/DSS/CC:JBACIGALUPO", serial=serial)


@pytest.mark.parametrize("field", ["drafted_by", "approved_by", "source"])
@pytest.mark.parametrize("value", ["", " X", "X ", "X\nY", "X\rY", "\t"])
def test_drafting_texts_are_single_lines_without_blanks_around(field: str, value: str) -> None:
    with pytest.raises(ValueError, match="non-empty text on one line"):
        Drafting(**{"drafted_by": "X", field: value})


def test_a_drafting_block_reads_back() -> None:
    drafting = Drafting(drafted_by="DS/DSS/CC:JBACIGALUPO -- 06/19/2009  571-345-3132",
                        approved_by="DS/DSS/CC:JBACIGALUPO", serial="000000", source="CBLEXCLS.000423")
    reads_back(with_distribution(DistributionList(info=INFO, drafting=drafting)))
    reads_back(with_distribution(DistributionList(info=INFO, drafting=Drafting(drafted_by="X"))))


# -- 4. export records, editorial notes, redacted lines, inbox exports ----------------------------------------


def test_an_unknown_shape_is_refused() -> None:
    with pytest.raises(ValueError, match="'labelled', 'columns', 'row' or 'stamp'"):
        ExportRecord(shape="csv", fields=[("ID", "1")])  # type: ignore[arg-type]


@pytest.mark.parametrize(("fields", "allowed"), [
    ([], "starts with its ID"),
    ([("ORIGIN", "07BAKU864")], "starts with its ID"),
    ([("ID", "12a")], "the ID is digits"),
    ([("ID", "")], "the ID is digits"),
    ([("ID", "1"), ("REF ID", "07BAKU864")], "letters, digits and '_'"),
    ([("ID", "1"), ("A", "07BAKU864")], "letters, digits and '_'"),
    ([("ID", "1"), ("", "07BAKU864")], "letters, digits and '_'"),
    ([("ID", "1"), ("ORIGIN", " 07BAKU864")], "no.* blanks around it"),
    ([("ID", "1"), ("DESTINATION", "A\n\nB")], "blank line before 'B'"),
    ([("ID", "1"), ("DESTINATION", "A\n\n\nFM X")], "blank line before ''"),
    ([("ID", "1"), ("DESTINATION", "FM X\n")], "blank line before None"),
    ([("ID", "1"), ("DESTINATION", "FM X\n"), ("MISC", "")], "blank line before 'MISC: '"),
    ([("ID", "1"), ("DESTINATION", "A\n  ")], "blank line"),
    ([("ID", "1"), ("DESTINATION", "A\nB  ")], "must not end with blanks"),
    ([("ID", "1"), ("DESTINATION", "A\nDATE: 2010")], "starts with a field label"),
    ([("ID", "1"), ("DATE", "A\nREFID: 09ASUNCION123")], "starts with a field label"),
    ([("ID", "1"), ("DESTINATION", "A\r\nB")], "'\\\\r'"),
])
def test_labelled_records_the_grammar_cannot_carry_are_refused(fields: list[tuple[str, str]], allowed: str) -> None:
    with pytest.raises(ValueError, match=allowed):
        ExportRecord(shape="labelled", fields=fields)


@pytest.mark.parametrize("fields", [
    [("ID", "1")],
    [("ID", "1\nXXXXXXXXXXXX")],
    [("ID", "248711"), ("MISC", ""), ("DATE", "2010-02-12 17:09:00"), ("MISC", "A|B")],
    [("ID", "1"), ("DESTINATION", "")],
    [("ID", "1"), ("DESTINATION", "\nVZCZCXRO2876\n  RUEHAG")],
    # Labels the exports add (REFID), the same label twice, and a wrapped field before another.
    [("ID", "224423"), ("DATE", "9/10/2009 12:07"), ("REFID", "09ASUNCION123"), ("ORIGIN", "EMBASSY ASUNCION")],
    [("ID", "1"), ("ID", "2"), ("TAGS", "PREL")],
    [("ID", "1"), ("DESTINATION", "A\nB"), ("MISC", "")],
    # Lower-case labels, and the header's blank lines before a line of the envelope (06BOGOTA2076).
    [("id", "55772"), ("Origin", "Embassy Bogota"), ("header", "VZCZCXYZ0000\nOO RUEHWEB\n\nDE RUEHBO #2076")],
    [("ID", "1"), ("DESTINATION", "FM X\n"), ("TAGS", "PREL")],
])
def test_labelled_record_edges_read_back(fields: list[tuple[str, str]]) -> None:
    reads_back(with_envelope(release_artifact=ExportRecord(shape="labelled", fields=fields)))


@pytest.mark.parametrize(("change", "allowed"), [
    (lambda f: f[:-1], "the fields date, refid, origin, classification, references, header"),
    (lambda f: [f[1], f[0], *f[2:]], "in this order"),
    (lambda f: [*f, ("extra", "")], "in this order"),
    (lambda f: [("date", "2009-07-29"), *f[1:]], "M/D/YYYY H:MM"),
    (lambda f: [f[0], ("refid", "KHARTOUM881"), *f[2:]], "reference id"),
    (lambda f: [*f[:2], ("origin", "  "), *f[3:]], "visible character"),
    (lambda f: [*f[:2], ("origin", "Embassy Khartoum "), *f[3:]], "without trailing blanks"),
    (lambda f: [*f[:3], ("classification", "SECRET/NOFORN"), *f[4:]], "classification word"),
    (lambda f: [*f[:4], ("references", "09A1 09B2"), *f[5:]], "joined by '\\|'"),
    (lambda f: [*f[:5], ("header", "P 291359Z NOV 00\n\nSUBJECT: X")], "blank line"),
    (lambda f: [*f[:5], ("header", "\n\nFM X")], "blank line"),
    (lambda f: [*f[:5], ("header", "FM X\n")], "blank line"),
    (lambda f: [("id", "x"), *f], "the 'id' column is digits"),
    (lambda f: [*f, ("id", "1")], "in this order"),
    (lambda f: [*f[:2], ("origin", "Embassy\nKhartoum"), *f[3:]], "the 'origin' column must be"),
])
def test_column_records_the_grammar_cannot_carry_are_refused(change: Any, allowed: str) -> None:
    with pytest.raises(ValueError, match=allowed):
        ExportRecord(shape="columns", fields=change(COLUMNS))


@pytest.mark.parametrize("fields", [
    COLUMNS,
    [*COLUMNS[:4], ("references", "09KHARTOUM378|09STATE1"), ("header", "P 291359Z NOV 00\nFM X\n  DATE: y")],
    [("date", "12/1/2009  4:02"), *COLUMNS[1:3], ("classification", "SECRET//NOFORN//REL TO USA"), *COLUMNS[4:]],
    # The record's number instead of ">", an ISO date, the header's blank lines before envelope lines and TAGS
    # (07MEXICO1854).
    [("id", "104379"), ("date", "2007-04-13 22:28:00"), *COLUMNS[1:5],
     ("header", "VZCZCXYZ0000\nPP RUEHWEB\n\nDE RUEHME #1854/01 1032228\nFM AMEMBASSY MEXICO\n\nTAGS: SNAR")],
    [*COLUMNS[:5], ("header", "\nFM X")],
])
def test_column_record_edges_read_back(fields: list[tuple[str, str]]) -> None:
    reads_back(with_envelope(release_artifact=ExportRecord(shape="columns", fields=fields)))


@pytest.mark.parametrize("text", ["DO NOT PUBLISHED", "PLEASE DO NOT PUBLISH", "DO NOT PUBLISH ", "do not publish",
                                  "DO NOT PUBLISH\nX", ""])
def test_an_editorial_note_begins_do_not_publish(text: str) -> None:
    with pytest.raises(ValueError, match="begins 'DO NOT PUBLISH'"):
        EditorialNote(text)


@pytest.mark.parametrize("text", ["DO NOT PUBLISH", "DO NOT PUBLISH: legal", "DO NOT PUBLISH-X"])
def test_editorial_note_edges_read_back(text: str) -> None:
    reads_back(with_envelope(release_artifact=EditorialNote(text)))


@pytest.mark.parametrize("text", ["XXXXX", "XXXXXX ", "xxxxxx", "XXXXXX1", ""])
def test_a_redacted_line_is_six_x_or_more(text: str) -> None:
    with pytest.raises(ValueError, match="six or more 'X'"):
        RedactedLine(text)


def test_a_six_x_redacted_line_reads_back() -> None:
    reads_back(Cable(items=[RedactedLine("XXXXXX")], envelope=ENVELOPE, release_artifact=RECORD))


EXPORTED = "03/21/2007 05:47:09 PM"


@pytest.mark.parametrize("user", ["diana T Fritz", "Diana  T Fritz", " Diana", "Diana ", "Diana T. Fritz2", ""])
def test_an_inbox_user_has_the_header_line_shape(user: str) -> None:
    with pytest.raises(ValueError, match="single spaces between"):
        InboxExport(user=user, exported=EXPORTED, folder="DB/Inbox")


@pytest.mark.parametrize("exported", ["03/21/2007 05:47:09", "3/21/2007 05:47:09 PM", "03/21/2007  05:47:09 PM"])
def test_the_export_time_has_the_header_line_shape(exported: str) -> None:
    with pytest.raises(ValueError, match="MM/DD/YYYY"):
        InboxExport(user="A", exported=exported, folder="DB/Inbox")


@pytest.mark.parametrize("folder", ["DB/Inbox:  Search", "DB/Inbox\nSearch", " DB"])
def test_the_folder_is_one_squeezed_line(folder: str) -> None:
    with pytest.raises(ValueError, match="single spaces"):
        InboxExport(user="A", exported=EXPORTED, folder=folder)


@pytest.mark.parametrize("user", ["A", "Diana T Fritz", "O'Brien-Smith J.", "Ann d'Arc"])
def test_inbox_export_edges_read_back(user: str) -> None:
    header = InboxExport(user=user, exported="12/31/2010 1:00:00 AM", folder="", null_line=True)
    reads_back(Cable(items=[LINE], inbox_export=header))


# -- 5. page turns ----------------------------------------------------------------------------------------------

TEXT = "one two  three four"


@pytest.mark.parametrize("offsets", [
    [2],            # inside a word
    [3],            # on the space
    [len(TEXT)],    # at the end: no text after the turn
    [len(TEXT) + 5],
    [-1],
    [1],
    [8],            # after two spaces
    [9],            # before a space
    [14, 4],        # out of order
])
def test_page_turns_off_a_word_boundary_are_refused(offsets: list[int]) -> None:
    with pytest.raises(ValueError, match=r"page_turns must be in text order|at the start of a word"):
        Paragraph(number=1, marking="C", text=TEXT, page_turns=[PageTurn(o, PAGE) for o in offsets])


def test_a_page_turn_at_zero_needs_text_that_does_not_open_with_a_blank() -> None:
    with pytest.raises(ValueError, match="start of a word"):
        Paragraph(number=1, marking="C", text=" one", page_turns=[PageTurn(0, PAGE)])


def test_a_page_turn_offset_is_an_int() -> None:
    with pytest.raises(TypeError, match=r"PageTurn\.offset must be an int"):
        Paragraph(number=1, marking="C", text=TEXT, page_turns=[PageTurn("4", PAGE)])  # type: ignore[arg-type]


@pytest.mark.parametrize("offsets", [[4], [0], [0, 4], [4, 4], [4, 15], [15]])
def test_page_turn_edges_read_back(offsets: list[int]) -> None:
    paragraph = Paragraph(number=1, marking="C", text=TEXT, page_turns=[PageTurn(o, PAGE) for o in offsets])
    reads_back(Cable(items=[LINE, paragraph]))


STAMP = DeclassificationStamp(reviewer="Sheryl P. Walter", reviewed="20 Mar 2014")


@pytest.mark.parametrize("offsets", [[2], [len(TEXT)], [8], [14, 4]])
def test_stamp_turns_off_a_word_boundary_are_refused(offsets: list[int]) -> None:
    with pytest.raises(ValueError, match=r"stamp_turns must be in text order|StampTurn\.offset .* start of a word"):
        Paragraph(number=1, marking="C", text=TEXT, stamp_turns=[StampTurn(o, STAMP) for o in offsets])


@pytest.mark.parametrize(("pages", "stamps"), [([4], [4]), ([4], [15]), ([], [0]), ([0, 4], [4]), ([15], [4, 15])])
def test_stamp_turns_beside_page_turns_read_back(pages: list[int], stamps: list[int]) -> None:
    paragraph = Paragraph(number=1, marking="C", text=TEXT, page_turns=[PageTurn(o, PAGE) for o in pages],
                          stamp_turns=[StampTurn(o, STAMP) for o in stamps])
    reads_back(Cable(items=[LINE, paragraph]))


def test_page_turns_are_checked_on_evolve_too() -> None:
    paragraph = Paragraph(number=1, marking="C", text=TEXT, page_turns=[PageTurn(4, PAGE)])
    with pytest.raises(ValueError, match="start of a word"):
        attrs.evolve(paragraph, text="onetwo")


def test_a_parsed_cable_still_renders_after_the_checks() -> None:
    text = ("P 101131Z JUL 07\nFM AMEMBASSY BAKU\n\nID: 1\nORIGIN: 07BAKU864\nDESTINATION:\n  X\nXXXXXXXXXXXX\n\n"
            "XXXXXXXXXXXX\n\n1. (C) one two\n\nBAKU 00000864  002 OF 003\n\n\nthree.\n")
    assert render(parse(text)) == text

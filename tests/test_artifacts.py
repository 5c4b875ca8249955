"""Export and release artifacts: mailbox export header, Cablegate export record, editorial note."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import cablegrammar
from cablegrammar import canonical_text, normalize, parse, render
from cablegrammar.errors import CableSyntaxError
from cablegrammar.model import EditorialNote, ExportRecord, InboxExport, RedactedLine, TagsLine, TextBlock
from cablegrammar.serialize import cable_from_dict, cable_to_dict
from cablegrammar.validate import RULES, Severity, validate

VALID = Path(__file__).parent / "corpus" / "valid"

ENVELOPE = "P 121709Z FEB 10\nFM AMEMBASSY BERLIN\nTO SECSTATE WASHDC PRIORITY 6546\n\n"
ACP_ENVELOPE = "VZCZCXRO2876\nPP RUEHC\nDE RUEHRL #0180 0431709\nZNY CCCCC ZZH\n" + ENVELOPE
TEXT = "C O N F I D E N T I A L BERLIN 000180\n\nSIPDIS\n\nTAGS: PREL GM\nSUBJECT: TEST\n\n1. (C) Text.\n"


def _corpus(name: str) -> cablegrammar.Cable:
    return parse(cablegrammar.decode((VALID / f"chillicoder_cablegate__{name}.txt").read_bytes()))


def _artifact_findings(cable: cablegrammar.Cable) -> list[tuple[int, int, int, int, str]]:
    return [(d.line, d.column, d.end_line, d.end_column, d.message) for d in validate(cable, select=["CG280"])]


def test_labelled_export_record_fields() -> None:
    cable = _corpus("10BERLIN180")
    record = cable.release_artifact
    assert isinstance(record, ExportRecord)
    assert record.shape == "labelled"
    assert [label for label, _ in record.fields] == [
        "ID", "ORIGIN", "DATE", "SOURCE", "CLASSIFICATION", "MISC", "DESTINATION",
    ]
    assert record.get("ID") == "248711"
    assert record.get("MISC") == "10BERLIN128|10BERLIN176"
    assert (record.reference_id, record.date, record.source, record.classification) == (
        "10BERLIN180", "2010-02-12 17:09:00", "Embassy Berlin", "CONFIDENTIAL",
    )
    assert record.get("DESTINATION", ).startswith("VZCZCXRO2876RUEHAG")  # type: ignore[union-attr]
    # The record is no part of the envelope or the text.
    assert cable.envelope is not None and cable.envelope.sender == "AMEMBASSY BERLIN"
    assert cable.reference_id == "10BERLIN180"
    assert cable.artifacts == (record,)
    assert _artifact_findings(cable) == [(16, 1, 22, 418, "a Cablegate export record for 10BERLIN180 in the file")]


def _working_half(name: str) -> cablegrammar.Cable:
    return parse(cablegrammar.decode((VALID / f"avilaroman_cablegate__{name}.txt").read_bytes()))


def test_column_record_opened_by_its_number_with_the_envelopes_blank_lines_in_its_header() -> None:
    cable = _working_half("07MEXICO1854")
    record = cable.release_artifact
    assert isinstance(record, ExportRecord)
    assert record.shape == "columns"
    assert record.fields[:6] == (("id", "104379"), ("date", "2007-04-13 22:28:00"), ("refid", "07MEXICO1854"),
                                 ("origin", "Embassy Mexico"), ("classification", "CONFIDENTIAL"),
                                 ("references", "07MEXICO965|07MEXICO966"))
    assert record.get("header") == (
        "VZCZCXYZ0000\nPP RUEHWEB\n\nDE RUEHME #1854/01 1032228\nZNY CCCCC ZZH\nP 132228Z APR 07\n"
        "FM AMEMBASSY MEXICO\nTO SECSTATE WASHDC PRIORITY 6452\n\nTAGS: SNAR PREL MX"
    )
    assert (record.reference_id, record.date, record.source) == ("07MEXICO1854", "2007-04-13 22:28:00",
                                                                 "Embassy Mexico")
    # The text after the record is the cable's own.
    assert (cable.classification, cable.tags) == ("CONFIDENTIAL", ("SNAR", "PREL", "MX"))
    # (" REF: A. MEXICO 965", indented, is still read into the subject: a field-reading family of its own.)
    assert (cable.subject or "").startswith("ONDCP WALTERS MEETINGS WITH MEXICAN OFFICIALS")
    assert _artifact_findings(cable) == [(10, 1, 25, 19, "a Cablegate export record for 07MEXICO1854 in the file")]
    assert normalize(cable) == cable


def test_lower_case_labelled_record_with_a_header_that_ends_with_a_marker_line() -> None:
    cable = _working_half("06BOGOTA2076")
    record = cable.release_artifact
    assert isinstance(record, ExportRecord)
    assert [label for label, _ in record.fields] == [
        "id", "date", "refid", "origin", "classification", "destination", "header",
    ]
    assert (record.reference_id, record.date, record.source, record.classification) == (
        "06BOGOTA2076", "3/8/2006 16:00", "Embassy Bogota", "SECRET",
    )
    header = record.get("header") or ""
    assert header.startswith("\nVZCZCXYZ0000\nOO RUEHWEB\n\nDE RUEHBO #2076/01 0671600\n")
    assert header.endswith("RUEAWJA/DEPT OF JUSTICE WASHDC\n\n----------------- header ends ----------------")
    assert cable.envelope is not None and cable.envelope.sender == "AMEMBASSY BOGOTA"
    assert cable.classification == "SECRET"
    assert normalize(cable) == cable


def test_export_record_where_the_envelope_would_be() -> None:
    cable = _working_half("05BOGOTA6237")
    assert cable.envelope is None and cable.preamble is not None
    record = cable.release_artifact
    assert isinstance(record, ExportRecord)
    assert (record.reference_id, record.classification, record.get("destination")) == (
        "05BOGOTA6237", "SECRET", "05BOGOTA5802")
    assert cable.subject == "FARC PUTUMAYO ATTACK KILLS 21 SOLDIERS"
    assert normalize(cable) == cable


def test_a_blank_line_inside_a_record_before_no_header_line_ends_the_record() -> None:
    text = ENVELOPE + "ID: 1\nDESTINATION: A\n\nB\n" + TEXT
    with pytest.raises(CableSyntaxError):  # "B" is neither a field nor a text opening
        parse(text)
    cable = parse(ENVELOPE + "ID: 1\nDESTINATION: A\n\nFM X\n\n" + TEXT)
    assert cable.release_artifact == ExportRecord(shape="labelled", fields=[("ID", "1"), ("DESTINATION", "A\n\nFM X")])


def test_column_export_record_fields() -> None:
    cable = _corpus("09KHARTOUM881")
    record = cable.release_artifact
    assert isinstance(record, ExportRecord)
    assert record.shape == "columns"
    assert [label for label, _ in record.fields] == [
        "date", "refid", "origin", "classification", "references", "header",
    ]
    assert (record.reference_id, record.date, record.source, record.classification) == (
        "09KHARTOUM881", "7/29/2009 14:42", "Embassy Khartoum", "CONFIDENTIAL",
    )
    assert record.get("references") == "09KHARTOUM378"
    header = (record.get("header") or "").split("\n")
    assert header[0] == "VZCZCXRO9313"
    assert header[-3:] == [
        "TAGS: ASEC PINS PREL PINR EFIN KE MARR SU UNSC UG",
        "SUBJECT: GOK/GOSS AGREE ON TIMETABLE FOR SECOND TANK",
        "REF: KHARTOUM 00378",
    ]
    # The text after the record is the cable's own (lower-case first line and all).
    assert cable.classification_line is not None and cable.classification_line.serial == "000881"
    ((line, column, end_line, _, message),) = _artifact_findings(cable)
    assert (line, column, end_line) == (18, 1, 42)
    assert message == "a Cablegate export record for 09KHARTOUM881 in the file"


def test_column_export_record_with_no_references() -> None:
    text = (ENVELOPE + ">\n8/13/2009 8:54\n10BERLIN180\nEmbassy Berlin\nSECRET//NOFORN\n\n"
            "P 121709Z FEB 10\nFM AMEMBASSY BERLIN\n\n\n" + TEXT)
    cable = parse(text)
    record = cable.release_artifact
    assert isinstance(record, ExportRecord)
    assert record.get("references") == ""
    assert record.get("header") == "P 121709Z FEB 10\nFM AMEMBASSY BERLIN"
    assert record.classification == "SECRET//NOFORN"
    assert render(cable) == text
    assert normalize(cable) == cable


def test_inbox_export_header_fields() -> None:
    cable = _corpus("09DOHA214")
    header = cable.inbox_export
    assert header == InboxExport(
        user="Stephen H Rogerson", exported="12/02/2009 11:08:08 AM", folder="DB/Inbox: Search Results"
    )
    assert cable.classification == "SECRET"
    # The text is the post's own copy: its envelope comes after the post's dissemination block, as free text.
    assert cable.envelope is None and cable.classification_line is not None
    assert _artifact_findings(cable) == [
        (1, 1, 5, 6, "a mailbox export header (Stephen H Rogerson, 12/02/2009 11:08:08 AM) in the file")
    ]


def test_inbox_export_header_with_a_null_line() -> None:
    # 03ABUDHABI2641: the export wrote "null" first, then the header; a TELEGRAM-form text follows.
    text = (
        "null\nDiana T Fritz  03/21/2007 05:47:09 PM  From  DB/Inbox:  Search Results\n\nCable \nText:   \n   \n"
        "CONFIDENTIAL\n\nSIPDIS\nTELEGRAM                                            June 03, 2003\n\n"
        "TAGS:     PREL, EPET, EAID, PGOV\n\nCaptions: None\n\nC O N F I D E N T I A L        ABU DHABI 02641\n"
    )
    cable = parse(text)
    assert cable.inbox_export == InboxExport(
        user="Diana T Fritz", exported="03/21/2007 05:47:09 PM", folder="DB/Inbox: Search Results", null_line=True
    )
    assert render(cable) == text
    assert normalize(cable) == cable
    assert canonical_text(cable).startswith("null\nDiana T Fritz  03/21/2007 05:47:09 PM  From  ")


def test_inbox_export_header_with_a_wrapped_folder() -> None:
    text = (
        "Stephen H Rogerson  12/02/2009 11:08:08 AM  From  DB/Inbox:  Search \nResults\n\nCable \n"
        "Text:                 \n     \n" + TEXT
    )
    cable = parse(text)
    assert cable.inbox_export == InboxExport(
        user="Stephen H Rogerson", exported="12/02/2009 11:08:08 AM", folder="DB/Inbox: Search Results"
    )
    assert render(cable) == text
    assert canonical_text(cable).startswith(
        "Stephen H Rogerson  12/02/2009 11:08:08 AM  From  DB/Inbox: Search Results\n\nCable\nText:\n\n"
    )


def test_editorial_note() -> None:
    cable = _corpus("08STATE93970")
    assert cable.release_artifact == EditorialNote(text="DO NOT PUBLISH - AWAITING LEGAL ON MENTION OF PACHAURI")
    assert _artifact_findings(cable) == [
        (18, 1, 18, 62, "an editorial note in the file"),
    ]


@pytest.mark.parametrize(
    "name", ["10BERLIN180", "09KUWAIT110", "09KHARTOUM881", "09DOHA214", "08STATE93970", "10BEIJING207"]
)
def test_artifacts_survive_render_normalize_and_json(name: str) -> None:
    path = VALID / f"chillicoder_cablegate__{name}.txt"
    text = cablegrammar.decode(path.read_bytes())
    cable = parse(text)
    assert render(cable) == text
    once = normalize(cable)
    assert once == cable and once.artifacts == cable.artifacts
    assert render(normalize(once)) == render(once)
    assert cable_from_dict(cable_to_dict(cable)) == cable
    assert render(cable_from_dict(cable_to_dict(cable, layout=True))) == text


def test_an_edited_artifact_renders_canonically() -> None:
    cable = parse(ENVELOPE + "ID: 1\nORIGIN: 10BERLIN180\nDESTINATION: X\nXXXXXXXXXXXX\n\n" + TEXT)
    record = cable.release_artifact
    assert isinstance(record, ExportRecord)
    assert record.get("DESTINATION") == "X\nXXXXXXXXXXXX"
    edited = attrs.evolve(cable, release_artifact=attrs.evolve(record, fields=[*record.fields[:2]]))
    assert render(edited) == ENVELOPE + "ID: 1\nORIGIN: 10BERLIN180\n\n" + TEXT
    without = attrs.evolve(cable, release_artifact=None)
    assert render(without) == ENVELOPE + TEXT
    assert validate(without, select=["CG280"]) == []


def test_export_record_lines_need_their_shape() -> None:
    with pytest.raises(CableSyntaxError) as caught:
        parse(ENVELOPE + ">\nJuly 29\n" + TEXT)
    error = caught.value
    assert (error.code, error.line, error.column) == ("CG100", 6, 1)
    assert "an export record's date (7/29/2009 14:42)" in str(error)


def test_a_free_text_block_after_a_canonical_tags_line_keeps_its_blank_line() -> None:
    cable = parse("UNCLAS STATE 000001\n\nTAGS: PREL\n\nCaptions: None\n")
    assert isinstance(cable.items[1], TagsLine) and isinstance(cable.items[2], TextBlock)
    assert canonical_text(cable) == "UNCLASSIFIED STATE 000001\n\nTAGS: PREL\n\nCaptions: None\n\n"
    assert normalize(cable) == cable


def test_release_artifact_rule_is_documented() -> None:
    rule = RULES["CG280"]
    assert (rule.name, rule.severity) == ("release-artifact", Severity.WARNING)
    cable = parse(rule.example)
    assert [d.code for d in validate(cable, select=["CG280"])] == ["CG280"]


def test_errors_do_not_offer_artifacts_as_what_was_expected() -> None:
    with pytest.raises(CableSyntaxError) as caught:
        parse(ENVELOPE + "Free text where the classification line belongs.\n")
    error = caught.value
    assert (error.code, error.line, error.column) == ("CG100", 5, 1)
    assert "the classification line (CONFIDENTIAL BAKU 000864)" in error.expected
    assert not any("export record" in what or "editorial note" in what for what in error.expected)


def test_inbox_export_header_without_a_folder() -> None:
    # Found by the grammar fuzz: nothing after "From" but blanks.
    text = "A 00/00/0000 0:00:00 AM From \r\nCableText:\r\nTOP SECRET A 000\r\n"
    cable = parse(text)
    assert cable.inbox_export == InboxExport(user="A", exported="00/00/0000 0:00:00 AM", folder="")
    assert render(cable) == text
    assert normalize(cable) == cable


def test_redacted_classification_line_after_a_redacted_export_record() -> None:
    cable = _corpus("10BEIJING207")
    record = cable.release_artifact
    assert isinstance(record, ExportRecord)
    assert record.get("DESTINATION") == "XXXXXXXXXXXX\nXXXXXXXXXXXX"  # the record runs to the first blank line
    assert (record.source, record.classification) == ("Embassy Beijing", "SECRET")
    assert cable.items[0] == RedactedLine(text="XXXXXXXXXXXX")
    assert cable.classification_line is None
    found = validate(cable, select=["CG210", "CG280"])
    assert [(d.code, d.line, d.column, d.end_column, d.message) for d in found] == [
        ("CG280", 15, 1, 13, "a Cablegate export record in the file"),
        ("CG210", 24, 1, 13, "no classification line: it is redacted (XXXXXXXXXXXX)"),
    ]


def test_redacted_lines_open_the_text_only() -> None:
    text = ENVELOPE + "XXXXXXXXXXXX\n\nSIPDIS\n\nXXXXXXXXXXXX\n\n1. (C) Text.\n"
    cable = parse(text)
    assert isinstance(cable.items[0], RedactedLine)
    assert cable.items[2] == TextBlock(lines=["XXXXXXXXXXXX"])  # further down: free text, as before
    assert render(cable) == text
    assert normalize(cable) == cable
    # A redacted addressee stays an addressee.
    cable = parse("P 121709Z FEB 10\nFM AMEMBASSY BERLIN\nTO SECSTATE WASHDC\nXXXXXXXXXXXX\n\n" + TEXT)
    assert cable.envelope is not None and [a.name for a in cable.envelope.to] == ["SECSTATE WASHDC", "XXXXXXXXXXXX"]


def test_a_classification_line_ends_the_export_record_even_without_a_blank_line() -> None:
    cable = parse(ENVELOPE + "ID: 1234\nORIGIN: 10BERLIN180\n" + TEXT)
    assert cable.release_artifact == ExportRecord(shape="labelled", fields=[("ID", "1234"), ("ORIGIN", "10BERLIN180")])
    assert cable.classification_line is not None and cable.classification_line.serial == "000180"


def test_recovery_keeps_the_artifacts() -> None:
    text = "null\nDiana T Fritz  03/21/2007 05:47:09 PM  From  DB/Inbox\n\nCable\nText:\n\n" + ENVELOPE + (
        "NOTE - DO NOT PUBLISH\n\nGarbage where the classification line belongs\n" + TEXT
    )
    cable = parse(text, recover=True)
    assert cable.inbox_export is not None and cable.inbox_export.folder == "DB/Inbox"
    assert cable.release_artifact == EditorialNote(text="DO NOT PUBLISH")
    assert [(d.code, d.line) for d in cable.diagnostics] == [("CG100", 13)]
    assert render(cable) == text


def test_record_headed_by_a_title_then_class_date_key_tags() -> None:
    # The release's cable pages head some files this way (06LONDON4338, 08AMMAN872 in avilaroman_cablegate).
    record_text = ("UK OPEN TO FINANCIAL MEASURES AGAINST IRAN\nClass: \tSECRET\nDate: \tFri Jun 16 10:23:00 2006\n"
                   "Key: \t06LONDON4338\nTags: \tETTC, EFIN, PTER, PREL, UK, IR\n\n \n\n")
    cable = parse(ENVELOPE + record_text + TEXT)
    record = cable.release_artifact
    assert isinstance(record, ExportRecord)
    assert record.fields == (("title", "UK OPEN TO FINANCIAL MEASURES AGAINST IRAN"), ("Class", "SECRET"),
                             ("Date", "Fri Jun 16 10:23:00 2006"), ("Key", "06LONDON4338"),
                             ("Tags", "ETTC, EFIN, PTER, PREL, UK, IR"))
    assert (record.reference_id, record.date, record.classification, record.source) == (
        "06LONDON4338", "Fri Jun 16 10:23:00 2006", "SECRET", None)
    assert cable.classification == "CONFIDENTIAL" and cable.subject == "TEST"
    assert normalize(cable) == cable
    with pytest.raises(ValueError, match="followed by the record's Class field"):
        ExportRecord(shape="labelled", fields=[("title", "A TITLE"), ("Date", "x")])
    with pytest.raises(ValueError, match="title is one line"):
        ExportRecord(shape="labelled", fields=[("title", "A\nTITLE"), ("Class", "SECRET")])


# -- preambles that are no part of the telegram: a mail client's header, stray lines before the envelope ----------


def test_a_mail_clients_header_before_the_envelope() -> None:
    cable = _working_half("08TRIPOLI540")
    preamble = cable.preamble
    assert preamble is not None and preamble.kind == "mail_header" and preamble.is_artifact
    assert preamble.lines == (
        "TRIPOLI 00000540 P CO 08-JUL-08 CHEVRON MAY QUIT LIBYA [7759727]From: CBPC,",
        "EACTAPP [EACTAPP@state.sgov.gov]",
        "Sent: Tuesday, July 08, 2008 9:22 PM",
        "To: EACTTripoli",
        "Subject: TRIPOLI 00000540 P CO 08-JUL-08 CHEVRON MAY QUIT LIBYA [7759727]",
        "CONFIDENTIAL",
    )
    assert cable.envelope is not None and cable.envelope.transmission_id == "VZCZCXRO1934"
    assert cable.artifacts == (preamble,)
    assert _artifact_findings(cable) == [(1, 1, 7, 13, "a mail client's header in the file")]


def test_a_lone_from_line_is_no_mail_header() -> None:
    # "From:" opens a mail header only with a Sent:, Date: or To: field on one of the next two lines.
    cable = parse("From: the embassy's political section\n\n" + TEXT, recover=True)
    assert cable.preamble is None


@pytest.mark.parametrize(
    ("junk", "lines"),
    [
        ("<html><pre>\n", ("<html><pre>",)),
        ("Cable Text:\n\n", ("Cable Text:",)),
        ("<html><pre>\nCONFIDENTIAL\n\n", ("<html><pre>", "CONFIDENTIAL")),
        ("CONFIDENTIAL\n\n", ("CONFIDENTIAL",)),
    ],
)
def test_stray_lines_before_the_envelope_are_a_preamble(junk: str, lines: tuple[str, ...]) -> None:
    cable = parse(junk + ACP_ENVELOPE + TEXT)
    assert cable.preamble == cablegrammar.Preamble(lines=lines, kind="stray_lines")
    assert cable.envelope == parse(ACP_ENVELOPE + TEXT).envelope
    assert cable.items == parse(ACP_ENVELOPE + TEXT).items
    assert render(cable) == junk + ACP_ENVELOPE + TEXT
    assert [message for *_, message in _artifact_findings(cable)] == ["lines before the envelope in the file"]


def test_lines_before_a_short_envelope_are_refused() -> None:
    # Before the date-time group line, lines are a distribution list's: one that is malformed is refused.
    with pytest.raises(CableSyntaxError):
        parse("<html><pre>\n\n" + ENVELOPE + TEXT)


def test_a_banner_line_opens_the_text_when_no_envelope_follows() -> None:
    cable = parse("CONFIDENTIAL\n\n" + TEXT)
    assert cable.preamble is None
    assert type(cable.items[0]).__name__ == "PageBanner"


def test_the_publishers_note_is_no_artifact() -> None:
    notice = cablegrammar.Preamble(lines=["This record is a partial extract of the original cable."])
    assert notice.kind == "partial_record" and not notice.is_artifact
    with pytest.raises(ValueError, match=r"Preamble\.kind"):
        cablegrammar.Preamble(lines=["x"], kind="note")  # type: ignore[arg-type]


def test_the_fields_a_reader_finds_in_08tripoli540() -> None:
    # Typed by reading the file: a mail header, the envelope, the captions, Classified By with the first
    # paragraph run on after its reason, and the two later paragraphs run on after the sentences before them.
    cable = _working_half("08TRIPOLI540")
    assert (cable.classification, cable.reference_id) == ("CONFIDENTIAL", "08TRIPOLI540")
    assert cable.tags == ("ECON", "EINV", "EPET", "ENRG", "LY")
    assert cable.subject == "CHEVRON MAY QUIT LIBYA"
    assert [r.text for r in cable.references] == ["TRIPOLI 532"]
    assert cable.classified_by is not None
    assert cable.classified_by.classifier == (
        "John T. Godfrey, Acting CDA, U.S. Embassy Tripoli, U.S. Department of State")
    assert cable.classified_by.reasons == ("1.4(e)",)
    assert [(p.number, p.marking) for p in cable.paragraphs] == [(1, "C"), (2, "C"), (3, "C")]
    assert cable.paragraphs[1].text.startswith("Under the terms of its EPSA")
    assert cable.paragraphs[2].text.startswith("Comment: While Chevron")
    assert cable.signature == "GODFREY"


# -- a web page's cut-off preview of the text, before an export record and the whole text --------------------------


def test_the_fields_come_from_the_whole_text_after_a_preview() -> None:
    # avilaroman_cablegate working half, 09QUITO57: the preview stops at "... Hodges for..." (typed by reading it).
    text = cablegrammar.decode((VALID / "avilaroman_cablegate__09QUITO57.txt").read_bytes())
    cable = parse(text)
    assert cable.preview is not None and cable.preview in cable.artifacts
    assert cable.preview.lines[0] == "C O N F I D E N T I A L QUITO 000057"
    assert cable.preview.lines[-1] == "Classified By: Ambassador Heather M. Hodges for..."
    assert isinstance(cable.release_artifact, ExportRecord) and cable.release_artifact.reference_id == "09QUITO57"
    assert cable.classified_by is not None
    assert (cable.classified_by.classifier, cable.classified_by.reasons) == (
        "Ambassador Heather M. Hodges", ("1.4(b)", "1.4(d)"))
    assert [(r.label, r.text) for r in cable.references] == [("A", "QUITO 0010"), ("B", "2008 QUITO 1115")]
    assert cable.subject == "GAS-AND-GO LOOKS LIKE A GO"
    assert [p.number for p in cable.paragraphs] == [1, 2, 3, 4, 5, 6, 7]
    assert "a cut-off preview of the text in the file" in [m for *_, m in _artifact_findings(cable)]
    assert render(cable) == text
    assert normalize(cable) == cable and normalize(cable).preview == cable.preview
    assert cable_from_dict(cable_to_dict(cable)) == cable


def test_a_preview_needs_an_export_record_after_it() -> None:
    # Without the record, the cut-off lines are the text's own (an "..." line ends no preview).
    cable = parse(ACP_ENVELOPE + "\n" + TEXT.replace("SUBJECT: TEST", "SUBJECT: TE...") + "\n" + TEXT)
    assert cable.preview is None and cable.subject == "TE..."


def test_a_preview_opens_as_the_classification_line_does() -> None:
    # A stray quote before the preview's classification line, as CLASSIFICATION reads one (benchmarks/damage.py).
    text = cablegrammar.decode((VALID / "avilaroman_cablegate__09QUITO57.txt").read_bytes())
    damaged = text.replace("C O N F I D E N T I A L QUITO 000057", '"C O N F I D E N T I A L QUITO 000057', 1)
    cable = parse(damaged)
    assert cable.preview is not None and cable.preview.lines[0].startswith('"C O N F')
    assert cable.classified_by is not None and cable.classified_by.classifier == "Ambassador Heather M. Hodges"
    assert render(cable) == damaged

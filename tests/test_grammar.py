"""The grammar itself: builds as LALR(1) without conflicts, names every terminal, drops no character."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from conftest import CORPUS, invalid_files, valid_files
from lark import Lark, Tree, logger
from lark.exceptions import LarkError

import cablegrammar
from cablegrammar import _parser, transform
from cablegrammar.errors import TERMINAL_DESCRIPTIONS
from cablegrammar.model import ClassificationLine, TextBlock


def test_lalr_without_conflicts(caplog: pytest.LogCaptureFixture) -> None:
    logger.setLevel(logging.DEBUG)
    try:
        with caplog.at_level(logging.DEBUG, logger="lark"):
            Lark(_parser.grammar_text(), parser="lalr", lexer="contextual", debug=True)
    finally:
        logger.setLevel(logging.WARNING)
    conflicts = [r.getMessage() for r in caplog.records if "conflict" in r.getMessage().lower()]
    assert conflicts == []


def test_every_terminal_is_described() -> None:
    names = {t.name for t in _parser.get_parser().terminals}
    assert not [n for n in names if n.startswith("__ANON")], "anonymous terminals leak into messages"
    assert names - set(TERMINAL_DESCRIPTIONS) == set()


def test_sections_have_banners() -> None:
    text = _parser.grammar_text()
    for section in ("Envelope", "Text", "Classification line", "E.O. line", "TAGS", "SUBJECT", "REF block",
                    "Classified By", "Body paragraphs", "Page-break", "Ending", "Free text", "Layout terminals"):
        assert re.search(rf"^//\s+{re.escape(section)}", text, re.M), section


@pytest.mark.parametrize("path", valid_files()[:40], ids=lambda p: p.stem)
def test_tokens_concatenate_to_the_input(path: Path) -> None:
    text = cablegrammar.decode(path.read_bytes())
    prepared = text if text.endswith(("\n", "\r")) else text + "\n"
    tree = _parser.parse_tree(prepared)
    # Tokens are lark's or lark-cython's (not str): read their .value.
    assert "".join(v.value for v in tree.scan_values(lambda v: not isinstance(v, Tree))) == prepared


_REF_HEAD = "CONFIDENTIAL MADRID 000171\n\nSUBJECT: TEST\n\n"


@pytest.mark.parametrize(
    ("line", "labels"),
    [
        ("REF: STATE 120288", [None]),
        ("REF A: STATE 120288", ["A"]),
        ("REF B SECSTATE 76108", [None]),  # an unpunctuated letter stays in the reference's text
        ("REF (A) BAKU 837", ["A"]),
        ("REF HO CHI MINH CITY 00001", [None]),  # a post of several words before the serial (the fuzz profile)
        ("REF BAKU 837", [None]),
        ("REF LA PAZ 00001", [None]),  # found by the fuzz profile: a two-letter first word of the post
        ("REFTEL. 05 STATE 12345", [None]),
        ("REFERENCES: A. STATE 1 B. STATE 2", ["A", "B"]),
        ("Ref: Madrid 156", [None]),
    ],
)
def test_ref_keyword_starts_a_ref_block(line: str, labels: list[str | None]) -> None:
    cable = cablegrammar.parse(_REF_HEAD + line + "\n")
    assert [ref.label for ref in cable.references] == labels


@pytest.mark.parametrize(
    "line",
    [
        'REFERENCES TO "TRADITIONAL DISTANT WATER FISHERIES", SINCE',  # 66BUENOSAIRES2481
        "REF A points were delivered, the GOS was nearing the end of",  # 05MADRID171
        "REF A nonpaper passed to her on July 21 but told them that",  # 08BERLIN1068
        "REF A).  AT THE SAME TIME THE GOS WANTS TO AVOID",  # 86MADRID5480
        "REF TO THE EARLIER TALKS",
    ],
)
def test_a_paragraph_line_opening_with_a_ref_word_stays_in_the_paragraph(line: str) -> None:
    cable = cablegrammar.parse(_REF_HEAD + "1. (C) THE MINISTER RECALLED\n" + line + "\nAND LEFT.\n\n2. (U) END.\n")
    assert cable.references == ()
    assert [p.number for p in cable.paragraphs] == [1, 2]
    assert line in cable.paragraphs[0].text


@pytest.mark.parametrize(
    ("name", "signature", "last_paragraph_end"),
    [
        ("chillicoder_cablegate__05PARIS104", "Leach", "10 years in prison."),  # mixed case, no blank line
        ("markchips_testset__73TEHRAN8233", "Schofer", "the Department of Justice."),
        ("chillicoder_cablegate__05MADRID541", "MANZANARES .", "requests for cooperation."),
        ("chillicoder_cablegate__08STATE15220", "Rice", "www.state.sgov.gov/demarche."),  # then "Nnnn"
        ("chillicoder_cablegate__08LONDON2651", "LEBARON", "Portal:Unit ed_Kingdom"),  # then "End Cable Text"
    ],
)
def test_signature_on_the_last_line_leaves_the_last_paragraph(
    name: str, signature: str, last_paragraph_end: str
) -> None:
    cable = cablegrammar.parse_file(CORPUS / "valid" / f"{name}.txt")
    assert cable.signature == signature
    assert cable.paragraphs[-1].text.endswith(last_paragraph_end)


def test_end_markers_are_no_signature() -> None:
    text = "UNCLAS STATE 015220\n\n1. (U) Posts should act.\nRice\n\n\nNnnn\nEnd Cable Text\n"
    cable = cablegrammar.parse(text)
    assert cable.signature == "Rice"
    ends = [item for item in cable.items if isinstance(item, cablegrammar.EndOfMessage)]
    assert [end.text for end in ends] == ["Nnnn"]
    for name in ("Thompson-Jones", "McCaw", "O'Brien", "LeBaron"):  # 09PRAGUE589 and others
        assert cablegrammar.parse(f"UNCLAS PRAGUE 000589\n\n1. (U) Text.\n{name}\n").signature == name
    # A paragraph's last line ends with a full stop: a capitalised word with one is no signature.
    assert cablegrammar.parse("UNCLAS STATE 015220\n\n1. (U) They met in\nTbilisi.\n").signature is None


@pytest.mark.parametrize(
    ("head", "number", "marking"),
    [
        (" ¶1. (SBU) SUMMARY: Things are getting worse.", 1, "SBU"),  # 09ASMARA429: an indented anchor
        ("7, (U) See concluding paragraphs.", 7, "U"),  # 06PARIS741: a comma for the full stop
        ("18, (S/NF) Accompanying the Under Secretary.", 18, "S/NF"),
        ("3.. (SBU) All elections within Europe.", 3, "SBU"),  # 05PARIS4760
        ("10  (C) On the deficit, Sarkozy said.", 10, "C"),  # 05PARIS5335: no full stop at all
        ("3.Haggag noted there are 28 policemen.", 3, None),  # 10CAIRO113 (working half): no blank
    ],
)
def test_paragraph_number_spellings(head: str, number: int, marking: str | None) -> None:
    cable = cablegrammar.parse("SECRET ASMARA 000429\n\n" + head + "\n")
    assert [(p.number, p.marking) for p in cable.paragraphs] == [(number, marking)]


@pytest.mark.parametrize(
    "line", ["2, 3 and 4 were agreed.", "  1. THE FIRST POINT", "12, (the old one) said", "25 (Comment: none)"]
)
def test_a_wrapped_line_opening_with_a_number_stays_in_its_paragraph(line: str) -> None:
    cable = cablegrammar.parse("SECRET ASMARA 000429\n\n1. (S) The minister said paragraphs\n" + line + "\n")
    assert [p.number for p in cable.paragraphs] == [1]
    assert cable.paragraphs[0].text.endswith(line.strip())


def test_a_ref_items_year_before_the_next_label_is_no_paragraph_number() -> None:
    """Found by the fuzz profile: '00 (C) STATE 00001' wraps a REF block; a paragraph number has no leading zero."""
    cable = cablegrammar.parse(
        "CONFIDENTIAL HERMOSILLO 000001\n\nREFS: (A) WARSAW 00001\n(B) SECDEF O010000Z JAN\n00 (C) STATE 00001\n\n"
        "1. (C) Summary: text.\n"
    )
    assert [(r.label, r.text) for r in cable.references] == [
        ("A", "WARSAW 00001"), ("B", "SECDEF O010000Z JAN 00"), ("C", "STATE 00001")
    ]
    assert [p.number for p in cable.paragraphs] == [1]


def test_subject_wrap_lookahead_holds_the_classification_pattern_verbatim() -> None:
    patterns = _parser.terminal_regexps()
    # terminal_regexps() gives CLASSIFICATION with its flag inline: "(?i:...)".
    assert patterns["CLASSIFICATION"].startswith("(?i:")
    assert f"(?!{patterns['CLASSIFICATION']}|" in patterns["SUBJECT_WRAP_AFTER_BLANK"]


# 07MOSCOW1704 (avilaroman_cablegate): the classification line, with the caption block run onto it,
# repeated right below the SUBJECT.
_REPEATED_CLASSIFICATION = (
    "C O N F I D E N T I A L MOSCOW 001704\n\nSIPDIS\n\nSIPDIS\n\n"
    "STATE FOR EUR/RUS (GUHA), EUR/ACE, OES/STC (DAUGHARTY)\nOSTP FOR MARBURGER\n\n"
    "E.O. 12958: DECL: 04/13/2017\nTAGS: KIPR KNNP KPAO TBIO PREL RS\nSUBJECT: RUSSIAN SCIEN...\n"
    "{blank}C O N F I D E N T I A L MOSCOW 001704 SIPDIS SIPDIS STATE FOR EUR/RUS (GUHA), EUR/ACE, OES/STC "
    "(DAUGHARTY) OSTP FOR MARBURGER E.O. 12958: DECL: 04/13/2017 TAGS: KIPR KNNP KPAO TBIO PREL RS\n\n"
    "Classified By: EST Counselor Daniel O'Grady. Reasons: 1.4 (d)\n\n1. (C) SUMMARY: In a luncheon meeting.\n"
)


@pytest.mark.parametrize("blank", ["", "\n", " \n \n"])
def test_a_classification_line_ends_the_subject_after_a_blank_line_too(blank: str) -> None:
    cable = cablegrammar.parse(_REPEATED_CLASSIFICATION.format(blank=blank))
    assert cable.subject == "RUSSIAN SCIEN..."
    kinds = [type(item).__name__ for item in cable.items]
    assert kinds[kinds.index("Subject") + 1] == "ClassificationLine"
    # The canonical layout puts a blank line after the SUBJECT: it must read back the same.
    assert cablegrammar.normalize(cable) == cable


def test_the_record_checks_blank_line_lookahead_is_the_grammars() -> None:
    from cablegrammar import _model_checks  # noqa: PLC0415

    pattern = _parser.terminal_regexps()["EXPORT_RECORD_INNER_BLANK_LINES"]
    # Lark writes the grammar's "\t" escapes as tab characters.
    assert pattern.endswith(f"(?={_model_checks._AFTER_INNER_BLANK.pattern.replace(chr(92) + 't', chr(9))})")


def test_the_row_checks_first_line_is_the_grammars() -> None:
    from cablegrammar import _model_checks  # noqa: PLC0415

    pattern = _parser.terminal_regexps()["EXPORT_ROW_FIRST_LINE"]
    assert pattern == _model_checks.EXPORT_ROW_FIRST.pattern + _parser.terminal_regexps()["LINE_END"]


@pytest.mark.parametrize(("line", "section"), [
    ('"C O N F I D E N T I A L SECTION 01 OF 02 TEL AVIV 004107', (1, 2)),  # a stray quote (05TELAVIV4107)
    ("C O N F I D E N T I A L SCTION 02 OF 02 SAO PAULO 000335", (2, 2)),  # 08SCTION02OF02SAOPAULO335
    ("UNCLAS SECTION01 OF 03 SAN JOSE 000525", (1, 3)),  # 09SECTION01OF03SANJOSE525
    ("   SECRET STATE 000001", None),  # indented
])
def test_damaged_classification_lines_keep_their_meaning(line: str, section: tuple[int, int] | None) -> None:
    cable = cablegrammar.parse(line + "\n\nTAGS: PREL\nSUBJECT: TEST\n")
    first = cable.items[0]
    assert isinstance(first, cablegrammar.ClassificationLine)
    assert first.section == section
    assert first.classification in ("CONFIDENTIAL", "UNCLASSIFIED", "SECRET")
    assert first.serial == line.rsplit(" ", 1)[1]
    assert cablegrammar.normalize(cable) == cable


def test_an_eo_line_run_on_after_the_captions_is_an_eo_line() -> None:
    # 10STATE284 (heuer_cablemap): the caption block's line breaks were lost; its E.O. line and TAGS were
    # captions of the classification line, and the cable had no TAGS.
    text = "C O N F I D E N T I A L STATE 000284 SIPDIS E.O. 12958: DECL: 01/04/2020 TAGS: MASS MARR\n\nSUBJECT: X\n"
    cable = cablegrammar.parse(text)
    line, eo = cable.items[:2]
    assert isinstance(line, cablegrammar.ClassificationLine) and line.tail == "SIPDIS"
    assert isinstance(eo, cablegrammar.EOLine) and (eo.order, eo.declassification) == ("12958", "DECL: 01/04/2020")
    assert cable.tags == ("MASS", "MARR")
    assert cablegrammar.render(cable) == text
    assert cablegrammar.normalize(cable) == cable


def test_a_line_that_runs_on_into_the_subject_is_still_refused() -> None:
    text = "CONFIDENTIAL BAKU 000864 SIPDIS E.O. 12958: DECL: 07/10/2017 TAGS: PGOV SUBJECT: DFM\n"
    with pytest.raises(cablegrammar.CableSyntaxError) as info:
        cablegrammar.parse(text)
    assert (info.value.code, info.value.column) == ("CG103", text.index(" SUBJECT") + 1)
    # In lower case it stays one line with captions (the E.O. line's TAGS would take the subject in).
    lower = cablegrammar.parse("CONFIDENTIAL BAKU 000864 e.o. 12958: decl: 11/02/10 tags: prel subject: x\n")
    assert len(lower.items) == 1


def test_the_archives_print_heading_is_a_preamble() -> None:
    # 07TRIPOLI641 (avilaroman_cablegate): "Telegram" run together with the handling note and the banner.
    heading = "TelegramRestricted by caption. UNCLASSIFIED   TRIPOLI   00000641 "
    text = heading + "\nO 261520Z JUL 07\nFM AMEMBASSY TRIPOLI\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 2473\n\n" \
        "UNCLAS TRIPOLI 000641\n\nSUBJECT: TEST\n"
    cable = cablegrammar.parse(text)
    assert cable.preamble is not None and cable.preamble.lines == (heading.rstrip(),)
    assert cable.envelope is not None and cable.classification == "UNCLASSIFIED"
    assert cablegrammar.normalize(cable) == cable


# Header fields run on after the SUBJECT or REF text, or indented (working half of avilaroman_cablegate:
# 08LONDON2898, 08MANAMA492, 07TRIPOLI967, 09TRIPOLI358, 09LONDON2557, 06MEXICO1476, 03ANKARA2521,
# 09BRASILIA193).
_HEAD = "CONFIDENTIAL LONDON 002898\n\nE.O. 12958: DECL: 11/20/2018\nTAGS: PREL UK\n"
_BODY = "\n1. (C) Summary: text.\n"


@pytest.mark.parametrize(
    ("header", "subject", "references", "classifier"),
    [
        ("SUBJECT: HORN OF AFRICA PIRACY - HMG SHARES\nINFORMATION ON ATALANTA  REF: BRUSSELS 1745  \n\n"
         "Classified By: Political Minister Counselor Greg Berry for reasons 1.4 (b) and (d).\n",
         "HORN OF AFRICA PIRACY - HMG SHARES INFORMATION ON ATALANTA", [(None, "BRUSSELS 1745")],
         "Political Minister Counselor Greg Berry"),
        ("SUBJECT: BAHRAIN SEEKS IOM'S ASSISTANCE\n \nREF: A. MANAMA 165 B. MANAMA 320 Classified By: CDA "
         "Christopher Henzel for reasons 1.4 (b) and (d)\n",
         "BAHRAIN SEEKS IOM'S ASSISTANCE", [("A", "MANAMA 165"), ("B", "MANAMA 320")], "CDA Christopher Henzel"),
        ("SUBJECT: LIBYA-UK PRISONER TRANSFER\n \nREF: A. TRIPOLI 65\n     \u00b6B. LONDON 569 C. LONDON 209 "
         "CLASSIFIED BY: Gene A. Cretz, Ambassador. REASON: 1.4 (b), (d)\n",
         "LIBYA-UK PRISONER TRANSFER", [("A", "TRIPOLI 65"), ("B", "LONDON 569"), ("C", "LONDON 209")],
         "Gene A. Cretz, Ambassador"),
        ("SUBJECT: INDIAN ENVOY DISCUSSES AFGHANISTAN\nDURING A VISIT TO LONDON\n Classified By: Political "
         "Counselor Robin Quinville, reasons 1.4 (b/d)\n",
         "INDIAN ENVOY DISCUSSES AFGHANISTAN DURING A VISIT TO LONDON", [], "Political Counselor Robin Quinville"),
        ("SUBJECT: LOPEZ OBRADOR'S \"ADVISORY COUNCIL\"\n REF: A. MEXICO 965\n", "LOPEZ OBRADOR'S \"ADVISORY "
         "COUNCIL\"", [("A", "MEXICO 965")], None),
        ("SUBJECT: IRAN: UK VIEWS REF: EMBASSY DAILY OF OCTOBER 9\n", "IRAN: UK VIEWS",
         [(None, "EMBASSY DAILY OF OCTOBER 9")], None),
        ("SUBJECT: TURKEY\n\nREF: A. ANKARA 418\n     B. ANKARA 1350\n\n(U) Classified by Ambassador W.R. Pearson. "
         "Reasons: 1.5 (b, d).\n", "TURKEY", [("A", "ANKARA 418"), ("B", "ANKARA 1350")], "Ambassador W.R. Pearson"),
        ("SUBJECT: UKRAINE REQUESTS USG SUPPORT\nClassified By: Deputy Chief of Mission Lisa Kubiske, Reason 1.4 (b) "
         "and (d) REF: A) STATE 3691,\nB) 2008 BRASILIA 1652\n", "UKRAINE REQUESTS USG SUPPORT",
         [("A", "STATE 3691"), ("B", "2008 BRASILIA 1652")], "Deputy Chief of Mission Lisa Kubiske"),
    ],
    ids=["ref-after-wrapped-subject", "classified-by-after-ref", "classified-by-after-ref-continuation",
         "indented-classified-by", "indented-ref", "ref-after-subject-on-its-line",
         "marked-classified-by-after-ref", "ref-after-classified-by"],
)
def test_a_ref_or_classified_by_label_starts_its_field_wherever_it_stands(
    header: str, subject: str, references: list[tuple[str | None, str]], classifier: str | None
) -> None:
    text = _HEAD + header + _BODY
    cable = cablegrammar.parse(text)
    assert cable.subject == subject
    assert [(r.label, r.text) for r in cable.references] == references
    assert (cable.classified_by.classifier if cable.classified_by else None) == classifier
    assert cablegrammar.render(cable) == text
    assert cablegrammar.normalize(cable) == cable


@pytest.mark.parametrize("label", ["SUBJECT", "TAGS"])
def test_an_indented_subject_or_tags_label_is_its_field(label: str) -> None:
    text = f"CONFIDENTIAL LONDON 002600\n\n {label}: PREL UK\n{_BODY}"
    cable = cablegrammar.parse(text)
    assert (cable.subject if label == "SUBJECT" else " ".join(cable.tags)) == "PREL UK"
    assert cablegrammar.render(cable) == text


# A page mark run on after a field's words is printing layout, no words of the field (working half of
# avilaroman_cablegate: 08LONDON2542, 08TRIPOLI592; chillicoder_cablegate: 08BRASILIA1378).
@pytest.mark.parametrize(
    ("header", "subject", "references"),
    [
        ("SUBJECT: PM BROWN ADDRESSES ECONOMIC PROBLEMS LONDON 00002542 001.2 OF 002\n",
         "PM BROWN ADDRESSES ECONOMIC PROBLEMS", []),
        ("SUBJECT: THUG LIFE: FISSURE IN\nSWISS-LIBYAN RELATIONS  TRIPOLI 00000592  001.2 OF 003\n",
         "THUG LIFE: FISSURE IN SWISS-LIBYAN RELATIONS", []),
        ("SUBJECT: A SUBJECT\n\nREF: BRASILIA 1159 BRASILIA 00001378 001.2 OF 003\n", "A SUBJECT",
         [(None, "BRASILIA 1159")]),
        ("SUBJECT: A SUBJECT\n\nREF: A. PARIS 1301 B. CAIRO 1804 CAIRO 00001912 001.3 OF 002\n", "A SUBJECT",
         [("A", "PARIS 1301"), ("B", "CAIRO 1804")]),
    ],
    ids=["subject", "subject-wrapped", "ref", "ref-items"],
)
def test_a_page_mark_glued_to_a_field_is_no_part_of_it(
    header: str, subject: str, references: list[tuple[str | None, str]]
) -> None:
    text = _HEAD + header + _BODY
    cable = cablegrammar.parse(text)
    assert cable.subject == subject
    assert [(r.label, r.text) for r in cable.references] == references
    assert cablegrammar.render(cable) == text
    assert cablegrammar.normalize(cable) == cable


def test_a_page_mark_with_the_posts_name_cut_is_no_part_of_the_subject() -> None:
    # The mark keeps ten characters of the post's name: BUENOS AIR for BUENOS AIRES.
    text = ("UNCLAS BUENOS AIRES 000123\n\nE.O. 12958: N/A\nTAGS: PREL\n"
            "SUBJECT: BILATERAL RELATIONS BUENOS AIR 00000123  001.2 OF 002 AND MORE\n" + _BODY)
    cable = cablegrammar.parse(text)
    assert cable.subject == "BILATERAL RELATIONS AND MORE"
    assert cablegrammar.render(cable) == text


def test_the_separator_after_a_keyword_is_no_text_before_a_run_on_field() -> None:
    cable = cablegrammar.parse(_HEAD + "SUBJECT: IRAN NUCLEAR: UK REPORT REF: A. LONDON 4204\n" + _BODY)
    assert cable.subject == "IRAN NUCLEAR: UK REPORT"
    assert [(r.label, r.text) for r in cable.references] == [("A", "LONDON 4204")]


# A signature run on after the last sentence: renderings that lost the text's last line break
# (avilaroman_cablegate working half: 06BRASILIA2193, 07MANAMA1089; chillicoder_cablegate: 05BRASILIA1396).
_LAST = "\n1. (C) Summary: text.\n\n2. (U) Consulate General Sao Paulo contributed to this cable.{tail}"


@pytest.mark.parametrize(
    ("tail", "signature", "last_text"),
    [
        (" Sobel\n", "Sobel", "Consulate General Sao Paulo contributed to this cable."),
        (" DANILOVICH\n\n\nNNNN\n", "DANILOVICH", "Consulate General Sao Paulo contributed to this cable."),
        (" END COMMENT THORNE\n", "THORNE", "Consulate General Sao Paulo contributed to this cable. END COMMENT"),
        (" ******** Visit Embassy Manama's Classified Website ******** ERELI\n", "ERELI",
         "Consulate General Sao Paulo contributed to this cable. ******** Visit Embassy Manama's Classified "
         "Website ********"),
        (" End Comment\n", None, "Consulate General Sao Paulo contributed to this cable. End Comment"),
        (" Thanks.\n", None, "Consulate General Sao Paulo contributed to this cable. Thanks."),
        (" UNCLASSIFIED\n", None, "Consulate General Sao Paulo contributed to this cable. UNCLASSIFIED"),
        # The release listing's row after the name (avilaroman_cablegate working half: 07TRIPOLI967, 09MEXICO3378).
        (" MILAM 0 11/15/2007 5833 ECON,EPET,LY GROWTH OF RESOURCE NATIONALISM Libya has a long history.\n",
         "MILAM", "Consulate General Sao Paulo contributed to this cable."),
        (" PASCUAL\n\n0 12/01/2009 10529 KNNP,MX PORTAL DETECTION\nA neutron alarm recorded.\n", "PASCUAL",
         "Consulate General Sao Paulo contributed to this cable."),
        (" MILAM\n0 11/15/2007 5833 ECON,EPET,LY GROWTH OF\nRESOURCE NATIONALISM Libya has a long history.\n",
         "MILAM", "Consulate General Sao Paulo contributed to this cable."),
        # A post's quoted footer, wrapped (chillicoder_cablegate: 10ANKARA294), or a cell's closing quote
        # (avilaroman_cablegate working half: 02ROME3639).
        ("\nJeffrey \n \n   \"Visit Ankara's Classified Web Site at http://www.intelink.s \n"
         "gov.gov/wiki/Portal:Turkey\"\n",
         "Jeffrey", "Consulate General Sao Paulo contributed to this cable."),
        ("\nSEMBLER \n \n> \n 2002ROME03639 - Classification: CONFIDENTIAL \n\n\"", "SEMBLER",
         "Consulate General Sao Paulo contributed to this cable."),
        # An ellipsis after the signature, on its line or the next (avilaroman_cablegate working half: 09LONDON2557,
        # 09NAIROBI2140), and a page mark glued before a run-on name (09LONDON1442).
        ("\nSusman...\n", "Susman...", "Consulate General Sao Paulo contributed to this cable."),
        (" HOZA\n \n...", "HOZA", "Consulate General Sao Paulo contributed to this cable."),
        (" Website: XXXXXXXXXXXX  LONDON 00001442  004 OF 004   LeBaron\n", "LeBaron",
         "Consulate General Sao Paulo contributed to this cable. Website: XXXXXXXXXXXX  LONDON 00001442  004 OF 004"),
    ],
    ids=["mixed-case", "before-end-marker", "after-end-comment", "after-stars", "end-comment", "a-sentence",
         "classification", "before-listing-row", "before-listing-row-line", "before-wrapped-listing-row",
         "before-quoted-footer", "before-closing-quote", "with-an-ellipsis", "before-an-ellipsis",
         "after-a-page-mark"],
)
def test_a_signature_run_on_after_the_last_sentence_is_the_signature(
    tail: str, signature: str | None, last_text: str
) -> None:
    text = _HEAD + "SUBJECT: A SUBJECT\n" + _LAST.format(tail=tail)
    cable = cablegrammar.parse(text)
    assert cable.signature == signature
    assert cable.paragraphs[-1].text == last_text
    assert cablegrammar.render(cable) == text
    assert cablegrammar.normalize(cable) == cable


# The reasons are the list after the section number, not letters of text run on after the line (avilaroman_cablegate
# working half: 09CAIRO1739, 08LONDON2218, 09CAIRO1059; chillicoder_cablegate: 09MOSCOW2823, 09BRASILIA1383).
@pytest.mark.parametrize(
    ("text", "reasons"),
    [
        ("Counselor Donald A. Blome for reason 1.4(d) (C) We delivered reftel demarche to", ("1.4(d)",)),
        ("Counselor Richard M. Mills, Jr. for Reasons 1.4 (b) and (d) (C) HMG is fully aware of",
         ("1.4(b)", "1.4(d)")),
        ("Ambassador Margaret Scobey for reason 1.4 (b). 1.KEY POINTS -- (C) On June 2, a minister", ("1.4(b)",)),
        ("Cherie Jackson, Reasons 1.4 (b) and (d). REFTELS: A) 2008 BRASILIA 672, B) 2008 BRASILIA 593",
         ("1.4(b)", "1.4(d)")),
        ("Econ MC Matthias Mitman for reasons 1.4 (b. and d.)", ("1.4(b)", "1.4(d)")),
        ("Todd C. Chapman, Reasons 1.4(b+d)", ("1.4(b)", "1.4(d)")),
        ("Ambassador William Bellamy for reasons 1.4 (b,d)", ("1.4(b)", "1.4(d)")),
        ("Josiah Rosenblatt for reasons 1.4. (b) and (d).", ("1.4(b)", "1.4(d)")),
        ("Ambassador Eric Edelman; reasons: E.O. 12958 1.4 (a,b,c,d).", ("1.4(a)", "1.4(b)", "1.4(c)", "1.4(d)")),
    ],
)
def test_the_reasons_are_the_list_after_the_section_number(text: str, reasons: tuple[str, ...]) -> None:
    assert transform.split_classified_by(text)[1] == reasons


def test_a_run_on_name_before_more_text_is_no_signature() -> None:
    text = _HEAD + "SUBJECT: A SUBJECT\n" + _LAST.format(tail=" Sobel\n\n3. (U) More text.\n")
    assert cablegrammar.parse(text).signature is None


def test_the_run_on_signature_uses_the_grammars_name() -> None:
    assert _parser.terminal_regexps()["SIGNATURE_NAME"] in _parser.terminal_regexps()["SIGNATURE_LINE"]


# The E.O. line run on after a caption or passing line, or indented (working half of avilaroman_cablegate:
# 09LONDON2785, 08LONDON630; heuer_cablemap 08TRIPOLI220; markchips_testset 73TEHRAN2077).
@pytest.mark.parametrize(
    ("line", "before", "declassification"),
    [
        ("SENSITIVE SIPDIS E.O. 12958: N/A \n", ("CaptionLine", "SENSITIVE SIPDIS"), "N/A"),
        ("DEPT FOR NEA/MAG AND DRL E.O. 12958: DECL: 3/13/2018 \n", ("TextBlock", "DEPT FOR NEA/MAG AND DRL"),
         "DECL: 3/13/2018"),
        (" E.O. 12958: DECL: 02/28/2018 \n", None, "DECL: 02/28/2018"),
        ("\u00b6E. O. 11652: GDS \n", None, "GDS"),
    ],
    ids=["after-captions", "after-a-passing-line", "indented", "after-a-pilcrow"],
)
def test_an_eo_line_run_on_or_indented_is_an_eo_line(
    line: str, before: tuple[str, str] | None, declassification: str
) -> None:
    text = "UNCLAS SECTION 01 OF 03 LONDON 002785\n\n" + line + "TAGS: ECON UK\nSUBJECT: A SUBJECT\n" + _BODY
    cable = cablegrammar.parse(text)
    assert cable.eo is not None
    assert cable.eo.declassification == declassification
    kinds = [item for item in cable.items if not isinstance(item, cablegrammar.ClassificationLine)]
    if before is not None:
        kind, shown = before
        assert type(kinds[0]).__name__ == kind
        assert (kinds[0].text if kind == "CaptionLine" else kinds[0].lines[-1]) == shown
    assert cablegrammar.render(cable) == text
    assert cablegrammar.normalize(cable) == cable


def test_an_order_named_in_free_text_is_no_eo_line() -> None:
    text = "UNCLAS LONDON 002785\n\nThe Department designated the bank under E.O. 13224 on May 5.\n" + _BODY
    cable = cablegrammar.parse(text)
    assert cable.eo is None


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r(?!\n)|\n)|[^\r\n]+$")


def _expanded(node: object) -> object:
    """A parse tree as nested tuples, each fused TEXT_LINE token split back into its lines."""
    if hasattr(node, "data"):
        children: list[object] = []
        for child in node.children:  # type: ignore[attr-defined]
            if getattr(child, "type", None) == _parser.TEXT_LINE:
                children += [(_parser.TEXT_LINE, line) for line in _LINE.findall(str(child))]
            else:
                children.append(_expanded(child))
        return (str(node.data), tuple(children))  # type: ignore[attr-defined]
    return (node.type, str(node))  # type: ignore[attr-defined]


def test_fused_free_text_runs_read_as_the_line_by_line_lexer_reads() -> None:
    """The per-state runs of free-text lines (_parser._fuse_text_lines) change no tree and no refusal."""
    plain = Lark(_parser.grammar_text(), **_parser._LARK_OPTIONS)
    fused = _parser.get_pure_parser()
    for path in [*valid_files(), *invalid_files()]:
        text = cablegrammar.decode(path.read_bytes())
        text = text if text.endswith(("\n", "\r")) else text + "\n"
        try:
            expected = _expanded(plain.parse(text))
        except LarkError:  # a refusal: the fused parser refuses too
            with pytest.raises(LarkError):
                fused.parse(text)
            continue
        assert _expanded(fused.parse(text)) == expected, path.name


@pytest.mark.parametrize(
    ("ending", "signature"),
    [
        ("HELMS\n\nDeclassified/Released US Department of State EO Systematic Review 30 JUN 2005\n\nNNN\n", "HELMS"),
        ("MURRAY\n.\n", "MURRAY"),  # chillicoder 09BRUSSELS536
        (" \nvan Voorst\n", "van Voorst"),  # 06REYKJAVIK312 (working half)
        ("KELLY\n\n\n=======================CABLE ENDS============================\n", "KELLY"),
    ],
    ids=["1970s-declassification-notice", "stray-full-stop", "name-particle", "cable-ends"],
)
def test_what_may_follow_a_signature(ending: str, signature: str) -> None:
    text = "UNCLAS TEHRAN 7005\n\n1. (U) Text of the cable.\n\n" + ending
    cable = cablegrammar.parse(text)
    assert cable.signature == signature
    assert cablegrammar.render(cable) == text


def test_a_three_digit_addressee_serial_is_the_serial() -> None:
    cable = cablegrammar.parse("R 041125Z MAR 75\nFM AMEMBASSY TEHRAN\nTO SECSTATE WASHDC 475\n\nUNCLAS TEHRAN 2069\n")
    assert [(a.name, a.serial) for a in cable.to] == [("SECSTATE WASHDC", "475")]


@pytest.mark.parametrize("line", ["TAG MASS, PREL, BR", " TAG KCFE, PARM, PREL, NATO"])  # 09BRASILIA952, 10BERLIN194
def test_a_tag_label_without_its_colon_before_a_list_is_the_tags_line(line: str) -> None:
    cable = cablegrammar.parse(f"UNCLAS BRASILIA 000952\n\nE.O. 12958: N/A\n{line}\nSUBJECT: A SUBJECT\n" + _BODY)
    assert cable.tags[:2] == tuple(line.split(None, 1)[1].replace(",", "").split()[:2])


def test_a_paragraph_line_opening_with_tag_stays_text() -> None:
    cable = cablegrammar.parse("UNCLAS BRASILIA 000952\n\n1. (U) The two parties formed a\nTAG TEAM OF NEGOTIATORS.\n")
    assert cable.tags == ()
    assert cable.paragraphs[0].text.endswith("TAG TEAM OF NEGOTIATORS.")


def test_blank_lines_between_two_routed_addressees_keep_the_list() -> None:
    """09PANAMA523 (working half): a blank line inside the INFO list."""
    text = ("R 011200Z MAY 09\nFM AMEMBASSY PANAMA\nTO RUEHC/SECSTATE WASHDC 2027\n"
            "INFO RHMFISS/JOINT STAFF WASHINGTON DC\n\nRHEHAAA/NSC WASHDC\nRUEKJCS/SECDEF WASHDC\n\n"
            "C O N F I D E N T I A L PANAMA 000523\n\n1. (C) Text.\n")
    cable = cablegrammar.parse(text)
    assert [a.name for a in cable.info] == ["JOINT STAFF WASHINGTON DC", "NSC WASHDC", "SECDEF WASHDC"]
    assert cablegrammar.render(cable) == text
    assert cablegrammar.normalize(cable) == cable


def test_a_page_mark_with_a_field_run_on_after_it_is_a_page_break() -> None:
    """09TRIPOLI437 (working half): the page mark, then the Classified By line, on one line after the SUBJECT."""
    text = (_HEAD + "SUBJECT: LIBYA'S FORMER NUCLEAR CENTER DIRECTOR RESURFACES \n \n"
            "TRIPOLI 00000437  001.2 OF 002   CLASSIFIED BY: Gene Cretz, Ambassador. REASON: 1.4 (b), (d)\n" + _BODY)
    cable = cablegrammar.parse(text)
    assert cable.subject == "LIBYA'S FORMER NUCLEAR CENTER DIRECTOR RESURFACES"
    assert [page.text for page in cable.page_breaks] == ["TRIPOLI 00000437  001.2 OF 002"]
    assert cable.classified_by is not None and cable.classified_by.classifier == "Gene Cretz, Ambassador"
    assert cablegrammar.render(cable) == text
    assert cablegrammar.normalize(cable) == cable


# ---------------------------------------------------------------------------
# The message reference number on a line of its own; keywords glued to the first addressee
# ---------------------------------------------------------------------------

_ENVELOPE_TAIL = "P 240620Z JUL 08\nFM AMEMBASSY TRIPOLI\nTO RUEHC/SECSTATE WASHDC PRIORITY 8009\n\n"


@pytest.mark.parametrize(
    "first_lines",
    [
        "C O N F I D E N T I A L SECTION 01 OF 02\n\nTRIPOLI 000133\n",
        "C O N F I D E N T I A L SECTION 01 OF 02\nTRIPOLI 000133\n",
        "CONFIDENTIAL\n\n\nTRIPOLI 000133\n",
    ],
    ids=["counter-blank", "counter", "word-blanks"],
)
def test_the_message_reference_number_may_stand_on_a_line_of_its_own(first_lines: str) -> None:
    cable = cablegrammar.parse(_ENVELOPE_TAIL + first_lines + "\nSIPDIS\n\nSUBJECT: A TEST\n")
    line = cable.items[0]
    assert isinstance(line, ClassificationLine)
    assert (line.classification, line.origin, line.serial) == ("CONFIDENTIAL", "TRIPOLI", "000133")
    assert cable.reference_id == "08TRIPOLI133" and cable.captions == ("SIPDIS",)


def test_a_classification_word_over_a_line_that_is_no_reference_number_takes_none() -> None:
    cable = cablegrammar.parse(_ENVELOPE_TAIL + "CONFIDENTIAL\nTRIPOLI 000133 AND MORE\n")
    assert not any(isinstance(item, ClassificationLine) for item in cable.items)


@pytest.mark.parametrize("counter", ["SECTION 01 OF 02", "SCTION 01 OF 02", "ECTION 01 OF 02"])
def test_a_section_counter_that_lost_a_letter_is_read(counter: str) -> None:
    cable = cablegrammar.parse(_ENVELOPE_TAIL + f"C O N F I D E N T I A L {counter} MANAMA 000492\n")
    line = cable.items[0]
    assert isinstance(line, ClassificationLine) and line.section == (1, 2) and line.origin == "MANAMA"


def test_to_and_info_may_be_glued_to_their_first_routed_addressee() -> None:
    text = (
        "P 240620Z JUL 08\nFM AMEMBASSY MANAMA\nTORUEHC/SECSTATE WASHDC PRIORITY 8009\n"
        "INFORUEHGB/AMEMBASSY BAGHDAD PRIORITY 0252\n\nCONFIDENTIAL MANAMA 000492\n"
    )
    cable = cablegrammar.parse(text)
    assert [(a.routing_indicator, a.name) for a in cable.to] == [("RUEHC", "SECSTATE WASHDC")]
    assert [(a.routing_indicator, a.name) for a in cable.info] == [("RUEHGB", "AMEMBASSY BAGHDAD")]
    assert cablegrammar.render(cable) == text


def test_a_run_on_classified_by_label_may_lose_a_letter() -> None:
    cable = cablegrammar.parse(
        "CONFIDENTIAL MANAMA 000492\n\nREF: A. MANAMA 165 B. MANAMA 486 Classiied By: CDA Christopher Henzel "
        "for reasons 1.4 (b)and (d)\n\n1. (C) Text.\n"
    )
    assert [r.text for r in cable.references] == ["MANAMA 165", "MANAMA 486"]
    assert cable.classified_by is not None and cable.classified_by.classifier == "CDA Christopher Henzel"


def test_a_free_line_right_after_the_tags_line_starts_a_text_block() -> None:
    cable = cablegrammar.parse(
        "CONFIDENTIAL KUWAIT 000624\n\nTAGS: OREP AMGT KU COUNTRY\nCLEARANCE\n"
        "SUBJECT: KUWAIT GRANTS COUNTRY CLEARANCE\n"
    )
    assert cable.tags == ("OREP", "AMGT", "KU", "COUNTRY")
    assert [type(item).__name__ for item in cable.items] == ["ClassificationLine", "TagsLine", "TextBlock", "Subject"]
    assert cable.subject == "KUWAIT GRANTS COUNTRY CLEARANCE"
    wrapped = cablegrammar.parse("CONFIDENTIAL KUWAIT 000624\n\nTAGS: OREP AMGT\nKU PREL\nSUBJECT: X\n")
    assert wrapped.tags == ("OREP", "AMGT", "KU", "PREL")


# Text run on after the Classified By reasons, unnumbered, on the same line (flattened renderings; working half
# of avilaroman_cablegate: 09CAIRO1739, 08LONDON2218): a text block of its own, which may end in the signature.
def test_text_run_on_after_the_classified_by_reasons_is_a_text_block() -> None:
    text = (_HEAD + "SUBJECT: A SUBJECT\n\nClassified By: Counselor Donald A. Blome for reason 1.4(d) (C) We "
            "delivered the demarche. (C) Aboul Magd said it would be studied. Scobey")
    cable = cablegrammar.parse(text)
    assert cable.classified_by is not None
    assert (cable.classified_by.classifier, cable.classified_by.reasons) == ("Counselor Donald A. Blome",
                                                                              ("1.4(d)",))
    block = cable.items[-2]
    assert isinstance(block, TextBlock)
    assert block.lines == ("(C) We delivered the demarche. (C) Aboul Magd said it would be studied.",)
    assert cable.signature == "Scobey"
    assert cablegrammar.render(cable) == text
    assert cablegrammar.normalize(cable) == cable


@pytest.mark.parametrize(
    "line",
    ["Classified By: Ambassador X for reasons 1.4 (C) and (D) of the order.\n",
     "Classified By: Ambassador X for reasons 1.4 (b) 1. (C) Summary: a paragraph.\n"],
    ids=["a-list-of-reasons", "a-numbered-paragraph"],
)
def test_no_text_block_runs_on_before_a_reason_or_a_paragraph(line: str) -> None:
    cable = cablegrammar.parse(_HEAD + line)
    assert not any(isinstance(item, TextBlock) for item in cable.items)


# A REF block headed REFTELS run on after the Classified By line (chillicoder_cablegate: 09BRASILIA1383).
def test_reftels_run_on_after_the_classified_by_line() -> None:
    text = (_HEAD + "SUBJECT: BLACKOUT Classified By: Charge d'Affaires Cherie Jackson, Reasons 1.4 (b) and (d). "
            "REFTELS: A) 2008 BRASILIA 672, B) 2008 BRASILIA 593\n" + _BODY)
    cable = cablegrammar.parse(text)
    assert [(r.label, r.text) for r in cable.references] == [("A", "2008 BRASILIA 672"), ("B", "2008 BRASILIA 593")]
    assert cable.classified_by is not None and cable.classified_by.reasons == ("1.4(b)", "1.4(d)")


# Paragraph heads numbered with a closing parenthesis: the cable's paragraphs when they carry the numbering on
# (avilaroman_cablegate working half: 05BRASILIA1922), a list inside a paragraph when they restart it
# (chillicoder_cablegate: 09STATE74787, 09ABUDHABI874).
def test_parenthesis_heads_are_paragraphs_when_they_carry_the_numbering_on() -> None:
    text = (_HEAD + "SUBJECT: A SUBJECT\n\n1) (U) Summary. First.\n\nA HEADING ------\n\n2) (SBU) Second\nline.\n\n"
            "3)(C) Third.\n\n\u00b64. (U) Fourth.\n")
    cable = cablegrammar.parse(text)
    assert [(p.number, p.marking, p.text) for p in cable.paragraphs] == [
        (1, "U", "Summary. First."), (2, "SBU", "Second line."), (3, "C", "Third."), (4, "U", "Fourth.")]
    assert cablegrammar.render(cable) == text
    assert cablegrammar.normalize(cable) == cable


def test_an_indented_parenthesis_head_keeps_its_number_and_text() -> None:
    text = _HEAD + "SUBJECT: A SUBJECT\n\n1) (U) First.\n\n  2) (C) Second.\n"
    cable = cablegrammar.parse(text)
    assert [(p.number, p.marking, p.text) for p in cable.paragraphs] == [(1, "U", "First."), (2, "C", "Second.")]
    assert cablegrammar.render(cable) == text


def test_parenthesis_heads_that_restart_the_numbering_are_a_list() -> None:
    text = (_HEAD + "SUBJECT: A SUBJECT\n\n1. (C/NF) The questions.\n\nA. (U) SECURITY TEAM:\n\n"
            "1) (C/NF) WHO LEADS?\n\n2) (C/NF) HOW OFTEN?\n\n2. (U) Please cite.\n")
    cable = cablegrammar.parse(text)
    assert [(p.number, p.marking) for p in cable.paragraphs] == [(1, "C/NF"), (2, "U")]
    assert cablegrammar.render(cable) == text


# A paragraph head run on in a free line after a paragraph, and a marking typed "( C)" (chillicoder_cablegate:
# 07SANTIAGO983).
def test_a_paragraph_run_on_in_a_free_line_after_a_paragraph_is_a_paragraph() -> None:
    text = (_HEAD + "SUBJECT: A SUBJECT\n\n1. (C) Summary: text.\n\n--Play to our strength: suggestions. 2. (C) We "
            "should.\n\n3. ( C) With regard to Mercosur.\n")
    cable = cablegrammar.parse(text)
    assert [(p.number, p.marking, p.text) for p in cable.paragraphs] == [
        (1, "C", "Summary: text."), (2, "C", "We should."), (3, "C", "With regard to Mercosur.")]
    assert any(isinstance(item, TextBlock) and item.lines == ("--Play to our strength: suggestions.",)
               for item in cable.items)
    assert cablegrammar.render(cable) == text
    assert cablegrammar.normalize(cable) == cable


# The labels run on after the E.O. line in the release's case-folded texts (chillicoder_cablegate: 04ANKARA348).
def test_case_folded_tags_and_subject_run_on_after_the_eo_line() -> None:
    text = ("C o n f i d e n t i a l ankara 000348\n\nE.o. 12958: decl: 01/07/2014 Tags: prel, pgov, tu Subject: "
            "turkish p.m. Erdogan goes to washington\n" + _BODY)
    cable = cablegrammar.parse(text)
    assert cable.tags == ("prel", "pgov", "tu") and cable.subject == "turkish p.m. Erdogan goes to washington"
    assert cable.eo is not None and cable.eo.declassification == "decl: 01/07/2014"


# A passing line of the caption block that opens with control words (avilaroman_cablegate working half:
# 09TRIPOLI966): its leading words are the cable's markings.
def test_the_control_words_a_passing_caption_line_opens_with_are_markings() -> None:
    text = ("S E C R E T TRIPOLI 000966\n\nNOFORN SIPDIS STATE FOR NEA/FO. STATE PLEASE PASS TO ENERGY (NOFORN).\n\n"
            "E.O. 12958: DECL: 12/15/2019\nTAGS: PREL LY\n" + _BODY)
    cable = cablegrammar.parse(text)
    assert (cable.caveats, cable.captions) == (("NOFORN",), ("SIPDIS",))


# The first paragraph run on after the REF items (avilaroman_cablegate working half: 08LONDON2972), never past a
# Classified By run on before it (08TRIPOLI457).
@pytest.mark.parametrize(
    ("line", "references", "classifier"),
    [
        ("REF: A. SECSTATE 123492      B. USEU 1629  1. (SBU)  Post delivered the points.\n",
         [("A", "SECSTATE 123492"), ("B", "USEU 1629")], None),
        ("REF: TRIPOLI 442  CLASSIFIED BY: Chris Stevens, CDA, for reasons 1.4 (b) and (d) 1. (C) Post delivered.\n",
         [(None, "TRIPOLI 442")], "Chris Stevens, CDA"),
    ],
    ids=["ref", "ref-classified-by"],
)
def test_a_paragraph_run_on_after_the_ref_items_is_a_paragraph(
    line: str, references: list[tuple[str | None, str]], classifier: str | None
) -> None:
    text = _HEAD + "SUBJECT: A SUBJECT\n" + line
    cable = cablegrammar.parse(text)
    assert [(r.label, r.text) for r in cable.references] == references
    assert (cable.classified_by.classifier if cable.classified_by else None) == classifier
    assert [(p.number, p.marking) for p in cable.paragraphs] == [(1, "SBU" if classifier is None else "C")]
    assert cablegrammar.render(cable) == text
    assert cablegrammar.normalize(cable) == cable


# The 1970s declassification stamp after the signature, wrapped (markchips_testset: 75TEHRAN2069).
def test_a_signature_before_a_wrapped_declassification_stamp() -> None:
    text = (_HEAD + "SUBJECT: A SUBJECT\n" + _BODY + "\nHELMS \n\nDeclassified/Released US Department of State EO \n"
            "Systematic Review 05 JUL 2006\n")
    assert cablegrammar.parse(text).signature == "HELMS"


# The same text on a continuation line of the Classified By line, at its start or after the reasons
# (chillicoder_cablegate: 10ABUDHABI9; avilaroman_cablegate working half: 09TRIPOLI394, 09CAIRO1059).
@pytest.mark.parametrize(
    ("lines", "rest"),
    [
        ("Richard Olson, Ambassador; REASON: 1.4(B), (D)\n(S//NF) Summary\n", ("(S//NF) Summary",)),
        ("Gene A. Cretz, Ambassador,\nDepartment of State. REASON: 1.4 (b), (d) (S) Ambassador telephoned Treiki.\n",
         ("(S) Ambassador telephoned Treiki.",)),
    ],
    ids=["line-start", "after-the-reasons"],
)
def test_marked_text_on_a_classified_by_continuation_line_is_a_text_block(lines: str, rest: tuple[str, ...]) -> None:
    text = _HEAD + "SUBJECT: A SUBJECT\n\nClassified By: " + lines + _BODY
    cable = cablegrammar.parse(text)
    assert cable.classified_by is not None and cable.classified_by.reasons == ("1.4(b)", "1.4(d)")
    assert isinstance(cable.items[-2], TextBlock) and cable.items[-2].lines == rest
    assert cablegrammar.render(cable) == text
    assert cablegrammar.normalize(cable) == cable

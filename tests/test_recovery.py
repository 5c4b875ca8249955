"""Recovery mode: parse(text, recover=True) never raises and never loses a byte."""

from __future__ import annotations

import collections
import pickle
from pathlib import Path

import attrs
import pytest
from conftest import CORPUS, SHARED_CORPUS, invalid_files, shared_manifest, valid_files

import cablegrammar
from cablegrammar import Cable, TextBlock, Unparsed, parse, render
from cablegrammar import recover as recovery
from cablegrammar.recover import MAX_DIAGNOSTICS

FLATTENED = "nonelater_flattened_islamabad__ISLAMABAD{}.txt"


def read(path: Path) -> str:
    return cablegrammar.decode(path.read_bytes())


def recovered(text: str) -> Cable:
    cable = parse(text, recover=True)
    assert render(cable) == text
    return cable


def where(cable: Cable) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in cable.diagnostics]


@pytest.mark.parametrize("path", valid_files(), ids=lambda p: p.stem)
def test_accepted_text_gives_the_strict_cable(path: Path) -> None:
    text = read(path)
    cable = recovered(text)
    assert cable == parse(text)
    assert cable.diagnostics == ()
    assert cable.unparsed == ()


@pytest.mark.parametrize("path", invalid_files(), ids=lambda p: p.stem)
def test_refused_text_is_recovered_with_the_strict_error_among_the_diagnostics(path: Path) -> None:
    text = read(path)
    with pytest.raises(cablegrammar.CableSyntaxError) as info:
        parse(text)
    cable = recovered(text)
    strict = info.value
    assert (strict.code, strict.line, strict.column) in where(cable)
    found = next(d for d in cable.diagnostics if d.offset == strict.offset and d.code == strict.code)
    assert found.message == strict.message
    assert found.expected == strict.expected
    assert found.context == strict.context
    assert found.offset == strict.offset


def test_flattened_cable_keeps_its_fields() -> None:
    cable = recovered(read(CORPUS / "invalid" / FLATTENED.format("000648_00to03_line0")))
    assert (cable.classification, cable.origin, cable.classification_line.serial) == (  # type: ignore[union-attr]
        "CONFIDENTIAL", "ISLAMABAD", "000648"
    )
    assert cable.classification_line.section == (1, 2)  # type: ignore[union-attr]
    assert cable.classification_line.tail == "DEPT FOR SA/PAB, S/CT, DS/ITA"  # type: ignore[union-attr]
    assert cable.eo == cablegrammar.EOLine(order="12958", declassification="DECL:  2/06/11")
    assert str(cable.eo.declassify_on) == "2011-02-06"  # type: ignore[union-attr]
    assert cable.tags == ("PTER", "EAIR", "PLO", "PK")
    assert cable.subject == "UPDATE:  PAN AM HIJACKERS"
    assert cable.classified_by.reasons == ("1.5(b)", "1.5(d)")  # type: ignore[union-attr]
    assert [p.number for p in cable.paragraphs] == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert cable.paragraphs[0].marking == "C"
    assert cable.paragraphs[0].text.startswith("SUMMARY.  ALL FIVE PAN AM 73 HIJACKERS REMAIN INCARCERATED")
    assert cable.unparsed == ()
    assert where(cable)[:4] == [("CG104", 1, 91), ("CG104", 1, 119), ("CG103", 1, 145), ("CG104", 1, 146)]
    assert str(cable.diagnostics[3]) == (
        "CG104 at line 1, column 146: the line breaks seem lost: a line break is assumed before 'SUBJECT:'"
    )
    # The assumed line breaks are nowhere in the nodes' text.
    assert all("\n" not in item.layout.raw[:-1] for item in cable.items)  # type: ignore[union-attr]


def test_second_flattened_cable() -> None:
    cable = recovered(read(CORPUS / "invalid" / FLATTENED.format("002617_95to00_line10")))
    assert (cable.classification, cable.origin) == ("CONFIDENTIAL", "ISLAMABAD")
    assert cable.tags == ("PARM", "PREL", "PK")
    assert cable.subject == 'PAKISTAN TESTS "GHAURI" MISSILE'
    assert cable.paragraphs[0].marking == "U"
    assert cable.paragraphs[0].text == ""
    assert cable.classified_by.text == "CDA ALAN EASTHAM, 1.5D."  # type: ignore[union-attr]
    assert cable.paragraphs[1].text.startswith("SUMMARY:  FOREIGN SECRETARY SHAMSHAD AHMAD SUMMONED")


def test_shuffled_envelope_is_kept_unparsed() -> None:
    text = read(CORPUS / "invalid" / "handmade__shuffled_header.txt")
    cable = recovered(text)
    first, second = text.splitlines(keepends=True)[:2]
    # The envelope lines before the failing one are unparsed; the failing
    # line and the rest of the broken envelope are read again, as free text.
    assert cable.items[0] == Unparsed(text=first)
    assert isinstance(cable.items[1], cablegrammar.TextBlock)
    assert cable.items[1].lines[0] == second.rstrip("\n")
    assert where(cable) == [("CG100", 2, 1)]
    assert cable.classification == "CONFIDENTIAL"
    assert cable.tags == ("PGOV", "PREL", "AJ")


def test_bad_line_after_the_envelope_is_one_unparsed_item() -> None:
    text = (
        "R 010000Z JAN 09\nFM AMEMBASSY BAKU\nTO SECSTATE WASHDC\n\nID 1234\n"
        "UNCLAS BAKU 000001\n\nTAGS: PREL\n"
    )  # ("ID: 1234" would open an export record, which the text may follow)
    cable = recovered(text)
    assert cable.sender == "AMEMBASSY BAKU"
    assert cable.unparsed == (Unparsed(text="ID 1234\n"),)
    assert where(cable) == [("CG100", 5, 1)]
    assert cable.tags == ("PREL",)


def test_truncated_text() -> None:
    cable = recovered("VZCZCXRO7895\n")
    assert cable.items == (Unparsed(text="VZCZCXRO7895\n"),)
    assert where(cable) == [("CG102", 1, 13)]  # where strict parse points too
    cable = recovered("VZCZCXRO7895")
    assert cable.items == (Unparsed(text="VZCZCXRO7895"),)


@pytest.mark.parametrize("text", ["", " ", "\n", "  \n\t\n", "\x0b", "\x00"])
def test_blank_and_tiny_texts(text: str) -> None:
    cable = recovered(text)
    if text.strip():
        assert cable.items == (Unparsed(text=text),)
        assert where(cable)[0][0] == "CG100"
    else:
        assert cable.items == ((Unparsed(text=text),) if text else ())
        assert where(cable) == [("CG001", 1, 1)]


def test_free_text_is_unparsed_up_to_a_cable_opening() -> None:
    cable = recovered("hello\nworld\nUNCLAS STATE 000001\nTAGS: PREL")
    assert cable.items[0] == Unparsed(text="hello\n")
    assert isinstance(cable.items[1], cablegrammar.TextBlock)
    assert cable.tags == ("PREL",)


def test_glued_cables_are_read_one_after_the_other(seed_text: str) -> None:
    text = seed_text + "\n" + seed_text
    cable = recovered(text)
    assert cable.classification == "CONFIDENTIAL"
    assert len([i for i in cable.items if isinstance(i, cablegrammar.ClassificationLine)]) == 2
    assert len(cable.paragraphs) == 2 * len(parse(seed_text).paragraphs)
    assert cable.diagnostics == ()  # the second envelope reads as free text


def test_html_debris(seed_text: str) -> None:
    text = "<html><body><pre>\n" + seed_text + "</pre></body></html>\n"
    cable = recovered(text)
    # The markup before the envelope is a preamble of stray lines (CG280 flags it); the envelope is read.
    assert cable.preamble == cablegrammar.Preamble(lines=["<html><body><pre>"], kind="stray_lines")
    assert cable.envelope == parse(seed_text).envelope
    assert cable.subject == parse(seed_text).subject


def test_diagnostics_are_capped() -> None:
    line = "CONFIDENTIAL BAKU 000864 SUBJECT: X\n"
    cable = recovered("UNCLAS STATE 000001\n" + line * 600)
    assert len(cable.diagnostics) == MAX_DIAGNOSTICS
    assert cable.diagnostics[-1].code == "CG190"
    assert cable.diagnostics[-1].message == "201 more problems are not listed"


def test_diagnostics_and_unparsed_do_not_change_equality(seed_text: str) -> None:
    cable = recovered(seed_text.replace("PP RUEHDBU\n", "", 1))
    assert cable.diagnostics
    assert attrs.evolve(cable, diagnostics=()) == cable
    assert "diagnostics" not in repr(cable)
    again = pickle.loads(pickle.dumps(cable))
    assert again == cable
    assert again.diagnostics == cable.diagnostics
    # Canonical rendering keeps unparsed text as it is.
    assert cablegrammar.render(cablegrammar.strip_layout(cable)).startswith("VZCZCXRO7895\n")


def test_byte_order_mark_is_kept(seed_text: str) -> None:
    for recover in (False, True):
        cable = parse("\ufeff" + seed_text, recover=recover)
        assert cable.layout.byte_order_mark  # type: ignore[union-attr]
        assert render(cable) == "\ufeff" + seed_text
        assert cable == parse(seed_text)
    assert not parse(seed_text).layout.byte_order_mark  # type: ignore[union-attr]
    cable = recovered("\ufeffVZCZCXRO7895\n")
    assert cable.items == (Unparsed(text="VZCZCXRO7895\n"),)
    with pytest.raises(cablegrammar.CableSyntaxError) as info:
        parse("\ufeff")
    assert info.value.code == "CG001"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_other_line_endings(seed_text: str, newline: str) -> None:
    text = seed_text.replace("\n", newline)
    assert render(parse(text)) == text
    assert parse(text) == parse(seed_text)
    broken = "VZCZCXRO7895" + newline + "DE RUEHKB #0864" + newline + "UNCLAS STATE 000001" + newline
    cable = recovered(broken)
    assert where(cable) == [("CG100", 2, 1)]
    assert cable.classification == "UNCLASSIFIED"


def test_nul_characters(seed_text: str) -> None:
    text = seed_text.replace("(C) ", "(C) \x00", 1)
    assert render(parse(text)) == text
    cable = recovered("\x00" + seed_text)
    assert cable.unparsed[0].text.startswith("\x00")
    assert where(cable)[0] == ("CG100", 1, 1)


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="the shared corpus is not on this machine")
def test_full_shared_corpus_recovers() -> None:
    rows = shared_manifest()
    files = sorted(SHARED_CORPUS.glob("*/*.txt"))
    assert sorted(SHARED_CORPUS / row["file"] for row in rows) == files  # the manifest lists every file
    flattened = 0
    with_unparsed: collections.Counter[str] = collections.Counter()
    for row in rows:
        path = SHARED_CORPUS / row["file"]
        folder = path.parent.name
        text = read(path)
        cable = parse(text, recover=True)
        assert render(cable) == text, path
        with_unparsed[folder] += bool(cable.unparsed)
        if folder == "nonelater_flattened_islamabad":
            flattened += 1
            assert cable.classification and cable.tags and cable.subject, path
            assert cable.diagnostics, path
    print(f"files with unparsed text, by folder: {dict(sorted(with_unparsed.items()))}")
    assert flattened == 30
    for folder, ceiling in UNPARSED_CEILINGS.items():
        assert with_unparsed[folder] <= ceiling, folder


#: Files of each shared-corpus folder that recovery reads with some text left unparsed, at most (as measured;
#: lower them as the grammar grows; a folder not listed is reported only).
UNPARSED_CEILINGS = {
    "avilaroman_cablegate": 114,
    "chillicoder_cablegate": 2,
    "heuer_cablemap": 1,
    "markchips_testset": 0,
    "nonelater_flattened_islamabad": 0,
    "paulmathieu_converted": 0,
    "seed": 0,
}


def test_a_free_line_read_right_after_a_tags_line_renders_as_it_stood() -> None:
    """Found by fuzzing: recovery reads a text block right after a TAGS line, with no blank line between."""
    text = "3 TAGS: \nC EO1957:"
    assert cablegrammar.render(cablegrammar.parse(text, recover=True)) == text


def test_a_text_block_added_after_a_parsed_tags_line_gets_its_blank_line() -> None:
    cable = cablegrammar.parse("UNCLAS STATE 000001\nTAGS: PREL\nSUBJECT: X\n")
    items = list(cable.items)
    items.insert(2, TextBlock(lines=("A PASSING LINE",)))
    edited = attrs.evolve(cable, items=items)
    reparsed = cablegrammar.parse(cablegrammar.render(edited))
    kinds = [type(item).__name__ for item in reparsed.items]
    assert kinds == ["ClassificationLine", "TagsLine", "TextBlock", "Subject"]


def test_a_record_line_that_lost_its_trailing_blank_still_follows_a_blank_line() -> None:
    """Found by fuzzing: the grammar saw "INFO " after a blank line inside a record; the value keeps "INFO"."""
    text = "R 181205Z NOV 75\nFM A\nid:0\n\nINFO "
    assert cablegrammar.render(cablegrammar.parse(text, recover=True)) == text


# "null" opens a mailbox export, which strict parsing then misses; other lines before the envelope are a
# preamble of stray lines that strict parsing reads (tests/test_artifacts.py).
@pytest.mark.parametrize("junk", ["null\n"])
def test_a_line_of_junk_before_the_envelope_leaves_the_envelope_read(junk: str) -> None:
    seed = (CORPUS / "valid" / "seed__07BAKU864.txt").read_text(encoding="utf-8")
    cable = parse(junk + seed, recover=True)
    assert cable.leading_unparsed == Unparsed(text=junk)
    assert cable.unparsed == (Unparsed(text=junk),)
    assert cable.envelope == parse(seed).envelope and cable.items == parse(seed).items
    assert render(cable) == junk + seed
    with pytest.raises(cablegrammar.CableSyntaxError) as raised:
        parse(junk + seed)
    assert [(d.code, d.line) for d in cable.diagnostics] == [(raised.value.code, raised.value.line)]


@pytest.mark.parametrize(("line", "keyword"), [
    ("text Classified By: A", "Classified By:"), ("text CLASSIFIED BY A", "CLASSIFIED BY"),
    ("text Subject: A", "Subject:"), ("text SUBJ: A", "SUBJ:"), ("text Tags: A", "Tags:"),
    ("text Ref: A", "Ref:"), ("text REFTEL: A", "REFTEL:"), ("text E.0. 12958: DECL", "E.0. 12958:"),
    ("text EO 12958 N/A", "EO 12958 N/A"), ("text.  112. (C) Text", "112. "),
])
def test_a_line_break_is_assumed_before_each_keyword_as_the_grammar_spells_it(line: str, keyword: str) -> None:
    found = recovery._SOFT_BREAK.search(line)
    assert found is not None and found.group() == keyword


@pytest.mark.parametrize("line", ["the tags and labels", "under EO 13224 the", "subject to review", "see 3. above"])
def test_no_line_break_is_assumed_in_running_text(line: str) -> None:
    assert recovery._SOFT_BREAK.search(line) is None

"""Fragments: start symbols for pieces of a cable, and recovery that resynchronizes (docs/fragments.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

import cablegrammar
from cablegrammar import _parser, model
from cablegrammar.render import render_node, rendered_parts

ROOT = Path(__file__).resolve().parents[1]
VALID = sorted((ROOT / "tests" / "corpus" / "valid").glob("*.txt"))
SEED = (ROOT / "tests" / "corpus" / "valid" / "seed__07BAKU864.txt").read_text(encoding="utf-8")
SEED_LINES = SEED.splitlines(keepends=True)

#: The node type each item start symbol reads.
ITEM_NODES: dict[str, type] = {
    "classification_line": model.ClassificationLine, "caption_line": model.CaptionLine, "eo_line": model.EOLine,
    "tags_line": model.TagsLine, "subject": model.Subject, "references": model.References,
    "classified_by": model.ClassifiedBy, "paragraph": model.Paragraph, "page_break": model.PageBreak,
    "signature": model.Signature,
}


def test_every_item_start_has_its_node_type() -> None:
    assert set(ITEM_NODES) == set(_parser.ITEM_STARTS)


# ---------------------------------------------------------------------------
# Blocks
# ---------------------------------------------------------------------------


def test_a_caption_block_reads_as_a_body() -> None:
    text = "TAGS: PREL PGOV\nSUBJECT: OIL FACILITIES\nREF: A. RIYADH 1579  B. RIYADH 1408\n"
    cable = cablegrammar.parse(text, start="body")
    assert cable.tags == ("PREL", "PGOV")
    assert cable.subject == "OIL FACILITIES"
    assert [(r.label, r.text) for r in cable.references] == [("A", "RIYADH 1579"), ("B", "RIYADH 1408")]
    assert cable.envelope is None and cable.classification is None
    assert cablegrammar.render(cable) == text


def test_the_seed_cable_cut_into_blocks_reads_as_the_whole() -> None:
    whole = cablegrammar.parse(SEED)
    envelope = cablegrammar.parse("".join(SEED_LINES[:13]), start="envelope")
    addresses = cablegrammar.parse("".join(SEED_LINES[5:12]), start="address_block")
    body = cablegrammar.parse("".join(SEED_LINES[13:]), start="body")
    assert envelope.envelope == whole.envelope
    assert addresses.envelope is not None and addresses.envelope.family == "addresses"
    assert (addresses.sender, addresses.to, addresses.info) == (whole.sender, whole.to, whole.info)
    assert body.items == whole.items
    for cable, lines in ((envelope, SEED_LINES[:13]), (addresses, SEED_LINES[5:12]), (body, SEED_LINES[13:])):
        assert cablegrammar.render(cable) == "".join(lines)


def test_a_body_may_start_with_blank_lines_and_end_without_a_line_break() -> None:
    text = "\n\nSUBJECT: A TEST\n\n1. (U) Text."
    cable = cablegrammar.parse(text, start="body")
    assert cable.subject == "A TEST" and len(cable.paragraphs) == 1
    assert cablegrammar.render(cable) == text


def test_an_address_block_alone_is_an_envelope_of_its_own_family() -> None:
    text = (
        "FM AMEMBASSY ASTANA\nTO RUEHC/SECSTATE WASHDC 6239\nINFO RUEHBJ/AMEMBASSY BEIJING 1314\n\n"
        "SECRET ASTANA 001541\n"
    )
    cable = cablegrammar.parse(text)
    assert cable.envelope is not None and cable.envelope.family == "addresses"
    assert cable.sender == "AMEMBASSY ASTANA"
    assert [a.name for a in cable.info] == ["AMEMBASSY BEIJING"]
    assert cable.date is None and cable.classification == "SECRET"


# ---------------------------------------------------------------------------
# Items
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", VALID, ids=lambda path: path.stem)
def test_every_item_of_the_bundled_cables_reads_alone_as_it_reads_inside(path: Path) -> None:
    """Each item a start symbol reads, cut out of its cable (without the blank lines after it), is the same node.

    Items that do not start a line (a signature run on after the last sentence, an E.O. line run on after the
    classification line) are pieces of a line, not lines: they are left out.
    """
    cable = cablegrammar.parse(cablegrammar.decode(path.read_bytes()))
    starts = {kind: start for start, kind in ITEM_NODES.items()}
    before = ""
    for item, rendered in rendered_parts(cable):
        start = starts.get(type(item))
        at_line_start = before.endswith(("\n", "\r")) or not before
        before += rendered
        if start is None or not at_line_start:
            continue
        text = rendered.rstrip("\r\n \t") + "\n"
        alone = cablegrammar.parse_item(text, start)
        assert alone == item, (start, text)
        assert render_node(alone) == text


def test_an_item_without_a_final_line_break_renders_back_without_one() -> None:
    tags = cablegrammar.parse_item("TAGS: PREL PGOV", "tags_line")
    assert isinstance(tags, model.TagsLine) and tags.tags == ("PREL", "PGOV")
    assert render_node(tags) == "TAGS: PREL PGOV"


def test_a_subject_wrapped_after_a_blank_line_reads_whole_alone() -> None:
    text = "".join(SEED_LINES[25:28])  # SUBJECT: ... MISSION TO / (blank) / NK, ARMENIA, AND AZERBAIJAN
    subject = cablegrammar.parse_item(text, "subject")
    assert subject == next(item for item in cablegrammar.parse(SEED).items if isinstance(item, model.Subject))
    assert isinstance(subject, model.Subject) and subject.text.endswith("NK, ARMENIA, AND AZERBAIJAN")


def test_a_last_line_of_capitals_continues_a_subject_cut_out_of_a_cable() -> None:
    subject = cablegrammar.parse_item("SUBJECT: INTER-KOREAN RED CROSS TALKS ON FAMILY\nREUNIFICATION\n", "subject")
    assert isinstance(subject, model.Subject)
    assert subject.text == "INTER-KOREAN RED CROSS TALKS ON FAMILY REUNIFICATION"


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------


def test_errors_name_the_start_symbol() -> None:
    with pytest.raises(cablegrammar.CableSyntaxError) as raised:
        cablegrammar.parse_item("E.O. 12958: N/A\nTAGS: PREL\n", "eo_line")
    error = raised.value
    assert (error.code, error.line, error.column) == ("CG100", 2, 1)
    assert "(reading the text as 'eo_line')" in error.message
    assert error.context == "TAGS: PREL\n^"
    with pytest.raises(cablegrammar.CableSyntaxError, match="reading the text as 'address_block'"):
        cablegrammar.parse("SECRET ASTANA 001541\n", start="address_block")


def test_a_whole_cable_error_names_no_start_symbol() -> None:
    with pytest.raises(cablegrammar.CableSyntaxError) as raised:
        cablegrammar.parse("SUBJECT: X\n")
    assert "reading the text as" not in raised.value.message


@pytest.mark.parametrize(("call", "start"), [(cablegrammar.parse, "subject"), (cablegrammar.parse_item, "body")])
def test_an_unknown_start_symbol_is_a_value_error_that_lists_the_known_ones(call: object, start: str) -> None:
    with pytest.raises(ValueError, match="unknown start symbol") as raised:
        if call is cablegrammar.parse:
            cablegrammar.parse("X\n", start=start)
        else:
            cablegrammar.parse_item("X\n", start)
    assert not isinstance(raised.value, cablegrammar.CableSyntaxError)


def test_an_empty_item_is_refused_with_the_empty_text_code() -> None:
    with pytest.raises(cablegrammar.CableSyntaxError) as raised:
        cablegrammar.parse_item("  \n", "tags_line")
    assert raised.value.code == "CG001"


# ---------------------------------------------------------------------------
# Recovery that resynchronizes
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("SUBJECT: OIL FACILITIES\nREF: A. RIYADH 1579  B. RIYADH 1408\n",
         lambda c: (c.subject, [r.text for r in c.references]) == ("OIL FACILITIES", ["RIYADH 1579", "RIYADH 1408"])),
        ("SUBJECT: A WEDDING\nClassified By: Ambassador X for reasons 1.4 (b) and (d)\n",
         lambda c: (c.subject, c.classified_by.classifier) == ("A WEDDING", "Ambassador X")),
        ("TAGS: PREL PGOV\n", lambda c: c.tags == ("PREL", "PGOV")),
        ("TAGS: PREL PGOV", lambda c: c.tags == ("PREL", "PGOV")),
        ("FM AMEMBASSY X\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 4696\nINFO RUEHBJ/AMEMBASSY BEIJING 1314\n",
         lambda c: ([a.name for a in c.to], [a.name for a in c.info]) == (["SECSTATE WASHDC"], ["AMEMBASSY BEIJING"])),
    ],
    ids=["subject-ref", "subject-classified-by", "tags", "tags-no-line-break", "addresses"],
)
def test_recovery_reads_a_text_that_starts_in_the_middle_of_a_cable(text: str, read: object) -> None:
    cable = cablegrammar.parse(text, recover=True)
    assert read(cable)  # type: ignore[operator]
    assert cablegrammar.render(cable) == text
    assert all(item.text for item in cable.unparsed)


def test_a_restarted_line_keeps_its_diagnostic_and_leaves_no_empty_item() -> None:
    cable = cablegrammar.parse("SUBJECT: A WEDDING\n\n1. (C) Text.\n", recover=True)
    assert [type(item).__name__ for item in cable.items] == ["Subject", "Paragraph"]
    assert [(d.code, d.line, d.column) for d in cable.diagnostics] == [("CG100", 1, 1)]


def test_a_line_that_reads_only_as_free_text_stays_unparsed() -> None:
    text = "garbage line\nSUBJECT: X\n"
    cable = cablegrammar.parse(text, recover=True)
    assert [u.text for u in cable.unparsed] == ["garbage line\n"]
    assert cable.subject == "X"
    assert cablegrammar.render(cable) == text


def test_recovery_from_the_middle_of_an_address_list_reads_the_text() -> None:
    text = (
        "RUEHBJ/AMEMBASSY BEIJING 1314\nRUEHUL/AMEMBASSY SEOUL 0967\n\nS E C R E T ASTANA 001541\n\nSIPDIS\n\n"
        "E.O. 12958: DECL: 09/18/2029\nTAGS: PARM\nSUBJECT: KAZAKHSTAN\n\n1. (S) Text.\n"
    )
    cable = cablegrammar.parse(text, recover=True)
    assert (cable.classification, cable.tags, cable.subject) == ("SECRET", ("PARM",), "KAZAKHSTAN")
    assert [u.text for u in cable.unparsed] == ["RUEHBJ/AMEMBASSY BEIJING 1314\n"]
    assert cablegrammar.render(cable) == text


def test_a_line_after_a_field_continues_it_when_the_field_is_read_alone() -> None:
    subject = cablegrammar.parse_item("SUBJECT: X\nTAGS: PREL\n", "subject")
    assert isinstance(subject, model.Subject) and subject.text == "X TAGS: PREL"


def test_a_body_recovers_as_a_body() -> None:
    text = "SUBJECT: X\n\nCONFIDENTIAL BAKU 000864 XSUBJECT: X\nTAGS: PREL\n"
    cable = cablegrammar.parse(text, start="body", recover=True)
    assert (cable.subject, cable.tags) == ("X", ("PREL",))
    assert [u.text for u in cable.unparsed] == ["CONFIDENTIAL BAKU 000864 XSUBJECT: X\n"]
    assert cablegrammar.render(cable) == text

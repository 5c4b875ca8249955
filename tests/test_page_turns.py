"""Page turns: a numbered paragraph runs on across a modern page break (PAGE_TURN in cable.lark).

Real cables from the bundled corpus, then hand-made texts for each shape the
grammar accepts and each one its lookahead refuses (those keep the page break
as an item between two items, as before page turns were read).
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
from conftest import CORPUS, valid_files

import cablegrammar
from cablegrammar import (
    Cable,
    ClassifiedBy,
    PageBreak,
    PageTurn,
    Paragraph,
    RuleLine,
    Signature,
    Subject,
    TextBlock,
    canonical_text,
    normalize,
    parse,
    render,
    values,
)
from cablegrammar.serialize import cable_from_dict, cable_to_dict
from cablegrammar.validate import SourceMap

VALID = CORPUS / "valid"
#: A page-break line of either kind, as a whole line (what Cable.page_breaks must list, one each).
PAGE_LINE = re.compile(
    r"^(?:[A-Z][A-Z .'-]{0,20}?[ \t]+[0-9]{7,8}[ \t]+[0-9]{3}(?:\.[0-9])?[ \t]+OF[ \t]+[0-9]{3}[ \t]*"
    r"|PAGE[ \t]+[0-9]{2,3}[ \t]+[A-Z].*)$",
    re.MULTILINE,
)


def _read(name: str) -> tuple[str, Cable]:
    text = cablegrammar.decode((VALID / name).read_bytes())
    return text, parse(text)


def _items(cable: Cable) -> list[str]:
    return [type(item).__name__ for item in cable.items]


# ---------------------------------------------------------------------------
# Real cables
# ---------------------------------------------------------------------------


def test_printed_page_turn_keeps_the_paragraph_whole() -> None:
    # 04CARACAS2200: "... SHE ALLEGED THAT" / blank / CARACAS 00002200 002 OF 002 / blank / "OUPS IN LATIN ..."
    text, cable = _read("chillicoder_cablegate__04CARACAS2200.txt")
    paragraph = next(p for p in cable.paragraphs if p.number == 5)
    (turn,) = paragraph.page_turns
    assert turn.page_break == PageBreak("CARACAS 00002200 002 OF 002")
    assert paragraph.text[turn.offset - 17 : turn.offset + 22] == "SHE ALLEGED THAT OUPS IN LATIN AMERICA."
    assert paragraph.pages[0].endswith("SHE ALLEGED THAT") and paragraph.pages[1].startswith("OUPS IN LATIN")
    # The free text after the page break is the paragraph's: no text block follows it any more.
    following = cable.items[cable.items.index(paragraph) + 1]
    assert not isinstance(following, TextBlock | PageBreak)
    assert render(cable) == text


def test_media_rendering_page_line_between_two_lines_of_a_paragraph() -> None:
    # 07KABUL185: one line per paragraph, the page line between two of its lines, no blank line around it.
    text, cable = _read("chillicoder_cablegate__07KABUL185.txt")
    paragraph = next(p for p in cable.paragraphs if p.number == 5)
    (turn,) = paragraph.page_turns
    assert turn.page_break.text == "KABUL 00000185 002 OF 005"
    assert "\nKABUL 00000185 002 OF 005\nprojects could start" in paragraph.layout.raw  # type: ignore[union-attr]
    assert paragraph.pages[0].endswith("These two") and paragraph.pages[1].startswith("projects could start")
    # ... but a heading underlined by a rule line after the page line is no continuation: ¶10 ends there.
    tenth = next(p for p in cable.paragraphs if p.number == 10)
    at = cable.items.index(tenth)
    assert tenth.page_turns == ()
    assert cable.items[at + 1 : at + 4] == (
        PageBreak("KABUL 00000185 003 OF 005"), TextBlock(["Bugti"]), RuleLine("-----"),
    )
    assert render(cable) == text


def test_latin1_crlf_cable_turns_pages_inside_paragraphs() -> None:
    text, cable = _read("paulmathieu_converted__06NEWDELHI5239.txt")
    paragraph = next(p for p in cable.paragraphs if p.number == 4)
    assert [t.page_break.text for t in paragraph.page_turns] == ["NEW DELHI 00005239  002 OF 007"]
    assert "\r" not in paragraph.text
    assert render(cable) == text


@pytest.mark.parametrize("path", valid_files(), ids=lambda p: p.stem)
def test_every_page_line_is_listed_once_and_turns_sit_between_words(path: Path) -> None:
    text = cablegrammar.decode(path.read_bytes())
    cable = parse(text)
    artifact = cable.release_artifact
    if isinstance(artifact, cablegrammar.ExportRecord) and artifact.shape == "row":  # page lines of the row's telegram
        text = text[: text.index(artifact.fields[0][1].split("\n")[0])]
    source_lines = [line.rstrip(" \t\r") for line in PAGE_LINE.findall(text.replace("\r\n", "\n"))]
    if cable.distribution is not None and cable.distribution.heading is not None:
        source_lines = source_lines[1:]  # the reference copy's page-one header is the envelope's heading
    assert [line.text for line in cable.page_breaks] == source_lines
    for paragraph in cable.paragraphs:
        offsets = [turn.offset for turn in paragraph.page_turns]
        assert offsets == sorted(offsets)
        for offset in offsets:
            assert 0 < offset < len(paragraph.text)
            assert paragraph.text[offset - 1] == " " and paragraph.text[offset] != " "
        assert " ".join(page for page in paragraph.pages if page) == paragraph.text
    smap = SourceMap(cable)
    lines = dict(smap.lines())
    for line in cable.page_breaks:
        number, column, *_ = smap.node_span(line)
        assert column == 1 and lines[number].rstrip(" \t") == line.text


# ---------------------------------------------------------------------------
# Hand-made texts: the shapes a page turn takes, and what it refuses
# ---------------------------------------------------------------------------

HEAD = (
    "CONFIDENTIAL BAKU 001835\n\n1. (C) Iranians are developing scenarios for how they will react if\n"
    "the US or Israel\n"
)
PAGE = "BAKU 00001835  002.2 OF 003\n"
MORE = "increase the pressure on Iran.\n"
JOINED = "Iranians are developing scenarios for how they will react if the US or Israel increase the pressure on Iran."


@pytest.mark.parametrize(
    "turn",
    [
        " \n" + PAGE + " \n \n",  # as printed: one blank line before, two after (blank lines holding a space)
        "\n" + PAGE + "\n",  # squeezed
        "\n" + PAGE,
        PAGE,  # the media renderings: no blank line at all
        "\n" + PAGE.rstrip("\n") + "   \n\n\n",
    ],
)
def test_accepted_shapes_continue_the_paragraph(turn: str) -> None:
    for newline in ("\n", "\r\n"):
        text = (HEAD + turn + MORE).replace("\n", newline)
        cable = parse(text)
        assert _items(cable) == ["ClassificationLine", "Paragraph"]
        (paragraph,) = cable.paragraphs
        assert paragraph.text == JOINED
        assert paragraph.page_turns == (PageTurn(offset=JOINED.index("increase"), page_break=PageBreak(PAGE[:-1])),)
        assert render(cable) == text
        assert normalize(cable) == cable


@pytest.mark.parametrize(
    ("turn", "after"),
    [
        ("\n\n" + PAGE + "\n\n", MORE),  # two blank lines before: the paragraph ended at the foot of the page
        ("\n" + PAGE + "\n\n\n", MORE),  # three after
        (PAGE + "\n", MORE),  # none before, one after: a heading or new paragraph in the media renderings
        ("\n" + PAGE + "\n\n", "Poor Ratings on Security\n-----------------------\n"),  # an underlined heading
        ("\n" + PAGE + "\n\n", "C O R R E C T E D C O P Y (ADDED TAGS)\n"),  # a notice repeated at the page head
    ],
)
def test_refused_shapes_keep_the_page_break_between_items(turn: str, after: str) -> None:
    text = HEAD + turn + after
    cable = parse(text)
    assert _items(cable)[:4] == ["ClassificationLine", "Paragraph", "PageBreak", "TextBlock"]
    assert cable.paragraphs[0].page_turns == ()
    assert cable.paragraphs[0].text.endswith("the US or Israel")
    assert render(cable) == text


@pytest.mark.parametrize(
    ("after", "kind"),
    [
        ("2. (C) The next paragraph.\n", Paragraph),
        ("SUBJECT: A SECOND SUBJECT\n", Subject),
        ("-----------\n", RuleLine),
        ("DERSE\n", Signature),
    ],
)
def test_what_the_lexer_reads_as_no_text_ends_the_paragraph_as_before(after: str, kind: type) -> None:
    # The line after the page break is read as if the page break were not there: keyword lines win.
    text = HEAD + "\n" + PAGE + "\n\n" + after
    cable = parse(text)
    assert _items(cable) == ["ClassificationLine", "Paragraph", "PageBreak", kind.__name__]
    paragraph, page_break = cable.items[1:3]
    # The blank line before the page line stays the paragraph's, as before page turns were read.
    assert paragraph.layout.raw.endswith("the US or Israel\n\n")  # type: ignore[union-attr]
    assert page_break.layout.raw == PAGE + "\n\n"  # type: ignore[union-attr]
    assert render(cable) == text


def test_boxed_heading_after_the_continuation_line_does_not_stop_the_turn() -> None:
    text = HEAD + PAGE + MORE + "-------\nHEADING\n-------\n"
    cable = parse(text)
    assert _items(cable) == ["ClassificationLine", "Paragraph", "RuleLine", "TextBlock", "RuleLine"]
    assert cable.paragraphs[0].text == JOINED


def test_old_page_header_is_no_page_turn() -> None:
    text = HEAD + "\nPAGE 02 BAKU 01835 01 OF 02 291400Z\n" + MORE
    assert _items(parse(text)) == ["ClassificationLine", "Paragraph", "PageBreak", "TextBlock"]


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("Classified By: Ambassador Anne E. Derse\nfor reasons 1.4 (b) and (d)\n", ClassifiedBy),
        ("Passing line one\nand its second line\n", TextBlock),
        ("SUBJECT: SCENARIOS FOR\nIRAN\n", Subject),
    ],
)
def test_other_open_items_never_take_a_page_turn(opening: str, kind: type) -> None:
    # A TEXT_LINE* shared with these rules would carry PAGE_TURN into their lookaheads (the lexer then
    # offered it after their lines and the parse failed): the paragraph's repetition is its own.
    text = "CONFIDENTIAL BAKU 001835\n\n" + opening + "\n" + PAGE + "\n\n" + MORE
    cable = parse(text)
    assert _items(cable) == ["ClassificationLine", kind.__name__, "PageBreak", "TextBlock"]
    assert render(cable) == text


def test_turn_right_after_the_head_line_and_two_turns() -> None:
    text = "CONFIDENTIAL BAKU 001835\n\n1. (C)\n\n" + PAGE + "\n\nfirst page\n\n" + PAGE + "\n\nsecond page\n"
    (paragraph,) = parse(text).paragraphs
    assert paragraph.marking == "C"
    assert paragraph.text == "first page second page"
    assert [turn.offset for turn in paragraph.page_turns] == [0, len("first page ")]
    assert paragraph.pages == ("", "first page", "second page")


# ---------------------------------------------------------------------------
# The model: canonical text, edits, values, JSON
# ---------------------------------------------------------------------------


def test_canonical_text_writes_each_page_and_the_page_line_between() -> None:
    cable = parse(HEAD + "\n" + PAGE + "\n\n" + MORE)
    assert canonical_text(cable).endswith(
        "1. (C) Iranians are developing scenarios for how they will react if the US or Israel\n\n"
        + PAGE + "\n\n" + MORE + "\n"
    )
    assert normalize(cable) == cable


def test_page_break_item_after_a_paragraph_stays_an_item_canonically() -> None:
    # Paragraph, page break, free text: canonically one blank line, the page line and the text would be
    # a page turn, so the page-break item is written with a blank line before it.
    text = HEAD + "\n\n" + PAGE + "\n\n" + MORE
    cable = parse(text)
    assert _items(cable) == ["ClassificationLine", "Paragraph", "PageBreak", "TextBlock"]
    assert normalize(cable) == cable


def test_edited_paragraph_renders_its_turns_where_the_offsets_say() -> None:
    cable = parse(HEAD + "\n" + PAGE + "\n\n" + MORE)
    paragraph = cable.paragraphs[0]
    edited = attrs.evolve(paragraph, text="Changed " + paragraph.text,
                          page_turns=[attrs.evolve(paragraph.page_turns[0], offset=paragraph.page_turns[0].offset + 8)])
    again = parse(render(attrs.evolve(cable, items=[cable.items[0], edited])))
    assert again.paragraphs[0] == edited


def test_hand_made_turns_at_the_same_place_read_back() -> None:
    breaks = [PageBreak("BAKU 00001835  002 OF 003"), PageBreak("BAKU 00001835  003 OF 003")]
    paragraph = Paragraph(number=1, marking="C", text="one two",
                          page_turns=[PageTurn(offset=4, page_break=line) for line in breaks])
    cable = parse(canonical_text(Cable(items=[parse("CONFIDENTIAL BAKU 001835\n").items[0], paragraph])))
    assert cable.paragraphs == (paragraph,)
    assert cable.page_breaks == tuple(breaks)


def test_page_marks_include_the_page_breaks_inside_paragraphs() -> None:
    cable = parse(HEAD + "\n" + PAGE + "\n\n" + MORE + "\nBAKU 00001835  003.2 OF 003\n\n2. (C) Last.\n")
    marks = dict(values.iter_values(cable))["page_marks"]
    assert [(mark.page, mark.subpage) for mark in marks] == [(2, 2), (3, 2)]


def test_json_round_trip_keeps_the_turns() -> None:
    text = HEAD + "\n" + PAGE + "\n\n" + MORE
    cable = parse(text)
    data = cable_to_dict(cable)
    assert data["items"][1]["page_turns"] == [
        {"offset": JOINED.index("increase"), "page_break": {"text": PAGE[:-1], "type": "page_break"}}
    ]
    assert cable_from_dict(data) == cable
    assert render(cable_from_dict(cable_to_dict(cable, layout=True))) == text


def test_a_turn_followed_only_by_characters_python_takes_for_blanks_is_a_page_break_item() -> None:
    # Found by the damaged-cables property: the lexer reads a vertical tab as text (a turn needs text after
    # it), the paragraph's text drops it as a blank, and the turn's offset fell past the end of the text.
    text = "UNCLAS STATE 000001\n\n1. (U) Some text and\nSTATE 00000001 002 OF 002\n\x0b\n\u2028\n2. (U) More.\n"
    cable = parse(text)
    assert cable.paragraphs[0] == Paragraph(number=1, marking="U", text="Some text and")
    assert [type(item).__name__ for item in cable.items] == ["ClassificationLine", "Paragraph", "PageBreak",
                                                            "Paragraph"]
    assert render(cable) == text
    assert normalize(cable) == cable

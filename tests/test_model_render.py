"""Semantic equality, layout, and rendering of edited nodes."""

from __future__ import annotations

import pickle

import attrs

import cablegrammar
from cablegrammar import Paragraph, TagsLine, render, strip_layout

TEXT = (
    "UNCLAS STATE 000284 \r\n\r\nE.O. 12958: N/A\r\nTAGS:  PREL,PGOV\r\n"
    "SUBJECT: A TEST\r\n\r\n1. (U) Text  \r\nmore.\r\n"
)


def test_crlf_and_trailing_spaces_round_trip() -> None:
    assert render(cablegrammar.parse(TEXT)) == TEXT


def test_missing_final_newline_round_trips() -> None:
    text = TEXT.rstrip("\r\n") + "   "
    assert render(cablegrammar.parse(text)) == text


def test_equality_ignores_layout() -> None:
    spaced = cablegrammar.parse(TEXT)
    plain = cablegrammar.parse(TEXT.replace("TAGS:  PREL,PGOV", "TAGS: PREL PGOV").replace("\r\n", "\n"))
    assert spaced == plain
    assert render(spaced) != render(plain)
    assert "layout" not in repr(spaced.items[0])


def test_edited_node_renders_canonically_others_keep_their_spelling() -> None:
    cable = cablegrammar.parse(TEXT)
    index = next(i for i, item in enumerate(cable.items) if isinstance(item, TagsLine))
    items = list(cable.items)
    items[index] = attrs.evolve(items[index], tags=("PREL", "PGOV", "KPAO"))
    edited = render(attrs.evolve(cable, items=items))
    assert "TAGS: PREL PGOV KPAO\r\n" in edited
    assert "UNCLAS STATE 000284 \r\n" in edited
    assert cablegrammar.parse(edited).tags == ("PREL", "PGOV", "KPAO")


def test_canonical_form_parses_to_the_same_cable(seed_text: str) -> None:
    cable = cablegrammar.parse(seed_text)
    canonical = render(strip_layout(cable))
    again = cablegrammar.parse(canonical)
    assert again.subject == cable.subject
    assert again.tags == cable.tags
    assert again.references == cable.references
    assert again.paragraphs == cable.paragraphs
    assert render(strip_layout(again)) == canonical


def test_paragraph_fields_and_pickle() -> None:
    cable = cablegrammar.parse(TEXT)
    (paragraph,) = cable.paragraphs
    assert paragraph == Paragraph(number=1, marking="U", text="Text more.")
    assert pickle.loads(pickle.dumps(cable)) == cable


# -- paragraphs run on into one another (flattened renderings) ------------------------------------------------------

FLAT = (
    "UNCLAS STATE 000284\n\nSUBJECT: A TEST\n\n"
    "1. (SBU) First point, in 2005. 2. (C) Second point “quoted.” 3. (U) Third\nline.\n\n"
    "4. (U) See para 3. (U) text stays; 4. (C) too.\n"
)


def test_a_paragraph_run_on_after_a_sentence_is_a_paragraph() -> None:
    cable = cablegrammar.parse(FLAT)
    assert [(p.number, p.marking, p.text) for p in cable.paragraphs] == [
        (1, "SBU", "First point, in 2005."),
        (2, "C", "Second point “quoted.”"),
        (3, "U", "Third line."),
        # Only the next number after a sentence's end: "para 3. (U)" and a repeated "4. (C)" are text.
        (4, "U", "See para 3. (U) text stays; 4. (C) too."),
    ]
    assert render(cable) == FLAT
    assert cablegrammar.parse(render(strip_layout(cable))) == cable


def test_a_paragraph_run_on_after_a_heading_and_two_blanks_is_a_paragraph() -> None:
    # Flattened renderings join a heading between two paragraphs with two blanks (08TRIPOLI592, working half).
    text = ("UNCLAS STATE 000284\n\nSUBJECT: A TEST\n\n"
            "1. (C) Summary: text.  End summary.  ABUSING THE HELP  2. (C) Swiss text.  HEADING  \u00b63. (C) More"
            " text in para 2 (C) stays.\n")
    cable = cablegrammar.parse(text)
    assert [(p.number, p.marking, p.text) for p in cable.paragraphs] == [
        (1, "C", "Summary: text.  End summary.  ABUSING THE HELP"),
        (2, "C", "Swiss text.  HEADING"),
        (3, "C", "More text in para 2 (C) stays."),
    ]
    assert render(cable) == text
    assert cablegrammar.parse(render(strip_layout(cable))) == cable

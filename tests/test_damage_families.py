"""Damage that an export did changes no meaning: each damaged seed reads the main values of the seed.

The families are those of ``benchmarks/damage.py`` (cable-format.md section 7 and the release's refusals), here on
the bundled seed cable, so that they hold without the shared corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import cablegrammar
from cablegrammar.values import main_values

SEED = (Path(__file__).parent / "corpus" / "valid" / "seed__07BAKU864.txt").read_text(encoding="utf-8")


def _meaning(text: str) -> tuple[object, ...]:
    cable = cablegrammar.parse(text)
    assert cablegrammar.render(cable) == text
    return main_values(cable), [(p.number, p.marking, " ".join(p.text.split())) for p in cable.paragraphs]


SECTIONED = SEED.replace("CONFIDENTIAL BAKU 000864", "CONFIDENTIAL SECTION 01 OF 03 BAKU 000864", 1)
JOINED = SEED.replace("TAGS: PGOV PREL AJ\n\nSUBJECT:", "TAGS: PGOV PREL AJ\nSUBJECT:", 1)

#: name: (the cable, the old text, the damaged text).
DAMAGES = {
    "SECTION misspelt": (SECTIONED, "SECTION 01 OF 03", "SECTON 01 OF 03"),
    "SECTION with a stray letter, blanks lost": (SECTIONED, "SECTION 01 OF 03", "SECTIOQ01OF03"),
    "E.O. label with a zero for the O": (SEED, "E.O. 12958", "E.0. 12958"),
    "TAGS label with a doubled colon": (SEED, "TAGS: ", "TAGS:: "),
    "SUBJECT label with a doubled colon": (SEED, "SUBJECT: ", "SUBJECT:: "),
    "Classified By with a doubled colon": (SEED, "Classified By:", "Classified By::"),
    "TAGS run on into SUBJECT": (JOINED, "TAGS: PGOV PREL AJ\nSUBJECT:", "TAGS: PGOV PREL AJ SUBJECT:"),
    "E.O. line run on into TAGS, wrapped": (SEED, "DECL: 07/10/2017\n\nTAGS: PGOV PREL AJ",
                                            "DECL: 07/10/2017 TAGS: PGOV\nPREL AJ"),
}


@pytest.mark.parametrize(("cable", "old", "new"), list(DAMAGES.values()), ids=list(DAMAGES))
def test_a_damaged_cable_reads_as_the_cable(cable: str, old: str, new: str) -> None:
    assert cable.count(old) == 1, old
    assert _meaning(cable.replace(old, new)) == _meaning(cable)


def test_a_classification_word_that_lost_its_first_letter() -> None:
    unclas = "UNCLAS BAKU 000864\n\nSUBJECT: X\n\n1. (U) Text.\n"
    for damaged in ("NCLAS BAKU 000864", "ONFIDENTIAL BAKU 000864", "ECRET BAKU 000864"):
        line = cablegrammar.parse(unclas.replace("UNCLAS BAKU 000864", damaged)).items[0]
        assert isinstance(line, cablegrammar.ClassificationLine)
        assert (line.origin, line.serial) == ("BAKU", "000864")


def test_a_ref_label_that_lost_its_first_letter() -> None:
    text = "UNCLAS STATE 000001\n\nSUBJECT: A VISIT\n\nEF: STATE 9008\n\n1. (U) Text.\n"
    cable = cablegrammar.parse(text)
    assert cable.subject == "A VISIT"
    assert [r.text for r in cable.references] == ["STATE 9008"]


@pytest.mark.parametrize(
    ("line", "subject"),
    [
        ("SUBJECT: WHO WOULD REPLACE GORDON BROWN AS UK PRIMEREF: A. LONDON 1939\n",
         "WHO WOULD REPLACE GORDON BROWN AS UK PRIME"),
        ("SUBJECT: A VISIT TO BAHRAINClassified By: Charge Henzel, reasons 1.4 (b)\n", "A VISIT TO BAHRAIN"),
    ],
)
def test_a_label_glued_to_the_last_word_of_the_subject(line: str, subject: str) -> None:
    # 08LONDON1991, 08MANAMA496: the export lost the line break and the blank before the label.
    text = "UNCLAS STATE 000001\n\n" + line + "\n1. (U) Text.\n"
    cable = cablegrammar.parse(text)
    assert cable.subject == subject
    assert bool(cable.references) == ("REF:" in line)
    assert (cable.classified_by is not None) == ("Classified By:" in line)


def test_blank_lines_between_the_envelopes_lines() -> None:
    # An export that doubled the line breaks: the envelope reads as it was, the routing line's wrap included.
    envelope, rest = SEED.split("\n\n", 1)
    spaced = envelope.replace("\n", "\n\n") + "\n\n" + rest
    assert _meaning(spaced) == _meaning(SEED)
    assert cablegrammar.parse(spaced).envelope == cablegrammar.parse(SEED).envelope
    wrapped = "VZCZCXRO1234\nPP RUEHC\n\nRUEHKB\n\nDE RUEHKB #0864 1911131\nZNY" + SEED.split("ZNY", 1)[1]
    assert cablegrammar.parse(wrapped).envelope.routing_indicators == ("RUEHC", "RUEHKB")  # type: ignore[union-attr]

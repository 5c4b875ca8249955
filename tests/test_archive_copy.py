"""The archive's reference copy (cable-format.md, section 1.13): the rendering of the 1973-1979 PlusD texts.

Every text here is written from the format reference, element by element, not copied from any release page:
the page's classification banner, the first page's header, the office distribution (origin or action office,
info offices with copy counts, the total), the drafting block with its clearances, the stamp line, format line
5 onward, and the Department's declassification stamps.  Each test says what its text exercises.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import cablegrammar
from cablegrammar import normalize, parse, render
from cablegrammar.model import DeclassificationStamp, Precedence
from cablegrammar.serialize import cable_from_dict, cable_to_dict
from cablegrammar.validate import SourceMap

#: Banner, page header, ORIGIN, INFO with the total, DRAFTED BY / APPROVED BY, clearances, stamp line, format
#: line 5, FM / TO, then the text with E.O. 11652: N/A.
CIRCULAR = """UNCLASSIFIED

PAGE 01        STATE  296107
ORIGIN PA-02

INFO  OCT-01   ISO-00   L-03     SY-05    /168 R

DRAFTED BY PA/FOI:JDOE
APPROVED BY PA:RROE
L/M:ASMITH NEA:BJONES
                  ------------------032004  230631Z /12
P 222227Z NOV 78
FM SECSTATE WASHDC
TO ALL DIPLOMATIC AND CONSULAR POSTS PRIORITY

UNCLAS STATE 296107

INFORM CONSULS

E.O. 11652: N/A
TAGS: AINS
SUBJECT: RELEASE OF DOCUMENTS

1. THE DEPARTMENT WILL RELEASE THE DOCUMENTS.

2. POSTS NEED TAKE NO ACTION.
VANCE
"""

#: A secret cable to a travelling Secretary: banner with its print queue number, page header with the section and
#: time and a TOSEC serial, ACTION office and an office note, E.O. 11652: XGDS-2, a declassification stamp
#: with its reviewer after the classification line and a wrapped one after the signature.
TOSEC = """                           SECRET     PTQ4581

PAGE 01        STATE  012345  01 OF 02  021500Z  TOSEC 340058
ACTION SS-25

INFO  OCT-01   (ISO)    SSO-00   /026 W
                  ------------------0A1B2C  021500Z /43
O 021445Z JAN 77
FM SECSTATE WASHDC
TO AMEMBASSY TEHRAN IMMEDIATE

S E C R E T STATE 012345 TOSEC 340058

Sheryl P. Walter Declassified/Released US Department of State EO Systematic Review 20 Mar 2014

E.O. 11652: XGDS-2
TAGS: PFOR, IR
SUBJECT: TALKING POINTS FOR THE SECRETARY

1. (S) THE POINTS FOLLOW.

2. (C) END OF POINTS.
ROBINSON

Declassified/Released US Department of State EO
Systematic Review 04 MAY 2006
"""

#: Under E.O. 12065, a review date: an incoming copy without a drafting block (ACTION, INFO, stamp line), FL5.
REVIEW_DATE = """CONFIDENTIAL

PAGE 01        TEHRAN  08980  051210Z
ACTION NEA-11

INFO  OCT-01   ISO-00   CIAE-00  INR-10   /049 W
                  ------------------118043  051304Z /44
R 051030Z SEP 79
FM AMEMBASSY TEHRAN
TO SECSTATE WASHDC 4321
INFO AMEMBASSY LONDON

C O N F I D E N T I A L TEHRAN 08980

E.O. 12065: RDS-3 9/5/99 (NAAS, L.B.) OR-P
TAGS: PINT, IR
SUBJECT: A REPORT

1. (C) TEXT.
LAINGEN
"""

#: Stamps between two halves of a sentence (section 1.13): one with its reviewer and blank lines around it, one
#: wrapped before "Systematic Review" with none; a paragraph after them, and a stamp after the last paragraph.
MID_SENTENCE = """LIMITED OFFICIAL USE

PAGE 01        STATE  101010
ORIGIN EUR-12

INFO  OCT-01   ISO-00   /013 R

DRAFTED BY EUR/WE:JDOE
APPROVED BY EUR:RROE
                  ------------------041122  261501Z /53
R 261427Z APR 77
FM SECSTATE WASHDC
TO AMEMBASSY ROME

LIMITED OFFICIAL USE STATE 101010

E.O. 11652: N/A
TAGS: PFOR, IT
SUBJECT: THE MINISTER'S VISIT

1. THE MINISTER WILL ARRIVE ON MAY 3 AND WOULD LIKE TO CALL ON THE

Sheryl P. Walter Declassified/Released US Department of State EO Systematic Review 20 Mar 2014

SECRETARY DURING HIS STAY.

2. THE EMBASSY SHOULD CONFIRM THE DATE WITH THE
Margaret P. Grafeld Declassified/Released US Department of State EO
Systematic Review 04 MAY 2006
FOREIGN MINISTRY.

3. NO FURTHER ACTION.

Declassified/Released US Department of State EO Systematic Review 04 MAY 2006

VANCE
"""

def test_a_circular_reads_its_reference_copy_heading() -> None:
    cable = parse(CIRCULAR)
    envelope = cable.envelope
    assert envelope is not None and envelope.family == "distribution" and envelope.distribution is not None
    heading = envelope.distribution.heading
    assert heading is not None
    assert (heading.banner, heading.page, heading.post, heading.serial, heading.section, heading.time) == (
        "UNCLASSIFIED", 1, "STATE", "296107", None, None)
    distribution = envelope.distribution
    assert distribution.action_keyword == "ORIGIN"
    assert [(office.office, office.copies) for office in distribution.action] == [("PA", 2)]
    assert [office.office for office in distribution.info] == ["OCT", "ISO", "L", "SY"]
    assert distribution.total == "168R"
    assert distribution.drafting is not None
    assert (distribution.drafting.drafted_by, distribution.drafting.approved_by) == ("PA/FOI:JDOE", "PA:RROE")
    assert distribution.drafting.clearances == ("L/M:ASMITH", "NEA:BJONES")
    assert distribution.stamp is not None and distribution.stamp.number == "032004"
    # The same field accessors as every other family.
    assert cable.precedence is Precedence.PRIORITY
    assert cable.date == dt.datetime(1978, 11, 22, 22, 27, tzinfo=dt.UTC)
    assert cable.sender == "SECSTATE WASHDC"
    assert [addressee.name for addressee in cable.to] == ["ALL DIPLOMATIC AND CONSULAR POSTS"]
    assert cable.classification == "UNCLASSIFIED" and cable.reference_id == "78STATE296107"
    assert cable.eo is not None and (cable.eo.order, cable.eo.declassification) == ("11652", "N/A")
    assert [p.number for p in cable.paragraphs] == [1, 2] and cable.signature == "VANCE"


def test_a_tosec_cable_reads_its_stamps_as_nodes() -> None:
    cable = parse(TOSEC)
    assert cable.envelope is not None and cable.envelope.distribution is not None
    heading = cable.envelope.distribution.heading
    assert heading is not None
    assert (heading.banner, heading.print_queue, heading.section, heading.time, heading.tail) == (
        "SECRET", "PTQ4581", "01 OF 02", "021500Z", "TOSEC 340058")
    assert cable.envelope.distribution.notes == ("ISO",)
    assert cable.precedence is Precedence.IMMEDIATE and cable.sender == "SECSTATE WASHDC"
    assert cable.classification == "SECRET" and cable.reference_id == "77STATE12345"
    stamps = [item for item in cable.items if isinstance(item, DeclassificationStamp)]
    assert stamps == [DeclassificationStamp(reviewer="Sheryl P. Walter", reviewed="20 Mar 2014"),
                      DeclassificationStamp(reviewer=None, reviewed="04 MAY 2006")]
    # The stamps break no field around them.
    assert cable.eo is not None and cable.eo.declassification == "XGDS-2"
    assert cable.tags == ("PFOR", "IR") and cable.subject == "TALKING POINTS FOR THE SECRETARY"
    assert [p.marking for p in cable.paragraphs] == ["S", "C"] and cable.signature == "ROBINSON"


def test_an_incoming_copy_under_eo_12065_reads_its_review_date() -> None:
    cable = parse(REVIEW_DATE)
    assert cable.envelope is not None and cable.envelope.distribution is not None
    heading = cable.envelope.distribution.heading
    assert heading is not None and (heading.post, heading.serial, heading.time) == ("TEHRAN", "08980", "051210Z")
    assert cable.precedence is Precedence.ROUTINE and cable.sender == "AMEMBASSY TEHRAN"
    assert [a.name for a in cable.info] == ["AMEMBASSY LONDON"]
    assert cable.eo is not None and cable.eo.order == "12065"
    assert cable.eo.declassification.startswith("RDS-3 9/5/99")
    assert cable.reference_id == "79TEHRAN8980"


def test_a_stamp_mid_sentence_breaks_no_paragraph() -> None:
    cable = parse(MID_SENTENCE)
    first, second, third = cable.paragraphs
    assert first.text == "THE MINISTER WILL ARRIVE ON MAY 3 AND WOULD LIKE TO CALL ON THE SECRETARY DURING HIS STAY."
    assert second.text == "THE EMBASSY SHOULD CONFIRM THE DATE WITH THE FOREIGN MINISTRY."
    assert third.text == "NO FURTHER ACTION." and third.stamp_turns == ()
    (turn,) = first.stamp_turns
    assert first.text[turn.offset :] == "SECRETARY DURING HIS STAY."
    assert turn.stamp == DeclassificationStamp(reviewer="Sheryl P. Walter", reviewed="20 Mar 2014")
    (turn,) = second.stamp_turns
    assert second.text[turn.offset :] == "FOREIGN MINISTRY."
    assert turn.stamp == DeclassificationStamp(reviewer="Margaret P. Grafeld", reviewed="04 MAY 2006")
    # After the last paragraph, the stamp is an item of its own; the cable lists all three.
    assert [type(item).__name__ for item in cable.items[-2:]] == ["DeclassificationStamp", "Signature"]
    assert [stamp.reviewed for stamp in cable.declassification_stamps] == ["20 Mar 2014", "04 MAY 2006", "04 MAY 2006"]
    assert cable.subject == "THE MINISTER'S VISIT" and cable.signature == "VANCE"
    assert cable.sender == "SECSTATE WASHDC" and cable.reference_id == "77STATE101010"


def test_the_stamps_inside_a_paragraph_have_their_place_in_the_text() -> None:
    cable = parse(MID_SENTENCE)
    source = SourceMap(cable)
    lines = [source.node_span(paragraph.stamp_turns[0].stamp)[0] for paragraph in cable.paragraphs[:2]]
    assert lines == [23, 28]  # 1-based, the stamps' first lines


@pytest.mark.parametrize("text", [CIRCULAR, TOSEC, REVIEW_DATE, MID_SENTENCE],
                         ids=["circular", "tosec", "review-date", "mid-sentence"])
def test_reference_copies_survive_render_normalize_and_json(text: str) -> None:
    cable = parse(text)
    assert render(cable) == text
    once = normalize(cable)
    assert once == cable and parse(render(once)) == once
    assert cable_from_dict(cable_to_dict(cable)) == cable


def test_a_banner_alone_still_opens_the_text() -> None:
    # Without a distribution list after it, a page header is no reference copy's heading.
    cable = parse("CONFIDENTIAL\n\nPAGE 01        TEHRAN  08980  051210Z\nC O N F I D E N T I A L TEHRAN 08980\n\n"
                  "TAGS: PINT, IR\n")
    assert cable.envelope is None and cable.classification == "CONFIDENTIAL"


def test_a_hand_built_heading_renders_and_reads_back() -> None:
    cable = parse(CIRCULAR)
    assert cable.envelope is not None and cable.envelope.distribution is not None
    text = cablegrammar.canonical_text(cable)
    assert "PAGE 01  STATE  296107" in text and "L/M:ASMITH NEA:BJONES" in text
    assert parse(text) == cable


# Typed by reading the bundled files, not from the parser: chillicoder_cablegate 90CAPETOWN97 (lines 1-20) and
# markchips_testset 73TEHRAN7005 (lines 7 and 67).
VALID = Path(__file__).parent / "corpus" / "valid"


def test_the_fields_a_reader_finds_in_the_heading_of_90capetown97() -> None:
    cable = parse(cablegrammar.decode((VALID / "chillicoder_cablegate__90CAPETOWN97.txt").read_bytes()))
    assert cable.distribution is not None and cable.distribution.heading is not None
    heading = cable.distribution.heading
    assert (heading.banner, heading.print_queue, heading.page, heading.post, heading.serial, heading.section,
            heading.time, heading.tail) == ("CONFIDENTIAL", None, 1, "CAPE T", "00097", "01 OF 03", "182017Z", None)
    assert [(o.office, o.copies) for o in cable.distribution.action] == [("AF", 0)]
    assert cable.distribution.total == "037W"
    assert cable.distribution.stamp is not None
    assert (cable.distribution.stamp.number, cable.distribution.stamp.time, cable.distribution.stamp.code) == (
        "352654", "200910Z", "23")
    assert cable.precedence is Precedence.ROUTINE and cable.date == dt.datetime(1990, 1, 17, 15, 12, tzinfo=dt.UTC)
    assert cable.sender == "AMCONSUL CAPE TOWN"
    assert [(a.name, a.serial) for a in cable.to] == [("SECSTATE WASHDC", "5365")]
    assert [a.name for a in cable.info] == ["AMEMBASSY PRETORIA", "AMCONSUL JOHANNESBURG", "AMCONSUL DURBAN",
                                            "AMEMBASSY LUSAKA", "AMEMBASSY HARARE", "AMEMBASSY LONDON",
                                            "AMEMBASSY PARIS"]
    assert cable.reference_id == "90CAPETOWN97" and cable.signature == "BAQUET"


def test_the_stamps_a_reader_finds_in_73tehran7005() -> None:
    cable = parse(cablegrammar.decode((VALID / "markchips_testset__73TEHRAN7005.txt").read_bytes()))
    stamps = [item for item in cable.items if isinstance(item, DeclassificationStamp)]
    assert stamps == [DeclassificationStamp(reviewer=None, reviewed="30 JUN 2005")] * 2
    assert cable.signature == "HELMS" and cable.eo is not None and cable.eo.declassification == "N/A"

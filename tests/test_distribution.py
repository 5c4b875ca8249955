"""The office distribution list of a Department copy: its model, layout and canonical rendering.

Real lists (cable-format.md section 1.13): an optional ``ACTION NEA-00`` or
``ORIGIN DS-00`` line, the ``INFO LOG-00 ...`` offices with their copy counts,
wrapped, the ``/000W`` total that ends the list, and an optional stamp line.
"""

from __future__ import annotations

import attrs
import pytest
from conftest import CORPUS

import cablegrammar
from cablegrammar import (
    CableSyntaxError,
    DistributionList,
    DistributionStamp,
    Drafting,
    OfficeCopies,
    canonical_text,
    normalize,
    parse,
    render,
)
from cablegrammar.cli import describe
from cablegrammar.serialize import cable_from_dict, cable_to_dict

ENVELOPE_REST = "O 241405Z AUG 09\nFM AMEMBASSY LONDON\nTO SECSTATE WASHDC\n\nUNCLAS LONDON 001946\n"

#: 09ISLAMABAD2295: the single-spaced layout, with an ACTION line.
SINGLE_SPACED = (
    "ACTION SCA-00 \n\n"
    "INFO LOG-00 EEB-00 AID-00 A-00 ACQ-00 CA-00 CCO-00 \n"
    "CG-00 CIAE-00 COME-00 CTME-00 DOEE-00 DOTE-00 DS-00 \n"
    "DRL-00 G-00 SAS-00 FA-00 SRAP-00 /000W\n \n"
)
#: 09LONDON860: the Department's columns and the stamp line under the list.
WITH_STAMP = (
    "INFO  LOG-00   EEB-00   AID-00   AMAD-00  ACQ-00   CIAE-00  INL-00   \n"
    "      FA-00    SWCI-00    /000W\n"
    "                  ------------------50B38D  091507Z /38 \n\n   \n"
)
#: 90CAPETOWN97: copy counts above one and a total with a blank before its letter.
SPACED_TOTAL = (
    "ACTION AF-00\n\n"
    "INFO  LOG-00   ADS-00   INR-05   EUR-00   SS-00    CIAE-00  DODE-00\n"
    "      P-02     T-01     /037 W\n"
    "                    ------------------352654  200910Z /23\n"
)


def _distribution(head: str) -> DistributionList:
    cable = parse(head + ENVELOPE_REST)
    assert cable.envelope is not None
    assert cable.envelope.family == "distribution"
    assert cable.distribution is cable.envelope.distribution
    assert cable.distribution is not None
    return cable.distribution


def test_origin_list_of_a_real_department_copy() -> None:
    text = (CORPUS / "valid" / "chillicoder_cablegate__08STATE116943.txt").read_text(encoding="utf-8")
    cable = parse(text)
    dist = cable.distribution
    assert dist is not None
    assert (dist.action_keyword, dist.action) == ("ORIGIN", (OfficeCopies(office="DS"),))
    assert len(dist.info) == 51
    assert dist.info[:3] == (OfficeCopies("LOG"), OfficeCopies("MFA"), OfficeCopies("EEB"))
    assert [str(o) for o in dist.info if o.copies] == ["LAB-01", "NSF-01"]
    assert (dist.notes, dist.total, dist.stamp) == ((), "002R", None)
    # The canonical layout is the Department's own: the list reads as in the source, less its trailing blanks.
    head = text[: text.index("P 031812Z")]
    assert canonical_text(cable).startswith("\n".join(line.rstrip() for line in head.split("\n")))
    assert normalize(cable) == cable


def test_single_spaced_list_with_action_line() -> None:
    dist = _distribution(SINGLE_SPACED)
    assert (dist.action_keyword, dist.action) == ("ACTION", (OfficeCopies("SCA"),))
    assert [o.office for o in dist.info][:3] == ["LOG", "EEB", "AID"]
    assert len(dist.info) == 19
    assert dist.total == "000W"


def test_stamp_line() -> None:
    dist = _distribution(WITH_STAMP)
    assert dist.stamp == DistributionStamp(number="50B38D", time="091507Z", code="38")
    assert dist.action_keyword is None
    assert dist.action == ()


def test_copy_counts_and_spaced_total() -> None:
    dist = _distribution(SPACED_TOTAL)
    assert [str(o) for o in dist.info if o.copies] == ["INR-05", "P-02", "T-01"]
    assert dist.total == "037W"
    assert dist.stamp == DistributionStamp(number="352654", time="200910Z", code="23")


def test_office_notes() -> None:
    dist = _distribution("INFO  LOG-00   SAS-00\n(TEDE) /000R\n\n")
    assert dist.notes == ("TEDE",)
    assert dist.info == (OfficeCopies("LOG"), OfficeCopies("SAS"))
    assert dist.total == "000R"


@pytest.mark.parametrize("head", [SINGLE_SPACED, WITH_STAMP, SPACED_TOTAL, "INFO  LOG-00   SAS-00\n(TEDE) /000R\n\n"])
def test_canonical_list_reads_back_the_same(head: str) -> None:
    cable = parse(head + ENVELOPE_REST)
    assert render(cable) == head + ENVELOPE_REST
    again = normalize(cable)
    assert again == cable
    assert render(normalize(again)) == render(again)


@pytest.mark.parametrize(
    "head",
    [
        # The total ends the list: no list line after it.
        "INFO  LOG-00   AF-00 /000W\n      SAS-00\n\n",
        "INFO  LOG-00\n      AF-00 /000W\n      /001W\n\n",
        # The ACTION line holds offices only.
        "ACTION AF-00 see below\n\nINFO  LOG-00\n\n",
        # INFO words are offices with two-digit copy counts, notes and the total.
        "INFO  LOG-00 EUR\n\n",
    ],
)
def test_malformed_lists_are_refused(head: str) -> None:
    with pytest.raises(CableSyntaxError):
        parse(head + ENVELOPE_REST)


def test_edited_list_renders_canonically_and_the_rest_keeps_its_spelling() -> None:
    cable = parse(WITH_STAMP + ENVELOPE_REST)
    assert cable.envelope is not None
    assert cable.distribution is not None
    grown = attrs.evolve(cable.distribution, info=[*cable.distribution.info, OfficeCopies("NEA", 2)])
    edited = attrs.evolve(cable, envelope=attrs.evolve(cable.envelope, distribution=grown))
    text = render(edited)
    assert "      FA-00    SWCI-00  NEA-02     /000W\n" in text
    assert text.endswith(ENVELOPE_REST)  # only the envelope is rewritten, the text items keep their spelling
    assert parse(text) == edited
    # Editing another envelope field keeps the list's own spelling.
    moved = attrs.evolve(cable, envelope=attrs.evolve(cable.envelope, sender="AMEMBASSY PARIS"))
    assert render(moved).startswith(WITH_STAMP)
    assert parse(render(moved)) == moved


def test_a_full_row_puts_the_total_on_a_line_of_its_own() -> None:
    dist = DistributionList(info=[OfficeCopies(office) for office in ("LOG", "A", "B", "C", "D", "E", "F")],
                            total="001W")
    cable = attrs.evolve(parse(ENVELOPE_REST), layout=None)
    assert cable.envelope is not None
    cable = attrs.evolve(cable, envelope=attrs.evolve(cable.envelope, family="distribution", distribution=dist,
                                                      layout=None))
    text = render(cable)
    assert text.startswith("INFO  LOG-00   A-00     B-00     C-00     D-00     E-00     F-00\n        /001W\n\n")
    assert parse(text) == cable


def test_other_families_have_no_list() -> None:
    assert parse(ENVELOPE_REST).distribution is None
    assert parse("UNCLAS LONDON 001946\n").distribution is None


def test_json_round_trip() -> None:
    cable = parse(SPACED_TOTAL + ENVELOPE_REST)
    data = cable_to_dict(cable)
    assert data["envelope"]["distribution"]["total"] == "037W"
    assert data["envelope"]["distribution"]["info"][2] == {"office": "INR", "copies": 5}
    assert cable_from_dict(data) == cable
    with_layout = cable_from_dict(cable_to_dict(cable, layout=True))
    assert cablegrammar.render(with_layout) == SPACED_TOTAL + ENVELOPE_REST


def test_show_summarizes_the_list() -> None:
    summary = describe(parse(SINGLE_SPACED + ENVELOPE_REST))
    assert "    distribution  ACTION SCA-00; 19 INFO offices; total /000W\n" in summary
    assert "distribution" not in describe(parse(ENVELOPE_REST))


def test_drafting_block_of_the_departments_own_copy() -> None:
    """09STATE63860: serial, SOURCE:, DRAFTED BY:, APPROVED BY: between the list and the stamp line."""
    path = CORPUS / "valid" / "chillicoder_cablegate__09STATE63860.txt"
    text = path.read_bytes().decode("utf-8")
    cable = parse(text)
    assert cable.distribution is not None
    assert cable.distribution.drafting == cablegrammar.Drafting(
        drafted_by="DS/DSS/CC:JBACIGALUPO -- 06/19/2009  571-345-3132",
        approved_by="DS/DSS/CC:JBACIGALUPO",
        serial="063860",
        source="CBLEXCLS.000423",
    )
    assert cable.distribution.stamp == DistributionStamp(number="7CAAD7", time="191822Z", code="38")
    assert cable.distribution.notes == ("TEDE",) and cable.distribution.total == "000R"
    assert render(cable) == text
    assert parse(canonical_text(cable)) == cable
    edited = attrs.evolve(cable.distribution.drafting, approved_by="S/ES-O:JDOE")
    changed = attrs.evolve(cable.distribution, drafting=edited)
    cable = attrs.evolve(cable, envelope=attrs.evolve(cable.envelope, distribution=changed))
    assert "APPROVED BY: S/ES-O:JDOE\n" in render(cable)
    assert parse(render(cable)).distribution == changed


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        # the 1970s spelling, without a colon (cable-format.md 1.13)
        ("DRAFTED BY PA/FOI:BENNIS\n", Drafting(drafted_by="PA/FOI:BENNIS")),
        ("063860\nDRAFTED BY: DS/DSS/CC:JDOE\n", Drafting(drafted_by="DS/DSS/CC:JDOE", serial="063860")),
        ("SOURCE: CBLEXCLS.000423\nDRAFTED BY: EUR/PRA:KSMITH -- 06/19/2009  571-345-3132\n",
         Drafting(drafted_by="EUR/PRA:KSMITH -- 06/19/2009  571-345-3132", source="CBLEXCLS.000423")),
        ("DRAFTED BY: NEA/I:JDOE\nAPPROVED BY NEA/I:RROE\n",
         Drafting(drafted_by="NEA/I:JDOE", approved_by="NEA/I:RROE")),
    ],
)
def test_drafting_block_shapes(block: str, expected: Drafting) -> None:
    cable = parse("INFO  LOG-00   AF-00    /000W\n\n" + block + "P 191717Z JUN 09\nFM SECSTATE WASHDC\n"
                  "TO AMEMBASSY TRIPOLI\n\nUNCLAS STATE 063860\n")
    assert cable.distribution is not None
    drafting = cable.distribution.drafting
    assert drafting == expected  # every field (Drafting has no layout field), None where the line is absent
    assert normalize(cable) == cable


def test_a_serial_line_without_a_drafter_is_refused() -> None:
    with pytest.raises(CableSyntaxError) as caught:
        parse("INFO  LOG-00   AF-00    /000W\n\n063860\nP 191717Z JUN 09\nFM SECSTATE WASHDC\n")
    assert caught.value.line == 3

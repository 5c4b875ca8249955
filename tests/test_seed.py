"""The seed cable 07BAKU864: every accessor asserted."""

from __future__ import annotations

import datetime as dt

import cablegrammar
from cablegrammar import Precedence


def test_envelope(seed_text: str) -> None:
    cable = cablegrammar.parse(seed_text)
    assert cable.transmission_id == "VZCZCXRO7895"
    assert cable.precedence is Precedence.PRIORITY
    assert cable.precedence == "PRIORITY"
    assert cable.date == dt.datetime(2007, 7, 10, 11, 31, tzinfo=dt.UTC)
    assert cable.sender == "AMEMBASSY BAKU"
    (to,) = cable.to
    assert (to.routing_indicator, to.name, to.precedence, to.serial) == ("RUEHC", "SECSTATE WASHDC", "PRIORITY", "3445")
    assert len(cable.info) == 5
    first = cable.info[0]
    assert (first.routing_indicator, first.name, first.precedence, first.serial) == (
        "RUCNCIS",
        "CIS COLLECTIVE",
        "PRIORITY",
        None,
    )
    assert [a.serial for a in cable.info[1:]] == ["2252", "0695", "0435", "0618"]
    envelope = cable.envelope
    assert envelope is not None
    assert (envelope.station, envelope.station_serial, envelope.filing_time) == ("RUEHKB", "0864", "1911131")
    security = (envelope.security_warning, envelope.security_group, envelope.operating_signals)
    assert security == ("ZNY", "CCCCC", ("ZZH",))
    assert (envelope.routing_prosign, envelope.routing_indicators) == ("PP", ("RUEHDBU",))


def test_text_head(seed_text: str) -> None:
    cable = cablegrammar.parse(seed_text)
    assert cable.classification == "CONFIDENTIAL"
    assert cable.origin == "BAKU"
    assert cable.reference_id == "07BAKU864"
    assert cable.eo is not None
    assert cable.eo.order == "12958"
    assert cable.eo.declassify_on == dt.date(2017, 7, 10)
    assert cable.tags == ("PGOV", "PREL", "AJ")
    assert cable.subject == "DFM ARAZ AZIMOV DOWNBEAT ON TRACK II MISSION TO NK, ARMENIA, AND AZERBAIJAN"
    assert [(r.label, r.text) for r in cable.references] == [("A", "BAKU 00837"), ("B", "BAKU 00836")]
    assert cable.classified_by is not None
    assert cable.classified_by.classifier == "Charge d'Affaires Donald Lu"
    assert cable.classified_by.reasons == ("1.4(b)", "1.4(d)")


def test_body(seed_text: str) -> None:
    cable = cablegrammar.parse(seed_text)
    assert [(p.number, p.marking) for p in cable.paragraphs] == [
        (11, "C"),
        (12, "C"),
        (13, "C"),
        (14, "C"),
        (15, "SBU"),
    ]
    assert cable.paragraphs[0].text.startswith("In a July 5 meeting with Charge, Deputy Foreign Minister")
    assert cable.paragraphs[-1].text.endswith("on the Track II mission.")
    assert cable.signature is None  # the seed ends with paragraph 15


def test_round_trip_byte_for_byte(seed_text: str) -> None:
    assert not seed_text.endswith("\n")
    assert cablegrammar.render(cablegrammar.parse(seed_text)) == seed_text

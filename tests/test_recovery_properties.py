"""Hypothesis mutation properties of recovery mode (the fuzz harness's properties, on mutated real cables)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cablegrammar
from cablegrammar import CableSyntaxError, parse, render

SEED = (
    "VZCZCXRO7895\nPP RUEHDBU\nDE RUEHKB #0864 1911131\nZNY CCCCC ZZH\nP 101131Z JUL 07\nFM AMEMBASSY BAKU\n"
    "TO RUEHC/SECSTATE WASHDC PRIORITY 3445\nINFO RUCNCIS/CIS COLLECTIVE PRIORITY\n\n"
    "C O N F I D E N T I A L BAKU 000864\n\nSIPDIS\n\nE.O. 12958: DECL: 07/10/2017\nTAGS: PGOV PREL AJ\n"
    "SUBJECT: DFM ARAZ AZIMOV DOWNBEAT\n\nREF: A. BAKU 00837\n     B. BAKU 00836\n\n"
    "Classified By: Charge d'Affaires Donald Lu for reasons 1.4 (b, d).\n\n1. (C) Summary: text.\n\n"
    "2. (C) More text\nwrapped.\n\nDERSE\n"
)
LINES = SEED.splitlines(keepends=True)
PIECES = ["\n", "\r\n", "\r", " ", "\t", "\x00", "\ufeff", "¶", "SUBJECT: X ", "TAGS: ", "VZCZC", "E.O. 12958 ",
          "CONFIDENTIAL BAKU 000864 ", "1. (C) ", "REF: ", "-----", "NNNN", "(", "//", "P 101131Z JUL 07 "]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 6))):
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "join", "insert", "cut"]))
        index = draw(st.integers(0, len(lines) - 1))
        if action == "delete" and len(lines) > 1:
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "join" and index + 1 < len(lines):  # lose a line break
            lines[index : index + 2] = [lines[index].rstrip("\r\n") + "  " + lines[index + 1]]
        elif action == "insert":
            piece = draw(st.sampled_from(PIECES) | st.text(max_size=12))
            at = draw(st.integers(0, len(lines[index])))
            lines[index] = lines[index][:at] + piece + lines[index][at:]
        elif action == "cut":
            lines = lines[: index + 1]
            lines[-1] = lines[-1][: draw(st.integers(0, len(lines[-1])))]
    return "".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_recovery_never_raises_and_never_loses_a_byte(text: str) -> None:
    cable = parse(text, recover=True)
    assert render(cable) == text
    try:
        strict = parse(text)
    except CableSyntaxError as error:
        found = {(d.code, d.offset, d.line, d.column, d.message) for d in cable.diagnostics}
        assert (error.code, error.offset, error.line, error.column, error.message) in found
    else:
        assert strict == cable
        assert cable.diagnostics == ()


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_text(text: str) -> None:
    cable = parse(text, recover=True)
    assert render(cable) == text
    assert all(d.line >= 1 and d.column >= 1 and 0 <= d.offset <= len(text) for d in cable.diagnostics)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_refuse(data: bytes) -> None:
    try:
        text = cablegrammar.decode(data)
    except cablegrammar.CableDecodeError as error:
        assert error.offset is not None and 0 <= error.offset < len(data)
        assert f"offset {error.offset}" in str(error)
        return
    assert text.encode("utf-8" if _is_utf8(data) else "latin-1") == data


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True

"""Property-based tests: lossless and canonical round trips, grammar fuzz, mutation fuzz.

The number of examples comes from the Hypothesis profile (tests/conftest.py):
``CABLEGRAMMAR_HYPOTHESIS_PROFILE=ci`` in CI, ``fuzz`` for the long run.
Every ``@example`` below is a case that a property (or the long fuzz run)
once found; the plain tests at the end pin the bugs they revealed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from conftest import SHARED_CORPUS, invalid_files, valid_files
from hypothesis import event, example, given
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

import cablegrammar
from cablegrammar import (
    Addressee,
    Cable,
    CableSyntaxError,
    ClassificationLine,
    DistributionList,
    Envelope,
    OfficeCopies,
    Paragraph,
    _parser,
    normalize,
    parse,
    render,
)
from cablegrammar import strategies as cgst

LINE_BREAK = re.compile(r"\r\n|\n|\r")


def assert_canonical(cable: Cable) -> None:
    """``normalize`` keeps the meaning and is idempotent."""
    once = normalize(cable)
    assert once == cable
    twice = normalize(once)
    assert twice == once
    assert render(twice) == render(once)


def assert_lossless_or_refused_inside(text: str) -> None:
    """Either the text parses and renders back byte for byte, or the syntax error points inside it."""
    try:
        cable = parse(text)
    except CableSyntaxError as error:
        assert_error_inside(error, text)
    else:
        assert render(cable) == text


def assert_error_inside(error: CableSyntaxError, text: str) -> None:
    """The error's line and column name a place in the text (the end of a line included)."""
    lines = LINE_BREAK.split(text)
    assert 1 <= error.line <= len(lines), (error.line, len(lines))
    assert 1 <= error.column <= len(lines[error.line - 1]) + 1, (error.column, lines[error.line - 1])
    assert 0 <= error.offset <= len(text)
    assert error.code.startswith("CG")


# ---------------------------------------------------------------------------
# Cases the properties found (kept as @example so they run every time)
# ---------------------------------------------------------------------------

#: A blank line between SUBJECT and REF made the REF line part of the subject.
SUBJECT_BLANK_REF = "UNCLAS STATE 000001\n\nSUBJECT: A TEST\n\nREF: STATE 1234\n\n1. Text.\n"
#: The same with a page-break line after the subject.
SUBJECT_BLANK_PAGE_BREAK = (
    "SECRET RANGOON 000557\n\nSUBJECT: CONTINUING THE PURSUIT\n\nRANGOON 00000557  001.2 OF 004\n\n"
    "Classified By: CDA Larry Dinger for reasons 1.4 (b) and (d).\n\n1. (S) Text.\n"
)
#: A closing banner after the signature was read as a second signature.
SIGNATURE_THEN_BANNER = "UNCLAS STATE 000001\n\n1. Text.\n\nDOE\nCONFIDENTIAL\n"
#: "U.S." inside a REF item was read as a new item lettered U.
REF_WITH_US = "UNCLAS STATE 000001\n\nREF: A. STATE 1 -- ORTEGA ATTACKS U.S. EMBASSY B. STATE 2\n\n1. Text.\n"
#: "per 1.4" stayed in the classifier's name.
CLASSIFIED_BY_PER = "CONFIDENTIAL BAKU 000001\n\nClassified By: Ambassador Anne Derse per 1.4 (b).\n\n1. (C) Text.\n"
#: CRLF, trailing blanks, a blank line holding a space, no final newline.
# Found by the fuzz profile (7e40e58): a subject wrapped after a blank line (the seed's layout) joins its wrapped
# line only before a paragraph head; "1, (C)" was a paragraph head to PARAGRAPH_NUMBER but not to the subject's
# lookahead, so the canonical "1. (C)" changed the subject.
SUBJECT_WRAP_BEFORE_COMMA_NUMBER = (
    "CONFIDENTIAL ABIDJAN 000001\r\n\r\nSUBJECT: AMBASSADOR\r\n\r\nAMBASSADOR\r\n\r\n"
    "1, (C) Summary: The the the.\r\n"
)
CRLF_NO_FINAL_NEWLINE = (
    "UNCLAS  STATE 000284 \r\n \r\nE.O. 12958: N/A\r\nTAGS:  PREL,PGOV\r\n\r\n1. (U) Text  \r\nmore."
)

#: 08STATE79112: a portion marking wrapped onto the paragraph's second line.
WRAPPED_MARKING = (
    "SECRET STATE 079112\n\n\u00b62.  (S//REL AFGHANISTAN, KYRGYZSTAN, TAJIKISTAN, \nTURKMENISTAN, UZBEKISTAN):  "
    "Posts should encourage host \ngovernments.\n"
)
#: 09ISLAMABAD2295: a single-spaced distribution list with an ACTION line and its /000W total.
DISTRIBUTION_SINGLE_SPACED = (
    "ACTION SCA-00 \n\nINFO LOG-00 EEB-00 AID-00 A-00 ACQ-00 CA-00 CCO-00 \nDRL-00 G-00 SAS-00 FA-00 SRAP-00 /000W\n"
    " \nO 231509Z SEP 09\nFM AMEMBASSY ISLAMABAD\nTO SECSTATE WASHDC IMMEDIATE 4811\n\n"
    "C O N F I D E N T I A L ISLAMABAD 002295 \n"
)


@given(text=cgst.cable_texts())
@example(text=WRAPPED_MARKING)
@example(text=DISTRIBUTION_SINGLE_SPACED)
@example(text=SUBJECT_BLANK_REF)
@example(text=SUBJECT_BLANK_PAGE_BREAK)
@example(text=SIGNATURE_THEN_BANNER)
@example(text=REF_WITH_US)
@example(text=CLASSIFIED_BY_PER)
@example(text=CRLF_NO_FINAL_NEWLINE)
@example(text=SUBJECT_WRAP_BEFORE_COMMA_NUMBER)
def test_generated_texts_round_trip_losslessly_and_normalize(text: str) -> None:
    cable = parse(text)
    assert render(cable) == text
    assert_canonical(cable)


@given(pair=cgst.cables_with_texts())
def test_generated_texts_parse_to_the_cable_they_spell(pair: tuple[Cable, str]) -> None:
    cable, text = pair
    assert parse(text) == cable


TWO_SIGNALS = Cable(
    items=[ClassificationLine(classification="CONFIDENTIAL", origin="PARIS", serial="003733"),
           Paragraph(number=1, marking="C", text="Text.")],
    envelope=Envelope(
        family="acp127", precedence_letters=["O"], date_time_group="071830Z SEP 07", sender="AMEMBASSY PARIS",
        to=[Addressee(name="SECSTATE WASHDC", routing_indicator="RUEHC", serial="9971")],
        transmission_id="VZCZCXRO2330", routing_prosign="OO", routing_indicators=["RUEHBC"], station="RUEHFR",
        station_serial="3733", filing_time="2501830", security_warning="ZNY", security_group="CCCCC",
        operating_signals=["ZZH", "ZDK"],
    ),
)
SHORT_WITH_SIGNAL = attrs.evolve(
    TWO_SIGNALS,
    envelope=Envelope(family="short", precedence_letters=["O"], date_time_group="171959Z AUG 75",
                      sender="AMEMBASSY TEHRAN", to=[Addressee(name="SECSTATE WASHDC")], operating_signals=["ZFF4"]),
)


#: Text that opens like a marking but is none: canonically it starts on the line after the number.
MARKING_SHAPED_TEXT = attrs.evolve(TWO_SIGNALS, items=[
    ClassificationLine(classification="CONFIDENTIAL", origin="PARIS", serial="003733"),
    Paragraph(number=1, marking=None, text="(C) is how the drafters mark it."),
])
#: A full row of seven INFO offices: the total goes on a line of its own.
DISTRIBUTION_FULL_ROW = attrs.evolve(SHORT_WITH_SIGNAL, envelope=attrs.evolve(
    SHORT_WITH_SIGNAL.envelope, family="distribution", operating_signals=[], distribution=DistributionList(
        action_keyword="ORIGIN", action=[OfficeCopies("DS")], total="001W", notes=["TEDE"],
        info=[OfficeCopies(office) for office in ("LOG", "MFA", "EEB", "AF", "AIT", "A")],
    ),
))


@given(cable=cgst.cables())
@example(cable=TWO_SIGNALS)
@example(cable=SHORT_WITH_SIGNAL)
@example(cable=MARKING_SHAPED_TEXT)
@example(cable=DISTRIBUTION_FULL_ROW)
def test_generated_cables_survive_their_canonical_text(cable: Cable) -> None:
    text = render(cable)
    again = parse(text)
    assert again == cable
    assert render(again) == text
    assert_canonical(again)


@pytest.mark.parametrize("path", valid_files(), ids=lambda p: p.stem)
def test_corpus_cables_normalize_idempotently(path: Path) -> None:
    cable = parse(cablegrammar.decode(path.read_bytes()))
    assert_canonical(cable)


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="the shared corpus is not on this machine")
def test_whole_shared_corpus_is_lossless_and_normalizes_idempotently() -> None:
    accepted = 0
    for path in sorted(SHARED_CORPUS.rglob("*.txt")):
        text = cablegrammar.decode(path.read_bytes())
        try:
            cable = parse(text)
        except CableSyntaxError:
            continue
        accepted += 1
        assert render(cable) == text, path
        assert_canonical(cable)
    assert accepted > 1000


# ---------------------------------------------------------------------------
# Grammar fuzz: strings the grammar's productions spell, lexer aside
# ---------------------------------------------------------------------------


def _strip_lookarounds(pattern: str) -> str:
    """Drop ``(?=...)``, ``(?!...)`` and lookbehind groups: the text after a token is not the token's."""
    out: list[str] = []
    index = 0
    while index < len(pattern):
        if pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), index) and (index == 0 or pattern[index - 1] != "\\"):
            depth, end = 0, index
            while end < len(pattern):
                char = pattern[end]
                if char == "\\":
                    end += 2
                    continue
                if char == "[":
                    end += 1
                    while pattern[end] != "]" or pattern[end - 1] == "\\":
                        end += 1
                elif char == "(":
                    depth += 1
                elif char == ")":
                    depth -= 1
                    if depth == 0:
                        break
                end += 1
            index = end + 1
            continue
        out.append(pattern[index])
        index += 1
    return "".join(out)


def _explicit_terminals() -> dict[str, st.SearchStrategy[str]]:
    """Terminals whose regex looks past the token: Hypothesis' fullmatch cannot satisfy the lookahead."""
    explicit = {}
    for terminal in _parser.get_parser().terminals:
        value = terminal.pattern.value
        if terminal.pattern.type == "re" and re.search(r"\(\?[=!<]", value):
            flags = re.IGNORECASE if "i" in terminal.pattern.flags else 0
            explicit[terminal.name] = st.from_regex(re.compile(_strip_lookarounds(value), flags), fullmatch=True)
    # %declare'd for recovery mode (the lexer never makes it): any line of text stands for it.
    explicit["UNPARSED"] = st.from_regex(r"[^\r\n]*\n", fullmatch=True)
    return explicit


@given(text=from_lark(_parser.get_parser(), start="start", explicit=_explicit_terminals()))
@example(text="")
@example(text="\n")
@example(text="UNCLAS STATE 000001")
@example(text="VZCZCXRO7895\nPP RUEHDBU\n")
@example(text="Thursday, 03 September 2009, 13:41\r")
@example(text="INFO  LOG-00\n\nDRAFTED BY \xa0\nFM AMEMBASSY BAKU\n\nUNCLAS STATE 000001\n")  # a no-break space is text
def test_grammar_fuzz_never_raises_anything_but_syntax_errors(text: str) -> None:
    assert_lossless_or_refused_inside(text)


# ---------------------------------------------------------------------------
# Mutation fuzz: real cables, edited
# ---------------------------------------------------------------------------

_SOURCES = [cablegrammar.decode(path.read_bytes()) for path in valid_files()]
_NOISE = st.text(st.sampled_from("\r\n\t :/.()-¶ABCSZ019ae\x00\u2028"), min_size=1, max_size=4)


@st.composite
def mutated_texts(draw: st.DrawFn) -> str:
    """A corpus cable with lines deleted, duplicated, swapped, case-changed, or bytes inserted."""
    lines = draw(st.sampled_from(_SOURCES)).splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(("delete", "duplicate", "swap", "insert", "case")))
        if kind == "delete":
            del lines[at]
        elif kind == "duplicate":
            lines.insert(at, lines[at])
        elif kind == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == "insert":
            column = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:column] + draw(_NOISE) + lines[at][column:]
        else:
            lines[at] = draw(st.sampled_from((str.upper, str.lower, str.swapcase)))(lines[at])
    return "".join(lines)


@given(text=mutated_texts())
@example(text="UNCLAS STATE 000001\n\n1. Text.\r\r\n")
@example(text="CONFIDENTIAL BAKU 000864\n\nSUBJECT: A\n\n\x00\n")
@example(text="confidential baku 000864\n\ntags: pgov\n")
def test_mutated_corpus_texts_parse_losslessly_or_fail_inside_the_text(text: str) -> None:
    assert_lossless_or_refused_inside(text)


# ---------------------------------------------------------------------------
# The error contract: parse raises only CableSyntaxError, parse(recover=True) nothing
# ---------------------------------------------------------------------------

_REFUSED = [cablegrammar.decode(path.read_bytes()) for path in invalid_files()]


_CONTROL = st.sampled_from(["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\u2029",
                            "\ufeff", "\t", "\r", "\x1b[31m"])
_LINE_ENDINGS = ("\n", "\r\n", "\r", "")
_CASES = (str.upper, str.lower, str.swapcase, str.title)


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True) or [text]


@st.composite
def damaged_cables(draw: st.DrawFn) -> str:
    """A corpus cable (valid or refused) damaged as real files are: spliced with another cable, control
    characters inserted, line endings mixed, a chunk duplicated, lines joined, case changed."""
    lines = _lines(draw(st.sampled_from(_SOURCES + _REFUSED)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        end = draw(st.integers(at, min(len(lines), at + 12)))
        kind = draw(st.sampled_from(("splice", "control", "endings", "duplicate", "join", "case")))
        if kind == "splice":  # a run of another cable's lines in place of a run of this one's
            other = _lines(draw(st.sampled_from(_SOURCES + _REFUSED)))
            start = draw(st.integers(0, len(other) - 1))
            lines[at:end] = other[start : start + draw(st.integers(1, 40))]
        elif kind == "control":
            column = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:column] + draw(_CONTROL) + lines[at][column:]
        elif kind == "endings":
            for index in range(at, end):
                lines[index] = lines[index].rstrip("\r\n") + draw(st.sampled_from(_LINE_ENDINGS))
        elif kind == "duplicate":
            lines[at:at] = lines[at:end]
        elif kind == "join" and at + 1 < len(lines):  # a lost line break
            lines[at : at + 2] = [lines[at].rstrip("\r\n") + draw(st.sampled_from(("", " ", "  "))) + lines[at + 1]]
        elif kind == "case":
            change = draw(st.sampled_from(_CASES))
            lines[at:end] = [change(line) for line in lines[at:end]]
        event(f"mutation: {kind}")
        if not lines:
            lines = [""]
    return "".join(lines)


@given(text=damaged_cables())
# A labelled export record with a label the grammar did not know before a known one (REFID before ORIGIN):
# the grammar took it, and the model refused it with a ValueError.
@example(text="P 101131Z JUL 07\nFM AMEMBASSY ASUNCION\nTO RUEHC/SECSTATE WASHDC 0001\n\n"
              "ID: 224423\nDATE: 9/10/2009 12:07\nREFID: 09ASUNCION123\nORIGIN: EMBASSY ASUNCION\n\n"
              "CONFIDENTIAL ASUNCION 000123\n\nSUBJECT: TEST\n")
def test_damaged_cables_raise_only_syntax_errors_and_recover_without_raising(text: str) -> None:
    try:
        cable = parse(text)
    except CableSyntaxError as error:
        event(f"strict: {error.code}")
        assert_error_inside(error, text)
    else:
        event("strict: parsed")
        assert render(cable) == text
    recovered = parse(text, recover=True)
    event("recover: with unparsed text" if recovered.unparsed else "recover: all read")
    assert render(recovered) == text


# ---------------------------------------------------------------------------
# Regression tests for what the properties found
# ---------------------------------------------------------------------------


def test_blank_line_between_subject_and_ref_keeps_the_ref_block() -> None:
    cable = parse(SUBJECT_BLANK_REF)
    assert cable.subject == "A TEST"
    assert [r.text for r in cable.references] == ["STATE 1234"]


def test_page_break_after_the_subject_is_no_part_of_it() -> None:
    cable = parse(SUBJECT_BLANK_PAGE_BREAK)
    assert cable.subject == "CONTINUING THE PURSUIT"
    assert cable.classified_by is not None


def test_seed_layout_subject_wrapped_after_a_blank_line_still_joins() -> None:
    text = (
        "CONFIDENTIAL BAKU 000864\n\nSUBJECT: DFM AZIMOV ON TRACK II MISSION TO\n\nNK, ARMENIA\n\n"
        "REF: A. BAKU 00837\n"
    )
    cable = parse(text)
    assert cable.subject == "DFM AZIMOV ON TRACK II MISSION TO NK, ARMENIA"
    assert cable.references[0].text == "BAKU 00837"


def test_banner_after_the_signature_is_a_banner() -> None:
    cable = parse(SIGNATURE_THEN_BANNER)
    assert cable.signature == "DOE"
    assert type(cable.items[-1]).__name__ == "PageBanner"


def test_abbreviations_are_not_reference_letters() -> None:
    refs = parse(REF_WITH_US).references
    assert [(r.label, r.text) for r in refs] == [("A", "STATE 1 -- ORTEGA ATTACKS U.S. EMBASSY"), ("B", "STATE 2")]


def test_per_before_the_reason_is_not_in_the_classifier() -> None:
    classified_by = parse(CLASSIFIED_BY_PER).classified_by
    assert classified_by is not None
    assert classified_by.classifier == "Ambassador Anne Derse"
    assert classified_by.reasons == ("1.4(b)",)


def test_canonical_envelope_keeps_every_operating_signal() -> None:
    assert parse(render(TWO_SIGNALS)).envelope == TWO_SIGNALS.envelope
    assert "O 171959Z AUG 75 ZFF4\n" in render(SHORT_WITH_SIGNAL)


def test_strategies_only_produce_what_the_format_allows() -> None:
    """A sample of the small strategies, checked against the format's rules."""

    @given(dtg=cgst.date_time_groups(), line=cgst.classification_lines(), envelope=cgst.envelopes("SECRET"))
    def check(dtg: str, line: ClassificationLine, envelope: Envelope) -> None:
        assert cablegrammar.interpret.parse_date_time_group(dtg) is not None
        assert line.classification in cgst.CLASSIFICATIONS
        assert envelope.family == "addresses" or envelope.precedence_letters[0] in "ZOPR"
        if envelope.family == "acp127":
            assert envelope.security_group == "SSSSS"
            assert envelope.routing_prosign == envelope.precedence_letters[0] * 2

    check()


def test_distribution_list_survives_normalization() -> None:
    text = (
        "INFO  LOG-00   AF-00 /000W\n\nO 241405Z AUG 09\nFM AMEMBASSY LONDON\nTO SECSTATE WASHDC\n\n"
        "UNCLAS LONDON 001946\n"
    )
    cable = parse(text)
    assert cable.envelope is not None
    assert cable.envelope.family == "distribution"
    assert cable.distribution == DistributionList(
        info=[OfficeCopies(office="LOG"), OfficeCopies(office="AF")], total="000W"
    )
    assert normalize(cable) == cable


def test_marking_wrapped_onto_the_next_line_is_the_paragraphs_marking() -> None:
    # 08STATE79112, paragraph 2: the marking wraps; the line break is layout, canonically it is one line.
    text = "SECRET STATE 079112\n\n2. (S//REL AFGHANISTAN, KYRGYZSTAN,\nTAJIKISTAN): Posts should act.\n"
    cable = parse(text)
    (paragraph,) = cable.paragraphs
    assert paragraph.marking == "S//REL AFGHANISTAN, KYRGYZSTAN, TAJIKISTAN"
    assert paragraph.text == ": Posts should act."
    assert render(cable) == text
    assert normalize(cable) == cable
    assert render(normalize(cable)).endswith("2. (S//REL AFGHANISTAN, KYRGYZSTAN, TAJIKISTAN) : Posts should act.\n\n")


@pytest.mark.parametrize(
    "head",
    [
        # 10SANAA45 and 09BEIJING1970: the corpus's two paragraphs that open an ordinary parenthesis
        "11. (Comment: Despite a history of negotiating with\nthe tribes, the government balked.) End comment.",
        '6. (C XXXXXXXXXXXX, too, asserted that "structural\nreform" was needed.',
        "2. (s/he\nsaid) nothing.",  # a marking-shaped parenthesis whose start is no marking
        "2. (S//NOFO\nRN) text.",  # a word cut in two
    ],
)
def test_ordinary_parenthesis_opening_a_paragraph_is_no_marking(head: str) -> None:
    cable = parse("SECRET STATE 079112\n\n" + head + "\n")
    (paragraph,) = cable.paragraphs
    assert paragraph.marking is None
    assert paragraph.text.startswith("(")
    assert_canonical(cable)


def test_missing_hypothesis_gives_an_install_hint() -> None:
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "try:\n    import cablegrammar.strategies\nexcept ImportError as error:\n    print(error)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parent.parent)
    assert 'pip install "cablegrammar[hypothesis]"' in result.stdout

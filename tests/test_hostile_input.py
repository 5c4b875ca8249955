"""Bytes, files and huge or adversarial inputs: parsed or refused clearly, never a crash."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import cablegrammar
from cablegrammar import CableDecodeError, decode, parse, parse_file, render
from cablegrammar.cli import main

HEAD = "UNCLAS STATE 000001\n\nTAGS: PREL\nSUBJECT: A TEST\n\n"


# --- bytes and files ---------------------------------------------------------


def test_utf8_bom_round_trips_through_files(tmp_path: Path, seed_text: str) -> None:
    data = b"\xef\xbb\xbf" + seed_text.encode("utf-8")
    assert decode(data) == "\ufeff" + seed_text
    path = tmp_path / "bom.txt"
    path.write_bytes(data)
    cable = parse_file(path)
    assert cable.layout.byte_order_mark  # type: ignore[union-attr]
    assert render(cable).encode("utf-8") == data
    assert cable == parse(seed_text)


@pytest.mark.parametrize("newline", [b"\r\n", b"\r", b"\n"])
def test_line_endings_in_files(tmp_path: Path, seed_text: str, newline: bytes) -> None:
    data = seed_text.encode("utf-8").replace(b"\n", newline)
    path = tmp_path / "cable.txt"
    path.write_bytes(data)
    cable = parse_file(path)
    assert render(cable).encode("utf-8") == data
    assert cable.reference_id == "07BAKU864"


def test_latin1_file(tmp_path: Path) -> None:
    data = (HEAD + "\xb61. (C) Caf\xe9.\n").encode("latin-1")
    path = tmp_path / "latin1.txt"
    path.write_bytes(data)
    cable = parse_file(path)
    assert cable.paragraphs[0].text == "Café."
    assert render(cable).encode("latin-1") == data


def test_nul_bytes_are_kept(tmp_path: Path) -> None:
    data = (HEAD + "1. (U) A\x00B.\n").encode()
    path = tmp_path / "nul.txt"
    path.write_bytes(data)
    cable = parse_file(path)
    assert cable.paragraphs[0].text == "A\x00B."
    assert render(cable).encode() == data


@pytest.mark.parametrize(
    ("data", "offset", "message"),
    [
        (b"abc\x92def", 3, "byte 0x92 at offset 3 is neither UTF-8 nor printable Latin-1 (it is the first non-UTF-8 "
                           "byte); pass encoding= to choose one"),
        (b"\xe9t\xe9 \x85", 4, "byte 0x85 at offset 4 is neither UTF-8 nor printable Latin-1 (first non-UTF-8 byte "
                               "at offset 0); pass encoding= to choose one"),
        ("¶1. ".encode() + b"caf\xe9", 8, "byte 0xE9 at offset 8 is not UTF-8, but the bytes at offset 0 are: mixed "
                                           "encodings; pass encoding= to choose one"),
        (b"\xff\xfeU\x00N\x00", 0, "bytes FF FE at offset 0 are a UTF-16 or UTF-32 byte order mark: not a UTF-8 or "
                                   "Latin-1 text; pass encoding= to choose one"),
    ],
)
def test_undecodable_bytes_are_refused_naming_the_offset(data: bytes, offset: int, message: str) -> None:
    with pytest.raises(CableDecodeError) as info:
        decode(data)
    assert info.value.offset == offset
    assert str(info.value) == message
    again = pickle.loads(pickle.dumps(info.value))
    assert (again.offset, str(again)) == (offset, message)


def test_explicit_encoding_errors_are_decode_errors(tmp_path: Path) -> None:
    path = tmp_path / "cable.txt"
    path.write_bytes(HEAD.encode() + b"\xb6 1.\n")
    with pytest.raises(CableDecodeError) as info:
        parse_file(path, encoding="ascii")
    assert info.value.offset == len(HEAD)
    assert str(info.value) == f"bytes B6 at offset {len(HEAD)} are not valid ascii: ordinal not in range(128)"
    assert not isinstance(info.value, UnicodeDecodeError)
    with pytest.raises(CableDecodeError, match="unknown encoding 'no-such-codec'"):
        parse_file(path, encoding="no-such-codec")
    assert parse_file(path, encoding="latin-1").tags == ("PREL",)


def test_parse_file_recover(tmp_path: Path) -> None:
    path = tmp_path / "cable.txt"
    path.write_bytes(b"VZCZCXRO7895\n" + HEAD.encode())
    cable = parse_file(path, recover=True)
    assert cable.unparsed == (cablegrammar.Unparsed(text="VZCZCXRO7895\n"),)
    assert cable.subject == "A TEST"


def test_cli_check_names_the_byte_offset(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"UNCLAS \x81")
    assert main(["check", str(path)]) == 1  # a file that cannot be decoded is a finding (CG003), not a crash
    out = capsys.readouterr().out
    assert out.startswith(f"{path}:1:1: CG003 byte 0x81 at offset 7")


def test_cli_recover(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cable.txt"
    path.write_bytes(b"VZCZCXRO7895\n" + HEAD.encode())
    assert main(["check", str(path)]) == 1
    assert main(["check", "--recover", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    # The strict run's syntax error, then recovery's diagnostic for the same line, then the rules' findings.
    assert out[0].startswith(f"{path}:2:1: CG100 this line does not fit here;")
    assert out[1].startswith(f"{path}:2:1: CG100 this line does not fit here;")
    assert main(["show", "--recover", str(path)]) == 0
    captured = capsys.readouterr()
    assert "A TEST" in captured.out
    assert f"{path}:2:1: CG100" in captured.err


# --- huge and deep inputs: behaviour, not time ---------------------------------


@pytest.mark.parametrize("recover", [False, True])
def test_many_addressees(recover: bool) -> None:
    count = 20_000
    text = (
        "R 010000Z JAN 09\nFM AMEMBASSY BAKU\nTO RUEHC/SECSTATE WASHDC 0001\n"
        + "".join(f"RUEHAA/AMEMBASSY POST{i} PRIORITY\n" for i in range(count))
        + "\n" + HEAD
    )
    cable = parse(text, recover=recover)
    assert len(cable.to) == count + 1
    assert cable.to[-1].name == f"AMEMBASSY POST{count - 1}"
    assert render(cable) == text


def test_many_reference_lines() -> None:
    count = 20_000
    text = HEAD.replace("SUBJECT: A TEST\n", "SUBJECT: A TEST\nREF: A. STATE 1\n") + "".join(
        f"     B. STATE {i}\n" for i in range(count)
    )
    cable = parse(text)
    assert len(cable.references) == count + 1
    assert render(cable) == text


def test_many_paragraphs_and_blank_lines() -> None:
    count = 20_000
    text = HEAD + "".join(f"{i % 999 + 1}. (U) Text {i}.\n\n" for i in range(count))
    cable = parse(text, recover=True)
    assert len(cable.paragraphs) == count
    assert render(cable) == text


@pytest.mark.parametrize("recover", [False, True])
def test_long_line_without_newline(recover: bool) -> None:
    text = HEAD + "1. (U) " + "word " * 100_000
    cable = parse(text, recover=recover)
    assert len(cable.paragraphs[0].text) == 5 * 100_000 - 1
    assert render(cable) == text


@pytest.mark.parametrize("fill", [" ", "-", "¶", "\t", "(", "/"])
def test_long_runs_of_one_character(fill: str) -> None:
    for text in (
        HEAD + fill * 200_000,
        HEAD + "1. " + fill * 200_000 + "\n",
        "SECRET BAKU" + fill * 200_000 + "\n",
        fill * 200_000,
    ):
        cable = parse(text, recover=True)
        assert render(cable) == text


def test_many_error_lines_recover_in_one_pass() -> None:
    bad = "VZCZCXRO7895\n"
    text = HEAD + "\n".join(["SECRET BAKU 000001 //"] * 5_000) + "\n" + bad * 5_000
    cable = parse(text, recover=True)
    assert render(cable) == text
    assert cable.tags == ("PREL",)

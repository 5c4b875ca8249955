"""The public API: decoding policy, errors, command line."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import cablegrammar
from cablegrammar.cli import main


def test_decode_policy() -> None:
    assert cablegrammar.decode("¶1. (C)".encode()) == "¶1. (C)"
    assert cablegrammar.decode(b"\xb61. (C)") == "¶1. (C)"  # Latin-1, as in cables.csv
    with pytest.raises(cablegrammar.CableDecodeError, match="offset 3"):
        cablegrammar.decode(b"abc\x92def")  # cp1252 quote: refused, not mojibake


def test_parse_file_reads_bytes(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "cable.txt"
    path.write_bytes(seed_text.encode("utf-8"))
    assert cablegrammar.parse_file(path).reference_id == "07BAKU864"


@pytest.mark.parametrize("text", ["", "   \n\n"])
def test_empty_text(text: str) -> None:
    with pytest.raises(cablegrammar.CableSyntaxError) as info:
        cablegrammar.parse(text)
    assert (info.value.line, info.value.column, info.value.code) == (1, 1, "CG001")
    assert isinstance(info.value, ValueError)


def test_syntax_error_fields_and_pickle(seed_text: str) -> None:
    broken = seed_text.replace("DE RUEHKB #0864 1911131", "DX RUEHKB #0864 1911131")
    with pytest.raises(cablegrammar.CableSyntaxError) as info:
        cablegrammar.parse(broken)
    error = info.value
    assert (error.line, error.column) == (3, 1)
    assert "the DE line (DE RUEHKB #0864 1911131)" in error.expected
    assert error.context == "DX RUEHKB #0864 1911131\n^"
    again = pickle.loads(pickle.dumps(error))
    assert (again.line, again.column, str(again)) == (error.line, error.column, str(error))


def test_cli_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "07BAKU864" in out
    assert "DFM ARAZ AZIMOV" in out


def test_cli_check(tmp_path: Path, capsys: pytest.CaptureFixture[str], seed_text: str) -> None:
    good = tmp_path / "good.txt"
    good.write_text(seed_text, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text("DE RUEHKB\n", encoding="utf-8")
    assert main(["check", "--select", "CG1", str(good)]) == 0
    assert main(["check", "--select", "CG1", str(good), str(bad)]) == 1
    assert f"{bad}:1:1: CG100" in capsys.readouterr().out
    # With every rule, the seed has one finding: its paragraphs are numbered from 11 (see test_validate).
    assert main(["check", str(good)]) == 1
    assert f"{good}:36:3: CG250 " in capsys.readouterr().out
    # A file that cannot be read is a finding (CG002), not a crash.
    assert main(["check", str(tmp_path / "missing.txt")]) == 1
    assert main(["check", "--output-format", "nonsense", str(good)]) == 2


def test_module_entry_point() -> None:
    result = subprocess.run([sys.executable, "-m", "cablegrammar"], capture_output=True, text=True, check=True)
    assert "CONFIDENTIAL" in result.stdout


def test_import_is_lazy_and_every_export_resolves() -> None:
    code = (
        "import sys, cablegrammar\n"
        "heavy = [m for m in ('lark', 'attrs', 'cablegrammar.model', 'cablegrammar.validate') if m in sys.modules]\n"
        "assert heavy == [], heavy\n"
        "missing = [n for n in cablegrammar.__all__ if getattr(cablegrammar, n, None) is None]\n"
        "assert missing == [], missing\n"
        "import cablegrammar.render, cablegrammar.validate\n"
        "assert callable(cablegrammar.render) and callable(cablegrammar.validate)\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.stdout == "ok\n", result.stderr

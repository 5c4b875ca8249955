"""The grammar ships inside the wheel: build it, install it in a fresh venv, parse from there."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_parses_outside_the_checkout(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = dist.glob("cablegrammar-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True)
    script = (
        "import cablegrammar, pathlib, sys\n"
        "assert 'site-packages' in cablegrammar.__file__, cablegrammar.__file__\n"
        "grammar = pathlib.Path(cablegrammar.__file__).parent / 'grammar' / 'cable.lark'\n"
        "assert grammar.is_file()\n"
        "cable = cablegrammar.parse_file(sys.argv[1])\n"
        "from cablegrammar import values\n"
        "assert values.station_name('RUEHKB') == 'AMEMBASSY BAKU'  # bundled data tables ship\n"
        "assert values.tag('AJ').name == 'Azerbaijan' and values.tag('NATO').kind == 'organization'\n"
        "assert values.tag('PREL').name == 'External political relations'\n"
        "from cablegrammar import _parser\n"
        "assert _parser.tables_path().is_file()  # the stored parse tables ship\n"
        "assert _parser.tables_status() in {'ok', 'lark version differs'}, _parser.tables_status()\n"
        "if _parser.tables_status() == 'ok':\n"
        "    assert _parser.get_parser().source_path == '<deserialized>'\n"
        "print(cable.reference_id, cable.subject)\n"
    )
    clean_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([str(python), "-c", script, str(ROOT / "tests/corpus/valid/seed__07BAKU864.txt")],
                            check=True, capture_output=True, text=True, cwd=tmp_path, env=clean_env)
    assert result.stdout.startswith("07BAKU864 DFM ARAZ AZIMOV")
    cli = subprocess.run([str(env_dir / "bin" / "cablegrammar")], check=True, capture_output=True, text=True,
                         cwd=tmp_path, env=clean_env)
    assert "07BAKU864" in cli.stdout

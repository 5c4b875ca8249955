"""The curated corpus in the repo, and the full shared corpus when it is present."""

from __future__ import annotations

import collections
from pathlib import Path

import pytest
from accuracy.sample import half  # the one rule of the working/unseen split
from conftest import SHARED_CORPUS, invalid_files, manifest, valid_files

import cablegrammar


def test_manifest_lists_every_fixture() -> None:
    listed = {row["file"] for row in manifest()}
    on_disk = {f"valid/{p.name}" for p in valid_files()} | {f"invalid/{p.name}" for p in invalid_files()}
    assert listed == on_disk
    assert len(valid_files()) >= 90
    folders = {row["source_file"].split("/")[0] for row in manifest() if row["source_file"]}
    assert folders >= {"seed", "chillicoder_cablegate", "heuer_cablemap", "markchips_testset",
                       "paulmathieu_converted", "nonelater_flattened_islamabad"}


@pytest.mark.parametrize("path", valid_files(), ids=lambda p: p.stem)
def test_valid_cable_round_trips(path: Path) -> None:
    text = cablegrammar.decode(path.read_bytes())
    cable = cablegrammar.parse(text)
    assert cablegrammar.render(cable) == text
    # 10BEIJING207: the release redacted the classification line whole (a RedactedLine opens the text).
    # 06BERN2115: the telegram is inside a raw export row, to the end of the file.
    in_row = isinstance(cable.release_artifact, cablegrammar.ExportRecord) and cable.release_artifact.shape == "row"
    assert cable.classification is not None or in_row or isinstance(cable.items[0], cablegrammar.RedactedLine)


@pytest.mark.parametrize("path", invalid_files(), ids=lambda p: p.stem)
def test_invalid_text_is_refused_with_golden_message(path: Path) -> None:
    text = cablegrammar.decode(path.read_bytes())
    with pytest.raises(cablegrammar.CableSyntaxError) as info:
        cablegrammar.parse(text)
    golden = path.with_suffix(".err").read_text(encoding="utf-8")
    assert str(info.value) + "\n" == golden
    assert 1 <= info.value.line <= max(1, text.count("\n") + 1)
    assert "__ANON" not in str(info.value)


def test_latin1_crlf_files_keep_their_bytes() -> None:
    paths = [p for p in valid_files() if p.name.startswith("paulmathieu")]
    assert paths
    for path in paths:
        data = path.read_bytes()
        text = cablegrammar.decode(data)
        assert b"\r\n" in data
        assert cablegrammar.render(cablegrammar.parse(text)).encode("latin-1") == data


FOLDERS = ["seed", "chillicoder_cablegate", "heuer_cablemap", "markchips_testset",
           "paulmathieu_converted", "nonelater_flattened_islamabad", "avilaroman_cablegate"]
#: Strict acceptance of avilaroman_cablegate, at least, by half (benchmarks/acceptance.py; the measured share
#: rounded down to half a point): the working half, which grammar changes may be motivated by, and the unseen half.
AVILAROMAN_FLOORS = {"work": 0.98, "unseen": 0.97}


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="the shared corpus is not on this machine")
def test_full_shared_corpus() -> None:
    accepted: dict[str, int] = collections.Counter()
    total: dict[str, int] = collections.Counter()
    refused: dict[str, list[str]] = collections.defaultdict(list)
    complete = 0
    for folder in FOLDERS:
        for path in sorted((SHARED_CORPUS / folder).glob("*.txt")):
            # avilaroman_cablegate is counted by half.
            name = f"{folder} ({half(path.stem)})" if folder == "avilaroman_cablegate" else folder
            total[name] += 1
            text = cablegrammar.decode(path.read_bytes())
            try:
                cable = cablegrammar.parse(text)
            except cablegrammar.CableSyntaxError:
                refused[name].append(path.name)
                continue
            accepted[name] += 1
            assert cablegrammar.render(cable) == text, path
            if folder == "chillicoder_cablegate" and cable.classification and cable.tags and cable.subject:
                complete += 1
    for folder in sorted(total):
        print(f"{folder}: {accepted[folder]}/{total[folder]} accepted ({100 * accepted[folder] / total[folder]:.1f}%)")
    cg = "chillicoder_cablegate"
    print(f"{cg}: {complete}/{accepted[cg]} accepted cables have classification, tags and subject "
          f"({100 * complete / accepted[cg]:.1f}%)")
    assert total[cg] == 1295
    assert accepted[cg] / total[cg] >= 0.98
    assert complete / accepted[cg] >= 0.97
    for folder in ("seed", "paulmathieu_converted"):
        assert refused[folder] == []
    assert refused["heuer_cablemap"] == []
    assert accepted["nonelater_flattened_islamabad"] == 0
    for which, floor in AVILAROMAN_FLOORS.items():
        name = f"avilaroman_cablegate ({which})"
        assert accepted[name] / total[name] >= floor, name

"""Draw the annotated set and the unseen sample (fixed seed), and write their file lists.

    python tests/accuracy/sample.py        # writes annotated.txt and unseen.txt beside this script

The draw is part of the record: rerunning it gives the same lists.  See README.md for the rules.
"""

from __future__ import annotations

import csv
import hashlib
import os
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = Path(os.environ.get("CABLEGRAMMAR_SHARED_CORPUS", HERE.parents[2] / "shared" / "corpus"))
SEED = 17
#: How many cables each group gives to the annotated set.
DRAW = {
    "chillicoder_cablegate": 60,
    "avilaroman_cablegate (work)": 70,
    "markchips_testset": 10,
    "paulmathieu_converted": 10,
    "heuer_cablemap": 4,
    "seed": 1,
    "nonelater_flattened_islamabad": 10,  # scored in recover mode only
}
UNSEEN = 30


def half(refid: str) -> str:
    """``work`` or ``unseen``: the half of ``avilaroman_cablegate`` a refid belongs to."""
    return "work" if int(hashlib.sha256(refid.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "unseen"


def group(file: str, refid: str) -> str:
    folder = file.split("/", maxsplit=1)[0]
    return f"{folder} ({half(refid)})" if folder == "avilaroman_cablegate" else folder


def main() -> None:
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    groups: dict[str, list[str]] = {}
    for row in rows:
        groups.setdefault(group(row["file"], row["refid"]), []).append(row["file"])
    rng = random.Random(SEED)
    annotated = [file for name, count in DRAW.items() for file in sorted(rng.sample(sorted(groups[name]), count))]
    unseen = sorted(rng.sample(sorted(groups["avilaroman_cablegate (unseen)"]), UNSEEN))
    (HERE / "annotated.txt").write_text("\n".join(annotated) + "\n", encoding="utf-8")
    (HERE / "unseen.txt").write_text("\n".join(unseen) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

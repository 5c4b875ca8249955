"""Reference ids per folder of the shared corpus: ``cable.reference_id`` against the publisher's id.

For every cable that parses, compare ``cable.reference_id`` with ``cablegrammar.canonical_id`` of the refid the
corpus manifest gives (the file name), and count where each id's year came from::

    python benchmarks/reference_ids.py

The corpus is ``../shared/corpus`` beside the checkout, or ``$CABLEGRAMMAR_SHARED_CORPUS``.
"""

from __future__ import annotations

import collections
import csv
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cablegrammar  # noqa: E402

CORPUS = Path(os.environ.get("CABLEGRAMMAR_SHARED_CORPUS", ROOT.parent / "shared" / "corpus"))


def main() -> None:
    """Print the table: per folder, accepted cables and how many read the publisher's id."""
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    accepted: collections.Counter[str] = collections.Counter()
    agree: collections.Counter[str] = collections.Counter()
    right: collections.Counter[str] = collections.Counter()
    wrong: collections.Counter[str] = collections.Counter()
    for row in rows:
        folder = row["file"].split("/", maxsplit=1)[0]
        try:
            cable = cablegrammar.parse(cablegrammar.decode((CORPUS / row["file"]).read_bytes()))
        except cablegrammar.CableSyntaxError:
            continue
        accepted[folder] += 1
        found = cable.cable_id
        source = found.year_source if found else "no id"
        if cable.reference_id == cablegrammar.canonical_id(row["refid"]):
            agree[folder] += 1
            right[source] += 1
        else:
            wrong[source] += 1
    print(f"{'folder':32} {'accepted':>8} {'same id':>8}")
    for folder in sorted(accepted):
        print(f"{folder:32} {accepted[folder]:8} {agree[folder]:8} {100 * agree[folder] / accepted[folder]:6.2f}%")
    print("right, by where the year came from:", dict(right.most_common()))
    print("wrong or missing, by where the year came from:", dict(wrong.most_common()))


if __name__ == "__main__":
    main()

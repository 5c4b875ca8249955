"""Acceptance per folder of the shared corpus: strict parsing, recovery, lossless round trips.

``avilaroman_cablegate`` is reported in two halves: the working half, refids with
``int(sha256(refid).hexdigest(), 16) % 2 == 0``, which grammar changes may be motivated by, and the unseen half,
which only measures them::

    python benchmarks/acceptance.py                  # the table
    python benchmarks/acceptance.py --refused work   # also the refused files of the working half, with the line

The corpus is ``../shared/corpus`` beside the checkout, or ``$CABLEGRAMMAR_SHARED_CORPUS``.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import os
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cablegrammar  # noqa: E402

CORPUS = Path(os.environ.get("CABLEGRAMMAR_SHARED_CORPUS", ROOT.parent / "shared" / "corpus"))
#: The folder split into a working half and an unseen half.
SPLIT_FOLDER = "avilaroman_cablegate"


def _load_half() -> Callable[[str], str]:
    """The split's one rule, ``tests/accuracy/sample.py``'s ``half``: ``work`` or ``unseen`` for a refid."""
    spec = importlib.util.spec_from_file_location("sample", ROOT / "tests" / "accuracy" / "sample.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rule: Callable[[str], str] = module.half
    return rule


half = _load_half()


def group(path: Path) -> str:
    """The row a file is counted in: its folder, and for the split folder its half too."""
    folder = path.parent.name
    return f"{folder} ({half(path.stem)})" if folder == SPLIT_FOLDER else folder


def main(argv: list[str]) -> int:
    """Print the table (and the refused files of one group when asked)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--refused", choices=["work", "unseen", "all"],
                        help="list refused files: the working half and other folders, the unseen half, or all")
    args = parser.parse_args(argv)
    total: collections.Counter[str] = collections.Counter()
    strict: collections.Counter[str] = collections.Counter()
    lossless: collections.Counter[str] = collections.Counter()
    recovered: collections.Counter[str] = collections.Counter()
    refused: list[tuple[str, str, str]] = []
    for path in sorted(CORPUS.glob("*/*.txt")):
        name = group(path)
        total[name] += 1
        text = cablegrammar.decode(path.read_bytes())
        try:
            cable = cablegrammar.parse(text)
        except cablegrammar.CableSyntaxError as error:
            lines = text.splitlines()
            line = lines[error.line - 1] if error.line <= len(lines) else ""
            refused.append((name, path.stem, f"{error.code} line {error.line}: {line[:100]}"))
        else:
            strict[name] += 1
            lossless[name] += cablegrammar.render(cable) == text
        recovered[name] += cablegrammar.render(cablegrammar.parse(text, recover=True)) == text
    print(f"{'folder':<36} {'files':>6} {'strict':>14} {'lossless':>9} {'recovered':>10}")
    for name in sorted(total):
        print(f"{name:<36} {total[name]:>6} {strict[name]:>6} {100 * strict[name] / total[name]:>6.2f}% "
              f"{lossless[name]:>9} {recovered[name]:>10}")
    if args.refused:
        wanted = {"work": lambda n: not n.endswith("(unseen)"), "unseen": lambda n: n.endswith("(unseen)"),
                  "all": lambda n: True}[args.refused]
        for name, refid, why in refused:
            if wanted(name):
                print(f"{name} | {refid} | {why}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

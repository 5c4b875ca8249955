"""Paired check: best-of-5 CPU seconds of ``parse`` over the same 200 chillicoder cables, one checkout.

Run it alternately for two checkouts (e.g. a tag and main), a few times each::

    CABLEGRAMMAR_PURE_LARK=1 python benchmarks/paired_parse_time.py /path/to/checkout

Every 6th ``chillicoder_cablegate`` cable that the checkout accepts, the first 200; prints one JSON line.
Fewer files and more repetitions than ``paired_parse.py``: on a loaded machine the best of five short runs
moves less than one long run.
"""

from __future__ import annotations

import glob
import json
import sys
import time
from pathlib import Path


def main(root: str) -> None:
    """Print the best CPU time of five passes over the same cables for the checkout at ``root``."""
    sys.path.insert(0, root)
    import cablegrammar  # noqa: PLC0415

    files = sorted(glob.glob(str(Path(root).parent / "shared/corpus/chillicoder_cablegate/*.txt")))[::6]
    texts = []
    for path in files:
        text = cablegrammar.decode(Path(path).read_bytes())
        try:
            cablegrammar.parse(text)
        except cablegrammar.CableSyntaxError:
            continue
        texts.append(text)
    texts = texts[:200]
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        for text in texts:
            cablegrammar.parse(text)
        best = min(best, time.process_time() - start)
    size = sum(len(text.encode("utf-8")) for text in texts)
    print(json.dumps({"root": root, "cables": len(texts), "best_cpu_s": round(best, 3),
                      "MBps": round(size / best / 1e6, 2)}))


if __name__ == "__main__":
    main(sys.argv[1])

"""Paired check: full ``parse`` MB/s and the ``re`` baseline of one checkout, on every 3rd chillicoder cable.

Run it alternately for two checkouts (e.g. main and a branch) on the same core, a few times::

    nice taskset -c 0 python benchmarks/paired_parse.py /path/to/checkout
"""

from __future__ import annotations

import glob
import json
import sys
import time
from pathlib import Path


def main(root: str) -> None:
    """Print one JSON line: parse MB/s, baseline MB/s and their ratio (best of 3, CPU time)."""
    sys.path.insert(0, root)
    sys.path.insert(0, root + "/benchmarks")
    from _corpus import Corpus, re_baseline  # noqa: PLC0415

    import cablegrammar  # noqa: PLC0415

    files = sorted(Path(p) for p in glob.glob(str(Path(root).parent / "shared/corpus/chillicoder_cablegate/*.txt")))
    corpus = Corpus("chillicoder/3", files[::3])
    speeds = {}
    for name, fn in (("re", re_baseline), ("parse", cablegrammar.parse)):
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            for text in corpus.texts:
                fn(text)
            best = min(best, time.process_time() - start)
        speeds[name] = corpus.bytes / 1e6 / best
    print(json.dumps({"root": root, "parse_MBps": round(speeds["parse"], 2), "re_MBps": round(speeds["re"], 1),
                      "parse_time_vs_re": round(speeds["re"] / speeds["parse"], 1)}))


if __name__ == "__main__":
    main(sys.argv[1])

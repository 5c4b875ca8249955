"""Paired check: full ``parse`` MB/s and the ``re`` baseline of one checkout, on every 3rd chillicoder cable.

Run it alternately for two checkouts (e.g. main and a branch) on the same core, a few times::

    nice taskset -c 0 python benchmarks/paired_parse.py /path/to/checkout

On a loaded machine the best of more, shorter passes moves less than a few long ones::

    python benchmarks/paired_parse.py /path/to/checkout --every 6 --limit 200 --repeat 5
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
import time
from pathlib import Path

from _checkout import checkout_label  # beside this script


def main(root: str, every: int = 3, limit: int | None = None, repeat: int = 3) -> None:
    """Print one JSON line: parse MB/s and best CPU seconds, baseline MB/s, their ratio (best of ``repeat``)."""
    sys.path.insert(0, root)
    sys.path.insert(0, root + "/benchmarks")
    from _corpus import Corpus, re_baseline  # noqa: PLC0415

    import cablegrammar  # noqa: PLC0415

    files = sorted(Path(p) for p in glob.glob(str(Path(root).parent / "shared/corpus/chillicoder_cablegate/*.txt")))
    corpus = Corpus(f"chillicoder/{every}", files[::every])
    texts = corpus.texts[:limit]
    size = sum(len(text.encode("utf-8")) for text in texts)
    best = {}
    for name, fn in (("re", re_baseline), ("parse", cablegrammar.parse)):
        best[name] = float("inf")
        for _ in range(repeat):
            start = time.process_time()
            for text in texts:
                fn(text)
            best[name] = min(best[name], time.process_time() - start)
    speeds = {name: size / 1e6 / seconds for name, seconds in best.items()}
    print(json.dumps({"checkout": checkout_label(root),
                      "cables": len(texts), "parse_best_cpu_s": round(best["parse"], 3),
                      "parse_MBps": round(speeds["parse"], 2), "re_MBps": round(speeds["re"], 1),
                      "parse_time_vs_re": round(speeds["re"] / speeds["parse"], 1)}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", help="the checkout to measure")
    parser.add_argument("--every", type=int, default=3, help="take every Nth chillicoder cable (default 3)")
    parser.add_argument("--limit", type=int, default=None, help="at most this many accepted cables")
    parser.add_argument("--repeat", type=int, default=3, help="passes; the best one counts (default 3)")
    args = parser.parse_args()
    main(args.root, args.every, args.limit, args.repeat)

"""Paired check of peak memory: tracemalloc peak of one ``parse`` over the cable's size, one checkout.

    python benchmarks/paired_memory.py /path/to/checkout

Every 3rd ``chillicoder_cablegate`` cable (the grammar's refusals left out),
the parser built before measuring; prints one JSON line with the median,
p95 and max of peak / size (size in UTF-8 bytes, as in test_speed.py).
"""

from __future__ import annotations

import glob
import json
import statistics
import sys
import tracemalloc
from pathlib import Path

from _checkout import checkout_label  # beside this script


def main(root: str) -> None:
    """Print the peak-memory ratios of ``parse`` for the checkout at ``root``."""
    sys.path.insert(0, root)
    import cablegrammar  # noqa: PLC0415

    files = sorted(glob.glob(str(Path(root).parent / "shared/corpus/chillicoder_cablegate/*.txt")))[::3]
    ratios = []
    for path in files:
        text = cablegrammar.decode(Path(path).read_bytes())
        try:
            cablegrammar.parse(text)  # warm: the parser is built, the scanners compiled
        except cablegrammar.CableError:
            continue
        tracemalloc.start()
        cable = cablegrammar.parse(text)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        del cable
        ratios.append(peak / len(text.encode("utf-8")))
    ratios.sort()
    print(json.dumps({"checkout": checkout_label(root),
                      "cables": len(ratios), "median": round(statistics.median(ratios), 2),
                      "p95": round(ratios[int(0.95 * (len(ratios) - 1))], 2), "max": round(ratios[-1], 2)}))


if __name__ == "__main__":
    main(sys.argv[1])

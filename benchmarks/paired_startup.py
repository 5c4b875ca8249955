"""Paired check of start-up: ``import cablegrammar`` and the first ``parse``, in fresh interpreters.

Run it for two checkouts (e.g. main and a branch) on the same core, alternately::

    nice taskset -c 0 python benchmarks/paired_startup.py /path/to/checkout [runs]

Prints one JSON line: medians (ms) of CPU time (``time.process_time``, steady on a
shared machine) and wall time of the import and of the first parse of the seed
cable (the grammar build or the load of the stored tables, scanner compilation
and the model included).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

from _checkout import checkout_label  # beside this script

_CHILD = """
import json, sys, time
sys.path.insert(0, {root!r})
text = open({seed!r}, encoding="utf-8").read()
c0, w0 = time.process_time(), time.perf_counter()
import cablegrammar
c1, w1 = time.process_time(), time.perf_counter()
cablegrammar.parse(text)
c2, w2 = time.process_time(), time.perf_counter()
print(json.dumps([c1 - c0, c2 - c1, w1 - w0, w2 - w1]))
"""


def main(root: str, runs: int = 9) -> None:
    """Print the medians of ``runs`` fresh interpreters for the checkout at ``root``."""
    seed = Path(__file__).resolve().parent.parent / "tests/corpus/valid/seed__07BAKU864.txt"
    code = _CHILD.format(root=root, seed=str(seed))
    samples = [json.loads(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                         text=True).stdout) for _ in range(runs)]
    names = ("import_cpu_ms", "first_parse_cpu_ms", "import_wall_ms", "first_parse_wall_ms")
    result: dict[str, object] = {"checkout": checkout_label(root), "runs": runs}
    result.update({name: round(1000 * statistics.median(s[i] for s in samples), 1) for i, name in enumerate(names)})
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1], *(int(arg) for arg in sys.argv[2:3]))

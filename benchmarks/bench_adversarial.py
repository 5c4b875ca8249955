"""Parse time per MB for ordinary and adversarial inputs from 10 KB to 10 MB.

A benchmark, not a test: it prints a table and writes
``benchmarks/results/adversarial.json``.  Parse time per MB should stay flat
as the input grows (no quadratic or worse behaviour anywhere).  Run from the
repository root::

    python benchmarks/bench_adversarial.py            # 10 KB .. 10 MB
    python benchmarks/bench_adversarial.py --max-mb 1  # quicker

Each input is parsed strictly when the grammar accepts it, else in recovery
mode (the ``mode`` column); every result is checked to render back to the
input.  Times are the process's CPU time (``time.process_time``), which other
jobs on a shared machine disturb less than wall time; wall time is in the JSON.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cablegrammar  # noqa: E402

SEED = (ROOT / "tests" / "corpus" / "valid" / "seed__07BAKU864.txt").read_text(encoding="utf-8")
HEAD = "UNCLAS STATE 000001\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: A TEST\n\n"
ENVELOPE = "R 010000Z JAN 09\nFM AMEMBASSY BAKU\nTO RUEHC/SECSTATE WASHDC 0001\n"


def repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


#: name -> (description, builder of an input of about ``size`` characters)
INPUTS: dict[str, tuple[str, Callable[[int], str]]] = {
    "cable": ("the seed cable with its paragraphs repeated", lambda n: SEED + repeat(
        "\n12. (C) The Minister said the talks would go on, and that the sides had agreed to meet again.\n", n)),
    "paragraphs": ("numbered paragraphs with blank lines",
                   lambda n: HEAD + repeat("1. (U) Text of a paragraph.\n\n", n)),
    "long_line": ("one line, no line break at all", lambda n: HEAD + "1. (U) " + repeat("word ", n)),
    "ref_lines": ("a REF block of many lettered lines", lambda n: HEAD.replace(
        "SUBJECT: A TEST\n", "SUBJECT: A TEST\nREF: A. STATE 1\n") + repeat("     B. STATE 123456\n", n)),
    "addressees": ("an envelope with many TO addressees", lambda n: ENVELOPE
                   + repeat("RUEHAA/AMEMBASSY SOMEWHERE PRIORITY\n", n) + "\n" + HEAD),
    "spaces": ("a run of spaces, no line break", lambda n: HEAD + " " * n),
    "spaces_in_line": ("a word, a run of spaces, a word", lambda n: HEAD + "1. (U) A" + " " * n + "B\n"),
    "dashes": ("a run of dashes", lambda n: HEAD + "-" * n + "\n"),
    "pilcrows": ("a run of pilcrows", lambda n: HEAD + "¶" * n),
    "blank_crlf": ("CRLF blank lines then text", lambda n: HEAD + "SUBJECT: X\r\n" + "\r\n" * (n // 2) + "x\r\n"),
    "recover_run_on": ("recovery: run-on classification lines", lambda n: "UNCLAS STATE 000001\n"
                       + repeat("CONFIDENTIAL BAKU 000864 TAGS: PREL SUBJECT: X\n", n)),
    "run_on_with_breaks": ("the run-on lines of recover_run_on with their line breaks (strict)",
                           lambda n: "UNCLAS STATE 000001\n"
                           + repeat("CONFIDENTIAL BAKU 000864\nTAGS: PREL\nSUBJECT: X\n", n)),
    "recover_unparsed": ("recovery: lines kept as unparsed", lambda n: "UNCLAS STATE 000001\n"
                         + repeat("CONFIDENTIAL BAKU 000864 XSUBJECT: X\n", n)),
    "flattened": ("recovery: a flattened cable, repeated on one line", lambda n: repeat(
        "C O N F I D E N T I A L ISLAMABAD 003966   E.O. 12958:  DECL:  05/28/08 TAGS: PREL, PK SUBJECT:  A TEST  "
        "1. (U) SOMBER AND TIRED LOOKING, THE PRIME MINISTER SPOKE.  2. (C) MORE.  ", n)),
}


def measure(text: str) -> tuple[float, float, str]:
    """CPU seconds (this process only: fair on a shared machine), wall seconds, and the mode used."""
    try:
        gc.collect()
        cpu, wall = time.process_time(), time.perf_counter()
        cable = cablegrammar.parse(text)
        mode = "strict"
    except cablegrammar.CableSyntaxError:
        gc.collect()
        cpu, wall = time.process_time(), time.perf_counter()
        cable = cablegrammar.parse(text, recover=True)
        mode = "recover"
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if cablegrammar.render(cable) != text:
        raise AssertionError("render differs from the input")
    return cpu, wall, mode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-mb", type=float, default=10.0)
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args()
    # Build the parser and let Lark compile its per-state lexers (lazily, on
    # first use) before timing: parse every input once, small.
    for _, build in INPUTS.values():
        measure(build(10_000))
    sizes = [size for size in (10_000, 100_000, 1_000_000, 10_000_000) if size <= args.max_mb * 1_000_000]
    results = []
    print(f"{'input':18} {'mode':8} " + " ".join(f"{size / 1e6:>9.2f}MB" for size in sizes) + "   (CPU seconds per MB)")
    for name, (description, build) in INPUTS.items():
        if args.only and name not in args.only:
            continue
        row = {"input": name, "description": description, "runs": []}
        cells = []
        mode = ""
        for size in sizes:
            text = build(size)
            megabytes = len(text.encode("utf-8")) / 1e6
            cpu, wall, mode = measure(text)
            row["runs"].append({"chars": len(text), "megabytes": round(megabytes, 4), "cpu_seconds": round(cpu, 4),
                                "wall_seconds": round(wall, 4), "cpu_seconds_per_mb": round(cpu / megabytes, 3)})
            cells.append(f"{cpu / megabytes:>11.3f}")
        per_mb = [run["cpu_seconds_per_mb"] for run in row["runs"]]
        row["mode"] = mode
        row["flatness"] = round(max(per_mb) / min(per_mb), 2) if min(per_mb) > 0 else None
        results.append(row)
        print(f"{name:18} {mode:8} " + " ".join(cells) + f"   max/min {row['flatness']}", flush=True)
    out = ROOT / "benchmarks" / "results" / "adversarial.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    if args.only and out.exists():  # keep the other inputs' rows of the last full run
        fresh = {row["input"] for row in results}
        kept = [row for row in json.loads(out.read_text(encoding="utf-8"))["results"] if row["input"] not in fresh]
        results = [row for row in kept + results]
        results.sort(key=lambda row: list(INPUTS).index(row["input"]))
    meta = {"python": platform.python_version(), "machine": platform.machine(), "sizes": sizes,
            "note": "CPU time of the parsing process; 2 cores shared with other jobs (memory bandwidth and caches "
                    "too): compare along a row, not absolute figures"}
    out.write_text(json.dumps({"meta": meta, "results": results}, indent=1) + "\n", encoding="utf-8")
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

"""Speed benchmarks (pytest-benchmark): out of the default test run; see ``docs/benchmarks.md``.

Run (one core, CPU time, JSON for ``benchmarks/summarize.py``)::

    nice taskset -c 0 python -m pytest benchmarks/test_speed.py --benchmark-only \\
        --benchmark-timer=time.process_time --benchmark-json=benchmarks/results/latest.json
    python benchmarks/summarize.py benchmarks/results/latest.json

Every figure has the plain ``re`` line splitter (``_corpus.re_baseline``) of the
same run beside it, so that a loaded machine moves both alike.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
import tracemalloc
from typing import Any

import pytest
from _corpus import ROOT, corpora, grown_seed, load, re_baseline, stages

import cablegrammar

CORPORA = [name for name in corpora() if name != "shared_all"]
STAGES = ["re_baseline", "lex_parse_tree", "tree_to_model", "render", "validate", "parse"]
ROUNDS = 5


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("corpus_name", CORPORA)
def test_throughput(benchmark: Any, corpus_name: str, stage: str) -> None:
    """Each stage over a whole corpus: MB/s and cables/s (added to the JSON by conftest)."""
    corpus = load(corpus_name)
    run = stages(corpus)
    if stage not in run:
        pytest.skip("cablegrammar.validate is not there yet")
    benchmark.group = f"throughput {corpus_name}"
    benchmark.extra_info.update(corpus=corpus_name, stage=stage, bytes=corpus.bytes, cables=len(corpus.texts),
                                refused_not_timed=corpus.refused)
    benchmark.pedantic(run[stage], rounds=ROUNDS, iterations=1, warmup_rounds=1)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


@pytest.mark.parametrize("corpus_name", CORPORA)
def test_latency_by_size(benchmark: Any, corpus_name: str) -> None:
    """Per-cable ``parse`` latency (best of 3 per cable), median and p95 by size bucket, beside the baseline."""
    corpus = load(corpus_name)
    buckets: dict[str, dict[str, list[float]]] = {}
    clock = time.process_time

    def measure() -> None:
        for text, size in zip(corpus.texts, corpus.sizes, strict=True):
            name = "<4KB" if size < 4096 else "4-16KB" if size <= 16384 else ">16KB"
            bucket = buckets.setdefault(name, {"parse": [], "re": []})
            for fn, key in ((cablegrammar.parse, "parse"), (re_baseline, "re")):
                best = float("inf")
                for _ in range(3):
                    start = clock()
                    fn(text)
                    best = min(best, clock() - start)
                bucket[key].append(best)

    benchmark.group = "latency"
    benchmark.pedantic(measure, rounds=1, iterations=1)
    summary = {}
    for name, times in sorted(buckets.items()):
        summary[name] = {
            "cables": len(times["parse"]),
            "median_ms": 1000 * statistics.median(times["parse"]),
            "p95_ms": 1000 * _percentile(times["parse"], 0.95),
            "re_median_ms": 1000 * statistics.median(times["re"]),
            "re_p95_ms": 1000 * _percentile(times["re"], 0.95),
        }
        summary[name]["median_vs_re"] = summary[name]["median_ms"] / max(summary[name]["re_median_ms"], 1e-9)
    benchmark.extra_info.update(corpus=corpus_name, latency=summary)


_STARTUP = """
import json, sys, time
sys.path.insert(0, {root!r})
text = open({seed!r}, encoding="utf-8").read()
t0, c0 = time.perf_counter(), time.process_time()
import {module}
t1, c1 = time.perf_counter(), time.process_time()
{call}
t2, c2 = time.perf_counter(), time.process_time()
print(json.dumps([t1 - t0, t2 - t1, c1 - c0, c2 - c1]))
"""


def _fresh(module: str, call: str) -> tuple[float, float, float, float]:
    """Wall and CPU seconds of the import and of the first call, in a fresh interpreter."""
    code = _STARTUP.format(root=str(ROOT), seed=str(ROOT / "tests/corpus/valid/seed__07BAKU864.txt"),
                           module=module, call=call)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    wall_import, wall_call, cpu_import, cpu_call = json.loads(out)
    return wall_import, wall_call, cpu_import, cpu_call


def test_import_and_first_parse(benchmark: Any) -> None:
    """``import cablegrammar`` and the first ``parse`` (grammar build included), each in a fresh interpreter."""
    runs: list[tuple[float, float, float, float]] = []
    baseline: list[tuple[float, float, float, float]] = []

    def measure() -> None:
        for _ in range(7):
            runs.append(_fresh("cablegrammar", "cablegrammar.parse(text)"))
            baseline.append(_fresh("re", "[m.group() for m in re.finditer('[^\\\\n]*\\\\n', text)]"))

    benchmark.group = "startup"
    benchmark.pedantic(measure, rounds=1, iterations=1)
    benchmark.extra_info.update(
        import_ms=1000 * statistics.median(r[0] for r in runs),
        first_parse_ms=1000 * statistics.median(r[1] for r in runs),
        import_plus_first_parse_ms=1000 * statistics.median(r[0] + r[1] for r in runs),
        re_import_plus_split_ms=1000 * statistics.median(r[0] + r[1] for r in baseline),
        import_cpu_ms=1000 * statistics.median(r[2] for r in runs),
        first_parse_cpu_ms=1000 * statistics.median(r[3] for r in runs),
        runs=7,
    )


def test_peak_memory(benchmark: Any) -> None:
    """tracemalloc peak of one ``parse`` relative to the cable's size (largest corpus present)."""
    corpus = load(CORPORA[-1])
    ratios: list[tuple[float, int]] = []
    re_ratios: list[float] = []

    def measure() -> None:
        for text, size in zip(corpus.texts, corpus.sizes, strict=True):
            for fn, sink in ((cablegrammar.parse, "parse"), (re_baseline, "re")):
                tracemalloc.start()
                result = fn(text)
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
                del result
                if sink == "parse":
                    ratios.append((peak / size, size))
                else:
                    re_ratios.append(peak / size)

    benchmark.group = "memory"
    benchmark.pedantic(measure, rounds=1, iterations=1)
    only = [r for r, _ in ratios]
    big = [r for r, size in ratios if size > 16384]
    benchmark.extra_info.update(
        corpus=corpus.name,
        peak_over_size_median=statistics.median(only),
        peak_over_size_p95=_percentile(only, 0.95),
        peak_over_size_max=max(only),
        peak_over_size_median_over_16KB=statistics.median(big) if big else None,
        re_peak_over_size_median=statistics.median(re_ratios),
    )


@pytest.mark.parametrize("factor", [1, 10, 100])
def test_scaling(benchmark: Any, factor: int) -> None:
    """The seed cable grown 1x, 10x, 100x (paragraphs and INFO addressees): time per MB should stay flat."""
    text = grown_seed(factor)
    cable = cablegrammar.parse(text)
    size = len(text.encode("utf-8"))
    benchmark.group = "scaling"
    benchmark.extra_info.update(factor=factor, bytes=size, paragraphs=len(cable.paragraphs),
                                info_addressees=len(cable.info))
    rounds = {1: 200, 10: 30, 100: 5}[factor]
    benchmark.pedantic(cablegrammar.parse, args=(text,), rounds=rounds, iterations=1, warmup_rounds=1)
    start = time.process_time()
    for _ in range(rounds):
        re_baseline(text)
    benchmark.extra_info["re_baseline_s"] = (time.process_time() - start) / rounds

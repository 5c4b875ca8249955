"""Throughput of corpus-scale parsing: 1 worker, N workers (stdlib pool) and Dask's local scheduler.

    python benchmarks/scale_out.py [ROOT] [--workers 2] [--repeat 3] [--format dir|csv|both]

ROOT (default ../shared/corpus) is read as a directory of text files and, with ``--format csv`` or ``both``, as a
``cables.csv`` built from the same texts (header and content split at the first blank line, the way the Cablegate
export holds them).  Every run writes the flat table to Parquet, as ``cablegrammar parse -o x.parquet`` does, and
reports rows in (records the reader gave) and rows out (rows in the Parquet output, read back), which must be
equal, and the throughput in MB of cable text per second, best of ``--repeat`` (the engines take turns), with the
ratio to 1 worker measured in the same run, beside a pure-CPU control (the speed-up the machine itself gives on
that many processes, the ceiling for the ratios).  Pool start-up is included (it is part of what a user waits for),
except in the last row, where Dask is given a pool already started, as a long-lived program or a cluster
would have.
"""

from __future__ import annotations

import argparse
import functools
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path

import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the checkout, installed or not (spawned Dask workers inherit sys.path)

from cablegrammar.pipeline import parallel_map, table_row  # noqa: E402
from cablegrammar.sources import Record, records, split_header, write_cables_csv  # noqa: E402
from cablegrammar.table import ParquetSink  # noqa: E402

DEFAULT_ROOT = HERE.parent.parent / "shared" / "corpus"


def build_csv(root: Path, path: Path, copies: int = 1) -> int:
    """A cables.csv of every text file under ``root``, ``copies`` times over; returns the number of rows."""
    texts = [record.load() for record in records(root)] * copies
    rows = ([str(n), "", "", "", "", "", *split_header(text)] for n, text in enumerate(texts, start=1))
    return write_cables_csv(rows, path)


def stdlib_run(source: list[Path], out: Path, workers: int) -> tuple[int, int]:
    """Rows in and rows out for one run through ``parallel_map`` into one Parquet file."""
    rows_in = 0

    def counted() -> Iterator[Record]:
        nonlocal rows_in
        for record in records(source):
            rows_in += 1
            yield record

    with ParquetSink(out) as sink:
        for row in parallel_map(table_row, counted(), workers=workers):
            sink.write(row)
    return rows_in, pq.read_metadata(out).num_rows


def dask_run(
    source: list[Path], out: Path, workers: int, pool: Executor | None = None, partition_size: int = 64
) -> tuple[int, int]:
    """Rows in and rows out for one run on Dask's processes scheduler (one Parquet file per partition).

    Without ``pool`` Dask starts a new one (spawn) for the computation, as it does by default.
    """
    import dask  # noqa: PLC0415

    from cablegrammar import dask as cg_dask  # noqa: PLC0415

    bag = cg_dask.record_bag(source, partition_size=partition_size)
    settings: dict[str, object] = {"scheduler": "processes", "num_workers": workers}
    if pool is not None:
        settings["pool"] = pool
    with dask.config.set(settings):
        summary = cg_dask.write_parquet(cg_dask.row_bag(bag), out)
    rows_out = sum(pq.read_metadata(p).num_rows for p in out.glob("*.parquet"))
    return summary.rows, rows_out


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def cpu_control(workers: int, repeat: int, units: int = 8_000_000) -> float:
    """What this machine gives for pure-Python CPU work on ``workers`` processes: the best speed-up of ``repeat``.

    The ceiling for the parse ratios: shared virtual cores often give less than one core per process.
    """
    best = 0.0
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_burn, [1] * workers))  # start the workers
        for _ in range(repeat):
            start = time.perf_counter()
            for _ in range(workers):
                _burn(units)
            alone = time.perf_counter() - start
            start = time.perf_counter()
            list(pool.map(_burn, [units] * workers))
            best = max(best, alone / (time.perf_counter() - start))
    return best


def text_megabytes(source: list[Path]) -> float:
    return sum(len(r.load().encode("utf-8")) for r in records(source)) / 1e6


Run = Callable[[Path], tuple[int, int]]


def measure(runs: list[tuple[str, Run]], repeat: int, work: Path) -> list[tuple[float, int, int]]:
    """Best time and counts of each run; the runs take turns, so a slow spell of the machine hits them all."""
    work.mkdir(parents=True, exist_ok=True)
    times: list[list[float]] = [[] for _ in runs]
    counts = [(0, 0) for _ in runs]
    for attempt in range(repeat):
        for i, (label, run) in enumerate(runs):
            out = work / f"run{i}-{attempt}"
            out_path = out.with_suffix(".parquet") if label.startswith("stdlib") else out
            start = time.perf_counter()
            counts[i] = run(out_path)
            times[i].append(time.perf_counter() - start)
    return [(min(t), *c) for t, c in zip(times, counts, strict=True)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", nargs="?", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--format", choices=("dir", "csv", "both"), default="both")
    parser.add_argument("--partition-size", type=int, default=64, help="records per Dask partition")
    parser.add_argument(
        "--copies", type=int, default=1, help="the cables.csv holds the corpus this many times (start-up amortized)"
    )
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        print(f"{args.root} is not a directory", file=sys.stderr)
        return 2
    from cablegrammar._parser import uses_cython  # noqa: PLC0415

    print(f"parser: {'lark-cython' if uses_cython() else 'pure-Python Lark'}; cores: {os.cpu_count()}")
    control = cpu_control(args.workers, args.repeat)
    print(f"control: a pure-Python loop on {args.workers} processes runs {control:.2f}x as fast as on 1 (the ceiling)")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        inputs: list[tuple[str, list[Path]]] = []
        if args.format in ("dir", "both"):
            inputs.append(("directory", [args.root]))
        if args.format in ("csv", "both"):
            csv_path = work / "cables.csv"
            build_csv(args.root, csv_path, args.copies)
            inputs.append((f"cables.csv ({args.copies}x the corpus)" if args.copies > 1 else "cables.csv", [csv_path]))
        runs_done: list[str] = []
        for name, source in inputs:
            megabytes = text_megabytes(source)
            table_row(next(iter(records(source))))  # warm up: imports and the parser, in this process
            spawn = multiprocessing.get_context("spawn")
            reused = ProcessPoolExecutor(args.workers, mp_context=spawn)
            dask_run(source, work / f"warm-up-{len(runs_done)}", args.workers, reused, args.partition_size)
            runs_done.append(name)  # the reused pool's workers are started
            print(f"\n{name}: {megabytes:.1f} MB of cable text")
            print(f"{'engine':<28}{'rows in':>9}{'rows out':>10}{'best s':>9}{'MB/s':>7}{'ratio':>7}")
            runs: list[tuple[str, Run]] = [
                ("stdlib, 1 worker", functools.partial(stdlib_run, source, workers=1)),
                (f"stdlib, {args.workers} workers", functools.partial(stdlib_run, source, workers=args.workers)),
                (
                    f"dask processes, {args.workers} workers",
                    functools.partial(dask_run, source, workers=args.workers, partition_size=args.partition_size),
                ),
                (
                    "  the same, pool reused",
                    functools.partial(
                        dask_run, source, workers=args.workers, pool=reused, partition_size=args.partition_size
                    ),
                ),
            ]
            results = measure(runs, args.repeat, work / f"input{len(runs_done)}")
            baseline = results[0][0]
            for (label, _), (seconds, rows_in, rows_out) in zip(runs, results, strict=True):
                ok = "" if rows_in == rows_out else "  ROWS LOST"
                print(
                    f"{label:<28}{rows_in:>9}{rows_out:>10}{seconds:>9.2f}{megabytes / seconds:>7.2f}"
                    f"{baseline / seconds:>6.2f}x{ok}"
                )
            reused.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

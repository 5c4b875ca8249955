"""Beyond one machine: cables on Dask bags, parsed in the workers, written as Parquet or JSON Lines partitions.

The ``cablegrammar[dask]`` extra (``dask[bag]`` and pyarrow).  The same code
runs on Dask's local schedulers and on a ``dask.distributed`` cluster:

* the bag is built from :class:`~cablegrammar.sources.Shard` descriptors
  (paths and byte offsets, no text), so the task graph stays small and each
  worker reads its own piece of the release;
* records, rows and results are plain picklable values; the functions mapped
  are top-level (or ``functools.partial`` of them);
* the parser is built lazily, once in each worker process, on its first parse
  (nothing heavy travels with the tasks);
* every partition is written by the worker that parsed it, one file per
  partition, and only counts come back to the driver, so
  :class:`WriteSummary` can show that rows out equal records in.

A script (the processes scheduler starts workers with *spawn*, so the
``__main__`` guard is needed)::

    import dask
    from cablegrammar import dask as cg_dask

    if __name__ == "__main__":
        records = cg_dask.record_bag("cables.csv", partition_size=1000)
        with dask.config.set(scheduler="processes", num_workers=4):
            summary = cg_dask.write_parquet(cg_dask.row_bag(records), "cables-parquet/")
        print(summary)          # WriteSummary(files=..., rows=251287, parsed=..., errors=...)

Read the result back with ``pyarrow.parquet.read_table("cables-parquet/")``
(or pandas, DuckDB, Spark: it is a plain directory of Parquet files).

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("UNCLAS STATE 000001\\n\\nTAGS: PREL\\n")
>>> _ = (folder / "b.txt").write_text("not a cable\\n")
>>> rows = row_bag(record_bag(folder, partition_size=1))
>>> summary = write_parquet(rows, folder / "out", scheduler="sync")
>>> summary.files, summary.rows, summary.parsed, summary.errors
(2, 2, 1, 1)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from cablegrammar import _json, pipeline, sources

try:
    import dask.bag as db
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    msg = "cablegrammar.dask needs Dask: pip install 'cablegrammar[dask]'"
    raise ImportError(msg) from exc


def _read_shard(shard: sources.Shard) -> list[sources.Record]:
    return list(sources.read_shard(shard))


def record_bag(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    input_format: str = "auto",
    include: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    partition_size: int = 256,
) -> db.Bag:
    """A bag of :class:`~cablegrammar.sources.Record`, one partition per shard of about ``partition_size`` records.

    Arguments as for :func:`cablegrammar.sources.records`.  The driver only
    lists the files, or finds the record boundaries of a ``cables.csv`` or
    JSON Lines file (one streaming pass); the workers read the text.
    """
    shards = sources.shards(paths, input_format=input_format, include=include, exclude=exclude, size=partition_size)
    if not shards:
        return db.from_sequence([], npartitions=1)
    return db.from_sequence(shards, npartitions=len(shards)).map(_read_shard).flatten()


def row_bag(records: db.Bag, *, recover: bool = False) -> db.Bag:
    """The flat table's rows (:func:`cablegrammar.pipeline.table_row`), one per record."""
    return records.map(pipeline.table_row, recover=recover)


def json_bag(records: db.Bag, *, layout: bool = False, recover: bool = False) -> db.Bag:
    """The JSON records ``cablegrammar parse`` writes (:func:`cablegrammar.pipeline.json_record`), one per record."""
    return records.map(pipeline.json_record, layout=layout, recover=recover)


@attrs.frozen
class PartitionWritten:
    """What one worker wrote: a file and its counts."""

    path: str
    rows: int
    parsed: int
    errors: int


@attrs.frozen
class WriteSummary:
    """What a write produced, added up from the partitions (rows = records in)."""

    files: int
    rows: int
    parsed: int
    errors: int
    partitions: tuple[PartitionWritten, ...] = attrs.field(repr=False)

    @classmethod
    def of(cls, written: Iterable[PartitionWritten]) -> WriteSummary:
        """Add up the partitions' counts."""
        parts = tuple(sorted(written, key=lambda p: p.path))
        return cls(
            files=len(parts),
            rows=sum(p.rows for p in parts),
            parsed=sum(p.parsed for p in parts),
            errors=sum(p.errors for p in parts),
            partitions=parts,
        )


def _write_parquet_partition(rows: Iterable[dict[str, Any]], paths: Sequence[str]) -> list[PartitionWritten]:
    from cablegrammar.table import write_parquet as write  # noqa: PLC0415

    rows = list(rows)
    [path] = paths
    write(rows, path)
    parsed = sum(bool(row["parsed"]) for row in rows)
    return [PartitionWritten(path, len(rows), parsed, len(rows) - parsed)]


def _write_jsonl_partition(records: Iterable[dict[str, Any]], paths: Sequence[str]) -> list[PartitionWritten]:
    [path] = paths
    count = errors = 0
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write(_json.dumps(record) + "\n")
            count += 1
            errors += "error" in record
    return [PartitionWritten(path, count, count - errors, errors)]


def _output_folder(directory: str | os.PathLike[str], suffix: str, overwrite: bool) -> Path:
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    earlier = sorted(folder.glob(f"part-*{suffix}"))
    if earlier and not overwrite:
        msg = f"{folder} already holds {len(earlier)} part-*{suffix} files; pass overwrite=True to replace them"
        raise FileExistsError(msg)
    for path in earlier:  # a run with fewer partitions must not leave the earlier run's rows behind
        path.unlink()
    return folder


def _write_partitions(
    bag: db.Bag, directory: str | os.PathLike[str], suffix: str, writer: Any, overwrite: bool, **compute: Any
) -> WriteSummary:
    folder = _output_folder(directory, suffix, overwrite)
    names = [str(folder / f"part-{i:05d}{suffix}") for i in range(bag.npartitions)]
    paths = db.from_sequence(names, npartitions=bag.npartitions)
    written = db.map_partitions(writer, bag, paths).compute(**compute)
    return WriteSummary.of(written)


def write_parquet(
    rows: db.Bag, directory: str | os.PathLike[str], *, overwrite: bool = False, **compute: Any
) -> WriteSummary:
    """Write a bag of rows (:func:`row_bag`) as one Parquet file per partition in ``directory``.

    ``directory`` is created if needed; ``part-*.parquet`` files already in it
    are a ``FileExistsError`` unless ``overwrite`` (then they are removed
    first, so no row of an earlier run is left).  ``compute`` goes to
    ``dask.compute`` (``scheduler="processes"``, ``num_workers=2``...); by
    default the scheduler configured in Dask is used.
    """
    return _write_partitions(rows, directory, ".parquet", _write_parquet_partition, overwrite, **compute)


def write_jsonl(
    records: db.Bag, directory: str | os.PathLike[str], *, overwrite: bool = False, **compute: Any
) -> WriteSummary:
    """Write a bag of JSON records (:func:`json_bag`) as one JSON Lines file per partition in ``directory``.

    As :func:`write_parquet`, with ``part-*.jsonl`` files.
    """
    return _write_partitions(records, directory, ".jsonl", _write_jsonl_partition, overwrite, **compute)

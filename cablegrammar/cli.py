"""The ``cablegrammar`` command line: check cables in CI, parse them to JSON, format them canonically.

``cablegrammar`` (or ``cablegrammar --example``) parses the bundled example
cable, 07BAKU864, and shows its fields.

``cablegrammar check PATH...``
    strict parse plus validation; one finding per line (``concise``), or
    ``--output-format full|json|github|sarif``.  Exit code 0 when clean, 1
    when there are findings of severity warning or error (``--fail-on``), 2
    on a usage or internal error.
``cablegrammar parse PATH...``
    JSON for one cable, JSON Lines for several (schema:
    ``cablegrammar/schemas/cable-record.schema.json``).
``cablegrammar fmt PATH...``
    rewrite cables in the canonical layout (``--check``, ``--diff``).
``cablegrammar show PATH...``
    the fields of each cable, readably.

PATH is a file, a directory (searched recursively for ``--include`` globs,
``*.txt`` by default, minus ``--exclude`` globs) or ``-`` for standard input.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import datetime as dt
import difflib
import fnmatch
import functools
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import IO, TypeVar

import attrs

from cablegrammar import Cable, CableSyntaxError, __version__, _json, parse, values
from cablegrammar.codes import catalogue, unknown_prefixes
from cablegrammar.findings import FORMATS, Finding, format_findings, statistics_of
from cablegrammar.pipeline import check_record, json_record, parallel_map, read_and_parse, table_row
from cablegrammar.sources import DEFAULT_INCLUDE, INPUT_FORMATS, STDIN, Record, detect_format, records

EXAMPLE = "07BAKU864.txt"

_T = TypeVar("_T")
_R = TypeVar("_R")


def _example_text() -> str:
    return resources.files("cablegrammar").joinpath("examples", EXAMPLE).read_bytes().decode("utf-8")


# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------


def input_records(args: argparse.Namespace) -> Iterator[Record]:
    """The records the command line names, streamed (see :func:`cablegrammar.sources.records`)."""
    try:
        yield from records(
            args.paths, input_format=args.input_format, include=args.include, exclude=args.exclude or ()
        )
    except ValueError as exc:
        raise UsageError(str(exc)) from None


# ---------------------------------------------------------------------------
# Running over many inputs
# ---------------------------------------------------------------------------


class Progress:
    """A one-line counter of inputs done on stderr, shown only on a terminal (the total is not known ahead)."""

    def __init__(self, label: str, *, enabled: bool) -> None:
        self.label = label
        self.done = 0
        self.enabled = enabled and sys.stderr.isatty()
        self._last = 0.0

    def _show(self) -> None:
        sys.stderr.write(f"\r{self.label} {self.done}")
        sys.stderr.flush()

    def advance(self) -> None:
        """Count one input done."""
        self.done += 1
        now = time.monotonic()
        if self.enabled and now - self._last > 0.1:
            self._last = now
            self._show()

    def close(self) -> None:
        """Show the final count, then erase the counter line."""
        if self.enabled and self.done:
            self._show()
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def run_all(func: Callable[[_T], _R], jobs: Iterable[_T], workers: int, progress: Progress) -> Iterator[_R]:
    """``map(func, jobs)`` in input order, on ``workers`` processes when more than one, in constant memory."""
    for result in parallel_map(func, jobs, workers=workers):
        progress.advance()
        yield result


def _workers(value: int) -> int:
    return (os.cpu_count() or 1) if value == 0 else value


# ---------------------------------------------------------------------------
# check
# ---------------------------------------------------------------------------


class UsageError(Exception):
    """A command line or configuration the command cannot run with (exit code 2)."""


def _validation_prefixes(prefixes: Sequence[str], rules: Sequence[str], option: str) -> tuple[str, ...]:
    """The prefixes that name validation rules; a prefix that names no code at all is a usage error."""
    every = catalogue()
    if unknown := unknown_prefixes(prefixes, every):
        msg = f"{option}: {unknown[0]!r} matches no code (codes are {', '.join(every)})"
        raise UsageError(msg)
    return tuple(p for p in prefixes if p != "ALL" and not unknown_prefixes([p], rules))


def _configured(args: argparse.Namespace) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
    """Validation ``select`` and ``ignore`` from the command line over ``[tool.cablegrammar]``.

    ``select`` None runs every rule; an empty tuple runs none (only file and syntax codes selected).
    """
    from cablegrammar.validate import RULES, load_config  # noqa: PLC0415

    try:
        config = load_config(Path.cwd())
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    rules = list(RULES)
    if args.select:
        select: tuple[str, ...] | None = (
            None if "ALL" in args.select else _validation_prefixes(args.select, rules, "--select")
        )
    else:
        select = config.select
    ignore = tuple(config.ignore) + _validation_prefixes(args.ignore or [], rules, "--ignore")
    return select, ignore


#: Severities from the most to the least serious; ``--fail-on`` fails the run at this rank or above.
_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
#: Output formats written as the findings come (the others need the whole list).
_STREAMED = ("concise", "full", "github")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _cmd_check(args: argparse.Namespace) -> int:
    select, ignore = _configured(args)
    progress = Progress("checked", enabled=not args.quiet)
    check = functools.partial(check_record, select=select, ignore=ignore, recover=args.recover)
    rules = catalogue()
    kept: list[Finding] = []  # json and sarif are one document: the findings are kept until the end
    counts: collections.Counter[str] = collections.Counter()
    inputs = failed = internal = 0
    fail_rank = _SEVERITY_RANK[args.fail_on]
    failing = False
    streamed = args.output_format in _STREAMED and not args.statistics
    for result in run_all(check, input_records(args), _workers(args.jobs), progress):
        inputs += 1
        if not result:
            continue
        failed += 1
        counts.update(f.code for f in result)
        internal += any(f.code == "CG005" for f in result)
        failing = failing or any(_SEVERITY_RANK.get(f.severity, 0) <= fail_rank for f in result)
        if streamed:
            if args.output_format == "full" and failed > 1:
                print()
            print(format_findings(result, args.output_format), flush=args.output_format == "github")
        elif not args.statistics:
            kept += result
    progress.close()
    if not inputs:
        raise _no_inputs(args)
    total = sum(counts.values())
    if args.statistics:
        if total:
            print(statistics_of(counts, rules))
    elif not streamed:
        print(format_findings(kept, args.output_format, rules=rules, version=__version__))
    if not args.quiet:
        summary = f"{_count(total, 'finding')} in {failed} of {_count(inputs, 'input')}."
        print(summary if total else f"All {_count(inputs, 'input')} passed.", file=sys.stderr)
    if internal:
        return 2
    return 1 if failing else 0


# ---------------------------------------------------------------------------
# parse
# ---------------------------------------------------------------------------

#: Output formats of ``cablegrammar parse``.
PARSE_FORMATS = ("json", "jsonl", "parquet")


def _single_cable_file(args: argparse.Namespace) -> bool:
    """Whether the command line names one file that holds one cable (a cable text or an HTML page)."""
    if len(args.paths) != 1 or Path(args.paths[0]).is_dir():
        return False
    fmt = detect_format(args.paths[0]) if args.input_format == "auto" else args.input_format
    return fmt in ("text", "html")


def _parse_format(args: argparse.Namespace) -> str:
    """``json`` for one cable file, ``parquet`` for ``-o *.parquet``, else ``jsonl``, unless chosen."""
    parquet_file = bool(args.output) and Path(args.output).suffix.lower() == ".parquet"
    chosen = "jsonl" if args.jsonl else args.output_format
    if args.jsonl and args.output_format not in (None, "jsonl"):
        raise UsageError(f"--jsonl and --output-format {args.output_format} ask for two formats")
    if chosen and parquet_file and chosen != "parquet":
        raise UsageError(f"{args.output} names a Parquet file, but the output format is {chosen}")
    if chosen:
        return str(chosen)
    if parquet_file:
        return "parquet"
    return "json" if _single_cable_file(args) else "jsonl"


def _check_output_is_no_input(args: argparse.Namespace) -> None:
    """Refuse ``-o`` when it is one of the inputs, or would be found in an input directory."""
    if not args.output:
        return
    output = Path(args.output).resolve()
    globs = args.include or DEFAULT_INCLUDE[args.input_format]
    for given in args.paths:
        if given == STDIN:
            continue
        path = Path(given).resolve()
        inside = path.is_dir() and output.is_relative_to(path) and any(fnmatch.fnmatch(output.name, g) for g in globs)
        if output == path or inside:
            raise UsageError(f"-o {args.output} would be read as an input ({given}); write it elsewhere")


@contextlib.contextmanager
def _output_file(path: str) -> Iterator[Path]:
    """A temporary file beside ``path``, renamed to it when the block ends normally, else removed.

    An earlier file at ``path`` is replaced only by a complete output.
    """
    target = Path(path)
    if not target.parent.is_dir():
        raise UsageError(f"cannot write {path}: no directory {target.parent}")
    if target.is_dir():
        raise UsageError(f"cannot write {path}: it is a directory")
    partial = target.with_name(f".{target.name}.partial")
    try:
        yield partial
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, target)


def _no_inputs(args: argparse.Namespace) -> UsageError:
    if all(given == STDIN or not Path(given).is_dir() for given in args.paths):
        return UsageError(f"no inputs: {' '.join(args.paths)} holds no record")
    globs = ", ".join(args.include or DEFAULT_INCLUDE[args.input_format])
    return UsageError(f"no inputs: {' '.join(args.paths)} holds no file matching {globs}")


def _cmd_parse(args: argparse.Namespace) -> int:
    fmt = _parse_format(args)
    _check_output_is_no_input(args)
    if fmt == "parquet":
        return _parse_to_parquet(args)
    if not args.output:
        return _parse_to_json(args, fmt, sys.stdout)
    try:
        with _output_file(args.output) as partial:
            try:
                out = partial.open("w", encoding="utf-8")
            except OSError as exc:
                raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
            with out:
                return _parse_to_json(args, fmt, out)
    except OSError as exc:
        raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None


def _parse_to_json(args: argparse.Namespace, fmt: str, out: IO[str]) -> int:
    progress = Progress("parsed", enabled=not args.quiet)
    convert = functools.partial(json_record, layout=args.layout, recover=args.recover)
    # json: one document, the record of a single cable file, else an array of records.
    array = fmt == "json" and not _single_cable_file(args)
    inputs = errors = 0
    try:
        for record in run_all(convert, input_records(args), _workers(args.jobs), progress):
            inputs += 1
            errors += "error" in record
            if fmt == "jsonl":
                out.write(_json.dumps(record) + "\n")
            else:
                out.write(("[\n" if inputs == 1 else ",\n") if array else "")
                out.write(_json.dumps(record, indent=2) + ("" if array else "\n"))
    finally:
        progress.close()
    if not inputs:
        raise _no_inputs(args)
    if array:
        out.write("\n]\n")
    if not args.quiet and inputs != 1:
        print(f"{_count(inputs, 'input')}: {inputs - errors} parsed, {errors} errors.", file=sys.stderr)
    return 1 if errors else 0


def _parse_to_parquet(args: argparse.Namespace) -> int:
    if not args.output:
        raise UsageError("Parquet output needs a file: -o FILE.parquet")
    if args.layout:
        raise UsageError("--layout keeps source text in JSON records; the Parquet table has no layout")
    try:
        from cablegrammar.table import ParquetSink  # noqa: PLC0415
    except ImportError as exc:
        raise UsageError(str(exc)) from None
    progress = Progress("parsed", enabled=not args.quiet)
    convert = functools.partial(table_row, recover=args.recover)
    inputs = errors = 0
    with _output_file(args.output) as partial:
        try:
            sink = ParquetSink(partial)
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
        with sink:
            for row in run_all(convert, input_records(args), _workers(args.jobs), progress):
                inputs += 1
                errors += not row["parsed"]
                sink.write(row)
        progress.close()
        if not inputs:
            raise _no_inputs(args)
    if sink.rows != inputs:  # pragma: no cover - the sink writes every row it is given
        print(f"cablegrammar: internal error: {inputs} inputs but {sink.rows} rows written", file=sys.stderr)
        return 2
    if not args.quiet:
        print(
            f"{_count(inputs, 'input')}: {inputs - errors} parsed, {errors} errors; "
            f"{_count(sink.rows, 'row')} written to {args.output}.",
            file=sys.stderr,
        )
    return 1 if errors else 0


# ---------------------------------------------------------------------------
# fmt
# ---------------------------------------------------------------------------


def canonical_text(cable: Cable) -> str:
    """A cable's text in the canonical layout, as ``cablegrammar fmt`` writes it (see ``render.canonical_text``)."""
    from cablegrammar.render import canonical_text as canonical  # noqa: PLC0415

    return canonical(cable)


@attrs.frozen
class FormatResult:
    """The outcome of formatting one input."""

    name: str
    original: str = ""
    formatted: str | None = None
    finding: Finding | None = None
    encoding: str = "utf-8"

    @property
    def changed(self) -> bool:
        """Whether the canonical text differs from the input."""
        return self.formatted is not None and self.formatted != self.original


def _file_encoding(record: Record, text: str) -> str:
    """The encoding to write a formatted file back in: Latin-1 when the file was not UTF-8."""
    if record.provenance.path == STDIN or text.isascii():
        return "utf-8"
    try:
        Path(record.provenance.path).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return "latin-1"
    return "utf-8"


def format_record(record: Record) -> FormatResult:
    """Format one input; refuses (with a finding) when the result would not parse to the same cable."""
    name = record.name
    text, cable, finding = read_and_parse(record)
    if finding is not None:
        return FormatResult(name, finding=finding)
    assert text is not None and cable is not None
    formatted = canonical_text(cable)
    try:
        same = parse(formatted) == cable
    except CableSyntaxError:
        same = False
    if not same:
        message = "the canonical layout would not read back as the same cable; the file is left as it is"
        return FormatResult(name, text, finding=Finding(name, "CG004", "error", message))
    return FormatResult(name, text, formatted, encoding=_file_encoding(record, text))


def _cmd_fmt(args: argparse.Namespace) -> int:
    progress = Progress("formatted", enabled=not args.quiet)
    changed = refused = inputs = 0
    for result in run_all(format_record, input_records(args), _workers(args.jobs), progress):
        inputs += 1
        if result.finding is not None:
            refused += 1
            print(format_findings([result.finding], "concise"), file=sys.stderr)
            continue
        assert result.formatted is not None
        if result.name == STDIN and not (args.check or args.diff):
            sys.stdout.write(result.formatted)
            continue
        if not result.changed:
            continue
        changed += 1
        if args.diff:
            sys.stdout.writelines(
                difflib.unified_diff(
                    result.original.splitlines(keepends=True),
                    result.formatted.splitlines(keepends=True),
                    fromfile=result.name,
                    tofile=result.name,
                )
            )
        elif args.check:
            print(f"would reformat {result.name}", file=sys.stderr)
        else:
            Path(result.name).write_bytes(result.formatted.encode(result.encoding))
    progress.close()
    if not inputs:
        raise _no_inputs(args)
    if not args.quiet:
        verb = "would be reformatted" if args.check or args.diff else "reformatted"
        print(f"{changed} {verb}, {inputs - changed - refused} unchanged, {refused} refused.", file=sys.stderr)
    if refused or ((args.check or args.diff) and changed):
        return 1
    return 0


# ---------------------------------------------------------------------------
# show / example
# ---------------------------------------------------------------------------


def _distribution_summary(cable: Cable) -> str | None:
    """``ORIGIN DS-00; 51 INFO offices; total /002R`` for a Department copy, else None."""
    dist = cable.distribution
    if dist is None:
        return None
    parts = [f"{dist.action_keyword or 'ACTION'} " + " ".join(map(str, dist.action))] if dist.action else []
    parts.append(f"{len(dist.info)} INFO offices")
    if dist.total is not None:
        parts.append(f"total /{dist.total}")
    return "; ".join(parts)


def shown(value: object) -> str | None:
    """A main value as ``cablegrammar show`` prints it; None where it prints nothing.

    >>> shown(["PREL", "PGOV"]), shown(True), shown(False), shown(dt.date(2017, 7, 10))
    ('PREL; PGOV', 'yes', None, '2017-07-10')
    """
    if value is None or value is False or value in ("", []):
        return None
    if value is True:
        return "yes"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value)


def describe(cable: Cable) -> str:
    """A readable summary of a cable: its main values (:data:`cablegrammar.values.MAIN_VALUES`), one per
    line, then the envelope's transmission id and distribution, the REF items and the paragraphs."""
    rows: list[tuple[str, object]] = [
        (name.replace("_", " "), shown(value)) for name, value in values.main_values(cable).items()
    ]
    rows += [
        ("transmission id", cable.transmission_id),
        ("distribution", _distribution_summary(cable)),
        ("references", "; ".join(f"{r.label or '-'}. {r.text}" for r in cable.references) or None),
        ("paragraphs", len(cable.paragraphs)),
        ("page breaks", len(cable.page_breaks) or None),
    ]
    lines = [f"{name:>16}  {value}" for name, value in rows if value not in (None, "")]
    for paragraph in cable.paragraphs:
        text = paragraph.text if len(paragraph.text) <= 70 else paragraph.text[:67] + "..."
        pages = f" [{len(paragraph.pages)} pages]" if paragraph.page_turns else ""
        lines.append(f"{'':>16}  {paragraph.number}. ({paragraph.marking or '-'}) {text}{pages}")
    return "\n".join(lines)


def _cmd_show(args: argparse.Namespace) -> int:
    if not args.paths:
        return _cmd_example()
    status = shown = 0
    for record in input_records(args):
        shown += 1
        _, cable, finding = read_and_parse(record, recover=args.recover)
        if finding is not None:
            print(format_findings([finding], "full"), file=sys.stderr)
            status = 1
            continue
        assert cable is not None
        print(f"== {record.name}")
        print(describe(cable))
        for problem in cable.diagnostics:
            print(f"{record.name}:{problem.line}:{problem.column}: {problem.code} {problem.message}", file=sys.stderr)
    if not shown:
        raise _no_inputs(args)
    return status


def _cmd_example() -> int:
    print(f"cablegrammar {__version__}: the bundled example cable {EXAMPLE}\n")
    print(describe(parse(_example_text())))
    print("\nTry: cablegrammar check PATH, cablegrammar parse PATH, cablegrammar --help", file=sys.stderr)
    return 0


# ---------------------------------------------------------------------------
# Argument parsing
# ---------------------------------------------------------------------------


def _add_inputs(parser: argparse.ArgumentParser, *, required: bool = True, formats: bool = True) -> None:
    parser.add_argument(
        "paths",
        nargs="+" if required else "*",
        metavar="PATH",
        help=(
            "a cable file, a release file (cables.csv, an HTML page, JSON Lines), a directory (searched "
            "recursively) or - for standard input"
            if formats
            else "a cable text file, a directory (searched recursively) or - for standard input"
        ),
    )
    if formats:
        parser.add_argument(
            "--input-format",
            choices=("auto", *INPUT_FORMATS),
            default="auto",
            help="how to read the inputs: auto (a file by its name: .csv, .html, .jsonl, else a cable text; "
            "directories give their *.txt files unless --include says otherwise), text, cables-csv (the "
            "Cablegate export), html (Cablegate pages), jsonl (objects with a 'text')",
        )
    else:
        parser.set_defaults(input_format="text")
    parser.add_argument(
        "--include",
        action="append",
        metavar="GLOB",
        help=(
            "file names to take from directories (repeatable; default: *.txt, or with --input-format the "
            "format's usual names: *.csv, *.html, *.jsonl)"
            if formats
            else "file names to take from directories (repeatable; default: *.txt)"
        ),
    )
    parser.add_argument(
        "--exclude", action="append", metavar="GLOB", help="paths or names to skip in directories (repeatable)"
    )


def _add_recover(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--recover",
        action="store_true",
        help="read texts the grammar refuses in recovery mode: what cannot be read is kept and reported, "
        "the rest is read",
    )


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-j", "--jobs", type=_job_count, default=1, metavar="N", help="worker processes (0: one per core; default: 1)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary line and no progress counter")


def _job_count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes (0 or more)")
    return number


def _codes(value: str) -> list[str]:
    return [code.strip().upper() for code in value.split(",") if code.strip()]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``cablegrammar`` command (used by the docs' CLI reference too)."""
    parser = argparse.ArgumentParser(
        prog="cablegrammar",
        description="Read US diplomatic cables through a formal grammar: check, parse to JSON, format.",
        epilog="With no command, parses the bundled example cable and shows its fields.",
    )
    parser.add_argument("--version", action="version", version=f"cablegrammar {__version__}")
    parser.add_argument("--example", action="store_true", help="show the bundled example cable (07BAKU864)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser(
        "check",
        help="check cables: strict parse and validation rules",
        description="Check cables: the strict parse, then the validation rules. "
        "Exit code 0 when clean, 1 when there are findings at or above --fail-on, 2 on a usage or internal error.",
    )
    _add_inputs(check)
    check.add_argument(
        "--output-format",
        choices=FORMATS,
        default="concise",
        help="concise (path:line:col: CODE message), full (with the source line), json, github, sarif",
    )
    check.add_argument(
        "--select",
        type=_codes,
        action="extend",
        metavar="CODES",
        help="validation rules to run, by code prefix (CG2,CG301); replaces [tool.cablegrammar] select",
    )
    check.add_argument(
        "--ignore",
        type=_codes,
        action="extend",
        metavar="CODES",
        help="validation rules to skip, by code prefix; added to [tool.cablegrammar] ignore",
    )
    check.add_argument("--statistics", action="store_true", help="print counts per rule instead of each finding")
    _add_recover(check)
    check.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default="warning",
        help="the least serious severity that makes the exit code 1 (default: warning; info findings "
        "such as trailing whitespace are reported but do not fail the run)",
    )
    _add_run_options(check)

    parse_cmd = sub.add_parser(
        "parse",
        help="parse cables to JSON (one), JSON Lines (several) or a Parquet table",
        description="Parse cables to JSON records (schema cablegrammar/cable-record/2) or to a flat Parquet "
        "table. One cable file (a text or an HTML page) gives one JSON document, anything else JSON Lines "
        "(--output-format json: one array); every input record gives one record or row, with its error when it "
        "does not parse. -o FILE is replaced only by a complete output. Exit code 1 when any input failed, 2 on a "
        "usage error (including no inputs at all).",
    )
    _add_inputs(parse_cmd)
    parse_cmd.add_argument("--layout", action="store_true", help="keep each node's source text (lossless JSON)")
    parse_cmd.add_argument(
        "--output-format",
        choices=PARSE_FORMATS,
        help="json (one document: the default for a single cable file), jsonl (one record per line: the default "
        "otherwise) or parquet (the flat table, to -o FILE; the default for -o *.parquet; needs "
        "cablegrammar[parquet])",
    )
    parse_cmd.add_argument("--jsonl", action="store_true", help="JSON Lines even for a single input")
    _add_recover(parse_cmd)
    parse_cmd.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    _add_run_options(parse_cmd)

    fmt = sub.add_parser(
        "fmt",
        help="rewrite cables in the canonical layout",
        description="Rewrite cables in the canonical layout. A file is only rewritten when the result "
        "parses back to the same cable. Standard input is written to standard output.",
    )
    _add_inputs(fmt, formats=False)
    fmt.add_argument("--check", action="store_true", help="change nothing; exit 1 if any file would change")
    fmt.add_argument("--diff", action="store_true", help="change nothing; print a unified diff of the changes")
    _add_run_options(fmt)

    show = sub.add_parser("show", help="show the fields of cables (the bundled example if none given)")
    _add_inputs(show, required=False)
    _add_recover(show)
    return parser


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": _cmd_check,
    "parse": _cmd_parse,
    "fmt": _cmd_fmt,
    "show": _cmd_show,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``cablegrammar`` console script; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version (0) and usage errors (2), as a return value
        return exc.code if isinstance(exc.code, int) else 2
    command = _COMMANDS.get(args.command) if args.command else None
    try:
        return command(args) if command else _cmd_example()
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"cablegrammar: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, without a second error at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:
        print(f"cablegrammar: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2

if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

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
import concurrent.futures
import difflib
import fnmatch
import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import IO, Any, TypeVar

import attrs

from cablegrammar import Cable, CableDecodeError, CableSyntaxError, __version__, decode, parse
from cablegrammar.findings import FORMATS, Finding, finding_record, format_findings, matches, rule_table, statistics

EXAMPLE = "07BAKU864.txt"
DEFAULT_INCLUDE = ("*.txt",)
STDIN = "-"

_T = TypeVar("_T")
_R = TypeVar("_R")


def _example_text() -> str:
    return resources.files("cablegrammar").joinpath("examples", EXAMPLE).read_bytes().decode("utf-8")


# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------


@attrs.frozen
class Source:
    """One input: a file path, or standard input with its text already read."""

    #: The path as shown in findings and records (``-`` for standard input).
    name: str
    #: The file to read, or None for standard input.
    path: Path | None = None
    #: The text of standard input.
    text: str | None = None


def _excluded(path: Path, root: Path, exclude: Sequence[str]) -> bool:
    relative = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    return any(fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(path.name, pattern) for pattern in exclude)


def collect_sources(
    paths: Sequence[str], include: Sequence[str] = DEFAULT_INCLUDE, exclude: Sequence[str] = ()
) -> list[Source]:
    """Expand the command line's paths into inputs, in a stable order.

    Directories are searched recursively (hidden directories skipped) for
    files matching ``include``; ``exclude`` globs match a file's path
    relative to the directory, or its name.  A file named on the command line
    is always an input, even when it does not exist: reading it then gives a
    finding, so nothing given is dropped silently.
    """
    sources: list[Source] = []
    for given in paths:
        if given == STDIN:
            data = sys.stdin.buffer.read()
            sources.append(Source(STDIN, text=_decode_or_none(data)))
            continue
        root = Path(given)
        if not root.is_dir():
            sources.append(Source(given, path=root))
            continue
        found = []
        for directory, subdirs, files in os.walk(root):
            subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
            for name in files:
                path = Path(directory, name)
                if any(fnmatch.fnmatch(name, pattern) for pattern in include) and not _excluded(path, root, exclude):
                    found.append(path)
        sources += [Source(str(path), path=path) for path in sorted(found)]
    return sources


def _decode_or_none(data: bytes) -> str | None:
    try:
        return decode(data)
    except CableDecodeError:
        return None


class InputError(Exception):
    """An input could not be read or decoded; carries the finding."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def read_source(source: Source) -> tuple[str, bytes | None]:
    """The text of an input (and its bytes, for files); raises :class:`InputError`."""
    if source.path is None:
        if source.text is None:
            message = "standard input is not text under the decoding policy"
            raise InputError(_file_finding(source.name, "CG003", message))
        return source.text, None
    try:
        data = source.path.read_bytes()
    except OSError as exc:
        raise InputError(_file_finding(source.name, "CG002", f"cannot read the file: {exc.strerror or exc}")) from None
    try:
        return decode(data), data
    except CableDecodeError as exc:
        raise InputError(_file_finding(source.name, "CG003", str(exc))) from None


def _file_finding(name: str, code: str, message: str) -> Finding:
    return Finding(path=name, code=code, severity="error", message=message)


# ---------------------------------------------------------------------------
# Running over many inputs
# ---------------------------------------------------------------------------


class Progress:
    """A one-line counter on stderr, shown only for long runs on a terminal."""

    def __init__(self, total: int, label: str, *, enabled: bool) -> None:
        self.total = total
        self.label = label
        self.done = 0
        self.enabled = enabled and total >= 20 and sys.stderr.isatty()
        self._last = 0.0

    def advance(self) -> None:
        """Count one input done."""
        self.done += 1
        now = time.monotonic()
        if self.enabled and (now - self._last > 0.1 or self.done == self.total):
            self._last = now
            sys.stderr.write(f"\r{self.label} {self.done}/{self.total}")
            sys.stderr.flush()

    def close(self) -> None:
        """Erase the counter line."""
        if self.enabled:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def run_all(func: Callable[[_T], _R], jobs: Sequence[_T], workers: int, progress: Progress) -> Iterator[_R]:
    """``map(func, jobs)`` in input order, on ``workers`` processes when more than one."""
    if workers <= 1 or len(jobs) < 2:
        for job in jobs:
            result = func(job)
            progress.advance()
            yield result
        return
    chunksize = max(1, min(64, len(jobs) // (workers * 8)))
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        for result in pool.map(func, jobs, chunksize=chunksize):
            progress.advance()
            yield result


def _workers(value: int) -> int:
    return (os.cpu_count() or 1) if value == 0 else value


# ---------------------------------------------------------------------------
# check
# ---------------------------------------------------------------------------


@attrs.frozen
class CheckJob:
    """What one worker needs to check one input."""

    source: Source
    select: tuple[str, ...] | None
    ignore: tuple[str, ...]
    #: Read refused texts in recovery mode: every problem found, then the rules on what was read.
    recover: bool = False


def _line(text: str, number: int) -> str:
    lines = text.splitlines()
    return lines[number - 1] if 0 < number <= len(lines) else ""


def check_source(job: CheckJob) -> list[Finding]:
    """Strict parse and validation of one input: its findings (empty when clean)."""
    name = job.source.name
    try:
        text, _ = read_source(job.source)
        cable = parse(text, recover=job.recover)
    except InputError as exc:
        return [exc.finding]
    except CableSyntaxError as exc:
        return [Finding.from_syntax_error(name, exc)]
    except Exception as exc:  # a bug must be a finding for this file, not a crash of the run
        return [_internal_finding(name, exc)]
    problems = [  # recovery mode: every stretch the grammar refused
        Finding(name, p.code, "error", p.message, p.line, p.column, source_line=_line(text, p.line))
        for p in cable.diagnostics
    ]
    if job.select == ():
        return problems  # only file and syntax codes were selected
    try:
        from cablegrammar.validate import validate  # noqa: PLC0415

        diagnostics = validate(cable, select=job.select, ignore=job.ignore)
    except Exception as exc:
        return [_internal_finding(name, exc)]
    return problems + [
        Finding(
            path=name,
            code=d.code,
            severity=str(d.severity),
            message=d.message,
            line=d.line,
            column=d.column,
            end_line=d.end_line,
            end_column=d.end_column,
            hint=d.hint,
            source_line=_line(text, d.line),
        )
        for d in diagnostics
    ]


def _internal_finding(name: str, exc: BaseException) -> Finding:
    return Finding(
        path=name,
        code="CG005",
        severity="error",
        message=f"internal error ({type(exc).__name__}: {exc}); please report it with this file",
    )


class UsageError(Exception):
    """A command line or configuration the command cannot run with (exit code 2)."""


def _validation_prefixes(prefixes: Sequence[str], rules: Sequence[str], option: str) -> tuple[str, ...]:
    """The prefixes that name validation rules; a prefix that names no code at all is a usage error."""
    every = rule_table()
    for prefix in prefixes:
        if not any(matches(code, [prefix]) for code in every):
            msg = f"{option}: {prefix!r} matches no code (codes are {', '.join(every)})"
            raise UsageError(msg)
    return tuple(p for p in prefixes if p != "ALL" and any(matches(code, [p]) for code in rules))


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


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _cmd_check(args: argparse.Namespace) -> int:
    select, ignore = _configured(args)
    sources = collect_sources(args.paths, args.include or DEFAULT_INCLUDE, args.exclude or ())
    progress = Progress(len(sources), "checked", enabled=not args.quiet)
    jobs = [CheckJob(source, select, ignore, args.recover) for source in sources]
    findings: list[Finding] = []
    failed_files = 0
    for result in run_all(check_source, jobs, _workers(args.jobs), progress):
        findings += result
        failed_files += bool(result)
    progress.close()
    rules = rule_table()
    if args.statistics:
        if findings:
            print(statistics(findings, rules))
    else:
        output = format_findings(findings, args.output_format, rules=rules, version=__version__)
        if output or args.output_format in ("json", "sarif"):
            print(output)
    if not args.quiet:
        if findings:
            counted = f"{_count(len(findings), 'finding')} in {failed_files} of {_count(len(sources), 'file')}."
            print(counted, file=sys.stderr)
        else:
            print(f"All {_count(len(sources), 'file')} passed.", file=sys.stderr)
    if any(f.code == "CG005" for f in findings):
        return 2
    failing = _SEVERITY_RANK[args.fail_on]
    return 1 if any(_SEVERITY_RANK.get(f.severity, 0) <= failing for f in findings) else 0


# ---------------------------------------------------------------------------
# parse
# ---------------------------------------------------------------------------


@attrs.frozen
class ParseJob:
    """What one worker needs to parse one input to a record."""

    source: Source
    layout: bool
    #: Read refused texts in recovery mode (their records carry ``cable.diagnostics``).
    recover: bool = False


def parse_source(job: ParseJob) -> dict[str, Any]:
    """One input as a JSON-ready record: the parsed cable, or the error finding."""
    from cablegrammar.serialize import cable_record, error_record  # noqa: PLC0415

    name = job.source.name
    try:
        text, _ = read_source(job.source)
        return cable_record(parse(text, recover=job.recover), path=name, layout=job.layout)
    except InputError as exc:
        return error_record(name, finding_record(exc.finding))
    except CableSyntaxError as exc:
        return error_record(name, finding_record(Finding.from_syntax_error(name, exc)))
    except Exception as exc:
        return error_record(name, finding_record(_internal_finding(name, exc)))


def _cmd_parse(args: argparse.Namespace) -> int:
    sources = collect_sources(args.paths, args.include or DEFAULT_INCLUDE, args.exclude or ())
    single = len(args.paths) == 1 and len(sources) == 1 and not Path(args.paths[0]).is_dir() and not args.jsonl
    progress = Progress(len(sources), "parsed", enabled=not args.quiet)
    jobs = [ParseJob(source, args.layout, args.recover) for source in sources]
    out: IO[str] = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    errors = 0
    try:
        for record in run_all(parse_source, jobs, _workers(args.jobs), progress):
            errors += "error" in record
            if single:
                out.write(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
            else:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        progress.close()
        if out is not sys.stdout:
            out.close()
    if not args.quiet and len(sources) > 1:
        print(f"{len(sources)} inputs: {len(sources) - errors} parsed, {errors} errors.", file=sys.stderr)
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


def format_source(source: Source) -> FormatResult:
    """Format one input; refuses (with a finding) when the result would not parse to the same cable."""
    name = source.name
    try:
        text, data = read_source(source)
        cable = parse(text)
    except InputError as exc:
        return FormatResult(name, finding=exc.finding)
    except CableSyntaxError as exc:
        return FormatResult(name, finding=Finding.from_syntax_error(name, exc))
    encoding = "utf-8"
    if data is not None:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            encoding = "latin-1"
    formatted = canonical_text(cable)
    try:
        same = parse(formatted) == cable
    except CableSyntaxError:
        same = False
    if not same:
        message = "the canonical layout would not read back as the same cable; the file is left as it is"
        return FormatResult(name, text, finding=_file_finding(name, "CG004", message))
    return FormatResult(name, text, formatted, encoding=encoding)


def _cmd_fmt(args: argparse.Namespace) -> int:
    sources = collect_sources(args.paths, args.include or DEFAULT_INCLUDE, args.exclude or ())
    progress = Progress(len(sources), "formatted", enabled=not args.quiet)
    changed = refused = 0
    for result in run_all(format_source, sources, _workers(args.jobs), progress):
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
    if not args.quiet:
        verb = "would be reformatted" if args.check or args.diff else "reformatted"
        print(f"{changed} {verb}, {len(sources) - changed - refused} unchanged, {refused} refused.", file=sys.stderr)
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


def describe(cable: Cable) -> str:
    """A readable summary of a cable's main fields, one per line."""
    rows: list[tuple[str, object]] = [
        ("reference id", cable.reference_id),
        ("transmission id", cable.transmission_id),
        ("precedence", cable.precedence.value if cable.precedence else None),
        ("date", cable.date.isoformat() if cable.date else None),
        ("from", cable.sender),
        ("to", "; ".join(a.name for a in cable.to) or None),
        ("info", "; ".join(a.name for a in cable.info) or None),
        ("distribution", _distribution_summary(cable)),
        ("classification", cable.classification),
        ("origin", cable.origin),
        ("E.O.", f"{cable.eo.order} {cable.eo.declassification}" if cable.eo else None),
        ("tags", " ".join(cable.tags) or None),
        ("subject", cable.subject),
        ("references", "; ".join(f"{r.label or '-'}. {r.text}" for r in cable.references) or None),
        ("classified by", cable.classified_by.classifier if cable.classified_by else None),
        ("reasons", ", ".join(cable.classified_by.reasons) if cable.classified_by else None),
        ("paragraphs", len(cable.paragraphs)),
        ("page breaks", len(cable.page_breaks) or None),
        ("signature", cable.signature),
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
    status = 0
    for source in collect_sources(args.paths, args.include or DEFAULT_INCLUDE, args.exclude or ()):
        try:
            text, _ = read_source(source)
            cable = parse(text, recover=args.recover)
        except InputError as exc:
            print(format_findings([exc.finding], "concise"), file=sys.stderr)
            status = 1
            continue
        except CableSyntaxError as exc:
            print(format_findings([Finding.from_syntax_error(source.name, exc)], "full"), file=sys.stderr)
            status = 1
            continue
        print(f"== {source.name}")
        print(describe(cable))
        for problem in cable.diagnostics:
            print(f"{source.name}:{problem.line}:{problem.column}: {problem.code} {problem.message}", file=sys.stderr)
    return status


def _cmd_example() -> int:
    print(f"cablegrammar {__version__}: the bundled example cable {EXAMPLE}\n")
    print(describe(parse(_example_text())))
    print("\nTry: cablegrammar check PATH, cablegrammar parse PATH, cablegrammar --help", file=sys.stderr)
    return 0


# ---------------------------------------------------------------------------
# Argument parsing
# ---------------------------------------------------------------------------


def _add_inputs(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    parser.add_argument(
        "paths",
        nargs="+" if required else "*",
        metavar="PATH",
        help="a cable file, a directory (searched recursively) or - for standard input",
    )
    parser.add_argument(
        "--include",
        action="append",
        metavar="GLOB",
        help="file names to take from directories (repeatable; default: *.txt)",
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
        "-j", "--jobs", type=int, default=1, metavar="N", help="worker processes (0: one per core; default: 1)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary line and no progress counter")


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
        help="parse cables to JSON (one) or JSON Lines (several)",
        description="Parse cables to JSON records (schema cablegrammar/cable-record/1). "
        "One file gives one JSON document, several give JSON Lines; an input that does not parse "
        "gives a record with its error. Exit code 1 when any input failed.",
    )
    _add_inputs(parse_cmd)
    parse_cmd.add_argument("--layout", action="store_true", help="keep each node's source text (lossless JSON)")
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
    _add_inputs(fmt)
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

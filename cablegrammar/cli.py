"""A minimal command line: show a cable's fields, or check that files parse.

``cablegrammar`` (no arguments) shows the bundled example cable, 07BAKU864.
``cablegrammar show FILE...`` shows the fields of each file.
``cablegrammar check FILE...`` prints ``path:line:col: CODE message`` for each
file the grammar refuses; exit code 0 when all parse, 1 when some do not,
2 on a usage error or a file that cannot be read (or decoded: the message
names the byte offset).  With ``--recover``, ``show`` reads refused files in
recovery mode and ``check`` lists every problem recovery found in them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from cablegrammar import Cable, CableError, CableSyntaxError, decode, parse, parse_file

EXAMPLE = "07BAKU864.txt"


def _example_text() -> str:
    return resources.files("cablegrammar").joinpath("examples", EXAMPLE).read_bytes().decode("utf-8")


def describe(cable: Cable) -> str:
    """A readable summary of a cable's main fields."""
    rows: list[tuple[str, object]] = [
        ("reference id", cable.reference_id),
        ("transmission id", cable.transmission_id),
        ("precedence", cable.precedence.value if cable.precedence else None),
        ("date", cable.date.isoformat() if cable.date else None),
        ("from", cable.sender),
        ("to", "; ".join(a.name for a in cable.to) or None),
        ("info", "; ".join(a.name for a in cable.info) or None),
        ("classification", cable.classification),
        ("origin", cable.origin),
        ("E.O.", f"{cable.eo.order} {cable.eo.declassification}" if cable.eo else None),
        ("tags", " ".join(cable.tags) or None),
        ("subject", cable.subject),
        ("references", "; ".join(f"{r.label or '-'}. {r.text}" for r in cable.references) or None),
        ("classified by", cable.classified_by.classifier if cable.classified_by else None),
        ("reasons", ", ".join(cable.classified_by.reasons) if cable.classified_by else None),
        ("paragraphs", len(cable.paragraphs)),
        ("signature", cable.signature),
    ]
    lines = [f"{name:>16}  {value}" for name, value in rows if value not in (None, "")]
    for paragraph in cable.paragraphs:
        text = paragraph.text if len(paragraph.text) <= 70 else paragraph.text[:67] + "..."
        lines.append(f"{'':>16}  {paragraph.number}. ({paragraph.marking or '-'}) {text}")
    return "\n".join(lines)


def _show(paths: Sequence[str], recover: bool = False) -> int:
    if not paths:
        print(f"cablegrammar: the bundled example cable {EXAMPLE}\n")
        print(describe(parse(_example_text())))
        return 0
    status = 0
    for path in paths:
        try:
            cable = parse_file(path, recover=recover)
        except CableSyntaxError as exc:
            print(f"{path}:{exc.line}:{exc.column}: {exc.code} {exc.message}\n{exc.context}", file=sys.stderr)
            status = 1
            continue
        except (OSError, CableError) as exc:
            print(f"{path}: error: {exc}", file=sys.stderr)
            return 2
        print(f"== {path}")
        print(describe(cable))
        for problem in cable.diagnostics:
            print(f"{path}:{problem.line}:{problem.column}: {problem.code} {problem.message}", file=sys.stderr)
    return status


def _check(paths: Sequence[str], recover: bool = False) -> int:
    status = 0
    for path in paths:
        try:
            text = sys.stdin.read() if path == "-" else decode(Path(path).read_bytes())
            cable = parse(text, recover=recover)
        except CableSyntaxError as exc:
            print(f"{path}:{exc.line}:{exc.column}: {exc.code} {exc.message}")
            status = max(status, 1)
        except (OSError, CableError) as exc:
            print(f"{path}:1:1: CG000 {exc}")
            status = 2
        else:
            for diagnostic in cable.diagnostics:
                print(f"{path}:{diagnostic.line}:{diagnostic.column}: {diagnostic.code} {diagnostic.message}")
                status = max(status, 1)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``cablegrammar`` console script."""
    parser = argparse.ArgumentParser(prog="cablegrammar", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    show = sub.add_parser("show", help="show the fields of cables (the bundled example if none given)")
    show.add_argument("paths", nargs="*")
    check = sub.add_parser("check", help="check that cables parse")
    check.add_argument("paths", nargs="+")
    for command in (show, check):
        command.add_argument("--recover", action="store_true", help="read refused files in recovery mode")
    args = parser.parse_args(argv)
    if args.command == "check":
        return _check(args.paths, recover=args.recover)
    return _show(getattr(args, "paths", []) or [], recover=getattr(args, "recover", False))


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

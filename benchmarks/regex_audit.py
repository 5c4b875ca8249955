"""Audit the grammar's terminals for super-linear matching (catastrophic backtracking).

Each terminal's regular expression is matched (anchored, as the lexer does) at
the start of adversarial lines of n and 10 n characters: runs of one
character, runs of spaces between words, keyword prefixes followed by runs.
A terminal whose time grows much faster than 10x when the input grows 10x
backtracks super-linearly.  Run:  python benchmarks/regex_audit.py [n]
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cablegrammar import _parser

PREFIXES = ["", "A", "SECRET A", "SECRET BAKU", "PAGE 02 A", "FM A", "1. (S/A", "1. (S", "E.O. 1", "TAGS",
            "SUBJECT", "REF", "Classified By", "ADAMS", "ADAMS\n", "INFO A", "INFO AB-00", "P 0", "\n", "(",
            "-", "(S/A", "(S//", "SIPDIS", "PGOV", "//A", "A.", "A. B", "\n\n", "\r\n"]
FILLS = [" ", "A", "A ", "-", "¶", "\t", "(", "/", ".", "\n", " \n", "\r\n", " \r\n", "ADAMS\n", "SECRET\n",
         "1", "A-00 ", "//", "A, ", "PGOV ", "SIPDIS "]


def worst(regex: re.Pattern[str], n: int) -> tuple[float, str]:
    slowest, which = 0.0, ""
    for prefix in PREFIXES:
        for fill in FILLS:
            text = prefix + fill * (n // len(fill)) + "x"
            start = time.perf_counter()
            regex.match(text, 0)
            elapsed = time.perf_counter() - start
            if elapsed > slowest:
                slowest, which = elapsed, f"{prefix!r} + {fill!r} * {n // len(fill)}"
    return slowest, which


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    lark = _parser.get_parser()
    flags = re.MULTILINE if False else 0
    rows = []
    for terminal in lark.terminals:
        pattern = terminal.pattern
        regex = re.compile(pattern.to_regexp(), flags | (re.I if "i" in pattern.flags else 0))
        small, _ = worst(regex, n)
        large, which = worst(regex, 10 * n)
        ratio = large / small if small > 1e-6 else 0.0
        rows.append({"terminal": terminal.name, "seconds_n": small, "seconds_10n": large, "ratio": ratio,
                     "worst_input": which})
    rows.sort(key=lambda row: -row["seconds_10n"])
    for row in rows[:15]:
        print(f"{row['terminal']:32} {row['seconds_n']:.5f}s {row['seconds_10n']:.5f}s x{row['ratio']:.0f}  "
              f"{row['worst_input']}")
    out = Path(__file__).resolve().parent / "results" / "regex_audit.json"
    out.write_text(json.dumps({"n": n, "terminals": rows}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""Maintenance command for the stored parse tables (see :mod:`cablegrammar._parser`).

After editing ``grammar/cable.lark``::

    python -m cablegrammar._tables write     # regenerate cablegrammar/data/parser_tables.json
    python -m cablegrammar._tables check     # "ok", or why the stored tables would be ignored
"""

from __future__ import annotations

import sys

from cablegrammar._parser import tables_status, write_tables


def main(argv: list[str]) -> int:
    """Run ``write`` or ``check``; the exit status is 0 when the stored tables are in sync."""
    if argv == ["write"]:
        print(f"wrote {write_tables()}")
        return 0
    if argv == ["check"]:
        status = tables_status()
        print(status)
        return 0 if status == "ok" else 1
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

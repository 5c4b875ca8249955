"""``python -m cablegrammar``: the command line (see :mod:`cablegrammar.cli`)."""

from cablegrammar.cli import main

raise SystemExit(main())

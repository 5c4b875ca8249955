"""How the paired scripts name the checkout they measured (not a test module)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def checkout_label(root: str | Path) -> str:
    """The checkout's commit, or its folder's name outside git: results hold no paths of a machine."""
    done = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                          check=False)
    return done.stdout.strip() or Path(root).resolve().name

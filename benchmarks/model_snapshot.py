"""Snapshot the models of a corpus, layout included, to compare parser versions.

``Cable.__eq__`` ignores layout fields, so this script compares a deep dump
(every attrs field, layout included) of each parsed cable, and the rendered
text.  Used to check that a speed rewrite of ``_parser.py`` / ``transform.py``
gives identical models::

    python benchmarks/model_snapshot.py dump before.json     # on the old code
    python benchmarks/model_snapshot.py dump after.json      # on the new code
    python benchmarks/model_snapshot.py diff before.json after.json
"""

from __future__ import annotations

import enum
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cablegrammar  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"


def corpus_files() -> list[Path]:
    """The bundled valid corpus plus every cable of the shared corpus, when present."""
    files = sorted((ROOT / "tests" / "corpus" / "valid").glob("*.txt"))
    if SHARED.is_dir():
        files += sorted(SHARED.glob("*/*.txt"))
    return files


def dump(value: Any) -> Any:
    """A JSON-able deep dump of a model value, every field (layout too) with its class name.

    A field at an empty default (``()``, None) is left out, and a layout's ``key`` (the node's own values at
    parse time) is dumped as whether it still equals them, so that a field added to the model leaves the
    snapshots of models that do not use it as they were.
    """
    if attrs.has(type(value)):
        fields = {f.name: dump(getattr(value, f.name)) for f in attrs.fields(type(value))
                  if not (f.default in ((), None) and getattr(value, f.name) == f.default)}
        if isinstance(layout := getattr(value, "layout", None), cablegrammar.model.Layout):
            fields["layout"] = {"raw": layout.raw, "key_current": layout.key == cablegrammar.model.semantic_key(value)}
        return {"__class__": type(value).__name__, **fields}
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, tuple | list):
        return [dump(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return f"{type(value).__name__}:{value!r}"


def snapshot() -> dict[str, str]:
    """Map each file to the hash of its deep model dump (or its error message)."""
    out: dict[str, str] = {}
    for path in corpus_files():
        key = str(path.relative_to(ROOT.parent))
        try:
            cable = cablegrammar.parse_file(path)
            text = json.dumps(dump(cable), sort_keys=True) + "\x00" + cablegrammar.render(cable)
        except cablegrammar.CableError as exc:
            text = f"ERROR {type(exc).__name__}: {exc}"
        out[key] = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return out


def main(argv: list[str]) -> int:
    """Command line: ``dump OUT.json`` or ``diff A.json B.json``."""
    if argv[:1] == ["dump"] and len(argv) == 2:
        data = snapshot()
        Path(argv[1]).write_text(json.dumps(data, indent=0, sort_keys=True), encoding="utf-8")
        print(f"{len(data)} files snapshotted to {argv[1]}")
        return 0
    if argv[:1] == ["diff"] and len(argv) == 3:
        a = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        b = json.loads(Path(argv[2]).read_text(encoding="utf-8"))
        differ = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
        for key in differ:
            print("DIFFERS", key)
        print(f"{len(a)} vs {len(b)} files, {len(differ)} differ")
        return 1 if differ else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

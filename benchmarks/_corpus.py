"""Corpora, stages and the ``re`` baseline shared by the benchmarks (not a test module)."""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # benchmark the checkout, not an installed copy
    sys.path.insert(0, str(ROOT))

import cablegrammar  # noqa: E402
from cablegrammar import _parser, transform  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
SEED = ROOT / "tests" / "corpus" / "valid" / "seed__07BAKU864.txt"


class Corpus:
    """The accepted cables of one folder, decoded, with their sizes."""

    def __init__(self, name: str, paths: list[Path]) -> None:
        self.name = name
        self.texts: list[str] = []
        for path in paths:
            text = cablegrammar.decode(path.read_bytes())
            try:
                cablegrammar.parse(text)
            except cablegrammar.CableError:
                continue  # refused texts are not timed
            self.texts.append(text)
        self.prepared = [t if t.endswith(("\n", "\r")) else t + "\n" for t in self.texts]
        self.sizes = [len(t.encode("utf-8")) for t in self.texts]
        self.bytes = sum(self.sizes)
        self.refused = len(paths) - len(self.texts)


def corpora() -> dict[str, Path | list[Path]]:
    """Bundled test corpus always; the shared chillicoder corpus and the whole shared corpus when present."""
    found: dict[str, Path | list[Path]] = {"bundled": sorted((ROOT / "tests" / "corpus" / "valid").glob("*.txt"))}
    if (SHARED / "chillicoder_cablegate").is_dir():
        found["chillicoder"] = sorted((SHARED / "chillicoder_cablegate").glob("*.txt"))
        found["shared_all"] = sorted(SHARED.glob("*/*.txt"))
    return found


_CACHE: dict[str, Corpus] = {}


def load(name: str) -> Corpus:
    """Load (once per process) a corpus by name."""
    if name not in _CACHE:
        paths = corpora()[name]
        assert isinstance(paths, list)
        _CACHE[name] = Corpus(name, paths)
    return _CACHE[name]


# --- the baseline: a plain ``re`` line splitter -----------------------------------------------
#: One line with its ending (or the unterminated last line).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+\Z")
#: A few line kinds a regex reader would tell apart.
_KIND = re.compile(
    r"(?P<par>(?:¶|- ?)?[0-9]{1,3}\.[ \t(])|(?P<tags>TAGS\b)|(?P<subject>SUBJ(?:ECT)?\b)|(?P<ref>REF\b)"
    r"|(?P<eo>E\.O\.)|(?P<blank>[ \t]*$)"
)


def re_baseline(text: str) -> list[tuple[str | None, str]]:
    """The baseline every figure is a ratio to: split lines with ``re`` and tag each with its kind."""
    out = []
    kind = _KIND.match
    for match in _LINE.finditer(text):
        line = match.group()
        found = kind(line)
        out.append((found.lastgroup if found else None, line))
    return out


def validator() -> Callable[[Any], Any] | None:
    """``cablegrammar.validate.validate`` when that module exists (written in parallel)."""
    try:
        module = importlib.import_module("cablegrammar.validate")
    except ImportError:
        return None
    validate: Callable[[Any], Any] | None = getattr(module, "validate", None)
    return validate


def stages(corpus: Corpus) -> dict[str, Callable[[], object]]:
    """One callable per stage, each over the whole corpus (inputs of a stage are prepared up front)."""
    trees = [_parser.parse_tree(t) for t in corpus.prepared]
    finals = [t.endswith(("\n", "\r")) for t in corpus.texts]
    models = [transform.to_model(tree, final_newline=f) for tree, f in zip(trees, finals, strict=True)]
    run: dict[str, Callable[[], object]] = {
        "re_baseline": lambda: [re_baseline(t) for t in corpus.texts],
        "lex_parse_tree": lambda: [_parser.parse_tree(t) for t in corpus.prepared],
        "tree_to_model": lambda: [transform.to_model(tree, final_newline=f) for tree, f in zip(trees, finals)],  # noqa: B905
        "render": lambda: [cablegrammar.render(m) for m in models],
        "parse": lambda: [cablegrammar.parse(t) for t in corpus.texts],
    }
    validate = validator()
    if validate is not None:
        run["validate"] = lambda: [validate(m) for m in models]
    return run


# --- scaling: the same cable grown -----------------------------------------------------------
_PARAGRAPH = re.compile(r"^(?:- )?[0-9]{1,3}\. \(", re.MULTILINE)
_ADDRESSEES = re.compile(r"^(INFO [^\n]*\n)((?:[A-Z]{4,8}/[^\n]*\n)+)", re.MULTILINE)


def grown_seed(factor: int) -> str:
    """The seed cable with its INFO addressees and its body paragraphs repeated ``factor`` times."""
    text = SEED.read_bytes().decode("utf-8")
    if not text.endswith("\n"):
        text += "\n"
    start = _PARAGRAPH.search(text)
    assert start is not None
    head, body = text[: start.start()], text[start.start() :]
    head = _ADDRESSEES.sub(lambda m: m[1] + m[2] * factor, head, count=1)
    return head + "\n".join([body] * factor)

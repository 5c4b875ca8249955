"""Atheris fuzz harness for parse, parse(recover=True), render and decode.

Not collected by pytest (the file name does not start with ``test_``).
Install the optional dependency and run from the repository root:

    pip install ".[fuzz]"            # atheris
    python tests/fuzz/fuzz_parse.py -max_total_time=1800 -max_len=8192 tests/fuzz/corpus

``tests/fuzz/corpus`` is libFuzzer's working corpus (seeded with the curated
test cables by ``--seed``; not committed).  Properties checked on every input:

* ``decode(bytes)`` returns a str or raises CableDecodeError (never UnicodeDecodeError);
* strict ``parse`` returns a cable that renders back to the input, or raises
  CableSyntaxError;
* ``parse(text, recover=True)`` never raises and renders back to the input,
  and agrees with strict ``parse`` whenever strict parsing succeeds;
* diagnostics have 1-based positions inside the text, and the strict error
  of a refused text is among them;
* fragments: ``parse(text, start=...)`` for a block start symbol renders back
  or raises CableSyntaxError, and with ``recover=True`` never raises and
  renders back; ``parse_item(text, start)`` for an item start symbol gives a
  node that renders back, or raises CableSyntaxError.  The input's first byte
  picks the start symbols.

Any crash found becomes a regression test in tests/test_fuzz_regressions.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

# Run from a checkout without installing: the repository root on the path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

with atheris.instrument_imports():
    import cablegrammar
    from cablegrammar import CableDecodeError, CableSyntaxError, _parser
    from cablegrammar.render import render_node


def check(text: str) -> None:
    """The properties above, for one text."""
    recovered = cablegrammar.parse(text, recover=True)
    if cablegrammar.render(recovered) != text:
        raise AssertionError("recover: render differs from the input")
    lines = text.count("\n") + text.count("\r") + 1
    for diagnostic in recovered.diagnostics:
        if not (1 <= diagnostic.line <= lines and diagnostic.column >= 1 and 0 <= diagnostic.offset <= len(text)):
            raise AssertionError(f"diagnostic out of range: {diagnostic!r}")
    try:
        strict = cablegrammar.parse(text)
    except CableSyntaxError as error:
        if not (1 <= error.line <= lines and error.column >= 1):
            raise AssertionError(f"error position out of range: {error!r}") from None
        str(error)
        found = {(d.code, d.offset, d.line, d.column, d.message) for d in recovered.diagnostics}
        if len(found) < 900 and (error.code, error.offset, error.line, error.column, error.message) not in found:
            raise AssertionError(f"the strict error is not among the diagnostics: {error!r}") from None
        return
    if cablegrammar.render(strict) != text:
        raise AssertionError("strict: render differs from the input")
    if strict != recovered or recovered.diagnostics:
        raise AssertionError("recover disagrees with strict on an accepted text")


def check_fragments(text: str, pick: int) -> None:
    """The fragment properties above, for one text and the start symbols ``pick`` chooses."""
    block = _parser.BLOCK_STARTS[pick % len(_parser.BLOCK_STARTS)]
    item = _parser.ITEM_STARTS[pick % len(_parser.ITEM_STARTS)]
    try:
        cable = cablegrammar.parse(text, start=block)
    except CableSyntaxError:
        pass
    else:
        if cablegrammar.render(cable) != text:
            raise AssertionError(f"{block}: render differs from the input")
    recovered = cablegrammar.parse(text, start=block, recover=True)
    if cablegrammar.render(recovered) != text:
        raise AssertionError(f"{block}, recover: render differs from the input")
    try:
        node = cablegrammar.parse_item(text, item)
    except CableSyntaxError:
        return
    if render_node(node) != text:
        raise AssertionError(f"{item}: render differs from the input")


def test_one_input(data: bytes) -> None:
    """libFuzzer entry point: bytes through decode, then text through the parsers."""
    try:
        text = cablegrammar.decode(data)
    except CableDecodeError:
        text = data.decode("latin-1")
    check(text)
    check_fragments(text, data[0] if data else 0)


def seed(directory: Path) -> None:
    """Copy the curated test cables into the fuzzing corpus directory."""
    directory.mkdir(parents=True, exist_ok=True)
    tests = Path(__file__).resolve().parent.parent / "corpus"
    for path in sorted(tests.glob("*/*.txt")):
        (directory / path.name).write_bytes(path.read_bytes()[:8192])


def main() -> None:
    if "--seed" in sys.argv:
        seed(Path(sys.argv[sys.argv.index("--seed") + 1]))
        return
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

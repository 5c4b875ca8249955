"""The Lark parser: the only module that builds a ``Lark`` object.

The grammar ships inside the installed package (``cablegrammar/grammar/``);
in a source checkout it is read from the top-level ``grammar/`` folder.
The parser is built once per process, lazily, on first use; Lark itself is
imported only then, so ``import cablegrammar`` stays cheap.

Speed (see ``docs/benchmarks.md``):

* **lark-cython** is used automatically when it is installed (the
  ``cablegrammar[fast]`` extra); set ``CABLEGRAMMAR_PURE_LARK=1`` to turn it
  off.  The trees and models are the same either way.
* **Fused free-text lines.**  Lark's cost is per token, and free-text lines
  (``TEXT_LINE``) are a third of all tokens.  After the parser is built, the
  ``TEXT_LINE`` terminal is widened to a *run* of consecutive free-text
  lines: a following line joins the run only when no other terminal that the
  parser could accept next (in any state where ``TEXT_LINE`` is acceptable)
  matches at its start, i.e. exactly when the line-by-line lexer would have
  produced another ``TEXT_LINE`` there.  The grammar (``TEXT_LINE*`` loops)
  and the lexer's choice at each line are unchanged; a ``TEXT_LINE`` token
  just holds one or more whole lines, which :mod:`cablegrammar.transform`
  splits again.  The terminal keeps its name and its first-line pattern, so
  error messages are unchanged too.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lark import Lark, Token, Tree

GRAMMAR_NAME = "cable.lark"
#: The free-text line terminal that is fused into runs of lines.
TEXT_LINE = "TEXT_LINE"
#: Set to a non-empty value to ignore lark-cython even when it is installed.
PURE_LARK_ENV = "CABLEGRAMMAR_PURE_LARK"


def grammar_text() -> str:
    """Return the text of ``cable.lark``, from the installed package or the checkout."""
    packaged = resources.files("cablegrammar").joinpath("grammar", GRAMMAR_NAME)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    checkout = Path(__file__).resolve().parent.parent / "grammar" / GRAMMAR_NAME
    return checkout.read_text(encoding="utf-8")


def _cython_plugins() -> dict[str, Any]:
    """lark-cython's plugins when it is installed and not turned off, else ``{}``."""
    if os.environ.get(PURE_LARK_ENV):
        return {}
    try:
        import lark_cython  # type: ignore[import-not-found]  # noqa: PLC0415
    except ImportError:
        return {}
    plugins: dict[str, Any] = lark_cython.plugins
    return plugins


def uses_cython() -> bool:
    """Whether the parser runs on lark-cython (the ``cablegrammar[fast]`` extra)."""
    return bool(get_parser().options._plugins)


@functools.cache
def get_parser() -> Lark:
    """Build (once) the LALR(1) parser with the contextual lexer, free-text lines fused."""
    from lark import Lark  # noqa: PLC0415  (lazy: keeps `import cablegrammar` cheap)

    parser = Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        start="start",
        maybe_placeholders=False,
        _plugins=_cython_plugins(),
    )
    _fuse_text_lines(parser)
    return parser


def _fuse_text_lines(parser: Lark) -> None:
    """Widen ``TEXT_LINE`` to a run of lines that the lexer would each read as ``TEXT_LINE``.

    Runs before any scanner is compiled (Lark compiles them on first use), so
    every per-state lexer sees the widened pattern, in the position the
    original pattern gave it in their priority order.
    """
    from lark.lexer import PatternRE  # noqa: PLC0415

    by_name = {terminal.name: terminal for terminal in parser.terminals}
    text_line = by_name.get(TEXT_LINE)
    if text_line is None:
        return
    # Every terminal the parser may accept where it may accept TEXT_LINE:
    # the lexer prefers each of them (higher priority) or they cannot start a
    # visible line (blank lines); either way a line they match ends the run.
    states = parser.parser.parser._parse_table.states
    rivals: set[str] = set()
    for actions in states.values():
        if TEXT_LINE in actions:
            rivals.update(name for name in actions if name in by_name and name != TEXT_LINE)
    stops = "|".join(by_name[name].pattern.to_regexp() for name in sorted(rivals))
    line = text_line.pattern.to_regexp()
    fused = f"(?:{line})(?:(?!{stops})(?:{line}))*" if stops else f"(?:{line})+"
    text_line.pattern = PatternRE(fused, text_line.pattern.flags, raw=text_line.pattern.raw)


def parse_tree(text: str) -> Tree[Token]:
    """Parse prepared text (see :func:`cablegrammar.parse`) into a Lark tree.

    Raises the Lark exception; :mod:`cablegrammar.errors` translates it.
    """
    return get_parser().parse(text)


def __getattr__(name: str) -> Any:
    """``UnexpectedInput``: Lark's base parse error, imported on first use."""
    if name == "UnexpectedInput":
        from lark.exceptions import UnexpectedInput  # noqa: PLC0415

        return UnexpectedInput
    raise AttributeError(name)


# ---------------------------------------------------------------------------
# Grammar introspection, for documentation tools (railroad diagrams, the
# Pygments lexer): the grammar's rules and terminals without Lark types.
# ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Syntax:
    """One node of a rule's right-hand side, free of Lark types.

    ``kind`` is one of ``choice``, ``sequence``, ``optional``,
    ``zero_or_more``, ``one_or_more`` (these have ``children``), ``rule``,
    ``terminal``, ``literal`` (these have a ``name``: the rule or terminal
    name, or the literal text) and ``alias`` (one child, the expansion, and
    the alias ``name`` of ``-> name``).

    >>> rule_syntax()["transmission_line"]
    Syntax(kind='sequence', children=(Syntax(kind='terminal', children=(), name='TRANSMISSION_ID'), \
Syntax(kind='terminal', children=(), name='NEWLINE')), name='')
    """

    kind: str
    children: tuple[Syntax, ...] = ()
    name: str = ""


_REPEAT_KINDS = {"?": "optional", "*": "zero_or_more", "+": "one_or_more"}


def _syntax(node: Any) -> Syntax:  # noqa: PLR0911 - one return per construct
    """Convert a node of Lark's meta-grammar tree (``load_grammar``) to :class:`Syntax`."""
    from lark import Tree  # noqa: PLC0415 - lark is imported lazily (import time)
    from lark.grammar import NonTerminal, Terminal  # noqa: PLC0415
    if isinstance(node, Tree):
        kind = str(node.data)
        if kind in {"expansions", "expansion"}:
            parts = tuple(_syntax(child) for child in node.children)
            if len(parts) == 1:
                return parts[0]
            return Syntax("choice" if kind == "expansions" else "sequence", parts)
        if kind == "alias":
            expansion, alias = node.children
            return Syntax("alias", (_syntax(expansion),), str(getattr(alias, "name", "")))
        if kind == "expr" and len(node.children) == 2 and str(node.children[1]) in _REPEAT_KINDS:
            return Syntax(_REPEAT_KINDS[str(node.children[1])], (_syntax(node.children[0]),))
        if kind == "maybe":
            return Syntax("optional", (_syntax(node.children[0]),))
        if kind == "value":
            return _syntax(node.children[0])
        if kind == "literal":
            return Syntax("literal", name=str(node.children[0]))
        msg = f"grammar construct {kind!r} has no Syntax form"
        raise ValueError(msg)
    if isinstance(node, Terminal):
        return Syntax("terminal", name=node.name)
    if isinstance(node, NonTerminal):
        return Syntax("rule", name=node.name)
    msg = f"unexpected grammar node {node!r}"
    raise ValueError(msg)


@functools.cache
def rule_syntax() -> dict[str, Syntax]:
    """Every rule of the grammar, in file order, as a :class:`Syntax` tree.

    Read with Lark's own grammar loader (its meta-grammar), so it is exactly
    what the parser is built from. Rules starting with ``_`` are inlined by
    the parser and never appear in a parse tree.
    """
    from lark.load_grammar import load_grammar  # noqa: PLC0415

    grammar, _ = load_grammar(grammar_text(), GRAMMAR_NAME, [], False)  # type: ignore[no-untyped-call]
    return {str(name): _syntax(tree) for name, _params, tree, _options in grammar.rule_defs}


@functools.cache
def terminal_regexps() -> dict[str, str]:
    """Every terminal's regular expression as the lexer uses it (flags inline), in file order.

    >>> terminal_regexps()["TRANSMISSION_ID"]
    'VZCZC[A-Z]{0,3}[0-9]{2,5}'
    """
    return {term.name: term.pattern.to_regexp() for term in get_parser().terminals}


@functools.cache
def terminal_priorities() -> dict[str, int]:
    """Every terminal's priority (``NAME.5`` in the grammar; 0 when none is given)."""
    return {term.name: term.priority for term in get_parser().terminals}


def node_spans(text: str) -> list[tuple[str, int, int]]:
    """``(name, start, end)`` offsets of every node of the parse tree of ``text``, outermost first.

    ``name`` is the rule's name, or its alias (``-> short_envelope``); rules
    starting with ``_`` are inlined and have no node.  ``text`` must end with
    a line ending (see :func:`cablegrammar.parse`).  Raises Lark's exception
    on text the grammar refuses.

    >>> node_spans("UNCLAS STATE 000284\\nSUBJECT: A TEST\\n")[-1]
    ('subject', 20, 36)
    """
    from lark import Token  # noqa: PLC0415

    spans = []
    for node in parse_tree(text).iter_subtrees_topdown():  # type: ignore[no-untyped-call]
        tokens = [token for token in node.scan_values(lambda value: isinstance(value, Token))]
        if tokens:
            spans.append((str(node.data), tokens[0].start_pos or 0, tokens[-1].end_pos or 0))
    return spans

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
* **Stored parse tables.**  Building the LALR(1) tables from the grammar
  takes a few hundred milliseconds, so the built parser is stored as plain
  JSON data (``cablegrammar/data/parser_tables.json``, Lark's own
  ``memo_serialize`` form, no pickle) and loaded in about 20 ms.  The file
  records the SHA-256 of ``cable.lark`` and the Lark version it was built
  with; when either differs, it is ignored and the parser is built from the
  grammar as before, so stale tables are never used.  Regenerate it after
  editing the grammar with ``python -m cablegrammar._tables write``
  (``tests/test_parser_tables.py`` fails until then).
"""

from __future__ import annotations

import dataclasses
import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cablegrammar import _lark_compat

if TYPE_CHECKING:
    from lark import Lark, Token, Tree

GRAMMAR_NAME = "cable.lark"
#: The free-text line terminal that is fused into runs of lines.
TEXT_LINE = "TEXT_LINE"
#: Set to a non-empty value to ignore lark-cython even when it is installed.
PURE_LARK_ENV = "CABLEGRAMMAR_PURE_LARK"
#: The stored parse tables, in the package's ``data`` folder.
TABLES_NAME = "parser_tables.json"
#: The stored terminal shapes (every terminal's regular expression), beside the tables.
SHAPES_NAME = "terminal_shapes.json"
#: Bumped when the layout of the tables file or the Lark options change.
TABLES_FORMAT = 1
#: The start symbols of ``cablegrammar.parse``: the whole cable, then the blocks cut out of one.  Each
#: but ``cable`` (the grammar's ``start``) is a rule of the grammar.
BLOCK_STARTS = ("cable", "envelope", "address_block", "body")
#: The start symbols of ``cablegrammar.parse_item``: one item of a cable's text, a rule of the grammar each.
#: They have a parser of their own (:func:`get_item_parser`): in the cable's parser, an item's last state is
#: shared with the text around it and may read what follows the item there (a signature after a SUBJECT's
#: last line), which the item alone must read as its own continuation.
ITEM_STARTS = ("classification_line", "caption_line", "eo_line", "tags_line", "subject", "references",
               "classified_by", "paragraph", "page_break", "signature")
#: How the parser is built; the stored tables are built with exactly these options.
_LARK_OPTIONS: dict[str, Any] = {"parser": "lalr", "lexer": "contextual",
                                 "start": ["start", *BLOCK_STARTS[1:]], "maybe_placeholders": False}


def grammar_text() -> str:
    """Return the text of ``cable.lark``, from the installed package or the checkout."""
    from importlib import resources  # noqa: PLC0415 (lazy: import time)

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
    return bool(_lark_compat.plugins_of(get_parser()))


@functools.cache
def get_parser() -> Lark:
    """Build (once) the LALR(1) parser with the contextual lexer, free-text lines fused.

    The tables come from the stored file when it matches the grammar and the
    installed Lark (see :func:`tables_status`), else from the grammar.
    """
    from lark import Lark  # noqa: PLC0415  (lazy: keeps `import cablegrammar` cheap)

    grammar = grammar_text()
    parser = _load_tables(grammar)
    if parser is None:
        parser = Lark(grammar, **_LARK_OPTIONS, _plugins=_cython_plugins())
    _fuse_text_lines(parser)
    return parser


def grammar_sha256(grammar: str) -> str:
    """The SHA-256 (hex) of the grammar text, which keys the stored tables."""
    import hashlib  # noqa: PLC0415 (lazy: import time)

    return hashlib.sha256(grammar.encode("utf-8")).hexdigest()


def tables_path() -> Path:
    """Where the stored parse tables live (inside the package, so they ship in the wheel)."""
    return Path(__file__).resolve().parent / "data" / TABLES_NAME


def _read_tables() -> dict[str, Any] | None:
    import json  # noqa: PLC0415 (lazy: import time)

    try:
        tables: dict[str, Any] = json.loads(tables_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return tables


def tables_status(grammar: str | None = None, tables: dict[str, Any] | None = None) -> str:
    """``"ok"`` when the stored tables fit ``grammar`` (default: the shipped one) and the installed Lark.

    Otherwise the reason they are not used: ``"missing"``, ``"format differs"``,
    ``"grammar changed"`` or ``"lark version differs"``.
    """
    import lark  # noqa: PLC0415

    tables = _read_tables() if tables is None else tables
    if tables is None:
        return "missing"
    if tables.get("format") != TABLES_FORMAT or tables.get("options") != _LARK_OPTIONS:
        return "format differs"
    if tables.get("grammar_sha256") != grammar_sha256(grammar_text() if grammar is None else grammar):
        return "grammar changed"
    if tables.get("lark_version") != lark.__version__:
        return "lark version differs"
    return "ok"


def build_tables(grammar: str) -> dict[str, Any]:
    """Build the parser from ``grammar`` and return its tables as JSON-able data.

    Lark's ``memo_serialize`` form (what ``Lark.save`` pickles), plus the
    grammar's hash, the Lark version and the build options.  Plain lark
    (no plugins), before any free-text fusion: exactly what the grammar says.
    """
    import lark  # noqa: PLC0415

    data, memo = _lark_compat.serialize(lark.Lark(grammar, **_LARK_OPTIONS))
    data["parser"]["parser"] = _canonical_table(data["parser"]["parser"])
    return {"format": TABLES_FORMAT, "grammar_sha256": grammar_sha256(grammar), "lark_version": lark.__version__,
            "options": _LARK_OPTIONS, "data": data, "memo": memo}


def _canonical_table(table: dict[str, Any]) -> dict[str, Any]:
    """Renumber a serialized parse table so that the same grammar always gives the same file.

    Lark numbers tokens and LALR states in set iteration order, which varies
    from run to run; here tokens are numbered by name and states in
    breadth-first order from the start states, following tokens by name.
    """
    names: dict[int, str] = table["tokens"]
    token_ids = {name: index for index, name in enumerate(sorted(names.values()))}
    states: dict[int, dict[int, tuple[int, Any]]] = table["states"]
    order: dict[int, int] = {}
    queue = [table["start_states"][start] for start in sorted(table["start_states"])]
    while queue:
        state = queue.pop(0)
        if state in order:
            continue
        order[state] = len(order)
        actions = sorted(states[state].items(), key=lambda item: names[item[0]])
        queue += [arg for _token, (kind, arg) in actions if kind == 0]  # 0: shift (or goto) to state arg
    order.update({state: len(order) + n for n, state in enumerate(s for s in states if s not in order)})
    return {
        "tokens": {index: name for name, index in token_ids.items()},
        "states": {
            order[state]: {
                token_ids[names[token]]: (kind, order[arg] if kind == 0 else arg)
                for token, (kind, arg) in sorted(states[state].items(), key=lambda item: names[item[0]])
            }
            for state in sorted(states, key=order.__getitem__)
        },
        "start_states": {start: order[state] for start, state in table["start_states"].items()},
        "end_states": {start: order[state] for start, state in table["end_states"].items()},
    }


def write_tables() -> Path:
    """Regenerate the stored tables and terminal shapes from the grammar (after editing ``cable.lark``)."""
    import json  # noqa: PLC0415

    path = tables_path()
    text = json.dumps(build_tables(grammar_text()), sort_keys=True, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    shapes = {"grammar_sha256": grammar_sha256(grammar_text()), "terminals": grammar_shapes()}
    shapes_path().write_text(json.dumps(shapes, indent=1) + "\n", encoding="utf-8")
    return path


def shapes_path() -> Path:
    """Where the stored terminal shapes live (beside the tables; read by :mod:`cablegrammar._shapes`)."""
    return Path(__file__).resolve().parent / "data" / SHAPES_NAME


def grammar_shapes() -> dict[str, str]:
    """Every terminal's regular expression as the grammar writes it (flags inline, pieces included, before the
    run-time widening of ``TEXT_LINE``), in file order."""
    return {term.name: term.pattern.to_regexp() for term in _grammar_terminals()}


@functools.cache
def get_item_parser() -> Lark:
    """The parser of single text items (:data:`ITEM_STARTS`), built from the grammar on first use."""
    from lark import Lark  # noqa: PLC0415

    parser = Lark(grammar_text(), **{**_LARK_OPTIONS, "start": list(ITEM_STARTS)}, _plugins=_cython_plugins())
    _fuse_text_lines(parser)
    return parser


@functools.cache
def get_pure_parser() -> Lark:
    """:func:`get_parser` on plain lark even when lark-cython is installed.

    For code that drives Lark's parser internals itself (recovery mode),
    which lark-cython's classes do not expose.
    """
    if not _cython_plugins():
        return get_parser()
    from lark import Lark  # noqa: PLC0415

    grammar = grammar_text()
    parser = _load_tables(grammar, plugins={})
    if parser is None:
        parser = Lark(grammar, **_LARK_OPTIONS)
    _fuse_text_lines(parser)
    return parser


def _load_tables(grammar: str, plugins: dict[str, Any] | None = None) -> Lark | None:
    """The parser from the stored tables, or None when they are missing or stale.

    ``plugins``: Lark's ``_plugins`` (default: lark-cython's when installed).
    """
    tables = _read_tables()
    if tables is None or tables_status(grammar, tables) != "ok":
        return None
    # JSON has string keys only: the state numbers, token numbers and memo ids were ints.
    data = tables["data"]
    table = data["parser"]["parser"]
    table["tokens"] = {int(key): name for key, name in table["tokens"].items()}
    table["states"] = {int(state): {int(token): tuple(action) for token, action in actions.items()}
                       for state, actions in table["states"].items()}
    memo = {int(key): value for key, value in tables["memo"].items()}
    plugins = _cython_plugins() if plugins is None else plugins
    return _lark_compat.load_from_dict(_loaded_lark_class(), data, memo, plugins)


@functools.cache
def _loaded_lark_class() -> type[Lark]:
    """A ``Lark`` whose ``grammar`` (the loaded grammar, which tables do not hold) is read on first use.

    Tools that read ``parser.grammar`` (Hypothesis' ``from_lark``) then work
    on a parser loaded from the stored tables as on a built one.
    """
    from lark import Lark  # noqa: PLC0415

    class LoadedLark(Lark):
        @functools.cached_property
        def grammar(self) -> Any:  # type: ignore[override]
            """The grammar the tables were built from (they are checked to fit it)."""
            return _lark_compat.load_grammar(grammar_text(), GRAMMAR_NAME)

    return LoadedLark


def _fuse_text_lines(parser: Lark) -> None:
    """Widen ``TEXT_LINE`` to a run of lines that the lexer would each read as ``TEXT_LINE``.

    Runs before any scanner is compiled (Lark compiles them on first use), so
    every per-state lexer sees the widened pattern, in the position the
    original pattern gave it in their priority order.  Each per-state lexer
    of the contextual lexer gets a run that stops only at the terminals the
    parser may accept at the following lines (:func:`_run_rivals`): a line
    of a paragraph is not tried against the terminals of the caption block.
    The shared terminal (the root lexer's, for error messages, and
    lark-cython's) stops at every terminal of every state where ``TEXT_LINE``
    is acceptable.
    """
    by_name = {terminal.name: terminal for terminal in parser.terminals}
    text_line = by_name.get(TEXT_LINE)
    if text_line is None:
        return
    line = text_line.pattern.to_regexp()

    def run(rivals: set[str] | None) -> Any:
        """A run of lines, each after the first one that none of ``rivals`` matches (None: one line)."""
        if rivals is None:
            return _lark_compat.regexp_pattern(line, text_line.pattern)
        stops = "|".join(by_name[name].pattern.to_regexp() for name in sorted(rivals))
        fused = f"(?:{line})(?:(?!{stops})(?:{line}))*" if stops else f"(?:{line})+"
        return _lark_compat.regexp_pattern(fused, text_line.pattern)

    states = _lark_compat.parse_table_states(parser)
    everywhere: set[str] = set()
    for actions in states.values():
        if TEXT_LINE in actions:
            everywhere.update(name for name in actions if name in by_name and name != TEXT_LINE)
    per_state = _run_rivals(parser, set(by_name))
    lexers = _lark_compat.state_lexers(parser)
    _lark_compat.set_pattern(text_line, run(everywhere))
    if lexers is None:  # lark-cython: one pattern for all states
        return
    by_lexer: dict[int, tuple[Any, list[int]]] = {}
    for state, lexer in lexers.items():
        by_lexer.setdefault(id(lexer), (lexer, []))[1].append(state)
    for lexer, lexer_states in by_lexer.values():
        if not any(terminal.name == TEXT_LINE for terminal in lexer.terminals):
            continue
        found = [per_state[state] for state in lexer_states if state in per_state]
        # None: a run from one of these states would reach a state that takes no further TEXT_LINE.
        rivals = None if None in found else {name for names in found if names for name in names}
        _lark_compat.set_lexer_terminal(lexer, TEXT_LINE, run(rivals), text_line.priority)


def _run_rivals(parser: Lark, terminals: set[str]) -> dict[int, set[str] | None]:
    """For each state that may read ``TEXT_LINE``: the terminals other than ``TEXT_LINE`` that the parser may
    accept at the line after it, and after each further ``TEXT_LINE``; None where one of those states takes
    no ``TEXT_LINE`` (a run must end at one line there).

    After ``TEXT_LINE`` is read in a state, the parser shifts it (into one state) or first reduces a rule:
    where the reduction leads depends on the stack, so every state that a goto on the rule's name enters
    counts (more rivals than needed only end a run sooner, where the lexer would start another).
    """
    states = _lark_compat.parse_table_states(parser)
    goto_into: dict[str, set[int]] = {}
    for actions in states.values():
        for name, (action, target) in actions.items():
            if _lark_compat.is_shift(action) and name not in terminals:
                goto_into.setdefault(name, set()).add(target)

    def shifted(state: int) -> set[int] | None:
        """The states the parser is in right after reading TEXT_LINE in ``state`` (None: it cannot)."""
        found: set[int] = set()
        todo, seen = [state], {state}
        while todo:
            current = todo.pop()
            entry = states[current].get(TEXT_LINE)
            if entry is None:
                if current == state:
                    return None
                continue  # a goto the reduction cannot take here: the parse went on from another state
            action, target = entry
            if _lark_compat.is_shift(action):
                found.add(target)
                continue
            for after in goto_into.get(target.origin.name, ()):
                if after not in seen:
                    seen.add(after)
                    todo.append(after)
        return found

    def accepted_after(state: int) -> set[str] | None:
        """The terminals other than TEXT_LINE accepted after each further TEXT_LINE read from ``state``."""
        first = shifted(state)
        if first is None:
            return None
        todo, seen, accepted = list(first), set(first), set()
        while todo:
            current = todo.pop()
            more = shifted(current)
            if more is None:
                return None
            accepted |= {name for name in states[current] if name in terminals and name != TEXT_LINE}
            todo += [after for after in more if after not in seen]
            seen |= more
        return accepted

    return {state: accepted_after(state) for state, actions in states.items() if TEXT_LINE in actions}


def parse_tree(text: str, start: str = "start") -> Tree[Token]:
    """Parse prepared text (see :func:`cablegrammar.parse`) into a Lark tree, from the start symbol ``start``.

    ``start``: the grammar's ``start``, a block (:data:`BLOCK_STARTS`) or an item (:data:`ITEM_STARTS`).
    Raises the Lark exception; :mod:`cablegrammar.errors` translates it.
    """
    if start in ITEM_STARTS:
        return get_item_parser().parse(text, start=start)
    return get_parser().parse(text, start="start" if start == "cable" else start)


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

    >>> rule_syntax()["from_line"]
    Syntax(kind='sequence', children=(Syntax(kind='terminal', children=(), name='FM_KW'), \
Syntax(kind='terminal', children=(), name='WS'), Syntax(kind='terminal', children=(), name='ADDRESSEE_NAME'), \
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
    grammar = _lark_compat.load_grammar(grammar_text(), GRAMMAR_NAME)
    return {str(name): _syntax(tree) for name, _params, tree, _options in grammar.rule_defs}


@functools.cache
def _grammar_terminals() -> list[Any]:
    """Every terminal the grammar defines (Lark ``TerminalDef``), in file order.

    Also the pieces that only serve to compose whole-line terminals
    (``PARAGRAPH_NUMBER`` in ``PARAGRAPH_HEAD_LINE``), which the parser drops.
    """
    grammar = _lark_compat.load_grammar(grammar_text(), GRAMMAR_NAME)
    order = {name: index for index, (name, _definition) in enumerate(grammar.term_defs)}
    return sorted(_lark_compat.compiled_terminals(grammar), key=lambda term: order[term.name])


@functools.cache
def terminal_regexps() -> dict[str, str]:
    """Every terminal's regular expression as the lexer uses it (flags inline), in file order.

    Terminals that the lexer does not use by themselves (the pieces of the
    whole-line terminals) are included with their own patterns.

    >>> terminal_regexps()["TRANSMISSION_ID"]
    'VZCZC[A-Z]{0,3}[0-9]{2,5}'
    >>> terminal_regexps()["PORTION_MARKING"] in terminal_regexps()["PARAGRAPH_HEAD_LINE"]
    True
    """
    lexer = {term.name: term.pattern.to_regexp() for term in get_parser().terminals}
    return {term.name: lexer.get(term.name, term.pattern.to_regexp()) for term in _grammar_terminals()}


@functools.cache
def terminal_priorities() -> dict[str, int]:
    """Every terminal's priority (``NAME.5`` in the grammar; 0 when none is given)."""
    return {term.name: term.priority for term in _grammar_terminals()}


def node_spans(text: str) -> list[tuple[str, int, int]]:
    """``(name, start, end)`` offsets of every node of the parse tree of ``text``, outermost first.

    ``name`` is the rule's name, or its alias (``-> short_envelope``); rules
    starting with ``_`` are inlined and have no node.  ``text`` must end with
    a line ending (see :func:`cablegrammar.parse`).  Raises Lark's exception
    on text the grammar refuses.

    >>> node_spans("UNCLAS STATE 000284\\nSUBJECT: A TEST\\n")[-1]
    ('subject', 20, 36)
    """
    spans = []
    for node in parse_tree(text).iter_subtrees_topdown():  # type: ignore[no-untyped-call]
        # Tokens are lark's or lark-cython's (not lark.Token): told from trees by their attributes.
        tokens = [token for token in node.scan_values(lambda value: not hasattr(value, "data"))]
        if tokens:
            spans.append((str(node.data), tokens[0].start_pos or 0, tokens[-1].end_pos or 0))
    return spans


"""Every use of Lark's internals, in one place.

cablegrammar uses Lark's public API (``Lark``, ``parse``, ``parse_interactive``,
``Token``, its exceptions) everywhere else.  A few features need more: the
stored parse tables (:mod:`cablegrammar._parser`), the widening of free-text
lines at run time, recovery mode driving the LALR parser state itself
(:mod:`cablegrammar.recover`) and the grammar read with Lark's own loader (the
rules and terminals for the docs and the shapes).  Those reach into Lark
through the functions here, and nowhere else.

The Lark versions supported are pinned in ``pyproject.toml`` and tested at
both ends in CI; ``tests/test_lark_compat.py`` checks every private name used
here on the installed Lark (:func:`missing`), so a Lark that moves one fails
with a message naming it rather than deep inside a parse.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lark import Lark

#: The private names used here, as ``(module, dotted path)``: checked on the installed Lark by :func:`missing`.
PRIVATE_NAMES: tuple[tuple[str, str], ...] = (
    ("lark", "Lark._load_from_dict"),
    ("lark.load_grammar", "load_grammar"),
    ("lark.load_grammar", "Grammar.compile"),
    ("lark", "Lark.memo_serialize"),
    ("lark.grammar", "Rule"),
    ("lark.lexer", "PatternRE"),
    ("lark.lexer", "TerminalDef"),
    ("lark.parsers.lalr_analysis", "Shift"),
    ("lark.parsers.lalr_parser_state", "ParserState"),
    ("lark.parsers.lalr_parser_state", "ParserState.feed_token"),
    ("lark.parsers.lalr_parser_state", "ParserState.position"),
)


def missing() -> list[str]:
    """The private names of :data:`PRIVATE_NAMES` and the parser attributes that the installed Lark lacks."""
    import importlib  # noqa: PLC0415

    absent = []
    for module_name, path in PRIVATE_NAMES:
        try:
            found: Any = importlib.import_module(module_name)
        except ImportError:
            absent.append(f"{module_name} (module)")
            continue
        for part in path.split("."):
            found = getattr(found, part, None)
            if found is None:
                absent.append(f"{module_name}.{path}")
                break
    return absent


def parser_attributes_missing(parser: Lark) -> list[str]:
    """The attributes of a built parser used here that ``parser`` lacks (see :func:`missing`)."""
    absent = []
    if not hasattr(parser.options, "_plugins"):
        absent.append("Lark.options._plugins")
    if not hasattr(getattr(getattr(parser, "parser", None), "parser", None), "_parse_table"):
        absent.append("Lark.parser.parser._parse_table (the LALR table)")
    interactive = parser.parse_interactive("", start=parser.options.start[0])
    for name in ("parser_state", "lexer_thread"):
        if not hasattr(interactive, name):
            absent.append(f"InteractiveParser.{name}")
    state = getattr(getattr(interactive, "lexer_thread", None), "state", None)
    if state is not None and not hasattr(state, "line_ctr"):
        absent.append("LexerState.line_ctr")
    return absent


# ---------------------------------------------------------------------------
# Building and loading parsers
# ---------------------------------------------------------------------------


def plugins_of(parser: Lark) -> dict[str, Any]:
    """The ``_plugins`` a parser was built with (lark-cython's, or ``{}``)."""
    plugins: dict[str, Any] = parser.options._plugins
    return plugins


def serialize(parser: Lark) -> tuple[dict[str, Any], dict[int, Any]]:
    """A parser's data and memo (``Lark.memo_serialize``, what ``Lark.save`` pickles): :func:`load_from_dict`
    builds the parser back from them."""
    from lark.grammar import Rule  # noqa: PLC0415
    from lark.lexer import TerminalDef  # noqa: PLC0415

    data, memo = parser.memo_serialize([TerminalDef, Rule])
    return data, memo


def load_from_dict(lark_class: type[Lark], data: dict[str, Any], memo: dict[int, Any],
                   plugins: dict[str, Any]) -> Lark:
    """A parser from its serialized data (``Lark.serialize``), with the given plugins."""
    loaded: Lark = lark_class._load_from_dict(data, memo, _plugins=plugins)  # type: ignore[no-untyped-call]
    return loaded


def load_grammar(text: str, name: str) -> Any:
    """The grammar as Lark's own loader reads it (its ``rule_defs``, ``term_defs`` and ``compile``)."""
    from lark.load_grammar import load_grammar as lark_load_grammar  # noqa: PLC0415

    grammar, _ = lark_load_grammar(text, name, [], False)  # type: ignore[no-untyped-call]
    return grammar


def compiled_terminals(grammar: Any) -> list[Any]:
    """Every terminal of a loaded grammar (:func:`load_grammar`) as Lark ``TerminalDef``s, pieces included."""
    terminals, _rules, _ignore = grammar.compile(["start"], "*")
    return list(terminals)


# ---------------------------------------------------------------------------
# The LALR table and the per-state lexers
# ---------------------------------------------------------------------------


def parse_table_states(parser: Lark) -> dict[int, dict[str, tuple[Any, Any]]]:
    """The LALR table: for each state, each symbol's ``(action, argument)``."""
    states: dict[int, dict[str, tuple[Any, Any]]] = parser.parser.parser._parse_table.states
    # (Lark.parser is the parsing front end, its .parser the LALR parser, which holds the table.)
    return states


def is_shift(action: Any) -> bool:
    """Whether a table action is a shift (or a goto, on a rule's name)."""
    from lark.parsers.lalr_analysis import Shift  # noqa: PLC0415

    return action is Shift


def state_lexers(parser: Lark) -> dict[int, Any] | None:
    """The contextual lexer's lexer of each parser state, or None (lark-cython: one lexer for all)."""
    lexers = getattr(getattr(parser.parser, "lexer", None), "lexers", None)
    return lexers if isinstance(lexers, dict) else None


def regexp_pattern(regexp: str, like: Any) -> Any:
    """A Lark pattern of the regular expression, with the flags and source of the pattern ``like``."""
    from lark.lexer import PatternRE  # noqa: PLC0415

    return PatternRE(regexp, like.flags, raw=like.raw)


def set_pattern(terminal: Any, pattern: Any) -> None:
    """Give a terminal of a built parser another pattern (before any scanner is compiled)."""
    terminal.pattern = pattern


def set_lexer_terminal(lexer: Any, name: str, pattern: Any, priority: int) -> None:
    """Give one per-state lexer its own pattern for the terminal ``name`` (its scanner is rebuilt on use)."""
    from lark.lexer import TerminalDef  # noqa: PLC0415

    own = TerminalDef(name, pattern, priority)
    lexer.terminals = [own if terminal.name == name else terminal for terminal in lexer.terminals]
    lexer._scanner = None


# ---------------------------------------------------------------------------
# Driving the parser state (recovery mode)
# ---------------------------------------------------------------------------


def fresh_parser_state(interactive: Any) -> tuple[Any, dict[Any, dict[str, Any]], Any, Any]:
    """A parser state that builds no tree, from an interactive parser: the state, the table's states, the
    lexer and its state.  Values on the stack are plain lists, never mutated later."""
    from lark.parsers.lalr_parser_state import ParserState  # noqa: PLC0415

    conf = copy.copy(interactive.parser_state.parse_conf)
    conf.callbacks = {}
    lexer_thread = interactive.lexer_thread
    return ParserState(conf, lexer_thread), conf.states, lexer_thread.lexer, lexer_thread.state


def lexer_state_at(lexer_state: Any, offset: int) -> Any:
    """A copy of a lexer state that lexes on from ``offset`` (the start of a line)."""
    moved = copy.copy(lexer_state)
    counter = moved.line_ctr
    counter.char_pos = counter.line_start_pos = offset
    counter.column = 1
    moved.last_token = None
    return moved

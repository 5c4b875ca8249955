"""The Lark parser: the only module that builds a ``Lark`` object.

The grammar ships inside the installed package (``cablegrammar/grammar/``);
in a source checkout it is read from the top-level ``grammar/`` folder.
The parser is built once per process, lazily, on first use.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from lark import Lark, Token, Tree

GRAMMAR_NAME = "cable.lark"


def grammar_text() -> str:
    """Return the text of ``cable.lark``, from the installed package or the checkout."""
    packaged = resources.files("cablegrammar").joinpath("grammar", GRAMMAR_NAME)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    checkout = Path(__file__).resolve().parent.parent / "grammar" / GRAMMAR_NAME
    return checkout.read_text(encoding="utf-8")


@functools.cache
def get_parser() -> Lark:
    """Build (once) the LALR(1) parser with the contextual lexer."""
    return Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        start="start",
        maybe_placeholders=False,
    )


def parse_tree(text: str) -> Tree[Token]:
    """Parse prepared text (see :func:`cablegrammar.parse`) into a Lark tree.

    Raises the Lark exception; :mod:`cablegrammar.errors` translates it.
    """
    return get_parser().parse(text)

"""Railroad (syntax) diagrams of the grammar's rules, as inline SVG.

The input is :class:`cablegrammar._parser.Syntax`, the rules as Lark's own
grammar loader reads them; the output comes from the ``railroad-diagrams``
package.  Rule boxes link to the rule's section, terminal boxes to the
terminal's entry.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import railroad

from cablegrammar._parser import Syntax

#: A sequence longer than this is wrapped onto several rows.
ROW_LENGTH = 4
#: Layout terminals left out of the diagrams: the blanks between the fields of a line, and its line ending.
LAYOUT_TERMINALS = frozenset({"WS", "NEWLINE"})


def _is_layout(syntax: Syntax) -> bool:
    """A layout terminal, or an optional or repeated one (``WS?``)."""
    if syntax.kind == "terminal":
        return syntax.name in LAYOUT_TERMINALS
    return syntax.kind in ("optional", "zero_or_more", "one_or_more") and _is_layout(syntax.children[0])


def rule_anchor(name: str) -> str:
    """The HTML id of a rule's (or alias's) section."""
    return name


def terminal_anchor(name: str) -> str:
    """The HTML id of a terminal's entry."""
    return f"terminal-{name}"


def _node(syntax: Syntax, describe: Callable[[str], str | None], base: str) -> railroad.Node:  # noqa: PLR0911
    kind = syntax.kind
    if kind == "sequence":
        items = [_node(child, describe, base) for child in syntax.children if not _is_layout(child)]
        if not items:
            return railroad.Skip()
        if len(items) <= ROW_LENGTH:
            return railroad.Sequence(*items)
        rows = [railroad.Sequence(*items[i : i + ROW_LENGTH]) for i in range(0, len(items), ROW_LENGTH)]
        return railroad.Stack(*rows)
    if kind == "choice":
        return railroad.Choice(
            0, *(railroad.Skip() if _is_layout(child) else _node(child, describe, base) for child in syntax.children)
        )
    if kind == "optional":
        return railroad.Optional(_node(syntax.children[0], describe, base))
    if kind == "zero_or_more":
        return railroad.ZeroOrMore(_node(syntax.children[0], describe, base))
    if kind == "one_or_more":
        return railroad.OneOrMore(_node(syntax.children[0], describe, base))
    if kind == "alias":
        return railroad.Group(
            _node(syntax.children[0], describe, base),
            railroad.Comment(f"-> {syntax.name}", href=f"{base}#{rule_anchor(syntax.name)}"),
        )
    if kind == "rule":
        return railroad.NonTerminal(syntax.name, href=f"{base}#{rule_anchor(syntax.name)}", title=f"rule {syntax.name}")
    if kind == "terminal":
        return railroad.Terminal(
            syntax.name, href=f"{base}#{terminal_anchor(syntax.name)}", title=describe(syntax.name) or syntax.name
        )
    if kind == "literal":
        return railroad.Terminal(syntax.name)
    msg = f"no diagram for {kind!r}"
    raise ValueError(msg)


def diagram_svg(syntax: Syntax, describe: Callable[[str], str | None] = lambda name: None, base: str = "") -> str:
    """The SVG text of a rule's railroad diagram (one line per element, no blank lines).

    ``describe`` gives a terminal's tooltip; ``base`` is prefixed to the
    links (empty: links into the same page).
    """
    diagram = railroad.Diagram(_node(syntax, describe, base))
    out = io.StringIO()
    diagram.writeSvg(out.write)
    return "\n".join(line for line in out.getvalue().splitlines() if line.strip())

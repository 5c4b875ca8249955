"""Generators of the documentation pages that come from the code and the grammar.

Used by the MkDocs hook (``docs/hooks/mkdocs_hook.py``) at build time and by
``tests/test_docs.py``.  Every page here is computed: the grammar reference
from ``grammar/cable.lark`` (through :mod:`cablegrammar._parser`) and
``docs/grammar-notes.yaml``; the guided tours from ``docs/tours.yaml`` and
the parse trees of the cables; the rule catalogue from the error and
validation tables; the CLI reference from the argparse parser.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import html
import importlib
import io
import os
import re
import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from anatomy import anatomy_block
from railroad_svg import diagram_svg, rule_anchor, terminal_anchor

import cablegrammar
from cablegrammar import _parser, errors
from cablegrammar._parser import Syntax

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
GRAMMAR = ROOT / "grammar" / "cable.lark"
CORPUS_VALID = ROOT / "tests" / "corpus" / "valid"
#: Refused texts; an example taken from one is read in recovery mode (``recover: true`` in the notes).
CORPUS_INVALID = ROOT / "tests" / "corpus" / "invalid"
NOTES = DOCS / "grammar-notes.yaml"
TOURS = DOCS / "tours.yaml"

#: Where the generated pages go, relative to the docs folder.
GRAMMAR_PAGE = "reference/grammar.md"
RULES_PAGE = "rules.md"
CLI_PAGE = "reference/cli.md"


# ---------------------------------------------------------------------------
# The grammar's rules, read from the grammar
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleDoc:
    """One documented name: a rule definition or an alias of one of its alternatives."""

    name: str
    #: The rule that defines it (itself for a rule; the rule of the alias otherwise).
    rule: str
    is_alias: bool
    syntax: Syntax
    section: str


def _walk(syntax: Syntax) -> Iterator[Syntax]:
    yield syntax
    for child in syntax.children:
        yield from _walk(child)


def grammar_lines() -> list[str]:
    """The grammar file's lines."""
    return _parser.grammar_text().splitlines()


_RULE_START = re.compile(r"^[?!]?(_?[a-z][a-z0-9_]*)\s*:")
_TERMINAL_START = re.compile(r"^([A-Z_][A-Z0-9_]*)(?:\.(-?\d+))?\s*:")
_BANNER = re.compile(r"^//\s*={10,}\s*$")


def rule_sources() -> dict[str, str]:
    """Each rule's definition, verbatim from the grammar file (continuation lines included)."""
    lines = grammar_lines()
    sources: dict[str, str] = {}
    index = 0
    while index < len(lines):
        match = _RULE_START.match(lines[index])
        if not match:
            index += 1
            continue
        block = [lines[index]]
        index += 1
        while index < len(lines) and lines[index].startswith((" ", "\t")) and lines[index].strip() \
                and not lines[index].lstrip().startswith("//"):
            block.append(lines[index])
            index += 1
        sources[match.group(1)] = "\n".join(block)
    return sources


def _comment_above(lines: list[str], index: int) -> str:
    found: list[str] = []
    index -= 1
    while index >= 0 and lines[index].startswith("//") and not _BANNER.match(lines[index]) \
            and not set(lines[index][2:].strip()) <= set("-"):
        found.insert(0, lines[index])
        index -= 1
    return "\n".join(found)


def terminal_sources() -> dict[str, tuple[str, str]]:
    """Each terminal's definition line and the comment just above it, verbatim."""
    lines = grammar_lines()
    out: dict[str, tuple[str, str]] = {}
    for index, line in enumerate(lines):
        match = _TERMINAL_START.match(line)
        if match:
            out[match.group(1)] = (line, _comment_above(lines, index))
        elif line.startswith("%declare "):  # a terminal the lexer never makes (recovery mode feeds it)
            for name in line.split()[1:]:
                out[name] = (line, _comment_above(lines, index - 1))
    return out


@functools.cache
def terminal_examples() -> dict[str, tuple[str, str]]:
    """For each terminal, a real text it matched and the bundled corpus file it comes from.

    The tokens of the parse trees of ``tests/corpus/valid`` (first file in name order that has one); a
    terminal that only composes whole-line ones (``PARAGRAPH_NUMBER``) is found by its own pattern inside
    those lines' tokens.  A token of several lines (a run of free text, a page turn) shows its first visible one.
    """
    found: dict[str, tuple[str, str]] = {}
    lines: list[tuple[str, str]] = []
    for path in sorted(CORPUS_VALID.glob("*.txt")):
        text = read_cable(path.name)
        prepared = text if text.endswith(("\n", "\r")) else text + "\n"
        tree = _parser.parse_tree(prepared)
        for token in tree.scan_values(lambda value: not hasattr(value, "data")):
            value = str(token.value)
            first = next((line for line in value.splitlines() if line.strip()), value)  # its first visible line
            found.setdefault(str(token.type), (first, path.name))
            lines.append((value, path.name))
    lexed = {term.name for term in _parser.get_parser().terminals}
    for name, pattern in _parser.terminal_regexps().items():
        if name in found or name in lexed:  # only the pieces of whole-line terminals are searched for
            continue
        compiled = re.compile(pattern)
        for value, file in lines:
            match = compiled.search(value)
            if match and match.group().strip():  # a piece of several lines: its first visible one, too
                found[name] = (next(line for line in match.group().splitlines() if line.strip()), file)
                break
    return found


def _example_code(text: str) -> str:
    """A one-line excerpt as inline code, trailing blanks and line ending dropped, cut at 100 characters."""
    shown = text.rstrip(" \t\r\n")
    shown = shown if len(shown) <= 100 else shown[:99] + "…"
    ticks = "``" if "`" in shown else "`"
    return f"{ticks} {shown} {ticks}" if shown.startswith(("`", " ")) or shown.endswith(("`", " ")) else \
        f"{ticks}{shown}{ticks}"


def sections() -> dict[str, str]:
    """The grammar section (banner title) each rule stands in."""
    lines = grammar_lines()
    current = "The whole cable"
    out: dict[str, str] = {}
    for index, line in enumerate(lines):
        if _BANNER.match(line) and index + 2 < len(lines) and _BANNER.match(lines[index + 2]):
            title = lines[index + 1].lstrip("/ ").strip()
            if not title.startswith("cable.lark"):
                current = title
        match = _RULE_START.match(line)
        if match:
            out[match.group(1)] = current
    return out


def documented_names() -> list[RuleDoc]:
    """Every rule definition of the grammar and every alias, in grammar order.

    This is what "every rule" means for the docs: each name to the left of a
    colon in ``cable.lark`` (``_`` helper rules included: the parser inlines
    them, but they shape the language) and each ``-> alias`` (the name a
    parse-tree node carries instead of its rule's).
    """
    where = sections()
    out: list[RuleDoc] = []
    for name, syntax in _parser.rule_syntax().items():
        out.append(RuleDoc(name, name, False, syntax, where.get(name, "")))
        for node in _walk(syntax):
            if node.kind == "alias":
                out.append(RuleDoc(node.name, name, True, node.children[0], where.get(name, "")))
    return out


def tree_names(rule: str) -> set[str]:
    """The names the nodes of ``rule`` carry in a parse tree (its own, its aliases; none if inlined)."""
    syntax = _parser.rule_syntax()[rule]
    if rule.startswith("_"):
        return set()
    alternatives = syntax.children if syntax.kind == "choice" else (syntax,)
    names = {alt.name if alt.kind == "alias" else rule for alt in alternatives}
    return names


def host_names(doc: RuleDoc) -> set[str]:
    """Tree names whose nodes an example of ``doc`` must lie in.

    An alias: the alias.  A rule: its tree names.  An inlined ``_`` rule: the
    tree names of the rules that use it (transitively through other helpers).
    """
    if doc.is_alias:
        return {doc.name}
    if not doc.rule.startswith("_"):
        return tree_names(doc.rule)
    rules = _parser.rule_syntax()
    hosts: set[str] = set()
    pending = [doc.rule]
    seen: set[str] = set()
    while pending:
        target = pending.pop()
        seen.add(target)
        for name, syntax in rules.items():
            if any(node.kind == "rule" and node.name == target for node in _walk(syntax)):
                if name.startswith("_"):
                    if name not in seen:
                        pending.append(name)
                else:
                    hosts |= tree_names(name)
    return hosts


def terminals_of(syntax: Syntax) -> list[str]:
    """Terminal names used directly in a rule, in order of first use."""
    seen: dict[str, None] = {}
    for node in _walk(syntax):
        if node.kind == "terminal":
            seen.setdefault(node.name, None)
    return list(seen)


# ---------------------------------------------------------------------------
# Notes and their checks
# ---------------------------------------------------------------------------


def load_notes(path: Path = NOTES) -> dict[str, Any]:
    """The notes file: ``{"rules": {name: {"explain", "examples", "aliases"}}}``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("rules"), dict):
        msg = f"{path}: expected a mapping with a 'rules' mapping"
        raise ValueError(msg)
    return data


def note_for(notes: Mapping[str, Any], doc: RuleDoc) -> Mapping[str, Any] | None:
    """The notes entry of a rule or alias, or None."""
    entry = notes["rules"].get(doc.rule)
    if entry is None:
        return None
    if doc.is_alias:
        found = (entry.get("aliases") or {}).get(doc.name)
        return found if isinstance(found, Mapping) else None
    return entry if isinstance(entry, Mapping) else None


def read_cable(name: str) -> str:
    """A bundled corpus file's text, decoded as the library decodes files."""
    return cablegrammar.decode((CORPUS_VALID / name).read_bytes())


def cut_from_line(text: str, line: int) -> str:
    """``text`` from its 1-based ``line`` on: a fragment cut at a line boundary, as an extract loses its top."""
    return "".join(text.splitlines(keepends=True)[line - 1 :])


def _check_example(
    file: str, excerpt: str, hosts: set[str], span_cache: dict[str, tuple[str, list[tuple[str, int, int]]]],
    from_line: int = 1,
) -> list[str]:
    """A strict example: a bundled file that parses, holding ``excerpt`` inside a node of one of ``hosts``.

    With ``from_line``, the file is read from that line on (a fragment cut at a line boundary).
    """
    if not (CORPUS_VALID / file).is_file():
        return [f"example file {file!r} is not in tests/corpus/valid"]
    key = f"{file}:{from_line}"
    if key not in span_cache:
        text = cut_from_line(read_cable(file), from_line)
        try:
            span_cache[key] = (text, _spans(text))
        except Exception as exc:
            return [f"example file {file} does not parse from line {from_line}: {type(exc).__name__}"]
    text, spans = span_cache[key]
    if not excerpt.strip():
        return [f"empty example from {file}"]
    starts = [m.start() for m in re.finditer(re.escape(excerpt), text)]
    if not starts:
        return [f"example {excerpt[:40]!r} does not occur in {file}"]
    inside = any(
        name in hosts and start <= at and at + len(excerpt) <= end for at in starts for name, start, end in spans
    )
    if not inside:
        return [f"example {excerpt[:40]!r} is not inside a {'/'.join(sorted(hosts))} node"]
    return []


def _check_recovered_example(file: str, excerpt: str) -> list[str]:
    """An ``unparsed`` example: a refused file whose recovery keeps ``excerpt`` as an Unparsed item."""
    path = CORPUS_INVALID / file
    if not path.is_file():
        return [f"example file {file!r} is not in tests/corpus/invalid"]
    cable = cablegrammar.parse(cablegrammar.decode(path.read_bytes()), recover=True)
    if not any(excerpt in item.text for item in cable.unparsed):
        return [f"example {excerpt[:40]!r} is not an Unparsed item of {file} in recovery mode"]
    return []


def _spans(text: str) -> list[tuple[str, int, int]]:
    # The parser reads the text with a final line ending added: no span ends past the text itself.
    prepared = text if text.endswith(("\n", "\r")) else text + "\n"
    return [(name, start, min(end, len(text))) for name, start, end in _parser.node_spans(prepared)]


_CODE_SPAN = re.compile(r"(`+)(.+?)\1")


def prose(text: str) -> str:
    """Plain text from the library's tables as Markdown: ``<``, ``>`` and ``&`` escaped outside code spans.

    Markdown passes raw HTML through, so a summary that names ``<pre>`` would open a ``<pre>`` element.

    >>> prose("an HTML page without a <pre> block; `a < b` & more")
    'an HTML page without a &lt;pre&gt; block; `a < b` &amp; more'
    """
    out, last = [], 0
    for match in _CODE_SPAN.finditer(text):
        out += [html.escape(text[last : match.start()], quote=False), match.group()]
        last = match.end()
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)


def _cell(text: str) -> str:
    """Prose for a Markdown table cell: ``|`` escaped too."""
    return prose(text).replace("|", "\\|")


def check_notes(notes: Mapping[str, Any]) -> list[str]:
    """Every problem of the notes against the grammar and the corpus (empty: all good).

    A rule or alias without an explanation or an example; an example whose
    file is not a bundled corpus file that parses, whose text does not occur
    in the file, or does not occur inside a node of the rule; an entry for a
    name the grammar does not have.
    """
    problems: list[str] = []
    docs = documented_names()
    span_cache: dict[str, tuple[str, list[tuple[str, int, int]]]] = {}
    for doc in docs:
        what = f"alias {doc.name} (of rule {doc.rule})" if doc.is_alias else f"rule {doc.name}"
        entry = note_for(notes, doc)
        if entry is None:
            problems.append(f"{what}: no entry in {NOTES.name}")
            continue
        if not str(entry.get("explain") or "").strip():
            problems.append(f"{what}: no explanation")
        examples = entry.get("examples") or []
        if not examples:
            problems.append(f"{what}: no example")
        hosts = host_names(doc)
        for example in examples:
            file, excerpt = str(example.get("file", "")), str(example.get("text", ""))
            if example.get("recover"):
                found = _check_recovered_example(file, excerpt)
            else:
                found = _check_example(file, excerpt, hosts, span_cache, int(example.get("from_line", 1)))
            problems.extend(f"{what}: {problem}" for problem in found)
    known = {doc.rule for doc in docs}
    problems.extend(f"notes for {name}: the grammar has no such rule" for name in notes["rules"] if name not in known)
    for name, entry in notes["rules"].items():
        aliases = {doc.name for doc in docs if doc.is_alias and doc.rule == name}
        problems.extend(
            f"notes for alias {alias} of {name}: the grammar has no such alias"
            for alias in (entry or {}).get("aliases") or {}
            if alias not in aliases
        )
    return problems


# ---------------------------------------------------------------------------
# The grammar reference page
# ---------------------------------------------------------------------------


def _fence(text: str, language: str = "cable") -> str:
    body = text if text.endswith("\n") else text + "\n"
    ticks = "```"
    while ticks in body:
        ticks += "`"
    return f"{ticks}{language}\n{body}{ticks}\n"


def _describe(name: str) -> str | None:
    return errors.TERMINAL_DESCRIPTIONS.get(name)


def _svg_block(syntax: Syntax) -> str:
    return f'<div class="railroad" markdown="0">\n{diagram_svg(syntax, _describe)}\n</div>\n'


def _first_sentence(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    match = re.match(r"(.+?\.)(?=\s[A-Z(\"`]|$)", text)
    sentence = match.group(1) if match else text
    if len(sentence) > limit:
        sentence = sentence[: sentence.rfind(" ", 0, limit)] + " …"
    return sentence


def _examples_md(entry: Mapping[str, Any]) -> str:
    parts = []
    for example in entry.get("examples") or []:
        cut = f", read from line {example['from_line']} on" if example.get("from_line") else ""
        parts.append(f"From `{example['file']}`{cut}:\n\n{_fence(str(example['text']))}")
    return "\n".join(parts)


def start_symbol_call(rule: str) -> str | None:
    """The call that reads a text from ``rule`` as its start symbol, or None when the rule is none."""
    if rule in _parser.BLOCK_STARTS:
        return "`cablegrammar.parse(text)`" if rule == "cable" else f'`cablegrammar.parse(text, start="{rule}")`'
    if rule in _parser.ITEM_STARTS:
        return f'`cablegrammar.parse_item(text, "{rule}")`'
    return None


def grammar_page(notes: Mapping[str, Any]) -> str:
    """The Markdown of the grammar reference."""
    docs = documented_names()
    rules = [doc for doc in docs if not doc.is_alias]
    aliases = [doc for doc in docs if doc.is_alias]
    sources = rule_sources()
    terminals = terminal_sources()
    regexps = _parser.terminal_regexps()
    priorities = _parser.terminal_priorities()
    out: list[str] = [
        "# Grammar reference\n",
        "This page is generated from `grammar/cable.lark` each time the documentation is built: the diagrams "
        "are drawn from the rules as Lark's own grammar loader reads them, and the source shown is the file's "
        f"text. It documents **{len(rules)} rules** and **{len(aliases)} aliases** "
        f"({len(rules) + len(aliases)} names) and {len(terminals)} terminals.\n",
        '!!! note "What counts as a rule"\n'
        "    Every rule definition of the grammar file has a section, including the helper rules whose names "
        "start with `_`: the parser inlines them (they never appear in a parse tree) but they decide what may "
        "follow what. Every alias (`-> name`) has a section too, because an alias is the name the parse-tree "
        "node carries. Each section has a railroad diagram (boxes with rounded ends are terminals, square "
        "boxes are rules; click them), the rule's source, what the part means in a cable, and real excerpts "
        "from the bundled corpus that the test suite parses (`tests/test_docs.py` checks each excerpt lies "
        "inside a node of that rule).\n",
        "How to read a diagram: follow the line from left to right; a branch is a choice, a loop back is a "
        "repetition, a path that skips a box makes it optional. Terminals are lines or parts of lines, "
        "matched by regular expressions listed [at the end of the page](#terminals). The blanks between the "
        "fields of a line (`WS`) and line endings (`NEWLINE`) are left out of the diagrams; the rule's source "
        "shows them.\n",
        "| rule | section | what it is |\n|---|---|---|",
    ]
    for doc in docs:
        entry = note_for(notes, doc) or {}
        label = f"&nbsp;&nbsp;→ [`{doc.name}`](#{rule_anchor(doc.name)})" if doc.is_alias else \
            f"[`{doc.name}`](#{rule_anchor(doc.name)})"
        part = doc.section.split(":")[0]
        out.append(f"| {label} | {part} | {_first_sentence(str(entry.get('explain', '')))} |")
    out.append("")
    current = None
    for doc in rules:
        if doc.section != current:
            current = doc.section
            out.append(f"## {current}\n")
        entry = note_for(notes, doc) or {}
        inlined = " (helper, inlined)" if doc.name.startswith("_") else ""
        out.append(f"### `{doc.name}`{inlined} {{#{rule_anchor(doc.name)}}}\n")
        start = start_symbol_call(doc.name)
        if start:
            out.append(f"**Start symbol** ([fragments](../fragments.md)): {start} reads a text that holds only this.\n")
        out.append(_svg_block(doc.syntax))
        out.append(_fence(sources.get(doc.name, ""), "lark"))
        out.append(" ".join(str(entry.get("explain", "")).split()) + "\n")
        used = terminals_of(doc.syntax)
        if used:
            out.append(
                "Terminals: "
                + ", ".join(f"[`{name}`](#{terminal_anchor(name)})" for name in used)
                + ".\n"
            )
        out.append(_examples_md(entry))
        for alias in (a for a in aliases if a.rule == doc.name):
            alias_entry = note_for(notes, alias) or {}
            out.append(f"#### Alias `{alias.name}` {{#{rule_anchor(alias.name)}}}\n")
            out.append(_svg_block(alias.syntax))
            out.append(" ".join(str(alias_entry.get("explain", "")).split()) + "\n")
            out.append(_examples_md(alias_entry))
    out += _terminals_section(terminals, regexps, priorities)
    return "\n".join(out) + "\n"


def _terminal_table(terminals: Mapping[str, tuple[str, str]], examples: Mapping[str, tuple[str, str]]) -> list[str]:
    """All terminals at a glance: name (linked to its entry), meaning, a real example from a bundled cable."""
    rows = ["| terminal | meaning | example |", "|---|---|---|"]
    for name in terminals:
        meaning = prose(_describe(name) or "").replace("|", "&#124;")
        example = examples.get(name, ("", ""))[0].rstrip(" \t\r\n")
        if "|" in example or "`" in example or not example.strip():
            example = ""  # a table cell cannot hold these in a code span; the entry below shows it
        shown = _example_code(example if len(example) <= 40 else example[:39] + "…") if example else ""
        rows.append(f"| [`{name}`](#{terminal_anchor(name)}) | {meaning} | {shown} |")
    return ["\n".join(rows) + "\n"]


def _terminals_section(
    terminals: Mapping[str, tuple[str, str]], regexps: Mapping[str, str], priorities: Mapping[str, int]
) -> list[str]:
    """The grammar page's entries of the terminals: meaning, priority, a real example, the source."""
    out: list[str] = []
    out.append("## Terminals {#terminals}\n")
    out.append(
        "Terminals are the grammar's tokens. `*_LINE` terminals are whole lines with their line ending; the "
        "others are parts of a line. The priority decides between terminals the contextual lexer offers at "
        "the same place: keyword lines (3 to 5) win over free text, `TEXT_LINE` (0). The description is the "
        "one error messages use; the example is a text the terminal matched in a bundled cable.\n"
    )
    examples = terminal_examples()
    out += _terminal_table(terminals, examples)
    for name, (line, comment) in terminals.items():
        out.append(f"#### `{name}` {{#{terminal_anchor(name)}}}\n")
        meaning = _describe(name)
        facts = [f"priority {priorities.get(name, 0)}"]
        if meaning:
            facts.insert(0, f"in messages: *{prose(meaning)}*")
        out.append("; ".join(facts) + ".\n")
        if name in examples and examples[name][0].strip():  # blanks and line endings need no example
            example, file = examples[name]
            cable_id = file.split("__")[-1].removesuffix(".txt")  # folder__REFID.txt: the cable's id
            out.append(f"Example, from {cable_id}: {_example_code(example)}\n")
        out.append(_fence((comment + "\n" if comment else "") + line, "lark"))
        if line.startswith("%declare"):
            out.append("*(declared: the lexer never produces it; recovery mode feeds it to the parser)*\n")
        elif name not in regexps:
            out.append("*(not used by the parser)*\n")
    return out


# ---------------------------------------------------------------------------
# Guided tours
# ---------------------------------------------------------------------------


def load_tours(path: Path = TOURS) -> list[dict[str, Any]]:
    """The tours file: a list of ``{slug, title, file, intro, steps: [{lines, text, show?}]}``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data["tours"])


def _line_offsets(text: str) -> list[tuple[int, int]]:
    offsets = []
    for match in re.finditer(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$", text):
        if match.group():
            offsets.append((match.start(), match.end()))
    return offsets


def _parse_range(spec: Any) -> tuple[int, int]:
    first, _, last = str(spec).partition("-")
    return int(first), int(last or first)


def tour_rules(spans: list[tuple[str, int, int]], start: int, end: int) -> list[str]:
    """The rules a stretch of text ``[start, end)`` is made of.

    The outermost nodes that lie inside the stretch (ignoring the whole-cable
    nodes), else the innermost node that contains it.
    """
    ignore = {"start", "cable", "text", "body"}
    inside = [(name, s, e) for name, s, e in spans if name not in ignore and start <= s and e <= end and s < e]
    outer = [n for n in inside if not any(o is not n and o[1] <= n[1] and n[2] <= o[2] for o in inside)]
    if outer:
        names: dict[str, None] = {}
        for name, _s, _e in sorted(outer, key=lambda n: n[1]):
            names.setdefault(name, None)
        return list(names)
    containing = [(e - s, name) for name, s, e in spans if name not in ignore and s <= start and end <= e]
    return [min(containing)[1]] if containing else []


def check_tour(tour: Mapping[str, Any]) -> list[str]:
    """Problems of a tour: steps that do not cover the cable's lines in order, once each."""
    text = read_cable(str(tour["file"]))
    lines = _line_offsets(text)
    problems = []
    expected = 1
    for step in tour["steps"]:
        first, last = _parse_range(step["lines"])
        if first != expected:
            problems.append(f"{tour['slug']}: step at line {first}, expected line {expected}")
        if last < first or last > len(lines):
            problems.append(f"{tour['slug']}: bad line range {step['lines']}")
        if not str(step.get("text", "")).strip():
            problems.append(f"{tour['slug']}: step {step['lines']} has no commentary")
        expected = last + 1
    if expected != len(lines) + 1:
        problems.append(f"{tour['slug']}: the steps end at line {expected - 1}, the cable has {len(lines)} lines")
    return problems


def _show(expression: str, cable: cablegrammar.Cable) -> str:
    value = eval(expression, {"__builtins__": {"len": len}}, {"cable": cable})
    return f"`{expression}` → `{value!r}`"


#: A page asks for the picture of a bundled cable with ``<!-- anatomy: FILE -->`` (``<!-- anatomy: FILE fold=N -->``
#: shows at most N lines of a longer part); the MkDocs hook puts the picture there.
ANATOMY_MARK = re.compile(r"<!-- anatomy: (?P<file>[\w.-]+)(?: fold=(?P<fold>[0-9]+))? -->")


def anatomy(file: str, grammar_href: str, fold: int | None = None) -> str:
    """The anatomy picture of a bundled valid cable, in a scrolling block (see ``anatomy.py``)."""
    text = read_cable(file)
    return anatomy_block(text, _spans(text), grammar_href, fold)


def put_anatomies(markdown: str, grammar_href: str) -> str:
    """``markdown`` with each anatomy mark replaced by its picture."""
    return ANATOMY_MARK.sub(
        lambda found: anatomy(found["file"], grammar_href, int(found["fold"]) if found["fold"] else None), markdown
    )


def tour_page(tour: Mapping[str, Any]) -> str:
    """The Markdown of a guided tour."""
    text = read_cable(str(tour["file"]))
    cable = cablegrammar.parse(text)
    spans = _spans(text)
    lines = _line_offsets(text)
    base = "../" * str(tour["slug"]).count("/") + GRAMMAR_PAGE
    out = [f"# {tour['title']}\n", textwrap.dedent(str(tour.get("intro", ""))).strip() + "\n"]
    out.append(
        f"The cable is `tests/corpus/valid/{tour['file']}` ({len(lines)} lines). Each step shows lines of the "
        "cable exactly as they are in the file, the grammar rules they are made of (computed from the parse "
        "tree when this page was built) and what the parsed object says.\n"
    )
    fold = tour.get("anatomy_fold")
    out.append(f"<!-- anatomy: {tour['file']}{f' fold={fold}' if fold else ''} -->\n")
    for step in tour["steps"]:
        first, last = _parse_range(step["lines"])
        start, end = lines[first - 1][0], lines[last - 1][1]
        excerpt = text[start:end]
        rules = tour_rules(spans, start, end)
        where = f"Line {first}" if first == last else f"Lines {first}-{last}"
        links = ", ".join(f"[`{name}`]({base}#{rule_anchor(name)})" for name in rules) or "—"
        out.append(f"### {where}: {step.get('title', '')}\n")
        if step.get("fold"):
            out.append(f'??? example "Show lines {first}-{last}"\n')
            out.append(textwrap.indent(_fence(excerpt), "    "))
        else:
            out.append(_fence(excerpt))
        out.append(f"Grammar: {links}.\n")
        out.append(" ".join(str(step["text"]).split()) + "\n")
        for expression in step.get("show") or []:
            out.append(f"- {_show(str(expression), cable)}")
        out.append("")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Rules and error codes
# ---------------------------------------------------------------------------


def error_codes() -> dict[str, tuple[str, str]]:
    """``code -> (name, summary)`` of the file and syntax errors.

    From ``cablegrammar.errors.ERROR_CODES`` when the library has it; else the
    codes written in ``errors.py``, described by the notes file.
    """
    table = getattr(errors, "ERROR_CODES", None)
    if isinstance(table, Mapping):
        return {str(code): (str(name), str(summary)) for code, (name, summary) in table.items()}
    source = Path(errors.__file__).read_text(encoding="utf-8")
    return {code: ("", "") for code in sorted(set(re.findall(r"\bCG\d{3}\b", source)) - {"CG000"})}


def validation_rules() -> Mapping[str, Any] | None:
    """``cablegrammar.validate.RULES``, or None while that module does not exist."""
    try:
        module = importlib.import_module("cablegrammar.validate")
    except ModuleNotFoundError:
        return None
    return getattr(module, "RULES", None)


def rules_page(notes: Mapping[str, Any]) -> str:
    """The Markdown of the catalogue of codes: file and syntax errors, then validation rules."""
    error_notes = notes.get("errors") or {}
    out = [
        "# Rules and error codes\n",
        "Every problem cablegrammar reports has a stable code. This page is generated from the code tables of "
        "the library when the documentation is built; each code has an anchor (`rules/#cg100`) that tools "
        "link to.\n",
        "## Errors: the text is not a cable\n",
        "Raised as `CableSyntaxError` (a `ValueError`; see [Errors](errors.md)) or reported by "
        "`cablegrammar check`.\n",
    ]
    for code, (name, summary) in error_codes().items():
        entry = error_notes.get(code) or {}
        title = f"{code} {name}".strip()
        out.append(f"### {title} {{#{code.lower()}}}\n")
        described = summary or str(entry.get("summary", ""))
        if described:
            out.append(f"{prose(described)}\n")
        if entry.get("explain"):
            out.append(prose(" ".join(str(entry["explain"]).split())) + "\n")
        example = entry.get("example")
        if example is not None:
            out.append("Example input:\n")
            out.append(_fence(str(example)))
            try:
                cablegrammar.parse(str(example))
            except cablegrammar.CableSyntaxError as exc:
                out.append("Message (computed when this page was built):\n")
                out.append(_fence(str(exc), "text"))
    out.append("## Validation rules: a cable that parses but says something odd {#validation}\n")
    rules = validation_rules()
    if rules is None:
        out.append(
            '!!! warning "Not in this build"\n'
            "    The validation module (`cablegrammar.validate`) is not part of this version of the library, so "
            "there is no validation rule to list yet. This section is generated from `cablegrammar.validate.RULES` "
            "as soon as the module exists.\n"
        )
        return "\n".join(out) + "\n"
    out.append(
        "Run by `cablegrammar.validate.validate(cable)` and `cablegrammar check`; selected by code prefix "
        "(`--select`, `--ignore`, `[tool.cablegrammar]`). Why the rules that fire on most real cables do so: "
        "[validation rules](validation-rules.md); how often each fires on the corpus: "
        "[rule frequency](rules-frequency.md).\n"
    )
    out.append("| code | name | severity | summary |\n|---|---|---|---|")
    for code, rule in rules.items():
        out.append(f"| [{code}](#{str(code).lower()}) | {rule.name} | {rule.severity} | {_cell(rule.summary)} |")
    out.append("")
    for code, rule in rules.items():
        out.append(f"### {code} {rule.name} {{#{str(code).lower()}}}\n")
        out.append(f"**Severity:** {rule.severity}. {prose(rule.summary)}\n")
        why = getattr(rule, "why", "")
        if why:
            out.append(prose(" ".join(str(why).split())) + "\n")
        example = getattr(rule, "example", "")
        if example:
            out.append(_fence(str(example)))
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


class _Captured(Exception):  # noqa: N818 - a control-flow signal, not an error
    def __init__(self, parser: argparse.ArgumentParser) -> None:
        super().__init__("parser captured")
        self.parser = parser


def cli_parser() -> argparse.ArgumentParser:
    """The CLI's argparse parser: ``cli.build_parser()`` when it exists, else the one ``main`` builds.

    For an older ``main`` that builds its parser inline, ``parse_args`` is
    intercepted to capture the parser before it runs anything.
    """
    cli = importlib.import_module("cablegrammar.cli")
    build = getattr(cli, "build_parser", None)
    if callable(build):
        parser = build()
        if isinstance(parser, argparse.ArgumentParser):
            return parser

    def capture(self: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> Any:
        raise _Captured(self)

    original = argparse.ArgumentParser.parse_args
    argparse.ArgumentParser.parse_args = capture  # type: ignore[method-assign,assignment]
    try:
        cli.main(["--help"])
    except _Captured as captured:
        return captured.parser
    finally:
        argparse.ArgumentParser.parse_args = original  # type: ignore[method-assign]
    msg = "cablegrammar.cli.main did not build an argparse parser"
    raise RuntimeError(msg)


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _help(parser: argparse.ArgumentParser) -> str:
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            return parser.format_help()
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old


def cli_page() -> str:
    """The Markdown of the CLI reference, from the argparse parser."""
    parser = cli_parser()
    cli = importlib.import_module("cablegrammar.cli")
    out = [
        "# Command line\n",
        "Generated from the argparse parser of `cablegrammar.cli` when the documentation is built, so it "
        "matches the installed command. Run `cablegrammar --help` or `cablegrammar COMMAND --help` for the "
        "same text.\n",
    ]
    if cli.__doc__:
        out.append(html.escape(textwrap.dedent(cli.__doc__).strip()).replace("``", "`") + "\n")
    out.append("## `cablegrammar`\n")
    out.append(_fence(_help(parser), "text"))
    for name, sub in _subcommands(parser).items():
        out.append(f"## `cablegrammar {name}` {{#{name}}}\n")
        out.append(_fence(_help(sub), "text"))
        for subname, subsub in _subcommands(sub).items():
            out.append(f"### `cablegrammar {name} {subname}`\n")
            out.append(_fence(_help(subsub), "text"))
    return "\n".join(out) + "\n"

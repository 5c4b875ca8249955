"""Model to text.

Each node prints its source text while its layout still matches its
semantic values; otherwise it prints in the canonical layout.  This module
knows nothing of Lark.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import attrs

from cablegrammar import model
from cablegrammar.model import MARKING_START, semantic_key


def _addressee(address: model.Addressee) -> str:
    parts = [f"{address.routing_indicator}/{address.name}" if address.routing_indicator else address.name]
    if address.precedence is not None:
        parts.append(address.precedence.value)
    if address.serial:
        parts.append(address.serial)
    return " ".join(parts)


def _address_section(keyword: str, addresses: tuple[model.Addressee, ...], nl: str) -> str:
    if not addresses:
        return ""
    lines = [f"{keyword} {_addressee(addresses[0])}"] + [_addressee(a) for a in addresses[1:]]
    return nl.join(lines) + nl


#: Columns of a canonical distribution list: offices per row, width of a cell, indent of a wrapped row.
_OFFICES_PER_ROW, _CELL, _INDENT = 7, 9, "      "


def _distribution_list(dist: model.DistributionList, nl: str) -> str:
    """The Department's own layout: 7 offices a row in 9-column cells, the total after two blanks."""
    out = []
    if dist.heading is not None:
        heading = dist.heading
        if heading.banner is not None:
            queue = f"     {heading.print_queue}" if heading.print_queue else ""
            out.append(" " * 27 + heading.banner + queue + nl + nl)
        header = [f"PAGE {heading.page:02d}", heading.post, heading.serial, heading.section, heading.time, heading.tail]
        out.append("  ".join(part for part in header if part) + nl)
    if dist.print_code is not None:
        out.append(dist.print_code + nl)
    if dist.action:
        keyword = dist.action_keyword or "ACTION"
        out.append(f"{keyword} " + "".join(f"{office!s:<{_CELL}}" for office in dist.action).rstrip() + nl + nl)
    cells = [str(office) for office in dist.info] + [f"({note})" for note in dist.notes]
    rows = [cells[start : start + _OFFICES_PER_ROW] for start in range(0, len(cells), _OFFICES_PER_ROW)] or [[]]
    lines = ["".join(f"{cell:<{_CELL}}" for cell in row) for row in rows]
    if dist.total is not None:
        if len(rows[-1]) == _OFFICES_PER_ROW:
            lines.append("")
        lines[-1] += f"  /{dist.total}"
    out.append("INFO  " + lines[0].rstrip() + nl)
    out += [_INDENT + line.rstrip() + nl for line in lines[1:]]
    if dist.drafting is not None:
        drafting = dist.drafting
        out.append(nl + nl)
        if drafting.serial is not None:
            out.append(drafting.serial + nl)
        if drafting.source is not None:
            out.append(f"SOURCE: {drafting.source}" + nl)
        out.append(f"DRAFTED BY: {drafting.drafted_by}" + nl)
        if drafting.approved_by is not None:
            out.append(f"APPROVED BY: {drafting.approved_by}" + nl)
        if drafting.clearances:
            out.append(" ".join(drafting.clearances) + nl)
    if dist.stamp is not None:
        stamp = dist.stamp
        out.append(" " * 18 + "-" * 18 + f"{stamp.number}  {stamp.time} /{stamp.code}" + nl)
    return "".join(out) + nl


def _envelope(env: model.Envelope, nl: str) -> str:
    out = []
    if env.distribution is not None:
        out.append(render_node(env.distribution, nl))
    if env.transmission_id:
        out.append(env.transmission_id + nl)
    if env.routing_prosign:
        out.append(" ".join([env.routing_prosign, *env.routing_indicators]) + nl)
    if env.station:
        serial = f"#{env.station_serial}" + (f"/{env.station_section}" if env.station_section else "")
        out.append(" ".join(x for x in ("DE", env.station, serial, env.filing_time or "") if x) + nl)
    # The model keeps one list of operating signals: all of them go on the
    # security line, or on the date-time-group line when there is none.
    if env.security_warning:
        out.append(" ".join([env.security_warning, env.security_group or "", *env.operating_signals]) + nl)
    if env.date_time_group:
        signals = () if env.security_warning else env.operating_signals
        out.append(" ".join([*env.precedence_letters, env.date_time_group, *signals]) + nl)
    if env.sender:
        out.append(f"FM {env.sender}{nl}")
    out.append(_address_section("TO", env.to, nl))
    out.append(_address_section("INFO", env.info, nl))
    out.append(_address_section("XMT", env.exempted, nl))
    return "".join(out) + nl


def _classification_line(line: model.ClassificationLine, nl: str) -> str:
    parts = [line.classification]
    if line.section:
        parts.append(f"SECTION {line.section[0]:02d} OF {line.section[1]:02d}")
    parts += [line.origin, line.serial]
    if line.tail:
        parts.append(line.tail)
    return " ".join(parts) + nl + nl


def _eo_line(line: model.EOLine, nl: str) -> str:
    text = f"E.O. {line.order}: {line.declassification}".rstrip()
    if line.tags:
        text += " TAGS: " + " ".join(line.tags)
    return text + nl


def _paragraph(par: model.Paragraph, nl: str) -> str:
    if par.page_turns or par.stamp_turns:
        return _paragraph_with_turns(par, nl)
    if par.marking is None and MARKING_START.match(par.text):
        # Text that opens like a marking ("(S//NOFO RN) ...") but is none: on the number's line it would
        # read as the paragraph's marking, so it starts on the next line.
        return f"{par.number}.{nl}{par.text}{nl}{nl}"
    marking = f" ({par.marking})" if par.marking else ""
    return f"{par.number}.{marking} {par.text}".rstrip() + nl + nl


def _paragraph_with_turns(par: model.Paragraph, nl: str) -> str:
    """Each page's text on a line of its own, the page-break lines and stamps between them as printed.

    A turn is written in the printed shape (a blank line, the page-break line
    or the stamp, two blank lines); turns at the same place (no text between
    them) as a blank line and their lines one after the other, the page breaks
    first.  Only turns with text after them are turns: a paragraph whose last
    turns have none reads back with page-break and stamp items after it.
    """
    first, *pages = par.stretches
    out = [_paragraph(attrs.evolve(par, text=first, page_turns=(), stamp_turns=()), nl).removesuffix(nl)]
    lines = iter(_stamp(turn.stamp) if isinstance(turn, model.StampTurn) else turn.page_break.text
                 for turn in par.turns)
    group: list[str] = []
    for page in pages:
        group.append(next(lines))
        if not page:
            continue
        after = nl + nl if len(group) == 1 else ""
        out.append(nl + nl.join(group) + nl + after + page + nl)
        group = []
    if group:  # turns with no text after them (a hand-made paragraph): page-break lines after it
        out.append(nl + nl.join(group) + nl)
    return "".join(out) + nl


def _stamp(stamp: model.DeclassificationStamp) -> str:
    """The stamp's line: the reviewer, the stamp's words, the date."""
    return " ".join(part for part in (stamp.reviewer, *stamp.WORDS, stamp.reviewed) if part)


def _references(refs: model.References, nl: str) -> str:
    items = [f"{r.label}. {r.text}" if r.label else r.text for r in refs.references]
    if not items:
        return "REF:" + nl + nl
    return f"REF: {items[0]}" + "".join(f"{nl}     {item}" for item in items[1:]) + nl + nl


def _classified_by(cb: model.ClassifiedBy, nl: str) -> str:
    return f"Classified By: {cb.text}" + nl + nl


def _inbox_export(header: model.InboxExport, nl: str) -> str:
    null = "null" + nl if header.null_line else ""
    return f"{null}{header.user}  {header.exported}  From  {header.folder}{nl}{nl}Cable{nl}Text:{nl}{nl}"


def _export_record(record: model.ExportRecord, nl: str) -> str:
    # A value that runs over several lines (DESTINATION, the header column) is one field; its empty lines are
    # the blank lines inside the record.  A columns record opens with its number, or else a ">" line.
    if record.shape == "stamp":
        stamp = dict(record.fields)
        return (f"ID:{stamp['id']} " if "id" in stamp else "") + f"Cable dated:{stamp['dated']}" + nl + nl
    if record.shape == "row":  # the row as written, to the end of the file
        return nl.join(record.fields[0][1].split("\n")) + nl
    if record.shape == "columns":
        fields = list(record.fields)
        lines = [fields.pop(0)[1]] if fields and fields[0][0] == "id" else [">"]
        for label, value in fields:
            lines += value.split("\n") if label != "header" or value else []
    else:
        lines = []
        for index, (label, value) in enumerate(record.fields):
            # A record headed by a title line: the title alone (ExportRecord.fields says so).
            lines += [value] if index == 0 and label == "title" else f"{label}: {value}".split("\n")
    return nl.join(line.rstrip(" \t") for line in lines) + nl + nl


_CANONICAL: dict[type[Any], Callable[[Any, str], str]] = {
    model.ClassificationLine: _classification_line,
    model.CaptionLine: lambda item, nl: item.text + nl + nl,
    model.RedactedLine: lambda item, nl: item.text + nl + nl,
    model.EOLine: _eo_line,
    model.TagsLine: lambda item, nl: "TAGS: " + " ".join(item.tags) + nl,
    model.Subject: lambda item, nl: f"SUBJECT: {item.text}" + nl + nl,
    model.References: _references,
    model.ClassifiedBy: _classified_by,
    model.Paragraph: _paragraph,
    # A blank line before the page-break line too: after a paragraph, one blank line, the page line and a
    # line of text would read as a page turn inside the paragraph (see _paragraph_with_turns).
    model.PageBreak: lambda item, nl: nl + item.text + nl + nl,
    model.PageBanner: lambda item, nl: item.text + nl,
    model.RuleLine: lambda item, nl: item.text + nl,
    model.DateLine: lambda item, nl: item.text + nl,
    model.Signature: lambda item, nl: item.name + nl,
    model.DeclassificationStamp: lambda item, nl: _stamp(item) + nl,
    model.EndOfMessage: lambda item, nl: item.text + nl,
    model.ClassificationFooter: lambda item, nl: item.text + nl,
    model.TextBlock: lambda item, nl: nl.join(item.lines) + nl + nl,
    model.Preamble: lambda item, nl: nl.join(item.lines) + nl + nl,
    model.Preview: lambda item, nl: nl.join(item.lines) + nl + nl,
    model.Envelope: _envelope,
    model.DistributionList: _distribution_list,
    model.InboxExport: _inbox_export,
    model.ExportRecord: _export_record,
    model.EditorialNote: lambda item, nl: f"NOTE - {item.text}" + nl + nl,
    model.Unparsed: lambda item, nl: item.text,
}


def _from_source(node: Any) -> bool:
    """Whether the node prints its source text (its layout is still current)."""
    layout = getattr(node, "layout", None)
    return layout is not None and bool(layout.key == semantic_key(node))


def render_node(node: Any, newline: str = "\n") -> str:
    """Render one node: from its source text while that is still current, else canonically."""
    if _from_source(node):
        return str(node.layout.raw)
    return _CANONICAL[type(node)](node, newline)


def render(cable: model.Cable) -> str:
    """Render a cable to text; ``render(parse(text)) == text`` for every accepted text.

    >>> from cablegrammar import parse
    >>> text = "UNCLAS STATE 000001\\n\\nTAGS: PREL\\n"
    >>> render(parse(text)) == text
    True
    """
    layout = cable.layout or model.CableLayout()
    text = ("\ufeff" if layout.byte_order_mark else "") + "".join(part for _, part in rendered_parts(cable))
    if not layout.final_newline:
        if text.endswith("\r\n"):
            text = text[:-2]
        elif text.endswith(("\n", "\r")):
            text = text[:-1]
    return text


def rendered_parts(cable: model.Cable) -> Iterator[tuple[Any, str]]:
    """The cable's text in order, as ``(node, text)`` pairs; ``node`` is None for what no node owns.

    What :func:`render` joins (after a byte order mark, before it drops a final newline the source did not
    have), and what :class:`cablegrammar.validate.SourceMap` places the nodes by, so the two always agree.
    """
    layout = cable.layout or model.CableLayout()
    nl = layout.newline
    yield None, layout.leading_blank_lines
    for node in (getattr(cable, part) for part in model.HEAD_PARTS):
        if node is not None:
            yield node, render_node(node, nl)
    for index, item in enumerate(cable.items):
        text = render_node(item, nl)
        yield item, text
        # A TAGS line (or an E.O. line that carries the tags) takes tag-shaped continuation lines and
        # no free text: in the canonical layout (no blank line after TAGS) a free-text block after it
        # needs the blank line.
        # Not between two nodes that print their source, which is the text as it was (recovery
        # mode reads a free line right after a TAGS line).
        if (
            (isinstance(item, model.TagsLine) or (isinstance(item, model.EOLine) and item.tags))
            and index + 1 < len(cable.items)
            and isinstance(cable.items[index + 1], model.TextBlock)
            and not text.endswith(nl + nl)
            and not (_from_source(item) and _from_source(cable.items[index + 1]))
        ):
            yield None, nl


def strip_layout(node: Any) -> Any:
    """Return a copy of a node (a cable or any item) without layout: its canonical form."""

    if isinstance(node, model.Cable):
        head: dict[str, Any] = {part: strip_layout(part_node) if (part_node := getattr(node, part)) is not None
                                else None for part in model.HEAD_PARTS}
        return attrs.evolve(node, items=[strip_layout(item) for item in node.items], layout=None, **head)
    if isinstance(node, model.Envelope) and node.distribution is not None:
        return attrs.evolve(node, distribution=strip_layout(node.distribution), layout=None)
    if isinstance(node, model.Paragraph) and (node.page_turns or node.stamp_turns):
        turns = [attrs.evolve(turn, page_break=strip_layout(turn.page_break)) for turn in node.page_turns]
        stamps = [attrs.evolve(turn, stamp=strip_layout(turn.stamp)) for turn in node.stamp_turns]
        return attrs.evolve(node, page_turns=turns, stamp_turns=stamps, layout=None)
    return attrs.evolve(node, layout=None)


def canonical_text(cable: model.Cable) -> str:
    """The cable's canonical text: ``render(strip_layout(cable))``.

    Every item in its canonical layout, ``\\n`` line endings, one blank line
    after the blocks (classification line, captions, SUBJECT, REF, paragraphs).

    >>> from cablegrammar import parse
    >>> canonical_text(parse("UNCLAS  STATE 000001 \\r\\n\\r\\nTAGS:PREL,  PGOV\\r\\n"))
    'UNCLASSIFIED STATE 000001\\n\\nTAGS: PREL PGOV\\n'
    """
    return render(strip_layout(cable))


def normalize(cable: model.Cable) -> model.Cable:
    """The cable as it reads back from its canonical text (see :func:`canonical_text`).

    The result has the same semantic values as ``cable`` (``normalize(c) == c``
    for every cable the canonical layout can express) and carries the layout
    of the canonical text, so ``render(normalize(c)) == canonical_text(c)``.
    Normalizing is idempotent: ``normalize(normalize(c))`` renders the same
    text as ``normalize(c)``.

    >>> from cablegrammar import parse, render
    >>> cable = parse("C O N F I D E N T I A L BAKU 000864\\n\\nTAGS PGOV, PREL\\n")
    >>> render(normalize(cable))
    'CONFIDENTIAL BAKU 000864\\n\\nTAGS: PGOV PREL\\n'
    >>> normalize(cable) == cable
    True
    """
    from cablegrammar import parse  # noqa: PLC0415 - parse imports this module

    return parse(canonical_text(cable))

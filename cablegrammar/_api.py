"""Parsing: a cable's text, a block cut out of one, one item, or a file, to the model."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cablegrammar._decode import BYTE_ORDER_MARK, decode, decode_as
from cablegrammar.errors import CableSyntaxError, empty_text_error, from_lark_error

if TYPE_CHECKING:
    from cablegrammar.model import Cable, TextItem


def parse(text: str, *, recover: bool = False, start: str = "cable") -> Cable:
    """Parse the text of one cable, or of a block cut out of one.

    Strict mode (the default) raises :class:`CableSyntaxError` (a
    ``ValueError``) with the line, column and what was expected when the
    grammar does not accept the text.

    With ``recover=True`` it never raises on a ``str``: the lines the grammar
    refuses become :class:`Unparsed` items holding their exact text, and
    ``cable.diagnostics`` says where and why (see docs/robustness.md).  A
    text the grammar accepts gives the same cable in both modes.

    A leading byte order mark (U+FEFF) is set aside and recorded in
    ``cable.layout.byte_order_mark``; rendering puts it back.  Columns on the
    first line are then counted after it.

    ``start`` names the start symbol (see docs/fragments.md): ``cable``, the
    whole cable; ``envelope`` (the transmission heading alone),
    ``address_block`` (FM / TO / INFO / XMT alone) or ``body`` (text items
    in any order the grammar allows: a caption block, a run of paragraphs).
    A fragment gives a cable holding only those parts, and renders back byte
    for byte; its errors name the start symbol.  In recovery mode a body is
    read as a body, the other blocks as a whole cable.  One item of the text
    (a TAGS line, a REF block, a paragraph) is read by :func:`parse_item`.

    >>> parse("SUBJECT: OIL FACILITIES\\nREF: A. RIYADH 1579\\n", start="body").subject
    'OIL FACILITIES'

    >>> from cablegrammar import render
    >>> text = "VZCZCXRO7895\\nUNCLAS STATE 000001\\nTAGS: PREL\\n"
    >>> cable = parse(text, recover=True)
    >>> cable.tags, cable.unparsed
    (('PREL',), (Unparsed(text='VZCZCXRO7895\\n'),))
    >>> first = cable.diagnostics[0]
    >>> first.code, first.line, first.column, first.message[:28]
    ('CG100', 2, 1, 'this line does not fit here;')
    >>> render(cable) == text
    True
    """
    from cablegrammar import _parser  # noqa: PLC0415 - imported lazily (import time)

    _check_start(start, _parser.BLOCK_STARTS, "parse()", "one item of the text: parse_item")
    bom = text.startswith(BYTE_ORDER_MARK)
    body = text[1:] if bom else text
    if recover:
        from cablegrammar.recover import parse_recovering  # noqa: PLC0415 - imports Lark: only when asked

        cable = parse_recovering(body, start="body" if start == "body" else "start")
    else:
        cable = _parse_strict(body, start)
    if bom:
        import attrs  # noqa: PLC0415 - imported lazily (import time)

        from cablegrammar.model import CableLayout  # noqa: PLC0415

        layout = cable.layout or CableLayout()
        cable = attrs.evolve(cable, layout=attrs.evolve(layout, byte_order_mark=True))
    return cable


def _check_start(start: str, known: tuple[str, ...], call: str, other: str) -> None:
    """A ``ValueError`` listing the known start symbols when ``start`` is none of them."""
    if start not in known:
        msg = f"unknown start symbol {start!r} for {call}: one of {', '.join(known)} ({other})"
        raise ValueError(msg)


def _parse_tree(text: str, start: str) -> tuple[Any, bool]:
    """The Lark tree of ``text`` from ``start`` (a grammar rule, or ``cable``), and whether it ends a line."""
    from cablegrammar import _parser  # noqa: PLC0415 - imported lazily (import time)

    if not text.strip():
        raise empty_text_error()
    final_newline = text.endswith(("\n", "\r"))
    prepared = text if final_newline else text + "\n"
    try:
        return _parser.parse_tree(prepared, start), final_newline
    except _parser.UnexpectedInput as exc:  # Lark's parse error (Lark is imported lazily)
        error = from_lark_error(exc, text)
        raise (error if start == "cable" else error.reading(start)) from None


def _parse_strict(text: str, start: str = "cable") -> Cable:
    from cablegrammar import transform  # noqa: PLC0415 - imported lazily (import time)

    tree, final_newline = _parse_tree(text, start)
    return transform.to_model(tree, final_newline=final_newline, consume=True)


def parse_item(text: str, start: str) -> TextItem:
    """Parse one item of a cable's text, cut out of it: a TAGS line, a SUBJECT, a REF block, a paragraph ...

    ``start`` is the item's rule (see docs/fragments.md); the text holds
    that item and nothing else.  Returns the item's node, which renders back byte for byte
    (``cablegrammar.render.render_node``); raises :class:`CableSyntaxError`, naming ``start``, when the
    text is not such an item.

    >>> parse_item("TAGS: PREL PGOV", "tags_line").tags
    ('PREL', 'PGOV')
    """
    import attrs  # noqa: PLC0415 - imported lazily (import time)

    from cablegrammar import _parser, transform  # noqa: PLC0415 - imported lazily (import time)

    _check_start(start, _parser.ITEM_STARTS, "parse_item()", "blocks: parse(text, start=...)")

    def refused(message: str) -> CableSyntaxError:
        first_line = text.split("\n", 1)[0]
        return CableSyntaxError(message, line=1, column=1, offset=0, source_line=first_line).reading(start)

    if text.startswith(BYTE_ORDER_MARK):
        raise refused("a byte order mark stands before the item")
    tree, final_newline = _parse_tree(text, start)
    items = transform.item_to_model(tree)
    if len(items) != 1:
        raise refused(f'the text holds {len(items)} items, not one: read it with parse(text, start="body")')
    item: TextItem = items[0]
    if not final_newline and item.layout is not None and item.layout.raw.endswith("\n"):
        item = attrs.evolve(item, layout=attrs.evolve(item.layout, raw=item.layout.raw[:-1]))
    return item


def parse_file(path: str | os.PathLike[str], encoding: str | None = None, *, recover: bool = False) -> Cable:
    """Read a file as bytes, decode it (see :func:`decode`, or ``encoding``) and parse it.

    Bytes that do not decode raise :class:`CableDecodeError` naming the byte
    offset (never ``UnicodeDecodeError``); ``recover`` is passed to :func:`parse`.
    """
    data = Path(path).read_bytes()
    return parse(decode_as(data, encoding) if encoding else decode(data), recover=recover)

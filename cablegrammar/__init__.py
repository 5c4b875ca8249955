"""cablegrammar: US diplomatic cables read through a formal grammar.

>>> import cablegrammar
>>> cable = cablegrammar.parse(
...     "UNCLAS STATE 000284\\n\\nE.O. 12958: N/A\\nTAGS: PREL PGOV\\nSUBJECT: A TEST\\n\\n1. (U) Text.\\n"
... )
>>> cable.classification, cable.origin, cable.tags, cable.subject
('UNCLASSIFIED', 'STATE', ('PREL', 'PGOV'), 'A TEST')
>>> cable.paragraphs[0].marking
'U'
>>> cablegrammar.render(cable).startswith("UNCLAS STATE 000284\\n\\nE.O. 12958: N/A\\nTAGS: PREL PGOV\\n")
True
"""

from __future__ import annotations

import importlib
import os
import re
import sys
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cablegrammar.errors import CableDecodeError, CableError, CableSyntaxError, empty_text_error, from_lark_error

if TYPE_CHECKING:
    from cablegrammar.interpret import Precedence, canonical_id
    from cablegrammar.model import (
        Addressee,
        ArchiveHeading,
        Cable,
        CableLayout,
        CaptionLine,
        ClassificationFooter,
        ClassificationLine,
        ClassifiedBy,
        DateLine,
        DeclassificationStamp,
        DistributionList,
        DistributionStamp,
        Drafting,
        EditorialNote,
        EndOfMessage,
        Envelope,
        EOLine,
        ExportRecord,
        InboxExport,
        Layout,
        OfficeCopies,
        PageBanner,
        PageBreak,
        PageTurn,
        Paragraph,
        Preamble,
        Preview,
        RedactedLine,
        Reference,
        References,
        RuleLine,
        Signature,
        StampTurn,
        Subject,
        SyntaxDiagnostic,
        TagsLine,
        TextBlock,
        TextItem,
        Unparsed,
    )
    from cablegrammar.render import canonical_text, normalize, render, strip_layout
    from cablegrammar.validate import Diagnostic, validate

__all__ = [
    "Addressee",
    "ArchiveHeading",
    "Cable",
    "CableDecodeError",
    "CableError",
    "CableLayout",
    "CableSyntaxError",
    "CaptionLine",
    "ClassificationFooter",
    "ClassificationLine",
    "ClassifiedBy",
    "DateLine",
    "DeclassificationStamp",
    "Diagnostic",
    "DistributionList",
    "DistributionStamp",
    "Drafting",
    "EOLine",
    "EditorialNote",
    "EndOfMessage",
    "Envelope",
    "ExportRecord",
    "InboxExport",
    "Layout",
    "OfficeCopies",
    "PageBanner",
    "PageBreak",
    "PageTurn",
    "Paragraph",
    "Preamble",
    "Precedence",
    "Preview",
    "RedactedLine",
    "Reference",
    "References",
    "RuleLine",
    "Signature",
    "StampTurn",
    "Subject",
    "SyntaxDiagnostic",
    "TagsLine",
    "TextBlock",
    "Unparsed",
    "canonical_id",
    "canonical_text",
    "decode",
    "decode_as",
    "normalize",
    "parse",
    "parse_file",
    "parse_item",
    "render",
    "strip_layout",
    "validate",
]

__version__ = "0.1.0"

#: Exports imported on first use (PEP 562), so that ``import cablegrammar`` stays cheap: the model's
#: attrs classes, the renderer and validation (with its value tables) load when first needed.
_LAZY: dict[str, str] = {
    **dict.fromkeys(
        (
            "Addressee", "Cable", "CableLayout", "CaptionLine", "ClassificationFooter", "ClassificationLine",
            "ClassifiedBy", "DateLine", "EndOfMessage", "Envelope", "EOLine", "Layout", "PageBanner",
            "PageBreak", "Paragraph", "Preamble", "Reference", "References", "RuleLine",
            "Signature", "Subject", "SyntaxDiagnostic", "TagsLine", "TextBlock", "Unparsed",
            "DistributionList", "DistributionStamp", "Drafting", "OfficeCopies", "PageTurn",
            "InboxExport", "ExportRecord", "EditorialNote", "RedactedLine", "Preview", "DeclassificationStamp",
            "ArchiveHeading", "StampTurn",
        ),
        "cablegrammar.model",
    ),
    **dict.fromkeys(("canonical_text", "normalize", "render", "strip_layout"), "cablegrammar.render"),
    "validate": "cablegrammar.validate",
    "Precedence": "cablegrammar.interpret",
    "canonical_id": "cablegrammar.interpret",
    "Diagnostic": "cablegrammar.validate",
}


def __getattr__(name: str) -> Any:
    """Import the lazy exports (:data:`_LAZY`) on first access."""
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


class _Package(types.ModuleType):
    """The package module: ``cablegrammar.validate`` and ``cablegrammar.render`` stay the functions.

    Importing a submodule binds it as an attribute of its package; the
    ``validate`` and ``render`` submodules share their names with the exported
    functions, which are imported lazily.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _SHADOWED and isinstance(value, types.ModuleType):
            value = getattr(value, name)
        super().__setattr__(name, value)


#: Exported functions that share their name with their submodule (``cablegrammar.render.render``).
_SHADOWED = frozenset({"render", "validate"})


sys.modules[__name__].__class__ = _Package


BYTE_ORDER_MARK = "\ufeff"


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
    from cablegrammar import _parser  # noqa: PLC0415 - imported lazily (see _LAZY)

    _check_start(start, _parser.BLOCK_STARTS, "parse()", "one item of the text: parse_item")
    bom = text.startswith(BYTE_ORDER_MARK)
    body = text[1:] if bom else text
    if recover:
        from cablegrammar.recover import parse_recovering  # noqa: PLC0415 - imports Lark: only when asked

        cable = parse_recovering(body, start="body" if start == "body" else "start")
    else:
        cable = _parse_strict(body, start)
    if bom:
        import attrs  # noqa: PLC0415 - imported lazily (see _LAZY)

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
    from cablegrammar import _parser  # noqa: PLC0415 - imported lazily (see _LAZY)

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
    from cablegrammar import transform  # noqa: PLC0415 - imported lazily (see _LAZY)

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
    import attrs  # noqa: PLC0415 - imported lazily (see _LAZY)

    from cablegrammar import _parser, transform  # noqa: PLC0415 - imported lazily (see _LAZY)

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


#: UTF-8 multi-byte sequences (well formed): their presence next to bytes
#: that are not UTF-8 means mixed encodings.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xC2-\xDF][\x80-\xBF]|[\xE0-\xEF][\x80-\xBF]{2}|[\xF0-\xF4][\x80-\xBF]{3}"
)


def decode(data: bytes) -> str:
    """Decode a cable file's bytes, losslessly.

    Policy (see docs/robustness.md):

    * strict UTF-8 first; a UTF-8 byte order mark is kept as U+FEFF (parse
      sets it aside and render puts it back);
    * bytes that are not UTF-8 are read as Latin-1 (the raw ``cables.csv``
      exports are Latin-1: ``¶`` is byte 0xB6), unless
      - they hold bytes 0x80-0x9F, control characters in Latin-1 that would
        be silent mojibake (Windows-1252 quotes), or
      - the data also holds well-formed UTF-8 multi-byte sequences (mixed
        encodings: Latin-1 would turn them into mojibake);
    * UTF-16 and UTF-32 (a byte order mark ``FF FE`` / ``FE FF``) are refused;
    * line endings (LF, CRLF, CR) and NUL bytes are kept as they are.

    Refusals raise :class:`CableDecodeError` naming the byte offset.

    >>> decode(b"\\xb61. (C)")
    '¶1. (C)'
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CableDecodeError(
            f"bytes {data[:2].hex(' ').upper()} at offset 0 are a UTF-16 or UTF-32 byte order mark: "
            "not a UTF-8 or Latin-1 text; pass encoding= to choose one",
            offset=0,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    for offset, byte in enumerate(data):
        if 0x80 <= byte <= 0x9F:
            valid = (
                f"first non-UTF-8 byte at offset {first_bad}"
                if first_bad != offset
                else "it is the first non-UTF-8 byte"
            )
            msg = (
                f"byte 0x{byte:02X} at offset {offset} is neither UTF-8 nor printable Latin-1 "
                f"({valid}); pass encoding= to choose one"
            )
            raise CableDecodeError(msg, offset=offset)
    if mixed := _UTF8_MULTIBYTE.search(data):
        msg = (
            f"byte 0x{data[first_bad]:02X} at offset {first_bad} is not UTF-8, but the bytes at offset "
            f"{mixed.start()} are: mixed encodings; pass encoding= to choose one"
        )
        raise CableDecodeError(msg, offset=first_bad)
    return data.decode("latin-1")


def parse_file(path: str | os.PathLike[str], encoding: str | None = None, *, recover: bool = False) -> Cable:
    """Read a file as bytes, decode it (see :func:`decode`, or ``encoding``) and parse it.

    Bytes that do not decode raise :class:`CableDecodeError` naming the byte
    offset (never ``UnicodeDecodeError``); ``recover`` is passed to :func:`parse`.
    """
    data = Path(path).read_bytes()
    return parse(decode_as(data, encoding) if encoding else decode(data), recover=recover)


def decode_as(data: bytes, encoding: str) -> str:
    """Decode with a named encoding; errors become :class:`CableDecodeError` with the byte offset.

    >>> decode_as(b"caf\\xe9", "cp1252")
    'café'
    """
    try:
        return data.decode(encoding)
    except LookupError:
        raise CableDecodeError(f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.end].hex(" ").upper()
        msg = f"bytes {bad} at offset {exc.start} are not valid {encoding}: {exc.reason}"
        raise CableDecodeError(msg, offset=exc.start) from None

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
import sys
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cablegrammar import _parser, transform
from cablegrammar.errors import CableDecodeError, CableError, CableSyntaxError, empty_text_error, from_lark_error
from cablegrammar.model import (
    Addressee,
    Cable,
    CableLayout,
    CaptionLine,
    ClassificationFooter,
    ClassificationLine,
    ClassifiedBy,
    DateLine,
    EndOfMessage,
    Envelope,
    EOLine,
    Layout,
    PageBanner,
    PageBreak,
    Paragraph,
    Preamble,
    Precedence,
    Reference,
    References,
    RuleLine,
    Signature,
    Subject,
    TagsLine,
    TextBlock,
)
from cablegrammar.render import canonical_text, normalize, render, strip_layout

if TYPE_CHECKING:
    from cablegrammar.validate import Diagnostic, validate

__all__ = [
    "Addressee",
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
    "Diagnostic",
    "EOLine",
    "EndOfMessage",
    "Envelope",
    "Layout",
    "PageBanner",
    "PageBreak",
    "Paragraph",
    "Preamble",
    "Precedence",
    "Reference",
    "References",
    "RuleLine",
    "Signature",
    "Subject",
    "TagsLine",
    "TextBlock",
    "canonical_text",
    "decode",
    "normalize",
    "parse",
    "parse_file",
    "render",
    "strip_layout",
    "validate",
]

__version__ = "0.1.0"

#: Exports imported on first use: validation (and its value tables) is not needed to parse.
_LAZY = {"validate": "cablegrammar.validate", "Diagnostic": "cablegrammar.validate"}


def __getattr__(name: str) -> Any:
    """Import the lazy exports (:data:`_LAZY`) on first access."""
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


class _Package(types.ModuleType):
    """The package module: ``cablegrammar.validate`` stays the function once the submodule is imported.

    Importing a submodule binds it as an attribute of its package; the
    ``validate`` submodule shares its name with the exported function.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "validate" and isinstance(value, types.ModuleType):
            value = value.validate
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def parse(text: str) -> Cable:
    """Parse the text of one cable.

    Raises :class:`CableSyntaxError` (a ``ValueError``) with the line, column
    and what was expected when the grammar does not accept the text.
    """
    if not text.strip():
        raise empty_text_error()
    final_newline = text.endswith(("\n", "\r"))
    prepared = text if final_newline else text + "\n"
    try:
        tree = _parser.parse_tree(prepared)
    except _parser.UnexpectedInput as exc:  # Lark's parse error (Lark is imported lazily)
        raise from_lark_error(exc, text) from None
    return transform.to_model(tree, final_newline=final_newline, consume=True)


def decode(data: bytes) -> str:
    """Decode a cable file's bytes.

    Policy: strict UTF-8 first.  Bytes that are not UTF-8 are read as Latin-1
    (the raw ``cables.csv`` exports are Latin-1: ``¶`` is byte 0xB6), unless
    they hold bytes 0x80-0x9F, which are control characters in Latin-1 and
    would be silent mojibake: then :class:`CableDecodeError` names the offset.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    for offset, byte in enumerate(data):
        if 0x80 <= byte <= 0x9F:
            msg = (
                f"byte 0x{byte:02X} at offset {offset} is neither UTF-8 nor printable Latin-1 "
                f"(first non-UTF-8 byte at offset {first_bad}); pass encoding= to choose one"
            )
            raise CableDecodeError(msg)
    return data.decode("latin-1")


def parse_file(path: str | os.PathLike[str], encoding: str | None = None) -> Cable:
    """Read a file as bytes, decode it (see :func:`decode`, or ``encoding``) and parse it."""
    data = Path(path).read_bytes()
    return parse(data.decode(encoding) if encoding else decode(data))

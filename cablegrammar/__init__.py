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
import sys
import types
from typing import TYPE_CHECKING, Any

from cablegrammar._api import parse, parse_file, parse_item
from cablegrammar._decode import BYTE_ORDER_MARK as BYTE_ORDER_MARK
from cablegrammar._decode import decode, decode_as
from cablegrammar.errors import CableDecodeError, CableError, CableSyntaxError

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

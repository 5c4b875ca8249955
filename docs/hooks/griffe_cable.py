"""A griffe extension for the API reference.

* ``#:`` comments above a class field (Sphinx style, as in
  ``cablegrammar/model.py``) become the field's docstring;
* reST roles (``:func:`parse```) become code spans, so they read well in
  Markdown;
* doctest examples (``>>>`` lines and their output) become ``pycon`` code
  blocks instead of Markdown block quotes.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import griffe

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fieldcomments import field_comment

_ROLE = re.compile(r":(?:func|class|data|meth|attr|mod|exc|obj):`~?([^`]+)`")


def _markdown(text: str) -> str:
    text = _ROLE.sub(r"`\1`", text)
    out: list[str] = []
    in_example = False
    for line in text.splitlines():
        if line.lstrip().startswith(">>>") and not in_example:
            out.append("```pycon")
            in_example = True
        elif in_example and not line.strip():
            out.append("```")
            in_example = False
        out.append(line)
    if in_example:
        out.append("```")
    return "\n".join(out)


class CableDocs(griffe.Extension):
    """Field comments as docstrings; reST roles and doctests made Markdown."""

    def on_attribute_instance(self, *, node: Any, attr: griffe.Attribute, **kwargs: Any) -> None:
        if attr.docstring is None and attr.lineno is not None and attr.parent is not None:
            try:
                lines = attr.lines_collection[attr.filepath]  # type: ignore[index]
            except (KeyError, TypeError):
                return
            comment = field_comment(list(lines), attr.lineno)
            if comment:
                attr.docstring = griffe.Docstring(comment, lineno=attr.lineno, parent=attr)
        self._convert(attr)

    def on_instance(self, *, node: Any, obj: griffe.Object, **kwargs: Any) -> None:
        self._convert(obj)

    @staticmethod
    def _convert(obj: griffe.Object) -> None:
        if obj.docstring is not None and not getattr(obj.docstring, "_cable_converted", False):
            obj.docstring.value = _markdown(obj.docstring.value)
            obj.docstring._cable_converted = True  # type: ignore[attr-defined]

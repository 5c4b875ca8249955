"""MkDocs hook: generate the pages that come from the grammar and the code.

* makes the checkout importable (``cablegrammar`` and the generators here);
* registers the ``cable`` Pygments lexer when cablegrammar is not installed
  (installed, its entry point registers it);
* fails the build when the grammar notes or the tours have problems (a rule
  without explanation or example, an excerpt that is not in its cable ...);
* adds the generated pages: grammar reference, guided tours, rule and error
  catalogue, CLI reference;
* puts the anatomy pictures (``anatomy.py``) where a page asks for one.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for entry in (str(ROOT), str(HERE)):
    if entry not in sys.path:
        sys.path.insert(0, entry)

import docgen  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402


def _register_lexer() -> None:
    from pygments.lexers import LEXERS, get_lexer_by_name  # noqa: PLC0415
    from pygments.util import ClassNotFound  # noqa: PLC0415

    try:
        get_lexer_by_name("cable")
    except ClassNotFound:
        from cablegrammar.pygments_lexer import CableLexer  # noqa: PLC0415

        LEXERS["CableLexer"] = (
            "cablegrammar.pygments_lexer",
            CableLexer.name,
            tuple(CableLexer.aliases),
            tuple(CableLexer.filenames),
            tuple(CableLexer.mimetypes),
        )


def on_config(config: Any) -> Any:
    _register_lexer()
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """Put the anatomy pictures where a page asks for them (``<!-- anatomy: FILE -->``)."""
    if "<!-- anatomy:" not in markdown:
        return markdown
    grammar = files.get_file_from_path(docgen.GRAMMAR_PAGE)
    href = get_relative_url(grammar.url, page.url) if grammar is not None else docgen.GRAMMAR_PAGE
    return docgen.put_anatomies(markdown, href)


def on_files(files: Files, config: Any) -> Files:
    notes = docgen.load_notes()
    tours = docgen.load_tours()
    problems = docgen.check_notes(notes)
    for tour in tours:
        problems.extend(docgen.check_tour(tour))
    if problems:
        raise PluginError("documentation data out of date with the grammar:\n  " + "\n  ".join(problems))
    pages = {
        docgen.GRAMMAR_PAGE: docgen.grammar_page(notes),
        docgen.RULES_PAGE: docgen.rules_page(notes),
        docgen.CLI_PAGE: docgen.cli_page(),
    }
    for tour in tours:
        pages[f"{tour['slug']}.md"] = docgen.tour_page(tour)
    for path, content in pages.items():
        files.append(File.generated(config, path, content=content))
    return files

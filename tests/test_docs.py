"""The documentation: generated from the grammar, checked against the grammar and the corpus.

The generators live in docs/hooks (they run inside ``mkdocs build``); these
tests run them without MkDocs.  They need PyYAML and railroad-diagrams (the
``docs`` extra); without them the generator tests are skipped, the lexer
tests still run.
"""

from __future__ import annotations

import copy
import importlib
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from conftest import valid_files

import cablegrammar
from cablegrammar import _parser

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "hooks"))

pytest.importorskip("pygments")
from pygments.token import Comment, Error, Generic, Keyword, Name, Number  # noqa: E402

from cablegrammar.pygments_lexer import NOT_HIGHLIGHTED, TOKEN_TYPES, CableLexer  # noqa: E402


def _docgen():  # type: ignore[no-untyped-def]
    pytest.importorskip("yaml")
    pytest.importorskip("railroad")
    import docgen  # noqa: PLC0415

    return docgen


# ---------------------------------------------------------------------------
# Grammar reference
# ---------------------------------------------------------------------------


def test_every_rule_and_alias_is_documented() -> None:
    docgen = _docgen()
    names = docgen.documented_names()
    rules = [doc for doc in names if not doc.is_alias]
    assert [doc.name for doc in rules] == list(_parser.rule_syntax())
    aliases = {doc.name for doc in names if doc.is_alias}
    assert aliases == {"acp127_envelope", "short_envelope", "distribution_envelope", "address_envelope",
                       "page_header_in_addresses", "old_page_header", "labelled_export_record", "column_export_record"}
    assert docgen.check_notes(docgen.load_notes()) == []


def _section(page: str, anchor: str) -> str:
    start = page.index(f"{{#{anchor}}}")
    following = re.compile(r"^#{2,4} .*\{#[^}]+\}$", re.M)
    nxt = following.search(page, page.index("\n", start))
    return page[start : nxt.start() if nxt else len(page)]


def test_grammar_page_has_section_diagram_source_explanation_and_example_per_rule() -> None:
    docgen = _docgen()
    notes = docgen.load_notes()
    page = docgen.grammar_page(notes)
    sources = docgen.rule_sources()
    for doc in docgen.documented_names():
        section = _section(page, doc.name)
        assert "<svg" in section, doc.name
        explanation = " ".join(str(docgen.note_for(notes, doc)["explain"]).split())
        assert explanation in section, doc.name
        assert "```cable\n" in section, doc.name
        if not doc.is_alias:
            assert sources[doc.name] in section, doc.name
    for name in _parser.terminal_regexps():
        assert f"{{#terminal-{name}}}" in page


def test_a_rule_without_notes_or_with_a_wrong_example_is_reported() -> None:
    docgen = _docgen()
    notes = docgen.load_notes()
    broken = copy.deepcopy(notes)
    del broken["rules"]["subject"]
    broken["rules"]["paragraph"]["explain"] = ""
    broken["rules"]["envelope"]["aliases"]["short_envelope"]["examples"] = []
    # A real line of the seed, but not a TAGS line.
    broken["rules"]["tags_line"]["examples"] = [{"file": "seed__07BAKU864.txt", "text": "SIPDIS\n"}]
    broken["rules"]["eo_line"]["examples"] = [{"file": "seed__07BAKU864.txt", "text": "E.O. 99999"}]
    broken["rules"]["no_such_rule"] = {"explain": "x", "examples": []}
    problems = "\n".join(docgen.check_notes(broken))
    assert "rule subject: no entry" in problems
    assert "rule paragraph: no explanation" in problems
    assert "alias short_envelope (of rule envelope): no example" in problems
    assert "rule tags_line: example 'SIPDIS\\n' is not inside a tags_line node" in problems
    assert "rule eo_line: example 'E.O. 99999' does not occur" in problems
    assert "notes for no_such_rule: the grammar has no such rule" in problems


def test_diagrams_link_rules_and_terminals() -> None:
    docgen = _docgen()
    from railroad_svg import diagram_svg  # noqa: PLC0415

    svg = diagram_svg(_parser.rule_syntax()["station_line"])
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert 'href="#terminal-DE_KW"' in svg and 'href="#terminal-STATION_SERIAL"' in svg
    assert "\n\n" not in svg  # a blank line would end the raw HTML block in Markdown
    assert docgen.host_names(next(d for d in docgen.documented_names() if d.name == "_tags_body")) >= {
        "tags_line", "eo_line"}


def test_diagrams_keep_their_natural_size_and_leave_out_layout_terminals() -> None:
    _docgen()
    from railroad_svg import diagram_svg  # noqa: PLC0415

    css = (ROOT / "docs" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    # Text is drawn at the stylesheet's sizes (11 px and up), and a wide diagram scrolls instead of shrinking.
    sizes = [int(size) for size in re.findall(r"svg\.railroad-diagram text[^{]*\{[^}]*?(\d+)px", css)]
    assert sizes and min(sizes) >= 11
    assert re.search(r"\.railroad svg\.railroad-diagram \{[^}]*max-width: none", css)
    for name, syntax in _parser.rule_syntax().items():
        svg = diagram_svg(syntax)
        width, view_width = re.search(r'viewBox="0 0 ([0-9.]+) [0-9.]+" width="([0-9.]+)"', svg).groups()  # type: ignore[union-attr]
        assert float(width) == float(view_width), name  # drawn at scale 1
        assert ">WS<" not in svg and ">NEWLINE<" not in svg, name


# ---------------------------------------------------------------------------
# Guided tours
# ---------------------------------------------------------------------------


def test_tours_cover_their_cables_and_link_rules() -> None:
    docgen = _docgen()
    tours = docgen.load_tours()
    assert {tour["file"] for tour in tours} == {"seed__07BAKU864.txt", "markchips_testset__66BUENOSAIRES2481.txt",
                                                "chillicoder_cablegate__90CAPETOWN97.txt"}
    grammar = docgen.grammar_page(docgen.load_notes())
    for tour in tours:
        assert docgen.check_tour(tour) == []
        page = docgen.tour_page(tour)
        for anchor in re.findall(r"\(\.\./reference/grammar\.md#([a-z_0-9]+)\)", page):
            assert f"{{#{anchor}}}" in grammar
        text = docgen.read_cable(tour["file"])
        for indent, block in re.findall(r"^( *)```cable\n(.*?)^ *```", page, re.S | re.M):
            excerpt = re.sub(f"(?m)^{indent}", "", block)
            assert excerpt in text or text.endswith(excerpt[:-1])  # the fence adds a missing final newline
        # Every step names the rules of its lines, the last one included (07BAKU864 has no final newline).
        assert "Grammar: —" not in page


_FENCED = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[^\n]*\n.*?^(?P=indent)(?P=fence)[ \t]*$", re.M | re.S)
_DIAGRAM = re.compile(r'<div class="railroad" markdown="0">\n.*?\n</div>', re.S)
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")


def test_generated_pages_hold_no_html_but_the_diagrams() -> None:
    # Markdown passes raw HTML through: a summary naming "<pre>" once opened a <pre> element that swallowed
    # the rest of the rules page.  Outside code blocks, code spans and the railroad diagrams, no tag.
    docgen = _docgen()
    notes = docgen.load_notes()
    pages = {"grammar": docgen.grammar_page(notes), "rules": docgen.rules_page(notes), "cli": docgen.cli_page()}
    pages.update({tour["slug"]: docgen.tour_page(tour) for tour in docgen.load_tours()})
    for name, page in pages.items():
        # The anatomy mark is the one comment a generated page holds: the hook puts the picture there.
        prose = _CODE_SPAN.sub("", _DIAGRAM.sub("", _FENCED.sub("", docgen.ANATOMY_MARK.sub("", page))))
        assert re.findall(r"<[A-Za-z/!][^>\n]{0,40}", prose) == [], name
    assert "without a &lt;pre&gt; block" in pages["rules"]


def test_a_tour_with_a_gap_is_reported() -> None:
    docgen = _docgen()
    tour = copy.deepcopy(docgen.load_tours()[0])
    del tour["steps"][3]
    assert any("expected line 4" in problem for problem in docgen.check_tour(tour))


# ---------------------------------------------------------------------------
# Catalogue, CLI, install page
# ---------------------------------------------------------------------------


def test_rules_page_lists_every_error_code_with_an_anchor() -> None:
    docgen = _docgen()
    page = docgen.rules_page(docgen.load_notes())
    codes = docgen.error_codes()
    assert {"CG001", "CG100", "CG101", "CG102", "CG103"} <= set(codes)
    for code in codes:
        assert f"{{#{code.lower()}}}" in page
    if docgen.validation_rules() is None:
        assert "Not in this build" in page
    else:
        for code in docgen.validation_rules():
            assert f"{{#{code.lower()}}}" in page


def test_error_examples_give_their_code() -> None:
    docgen = _docgen()
    for code, entry in (docgen.load_notes().get("errors") or {}).items():
        if entry.get("example") is not None:
            with pytest.raises(cablegrammar.CableSyntaxError) as info:
                cablegrammar.parse(entry["example"])
            assert info.value.code == code


def test_cli_page_has_every_subcommand() -> None:
    docgen = _docgen()
    page = docgen.cli_page()
    parser = docgen.cli_parser()
    assert parser.prog == "cablegrammar"
    for name in docgen._subcommands(parser):
        assert f"## `cablegrammar {name}`" in page
        assert f"usage: cablegrammar {name}" in page


def test_install_page_has_the_readme_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    install = (ROOT / "docs" / "install.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(.*?)```", readme, re.S)
    assert len(commands) >= 2
    for command in commands[:2]:
        assert command in install


def test_every_public_name_is_in_the_api_reference() -> None:
    page = (ROOT / "docs" / "reference" / "api.md").read_text(encoding="utf-8")
    directives = re.findall(r"^::: (cablegrammar(?:\.\w+)+)$", page, re.M)
    documented: dict[str, object] = {}
    for path in directives:
        parts = path.split(".")
        # The longest importable module prefix, then attributes (cablegrammar.render.render is the function).
        for cut in range(len(parts), 0, -1):
            try:
                target: object = importlib.import_module(".".join(parts[:cut]))
            except ImportError:
                continue
            break
        for part in parts[cut:]:
            target = getattr(target, part)
        documented[parts[-1]] = target
    missing = [name for name in cablegrammar.__all__ if name not in documented]
    assert missing == []
    # Each directive names the very object the package exports.
    assert [name for name in cablegrammar.__all__ if documented[name] is not getattr(cablegrammar, name)] == []


def test_every_model_field_is_documented() -> None:
    import attrs  # noqa: PLC0415
    from fieldcomments import field_comment  # noqa: PLC0415

    from cablegrammar import model  # noqa: PLC0415

    source = Path(model.__file__).read_text(encoding="utf-8").splitlines()
    missing = []
    for name in dir(model):
        cls = getattr(model, name)
        if not (isinstance(cls, type) and attrs.has(cls)):
            continue
        body = next(i for i, line in enumerate(source) if line.startswith(f"class {cls.__name__}"))
        for field in attrs.fields(cls):
            line = next(i for i in range(body, len(source)) if source[i].startswith(f"    {field.name}:"))
            if not field_comment(source, line + 1):
                missing.append(f"{cls.__name__}.{field.name}")
    assert missing == []


# ---------------------------------------------------------------------------
# Pygments lexer
# ---------------------------------------------------------------------------


def test_lexer_covers_exactly_the_grammar_terminals() -> None:
    terminals = set(_parser.terminal_regexps())
    assert set(TOKEN_TYPES) <= terminals
    assert set(NOT_HIGHLIGHTED) <= terminals
    assert not set(TOKEN_TYPES) & set(NOT_HIGHLIGHTED)
    # Every terminal has a token type, or a documented reason why it has none.
    assert sorted(terminals - set(TOKEN_TYPES) - set(NOT_HIGHLIGHTED)) == []
    assert all(reason.strip() for reason in NOT_HIGHLIGHTED.values())


def _tokens(name: str) -> list[tuple[object, str]]:
    text = cablegrammar.decode((ROOT / "tests" / "corpus" / "valid" / name).read_bytes())
    return [(kind, value) for kind, value in CableLexer(stripnl=False).get_tokens(text) if value.strip()]


def test_lexer_highlights_export_artifacts_drafting_and_redacted_lines() -> None:
    column = _tokens("chillicoder_cablegate__09KHARTOUM881.txt")
    for line in (">\n", "7/29/2009 14:42\n", "09KHARTOUM881\n", "Embassy Khartoum\n", "CONFIDENTIAL\n",
                 "09KHARTOUM378\n", "RUEHROV RUEHTRO\n"):
        assert (Comment, line) in column
    # The wrapped routing line of the envelope itself is routing indicators.
    assert column.index((Name.Constant, "RUEHTRO")) < column.index((Comment, ">\n"))
    labelled = _tokens("chillicoder_cablegate__10BERLIN180.txt")
    assert (Comment, "ID: 248711\n") in labelled and (Comment, "MISC: 10BERLIN128|10BERLIN176\n") in labelled
    inbox = _tokens("chillicoder_cablegate__09DOHA214.txt")
    assert inbox[:2] == [(Comment, "Stephen H Rogerson  12/02/2009 11:08:08 AM  From  DB/Inbox:  Search \n"),
                         (Comment, "Results\n")]
    drafting = _tokens("chillicoder_cablegate__09STATE63860.txt")
    for line in ("063860\n", "SOURCE: CBLEXCLS.000423\n", "APPROVED BY: DS/DSS/CC:JBACIGALUPO\n"):
        assert (Comment.Special, line) in drafting
    redacted = _tokens("chillicoder_cablegate__10BEIJING207.txt")
    assert any(kind is Generic.Deleted and value.startswith("XXXXXX") for kind, value in redacted)
    turn = _tokens("chillicoder_cablegate__04CARACAS2200.txt")
    assert any(kind is Comment.Preproc and value.startswith("\n") and "CARACAS 00002200 002 OF 002" in value
               for kind, value in turn)


@pytest.mark.parametrize("path", valid_files(), ids=lambda p: p.stem)
def test_lexer_covers_every_corpus_cable_without_errors(path: Path) -> None:
    text = cablegrammar.decode(path.read_bytes())
    tokens = list(CableLexer(stripnl=False).get_tokens(text))
    assert not [value for kind, value in tokens if kind in Error]
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    assert "".join(value for _kind, value in tokens) == (expected if expected.endswith("\n") else expected + "\n")


def test_lexer_highlights_the_seed_cable(seed_text: str) -> None:
    tokens = [(kind, value) for kind, value in CableLexer().get_tokens(seed_text) if value.strip()]
    assert (Keyword.Declaration, "VZCZCXRO7895") in tokens
    assert (Name.Constant, "RUEHKB") in tokens
    assert (Keyword.Reserved, "CONFIDENTIAL") in tokens
    assert (Name.Class, "BAKU") in tokens
    assert (Number, "000864") in tokens
    assert (Keyword, "SUBJECT") in tokens
    assert (Name.Tag, "PGOV PREL AJ") in tokens
    assert (Keyword.Reserved, "(C)") in tokens
    # Free text inside a paragraph is not a keyword.
    assert (Keyword, "TO") not in tokens[40:]


def test_lexer_entry_point_is_declared() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    entry = pyproject["project"]["entry-points"]["pygments.lexers"]["cable"]
    assert entry == "cablegrammar.pygments_lexer:CableLexer"
    installed = [ep for ep in metadata.entry_points(group="pygments.lexers") if ep.name == "cable"]
    if installed:  # cablegrammar is installed (CI): Pygments finds the lexer by name.
        from pygments.lexers import get_lexer_by_name  # noqa: PLC0415

        assert type(get_lexer_by_name("cable")).__name__ == "CableLexer"


def test_the_grammar_lexer_reads_the_whole_grammar_and_highlights_the_grammar_page() -> None:
    from pygments.token import Error  # noqa: PLC0415

    from cablegrammar.pygments_lexer import LarkGrammarLexer  # noqa: PLC0415

    tokens = list(LarkGrammarLexer().get_tokens(_parser.grammar_text()))
    assert [value for kind, value in tokens if kind is Error] == []
    assert (Name.Constant, "CLASSIFICATION") in tokens and (Name.Function, "classification_line") in tokens
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["entry-points"]["pygments.lexers"]["lark"] == (
        "cablegrammar.pygments_lexer:LarkGrammarLexer")
    page = _docgen().grammar_page(_docgen().load_notes())
    assert "```lark\nclassification_line:" in page and "```text" not in page


def test_terminals_show_a_real_example_from_the_bundled_corpus() -> None:
    docgen = _docgen()
    examples = docgen.terminal_examples()
    # Whole-line terminals from the parse trees, pieces of lines by their own pattern.
    assert examples["CLASSIFICATION"][0].replace(" ", "") in ("SECRET", "CONFIDENTIAL", "UNCLAS", "UNCLASSIFIED")
    assert examples["PORTION_MARKING"][0].startswith("(")
    assert examples["PAGE_TURN"][0].strip()
    for name, (text, file) in examples.items():
        assert text in docgen.read_cable(file), name
    page = docgen.grammar_page(docgen.load_notes())
    assert page.count("Example, from ") >= 80
    assert "Example, from 07BAKU864: " in page or "Example, from 05BOGOTA6237: " in page


def test_the_terminal_table_lists_every_terminal_with_its_meaning() -> None:
    docgen = _docgen()
    page = docgen.grammar_page(docgen.load_notes())
    rows = re.findall(r"^\| \[`([A-Z_0-9]+)`\]\(#terminal-\1\) \| ([^|]*) \|", page, re.M)
    terminals = re.findall(r"^#### `([A-Z_0-9]+)` \{#terminal-", page, re.M)
    assert [name for name, _ in rows] == terminals and len(terminals) > 90
    assert dict(rows)["CAPTION_LINE"].strip() == "a caption line (SIPDIS)"


# ---------------------------------------------------------------------------
# The built site
# ---------------------------------------------------------------------------


def test_the_built_site_holds_preformatted_text_only_in_code_blocks_and_no_machine_paths(tmp_path: Path) -> None:
    """Build the site; a ``<pre>`` outside a highlighted code block is generated text let through as HTML."""
    pytest.importorskip("mkdocs")
    pytest.importorskip("material")
    import subprocess  # noqa: PLC0415
    from html.parser import HTMLParser  # noqa: PLC0415

    site = tmp_path / "site"
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert built.returncode == 0, built.stderr[-2000:]

    class Pre(HTMLParser):
        """Record the class of the element around each <pre>."""

        def __init__(self) -> None:
            super().__init__()
            self.open: list[tuple[str, str]] = []
            self.stray: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "pre":
                around = self.open[-1] if self.open else ("", "")
                if around[0] != "div" or "highlight" not in around[1].split():
                    self.stray.append(f"<pre> in <{around[0]} class={around[1]!r}>")
            if tag not in {"br", "img", "meta", "link", "input", "hr", "wbr", "source", "path", "rect", "use"}:
                self.open.append((tag, dict(attrs).get("class") or ""))

        def handle_endtag(self, tag: str) -> None:
            for index in range(len(self.open) - 1, -1, -1):
                if self.open[index][0] == tag:
                    del self.open[index:]
                    break

    problems = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        parser = Pre()
        parser.feed(html)
        problems += [f"{page.relative_to(site)}: {stray}" for stray in parser.stray]
        machine = [marker for marker in ("/work/", "/tmp/", "/home/") if marker in html]
        problems += [f"{page.relative_to(site)}: a machine path ({marker})" for marker in machine]
    assert problems == []


# ---------------------------------------------------------------------------
# The anatomy of a cable (docs/hooks/anatomy.py)
# ---------------------------------------------------------------------------


def _anatomy_svg(file: str, fold: int | None = None):  # type: ignore[no-untyped-def]
    import xml.etree.ElementTree as ET  # noqa: PLC0415

    block = _docgen().anatomy(file, "../reference/grammar/", fold)
    return ET.fromstring(re.search(r"<svg.*</svg>", block, re.DOTALL).group())  # type: ignore[union-attr]


def test_the_anatomy_shows_every_line_and_links_each_part_to_its_rule() -> None:
    docgen = _docgen()
    from railroad_svg import rule_anchor  # noqa: PLC0415

    svg = _anatomy_svg("seed__07BAKU864.txt")
    ns = "{http://www.w3.org/2000/svg}"
    texts = [t for t in svg.iter(f"{ns}text") if t.get("class") != "callout"]
    lines = docgen.read_cable("seed__07BAKU864.txt").split("\n")
    assert len(texts) == len(lines) - (lines[-1] == "")
    assert texts[0].text == "VZCZCXRO7895"
    rules = {doc.name for doc in docgen.documented_names()}
    anchors = {link.get("href", "").partition("#")[2] for link in svg.iter(f"{ns}a")}
    assert anchors <= {rule_anchor(name) for name in rules}
    for part in ("transmission_line", "dtg_line", "classification_line", "caption_line", "eo_line", "tags_line",
                 "subject", "references", "classified_by", "paragraph"):
        assert rule_anchor(part) in anchors, part


def test_the_anatomy_text_is_never_below_11_px_and_folds_long_parts() -> None:
    ns = "{http://www.w3.org/2000/svg}"
    whole = _anatomy_svg("markchips_testset__66BUENOSAIRES2481.txt")
    folded = _anatomy_svg("markchips_testset__66BUENOSAIRES2481.txt", fold=3)
    for svg in (whole, folded):
        assert all(float(t.get("font-size", "0")) >= 11 for t in svg.iter(f"{ns}text"))
    assert int(folded.get("height")) < int(whole.get("height"))
    assert any(t.text == "…" for t in folded.iter(f"{ns}text"))


def test_the_home_page_and_the_tours_ask_for_the_anatomy() -> None:
    docgen = _docgen()
    assert docgen.ANATOMY_MARK.search((docgen.DOCS / "index.md").read_text(encoding="utf-8"))
    for tour in docgen.load_tours():
        page = docgen.tour_page(tour)
        assert docgen.ANATOMY_MARK.search(page)
        assert '<svg class="cable-anatomy"' in docgen.put_anatomies(page, "../../reference/grammar/")


def test_the_grammar_reference_marks_every_start_symbol_and_the_fragments_page_lists_them() -> None:
    from cablegrammar import _parser  # noqa: PLC0415

    docgen = _docgen()
    page = docgen.grammar_page(docgen.load_notes())
    starts = (*_parser.BLOCK_STARTS, *_parser.ITEM_STARTS)
    for rule in starts:
        assert "**Start symbol**" in _section(page, rule), rule
    marked = [doc.name for doc in docgen.documented_names() if "**Start symbol**" in _section(page, doc.name)]
    assert sorted(marked) == sorted(starts)
    listed = re.findall(r"^\| `([a-z_]+)`", (ROOT / "docs" / "fragments.md").read_text(encoding="utf-8"), re.MULTILINE)
    assert listed == list(starts)

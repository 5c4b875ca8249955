"""Recovery mode: read any text, keep what the grammar refuses as ``Unparsed`` items.

``cablegrammar.parse(text, recover=True)`` calls :func:`parse_recovering`.
It never raises on a ``str``; ``render`` of its result is the input, byte for
byte.  Like :mod:`cablegrammar.errors`, this module knows Lark: it drives
the LALR parser of :mod:`cablegrammar._parser` token by token.

How it works
============

1. The strict parser is tried first: a text the grammar accepts gives the
   very same cable as strict :func:`cablegrammar.parse`.
2. Otherwise a *scan* drives the LALR parser (without building a tree) and
   the contextual lexer by hand.  At each line start where the grammar
   accepts an ``UNPARSED`` token (a terminal the lexer never produces; see
   ``unparsed`` in ``cable.lark``) the parser state is remembered.  On a
   syntax error, the parser goes back to the last remembered line start and
   is fed one ``UNPARSED`` token holding the text from there to the end of
   the offending line; lexing resumes on the next line.  Mostly that is the
   offending line alone.  Before that, a line that fails at its own line
   start is read once more as the first of the text's items (the ``body``
   start symbol: an empty ``UNPARSED`` item first, left out of the model),
   where the body expects something the line's state did not; the restart
   is kept when the line then reads as an item, not as free text, so a text
   that starts with its SUBJECT or TAGS line reads them.  A text that ends
   where its items could begin (an envelope alone) ends with an empty item.
   Inside the envelope, where no line may be unparsed, the envelope lines
   before the offending one become the ``UNPARSED`` token and the offending
   line is read again, as text.
3. Lines that fail and run several parts of a cable together (flattened
   text: ``... TAGS: PTER, PK SUBJECT: ...``) get line breaks assumed
   before the keywords (E.O., TAGS, SUBJECT, REF, Classified By, numbered
   paragraphs) and the scan runs once more on that text, so classification,
   TAGS and SUBJECT are still read.  The assumed line breaks never reach
   the model's source text: every node's text is mapped back to the input.
4. The recorded tokens are fed once more, now building the tree, and
   :func:`cablegrammar.transform.to_model` makes the cable.

Each scan is one pass over the text (one parser copy per line start is a
few list copies of the short LALR stacks), so recovery stays linear.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import attrs
from lark import Token
from lark.exceptions import UnexpectedInput, UnexpectedToken

from cablegrammar import _lark_compat, _parser, _shapes, model, transform
from cablegrammar.errors import LINE_BREAK, CableSyntaxError, empty_text_error, from_lark_error

#: At most this many diagnostics are kept; a last one (CG190) counts the rest.
MAX_DIAGNOSTICS = 1000

_UNPARSED = "UNPARSED"
_LINE_END = re.compile(rf"{_shapes.group('LINE_END')}$")
_VISIBLE = re.compile(r"[^ \t\r\n]")
#: Keywords before which a line break is assumed in a run-on line, as the grammar spells them: the E.O. label
#: with its order and a colon, DECL or N/A after it (EO_LABEL_WITH_ORDER), TAGS and SUBJECT with a colon, a REF
#: or Classified By label (RUN_ON_FIELD_LABEL, with its colon; CLASSIFIED_BY_KW), a paragraph number (after two
#: blanks, before a marking or a capital).  Each must follow a blank, and the line must have visible text before
#: it.
_SOFT_BREAK = re.compile(
    rf"(?<=[ \t])(?:{_shapes.group('EO_LABEL_WITH_ORDER')}"
    rf"|{_shapes.group('TAGS_KW')}[ \t]*:|{_shapes.group('SUBJECT_KW')}[ \t]*:"
    rf"|{_shapes.group('RUN_ON_FIELD_LABEL')}|{_shapes.group('CLASSIFIED_BY_KW')}\b"
    rf"|(?<=[ \t][ \t]){_shapes.group('PARAGRAPH_NUMBER')}[ \t]+(?=[(A-Z]))"
)


#: What the diagnostic leaves out of an E.O. label it shows: the order and what follows it.
_EO_NUMBER = re.compile(r"[ \t:]*1[0-9]{3,4}\b.*$")


class _Lines:
    """Line starts of a text, for fast offset to (line, column) look-ups."""

    #: Lines longer than this are cut to a window around the column in
    #: diagnostics (the context shows about 100 characters anyway).
    WINDOW = 500

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [match.end() for match in LINE_BREAK.finditer(text)]

    def locate(self, offset: int) -> tuple[int, int, str]:
        """1-based line and column of ``offset`` (the line's text is left out: see :meth:`context`)."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1, ""

    def context(self, offset: int) -> str:
        """The line of ``offset`` with a caret, as :attr:`CableSyntaxError.context` shows it.

        Only a window of the line around the column is read, so that many
        problems on one very long line stay cheap; the context is the same.
        """
        index = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[index]
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        window_start = max(start, offset - self.WINDOW)
        window = _LINE_END.sub("", self.text[window_start : min(end, offset + self.WINDOW)])
        located = CableSyntaxError("", line=index + 1, column=offset - window_start + 1, offset=offset,
                                   source_line=window)
        return located.context

    def line_end(self, offset: int) -> int:
        """Offset just after the line ending of the line holding ``offset``."""
        index = bisect.bisect_right(self.starts, offset)
        return self.starts[index] if index < len(self.starts) else len(self.text)

    def line_start(self, offset: int) -> int:
        return self.starts[bisect.bisect_right(self.starts, offset) - 1]


@attrs.frozen
class _Error:
    """A syntax error met by a scan: the error and the line it swallowed."""

    error: CableSyntaxError
    line_start: int
    line_end: int


class _FreeTextError(Exception):
    """A line read again after a restart (see :meth:`_Scan.run`) reads as free text."""


class _Scan:
    """One recovering pass of the LALR parser over a prepared text (no tree built)."""

    def __init__(self, text: str, start: str = "start") -> None:
        self.text = text
        self.lines = _Lines(text)
        self.tokens: list[Token] = []
        self.errors: list[_Error] = []
        lark = _parser.get_pure_parser()  # drives Lark's parser state itself: plain lark, not lark-cython
        interactive = lark.parse_interactive(text, start=start)
        self._parser, self._states, self._lexer, lexer_state = _lark_compat.fresh_parser_state(interactive)
        assert lexer_state is not None
        self._lexer_state = lexer_state
        self._start = self._checkpoint(0)

    def _checkpoint(self, offset: int) -> tuple[int, list[Any], list[Any], int]:
        state = self._parser
        return offset, list(state.state_stack), list(state.value_stack), len(self.tokens)

    def _restore(self, checkpoint: tuple[int, list[Any], list[Any], int]) -> int:
        offset, states, values, count = checkpoint
        self._parser.state_stack[:] = states
        self._parser.value_stack[:] = values
        del self.tokens[count:]
        return offset

    def _lex_from(self, offset: int) -> Any:
        return self._lexer.lex(_lark_compat.lexer_state_at(self._lexer_state, offset), self._parser)

    def _feed_unparsed(self, checkpoint: tuple[int, list[Any], list[Any], int], end: int) -> None:
        start = self._restore(checkpoint)
        try:
            self._feed(Token(_UNPARSED, self.text[start:end], start_pos=start))
        except UnexpectedToken:  # pragma: no cover - an LALR look-ahead that does not shift
            start = self._restore(self._start)
            self._feed(Token(_UNPARSED, self.text[start:end], start_pos=start))

    def _feed(self, token: Token) -> None:
        self._parser.feed_token(token)
        self.tokens.append(token)

    def _resynchronize(self, checkpoint: tuple[int, list[Any], list[Any], int]) -> bool:
        """Restart at the checkpoint's line as the text's items (``body``): an empty UNPARSED item first.

        False, with nothing changed, where that leaves the parser expecting nothing it did not expect already
        (the line would fail again).
        """
        offset = self._restore(checkpoint)
        expected = self._states[self._parser.position].keys()
        self._feed(Token(_UNPARSED, "", start_pos=offset))
        if self._states[self._parser.position].keys() <= expected:
            self._restore(checkpoint)
            return False
        return True

    def run(self) -> None:
        text, states, parser = self.text, self._states, self._parser
        checkpoint = self._start
        offset = 0
        # A failing line is read again once as the first of the text's items (``resync``: its
        # checkpoint and end); kept only if it reads as an item, not as free text.
        resync: tuple[tuple[int, list[Any], list[Any], int], int] | None = None
        # Each round moves past at least one line, or gives one failing line a
        # second and a third chance: three rounds per line are enough.
        for _ in range(3 * len(self.lines.starts) + 2):
            try:
                for token in self._lex_from(offset):
                    start = token.start_pos
                    if resync is not None and start == resync[0][0] and token.type == _parser.TEXT_LINE:
                        raise _FreeTextError
                    if (start == 0 or text[start - 1] in "\r\n") and _UNPARSED in states[parser.position]:
                        checkpoint = self._checkpoint(start)
                    parser.feed_token(token)
                    self.tokens.append(token)
                # As Lark does: the end token borrows the last token's position.
                last = self.tokens[-1] if self.tokens else None
                end_token = Token.new_borrow_pos("$END", "", last) if last else Token("$END", "", 0, 1, 1)
                parser.feed_token(end_token, is_end=True)
                return
            except _FreeTextError:
                assert resync is not None
                # Read again, the line is only free text: it stays unparsed, as without the restart.
                self._feed_unparsed(*resync)
                offset, resync = resync[1], None
            except UnexpectedInput as exc:
                error = from_lark_error(exc, text, locate=lambda _text, at: self.lines.locate(at))
                if error.code == "CG102" and _UNPARSED in states[parser.position]:
                    # The text ends where its items could begin (an envelope or address block alone): it is
                    # read whole, the missing text is an empty item.
                    self.errors.append(_Error(error, len(text), len(text)))
                    self._feed(Token(_UNPARSED, "", start_pos=len(text)))
                    offset = len(text)
                    continue
                end = self.lines.line_end(error.offset)
                line_start = self.lines.line_start(error.offset)
                if resync is not None and resync[0][0] == line_start:
                    # The restarted line fails too: unparsed, as without the restart (its error is recorded).
                    self._feed_unparsed(*resync)
                    offset, resync = resync[1], None
                    continue
                self.errors.append(_Error(error, line_start, end))
                if checkpoint[0] < line_start == error.offset and _UNPARSED in states[parser.position]:
                    # The lexer refused a line: nothing of it reached the parser.
                    checkpoint = self._checkpoint(line_start)
                if checkpoint[0] < line_start:
                    # The lines since the checkpoint (an envelope cut short) are
                    # unparsed; the failing line gets a second chance as text.
                    end = line_start
                elif self._resynchronize(checkpoint):
                    resync, offset = (checkpoint, end), line_start
                    continue
                self._feed_unparsed(checkpoint, end)
                resync = None
                offset = end
        # Not reached; should it ever be, the whole text is one unparsed item.
        self._restore(self._start)  # pragma: no cover
        self._feed(Token(_UNPARSED, text, start_pos=0))  # pragma: no cover
        parser.feed_token(Token("$END", "", 0, 1, 1), is_end=True)  # pragma: no cover


def _soft_breaks(text: str, errors: Sequence[_Error]) -> list[int]:
    """Offsets (in ``text``) before which a line break is assumed, on the failing lines."""
    breaks: set[int] = set()
    for error in errors:
        start, end = error.line_start, error.line_end
        visible = _VISIBLE.search(text, start, end)
        if visible is None:
            continue
        for match in _SOFT_BREAK.finditer(text, visible.end(), end):
            breaks.add(match.start())
    return sorted(breaks)


def _build(tokens: Sequence[Token], start: str = "start") -> Any:
    """Feed recorded tokens (adjacent UNPARSED ones merged) to a tree-building parser."""
    merged: list[Token] = []
    run: list[Token] = []  # consecutive UNPARSED tokens, joined once (not one by one: quadratic)
    for token in [*tokens, None]:
        if token is not None and token.type == _UNPARSED:
            run.append(token)
            continue
        if run:
            merged.append(Token(_UNPARSED, "".join(run), start_pos=run[0].start_pos))
            run = []
        if token is not None:
            merged.append(token)
    interactive = _parser.get_pure_parser().parse_interactive("", start=start)  # fed lark Tokens: plain lark
    state = interactive.parser_state
    for token in merged:
        state.feed_token(token)
    return state.feed_token(Token("$END", ""), is_end=True)


class _OffsetMap:
    """Map offsets in a text with inserted line breaks back to the original text."""

    def __init__(self, breaks: Sequence[int]) -> None:
        self.inserted = [offset + index for index, offset in enumerate(breaks)]

    def __call__(self, offset: int) -> int:
        return offset - bisect.bisect_left(self.inserted, offset)


def _with_breaks(text: str, breaks: Sequence[int]) -> str:
    pieces = []
    previous = 0
    for offset in breaks:
        pieces.append(text[previous:offset])
        pieces.append("\n")
        previous = offset
    pieces.append(text[previous:])
    return "".join(pieces)


def _remap(cable: model.Cable, original: str, to_original: _OffsetMap) -> model.Cable:
    """Give every node its source text from ``original`` (undo assumed line breaks)."""
    cursor = 0

    def take(length: int) -> str:
        nonlocal cursor
        start, cursor = cursor, cursor + length
        return original[to_original(start) : to_original(cursor)]

    layout = cable.layout or model.CableLayout()
    layout = attrs.evolve(layout, leading_blank_lines=take(len(layout.leading_blank_lines)))

    def remap_node(node: Any) -> Any:
        if isinstance(node, model.Unparsed):
            start = cursor
            raw = take(len(node.layout.raw if node.layout else node.text))
            text = original[to_original(start) : to_original(start + len(node.text))]
            return model.Unparsed(text=text, layout=model.Layout(raw=raw, key=(text,)))
        if node.layout is None:  # pragma: no cover - parsed nodes always have a layout
            return node
        return attrs.evolve(node, layout=attrs.evolve(node.layout, raw=take(len(node.layout.raw))))

    # In source order: the head parts, then the items.
    head: dict[str, Any] = {part: remap_node(node) if (node := getattr(cable, part)) is not None else None
                            for part in model.HEAD_PARTS}
    items = [remap_node(item) for item in cable.items]
    return model.Cable(items=items, layout=layout, **head)


def _diagnostic(error: CableSyntaxError, offset: int, lines: _Lines) -> model.SyntaxDiagnostic:
    line, column, _ = lines.locate(offset)
    return model.SyntaxDiagnostic(
        code=error.code, message=error.message, line=line, column=column, offset=offset,
        expected=error.expected, context=lines.context(offset),
    )


def _break_diagnostic(offset: int, lines: _Lines) -> model.SyntaxDiagnostic:
    word = _SOFT_BREAK.match(lines.text, offset)
    shown = " ".join(word.group().split()) if word else ""
    shown = _EO_NUMBER.sub("", shown)
    error = CableSyntaxError(
        f"the line breaks seem lost: a line break is assumed before {shown!r}",
        line=1, column=1, offset=offset, code="CG104",
    )
    return _diagnostic(error, offset, lines)


def _cap(diagnostics: list[Callable[[], model.SyntaxDiagnostic]]) -> list[model.SyntaxDiagnostic]:
    """The diagnostics made, the first :data:`MAX_DIAGNOSTICS` at most; the last then counts the rest."""
    if len(diagnostics) <= MAX_DIAGNOSTICS:
        return [make() for make in diagnostics]
    kept = [make() for make in diagnostics[: MAX_DIAGNOSTICS - 1]]
    last = kept[-1]
    more = len(diagnostics) - len(kept)
    summary = attrs.evolve(last, code="CG190", message=f"{more} more problems are not listed", expected=frozenset())
    return [*kept, summary]


def _blank_cable(text: str) -> model.Cable:
    error = empty_text_error()
    diagnostic = model.SyntaxDiagnostic(
        code=error.code, message=error.message, line=1, column=1, offset=0, expected=error.expected,
        context=error.context,
    )
    items = [model.Unparsed(text=text, layout=model.Layout(raw=text, key=(text,)))] if text else []
    layout = model.CableLayout(final_newline=text.endswith(("\n", "\r")))
    return model.Cable(items=items, layout=layout, diagnostics=[diagnostic])


def parse_recovering(text: str, start: str = "start") -> model.Cable:
    """Parse ``text`` in recovery mode (see the module docstring); never raises on a ``str``.

    >>> cable = parse_recovering("VZCZCXRO7895\\nUNCLAS STATE 000001\\nTAGS: PREL\\n")
    >>> cable.tags, cable.unparsed[0].text, cable.diagnostics[0].code
    (('PREL',), 'VZCZCXRO7895\\n', 'CG100')
    """
    if not text.strip():
        return _blank_cable(text)
    final_newline = text.endswith(("\n", "\r"))
    prepared = text if final_newline else text + "\n"
    try:
        return transform.to_model(_parser.parse_tree(prepared, start), final_newline=final_newline)
    except UnexpectedInput:
        pass
    lines = _Lines(prepared)
    scan = _Scan(prepared, start)
    scan.run()
    breaks = _soft_breaks(prepared, scan.errors)
    # Diagnostics are made when kept (see _cap): a long damaged text has many more problems than are listed.
    diagnostics: list[tuple[int, Callable[[], model.SyntaxDiagnostic]]] = []
    if breaks:
        broken_lines = {lines.line_start(offset) for offset in breaks}
        for error in scan.errors:
            if error.line_start in broken_lines:
                diagnostics.append((error.error.offset, partial(_diagnostic, error.error, error.error.offset, lines)))
        diagnostics += [(offset, partial(_break_diagnostic, offset, lines)) for offset in breaks]
        to_original = _OffsetMap(breaks)
        scan = _Scan(_with_breaks(prepared, breaks), start)
        scan.run()
        for error in scan.errors:
            offset = min(to_original(error.error.offset), len(text))
            diagnostics.append((offset, partial(_diagnostic, error.error, offset, lines)))
        built = transform.to_model(_build(scan.tokens, start), final_newline=final_newline)
        cable = _remap(built, prepared, to_original)
    else:
        for error in scan.errors:
            offset = min(error.error.offset, len(text))
            diagnostics.append((offset, partial(_diagnostic, error.error, offset, lines)))
        cable = transform.to_model(_build(scan.tokens, start), final_newline=final_newline)
    diagnostics.sort(key=lambda pair: pair[0])
    cable = _exact_last_item(_without_restarts(cable), final_newline)
    return attrs.evolve(cable, diagnostics=_cap([make for _, make in diagnostics]))


def _exact_last_item(cable: model.Cable, final_newline: bool) -> model.Cable:
    """An Unparsed last item holds the input's exact text, without the line ending parsing added."""
    if final_newline or not cable.items or not isinstance(cable.items[-1], model.Unparsed):
        return cable
    last = cable.items[-1]
    raw = last.layout.raw if last.layout else last.text
    exact = last.text[:-1] if last.text.endswith("\n") and raw.endswith("\n") else last.text
    fixed = model.Unparsed(text=exact, layout=model.Layout(raw=raw, key=(exact,)))
    return attrs.evolve(cable, items=[*cable.items[:-1], fixed])


def _without_restarts(cable: model.Cable) -> model.Cable:
    """Leave out the empty Unparsed items that mark where the scan restarted (they hold no text)."""
    items = [item for item in cable.items if not (isinstance(item, model.Unparsed) and not _source(item))]
    return cable if len(items) == len(cable.items) else attrs.evolve(cable, items=items)


def _source(item: model.Unparsed) -> str:
    return item.layout.raw if item.layout else item.text

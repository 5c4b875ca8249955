"""LarkNode to model: the only module that knows both Lark trees and the model.

Each item of the parse tree becomes one model object.  The item's exact
source text (every token of its subtree, blank lines after it included)
becomes its :class:`~cablegrammar.model.Layout`, so rendering gives the
input back byte for byte.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple, TypeVar

import attrs

from cablegrammar import _shapes, interpret, model
from cablegrammar.errors import LINE_BREAK
from cablegrammar.model import MARKING_START, PORTION_MARKING, Layout

#: A Lark tree or token (lark's or lark-cython's).  Lark is imported lazily,
#: with the parser (see cablegrammar._parser), so nodes are told apart by their
#: attributes: trees have ``data`` and ``children``, tokens ``type`` and ``value``.
LarkNode = Any

_Node = TypeVar("_Node")
#: One line of a (fused) TEXT_LINE token, without its trailing blanks and line ending.
_LINES = re.compile(rf"([^\r\n]*?){_shapes.group('NEWLINE')}")

def _raw(node: LarkNode) -> str:
    children = getattr(node, "children", None)
    if children is None:
        return str(node.value)
    try:  # the common case: a line item, all of whose children are tokens
        return "".join([child.value for child in children])
    except AttributeError:  # trees have no .value
        return "".join([_raw(child) for child in children])


def _head(pieces: Iterable[str], size: int) -> str:
    """The first ``size`` characters (at least) of the concatenated ``pieces``, joined lazily."""
    parts: list[str] = []
    length = 0
    for piece in pieces:
        if length >= size:
            break
        parts.append(piece)
        length += len(piece)
    return "".join(parts)


def _tokens(tree: LarkNode, kind: str) -> list[str]:
    return [child.value for child in tree.children if getattr(child, "type", None) == kind]


def _token(tree: LarkNode, kind: str) -> str | None:
    for child in tree.children:
        if getattr(child, "type", None) == kind:
            return str(child.value)
    return None


def _line(token_text: str) -> str:
    """A whole-line token without its trailing blanks and line ending."""
    return token_text.rstrip(" \t\r\n")


def _text_lines(token_text: str) -> list[str]:
    """The lines of a TEXT_LINE token (one or more whole lines, see ``_parser``), each as ``_line``."""
    if "\r" in token_text:
        return _LINES.findall(token_text)
    # The common case, "\n" endings only: str.split is far cheaper than the regex.
    return [line.rstrip(" \t") for line in token_text.split("\n")[:-1]]


_EQ_FIELDS: dict[type[Any], tuple[str, ...]] = {}


def _semantic_key(node: Any) -> tuple[Any, ...]:
    """:func:`cablegrammar.model.semantic_key`, with the field names cached per class."""
    names = _EQ_FIELDS.get(type(node))
    if names is None:
        names = _EQ_FIELDS[type(node)] = tuple(f.name for f in attrs.fields(type(node)) if f.eq)
    return tuple([getattr(node, name) for name in names])


def _evolve_layout(node: _Node, raw: str) -> _Node:
    """Attach the source text (and the semantic values it spells) to a new node.

    The node was just built here and is not shared yet, so its layout is set
    in place (as attrs' own ``__init__`` does) rather than through a copy.
    """
    object.__setattr__(node, "layout", Layout(raw=raw, key=_semantic_key(node)))
    return node


# ---------------------------------------------------------------------------
# Envelope
# ---------------------------------------------------------------------------


#: An ADDRESS_LINE or ROUTED_ADDRESS_LINE token (one token, see cable.lark) split into its pieces.
_ADDRESS_LINE = re.compile(
    rf"(?:(?P<indicator>{_shapes.regexp('ADDRESS_ROUTING_INDICATOR')})/)?{_shapes.group('ADDRESSEE_NAME', 'name')}"
    rf"(?:[ \t]+{_shapes.group('PRECEDENCE_WORD', 'precedence')})?"
    rf"(?:[ \t]+{_shapes.group('ADDRESSEE_SERIAL', 'serial')})?"
)


def _address(tree: LarkNode) -> model.Addressee | None:
    if tree.data == "page_header_in_addresses":
        return None
    line = tree.children[0].value
    # An ADDRESS_LINE never starts like a routing indicator and slash (the grammar's lookahead).
    indicator, name, word, serial = _ADDRESS_LINE.match(line).groups()  # type: ignore[union-attr]
    return model.Addressee(
        name=name,
        routing_indicator=indicator,
        precedence=interpret.Precedence.from_word(word) if word else None,
        serial=serial,
    )


def _addresses(section: LarkNode) -> tuple[model.Addressee, ...]:
    found = (_address(child) for child in section.children if hasattr(child, "data"))
    return tuple(address for address in found if address is not None)


_FAMILIES = {"acp127_envelope": "acp127", "short_envelope": "short", "distribution_envelope": "distribution",
             "address_envelope": "addresses"}


def _envelope(tree: LarkNode) -> model.Envelope:
    """An envelope node; an ``address_block`` alone (a fragment) is the addresses family."""
    alone = tree.data == "address_block"
    parts = [tree] if alone else tree.children
    fields: dict[str, Any] = {"family": "addresses" if alone else _FAMILIES[str(tree.data)]}
    signals: list[str] = []
    for part in parts:
        if not hasattr(part, "data"):
            continue
        name = part.data
        if name == "transmission_line":
            fields["transmission_id"] = _token(part, "TRANSMISSION_ID")
        elif name == "routing_line":
            fields["routing_prosign"] = _token(part, "PRECEDENCE_PROSIGN")
            fields["routing_indicators"] = _tokens(part, "ROUTING_INDICATOR")
        elif name == "station_line":
            fields["station"] = _token(part, "ROUTING_INDICATOR")
            serial = (_token(part, "STATION_SERIAL") or "#").lstrip("#")
            number, _, section = serial.partition("/")
            fields["station_serial"] = number
            fields["station_section"] = section or None
            fields["filing_time"] = _token(part, "FILING_TIME")
        elif name == "security_line":
            fields["security_warning"] = _token(part, "SECURITY_WARNING")
            fields["security_group"] = _token(part, "SECURITY_GROUP")
            signals += _tokens(part, "OPERATING_SIGNAL")
        elif name == "dtg_line":
            fields["precedence_letters"] = _tokens(part, "PRECEDENCE_LETTER")
            dtg = _token(part, "DATE_TIME_GROUP")
            fields["date_time_group"] = " ".join(dtg.split()) if dtg else None
            signals += _tokens(part, "OPERATING_SIGNAL")
        elif name == "address_block":
            _address_block(part, fields)
        elif name == "distribution_list":
            fields["distribution"] = _distribution_list(part)
    fields["operating_signals"] = signals
    return _evolve_layout(model.Envelope(**fields), _raw(tree))


#: The words of a distribution list line: an office with its copies, a "(OFFICE)" note, the total.
_DISTRIBUTION_WORD = re.compile(r"([A-Z]+)-([0-9]{2})|\(([A-Z]+)\)|/([0-9]{3}) ?([A-Z])")
_DISTRIBUTION_STAMP = re.compile(r"-+([0-9A-F]{6})[ \t]+([0-9]{6}Z)[ \t]+/([0-9]{2})")


_DRAFTING_FIELDS = {
    "DRAFTING_SERIAL_LINE": "serial",
    "DRAFTING_SOURCE_LINE": "source",
    "DRAFTED_BY_LINE": "drafted_by",
    "APPROVED_BY_LINE": "approved_by",
}
_DRAFTING_LABEL = re.compile(r"^(?:SOURCE:|(?:DRAFTED|APPROVED)[ \t]+BY:?)")
def _archive_heading(text: str) -> model.ArchiveHeading:
    """An ARCHIVE_HEADING token's parts, read off its words: the banner line's (classification, print queue
    number) if the token has one, then the page header's (PAGE, page, post, serial, section, time, tail)."""
    lines = [line.split() for line in LINE_BREAK.split(text) if line.strip()]
    fields: dict[str, Any] = {}
    if len(lines) == 2:  # the banner line: the classification, maybe the print queue number last
        banner = lines.pop(0)
        if banner[-1].startswith("PTQ"):
            fields["print_queue"] = banner.pop()
        fields["banner"] = " ".join(banner)
    _, page, *words = lines[0]
    serial = next(index for index, word in enumerate(words) if word.isdigit() and len(word) in (5, 6))
    fields.update(page=int(page), post=" ".join(words[:serial]), serial=words[serial])
    rest = words[serial + 1 :]
    if len(rest) >= 3 and rest[1] == "OF":
        fields["section"], rest = " ".join(rest[:3]), rest[3:]
    if rest and rest[0].endswith("Z") and rest[0][:-1].isdigit():
        fields["time"], rest = rest[0], rest[1:]
    if rest:
        fields["tail"] = " ".join(rest)
    return model.ArchiveHeading(**fields)


#: The lines above a distribution list: the field each gives, and how.
_HEAD_OF_LIST: dict[str, tuple[str, Callable[[str], Any]]] = {
    "ARCHIVE_HEADING": ("heading", _archive_heading),
    "DISTRIBUTION_PRINT_CODE_LINE": ("print_code", lambda text: text.strip(" \t\r\n")),
}


def _distribution_list(tree: LarkNode) -> model.DistributionList:
    """ACTION / ORIGIN line, INFO lines and stamp line to a :class:`~cablegrammar.model.DistributionList`."""
    fields: dict[str, Any] = {}
    info: list[model.OfficeCopies] = []
    notes: list[str] = []
    drafting: dict[str, str] = {}
    clearances: list[str] = []
    for token in tree.children:
        kind = token.type
        if kind in _HEAD_OF_LIST:
            fields[_HEAD_OF_LIST[kind][0]] = _HEAD_OF_LIST[kind][1](token.value)
        elif kind == "DISTRIBUTION_ACTION_LINE":
            keyword, *offices = token.value.split()
            fields["action_keyword"] = keyword
            fields["action"] = [model.OfficeCopies(office=o[0], copies=int(o[1]))
                                for o in (office.rsplit("-", 1) for office in offices)]
        elif kind in ("DISTRIBUTION_INFO_LINE", "DISTRIBUTION_CONTINUATION_LINE"):
            for office, copies, note, total, letter in _DISTRIBUTION_WORD.findall(token.value):
                if office:
                    info.append(model.OfficeCopies(office=office, copies=int(copies)))
                elif note:
                    notes.append(note)
                else:  # the grammar puts the total last
                    fields["total"] = total + letter
        elif kind == "CLEARANCE_LINE":
            clearances += token.value.split()
        elif kind in _DRAFTING_FIELDS:
            # The grammar's blanks only: a no-break space is text to DRAFTED_BY_LINE, as to the model.
            drafting[_DRAFTING_FIELDS[kind]] = _DRAFTING_LABEL.sub("", token.value).strip(" \t\r\n")
        elif kind == "DISTRIBUTION_STAMP_LINE":
            number, time, code = _DISTRIBUTION_STAMP.search(token.value).groups()  # type: ignore[union-attr]
            fields["stamp"] = model.DistributionStamp(number=number, time=time, code=code)
    if drafting:
        fields["drafting"] = model.Drafting(**drafting, clearances=clearances)
    node = model.DistributionList(info=info, notes=notes, **fields)
    return _evolve_layout(node, _raw(tree))


def _address_block(block: LarkNode, fields: dict[str, Any]) -> None:
    to: list[model.Addressee] = []
    info: list[model.Addressee] = []
    exempted: list[model.Addressee] = []
    for section in block.children:
        if not hasattr(section, "data"):
            continue
        if section.data == "from_line":
            fields["sender"] = _token(section, "ADDRESSEE_NAME")
        elif section.data == "to_section":
            to += _addresses(section)
        elif section.data == "info_section":
            info += _addresses(section)
        elif section.data == "xmt_section":
            exempted += _addresses(section)
    fields.update(to=to, info=info, exempted=exempted)


# ---------------------------------------------------------------------------
# Text items
# ---------------------------------------------------------------------------

#: The classification words as squeezed (no blanks), to the standard word.
_CLASSIFICATION_WORDS = {
    "TOPSECRET": "TOP SECRET", "SECRET": "SECRET", "CONFIDENTIAL": "CONFIDENTIAL",
    "LIMITEDOFFICIALUSE": "LIMITED OFFICIAL USE", "UNCLASSIFIED": "UNCLASSIFIED", "UNCLAS": "UNCLASSIFIED",
    "UNCLASEFTO": "UNCLASSIFIED",
}
#: The same with the first letter doubled or lost (SSECRET, NCLAS): CLASSIFICATION_WORD reads some of them.
_CLASSIFICATIONS = {
    spelt: standard
    for word, standard in _CLASSIFICATION_WORDS.items()
    for spelt in (word, word[0] + word, word[1:])
}


def normalize_classification(word: str) -> str:
    """``C O N F I D E N T I A L`` / ``S e c r e t`` / ``UNCLAS`` to the standard word."""
    word = word.lstrip(' \t"')  # an indented line, or a stray quote before it
    squeezed = "".join(word.upper().split())
    return _CLASSIFICATIONS.get(squeezed, " ".join(word.upper().split()))


def _classification_line(tree: LarkNode) -> model.ClassificationLine:
    word = _token(tree, "CLASSIFICATION") or ""
    caveat = (_token(tree, "CLASSIFICATION_CAVEAT") or "").strip("/").strip()
    counter = _token(tree, "SECTION_COUNTER")
    section = None
    if counter:
        numbers = [int(n) for n in re.findall(r"[0-9]+", counter)]
        section = (numbers[0], numbers[1])
    tail = _token(tree, "CLASSIFICATION_LINE_TAIL") or _token(tree, "GLUED_CLASSIFICATION_TAIL") or ""
    caveats = ([caveat] if caveat else []) + list(interpret.marking_words(tail))
    return model.ClassificationLine(
        classification=normalize_classification(word),
        origin=" ".join((_token(tree, "MRN_ORIGIN") or "").split()),
        serial=_token(tree, "MRN_SERIAL") or "",
        section=section,
        caveats=caveats,
        tail=tail,
    )


def _eo_line(tree: LarkNode) -> model.EOLine:
    instruction = (_token(tree, "EO_DECLASSIFICATION") or "").strip()
    return model.EOLine(
        order=_token(tree, "EO_ORDER") or "",
        declassification=instruction.lstrip(":").strip(),
        tags=_tag_list(tree),
    )


_TAG = re.compile(r"[^\s,;(]+(?:\s*\([^)]*\))?|\([^)]*\)")


def split_tags(text: str) -> tuple[str, ...]:
    """Split a TAGS value on spaces and commas, keeping person tags whole.

    >>> split_tags("OVIP (STEINBERG, JAMES B.), PREL, PARM")
    ('OVIP (STEINBERG, JAMES B.)', 'PREL', 'PARM')
    """
    return tuple(" ".join(match.split()) for match in _TAG.findall(text))


def _tags_line(tree: LarkNode) -> model.TagsLine:
    return model.TagsLine(tags=_tag_list(tree))


def _tag_list(tree: LarkNode) -> tuple[str, ...]:
    """The tags of a TAGS line or of the TAGS run on after an E.O. line, wrapped lines included."""
    parts = [_token(tree, "TAG_LIST") or _token(tree, "TAG_LIST_BEFORE_SUBJECT") or ""]
    parts += [_line(line) for line in _tokens(tree, "TAGS_CONTINUATION_LINE")]
    return split_tags(" ".join(parts))


def _joined(first: str | None, more: Iterable[str]) -> str:
    lines = [line.strip() for line in more]  # strip() drops the line ending and blanks too
    if first:
        lines.insert(0, first.strip())
    return " ".join([line for line in lines if line])


def _continuations(tree: LarkNode) -> list[str]:
    """The continuation lines of an open item, one string per line (blank-line prefixes dropped)."""
    lines: list[str] = []
    for child in tree.children:
        kind = getattr(child, "type", None)
        if kind == "TEXT_LINE":
            lines += _text_lines(child.value)
        elif kind in _CONTINUATIONS:
            lines.append(_strip_blank_prefix(child.value))
    return lines


def _subject(tree: LarkNode) -> model.Subject:
    return model.Subject(text=_joined(_token(tree, "SUBJECT_TEXT"), _continuations(tree)))


_CONTINUATIONS = {"SUBJECT_WRAP_AFTER_BLANK", "REF_ITEM_AFTER_BLANK", "TEXT_BEFORE_FIELD"}
_BLANK_PREFIX = re.compile(rf"^{_shapes.group('BLANK_LINES')}")
# "U.S." and "E.O." are abbreviations, not item letters: a letter-dot label
# is never followed by another letter-dot.
_REF_LABEL = re.compile(r"(?:^|(?<=[\s;,]))¶?(?:\(([A-Z])\)|\[([A-Z])\]|([A-Z])[.):](?![A-Z]\.))(?=\s|[A-Z0-9(])")


def _strip_blank_prefix(text: str) -> str:
    return _BLANK_PREFIX.sub("", text)


# Lower-case labels (a. State 77660 / b. Berlin 1000) count only when they run a, b, c ... from the start.
# WikiLeaks' anchor is upper case whatever the original letter was: "a. State 131559 / ¶B. Berlin 1770"
# (07STATE135366) runs a, b.
_REF_LOWER_LABEL = re.compile(
    r"(?:^|(?<=[\s;,]))(?:¶([A-Z])[.)]|¶?(?:\(([a-z])\)|\[([a-z])\]|([a-z])[.)](?![a-z]\.)))(?=\s)"
)


def _letter(match: re.Match[str]) -> str:
    """The label letter of a ``_REF_LABEL`` or ``_REF_LOWER_LABEL`` match (the one group that matched)."""
    return next(group for group in match.groups() if group)


def _labels(text: str) -> list[tuple[int, int, str]]:
    """The item labels of a REF text as (start, end, upper-case letter); empty when it does not open with one."""
    found = [(m.start(), m.end(), _letter(m)) for m in _REF_LABEL.finditer(text)]
    if not (found and found[0][0] == 0):
        found = [(m.start(), m.end(), _letter(m)) for m in _REF_LOWER_LABEL.finditer(text)]
        letters = [letter.lower() for _, _, letter in found]
        if not (found and found[0][0] == 0 and letters == [chr(ord("a") + i) for i in range(len(letters))]):
            return []
    labels: list[tuple[int, int, str]] = []
    for start, end, letter in found:
        previous = labels[-1] if labels else None
        # A doubled label is one: the same letter twice (A. A)), or WikiLeaks' anchor (¶C.) before the
        # original's letter, which counts: the anchors are numbered off where a wrapped line was taken for an
        # item (06PARIS1031). Other letters with nothing between them are two items, the first one empty.
        if (
            previous is not None
            and not text[previous[1] : start].strip()
            and (previous[2] == letter.upper() or text.startswith("¶", previous[0]))
        ):
            labels[-1] = (previous[0], end, letter.upper())
        else:
            labels.append((start, end, letter.upper()))
    return labels


def split_references(text: str) -> tuple[model.Reference, ...]:
    """Split a REF block's text into lettered items.

    A label written twice, the WikiLeaks anchor and then the original (``A. A) 04 STATE 274965``, or
    ``¶C. (B) ...``), is one label with the inner, original letter; lower-case labels count when they run
    a, b, c ... from the start.  Two different letters with nothing between them and no anchor are two
    items, the first one empty.

    >>> split_references("A. BAKU 00837 B. BAKU 00836")
    (Reference(label='A', text='BAKU 00837'), Reference(label='B', text='BAKU 00836'))
    >>> split_references("a. State 77660 b. Berlin 1000")
    (Reference(label='A', text='State 77660'), Reference(label='B', text='Berlin 1000'))
    >>> split_references("a. State 131559 ¶B. Berlin 1770")
    (Reference(label='A', text='State 131559'), Reference(label='B', text='Berlin 1770'))
    >>> split_references("A. A) 04 STATE 274965 B. B) MADRID 156")
    (Reference(label='A', text='04 STATE 274965'), Reference(label='B', text='MADRID 156'))
    >>> [r.label for r in split_references("A. STATE 1 B. C. STATE 3")]
    ['A', 'B', 'C']
    """
    labels = _labels(text)
    if not labels:
        return (model.Reference(label=None, text=text.strip()),) if text.strip() else ()
    references = []
    for index, (_, end, letter) in enumerate(labels):
        stop = labels[index + 1][0] if index + 1 < len(labels) else len(text)
        references.append(model.Reference(label=letter, text=text[end:stop].strip(" ;,\t")))
    return tuple(references)


def _references(tree: LarkNode) -> model.References:
    text = _joined(_token(tree, "REF_TEXT") or _token(tree, "REF_TEXT_BEFORE_PARAGRAPH"), _continuations(tree))
    return model.References(references=split_references(text))


_REASONS_START = re.compile(
    r"[\s,;.:-]*(?:\b(?:for|per|FOR|PER)\s+)?(?:\b[Rr][Ee][Aa][Ss]?[Oo]?[Nn]?[Ss]?(?:\([Ss]\))?\b|\bREASONS?\b|(?=\b1\s*\.\s*[2456]\b))"
)
_REASON_SECTION = re.compile(r"\b(1\s*\.\s*[2456])")
_TRAILING_CONNECTOR = re.compile(r"\s+(?:for|per|FOR|PER)\s*$")
_REASON_LETTERS = re.compile(r"(?<![A-Za-z])([a-hA-H])(?![A-Za-z])")
#: The list of reason letters right after the section number, and nothing after it: "(b) and (d)", "B, D",
#: "(a,b,c,d)", "(b)(d)", "(b. and d.)", "(b) and 1.4(d)".  "(C)" followed by a capitalised word is the portion
#: marking of text run on after the line ("... 1.4(d) (C) We delivered ..."), no reason.
_REASON_LIST = re.compile(
    r"\.?(?:(?:\s*(?:[,;/&+-]|\b(?:and|AND|And|or|OR)\b))*\s*(?:1\s*\.\s*[2456]\s*)?"
    r"(?!\(\s*C\s*\)\s+(?!(?:and|AND|And|or|OR)\b)[A-Z][A-Za-z])\(?\s*(?<![A-Za-z])[a-hA-H](?![A-Za-z])\.?\s*\)?)+"
)
#: "and" with a stray blank inside ("(B) A ND (D)", "(B) an d (D)"): its letters are no reasons.
_SPLIT_AND = re.compile(r"\b(?:[Aa][ \t]+[Nn][Dd]|[Aa][Nn][ \t]+[Dd])\b")
#: The reason word of a line that gives no section number.
_REASON_WORD = re.compile(r"[\s,;.:-]*\b(?:(?:for|FOR|For)\s+)?(?:[Rr]easons?|REASONS?)\b")


def split_classified_by(text: str) -> tuple[str, tuple[str, ...]]:
    """Split a Classified By text into the classifier and the reason codes.

    >>> split_classified_by("Charge d'Affaires Donald Lu for reasons 1.4 (b, d).")
    ("Charge d'Affaires Donald Lu", ('1.4(b)', '1.4(d)'))
    >>> split_classified_by("CHARGE MICHAEL GFOELLER FOR REASONS 1.4 (B) A ND (D)")[1]
    ('1.4(b)', '1.4(d)')
    >>> split_classified_by("Political Counselor Richard Mills for reasons 1.4 (B) an d (D).")[1]
    ('1.4(b)', '1.4(d)')
    >>> split_classified_by("Counselor Donald A. Blome for reason 1.4(d) (C) We delivered the demarche")[1]
    ('1.4(d)',)
    >>> split_classified_by("Acting Deputy Ambassador Joseph A. Mussomeli; Reasons ( b) and (d)")
    ('Acting Deputy Ambassador Joseph A. Mussomeli', ())
    """
    section = _REASON_SECTION.search(text)
    if section is None:  # "...; Reasons ( b) and (d)": the name ends at the reason word all the same
        word = _REASON_WORD.search(text)
        return (text[: word.start()] if word else text).strip().rstrip(".,;:- "), ()
    start = _REASONS_START.search(text[: section.start()] + " ", 0)
    classifier_end = start.start() if start and start.start() < section.start() else section.start()
    # Prefer the last "reason" word before the section number.
    for match in _REASONS_START.finditer(text, 0, section.start()):
        if match.end() <= section.start() and match.group().strip():
            classifier_end = match.start()
    number = "".join(section[1].split())
    listed = _REASON_LIST.match(_SPLIT_AND.sub("and", text[section.end() :]))
    letters = _REASON_LETTERS.findall(listed.group()) if listed else []
    reasons = tuple(dict.fromkeys(f"{number}({letter.lower()})" for letter in letters)) or (number,)
    # "... Davies per 1.4 (b)": a bare "for"/"per" before the number is no part of the name.
    classifier = _TRAILING_CONNECTOR.sub("", text[:classifier_end]).strip(" ,;.:-")
    return classifier, reasons


def _classified_by(tree: LarkNode) -> model.ClassifiedBy:
    first = (_token(tree, "CLASSIFIED_BY_TEXT") or _token(tree, "CLASSIFIED_BY_TEXT_BEFORE_PARAGRAPH")
             or _token(tree, "CLASSIFIED_BY_TEXT_BEFORE_MARKED_TEXT"))
    return _classified_by_text(_joined(first, _continuations(tree)))


def _classified_by_text(text: str) -> model.ClassifiedBy:
    classifier, reasons = split_classified_by(text)
    return model.ClassifiedBy(classifier=classifier, reasons=reasons, text=text)


def _marked_line(raw: str) -> int:
    """Where, in a continuation line of a Classified By source, text opens with a portion marking and a
    capitalised word (the grammar's RUN_ON_MARKED_TEXT) at the line's start or after blanks, or 0."""
    first_end = raw.find("\n")
    if first_end < 0 or "(" not in raw[first_end:]:
        return 0  # the common case, decided without a regex
    found = _marked_text_start().search(raw, first_end)
    return found.end() if found else 0


@functools.cache
def _marked_text_start() -> re.Pattern[str]:
    marked = _shapes.regexp("RUN_ON_MARKED_TEXT")
    return re.compile(rf"(?:(?<=[\r\n])[ \t]*|[ \t]+)(?=(?:{marked}))")


_NUMBER = re.compile(r"[0-9]+")
#: A PARAGRAPH_HEAD_LINE token (one token, see cable.lark) split into number, portion marking and text.
#: The grammar's pieces; the number may also be a list item's ``1)`` (:func:`read_parenthesis_heads`).
_PARAGRAPH_HEAD = re.compile(
    rf"(?P<number>{_shapes.group('PARAGRAPH_NUMBER')}|[ \t]*¶?[1-9][0-9]{{0,2}}\))"
    rf"(?:{_shapes.group('WS')}?(?P<marking>{PORTION_MARKING}))?"
    rf"(?:{_shapes.group('WS')}?{_shapes.group('PARAGRAPH_TEXT', 'text')})?"
)


def _is_marking_prefix(content: str) -> bool:
    """Is ``content`` (after the open parenthesis) the start of a portion marking: ``S//REL CHINA,``, ``S//REL``?"""
    from cablegrammar.values import parse_marking  # noqa: PLC0415 - only for the rare unclosed parenthesis

    content = content.rstrip(" \t,/")
    if parse_marking(content) is not None:
        return True
    head, slash, last = content.rpartition("/")  # "S//REL" and "S//REL TO": the countries come on the next line
    return bool(slash) and " ".join(last.upper().split()) in ("REL", "REL TO") and parse_marking(head) is not None


def wrapped_marking(first: str, text: str) -> tuple[str, str] | None:
    """A portion marking that the source wrapped onto the paragraph's second line, or None.

    ``first`` is the head line's text after the number and ``text`` the
    paragraph's joined text.  The head line opens a parenthesis that it does
    not close, what it holds so far is the start of a marking
    (:func:`cablegrammar.values.parse_marking`), and the joined text opens
    with a whole marking, as the grammar's ``PORTION_MARKING`` reads it on a
    head line.  Returns the marking and the text after it.

    >>> wrapped_marking("(S//REL AFGHANISTAN, KYRGYZSTAN,", "(S//REL AFGHANISTAN, KYRGYZSTAN, TAJIKISTAN): Act.")
    ('S//REL AFGHANISTAN, KYRGYZSTAN, TAJIKISTAN', ': Act.')
    >>> wrapped_marking("(Comment: Despite a history of", "(Comment: Despite a history of talks) ...") is None
    True
    """
    from cablegrammar.values import parse_marking  # noqa: PLC0415 - only for the rare unclosed parenthesis

    if not first.startswith("(") or ")" in first or not _is_marking_prefix(first[1:]):
        return None
    match = MARKING_START.match(text)
    if match is None or parse_marking(match[0]) is None:
        return None
    return match[0][1:-1].strip(), text[match.end() :].lstrip()


def _paragraph(tree: LarkNode, children: list[Any] | None = None) -> model.Paragraph:
    """A paragraph from its head line, text lines and page turns (``children``: the tree's, less trailing turns)."""
    return _paragraph_of(tree.children if children is None else children)


def _paragraph_of(children: list[Any]) -> model.Paragraph:
    """A paragraph from its tokens (anything with the token's ``type`` and ``value``)."""
    number = marker = first = None
    more: list[str] = []
    pages: list[list[str]] = []  # the text lines after each turn, when the paragraph has page or stamp turns
    turns: list[model.PageBreak | model.DeclassificationStamp] = []  # what each turn is over
    for child in children:
        if child.type == "TEXT_LINE":
            (pages[-1] if pages else more).extend(_text_lines(child.value))
        elif child.type in _TURNS:
            turns.append(_turn_line(child.type, child.value)[1])
            pages.append([])
        elif (head := _PARAGRAPH_HEAD.match(child.value)) is not None:  # PARAGRAPH_HEAD_LINE
            number, marker, first = head.groups()
    number_match = _NUMBER.search(number or "0")
    marking = marker[1:-1].strip() if marker else None
    text = _joined(first, more)
    offsets: list[int] = []
    for lines in pages:  # each page's text runs on after a space, as a wrapped line does
        offsets.append(len(text) + 1 if text else 0)
        page = _joined(None, lines)
        text = f"{text} {page}" if text and page else text or page
    # "2. (S//REL AFGHANISTAN, KYRGYZSTAN," / "TAJIKISTAN): ...": the marking wrapped; the line break is layout.
    if marker is None and first and (more or pages) and (wrapped := wrapped_marking(first, text)) is not None:
        cut = len(text) - len(wrapped[1])
        marking, text = wrapped
        offsets = [max(offset - cut, 0) for offset in offsets]
    placed = list(zip(offsets, turns, strict=True))
    return model.Paragraph(
        number=int(number_match.group()) if number_match else 0,
        marking=marking,
        text=text,
        page_turns=[model.PageTurn(offset=o, page_break=t) for o, t in placed if isinstance(t, model.PageBreak)],
        stamp_turns=[model.StampTurn(offset=o, stamp=t) for o, t in placed
                     if isinstance(t, model.DeclassificationStamp)],
    )


#: The tokens of the lines a paragraph runs on across: a page break, a declassification stamp.
_TURNS = frozenset({"PAGE_TURN", "STAMP_TURN"})


def _turn_line(kind: str, token_text: str) -> tuple[str, model.PageBreak | model.DeclassificationStamp, str]:
    """A PAGE_TURN or STAMP_TURN token's blank lines before its line, the line as a node, and the lines after.

    The turn's line is its visible lines (a stamp may wrap before "Systematic Review": two lines).
    """
    lines = token_text.splitlines(keepends=True)
    visible = [i for i, line in enumerate(lines) if line.strip()]
    start, end = visible[0], visible[-1] + 1
    line = "".join(lines[start:end])
    node = _declassification_stamp(line) if kind == "STAMP_TURN" else model.PageBreak(text=_line(line))
    return "".join(lines[:start]), _evolve_layout(node, line), "".join(lines[end:])


def _paragraph_items(tree: LarkNode) -> list[tuple[Any, str]]:
    """A paragraph that ends with page or stamp turns: the paragraph, then each turn as a page-break or stamp item.

    Turns after the last text line are page breaks or stamps between two items
    (the grammar's lookahead only says that a visible line follows): they are
    items of their own, with the same source text as before there were turns.
    """
    children = list(tree.children)
    trailing: list[tuple[str, str]] = []  # each trailing turn's token type and text
    while True:
        # Free-text lines after the last turn that the lexer reads as text but hold only characters that
        # Python takes for blanks (a vertical tab, U+2028) give the paragraph no text: they go with the turn.
        blank = 0
        while children[-1 - blank].type == "TEXT_LINE" and not children[-1 - blank].value.strip():
            blank += 1  # (the head line, first, is no TEXT_LINE)
        if children[-1 - blank].type not in _TURNS:
            break
        tail = children[len(children) - blank - 1 :]
        del children[len(children) - blank - 1 :]
        trailing.insert(0, (tail[0].type, "".join(token.value for token in tail)))
    raw = "".join(child.value for child in children)
    built: list[tuple[Any, str]] = [(_paragraph(tree, children), raw)]
    for kind, token_text in trailing:
        before, node, after = _turn_line(kind, token_text)
        node_before, raw_before = built[-1]
        built[-1] = (node_before, raw_before + before)
        built.append((node, node.layout.raw + after))  # type: ignore[union-attr]
    return built


def _single_line(kind: Callable[[str], Any]) -> Callable[[LarkNode], Any]:
    def build(tree: LarkNode) -> Any:
        return kind(_line(_raw(tree)))

    return build


def _declassification_stamp(text: str) -> model.DeclassificationStamp:
    """A DECLASSIFICATION_STAMP_LINE's parts: the reviewer's name before the stamp's words, the date after them."""
    opening, closing = model.DeclassificationStamp.WORDS
    reviewer, _, rest = " ".join(text.split()).partition(opening.split()[0])
    reviewed = rest.partition(closing)[2].strip()
    return model.DeclassificationStamp(reviewer=reviewer.strip() or None, reviewed=reviewed or None)


def _text_block(tree: LarkNode) -> model.TextBlock:
    tokens = [token for token in tree.children if getattr(token, "type", None) == "TEXT_LINE"]
    lines = [line for token in tokens for line in _text_lines(token.value)]
    before_eo = _token(tree, "TEXT_BEFORE_EO")  # the first part of a line whose E.O. line runs on after it
    return model.TextBlock(lines=[*lines, before_eo.rstrip(" \t")] if before_eo else lines)


def _caption_line(tree: LarkNode) -> model.CaptionLine:
    return model.CaptionLine(text=_line(tree.children[0].value).strip())


_BUILDERS: dict[str, Callable[[LarkNode], Any]] = {
    "classification_line": _classification_line,
    "run_on_eo_line": _eo_line,
    "caption_line": _caption_line,
    "redacted_line": _single_line(lambda text: model.RedactedLine(text=text)),
    "eo_line": _eo_line,
    "tags_line": _tags_line,
    "subject": _subject,
    "references": _references,
    "classified_by": _classified_by,
    "paragraph": _paragraph,
    "page_break": _single_line(lambda text: model.PageBreak(text=text)),
    "old_page_header": _single_line(lambda text: model.PageBreak(text=text)),
    "page_banner": _single_line(lambda text: model.PageBanner(text=text.strip())),
    "rule_line": _single_line(lambda text: model.RuleLine(text=text)),
    "date_line": _single_line(lambda text: model.DateLine(text=text)),
    "signature": _single_line(lambda text: model.Signature(name=text)),
    "declassification_stamp": lambda tree: _declassification_stamp(_raw(tree)),
    "end_of_message": _single_line(lambda text: model.EndOfMessage(text=text)),
    "classification_footer": _single_line(lambda text: model.ClassificationFooter(text=text)),
    "text_block": _text_block,
    "unparsed": lambda tree: model.Unparsed(text=_raw(tree)),
}


#: What may run on after an item, on the item's line (its last child): the E.O. line after a classification,
#: caption or free line; free text after the Classified By line.
_RUN_ON_BUILDERS: dict[str, Callable[[LarkNode], Any]] = {"run_on_eo_line": _eo_line, "run_on_text": _text_block}


def _text_items(text: LarkNode, consume: bool = False) -> list[Any]:
    """Build the items of a ``text`` or ``body`` node."""
    return _items_of(_flat_items(text, consume), consume)


def _items_of(children: list[Any], consume: bool = False, whole: bool = True) -> list[Any]:
    """Build the items of these trees; blank lines join the source text of the item before them.

    ``whole``: the items end a text, so a signature run on after the last sentence is cut off (not for an item
    read alone, whose last line ends no cable).
    """
    built: list[tuple[Any, str]] = []
    for index, child in enumerate(children):
        if consume:  # let the item's subtree go as soon as it is read (peak memory)
            children[index] = None
        if not hasattr(child, "data"):  # BLANK_LINES: never first (the grammar says so)
            node, raw = built[-1]
            built[-1] = (node, raw + child.value)
            continue
        if child.data == "paragraph" and (
            (last := child.children[-1]).type in _TURNS or (last.type == "TEXT_LINE" and not last.value.strip())
        ):
            built += _paragraph_items(child)
            continue
        if hasattr(run_on := child.children[-1], "data") and run_on.data in _RUN_ON_BUILDERS:
            # An item run on after this one: two items, the line cut where the second starts.
            built.append((_BUILDERS[child.data](child), "".join(token.value for token in child.children[:-1])))
            built.append((_RUN_ON_BUILDERS[run_on.data](run_on), _raw(run_on)))
            continue
        if child.data == "classified_by" and (cut := _marked_line(raw := _raw(child))):
            # Text opening with a portion marking on a line after the first: a text block of its own, as when
            # it runs on after the reasons on their line (run_on_text), so that the canonical text reads back
            # the same.
            node, lines = _classified_by(child), _text_lines(raw[cut:])
            text = node.text[: len(node.text) - len(_joined(None, lines))].rstrip()
            built.append((_classified_by_text(text), raw[:cut]))
            built.append((model.TextBlock(lines=lines), raw[cut:]))
            continue
        built.append((_BUILDERS[child.data](child), _raw(child)))
    split_run_on_paragraphs(built)
    read_parenthesis_heads(built)
    strip_glued_page_marks(built)
    if whole:
        split_run_on_signature(built)
    return [_evolve_layout(node, raw) for node, raw in built]


def _flat_items(text: LarkNode, consume: bool) -> list[Any]:
    """The items of ``text`` in order: its opening, then the children of its ``body``."""
    children = list(text.children)
    if children and hasattr(children[-1], "data") and children[-1].data == "body":
        body = children.pop()
        children += body.children
        if consume:
            body.children = []
    if consume:
        text.children = []
    return children


@functools.cache
def _run_on_signature() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A signature after the last sentence of an item's source, on its line or the next (blank lines, or the
    release listing's row, may follow), and what may follow a signature to the end of the text (the grammar's
    SIGNATURE_TRAILER), and the listing's row run on after the text's last line (its RELEASE_LISTING_ROW).

    The name is SIGNATURE_NAME's (the grammar's), without a closing full stop (``Thanks.`` is a sentence) and
    never ``End Comment``; before it, the end of a sentence, of a comment (``END COMMENT``) or of a redaction
    (``XXXXXXXXXXXX``), ``MINIMIZE CONSIDERED``, or a page mark glued before it (``LONDON 00001442  004 OF 004
    LeBaron``).  :func:`split_run_on_signature` takes one-word names only.
    """
    regexps = _shapes.shapes()
    name = regexps["SIGNATURE_NAME"]
    run_on = re.compile(
        r"(?:[.!?\"')\]*]|X{4}"
        r"|\b(?i:END[ \t]+(?:OF[ \t]+)?(?:COMMENT|NOTE|SUMMARY))|\bMINIMIZE[ \t]+CONSIDERED"
        rf"|{regexps['PAGE_MARK_NUMBER']})"
        rf"(?P<cut>\s+(?P<name>(?!(?i:END|MINIMIZE)\b){name})(?<![.#])(?P<row>{_shapes.group('LINE_END')}?{regexps['RELEASE_LISTING_ROW']})?\s*)\Z"
    )
    row_at_end = re.compile(rf"\s(?:{regexps['RELEASE_LISTING_ROW']})\Z")
    return run_on, re.compile(regexps["SIGNATURE_TRAILER"]), row_at_end


class _Piece(NamedTuple):
    """A token's kind and text, as :func:`_paragraph_of` reads them from a paragraph's source alone."""

    type: str
    value: str


def read_parenthesis_heads(built: list[tuple[Any, str]]) -> None:
    """Read a text block opened by a paragraph head numbered with a closing parenthesis (``1) (U) Summary``,
    ``5)(C)``) as that paragraph, when it carries the numbering on, in place.

    Some cables number their paragraphs so (05BRASILIA1922), or go on ``¶10. (U)`` after ``9) (SBU)``; others
    number a list inside a paragraph the same way (``1. (C/NF) ...`` / ``1) (C) ...`` / ``2) (S) ...``,
    09STATE74787, 09ABUDHABI874).  The grammar reads such a line as free text.  It is a paragraph when its
    number comes after the last paragraph's (or is 1 before any); one that does not opens a list, and it and
    the heads numbered so after it, up to the next paragraph, stay text.
    """
    last, in_list = 0, False
    for index, (node, raw) in enumerate(built):
        if isinstance(node, model.Paragraph):
            last, in_list = node.number, False
        elif isinstance(node, model.TextBlock) and node.lines and (head := _PARENTHESIS_HEAD.match(node.lines[0])):
            if in_list or int(head[1]) != last + 1:
                in_list = True
                continue
            paragraph = _reread_paragraph(raw.rstrip("\r\n") + "\n")
            built[index] = (paragraph, raw)
            last = paragraph.number


#: A paragraph head numbered with a closing parenthesis before a portion marking, opening a line.
_PARENTHESIS_HEAD = re.compile(rf"[ \t]*¶?([1-9][0-9]{{0,2}})\)[ \t]*{PORTION_MARKING}")


def strip_glued_page_marks(built: list[tuple[Any, str]]) -> None:
    """Drop the page marks glued into a subject or a REF item (``... RELATIONS  TRIPOLI 00000592  001.2 OF 003``),
    in place.

    A flattened rendering ran the page-break line on after the field's words: printing layout, no words of the
    field (the node's source keeps them, so ``render`` gives the text back).  The mark names the cable's post as
    its classification line does (``SAO PAULO 00000123 002 OF 003``); without one, a one-word post.
    """
    origin = next((node.origin for node, _ in built if isinstance(node, model.ClassificationLine)), None)
    for index, (node, raw) in enumerate(built):
        if isinstance(node, model.Subject) and " OF " in node.text:
            built[index] = (attrs.evolve(node, text=_without_page_marks(node.text, origin)), raw)
        elif isinstance(node, model.References) and any(" OF " in r.text for r in node.references):
            references = [attrs.evolve(r, text=_without_page_marks(r.text, origin)) for r in node.references]
            built[index] = (attrs.evolve(node, references=references), raw)


def _without_page_marks(text: str, origin: str | None) -> str:
    for post in (origin, None) if origin else (None,):
        pattern = _glued_page_mark(post)
        if pattern.search(text):
            return " ".join(pattern.sub(" ", text).split())
    return text


#: How many characters of the post's name a modern page mark keeps (PORT AU PR 00002230  001.2 OF 002).
_PAGE_MARK_POST_LENGTH = 10


@functools.lru_cache(maxsize=64)
def _glued_page_mark(post: str | None) -> re.Pattern[str]:
    """A page mark between blanks or at an end of the text: the post's name (or a one-word name), then the
    grammar's PAGE_MARK_NUMBER.  The mark cuts a long name to its first ten characters (BUENOS AIR, PORT AU PR)."""
    if post:
        names = {post, post[:_PAGE_MARK_POST_LENGTH].rstrip()}
        name = "(?:" + "|".join(r"[ \t]+".join(map(re.escape, n.split())) for n in sorted(names, key=len)[::-1]) + ")"
    else:
        name = r"[A-Z][A-Z.'-]*"
    return re.compile(rf"(?:^|[ \t]+){name}(?:{_shapes.regexp('PAGE_MARK_NUMBER')})(?=[ \t]|$)")


def split_run_on_paragraphs(built: list[tuple[Any, str]]) -> None:
    """Cut the paragraphs that a paragraph's text runs on into off it, in place.

    Flattened renderings print a paragraph's head after the last sentence of the one before
    (``... in the March 2005 round. 2. (C) Econoff met``), or after a heading two blanks before it
    (``End summary.  ABUSING THE HELP  2. (C) Swiss``): the grammar reads a paragraph head only at the start
    of a line, so the next paragraph is text of this one.  A head run on after a sentence's end, on the same
    line (a full stop, a closing quote or bracket before it), or after two blanks, that carries the next number
    (after a ``¶`` or not) and a portion marking
    (:data:`~cablegrammar.model.PORTION_MARKING`, the grammar's) starts a paragraph of its own; its source is the
    rest of the paragraph's, so ``render`` gives the text back.  So does one run on in a text block after a
    paragraph (a heading or a bullet between two paragraphs: ``--Play to our strength: ... suggestions. 2. (C)
    We``); the text block keeps the lines before it.  Paragraphs printed over a page break are left whole.
    """
    out: list[tuple[Any, str]] = []
    last: model.Paragraph | None = None  # the last paragraph so far, marked
    for item in built:
        node, raw = item
        if isinstance(node, model.TextBlock) and last is not None and (cut := _run_on_head(last, raw)):
            lines = [line.rstrip(" \t") for line in LINE_BREAK.split(raw[:cut].rstrip(" \t\r\n"))]
            out.append((model.TextBlock(lines=lines), raw[:cut]))
            node, raw = _reread_paragraph(raw[cut:]), raw[cut:]
        while (isinstance(node, model.Paragraph) and not node.page_turns and not node.stamp_turns
               and (cut := _run_on_head(node, raw))):
            out.append((_reread_paragraph(raw[:cut]), raw[:cut]))
            node, raw = _reread_paragraph(raw[cut:]), raw[cut:]
        if isinstance(node, model.Paragraph):
            last = node
        out.append((node, raw))
    built[:] = out


def _run_on_head(paragraph: model.Paragraph, raw: str) -> int:
    """Where in ``raw`` the head of the paragraph after this one runs on after a sentence, or 0."""
    following = paragraph.number + 1
    if not paragraph.marking or (f" {following}." not in raw and f"\t{following}." not in raw
                                 and f"¶{following}." not in raw):
        return 0  # the common case, decided without a regex
    found = _RUN_ON_HEADS.get(following)
    if found is None:
        found = _RUN_ON_HEADS[following] = re.compile(
            rf"(?:(?<=[.!?:;\"')\]’”…])[ \t]+|[ \t]{{2,}})(¶?{following}\.[ \t]*{PORTION_MARKING})"
        )
    match = found.search(raw)
    return match.start(1) if match else 0


#: The run-on paragraph head with a given number, compiled once.
_RUN_ON_HEADS: dict[int, re.Pattern[str]] = {}


def _reread_paragraph(raw: str) -> model.Paragraph:
    """A paragraph read from its source alone (no page turns): the head line, then text lines."""
    end = LINE_BREAK.search(raw)
    head, rest = (raw[: end.start()], raw[end.end() :]) if end else (raw, "")
    if rest and not rest.endswith(("\n", "\r")):
        rest += "\n"
    return _paragraph_of([_Piece("PARAGRAPH_HEAD_LINE", head), *([_Piece("TEXT_LINE", rest)] if rest else [])])


def split_run_on_signature(built: list[tuple[Any, str]]) -> None:
    """Cut a signature run on after the last sentence off the last paragraph or text block, in place.

    Renderings that lost the text's last line break print ``... contributed to this cable. Sobel``: the
    signature is no line of its own, so the grammar reads it as paragraph text.  When the cable has no
    signature item and what follows the last paragraph or text block is what may follow a signature (end
    markers, footers, trailers: SIGNATURE_TRAILER), a one-word name of SIGNATURE_NAME's shape at the very end
    of it becomes a :class:`~cablegrammar.model.Signature` whose source is the cut-off text (blanks before
    the name included): ``render`` gives the text back.
    """
    if any(isinstance(node, model.Signature) for node, _ in built):
        return
    run_on, trailer, row_at_end = _run_on_signature()
    last, tail = len(built) - 1, ""
    while last >= 0 and trailer.match(built[last][1] + tail):
        tail = built[last][1] + tail
        last -= 1
    if last < 0 or not isinstance(built[last][0], model.Paragraph | model.TextBlock):
        return
    node, raw = built[last]
    # The name is at the very end, or before the release listing's row: search the end only.
    row = row_at_end.search(raw, max(len(raw) - _RUN_ON_ROW_REACH, 0))
    skipped = max((row.start() if row else len(raw)) - _RUN_ON_REACH, 0)
    found = run_on.search(raw, skipped)
    if found is None:
        return
    name = found["name"]
    ending = name + (found["row"] or "")  # the release listing's row stays with the name it follows
    cut = _without_name(node, ending.rstrip()) if " " not in name else None  # "... 1. THE FIRST POINT" is text
    if cut is not None:
        at = found.start("cut")
        built[last : last + 1] = [(cut, raw[:at]), (model.Signature(name=name), raw[at:])]


#: How far from the end of its item a run-on signature's sentence end may be (name and trailing blank lines).
_RUN_ON_REACH = 400
#: How far from the end of its item the release listing's row may start (it holds the cable's summary).
_RUN_ON_ROW_REACH = 4000


def _without_name(node: model.Paragraph | model.TextBlock, name: str) -> model.Paragraph | model.TextBlock | None:
    """The paragraph or text block without the name (and the listing's row after it) its text ends with; None
    if it does not end so."""
    # The ending's line breaks are single spaces in a paragraph's text, line ends in a text block's lines.
    ending = re.compile(r"\s+".join(map(re.escape, name.split())) + r"\s*\Z")
    if isinstance(node, model.Paragraph):
        found = ending.search(node.text)
        if found is None:
            return None
        text = node.text[: found.start()].rstrip()
        if any(turn.offset > len(text) for turn in node.turns):
            return None
        return attrs.evolve(node, text=text)
    found = ending.search("\n".join(node.lines))
    if found is None:
        return None
    rest = "\n".join(node.lines)[: found.start()].rstrip()
    return attrs.evolve(node, lines=rest.split("\n") if rest else ())


#: The preamble's kind, by the terminal that opens it.
_PREAMBLE_KINDS: dict[str, model.PreambleKind] = {
    "PARTIAL_RECORD_NOTICE_LINE": "partial_record", "PRINT_HEADING_LINE": "print_heading",
    "MAIL_HEADER_FROM_LINE": "mail_header", "STRAY_LINES_BEFORE_ENVELOPE": "stray_lines",
    "BANNER_BEFORE_ENVELOPE_LINE": "stray_lines",
}


def _preamble(tree: LarkNode) -> model.Preamble:
    # One token may hold several lines (STRAY_LINES_BEFORE_ENVELOPE): its non-blank lines, each one.
    lines = [line.rstrip() for token in tree.children for line in LINE_BREAK.split(token.value) if line.strip()]
    kind = _PREAMBLE_KINDS[tree.children[0].type]
    return _evolve_layout(model.Preamble(lines=lines, kind=kind), _raw(tree))


# ---------------------------------------------------------------------------
# Export and release artifacts
# ---------------------------------------------------------------------------

_INBOX_HEADER = re.compile(
    r"(?P<user>.*?)[ \t]+(?P<exported>[0-9]{2}/[0-9]{2}/[0-9]{4}[ \t]+[0-9]{1,2}:[0-9]{2}:[0-9]{2}[ \t]+[AP]M)"
    r"[ \t]+From(?:[ \t]+(?P<folder>.*))?"
)
#: The field names of the columns shape of an export record, in order (cables.csv, cable-format.md 3.3).
EXPORT_COLUMNS = ("date", "refid", "origin", "classification", "references")


def _inbox_export(tree: LarkNode) -> model.InboxExport:
    header = _line(_token(tree, "INBOX_EXPORT_HEADER_LINE") or "")
    wrap = _token(tree, "INBOX_EXPORT_HEADER_WRAP_LINE")
    match = _INBOX_HEADER.match(header)
    assert match is not None  # the grammar's INBOX_EXPORT_HEADER_LINE has this shape
    folder = " ".join(((match["folder"] or "") + " " + (wrap or "")).split())
    return model.InboxExport(
        user=" ".join(match["user"].split()),
        exported=" ".join(match["exported"].split()),
        folder=folder,
        null_line=_token(tree, "INBOX_EXPORT_NULL_LINE") is not None,
    )


def _export_record(tree: LarkNode) -> model.ExportRecord:
    labelled = tree.data == "labelled_export_record"
    # Each field as a list of lines: a continuation line joins the field before it (the header column, last
    # in the columns shape).
    fields: list[tuple[str, list[str]]] = []
    columns = iter(EXPORT_COLUMNS)
    for token in tree.children:
        kind = token.type
        if kind in ("BLANK_LINES", "EXPORT_RECORD_MARKER_LINE", "EXPORT_RECORD_COLUMN_GAP",
                    "EXPORT_RECORD_REFERENCES_GAP"):
            continue
        if kind in ("EXPORT_RECORD_CONTINUATION_LINE", "EXPORT_RECORD_INNER_BLANK_LINES"):
            if not labelled and fields[-1][0] != "header":
                fields.append(("header", []))
            # A run of blank lines inside the record is one empty line of the value.
            fields[-1][1].append(_line(token.value) if kind == "EXPORT_RECORD_CONTINUATION_LINE" else "")
        elif kind == "EXPORT_RECORD_NUMBER_LINE":
            fields.append(("id", [_line(token.value)]))
        elif kind == "EXPORT_RECORD_TITLE_LINE":
            fields.append(("title", [_line(token.value)]))
        elif labelled:
            label, _, value = _line(token.value).partition(":")
            fields.append((label, [value.strip()]))
        else:
            fields.append((next(columns), [_line(token.value)]))
    if not labelled and fields[-1][0] != "header":
        fields.append(("header", []))
    pairs = [(label, "\n".join(lines)) for label, lines in fields]
    return model.ExportRecord(shape="labelled" if labelled else "columns", fields=pairs)


def _export_row(tree: LarkNode) -> model.ExportRecord:
    lines = [token.value.rstrip("\r\n") for token in tree.children]
    return model.ExportRecord(shape="row", fields=[("row", "\n".join(lines))])


_STAMP = re.compile(r"(?:ID:[ \t]*(?P<id>[0-9]+)[ \t]+)?Cable dated:[ \t]*(?P<dated>[0-9T:-]+)")


def _release_stamp(tree: LarkNode) -> model.ExportRecord:
    found = _STAMP.match(_token(tree, "RELEASE_STAMP") or "")
    assert found is not None  # the grammar's RELEASE_STAMP
    fields = ([("id", found["id"])] if found["id"] else []) + [("dated", found["dated"])]
    return model.ExportRecord(shape="stamp", fields=fields)


def _editorial_note(tree: LarkNode) -> model.EditorialNote:
    line = _line(_token(tree, "EDITORIAL_NOTE_LINE") or "")
    return model.EditorialNote(text=re.sub(r"^NOTE[ \t]*[-:][ \t]*", "", line))


_ARTIFACT_BUILDERS: dict[str, Callable[[LarkNode], Any]] = {
    "labelled_export_record": _export_record,
    "column_export_record": _export_record,
    "export_row": _export_row,
    "release_stamp": _release_stamp,
    "editorial_note": _editorial_note,
}


def to_model(tree: LarkNode, *, final_newline: bool = True, consume: bool = False) -> model.Cable:
    """Turn a parse tree into a :class:`~cablegrammar.model.Cable`: a whole cable's, or a block fragment's
    (see :func:`fragment_to_model`).

    With ``consume=True`` the tree is taken apart as it is read (its nodes
    are dropped one by one), so that the tree and the model do not both stand
    in memory whole: for a caller that has no further use for the tree.
    """
    if tree.data not in ("start", "cable"):
        return fragment_to_model(tree, final_newline=final_newline)
    first = tree.children[0]
    cable = first if tree.data == "start" and hasattr(first, "data") else tree
    leading = ""
    preamble = envelope = inbox_export = release_artifact = leading_unparsed = preview = None
    items: list[Any] = []
    children = cable.children
    for index, child in enumerate(children):
        if consume:
            children[index] = None
        if not hasattr(child, "data"):
            leading = child.value
        elif child.data == "preamble":
            preamble = _preamble(child)
        elif child.data == "preview":
            preview = _evolve_layout(model.Preview(lines=_preview_lines(child)), _raw(child))
        elif child.data == "text":
            items = _text_items(child, consume)
        elif child.data == "inbox_export":
            inbox_export = _evolve_layout(_inbox_export(child), _raw(child))
        elif child.data == "unparsed":  # recovery mode: lines before the envelope
            leading_unparsed = _evolve_layout(model.Unparsed(text=_raw(child)), _raw(child))
        elif child.data in _ARTIFACT_BUILDERS:
            release_artifact = _evolve_layout(_ARTIFACT_BUILDERS[child.data](child), _raw(child))
        else:
            envelope = _envelope(child)
        del child
    return _cable(leading, final_newline, items=items, envelope=envelope, preamble=preamble, preview=preview,
                  inbox_export=inbox_export, release_artifact=release_artifact, leading_unparsed=leading_unparsed)


def _preview_lines(tree: LarkNode) -> list[str]:
    """The preview's lines without their endings, from its first to its last (blank lines around it are layout)."""
    lines = [line.rstrip() for line in LINE_BREAK.split(tree.children[0].value)]
    first = next(index for index, line in enumerate(lines) if line)
    last = max(index for index, line in enumerate(lines) if line)
    return lines[first : last + 1]


def _cable(leading: str, final_newline: bool, **parts: Any) -> model.Cable:
    """The cable of these parts, its layout read from their source text."""
    # The source text of the cable, in order: the pieces' layouts (the tokens concatenate to the input).
    nodes = [parts.get(name) for name in model.HEAD_PARTS] + list(parts.get("items", ()))
    pieces = (node.layout.raw for node in nodes if node is not None)
    newline = "\r\n" if "\r\n" in _head(itertools.chain([leading], pieces), 2000)[:2000] else "\n"
    layout = model.CableLayout(leading_blank_lines=leading, final_newline=final_newline, newline=newline)
    return model.Cable(layout=layout, **parts)


def fragment_to_model(tree: LarkNode, *, final_newline: bool = True) -> model.Cable:
    """Turn the tree of a block-level fragment (``envelope``, ``address_block``, ``body``) into a cable.

    The cable holds only those parts: an envelope, or the items of the text.
    """
    if tree.data != "body":
        return _cable("", final_newline, items=[], envelope=_envelope(tree))
    leading = ""
    if tree.children and not hasattr(tree.children[0], "data"):  # blank lines before the first item
        leading = tree.children.pop(0).value
    return _cable(leading, final_newline, items=_text_items(tree))


def item_to_model(tree: LarkNode) -> list[Any]:
    """The items a line-level fragment reads as (one; a paragraph that ends in page turns is several)."""
    return _items_of([tree], whole=False)

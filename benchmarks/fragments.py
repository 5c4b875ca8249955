"""Fragments: what the parser reads from pieces cut out of the annotated cables, against the whole cable.

    python benchmarks/fragments.py              # the table: per cut and field, the share read as in the whole cable
    python benchmarks/fragments.py --misses     # and every field a fragment reads differently
    python benchmarks/fragments.py --json FILE  # the figures as JSON

Each cable of ``tests/accuracy/annotated.txt`` is cut at line boundaries, as users meet cables in pieces:

* ``first lines removed`` -- the text from a line drawn at random (seeded per cable) to the end, read in
  recovery mode (``parse(text, recover=True)``): an extract that lost its top;
* ``heading cut`` -- the same, the line drawn among the lines before the first paragraph;
* ``caption block`` -- from the text's first item to the line before the first paragraph, read with
  ``parse(text, start="body")`` (recovery mode where strict parsing refuses it);
* ``address block`` -- the FM / TO / INFO / XMT lines, read with ``parse(text, start="address_block")``;
* ``one caption line`` -- the E.O. line, the TAGS line, the SUBJECT, the REF block and Classified By, each alone,
  read with ``parse_item(text, start=...)``.

A field is scored on a fragment only when every node that gives it in the whole cable lies wholly inside the
fragment (a field with no such node is not scored): the fragment must then read the same value as the whole cable
(:data:`benchmarks.accuracy.FIELDS` gives both values in the same normal form).  The whole cable is read strictly,
or in recovery mode when strict parsing refuses it.  Fields that depend on context outside their own lines (the
reference id, the date, caveats, the years of REF items) are left out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # score the checkout, not an installed copy
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import accuracy  # noqa: E402

import cablegrammar  # noqa: E402
from cablegrammar import model  # noqa: E402
from cablegrammar.render import rendered_parts  # noqa: E402

#: field -> the node types that give it in a whole cable.
SOURCES: dict[str, tuple[type, ...]] = {
    "transmission_id": (model.Envelope,),
    "precedence": (model.Envelope,),
    "sender": (model.Envelope,),
    "to": (model.Envelope,),
    "info": (model.Envelope,),
    "classification": (model.ClassificationLine,),
    "eo_order": (model.EOLine,),
    "declassify_on": (model.EOLine,),
    "tags": (model.TagsLine, model.EOLine),
    "normalized_tags": (model.TagsLine, model.EOLine),
    "subject": (model.Subject,),
    "references": (model.References,),
    "classifier": (model.ClassifiedBy,),
    "reasons": (model.ClassifiedBy,),
    "paragraph_count": (model.Paragraph,),
    "paragraph_markings": (model.Paragraph,),
    "signature": (model.Signature,),
}
#: The line-level starts of the "one caption line" cut, by node type.
ITEM_STARTS: dict[type, str] = {
    model.EOLine: "eo_line", model.TagsLine: "tags_line", model.Subject: "subject",
    model.References: "references", model.ClassifiedBy: "classified_by",
}
CUTS = ("first lines removed", "heading cut", "caption block", "address block", "one caption line")


def _parts(cable: model.Cable) -> list[tuple[Any, int, int]]:
    """``(node, first line, end line)`` of every node of the cable (0-based lines, end exclusive)."""
    found, line = [], 0
    for node, text in rendered_parts(cable):
        lines = text.count("\n")
        if node is not None:
            visible = text.rstrip("\r\n \t")
            found.append((node, line, line + visible.count("\n") + 1))
        line += lines
    return found


def _whole(text: str) -> model.Cable:
    try:
        return cablegrammar.parse(text)
    except cablegrammar.CableSyntaxError:
        return cablegrammar.parse(text, recover=True)


def _read_block(text: str, start: str) -> model.Cable:
    try:
        return cablegrammar.parse(text, start=start)
    except cablegrammar.CableSyntaxError:
        return cablegrammar.parse(text, start=start, recover=True)


#: The fields an address block gives (its lines are part of the envelope's).
ADDRESS_FIELDS = frozenset({"sender", "to", "info"})


def _cuts(label: dict[str, Any], lines: list[str], parts: list[tuple[Any, int, int]]) -> Iterator[
        tuple[str, int, int, Callable[[str], model.Cable], frozenset[str] | None, Any]]:
    """``(cut, first line, end line, reader, fields)`` of each fragment of one cable.

    ``fields``: the only fields the fragment is scored on, or None for every field wholly inside it;
    ``item``: the one item the fragment holds (its values are the expected ones), or None.
    """
    seed = int(hashlib.sha256(label["file"].encode()).hexdigest(), 16)
    draw = random.Random(seed)
    count = len(lines)
    paragraphs = [first for node, first, _ in parts if isinstance(node, model.Paragraph)]
    body_start = paragraphs[0] if paragraphs else count
    recover: Callable[[str], model.Cable] = lambda text: cablegrammar.parse(text, recover=True)  # noqa: E731
    if count > 1:
        yield "first lines removed", draw.randrange(1, count), count, recover, None, None
    if body_start > 1:
        yield "heading cut", draw.randrange(1, body_start), count, recover, None, None
    items = [first for node, first, _ in parts if isinstance(node, (*ITEM_STARTS, model.ClassificationLine))]
    if items and items[0] < body_start:
        yield "caption block", items[0], body_start, lambda text: _read_block(text, "body"), None, None
    for node, first, end in parts:
        if isinstance(node, model.Envelope) and (node.to or node.info):
            fm = next((i for i in range(first, end) if lines[i].startswith("FM ")), None)
            if fm is not None:
                last = max(i for i in range(fm, end) if lines[i].strip()) + 1
                yield "address block", fm, last, lambda text: _read_block(text, "address_block"), ADDRESS_FIELDS, None
        start = ITEM_STARTS.get(type(node))
        if start is not None and not any(other is not node and f < end and first < e for other, f, e in parts):
            fields = frozenset(field for field, types in SOURCES.items() if type(node) in types)
            yield "one caption line", first, end, _item_reader(start), fields, node


def _item_reader(start: str) -> Callable[[str], model.Cable]:
    def read(text: str) -> model.Cable:
        try:
            return model.Cable(items=[cablegrammar.parse_item(text, start)])
        except cablegrammar.CableSyntaxError:
            return model.Cable(items=[])

    return read


def score(misses: list[dict[str, Any]] | None = None) -> dict[str, dict[str, list[int]]]:
    """Per cut and field: ``[right, scored]``."""
    table: dict[str, dict[str, list[int]]] = {cut: {} for cut in CUTS}
    for label in accuracy.labels("annotated.txt"):
        text = cablegrammar.decode((accuracy.CORPUS / label["file"]).read_bytes())
        whole = _whole(text)
        parts = _parts(whole)
        lines = text.splitlines(keepends=True)
        for cut, first, end, reader, only, item in _cuts(label, lines, parts):
            fragment = reader("".join(lines[first:end]))
            if cablegrammar.render(fragment) != "".join(lines[first:end]) and cut != "one caption line":
                raise AssertionError(f"{label['file']}: the {cut} fragment does not render back")
            for field, types in SOURCES.items():
                if only is not None:
                    if field not in only:
                        continue
                else:
                    nodes = [(f, e) for node, f, e in parts if isinstance(node, types)]
                    if not nodes or not all(first <= f and e <= end for f, e in nodes):
                        continue
                read = accuracy.FIELDS[field][1]
                expected, found = read(whole if item is None else model.Cable(items=[item])), read(fragment)
                counts = table[cut].setdefault(field, [0, 0])
                counts[1] += 1
                if expected == found:
                    counts[0] += 1
                elif misses is not None:
                    misses.append({"file": label["file"], "cut": cut, "lines": [first + 1, end], "field": field,
                                   "whole": expected, "fragment": found})
    return table


def _cell(counts: list[int] | None) -> str:
    if not counts:
        return "-"
    right, scored = counts
    return f"{100 * right / scored:.1f}% ({right}/{scored})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every field a fragment reads differently")
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    args = parser.parse_args()
    misses: list[dict[str, Any]] | None = [] if args.misses else None
    table = score(misses)
    fields = [field for field in SOURCES if any(field in table[cut] for cut in CUTS)]
    print("| field | " + " | ".join(CUTS) + " |")
    print("|---|" + "---:|" * len(CUTS))
    for field in fields:
        print(f"| {field} | " + " | ".join(_cell(table[cut].get(field)) for cut in CUTS) + " |")
    if misses:
        print()
        for miss in misses:
            print(json.dumps(miss, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

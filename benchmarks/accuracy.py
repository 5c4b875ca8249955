"""Field accuracy against the hand-typed labels of ``tests/accuracy`` (what a person reads in each cable).

    python benchmarks/accuracy.py                 # the tables: annotated set, unseen sample and family set
    python benchmarks/accuracy.py --mismatches    # and every field that disagrees, with both values
    python benchmarks/accuracy.py --json FILE     # the figures as JSON, for comparing two checkouts

Each label is one JSON file in ``tests/accuracy/labels`` (the conventions: ``tests/accuracy/README.md``).  A field
counts once per cable: it is right when the parser's value equals the typed one after the comparison rules below,
and it is not scored when the label marks it ambiguous.  A cable strict parsing refuses reads no field: every scored
field of it counts as wrong in strict mode.  ``nonelater_flattened_islamabad`` cables are scored in recover mode
only (their line breaks are lost).

Comparison rules (what a typist cannot be held to): runs of white space are one space and ends are trimmed in every
string; reason letters, REF labels, declassify-on instructions and addressee names compare without case; trailing
``.,;:`` of a classifier, a signature and an instruction is dropped.

Two fields are derived from the typed ones, to score what "One interpretation per fact" added:
``normalized_tags`` is the typed tags put through :func:`cablegrammar.interpret.normalize_tags` (it measures
whether the tags were read, not the normalization, which unit tests pin), and ``reference_cable_ids`` is the
``cable_ids`` of every typed REF item, in order.

The corpus is ``../shared/corpus`` beside the checkout, or ``$CABLEGRAMMAR_SHARED_CORPUS``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # score the checkout, not an installed copy
    sys.path.insert(0, str(ROOT))

import cablegrammar  # noqa: E402
from cablegrammar import interpret  # noqa: E402
from cablegrammar.model import Addressee, Cable  # noqa: E402

CORPUS = Path(os.environ.get("CABLEGRAMMAR_SHARED_CORPUS", ROOT.parent / "shared" / "corpus"))
ACCURACY = ROOT / "tests" / "accuracy"
LABELS = ACCURACY / "labels"
#: Folders whose cables are scored in recover mode only.
RECOVER_ONLY = frozenset({"nonelater_flattened_islamabad"})
MODES = ("strict", "recover")


# ---------------------------------------------------------------------------
# Normal forms: what both sides are reduced to before comparing
# ---------------------------------------------------------------------------

def _squeeze(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


def _folded(text: str | None) -> str | None:
    squeezed = _squeeze(text)
    return squeezed.casefold() if squeezed is not None else None


def _trimmed(text: str | None) -> str | None:
    squeezed = _squeeze(text)
    return squeezed.rstrip(".,;: ") or None if squeezed is not None else None


def _instruction(text: str | None) -> str | None:
    """A declassify-on value: an ISO date as is, an instruction without case, ``DECL:`` or trailing stops."""
    trimmed = _trimmed(text)
    if trimmed is None:
        return None
    for label in ("DECL:", "DECL"):
        if trimmed.upper().startswith(label):
            trimmed = trimmed[len(label):].strip()
            break
    return trimmed.casefold().rstrip(".,;: ") or None


def _addressees(values: Iterable[Any]) -> list[tuple[str | None, str | None]]:
    return [(_squeeze(v["routing_indicator"]), _folded(v["name"])) for v in values]


def _references(values: Iterable[Any]) -> list[tuple[str | None, str | None]]:
    return [(_folded(v["label"]), _squeeze(v["text"])) for v in values]


# ---------------------------------------------------------------------------
# The fields: what the labels say, and what the parser says, in the same normal form
# ---------------------------------------------------------------------------

def _typed_normalized_tags(fields: dict[str, Any]) -> list[str]:
    return [tag.text for tag in interpret.normalize_tags(fields["tags"])]


def _typed_reference_ids(fields: dict[str, Any]) -> list[list[str]]:
    return [list(item["cable_ids"]) for item in fields["references"]]


def _read_addressees(found: Iterable[Addressee]) -> list[tuple[str | None, str | None]]:
    return [(_squeeze(a.routing_indicator), _folded(a.name)) for a in found]


def _read_declassify_on(cable: Cable) -> str | None:
    if cable.eo is None:
        return None
    on = cable.eo.declassify_on
    return on.isoformat() if on else _instruction(cable.eo.declassification)


def _read_date(cable: Cable) -> str | None:
    return cable.date.strftime("%Y-%m-%dT%H:%MZ") if cable.date else None


#: field -> (the typed value in normal form, the parsed value in normal form).
FIELDS: dict[str, tuple[Callable[[dict[str, Any]], Any], Callable[[Cable], Any]]] = {
    "transmission_id": (lambda f: _squeeze(f["transmission_id"]), lambda c: _squeeze(c.transmission_id)),
    "precedence": (lambda f: f["precedence"], lambda c: c.precedence.value if c.precedence else None),
    "date": (lambda f: f["date"], _read_date),
    "sender": (lambda f: _folded(f["sender"]), lambda c: _folded(c.sender)),
    "to": (lambda f: _addressees(f["to"]), lambda c: _read_addressees(c.to)),
    "info": (lambda f: _addressees(f["info"]), lambda c: _read_addressees(c.info)),
    "classification": (lambda f: f["classification"], lambda c: c.classification),
    "caveats": (lambda f: list(f["caveats"]), lambda c: list(c.caveats)),
    "reference_id": (lambda f: f["reference_id"], lambda c: c.reference_id),
    "eo_order": (lambda f: _squeeze(f["eo_order"]), lambda c: _squeeze(c.eo.order) if c.eo else None),
    "declassify_on": (lambda f: _instruction(f["declassify_on"]), _read_declassify_on),
    "tags": (lambda f: [_squeeze(t) for t in f["tags"]], lambda c: [_squeeze(t) for t in c.tags]),
    "normalized_tags": (_typed_normalized_tags, lambda c: [t.text for t in c.normalized_tags]),
    "subject": (lambda f: _squeeze(f["subject"]), lambda c: _squeeze(c.subject)),
    "references": (lambda f: _references(f["references"]),
                   lambda c: [(_folded(r.label), _squeeze(r.text)) for r in c.references]),
    "reference_cable_ids": (_typed_reference_ids, lambda c: [list(r.cable_ids) for r in c.references]),
    "classifier": (lambda f: _trimmed(f["classifier"]),
                   lambda c: _trimmed(c.classified_by.classifier) if c.classified_by else None),
    "reasons": (lambda f: [r.casefold() for r in f["reasons"]],
                lambda c: [r.casefold() for r in c.classified_by.reasons] if c.classified_by else []),
    "paragraph_count": (lambda f: f["paragraph_count"], lambda c: len(c.paragraphs)),
    "paragraph_markings": (lambda f: list(f["paragraph_markings"]), lambda c: [p.marking for p in c.paragraphs]),
    "signature": (lambda f: _trimmed(f["signature"]), lambda c: _trimmed(c.signature)),
}
#: Which typed field a derived field follows when the label marks it ambiguous.
DERIVED_FROM = {"normalized_tags": "tags", "reference_cable_ids": "references"}


# ---------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------

def labels(listing: str) -> list[dict[str, Any]]:
    """The labels of the cables ``tests/accuracy/<listing>`` names (``annotated.txt`` or ``unseen.txt``)."""
    found = []
    for line in (ACCURACY / listing).read_text(encoding="utf-8").split():
        folder, name = line.split("/", maxsplit=1)
        found.append(json.loads((LABELS / f"{folder}__{Path(name).stem}.json").read_text(encoding="utf-8")))
    return found


def _read(path: Path, mode: str) -> Cable | None:
    text = cablegrammar.decode(path.read_bytes())
    try:
        return cablegrammar.parse(text, recover=mode == "recover")
    except cablegrammar.CableSyntaxError:
        return None


def families() -> dict[str, list[dict[str, Any]]]:
    """The family set's labels by family, in the order of ``tests/accuracy/families.tsv``."""
    found: dict[str, list[dict[str, Any]]] = {}
    rows = (ACCURACY / "families.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for family, file in (row.split("\t") for row in rows if row.strip()):
        folder, name = file.split("/", maxsplit=1)
        label = json.loads((LABELS / f"{folder}__{Path(name).stem}.json").read_text(encoding="utf-8"))
        found.setdefault(family, []).append(label)
    return found


def score(listing: str | list[dict[str, Any]], mode: str) -> dict[str, Any]:
    """Per field: ``right`` and ``scored`` counts, and the mismatches (cable, field, typed, parsed), over the
    labels a listing names (``annotated.txt``, ``unseen.txt``) or the labels given."""
    right = dict.fromkeys(FIELDS, 0)
    scored = dict.fromkeys(FIELDS, 0)
    mismatches: list[dict[str, Any]] = []
    cables = 0
    for label in labels(listing) if isinstance(listing, str) else listing:
        if mode == "strict" and label["folder"] in RECOVER_ONLY:
            continue
        cables += 1
        cable = _read(CORPUS / label["file"], mode)
        for name, (typed_of, parsed_of) in FIELDS.items():
            if DERIVED_FROM.get(name, name) in label["ambiguous"]:
                continue
            typed = typed_of(label["fields"])
            parsed = parsed_of(cable) if cable is not None else "<refused>"
            scored[name] += 1
            if typed == parsed:
                right[name] += 1
            else:
                mismatches.append({"file": label["file"], "field": name, "typed": typed, "parsed": parsed})
    return {"cables": cables, "right": right, "scored": scored, "mismatches": mismatches}


def overall(result: dict[str, Any]) -> float:
    """Right fields over scored fields."""
    return float(sum(result["right"].values()) / max(1, sum(result["scored"].values())))


def _table(results: dict[str, dict[str, Any]]) -> str:
    header = " | ".join(f"{mode} ({results[mode]['cables']} cables)" for mode in results)
    lines = [f"| field | {header} |", "|---|" + "---:|" * len(results)]
    for name in FIELDS:
        cells = []
        for result in results.values():
            right, scored = result["right"][name], result["scored"][name]
            cells.append(f"{100 * right / scored:.1f}% ({right}/{scored})" if scored else "-")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    totals = [f"**{100 * overall(r):.1f}%** ({sum(r['right'].values())}/{sum(r['scored'].values())})"
              for r in results.values()]
    lines.append("| **overall** | " + " | ".join(totals) + " |")
    return "\n".join(lines)


def _family_table(by_family: dict[str, dict[str, dict[str, Any]]]) -> str:
    lines = ["| family | cables | " + " | ".join(MODES) + " |", "|---|---:|" + "---:|" * len(MODES)]
    for family, results in by_family.items():
        cells = [f"{100 * overall(r):.1f}% ({sum(r['right'].values())}/{sum(r['scored'].values())})"
                 for r in results.values()]
        lines.append(f"| {family} | {results['recover']['cables']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    """Print the tables (and, if asked, the mismatches or a JSON file of the figures)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("--mismatches", action="store_true", help="list every field that disagrees")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    figures: dict[str, Any] = {}
    for listing, title in (("annotated.txt", "Annotated set"), ("unseen.txt", "Unseen sample")):
        results = {mode: score(listing, mode) for mode in MODES}
        figures[listing] = {mode: {"overall": overall(r), "right": r["right"], "scored": r["scored"]}
                            for mode, r in results.items()}
        print(f"## {title}\n\n{_table(results)}\n")
        if args.mismatches:
            for mode, result in results.items():
                print(f"### Mismatches, {title.lower()}, {mode}\n")
                if listing == "unseen.txt":
                    print("For measuring only: no fix may be drawn from these (tests/accuracy/README.md).\n")
                for miss in result["mismatches"]:
                    print(f"- {miss['file']} {miss['field']}: typed {miss['typed']!r}, parsed {miss['parsed']!r}")
                print()
    by_family = {family: {mode: score(found, mode) for mode in MODES} for family, found in families().items()}
    print(f"## Family set\n\n{_family_table(by_family)}\n")
    every = [label for found in families().values() for label in found]
    print(f"{_table({mode: score(every, mode) for mode in MODES})}\n")
    figures["families.tsv"] = {family: {mode: {"overall": overall(r), "right": r["right"], "scored": r["scored"]}
                                        for mode, r in results.items()} for family, results in by_family.items()}
    if args.mismatches:
        for family, results in by_family.items():
            print(f"### Mismatches, family {family}, strict\n")
            for miss in results["strict"]["mismatches"]:
                print(f"- {miss['file']} {miss['field']}: typed {miss['typed']!r}, parsed {miss['parsed']!r}")
            print()
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

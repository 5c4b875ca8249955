"""Damage families: does strict parsing still accept a cable that an export damaged in a known way?

Each family is one kind of damage that the format reference (cable-format.md, section 7) or the refusals of the
release describe: a misspelt SECTION, a classification word that lost its first letter, a mail client's header or
stray markup before the envelope, a doubled colon after a label.  The benchmark applies one family at a time to
accepted cables of the working half of ``avilaroman_cablegate`` and of ``chillicoder_cablegate`` (never the
unseen half), where the family's line exists, and counts how many of the damaged texts strict parsing accepts,
and how many of those read the same main values (``cablegrammar.values.main_values``: date, classification,
addressees, TAGS, subject, references, classifier, signature ...) and the same paragraphs as the undamaged
cable: the damage an export did changes no meaning.  A family accepted and read the same in full is a rule of
the grammar; one short of it names cables to read.

    python benchmarks/damage.py                  # this checkout
    python benchmarks/damage.py ../other-checkout --limit 300
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _checkout import checkout_label  # beside this script

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"

Damage = Callable[[str], str | None]


def _on_line(pattern: str, replace: Callable[[re.Match[str]], str]) -> Damage:
    """Rewrite the first match of ``pattern`` (multi-line) with ``replace``; None where the line is missing."""
    compiled = re.compile(pattern, re.MULTILINE)

    def damage(text: str) -> str | None:
        found = compiled.search(text)
        return None if found is None else text[: found.start()] + replace(found) + text[found.end() :]

    return damage


def _before_envelope(junk: str) -> Damage:
    return lambda text: junk + text if text.startswith("VZCZC") else None


#: A classification line: the word, then the post and the serial on the line (a banner alone is no such line).
_CLASSIFICATION_LINE = (r"^(?:C O N F I D E N T I A L|S E C R E T|CONFIDENTIAL|SECRET|UNCLAS(?:SIFIED)?)\b"
                        r"(?=.*[A-Z] [0-9]{3,8})")
_MAIL_HEADER = ("STATE 000001 P CO 01-JAN-09 PREVIEW [1234567]From: CBPC, EACTAPP\nSent: Monday, January 05, 2009 "
                "9:22 PM\nTo: EACTPost\nSubject: STATE 000001 P CO 01-JAN-09 PREVIEW [1234567]\n\nUNCLASSIFIED\n\n")

#: Where a line of the envelope starts (up to its first blank line).
_ENVELOPE_LINE = re.compile(r"\n(?=PP |RR |OO |DE |ZN[RY] |[ZOPRY] [0-9]{6}Z|FM |TO |INFO )")

#: The families, by name: what the damage does (cable-format.md edge case, or the refused file it comes from).
FAMILIES: dict[str, Damage] = {
    # The classification line (edge cases 18, 21; 05TELAVIV4107, 09MOSCOW1108).
    "quote before the classification line": _on_line(_CLASSIFICATION_LINE, lambda m: '"' + m[0]),
    "letter-spaced word with a blank lost": _on_line(r"^C O N F I D E N T I A L", lambda _: "C O N F I DE N T I A L"),
    "SECTION misspelt (SECTON)": _on_line(r"SECTION(?= ?[0-9]+ OF)", lambda _: "SECTON"),
    "SECTION misspelt (SECTIN)": _on_line(r"SECTION(?= ?[0-9]+ OF)", lambda _: "SECTIN"),
    "SECTION in lower case": _on_line(r"SECTION ([0-9]+) OF", lambda m: f"Section {m[1]} of"),
    "classification word lost its first letter": _on_line(r"^(?:UNCLAS|CONFIDENTIAL|SECRET)(?= )", lambda m: m[0][1:]),
    "letter-spaced word lost its first letter": _on_line(r"^(?:C O N F I D E N T I A L|S E C R E T)(?= )",
                                                         lambda m: m[0][2:]),
    # Labels of the caption block (edge cases 28, 30, 35; the "damage an export leaves").
    "E.O. label without blank before the order": _on_line(r"^E\.O\. ?(?=1[0-9]{4})", lambda _: "E.O."),
    "E.O. label with a zero for the O": _on_line(r"^E\.O\.", lambda _: "E.0."),
    "E.O. label lost its first letter": _on_line(r"^E\.O\.", lambda _: ".O."),
    "TAGS label with a semicolon": _on_line(r"^TAGS:", lambda _: "TAGS;"),
    "TAGS label without its colon": _on_line(r"^TAGS: ?", lambda _: "TAGS "),
    "TAGS label lost its first letter": _on_line(r"^TAGS:", lambda _: "AGS:"),
    "TAGS label with a doubled colon": _on_line(r"^TAGS:", lambda _: "TAGS::"),
    "SUBJECT label shortened": _on_line(r"^SUBJECT:", lambda _: "SUBJ:"),
    "SUBJECT label lost its first letter": _on_line(r"^SUBJECT:", lambda _: "UBJECT:"),
    "SUBJECT label with a doubled colon": _on_line(r"^SUBJECT:", lambda _: "SUBJECT::"),
    "a caption glued before SUBJECT": _on_line(r"^SUBJECT:", lambda _: "NOFORNSUBJECT:"),
    "REF label lost its first letter": _on_line(r"^REF:", lambda _: "EF:"),
    "REF glued to the subject's last word": _on_line(r"^(SUBJECT:[^\n]*[A-Z])[ \t]*\n[ \t]*\n?REF:",
                                                     lambda m: m[1] + "REF:"),
    "Classified By lost its first letter": _on_line(r"^Classified By:", lambda _: "lassified By:"),
    "Classified By with a doubled colon": _on_line(r"^Classified By:", lambda _: "Classified By::"),
    "E.O. line run on into TAGS": _on_line(r"(DECL:[^\n]*?)[ \t]*\nTAGS:", lambda m: m[1] + " TAGS:"),
    "TAGS run on into SUBJECT": _on_line(r"^(TAGS:[^\n]*?)[ \t]*\nSUBJECT:", lambda m: m[1] + " SUBJECT:"),
    "first paragraph run on after Classified By": _on_line(
        r"^(Classified By:[^\n]*?)[ \t]*\n[ \t]*\n¶?(1\. ?\((?:U|C|S|SBU)\))", lambda m: f"{m[1]} {m[2]}"),
    # Before the envelope (edge case 3; 08TRIPOLI540, the recovery's junk lines).
    "markup before the envelope": _before_envelope("<html><pre>\n"),
    "a label before the envelope": _before_envelope("Cable Text:\n"),
    "a banner before the envelope": _before_envelope("CONFIDENTIAL\n\n"),
    "a mail client's header before the envelope": _before_envelope(_MAIL_HEADER),
    # Layout (edge case 64; CRLF exports; exports that doubled line breaks).
    "blank lines of one space": lambda text: text.replace("\n\n", "\n \n") if "\n\n" in text else None,
    "a blank line between the envelope's lines": lambda text: (
        _ENVELOPE_LINE.sub("\n\n", text[: text.index("\n\n")]) + text[text.index("\n\n") :]
        if text.startswith("VZCZC") and "\n\n" in text else None),
    "CRLF line endings": lambda text: text.replace("\n", "\r\n"),
}


def main(root: str, limit: int, seed: int) -> dict[str, object]:
    """Accepted / damaged per family, for the checkout at ``root``; printed as a table, returned as a dict."""
    sys.path.insert(0, root)
    sys.path.insert(0, str(Path(root) / "benchmarks"))
    from acceptance import half  # noqa: PLC0415

    import cablegrammar  # noqa: PLC0415
    from cablegrammar.values import main_values  # noqa: PLC0415

    paths = [path for path in sorted(SHARED.glob("avilaroman_cablegate/*.txt")) if half(path.stem) == "work"]
    paths += sorted(SHARED.glob("chillicoder_cablegate/*.txt"))
    random.Random(seed).shuffle(paths)
    def meaning(cable: Any) -> tuple[Any, ...]:
        paragraphs = [(p.number, p.marking, " ".join(p.text.split())) for p in cable.paragraphs]
        return main_values(cable), paragraphs

    texts = []
    for path in paths:
        text = cablegrammar.decode(path.read_bytes())
        try:
            read = meaning(cablegrammar.parse(text))
        except cablegrammar.CableError:
            continue  # only what the checkout accepts undamaged
        texts.append((text, read))
        if len(texts) == limit:
            break
    rows = {}
    print(f"({checkout_label(root)}, {len(texts)} cables)\n\n| family | damaged | accepted | read the same |\n"
          "|---|---:|---:|---:|")
    for name, damage in FAMILIES.items():
        damaged = [(out, read) for out, read in ((damage(text), read) for text, read in texts) if out is not None]
        accepted = same = 0
        for text, read in damaged:
            try:
                cable = cablegrammar.parse(text)
            except cablegrammar.CableError:
                continue
            accepted += 1
            same += meaning(cable) == read
        rows[name] = {"damaged": len(damaged), "accepted": accepted, "read_the_same": same}
        print(f"| {name} | {len(damaged)} | {accepted} | {same} |")
    return {"checkout": checkout_label(root), "cables": len(texts), "families": rows}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=str(ROOT), help="the checkout to measure (default: this one)")
    parser.add_argument("--limit", type=int, default=600, help="accepted cables to damage (default 600)")
    parser.add_argument("--seed", type=int, default=2026, help="the shuffle's seed (default 2026)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit("the shared corpus (../shared/corpus beside the checkout) is not on this machine")
    figures = main(args.root, args.limit, args.seed)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")

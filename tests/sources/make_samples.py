"""Build the release-format samples in tests/sources/ from real corpus cables (run by hand; the output is committed).

    python tests/sources/make_samples.py

``cables.csv``
    The Cablegate export's layout (no header row; id, date, reference id,
    origin, classification, references, header, content; ``\\"`` escapes) for
    the chillicoder and heuer cables of tests/corpus/valid: their texts are the
    two ``<pre>`` blocks of the Cablegate pages joined by a blank line, so the
    first blank line splits them back into header and content.  The date is the
    cable's date-time group written as the export writes it (``7/10/2007
    11:31``), the references the canonical ids of its REF items.  Then two
    records as real exports break: a raw database-dump row (tab-separated,
    unquoted, from heuer_cablemap/07BERN881) and a row whose quote is not
    escaped; then one more real cable.
``cables.jsonl``
    The same cables as JSON Lines (``text``, or ``header`` and ``content``),
    then a line that is not JSON and an object without a text.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from cablegrammar import parse, values
from cablegrammar.sources import CablegateDialect, split_header

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "corpus"
TAKE = 14  # cables in each sample


def corpus_cables() -> list[tuple[dict[str, str], str]]:
    """(manifest row, text) of the valid chillicoder and heuer cables, the first TAKE by name."""
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["file"].startswith("valid/")]
    chosen = [r for r in rows if r["file"].split("/")[1].startswith(("chillicoder_cablegate", "heuer_cablemap"))]
    return [(r, (CORPUS / r["file"]).read_bytes().decode("utf-8")) for r in sorted(chosen, key=lambda r: r["file"])]


def origins() -> dict[str, str]:
    """The post's name per reference id, from the notes of the shared corpus's manifest (origin=Embassy Harare)."""
    shared = HERE.parents[2] / "shared" / "corpus" / "MANIFEST.tsv"
    with shared.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    found = {}
    for row in rows:
        for note in row["notes"].split(";"):
            if note.strip().startswith("origin="):
                found[row["refid"]] = note.strip().removeprefix("origin=")
    return found


def export_date(text: str) -> str:
    date = parse(text).date
    return f"{date.month}/{date.day}/{date.year} {date.hour}:{date.minute:02d}" if date else ""


def references(text: str) -> str:
    return "|".join(str(r.cable_id) for r in values.references(parse(text)) if r.cable_id)


def main() -> None:
    cables = corpus_cables()[: TAKE + 1]
    after_broken = cables.pop()
    origin = origins()
    bern = (CORPUS.parent.parent / "tests" / "corpus" / "invalid" / "heuer_cablemap__07BERN881.txt").read_text("utf-8")
    lines = bern.splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.startswith("2007-09-11 09:44:00\t"))
    last = next(i for i in range(first, len(lines)) if not lines[i].endswith("\\\n"))
    dump_row = "".join(lines[first : last + 1])  # a dump row: its newlines are escaped, \ at each line's end
    with (HERE / "cables.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, CablegateDialect)
        for number, (row, text) in enumerate(cables, start=1):
            header, content = split_header(text)
            fields = [
                str(number),
                export_date(text),
                row["refid"],
                origin.get(row["refid"], ""),
                row["classification"],
                references(text),
            ]
            writer.writerow([*fields, header, content])
        out.write(dump_row)
        out.write('"99","1/2/2007 3:04","07NOWHERE1","Embassy "Nowhere", Bern","UNCLASSIFIED","","","UNCLAS"\n')
        row, text = after_broken  # reading goes on after them
        header, content = split_header(text)
        writer.writerow(["100", export_date(text), row["refid"], origin.get(row["refid"], ""), "", "", header, content])
    with (HERE / "cables.jsonl").open("w", encoding="utf-8", newline="\n") as out:
        for number, (row, text) in enumerate(cables, start=1):
            record: dict[str, object] = {
                "id": number,
                "refid": row["refid"],
                "origin": origin.get(row["refid"]),
                "classification": row["classification"],
            }
            if number % 2:
                record["text"] = text
            else:
                header, content = split_header(text)
                record.update(header=header, content=content, references=references(text).split("|"))
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.write("\n")  # blank lines are not records
        out.write('{"refid": "07NOWHERE1", "text": "UNCLAS\n')  # cut short: not JSON
        out.write('{"refid": "07NOWHERE2", "body": "no text key"}\n')


if __name__ == "__main__":
    main()

"""Print the Markdown summary of a pytest-benchmark JSON written by ``benchmarks/test_speed.py``.

    python benchmarks/summarize.py benchmarks/results/latest.json [more.json ...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def summarize(data: dict[str, Any]) -> str:
    """The Markdown tables for one run."""
    out = [f"Run {data['datetime']} on {data['machine_info'].get('cpu', {}).get('brand_raw', '?')}, "
           f"Python {data['machine_info']['python_version']}, timer {data['benchmarks'][0]['options']['timer']}.", ""]
    rows = [b for b in data["benchmarks"] if "mb_per_s" in b["extra_info"]]
    if rows:
        out += ["| corpus | stage | median s | MB/s | cables/s | time / re baseline |", "|---|---|---|---|---|---|"]
        for b in rows:
            i = b["extra_info"]
            out.append(f"| {i['corpus']} | {i['stage']} | {b['stats']['median']:.3f} | {i['mb_per_s']:.2f} | "
                       f"{i['cables_per_s']:.0f} | {i.get('time_vs_re_baseline', float('nan')):.1f}x |")
        out.append("")
    for b in data["benchmarks"]:
        i = b["extra_info"]
        if "latency" in i:
            out += [f"Latency of `parse` per cable ({i['corpus']}, best of 3 per cable):", "",
                    "| size | cables | median ms | p95 ms | re median ms | re p95 ms | median / re |",
                    "|---|---|---|---|---|---|---|"]
            for name, s in i["latency"].items():
                out.append(f"| {name} | {s['cables']} | {s['median_ms']:.2f} | {s['p95_ms']:.2f} | "
                           f"{s['re_median_ms']:.3f} | {s['re_p95_ms']:.3f} | {s['median_vs_re']:.1f}x |")
            out.append("")
        if "import_ms" in i:
            out += [f"Startup (fresh interpreter, median of {i['runs']}): `import cablegrammar` "
                    f"{i['import_ms']:.1f} ms; first `parse` (parser load or build included) "
                    f"{i['first_parse_ms']:.1f} ms; "
                    f"together {i['import_plus_first_parse_ms']:.1f} ms (re: import + split "
                    f"{i['re_import_plus_split_ms']:.2f} ms)."
                    + (f" CPU time: import {i['import_cpu_ms']:.1f} ms, first `parse` {i['first_parse_cpu_ms']:.1f} ms."
                       if "import_cpu_ms" in i else ""), ""]
        if "peak_over_size_median" in i:
            out += [f"Peak memory of one `parse` / cable size ({i['corpus']}): median "
                    f"{i['peak_over_size_median']:.2f}x, p95 {i['peak_over_size_p95']:.2f}x, "
                    f"max {i['peak_over_size_max']:.2f}x (re baseline median {i['re_peak_over_size_median']:.2f}x).",
                    ""]
    scaling = sorted((b for b in data["benchmarks"] if "factor" in b["extra_info"]),
                     key=lambda b: b["extra_info"]["factor"])
    if scaling:
        base = scaling[0]
        out += ["| growth | bytes | paragraphs | INFO addressees | median ms | s per MB | time / 1x | "
                "re s per MB |", "|---|---|---|---|---|---|---|---|"]
        for b in scaling:
            i = b["extra_info"]
            per_mb = b["stats"]["median"] / (i["bytes"] / 1e6)
            out.append(f"| {i['factor']}x | {i['bytes']} | {i['paragraphs']} | {i['info_addressees']} | "
                       f"{1000 * b['stats']['median']:.2f} | {per_mb:.3f} | "
                       f"{b['stats']['median'] / base['stats']['median']:.1f}x | "
                       f"{i['re_baseline_s'] / (i['bytes'] / 1e6):.4f} |")
        out.append("")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    """Print the summary of each JSON file named."""
    for name in argv:
        print(summarize(json.loads(Path(name).read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""pytest-benchmark setup for the speed benchmarks: ratios to the ``re`` baseline in the JSON."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


def pytest_benchmark_update_json(config: Any, benchmarks: Any, output_json: dict[str, Any]) -> None:
    """Add MB/s, cables/s and the ratio to the same run's ``re`` baseline to every throughput entry."""
    baseline: dict[str, float] = {}
    for bench in output_json["benchmarks"]:
        info = bench["extra_info"]
        if info.get("stage") == "re_baseline":
            baseline[info["corpus"]] = bench["stats"]["median"]
    for bench in output_json["benchmarks"]:
        info = bench["extra_info"]
        if "bytes" not in info or "stage" not in info:
            continue
        median = bench["stats"]["median"]
        info["mb_per_s"] = info["bytes"] / 1e6 / median
        info["cables_per_s"] = info["cables"] / median
        if info["corpus"] in baseline:
            info["time_vs_re_baseline"] = median / baseline[info["corpus"]]

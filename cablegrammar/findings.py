"""Findings: what ``cablegrammar check`` reports, and the output formats it reports them in.

A :class:`Finding` is one problem in one file: a syntax error from the
strict parse, a validation diagnostic, or a file that could not be read or
decoded.  The formatters turn a list of findings into the text a person or a
CI system reads: ``concise``, ``full``, ``json``, ``github`` (workflow
annotations) and ``sarif`` (SARIF 2.1.0 for code scanning).

>>> f = Finding(path="a.txt", code="CG100", severity="error", message="this line does not fit here",
...             line=3, column=1, source_line="FOO")
>>> print(format_findings([f], "concise"))
a.txt:3:1: CG100 this line does not fit here
>>> print(format_findings([f], "github"))
::error file=a.txt,line=3,col=1,endLine=3,endColumn=2,title=CG100::this line does not fit here
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from cablegrammar import _json
from cablegrammar.codes import Code, catalogue, rule_url
from cablegrammar.errors import CableSyntaxError

#: Output formats of ``cablegrammar check``.
FORMATS = ("concise", "full", "json", "github", "sarif")

#: The tool's home page (SARIF's informationUri).
TOOL_URL = "https://cablegrammar.readthedocs.io/"


@attrs.frozen
class Finding:
    """One problem found in one file.

    Lines and columns are 1-based; ``end_column`` is exclusive.  When the end
    is not known it is the character after the start.
    """

    #: The file as given on the command line (``-`` for standard input).
    path: str
    #: Stable code: ``CG0xx`` file errors, ``CG1xx`` syntax errors, ``CG2xx``+ validation rules.
    code: str
    #: ``error``, ``warning`` or ``info``.
    severity: str
    #: What is wrong, in words.
    message: str
    line: int = 1
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None
    #: An obvious fix, when there is one.
    hint: str | None = None
    #: The source line the finding points into (for ``full`` output).
    source_line: str = ""

    @property
    def end(self) -> tuple[int, int]:
        """``(end_line, end_column)``, defaulting to the character after the start."""
        return (self.end_line or self.line, self.end_column or self.column + 1)

    @classmethod
    def from_syntax_error(cls, path: str, exc: CableSyntaxError) -> Finding:
        """The finding for a strict-parse failure."""
        return cls(
            path=path,
            code=exc.code,
            severity="error",
            message=exc.message,
            line=exc.line,
            column=exc.column,
            source_line=exc.source_line,
        )


# ---------------------------------------------------------------------------
# Formatters
# ---------------------------------------------------------------------------


def _concise(finding: Finding) -> str:
    return f"{finding.path}:{finding.line}:{finding.column}: {finding.code} {finding.message}"


_WINDOW = 100


def _full(finding: Finding) -> str:
    lines = [_concise(finding)]
    if finding.source_line:
        shown = finding.source_line.expandtabs(1)  # one column per character keeps the caret aligned
        start = finding.column - 1
        width = max(1, finding.end[1] - finding.column) if finding.end[0] == finding.line else 1
        width = min(width, max(1, len(shown) - start))
        if len(shown) > _WINDOW:  # a window around the column, as in CableSyntaxError.context
            left = max(0, start - _WINDOW // 2)
            prefix = "..." if left else ""
            suffix = "..." if left + _WINDOW < len(shown) else ""
            shown = prefix + shown[left : left + _WINDOW] + suffix
            start = start - left + len(prefix)
            width = min(width, _WINDOW)
        lines.append(f"    {shown}")
        lines.append("    " + " " * start + "^" * width)
    if finding.hint:
        lines.append(f"    hint: {finding.hint}")
    return "\n".join(lines) + "\n"


def finding_record(finding: Finding) -> dict[str, Any]:
    """A finding as the ``json`` format's dictionary (see ``findings.schema.json``)."""
    end_line, end_column = finding.end
    return {
        "code": finding.code,
        "severity": finding.severity,
        "message": finding.message,
        "file": finding.path,
        "start": {"line": finding.line, "column": finding.column},
        "end": {"line": end_line, "column": end_column},
        "hint": finding.hint,
        "url": rule_url(finding.code),
    }


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _github(finding: Finding) -> str:
    end_line, end_column = finding.end
    props = (
        f"file={_escape_property(finding.path)},line={finding.line},col={finding.column},"
        f"endLine={end_line},endColumn={end_column},title={_escape_property(finding.code)}"
    )
    message = finding.message + (f" (hint: {finding.hint})" if finding.hint else "")
    return f"::{_GITHUB_LEVEL.get(finding.severity, 'error')} {props}::{_escape_data(message)}"


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def sarif_log(findings: Sequence[Finding], rules: Mapping[str, Code], version: str) -> dict[str, Any]:
    """A SARIF 2.1.0 log of ``findings``, with the whole rule table under ``tool.driver.rules``."""
    codes = list(rules)
    index = {code: i for i, code in enumerate(codes)}
    driver: dict[str, Any] = {
        "name": "cablegrammar",
        "version": version,
        "informationUri": TOOL_URL,
        "rules": [
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "helpUri": rule.url,
                "defaultConfiguration": {"level": _SARIF_LEVEL.get(rule.severity, "error")},
            }
            for rule in rules.values()
        ],
    }
    results = []
    for finding in findings:
        end_line, end_column = finding.end
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "level": _SARIF_LEVEL.get(finding.severity, "error"),
            "message": {"text": finding.message + (f" (hint: {finding.hint})" if finding.hint else "")},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _sarif_uri(finding.path)},
                        "region": {
                            "startLine": finding.line,
                            "startColumn": finding.column,
                            "endLine": end_line,
                            "endColumn": end_column,
                        },
                    }
                }
            ],
        }
        if finding.code in index:
            result["ruleIndex"] = index[finding.code]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results, "columnKind": "unicodeCodePoints"}],
    }


def _sarif_uri(path: str) -> str:
    # A relative URI reference: forward slashes, spaces and % escaped.
    from urllib.parse import quote  # noqa: PLC0415

    return quote(path.replace("\\", "/"), safe="/:._-~")


def format_findings(
    findings: Sequence[Finding],
    fmt: str,
    *,
    rules: Mapping[str, Code] | None = None,
    version: str = "",
) -> str:
    """Render ``findings`` in one of :data:`FORMATS` (no trailing newline)."""
    if fmt == "concise":
        return "\n".join(_concise(f) for f in findings)
    if fmt == "full":
        return "\n".join(_full(f) for f in findings).rstrip("\n")
    if fmt == "json":
        return _json.dumps([finding_record(f) for f in findings], indent=2)
    if fmt == "github":
        return "\n".join(_github(f) for f in findings)
    if fmt == "sarif":
        table = rules if rules is not None else catalogue()
        return _json.dumps(sarif_log(findings, table, version), indent=2)
    msg = f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}"
    raise ValueError(msg)


def statistics(findings: Iterable[Finding], rules: Mapping[str, Code]) -> str:
    """Counts per code, most frequent first, ruff-style: ``  12  CG201  name``."""
    return statistics_of(Counter(f.code for f in findings), rules)


def statistics_of(counts: Mapping[str, int], rules: Mapping[str, Code]) -> str:
    """:func:`statistics` from counts per code already made."""
    width = max((len(str(n)) for n in counts.values()), default=1)
    lines = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        name = rules[code].name if code in rules else ""
        lines.append(f"{count:>{width}}  {code}  {name}".rstrip())
    return "\n".join(lines)

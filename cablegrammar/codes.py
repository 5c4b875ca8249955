"""The codes cablegrammar reports, in one catalogue, and the one way to select them.

Every code is defined once: the file, decoding and syntax codes (``CG0xx``,
``CG1xx``) in :data:`cablegrammar.errors.ERROR_CODES`, each validation rule
(``CG2xx`` and up) beside its check in :mod:`cablegrammar.validate`.
:func:`catalogue` is the one view of all of them, with their severities, and
:func:`select` the one selection by code prefix (ruff-style), used by
``validate()``, the command line and the rules page.

>>> catalogue()["CG100"].name, catalogue()["CG271"].severity
('line-does-not-fit', <Severity.INFO: 'info'>)
>>> select(["CG100", "CG270", "CG271"], select=["CG27"], ignore=["CG271"])
['CG270']
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable, Mapping

import attrs

#: Where the documentation of each code lives (its anchor is the code in lower case).
RULES_URL = "https://cablegrammar.readthedocs.io/en/latest/rules/"


class Severity(enum.StrEnum):
    """How bad a finding is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Code:
    """One code of the catalogue: what it means and how bad its findings are by default."""

    #: Stable code: ``CG0xx`` file errors, ``CG1xx`` syntax errors, ``CG2xx`` and up validation rules.
    code: str
    #: Kebab-case name.
    name: str
    severity: Severity
    #: One line: what the code reports.
    summary: str

    @property
    def url(self) -> str:
        """The documentation address of this code."""
        return rule_url(self.code)


def rule_url(code: str) -> str:
    """The documentation address of a code.

    >>> rule_url("CG100")
    'https://cablegrammar.readthedocs.io/en/latest/rules/#cg100'
    """
    return f"{RULES_URL}#{code.lower()}"


@functools.cache
def catalogue() -> Mapping[str, Code]:
    """Every code a finding can carry, in code order: file and syntax errors, then validation rules."""
    from cablegrammar.errors import ERROR_CODES  # noqa: PLC0415 - the definitions, read on first use
    from cablegrammar.validate import RULES  # noqa: PLC0415

    table = {code: Code(code, name, Severity.ERROR, summary) for code, (name, summary) in ERROR_CODES.items()}
    table.update({code: Code(code, rule.name, rule.severity, rule.summary) for code, rule in RULES.items()})
    return dict(sorted(table.items()))


def matches(code: str, prefixes: Iterable[str]) -> bool:
    """Whether ``code`` starts with one of ``prefixes`` (``ALL`` matches every code).

    >>> matches("CG203", ["CG2"]), matches("CG203", ["CG3", "CG1"]), matches("CG203", ["ALL"])
    (True, False, True)
    """
    return any(prefix == "ALL" or code.startswith(prefix) for prefix in prefixes)


def unknown_prefixes(prefixes: Iterable[str], codes: Iterable[str]) -> list[str]:
    """The prefixes that select none of ``codes`` (``ALL`` selects every one)."""
    known = list(codes)
    return [prefix for prefix in prefixes if not any(matches(code, [prefix]) for code in known)]


def select(codes: Iterable[str], select: Iterable[str] | None = None, ignore: Iterable[str] = ()) -> list[str]:
    """The codes that ``select`` and ``ignore`` prefixes leave, in the order given (``select=None``: all).

    Prefixes are taken in upper case, blanks trimmed; one that selects none of ``codes`` raises ``ValueError``
    naming it and the codes there are.
    """
    known = list(codes)
    chosen = None if select is None else [prefix.strip().upper() for prefix in select]
    dropped = [prefix.strip().upper() for prefix in ignore]
    for option, prefixes in (("select", chosen or []), ("ignore", dropped)):
        if unknown := unknown_prefixes(prefixes, known):
            msg = f"{option}: {unknown[0]!r} selects no code (codes are {', '.join(known)})"
            raise ValueError(msg)
    return [code for code in known if (chosen is None or matches(code, chosen)) and not matches(code, dropped)]

"""JSON text as the project writes it: UTF-8 characters kept, line separators escaped.

JSON allows U+2028, U+2029 and U+0085 raw inside strings, but many JSON Lines
readers (Python's ``str.splitlines`` among them, and JavaScript before ES2019)
split a line on them.  Every JSON document the project writes goes through
:func:`dumps`, which writes them as ``\\u`` escapes: a record stays one line
for every reader, and ``json.loads`` gives the same value back.
"""

from __future__ import annotations

import json
from typing import Any

#: Characters that some line readers take for a line break, with their JSON escapes.
_LINE_SEPARATORS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"})


def dumps(value: Any, *, indent: int | None = None, sort_keys: bool = False) -> str:
    """``json.dumps`` with non-ASCII characters kept, except those some readers split lines on.

    >>> dumps({"subject": "A\\u2028B"})
    '{"subject": "A\\\\u2028B"}'
    >>> import json; json.loads(dumps(["A\\u2028B\\x85"])) == ["A\\u2028B\\x85"]
    True
    """
    # Outside strings JSON has only ASCII, so the characters replaced here are all inside strings.
    return json.dumps(value, indent=indent, sort_keys=sort_keys, ensure_ascii=False).translate(_LINE_SEPARATORS)

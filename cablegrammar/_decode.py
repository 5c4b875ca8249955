"""The decoding policy: a cable file's bytes to text, losslessly, or a clear error naming the byte offset."""

from __future__ import annotations

import re

from cablegrammar.errors import CableDecodeError

#: U+FEFF at the start of a text: :func:`cablegrammar.parse` sets it aside and ``render`` puts it back.
BYTE_ORDER_MARK = "\ufeff"


#: UTF-8 multi-byte sequences (well formed): their presence next to bytes
#: that are not UTF-8 means mixed encodings.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xC2-\xDF][\x80-\xBF]|[\xE0-\xEF][\x80-\xBF]{2}|[\xF0-\xF4][\x80-\xBF]{3}"
)


def decode(data: bytes) -> str:
    """Decode a cable file's bytes, losslessly.

    Policy (see docs/robustness.md):

    * strict UTF-8 first; a UTF-8 byte order mark is kept as U+FEFF (parse
      sets it aside and render puts it back);
    * bytes that are not UTF-8 are read as Latin-1 (the raw ``cables.csv``
      exports are Latin-1: ``¶`` is byte 0xB6), unless
      - they hold bytes 0x80-0x9F, control characters in Latin-1 that would
        be silent mojibake (Windows-1252 quotes), or
      - the data also holds well-formed UTF-8 multi-byte sequences (mixed
        encodings: Latin-1 would turn them into mojibake);
    * UTF-16 and UTF-32 (a byte order mark ``FF FE`` / ``FE FF``) are refused;
    * line endings (LF, CRLF, CR) and NUL bytes are kept as they are.

    Refusals raise :class:`CableDecodeError` naming the byte offset.

    >>> decode(b"\\xb61. (C)")
    '¶1. (C)'
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CableDecodeError(
            f"bytes {data[:2].hex(' ').upper()} at offset 0 are a UTF-16 or UTF-32 byte order mark: "
            "not a UTF-8 or Latin-1 text; pass encoding= to choose one",
            offset=0,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    for offset, byte in enumerate(data):
        if 0x80 <= byte <= 0x9F:
            valid = (
                f"first non-UTF-8 byte at offset {first_bad}"
                if first_bad != offset
                else "it is the first non-UTF-8 byte"
            )
            msg = (
                f"byte 0x{byte:02X} at offset {offset} is neither UTF-8 nor printable Latin-1 "
                f"({valid}); pass encoding= to choose one"
            )
            raise CableDecodeError(msg, offset=offset)
    if mixed := _UTF8_MULTIBYTE.search(data):
        msg = (
            f"byte 0x{data[first_bad]:02X} at offset {first_bad} is not UTF-8, but the bytes at offset "
            f"{mixed.start()} are: mixed encodings; pass encoding= to choose one"
        )
        raise CableDecodeError(msg, offset=first_bad)
    return data.decode("latin-1")


def decode_as(data: bytes, encoding: str) -> str:
    """Decode with a named encoding; errors become :class:`CableDecodeError` with the byte offset.

    >>> decode_as(b"caf\\xe9", "cp1252")
    'café'
    """
    try:
        return data.decode(encoding)
    except LookupError:
        raise CableDecodeError(f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.end].hex(" ").upper()
        msg = f"bytes {bad} at offset {exc.start} are not valid {encoding}: {exc.reason}"
        raise CableDecodeError(msg, offset=exc.start) from None

# File inputs for multipart uploads (transcriptions): a path, bytes, a binary file object or a
# `(name, bytes[, content_type])` tuple. Read once, so every retry sends identical bytes.
from __future__ import annotations

import mimetypes
import os
from typing import IO, TypeAlias, Union

from ._exceptions import InputIssue, InputValidationError

__all__ = ["FileInput", "to_file"]

FileInput: TypeAlias = Union[
    str,
    "os.PathLike[str]",
    bytes,
    bytearray,
    memoryview,
    IO[bytes],
    "tuple[str, bytes]",
    "tuple[str, bytes, str]",
]
"""A path, bytes, a binary file object, or `(filename, bytes)` / `(filename, bytes, content_type)`."""

_EXTRA_TYPES = {
    ".m4a": "audio/mp4",
    ".mp3": "audio/mpeg",
    ".wav": "audio/wav",
    ".webm": "audio/webm",
    ".flac": "audio/flac",
    ".ogg": "audio/ogg",
}


def _mime(name: str) -> str:
    ext = os.path.splitext(name)[1].lower()
    return _EXTRA_TYPES.get(ext) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def to_file(value: FileInput) -> tuple[str, bytes, str]:
    """`(filename, bytes, content_type)` for an upload field."""
    if isinstance(value, tuple):
        name, data = value[0], value[1]
        return name, bytes(data), value[2] if len(value) == 3 else _mime(name)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "file", bytes(value), "application/octet-stream"
    if isinstance(value, (str, os.PathLike)):
        path = os.fspath(value)
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise InputValidationError(
                "to_file", [InputIssue("file", f'cannot read "{path}" ({reason})')]
            ) from None
        return os.path.basename(path) or "file", data, _mime(path)
    read = getattr(value, "read", None)
    if callable(read):
        data: object = read()
        if not isinstance(data, (bytes, bytearray)):
            raise InputValidationError(
                "to_file", [InputIssue("file", "open the file in binary mode ('rb'), not text mode")]
            )
        raw_name = getattr(value, "name", None)
        name = os.path.basename(raw_name) if isinstance(raw_name, str) and raw_name else "file"
        return name, bytes(data), _mime(name)
    raise InputValidationError(
        "to_file",
        [InputIssue("file", "must be a path, bytes, a binary file object or a (name, bytes) tuple")],
    )

# A deprecated model answers with `Deprecation` (RFC 9745), `Sunset` (RFC 8594) and a `Link` to its
# successor (RFC 5829); past the sunset it is pruned (404). The SDK says so once per base URL and
# model, as a WARNING on the "aigateway" logger (shown by default), in aigateway-js's words.
from __future__ import annotations

import re
from collections.abc import Mapping
from contextlib import suppress
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import unquote

from ._wire import DEPRECATION_HEADER, LINK_HEADER, SUCCESSOR_REL, SUNSET_HEADER

__all__ = ["deprecation_warning", "model_of"]

_warned: set[tuple[str, str]] = set()
_SUCCESSOR = re.compile(rf'<[^>]*/models/([^>]+)>\s*;\s*rel="?{re.escape(SUCCESSOR_REL)}"?', re.IGNORECASE)
_PATH_MODEL = re.compile(r"/models/(.+)$")


def model_of(body: Mapping[str, object] | None, path: str) -> str | None:
    """The model a call names: the body's `model` (JSON or form), else the `/models/{id}` path."""
    model = body.get("model") if body is not None else None
    if isinstance(model, str):
        return model
    match = _PATH_MODEL.search(path)
    return unquote(match[1]) if match else None


def _day(at: datetime) -> str:
    # An HTTP-date is always GMT; one written with -0000 parses as naive.
    return (at if at.tzinfo else at.replace(tzinfo=timezone.utc)).astimezone(timezone.utc).date().isoformat()


def deprecation_warning(base_url: str, model: str, headers: Mapping[str, str]) -> str | None:
    """The warning line for a response carrying `Deprecation`, the first time this base URL sees
    this model deprecated; otherwise None."""
    deprecation = headers.get(DEPRECATION_HEADER)
    if deprecation is None or (base_url, model) in _warned:
        return None
    _warned.add((base_url, model))
    since = ""
    seconds = re.fullmatch(r"@(-?\d+)", deprecation.strip())
    with suppress(OverflowError, OSError, ValueError):  # a date out of range says nothing useful
        since = f" since {_day(datetime.fromtimestamp(int(seconds[1]), timezone.utc))}" if seconds else ""
    try:
        sunset = f" and is removed on {_day(parsedate_to_datetime(headers.get(SUNSET_HEADER) or ''))}"
    except (TypeError, ValueError, IndexError):
        sunset = ""
    successor = _SUCCESSOR.search(headers.get(LINK_HEADER) or "")
    step = (
        f"move to '{unquote(successor[1])}'" if successor else "pick another model from client.models.list()"
    )
    return f"[aigateway] Model '{model}' is deprecated{since}{sunset}: {step}."

# Retry policy: which failures get another attempt and how long to wait before it. The same
# policy as aigateway-js (packages/aigateway-js/src/core/retry.ts); the conformance vectors decide.
from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from email.utils import parsedate_to_datetime

__all__ = [
    "BACKOFF",
    "RETRYABLE_STATUSES",
    "backoff_delay",
    "is_retryable_status",
    "parse_retry_after",
    "retry_delay",
]

RETRYABLE_STATUSES: Mapping[int, str] = {
    408: "request timeout: the body did not arrive in time, a fresh attempt usually does",
    409: "idempotency_in_progress: the same Idempotency-Key is still being processed",
    429: "rate limited: wait as long as Retry-After says, then try again",
    500: "internal error: transient on the gateway side",
    502: "provider error: the router usually fails over to another provider on the next attempt",
    503: "unavailable: transient overload",
    504: "gateway timeout: transient",
}
"""Statuses retried automatically, each with why. Any other 4xx is final (retrying cannot help)."""


class BACKOFF:
    """0.5 s doubling to 8 s, minus up to 25 % jitter; Retry-After honoured up to 60 s."""

    initial = 0.5
    maximum = 8.0
    jitter = 0.25
    retry_after_cap = 60.0


def is_retryable_status(status: int) -> bool:
    """The statuses above and any other 5xx."""
    return status >= 500 or status in RETRYABLE_STATUSES


def backoff_delay(retry: int, rand: Callable[[], float] = random.random) -> float:
    """Exponential backoff with jitter for the `retry`-th retry (0-based), in seconds."""
    base = min(BACKOFF.initial * 2**retry, BACKOFF.maximum)
    return round(base * (1 - rand() * BACKOFF.jitter), 3)


def parse_retry_after(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds the server asked to wait: `retry-after-ms`, else `Retry-After` as seconds or an HTTP date."""
    ms = headers.get("retry-after-ms")
    if ms is not None:
        try:
            value = float(ms)
        except ValueError:
            value = -1.0
        if value >= 0 and value != float("inf"):
            return value / 1000
    header = headers.get("retry-after")
    if header is None:
        return None
    text = header.strip()
    try:
        seconds = float(text)
    except ValueError:
        seconds = None
    if seconds is not None and text and seconds == seconds and abs(seconds) != float("inf"):
        return max(0.0, seconds)
    try:
        date = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if date.tzinfo is None:
        return None
    return max(0.0, date.timestamp() - (time.time() if now is None else now))


def retry_delay(
    retry: int,
    headers: Mapping[str, str] | None,
    rand: Callable[[], float] = random.random,
    now: float | None = None,
) -> float | None:
    """The wait before retry number `retry`, or `None` when the server asked for longer than the cap."""
    asked = parse_retry_after(headers, now) if headers is not None else None
    if asked is None:
        return backoff_delay(retry, rand)
    return asked if asked <= BACKOFF.retry_after_cap else None

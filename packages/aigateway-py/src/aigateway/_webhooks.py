# Webhook verification (openapi/README.md § Webhooks): Stripe-style `x-aig-signature:
# t=<unix>,v1=<hex>[,v1=…]`, HMAC-SHA256 with the endpoint secret over f"{t}.{raw_body}", compared
# with hmac.compare_digest against every v1 entry and every secret (rotation). Stale *and* future
# timestamps are refused. Importing this module does not import httpx.
from __future__ import annotations

import hashlib
import hmac
import json
import math
import os
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

from ._exceptions import AIgatewayError

if TYPE_CHECKING:
    from pydantic import ValidationError

    from .types import JobCompletedEvent, JobFailedEvent

__all__ = [
    "JobCompletedWebhookEvent",
    "JobFailedWebhookEvent",
    "SignedWebhook",
    "WebhookEvent",
    "WebhookVerificationError",
    "sign_webhook",
    "verify_webhook",
]

SIGNATURE_HEADER = "x-aig-signature"
DEFAULT_TOLERANCE = 300

WebhookVerificationErrorReason: TypeAlias = Literal[
    "missing_header",
    "malformed_header",
    "timestamp_outside_tolerance",
    "no_matching_signature",
    "invalid_payload",
    "invalid_body",
    "missing_secret",
]

_RAW_BODY_HELP = (
    "The signature covers the exact bytes sent, so pass the raw body (bytes or str), never a parsed or "
    "re-serialised object. FastAPI/Starlette: `await request.body()`. Flask: `request.get_data()`. "
    "Django: `request.body`."
)


class WebhookVerificationError(AIgatewayError):
    """A webhook request cannot be trusted or understood: answer it with a 400; branch on `reason`.
    Messages say what to do and never contain the secret or an expected signature."""

    reason: WebhookVerificationErrorReason
    header: str | None

    def __init__(
        self, reason: WebhookVerificationErrorReason, message: str, header: str | None = None
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.header = header


@dataclass(frozen=True)
class _EventBase:
    id: str
    """The delivery id (`x-aig-delivery-id`): the same on every retry of one delivery."""
    delivery_id: str
    attempt: int
    """1-based attempt number (`x-aig-attempt`)."""
    timestamp: int
    """When the gateway signed this attempt, Unix seconds (`t=`)."""
    raw_body: bytes
    """The signed body, byte for byte."""

    @property
    def dedupe_key(self) -> str:
        """A key to skip repeats by, taken from the *signed* body (the delivery-id header is not
        signed): `<type>:<job id>`. A job finishes once, so every retry of its delivery, and any
        replay of it, has the same key."""
        data: Any = getattr(self, "data")  # noqa: B009
        return f"{getattr(self, 'type')}:{data.id}"  # noqa: B009


@dataclass(frozen=True)
class JobCompletedWebhookEvent(_EventBase):
    """A verified `job.completed` delivery; `data` is the final job snapshot (`result_url` set)."""

    type: Literal["job.completed"]
    data: JobCompletedEvent


@dataclass(frozen=True)
class JobFailedWebhookEvent(_EventBase):
    """A verified `job.failed` delivery; `data.error` says why."""

    type: Literal["job.failed"]
    data: JobFailedEvent


WebhookEvent: TypeAlias = JobCompletedWebhookEvent | JobFailedWebhookEvent
"""A verified event; narrow on `event.type`."""


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    if value is None:
        # Plain dicts are case-sensitive; framework header objects (Starlette, Django, Werkzeug) are not.
        for key, item in headers.items():
            if len(key) == len(name) and key.lower() == name:
                value = item
                break
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)  # pyright: ignore[reportUnknownVariableType, reportUnknownArgumentType]
    return value if isinstance(value, str) else None


def _require(headers: Mapping[str, str], name: str) -> str:
    value = headers.get(name)
    if value.__class__ is not str:  # absent under this exact name, or a list of values
        value = _header(headers, name)
    value = value.strip() if value is not None else ""
    if not value:
        raise WebhookVerificationError(
            "missing_header",
            f"The `{name}` header is missing: pass all request headers as received (not a subset), and make "
            "sure no proxy strips `x-aig-*` headers.",
            name,
        )
    return value


def _malformed(problem: str) -> WebhookVerificationError:
    return WebhookVerificationError(
        "malformed_header",
        f"The `{SIGNATURE_HEADER}` header is malformed: {problem}. It must look like "
        "`t=<unix seconds>,v1=<64 lowercase hex chars>[,v1=…]`; pass the header exactly as received.",
        SIGNATURE_HEADER,
    )


_HEX = frozenset("0123456789abcdef")
# The header as the gateway sends it with one secret: parsed by one regex match; anything else
# (several v1= entries during a rotation, other schemes, stray spaces) by the loop below.
_COMMON_SIGNATURE = re.compile(r"t=([0-9]{1,15}),v1=([0-9a-f]{64})")


def _parse_signature(value: str) -> tuple[str, list[bytes]]:
    common = _COMMON_SIGNATURE.fullmatch(value)
    if common is not None:
        return common[1], [bytes.fromhex(common[2])]
    timestamp: str | None = None
    signatures: list[bytes] = []
    for item in value.split(","):
        key, eq, val = item.strip().partition("=")
        if not eq or not key:
            raise _malformed("an entry is not a `key=value` pair")
        if key == "t":
            if timestamp is not None:
                raise _malformed("`t=` appears more than once")
            if not (val.isascii() and val.isdigit() and 1 <= len(val) <= 15):
                raise _malformed("`t=` is not a Unix time in whole seconds")
            timestamp = val
        elif key == "v1":
            if len(val) != 64 or not _HEX.issuperset(val):
                raise _malformed("a `v1=` value is not 64 lowercase hex characters")
            signatures.append(bytes.fromhex(val))
        # Unknown schemes (v0=, a future v2=) are ignored, so a new scheme never breaks this verifier.
    if timestamp is None:
        raise _malformed("it has no `t=` timestamp")
    if not signatures:
        raise _malformed("it has no `v1=` signature")
    return timestamp, signatures


def _secrets(secret: str | Sequence[str]) -> list[str]:
    secrets: list[object] = [secret] if isinstance(secret, str) else list(secret)  # pyright: ignore[reportUnnecessaryIsInstance]
    if not secrets:
        raise WebhookVerificationError(
            "missing_secret",
            "The list of webhook secrets is empty: pass your endpoint signing secret (whsec_…), or several during a rotation.",
        )
    for index, item in enumerate(secrets):
        if not isinstance(item, str) or not item:
            which = (
                "The webhook secret"
                if len(secrets) == 1
                else f"Webhook secret #{index + 1} of {len(secrets)}"
            )
            got = (
                "an empty string" if item == "" else ("None" if item is None else f"a {type(item).__name__}")
            )
            raise WebhookVerificationError(
                "missing_secret",
                f"{which} is {got}: pass your endpoint signing secret (whsec_…), e.g. from an environment "
                "variable, and check that the variable is set where this code runs.",
            )
    return [s for s in secrets if isinstance(s, str)]


def _raw(payload: object) -> bytes:
    if isinstance(payload, bytes):
        return payload
    if isinstance(payload, str):
        return payload.encode()
    if isinstance(payload, bytearray):
        return bytes(payload)
    if isinstance(payload, memoryview):
        return payload.tobytes()
    described = "an already-parsed object" if isinstance(payload, (dict, list)) else type(payload).__name__
    raise WebhookVerificationError(
        "invalid_body", f"The webhook body is {described}, not the raw request body. {_RAW_BODY_HELP}"
    )


# Up to this size the signed bytes are built as one string and hashed in one C call (a quarter of
# a 1 KB verification's time went to the hmac module's Python wrapper); above it the body is fed
# to an incremental HMAC without being copied.
_ONE_SHOT_MAX = 64 * 1024


def verify_webhook(
    payload: bytes | str,
    headers: Mapping[str, str],
    secret: str | Sequence[str],
    *,
    tolerance: int = DEFAULT_TOLERANCE,
    now: float | None = None,
) -> WebhookEvent:
    """Verifies a webhook delivery and returns the typed event.

    Args:
        payload: The request body exactly as received (bytes or str), never a parsed dict.
        headers: The request headers (any mapping; names match in any case).
        secret: The endpoint signing secret (`whsec_…`), or several during a rotation.
        tolerance: Largest distance in seconds between the signed timestamp and now, both ways
            (too old: a replay; too far ahead: a skewed clock). `0` disables the check.
        now: The current Unix time, to verify a stored delivery or in tests. Default: the clock.

    Raises:
        WebhookVerificationError: with `reason` saying why.

    ```python
    event = verify_webhook(await request.body(), request.headers, os.environ["AIGATEWAY_WEBHOOK_SECRET"])
    if event.type == "job.completed":
        print(event.data.result_url)
    ```
    """
    body = _raw(payload)
    secrets = [secret] if isinstance(secret, str) and secret else _secrets(secret)
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or tolerance < 0:  # pyright: ignore[reportUnnecessaryIsInstance]
        raise TypeError(
            f"tolerance must be a number of seconds >= 0 (default {DEFAULT_TOLERANCE}; 0 disables the check), got {tolerance!r}."
        )
    if headers is None or not hasattr(headers, "get"):  # pyright: ignore[reportUnnecessaryComparison]
        raise WebhookVerificationError(
            "missing_header", "No request headers were given: pass the request headers as received."
        )
    timestamp, candidates = _parse_signature(_require(headers, SIGNATURE_HEADER))
    prefix = timestamp.encode() + b"."
    matched = False
    # Every pair is compared: no early exit that would time which secret or entry matched.
    for key in secrets:
        if len(body) <= _ONE_SHOT_MAX:
            digest = hmac.digest(key.encode(), prefix + body, hashlib.sha256)  # one C call
        else:
            mac = hmac.new(key.encode(), prefix, hashlib.sha256)
            mac.update(body)  # no copy of the body: it may be megabytes
            digest = mac.digest()
        for candidate in candidates:
            matched = hmac.compare_digest(digest, candidate) or matched
    if not matched:
        padded = next((i for i, s in enumerate(secrets) if s.strip() != s), None)
        raise WebhookVerificationError(
            "no_matching_signature",
            "No signature in `x-aig-signature` matches this body with the given secret(s). Check that the secret is "
            "this endpoint's signing secret (whsec_…), that you pass the raw body byte for byte (not "
            "json.dumps(parsed)), and that no proxy rewrote the body."
            + (
                ""
                if padded is None
                else f" Note: secret #{padded + 1} has leading or trailing whitespace; strip it."
            ),
        )
    signed_at = int(timestamp)
    if tolerance:
        current = int(time.time() if now is None else now)
        age = current - signed_at
        if age > tolerance:
            raise WebhookVerificationError(
                "timestamp_outside_tolerance",
                f"The webhook was signed {age} s ago (t={timestamp}), more than the {tolerance:g} s tolerance, so it may "
                "be a replay. If your clock is wrong, sync it (NTP); to re-verify a stored delivery, pass `now`.",
            )
        if -age > tolerance:
            raise WebhookVerificationError(
                "timestamp_outside_tolerance",
                f"The webhook timestamp is {-age} s in the future (t={timestamp}), beyond the {tolerance:g} s tolerance: "
                "check this server's clock (NTP) or the `now` argument.",
            )
    delivery_id = _require(headers, "x-aig-delivery-id")
    if not (
        1 <= len(delivery_id) <= 255
        and delivery_id.isascii()
        and delivery_id.isprintable()
        and "," not in delivery_id
        and " " not in delivery_id
    ):
        raise WebhookVerificationError(
            "malformed_header",
            "The `x-aig-delivery-id` header must be one id of 1–255 printable characters; pass it as received.",
            "x-aig-delivery-id",
        )
    attempt = _require(headers, "x-aig-attempt")
    if not (attempt.isascii() and attempt.isdigit() and attempt[0] != "0" and len(attempt) <= 6):
        raise WebhookVerificationError(
            "malformed_header",
            "The `x-aig-attempt` header must be a positive integer (1 for the first attempt); pass it as received.",
            "x-aig-attempt",
        )
    declared = _require(headers, "x-aig-event-type")
    return _event(body, delivery_id, int(attempt), signed_at, declared)


def _invalid(problem: str) -> WebhookVerificationError:
    return WebhookVerificationError(
        "invalid_payload",
        f"The webhook is authentic but its payload is not a final job snapshot: {problem}. Upgrade aigateway-py "
        "if the gateway added something new; otherwise report it with the delivery id.",
    )


@lru_cache(maxsize=1)
def _payload_parser() -> tuple[Any, type[ValidationError]]:
    """The payload's validator and pydantic's error class, imported once (pydantic is imported on the
    first verification, not with the module)."""
    from pydantic import Field, TypeAdapter, ValidationError

    from .types import JobCompletedEvent, JobFailedEvent

    # `status` tells the two apart, so the body is parsed and validated in one pass (pydantic-core).
    adapter = TypeAdapter(Annotated[JobCompletedEvent | JobFailedEvent, Field(discriminator="status")])
    return adapter.validator, ValidationError


def _event(body: bytes, delivery_id: str, attempt: int, timestamp: int, declared: str) -> WebhookEvent:
    validator, validation_error = _payload_parser()
    if body[:3] == b"\xef\xbb\xbf":
        body = body[3:]  # a UTF-8 BOM, as JSON decoders drop it
    try:
        data: JobCompletedEvent | JobFailedEvent = validator.validate_json(body)
    except validation_error as exc:
        first = exc.errors()[0]
        if first["type"] == "json_invalid":
            raise _invalid("the body is not valid UTF-8 JSON") from None
        if first["type"] in (
            "union_tag_invalid",
            "union_tag_not_found",
            "model_type",
            "model_attributes_type",
        ):
            status = first.get("input", {}).get("status") if isinstance(first.get("input"), dict) else None
            raise _invalid(
                f"`data.status` is {status!r}, but webhooks are only sent for completed or failed jobs"
            ) from None
        where = ".".join(str(p) for p in first["loc"][1:])
        raise _invalid(f"`data.{where}` {first['msg'].lower()}") from None
    problem = _out_of_range(data)
    if problem:
        raise _invalid(problem)
    kind = "job.completed" if data.status == "completed" else "job.failed"
    if declared != kind:
        raise WebhookVerificationError(
            "malformed_header",
            f"The `x-aig-event-type` header does not match the signed payload, a {data.status} job ({kind}): "
            "pass the headers that came with this body.",
            "x-aig-event-type",
        )
    if data.status == "completed":
        return JobCompletedWebhookEvent(
            delivery_id, delivery_id, attempt, timestamp, body, "job.completed", data
        )
    return JobFailedWebhookEvent(delivery_id, delivery_id, attempt, timestamp, body, "job.failed", data)


@lru_cache(maxsize=1)
def _ranges() -> tuple[tuple[str, str, str, float, float], ...]:
    """The contract's job field ranges as (path, head, tail, low, high), with open ends infinite."""
    from ._wire import JOB_FIELD_RANGES

    inf = float("inf")
    out: list[tuple[str, str, str, float, float]] = []
    for path, limits in JOB_FIELD_RANGES.items():
        head, _, tail = path.partition(".")
        low, high = limits.get("minimum"), limits.get("maximum")
        out.append((path, head, tail, -inf if low is None else low, inf if high is None else high))
    return tuple(out)


def _out_of_range(data: Any) -> str | None:
    for path, head, tail, low, high in _ranges():
        field: Any = getattr(data, head, None)
        if tail:
            field = getattr(field, tail, None)
        if field.__class__ in (int, float) and (field < low or field > high):
            bounds = (
                f"from {low:g} to {high:g}"
                if low > -math.inf and high < math.inf
                else f">= {low:g}"
                if low > -math.inf
                else f"<= {high:g}"
            )
            return f"`data.{path}` must be {bounds}, got {field}"
    return None


@dataclass(frozen=True)
class SignedWebhook:
    """A delivery built as the gateway signs it, ready to POST: `body` and `headers`."""

    body: bytes
    headers: dict[str, str]
    signature: str


def sign_webhook(
    payload: Mapping[str, object] | str | bytes,
    secret: str | Sequence[str],
    *,
    timestamp: int | None = None,
    type: Literal["job.completed", "job.failed"] | None = None,
    delivery_id: str | None = None,
    attempt: int = 1,
) -> SignedWebhook:
    """Signs a job snapshot exactly as the gateway does, for testing your handler.

    ```python
    delivery = sign_webhook(job_dict, "whsec_test")
    httpx.post("http://127.0.0.1:8000/hooks/aigateway", content=delivery.body, headers=delivery.headers)
    ```
    """
    body = (
        payload
        if isinstance(payload, bytes)
        else payload.encode()
        if isinstance(payload, str)
        else json.dumps(payload).encode()
    )
    secrets = _secrets(secret)
    t = int(time.time()) if timestamp is None else timestamp
    if isinstance(t, bool) or not isinstance(t, int) or t < 0:  # pyright: ignore[reportUnnecessaryIsInstance]
        raise TypeError(f"sign_webhook: timestamp must be whole Unix seconds, got {timestamp!r}.")
    if isinstance(attempt, bool) or not isinstance(attempt, int) or attempt < 1:  # pyright: ignore[reportUnnecessaryIsInstance]
        raise TypeError(f"sign_webhook: attempt must be an integer >= 1, got {attempt!r}.")
    if type is None:
        try:
            status = json.loads(body).get("status")
        except (ValueError, AttributeError):
            status = None  # a deliberately invalid body (to test invalid_payload) is still signed
        type = "job.failed" if status == "failed" else "job.completed"
    signed = f"{t}.".encode() + body
    entries = ",".join(f"v1={hmac.new(s.encode(), signed, hashlib.sha256).hexdigest()}" for s in secrets)
    signature = f"t={t},{entries}"
    headers = {
        "content-type": "application/json",
        "user-agent": "AIgateway-Webhooks/1.0",
        "x-aig-event-type": type,
        SIGNATURE_HEADER: signature,
        "x-aig-delivery-id": delivery_id if delivery_id is not None else os.urandom(16).hex(),
        "x-aig-attempt": str(attempt),
    }
    return SignedWebhook(body, headers, signature)

# Every error the SDK raises. HTTP errors are built from the gateway's envelope in one place
# (`make_status_error`), following openapi/README.md § Errors; the class per status mirrors
# aigateway-js and the shared conformance vectors.
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Literal, cast

from typing_extensions import override

from ._redact import redact
from ._retry import parse_retry_after

if TYPE_CHECKING:
    import httpx

    from .types import EvalRun, Job

__all__ = [
    "AIgatewayError",
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "BudgetExceededError",
    "ConfigurationError",
    "ConflictError",
    "EvalFailedError",
    "InputIssue",
    "InputValidationError",
    "InternalServerError",
    "JobFailedError",
    "JobTimeoutError",
    "ModelNotFoundError",
    "NotFoundError",
    "PartialStream",
    "PermissionDeniedError",
    "ProviderError",
    "RateLimitError",
    "StreamIdleTimeoutError",
    "StreamInterruptedError",
]


class AIgatewayError(Exception):
    """Base class of every error raised by aigateway-py."""


class ConfigurationError(AIgatewayError):
    """The client was configured wrongly (missing key, bad base URL…); raised before any request."""


@dataclass(frozen=True)
class InputIssue:
    """One problem found in a call's parameters."""

    path: str
    """Dotted path of the offending field, e.g. `messages` or `dataset.0.input`."""
    message: str


class InputValidationError(AIgatewayError):
    """Parameters failed the contract's checks before any request was sent. Not an HTTP error."""

    issues: tuple[InputIssue, ...]

    def __init__(self, method: str, issues: Sequence[InputIssue]) -> None:
        listed = "; ".join(f"{i.path}: {i.message}" if i.path else i.message for i in issues)
        super().__init__(f"Invalid parameters for {method}: {listed}. Fix them before calling again.")
        self.issues = tuple(issues)


@dataclass
class PartialStream:
    """What a stream delivered before it broke."""

    content: str = ""
    """Text content of the whole stream so far (first choice, for a chat stream)."""
    tool_calls: list[dict[str, Any]] = field(default_factory=lambda: [])
    """Tool calls assembled from the whole stream so far (first choice), in index order."""
    chunks: list[dict[str, Any]] = field(default_factory=lambda: [])
    """The last chunks received (at most 64), oldest first."""


class APIError(AIgatewayError):
    """A request to the gateway failed: an error response, or no response at all."""

    message: str
    request: httpx.Request | None

    def __init__(self, message: str, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request


class APIStatusError(APIError):
    """An HTTP error response. `message` is the gateway's, which says what to do next."""

    status_code: int
    response: httpx.Response | None
    type: str | None
    """Envelope `type`, e.g. `invalid_request_error`."""
    code: str | None
    """Envelope `code`, e.g. `model_not_found`."""
    param: str | None
    """JSON path of the offending field, when the gateway names one."""
    request_id: str | None
    """`X-Request-Id` of the failed call; quote it to support."""
    error: dict[str, Any]
    """The envelope's raw `error` object (secrets masked), including type-specific fields."""
    headers: httpx.Headers
    partial: PartialStream | None
    """What a stream had delivered when this error arrived in it; `None` otherwise."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        error: Mapping[str, Any] | None,
        headers: httpx.Headers,
        response: httpx.Response | None = None,
        partial: PartialStream | None = None,
    ) -> None:
        super().__init__(
            message, response.request if response is not None and _has_request(response) else None
        )
        self.status_code = status_code
        self.response = response
        self.headers = headers
        self.error = dict(error or {})
        self.type = _str(self.error.get("type"))
        self.code = _str(self.error.get("code"))
        self.param = _str(self.error.get("param"))
        self.request_id = headers.get("x-request-id") or _str(self.error.get("request_id"))
        self.partial = partial

    @override
    def __repr__(self) -> str:
        return f"{type(self).__name__}(status_code={self.status_code}, code={self.code!r}, request_id={self.request_id!r}, message={self.message!r})"


class BadRequestError(APIStatusError):
    """400 / 413 / 422 `invalid_request_error`: the request is wrong; `param` names the field."""

    status_code: Literal[400, 413, 422]  # pyright: ignore[reportIncompatibleVariableOverride]


class AuthenticationError(APIStatusError):
    """401: the key is missing or invalid."""

    status_code: Literal[401]  # pyright: ignore[reportIncompatibleVariableOverride]


class BudgetExceededError(APIStatusError):
    """402: a sub-account's monthly spend cap was reached; the blocked request cost nothing."""

    status_code: Literal[402]  # pyright: ignore[reportIncompatibleVariableOverride]
    spend_cap_cents: float | None
    spent_cents: float | None
    reserved_cents: float | None
    """Held for the sub-account's requests and jobs still in flight; spent + reserved never passes the cap."""
    price_cents: float | None
    """The blocked request's price, when the gateway knew it before dispatch."""
    resets_at: datetime | None
    """When the cap resets (start of next month, UTC), when the gateway says."""
    sub_account_id: str | None

    def __init__(self, message: str, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.spend_cap_cents = _num(self.error.get("spend_cap_cents"))
        self.spent_cents = _num(self.error.get("spent_cents"))
        self.reserved_cents = _num(self.error.get("reserved_cents"))
        self.price_cents = _num(self.error.get("price_cents"))
        resets = _num(self.error.get("resets_at"))
        self.resets_at = None if resets is None else datetime.fromtimestamp(resets, tz=timezone.utc)
        self.sub_account_id = _str(self.error.get("sub_account_id"))


class PermissionDeniedError(APIStatusError):
    """403: the key may not do this (a sub-account key managing sub-accounts, a bad file signature)."""

    status_code: Literal[403]  # pyright: ignore[reportIncompatibleVariableOverride]


class NotFoundError(APIStatusError):
    """404: the job, sub-account, eval, request, file or path does not exist."""

    status_code: Literal[404]  # pyright: ignore[reportIncompatibleVariableOverride]


class ModelNotFoundError(NotFoundError):
    """404 `model_not_found`: the slug is unknown; `suggestions` lists close catalog slugs."""

    suggestions: list[str]

    def __init__(self, message: str, **kwargs: Any) -> None:
        error: Mapping[str, Any] = kwargs.get("error") or {}
        raw = error.get("suggestions")
        suggestions = [s for s in raw if isinstance(s, str)] if isinstance(raw, list) else []  # pyright: ignore[reportUnknownVariableType]
        missing = [s for s in suggestions if s not in message]
        hint = f" Did you mean {' or '.join(missing)}?" if missing else ""
        super().__init__(f"{message}{hint}", **kwargs)
        self.suggestions = suggestions


class ConflictError(APIStatusError):
    """409: the same idempotency key is still being processed (retried automatically)."""

    status_code: Literal[409]  # pyright: ignore[reportIncompatibleVariableOverride]


class RateLimitError(APIStatusError):
    """429: too many requests."""

    status_code: Literal[429]  # pyright: ignore[reportIncompatibleVariableOverride]
    retry_after: int | None
    """Whole seconds the gateway asked to wait: the envelope's `retry_after`, else `Retry-After`, rounded up."""

    def __init__(self, message: str, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        from_body = _num(self.error.get("retry_after"))
        from_header = parse_retry_after(self.headers)
        seconds = from_body if from_body is not None else (None if from_header is None else from_header)
        self.retry_after = None if seconds is None else math.ceil(max(0.0, seconds))


class InternalServerError(APIStatusError):
    """5xx: the gateway failed."""


class ProviderError(InternalServerError):
    """502 `provider_error`: the upstream provider failed and failover did not catch it."""

    provider: str | None

    def __init__(self, message: str, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.provider = _str(self.error.get("provider"))


class APIConnectionError(APIError):
    """The request never got a response (DNS, refused or dropped connection…)."""

    def __init__(
        self,
        message: str = "Connection error: the gateway could not be reached. Check the base URL and your network.",
        request: httpx.Request | None = None,
    ) -> None:
        super().__init__(message, request)


class APITimeoutError(APIConnectionError):
    """An attempt took longer than the `timeout` option."""

    def __init__(self, request: httpx.Request | None = None, timeout: float | None = None) -> None:
        detail = f" after {timeout:g} s" if timeout is not None else ""
        super().__init__(
            f"Request timed out{detail}. Raise `timeout` (client or per request) or check the gateway's status.",
            request,
        )


class StreamInterruptedError(AIgatewayError):
    """A stream ended before `[DONE]` (connection cut mid-way). `partial` holds what arrived."""

    partial: PartialStream
    request_id: str | None

    def __init__(self, message: str, partial: PartialStream, request_id: str | None) -> None:
        super().__init__(message)
        self.partial = partial
        self.request_id = request_id


class StreamIdleTimeoutError(StreamInterruptedError):
    """A stream sent nothing (not even a keep-alive) for longer than `stream_idle_timeout`."""

    def __init__(self, idle: float, partial: PartialStream, request_id: str | None) -> None:
        super().__init__(
            f"Stream was silent for {idle:g} s (keep-alives arrive every 15 s), so it was closed. "
            "A proxy may be buffering the response (nginx: proxy_buffering off;), or raise `stream_idle_timeout`.",
            partial,
            request_id,
        )


class JobFailedError(AIgatewayError):
    """An async job (video, music or 3D) finished with status `failed`."""

    job: Job
    """The failed job as the gateway returned it, `error` set."""
    code: str | None
    reason: str | None

    def __init__(self, job: Job) -> None:
        error = job.error
        reason = error.message if error is not None else None
        super().__init__(f"{job.id} failed{f': {reason}' if reason else '.'}")
        self.job = job
        self.code = error.code if error is not None else None
        self.reason = reason


class EvalFailedError(AIgatewayError):
    """An eval run finished with status `failed`."""

    run: EvalRun
    code: str | None
    reason: str | None

    def __init__(self, run: EvalRun) -> None:
        error = run.error
        reason = error.message if error is not None else None
        super().__init__(
            f"Eval run {run.id} failed: {reason}"
            if reason
            else f"Eval run {run.id} failed. Check its dataset and candidate models, then start a new run (client.evals.create)."
        )
        self.run = run
        self.code = error.code if error is not None else None
        self.reason = reason


class JobTimeoutError(AIgatewayError):
    """Waiting for a job (or eval run) took longer than the `timeout` given to `wait()`."""

    id: str
    job: Job | EvalRun | None
    """The last snapshot seen, if any poll succeeded."""

    def __init__(self, id: str, timeout: float, job: Job | EvalRun | None) -> None:
        status = job.status if job is not None else "pending"
        super().__init__(
            f"{id} was still {status} after {timeout:g} s. Wait again with a longer `timeout`, "
            "or pass `webhook_url` to be notified instead of polling."
        )
        self.id = id
        self.job = job


_CLASS_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    413: BadRequestError,
    422: BadRequestError,
    401: AuthenticationError,
    402: BudgetExceededError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitError,
}


def make_status_error(
    status: int,
    body: object,
    raw_text: str,
    headers: httpx.Headers,
    secrets: Sequence[str] = (),
    *,
    response: httpx.Response | None = None,
    partial: PartialStream | None = None,
) -> APIStatusError:
    """The error class matching `status` and the envelope's `code`, from a parsed body."""
    error = _envelope_of(body, secrets)
    raw_message = _str(error.get("message")) if error else None
    message = redact(raw_message or _fallback_message(status, raw_text), secrets)
    cls: type[APIStatusError]
    if status == 404 and error and error.get("code") == "model_not_found":
        cls = ModelNotFoundError
    elif status == 502 and error and "provider_error" in (error.get("type"), error.get("code")):
        cls = ProviderError
    elif status >= 500:
        cls = InternalServerError
    else:
        cls = _CLASS_BY_STATUS.get(status, APIStatusError)
    return cls(message, status_code=status, error=error, headers=headers, response=response, partial=partial)


def _has_request(response: httpx.Response) -> bool:
    try:
        response.request  # noqa: B018 - raises when the response was built without one
    except RuntimeError:
        return False
    return True


def _envelope_of(body: object, secrets: Sequence[str]) -> dict[str, Any] | None:
    # The envelope is kept on the error (and so shows in tracebacks): mask any secret a server echoed.
    if isinstance(body, dict):
        inner = cast("dict[str, object]", body).get("error")
        if isinstance(inner, dict):
            masked: dict[str, Any] = _mask(inner, secrets)
            return masked
    return None


def _mask(value: Any, secrets: Sequence[str]) -> Any:
    # Field by field, so a masked key can never break the structure it sits in.
    if isinstance(value, str):
        return redact(value, secrets)
    if isinstance(value, dict):
        return {
            redact(str(k), secrets): _mask(v, secrets) for k, v in cast("dict[object, object]", value).items()
        }
    if isinstance(value, list):
        return [_mask(v, secrets) for v in cast("list[object]", value)]
    return value


def _fallback_message(status: int, raw_text: str) -> str:
    text = raw_text.strip()[:300]
    return f"{status} {text}" if text else f"{status} status code (no body)"


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _num(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None

# The one request core both clients share. Every pure step lives here, written once: option
# resolution and checks, request building (auth, tag, BYOK, one Idempotency-Key per call), the
# retry decision and backoff, error mapping and response parsing. `AIgateway` and
# `AsyncAIgateway` (in _client.py) add only the send loop and the sleep, as openai-python's
# SyncAPIClient / AsyncAPIClient do over one generic base.
from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast
from urllib.parse import quote, urlsplit

import httpx
from typing_extensions import override

from . import _wire
from ._checks import check_input
from ._exceptions import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    ConfigurationError,
    make_status_error,
)
from ._logs import Log, setup_from_env
from ._redact import redact_headers
from ._retry import RETRYABLE_STATUSES, is_retryable_status, retry_delay
from ._types import NOT_GIVEN, Headers, NotGiven, Query, Timeout
from ._version import __version__

if TYPE_CHECKING:
    from ._response import APIResponse

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_STREAM_IDLE_TIMEOUT",
    "DEFAULT_STREAM_MAX_EVENT_BYTES",
    "DEFAULT_TIMEOUT",
    "BaseClient",
    "RequestOptions",
]

DEFAULT_TIMEOUT = httpx.Timeout(600.0, connect=5.0)
"""Per attempt: 10 minutes, 5 s to connect."""
DEFAULT_MAX_RETRIES = 2
DEFAULT_STREAM_IDLE_TIMEOUT = 35.0
# One event (or one unfinished line) larger than this stops a stream: without a cap, an endless
# line grows memory without bound. Same default as aigateway-js's `streamMaxEventBytes`.
DEFAULT_STREAM_MAX_EVENT_BYTES = 16 * 1024 * 1024
"""Seconds a stream may stay silent: the gateway sends a keep-alive every 15 s, so two may be missed."""
DEFAULT_CONNECTION_LIMITS = httpx.Limits(max_connections=1000, max_keepalive_connections=100)

_TAG_RE = re.compile(_wire.TAG_PATTERN)
_PROVIDER_RE = re.compile(_wire.BYOK_PROVIDER_PATTERN)
# Header values may not hold control characters or surrounding whitespace; httpx would reject
# them with a message that quotes the value, i.e. the secret.
_HEADER_VALUE_RE = re.compile(r"^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$")
_IDEMPOTENCY_KEY_RE = re.compile(_wire.IDEMPOTENCY_KEY_PATTERN)

_HttpxClientT = TypeVar("_HttpxClientT", httpx.Client, httpx.AsyncClient)
_T = TypeVar("_T")

# Set by `.with_raw_response` wrappers: the call returns an APIResponse instead of the parsed result.
raw_response_mode: ContextVar[bool] = ContextVar("aigateway_raw_response", default=False)


@dataclass
class RequestOptions:
    """One call as a resource describes it."""

    method: str
    path: str
    """Path under the base URL (`/chat/completions`) or an absolute URL."""
    operation_id: str | None = None
    """The contract's operationId, for the input checks."""
    method_name: str = ""
    """The SDK method (`chat.completions.create`) that errors name."""
    json_data: Mapping[str, object] | None = None
    files: Sequence[tuple[str, tuple[str, bytes, str]]] | None = None
    form: Mapping[str, object] | None = None
    query: Query | None = None
    extra_headers: Headers | None = None
    extra_query: Query | None = None
    extra_body: Mapping[str, object] | None = None
    timeout: Timeout | NotGiven = NOT_GIVEN
    idempotency_key: str | None = None
    stream: bool = False
    auth: bool = True
    accept: str | None = None


@dataclass
class PreparedRequest:
    request: httpx.Request
    secrets: tuple[str, ...]
    max_retries: int
    log_path: str
    stream: bool
    options: RequestOptions | None = None
    extra: dict[str, Any] = field(default_factory=lambda: {})


def strip_not_given(values: Mapping[str, object]) -> dict[str, object]:
    """The arguments the caller passed (`None` stays: it is sent as null)."""
    return {k: v for k, v in values.items() if not isinstance(v, NotGiven)}


def path_param(value: str, *, keep_slashes: bool = False) -> str:
    """Quotes one path segment (or, for model slugs and file paths, each `/`-separated part)."""
    text = str(value)
    return (
        "/".join(quote(part, safe="") for part in text.split("/")) if keep_slashes else quote(text, safe="")
    )


class BaseClient(Generic[_HttpxClientT]):
    """What `AIgateway` and `AsyncAIgateway` share: configuration and every pure request step."""

    _client: _HttpxClientT
    max_retries: int
    timeout: Timeout
    stream_idle_timeout: float
    stream_max_event_bytes: int

    def __init__(
        self,
        *,
        api_key: str | None,
        base_url: str | httpx.URL | None,
        tag: str | None,
        byok: Mapping[str, str | None] | None,
        timeout: Timeout | NotGiven,
        max_retries: int,
        stream_idle_timeout: float,
        stream_max_event_bytes: int,
        default_headers: Mapping[str, str] | None,
        http_client: _HttpxClientT | None,
        make_http_client: type[_HttpxClientT],
    ) -> None:
        setup_from_env()
        key = api_key if api_key is not None else os.environ.get("AIGATEWAY_API_KEY")
        if not key:
            raise ConfigurationError(
                "Missing API key: pass `api_key` to `AIgateway(api_key=...)` or set the AIGATEWAY_API_KEY "
                "environment variable. Create a key in the AIgateway dashboard (https://aigateway.sh)."
            )
        _assert_secret(key, "`api_key`")
        self._api_key = key
        raw_base = (
            str(base_url)
            if base_url is not None
            else os.environ.get("AIGATEWAY_BASE_URL") or _wire.DEFAULT_BASE_URL
        )
        self._base_url = check_base_url(raw_base)
        if tag is not None:
            _assert_tag(tag, "`tag`")
        self._tag = tag
        self._byok = clean_byok(byok, "`byok`")
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:  # pyright: ignore[reportUnnecessaryIsInstance]
            raise ConfigurationError(f"`max_retries` must be a non-negative integer (got {max_retries!r}).")
        self.max_retries = max_retries
        self.timeout = DEFAULT_TIMEOUT if isinstance(timeout, NotGiven) else _check_timeout(timeout)
        if not (isinstance(stream_idle_timeout, (int, float)) and stream_idle_timeout > 0):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise ConfigurationError(
                f"`stream_idle_timeout` must be a positive number of seconds (got {stream_idle_timeout!r})."
            )
        self.stream_idle_timeout = float(stream_idle_timeout)
        if (
            isinstance(stream_max_event_bytes, bool)
            or not isinstance(stream_max_event_bytes, int)  # pyright: ignore[reportUnnecessaryIsInstance]
            or stream_max_event_bytes < 1
        ):
            raise ConfigurationError(
                f"`stream_max_event_bytes` must be a positive integer (got {stream_max_event_bytes!r})."
            )
        self.stream_max_event_bytes = stream_max_event_bytes
        self._default_headers = dict(default_headers or {})
        self._secrets = (key, *self._byok.values())
        self._log = Log(self._secrets)
        headers: dict[str, str] = {
            "accept": "application/json",
            "authorization": f"Bearer {key}",
            "user-agent": f"aigateway-py/{__version__}",
        }
        if tag is not None:
            headers[_wire.TAG_HEADER] = tag
        for provider, value in self._byok.items():
            headers[f"{_wire.BYOK_HEADER_PREFIX}{provider}"] = value
        for name, value in self._default_headers.items():
            headers[name.lower()] = value
        self._headers = headers
        self._owns_client = http_client is None
        self._client = (
            http_client
            if http_client is not None
            else make_http_client(
                timeout=self.timeout, limits=DEFAULT_CONNECTION_LIMITS, follow_redirects=True
            )
        )
        if not urlsplit(self._base_url).path.rstrip("/").endswith("/v1"):
            self._log.log(
                logging.WARNING,
                f'[aigateway] base_url "{self._base_url}" does not end in /v1; the public API lives at {_wire.DEFAULT_BASE_URL}.',
            )

    # -- configuration -------------------------------------------------------------------------

    @property
    def api_key(self) -> str:
        """The key this client sends. A property, so it never shows in `repr()` or `vars()` dumps."""
        return self._api_key

    @property
    def base_url(self) -> str:
        """The API root requests go to, e.g. `https://api.aigateway.sh/v1`."""
        return self._base_url

    @override
    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._base_url!r}, max_retries={self.max_retries})"

    def _copy_kwargs(
        self,
        *,
        api_key: str | None,
        base_url: str | httpx.URL | None,
        tag: str | NotGiven | None,
        byok: Mapping[str, str | None] | None,
        timeout: Timeout | NotGiven,
        max_retries: int | None,
        stream_idle_timeout: float | None,
        stream_max_event_bytes: int | None,
        default_headers: Mapping[str, str] | None,
        http_client: _HttpxClientT | None,
    ) -> dict[str, Any]:
        return {
            "api_key": api_key if api_key is not None else self._api_key,
            "base_url": base_url if base_url is not None else self._base_url,
            "tag": self._tag if isinstance(tag, NotGiven) else tag,
            "byok": {**self._byok, **(byok or {})},
            "timeout": self.timeout if isinstance(timeout, NotGiven) else timeout,
            "max_retries": self.max_retries if max_retries is None else max_retries,
            "stream_idle_timeout": self.stream_idle_timeout
            if stream_idle_timeout is None
            else stream_idle_timeout,
            "stream_max_event_bytes": self.stream_max_event_bytes
            if stream_max_event_bytes is None
            else stream_max_event_bytes,
            "default_headers": {**self._default_headers, **(default_headers or {})},
            "http_client": http_client if http_client is not None else self._client,
        }

    # -- request building ----------------------------------------------------------------------

    def _prepare(self, options: RequestOptions) -> PreparedRequest:
        """Checks the input and builds the request every attempt reuses (one Idempotency-Key, bytes encoded once)."""
        body: Mapping[str, object] | None = options.json_data
        if options.operation_id is not None:
            values = (
                body if body is not None else (options.form if options.form is not None else options.query)
            )
            check_input(options.operation_id, options.method_name or options.operation_id, values or {})
        if options.extra_body:
            body = {**(body or {}), **options.extra_body}
        headers = dict(self._headers)
        if options.accept is not None:
            headers["accept"] = options.accept
        if options.stream:
            headers["accept"] = "text/event-stream"
        if options.method == "POST":
            key = options.idempotency_key
            if key is not None and not _IDEMPOTENCY_KEY_RE.fullmatch(key):
                raise ConfigurationError(
                    f"`idempotency_key` must be {_wire.IDEMPOTENCY_KEY_MIN_LENGTH}–{_wire.IDEMPOTENCY_KEY_MAX_LENGTH} printable ASCII characters."
                )
            headers[_wire.IDEMPOTENCY_KEY_HEADER.lower()] = key if key is not None else _uuid4()
        secrets = self._secrets
        if options.extra_headers:
            for name, value in options.extra_headers.items():
                lower = name.lower()
                if value is None:
                    headers.pop(lower, None)
                else:
                    headers[lower] = value
                    if lower == "authorization" or lower.startswith(_wire.BYOK_HEADER_PREFIX):
                        secrets = (*secrets, value.removeprefix("Bearer ").strip())
        if not options.auth:
            headers.pop("authorization", None)
        query: dict[str, Any] = {}
        for source in (options.query, options.extra_query):
            for k, v in (source or {}).items():
                if v is not None:
                    query[k] = str(v).lower() if isinstance(v, bool) else v
        url = _httpx_url(self._url(options.path))
        timeout = self.timeout if isinstance(options.timeout, NotGiven) else _check_timeout(options.timeout)
        if options.stream:
            timeout = _with_read_timeout(timeout, self.stream_idle_timeout)
        content: bytes | None = None
        if options.files is not None:
            # Arrays go as repeated `name[]` fields, as the `openai` package sends them.
            form: dict[str, str | list[str]] = {}
            for key, value in (options.form or {}).items():
                if value is not None:
                    form[f"{key}[]" if isinstance(value, (list, tuple)) else key] = _form_value(value)
            request = self._client.build_request(
                options.method,
                url,
                headers=headers,
                params=query or None,
                data=form,
                files=list(options.files),
                timeout=timeout,
            )
            request.read()  # encode the multipart body once: every retry sends the same bytes
        else:
            if body is not None:
                content = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
                headers["content-type"] = "application/json"
            request = self._client.build_request(
                options.method, url, headers=headers, params=query or None, content=content, timeout=timeout
            )
        log_path = f"{options.method} {request.url.path}" if self._log.enabled(logging.INFO) else ""
        return PreparedRequest(request, secrets, self.max_retries, log_path, options.stream, options)

    def _url(self, path: str) -> str:
        if path.startswith(("http://", "https://")):
            return path
        return self._base_url + (path if path.startswith("/") else f"/{path}")

    # -- retry decision ------------------------------------------------------------------------

    def _retry_delay_for_status(self, response: httpx.Response, retry: int, max_retries: int) -> float | None:
        """Seconds to wait before retrying this response, or `None` when it is final."""
        if retry >= max_retries or not is_retryable_status(response.status_code):
            return None
        return retry_delay(retry, response.headers)

    def _retry_delay_for_error(self, retry: int, max_retries: int) -> float | None:
        return None if retry >= max_retries else retry_delay(retry, None)

    def _log_attempt(self, prepared: PreparedRequest, retry: int) -> None:
        if self._log.enabled(logging.DEBUG):
            headers = redact_headers(dict(prepared.request.headers.items()))
            self._log.log(
                logging.DEBUG,
                f"→ {prepared.request.method} {prepared.request.url.path} attempt={retry + 1} headers={json.dumps(headers)}",
            )

    def _log_response(
        self, prepared: PreparedRequest, response: httpx.Response, retry: int, elapsed: float
    ) -> None:
        if prepared.log_path:
            rid = response.headers.get(_wire.REQUEST_ID_HEADER, "-")
            self._log.log(
                logging.INFO,
                f"← {prepared.log_path} {response.status_code} {rid} attempt={retry + 1} {elapsed * 1000:.0f} ms",
            )

    def _warn_if_deprecated(self, prepared: PreparedRequest, response: httpx.Response) -> None:
        """Logs a warning the first time a model answers with a `Deprecation` header (see _deprecation.py)."""
        if not self._log.enabled(logging.WARNING) or "deprecation" not in response.headers:
            return
        from ._deprecation import deprecation_warning, model_of

        options = prepared.options
        path = prepared.request.url.path
        body = (
            None
            if options is None
            else (options.json_data if options.json_data is not None else options.form)
        )
        line = deprecation_warning(self._base_url, model_of(body, path) or path, response.headers)
        if line is not None:
            self._log.log(logging.WARNING, line)

    def _log_retry(self, prepared: PreparedRequest, what: str, retry: int, delay: float) -> None:
        if prepared.log_path:
            self._log.log(
                logging.INFO,
                f"↻ {prepared.log_path} {what}; retry {retry + 1}/{prepared.max_retries} in {delay * 1000:.0f} ms",
            )

    @staticmethod
    def _status_reason(status: int) -> str:
        return f"{status} ({RETRYABLE_STATUSES.get(status, 'server error')})"

    def _connection_error(self, exc: Exception, request: httpx.Request) -> APIConnectionError:
        if isinstance(exc, httpx.TimeoutException):
            return APITimeoutError(request)
        detail = type(exc).__name__
        return APIConnectionError(
            f"Connection error: the gateway could not be reached ({detail}). Check the base URL and your network.",
            request,
        )

    # -- responses -----------------------------------------------------------------------------

    def _make_status_error(self, response: httpx.Response, secrets: Sequence[str]) -> APIStatusError:
        text = response.text
        try:
            body: object = json.loads(text) if text else None
        except ValueError:
            body = None
        return make_status_error(
            response.status_code, body, text, response.headers, secrets, response=response
        )

    def _parse(self, response: httpx.Response, cast_to: type[_T]) -> _T:
        """Turns a 2xx response whose body has been read into `cast_to`."""
        from ._models import BaseModel, parse_model_json

        if cast_to is str:
            return cast(_T, response.text)
        if issubclass(cast_to, BaseModel):
            model = parse_model_json(cast_to, response.content, lambda: self._json(response))
            model._on_response(response.headers.get(_wire.REQUEST_ID_HEADER), self)
            return cast(_T, model)
        return cast(_T, self._json(response))

    def _json(self, response: httpx.Response) -> object:
        content = response.content
        if not content:
            return None
        try:
            return json.loads(content)
        except ValueError:
            from ._exceptions import APIError

            raise APIError(
                f"The gateway answered {response.status_code} with a body that is not JSON "
                f"(content-type {response.headers.get('content-type', 'none')}, request "
                f"{response.headers.get(_wire.REQUEST_ID_HEADER, 'unknown')}).",
                response.request,
            ) from None

    def _maybe_raw(self, response: httpx.Response, parse: Any) -> APIResponse[Any] | None:
        if not raw_response_mode.get():
            return None
        from ._response import APIResponse

        return APIResponse(response, parse)


def _uuid4() -> str:
    """A random (version 4) UUID, formatted without building a `uuid.UUID` (a third of the time)."""
    b = bytearray(os.urandom(16))
    b[6] = b[6] & 0x0F | 0x40
    b[8] = b[8] & 0x3F | 0x80
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


# Parsing a URL is the costliest step of httpx's build_request (~30 µs); a call's URL is one of a
# few paths, and httpx.URL is immutable, so each is parsed once.
_httpx_url = lru_cache(maxsize=256)(httpx.URL)


# -- option checks ------------------------------------------------------------------------------


def check_base_url(raw: str) -> str:
    """Raises unless `raw` is an http(s) URL that does not point at an endpoint."""
    try:
        parts = urlsplit(raw)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigurationError(
            f'base_url "{raw}" must be an http:// or https:// URL, e.g. {_wire.DEFAULT_BASE_URL} (or set AIGATEWAY_BASE_URL).'
        )
    trimmed = raw.rstrip("/")
    if re.search(r"/chat(/completions)?$", parts.path.rstrip("/")):
        raise ConfigurationError(
            f'base_url "{trimmed}" points at an endpoint: the base URL must end in /v1 (e.g. {_wire.DEFAULT_BASE_URL}, '
            f"not {_wire.DEFAULT_BASE_URL}/chat/completions); the SDK appends endpoint paths itself."
        )
    return trimmed


def _assert_tag(tag: object, label: str) -> None:
    if not isinstance(tag, str) or not _TAG_RE.fullmatch(tag):
        raise ConfigurationError(
            f"{label} must be 1–64 characters of letters, digits, '.', '_', ':' or '-' (got {tag!r})."
        )


def _assert_secret(value: object, label: str) -> None:
    # Never echoes the value.
    if not isinstance(value, str) or not _HEADER_VALUE_RE.fullmatch(value):
        raise ConfigurationError(
            f"{label} is not a valid key: it must be a non-empty string without spaces, line breaks or "
            "control characters (check for a stray newline when reading it from a file)."
        )


def clean_byok(byok: Mapping[str, str | None] | None, label: str) -> dict[str, str]:
    """Validates BYOK keys, lower-cases providers and drops `None` entries."""
    out: dict[str, str] = {}
    for raw_provider, key in (byok or {}).items():
        provider = raw_provider.lower()
        if not _PROVIDER_RE.fullmatch(provider):
            raise ConfigurationError(
                f'{label} provider "{raw_provider}" is not a provider slug like "openai" or "anthropic".'
            )
        if key is None:
            continue
        _assert_secret(key, f"{label}[{provider!r}]")
        out[provider] = key
    return out


def _check_timeout(timeout: Timeout) -> Timeout:
    if timeout is None or isinstance(timeout, httpx.Timeout):
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0:  # pyright: ignore[reportUnnecessaryIsInstance]
        raise ConfigurationError(
            f"`timeout` must be a positive number of seconds or an httpx.Timeout (got {timeout!r})."
        )
    return float(timeout)


def _with_read_timeout(timeout: Timeout, idle: float) -> httpx.Timeout:
    # For a stream, silence between chunks is what matters: httpx's read timeout is exactly that.
    base = (
        timeout
        if isinstance(timeout, httpx.Timeout)
        else httpx.Timeout(timeout, connect=DEFAULT_TIMEOUT.connect)
    )
    return httpx.Timeout(connect=base.connect, read=idle, write=base.write, pool=base.pool)


def _form_value(value: object) -> str | list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v) for v in cast("Sequence[object]", value)]
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)

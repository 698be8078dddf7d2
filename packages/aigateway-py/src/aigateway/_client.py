# The two clients. Everything but the send loop and the sleep is in BaseClient (_base_client.py).
from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar, overload

import httpx
from typing_extensions import Self

from ._base_client import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_STREAM_IDLE_TIMEOUT,
    DEFAULT_STREAM_MAX_EVENT_BYTES,
    BaseClient,
    PreparedRequest,
    RequestOptions,
)
from ._types import NOT_GIVEN, Headers, NotGiven, Query, Timeout

if TYPE_CHECKING:
    from ._pagination import AsyncPaginator, SyncPage
    from ._response import APIResponse, AsyncBinaryResponse, BinaryResponse
    from ._streaming import AsyncChatCompletionStream, AsyncStream, ChatCompletionStream, Stream
    from .resources.aio.audio import AsyncAudio
    from .resources.aio.chat import AsyncChat
    from .resources.aio.classifications import AsyncClassifications
    from .resources.aio.detections import AsyncDetections
    from .resources.aio.embeddings import AsyncEmbeddings
    from .resources.aio.evals import AsyncEvals
    from .resources.aio.files import AsyncFiles
    from .resources.aio.images import AsyncImages
    from .resources.aio.jobs import AsyncJobs
    from .resources.aio.models import AsyncModels
    from .resources.aio.moderations import AsyncModerations
    from .resources.aio.ocr import AsyncOCR
    from .resources.aio.replays import AsyncReplays
    from .resources.aio.rerank import AsyncRerank
    from .resources.aio.sub_accounts import AsyncSubAccounts
    from .resources.aio.three_d import AsyncThreeD
    from .resources.aio.translations import AsyncTranslations
    from .resources.aio.usage import AsyncUsage
    from .resources.aio.videos import AsyncVideos
    from .resources.audio import Audio
    from .resources.chat import Chat
    from .resources.classifications import Classifications
    from .resources.detections import Detections
    from .resources.embeddings import Embeddings
    from .resources.evals import Evals
    from .resources.files import Files
    from .resources.images import Images
    from .resources.jobs import Jobs
    from .resources.models import Models
    from .resources.moderations import Moderations
    from .resources.ocr import OCR
    from .resources.replays import Replays
    from .resources.rerank import Rerank
    from .resources.sub_accounts import SubAccounts
    from .resources.three_d import ThreeD
    from .resources.translations import Translations
    from .resources.usage import Usage
    from .resources.videos import Videos

__all__ = ["AIgateway", "AsyncAIgateway"]

_T = TypeVar("_T")
_ItemT = TypeVar("_ItemT")


class AIgateway(BaseClient[httpx.Client]):
    """The AIgateway client: every modality and primitive behind one OpenAI-compatible base URL.

    ```python
    from aigateway import AIgateway

    client = AIgateway()  # reads AIGATEWAY_API_KEY
    completion = client.chat.completions.create(
        model="anthropic/claude-sonnet-4.6",
        messages=[{"role": "user", "content": "Hello"}],
    )
    ```
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        tag: str | None = None,
        byok: Mapping[str, str | None] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        stream_idle_timeout: float = DEFAULT_STREAM_IDLE_TIMEOUT,
        stream_max_event_bytes: int = DEFAULT_STREAM_MAX_EVENT_BYTES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        """
        Args:
            api_key: Your key (`sk-aig-…`) or a sub-account's. Default: `AIGATEWAY_API_KEY`.
            base_url: The API root, ending in `/v1`. Default: `AIGATEWAY_BASE_URL`, then `https://api.aigateway.sh/v1`.
            tag: Sent as `x-aig-tag` on every request (per-feature spend in `usage.by_tag`).
            byok: Your own provider keys, `{"openai": "sk-…"}` → `x-byok-openai` (metered at 5 %).
            timeout: Seconds per attempt (or an `httpx.Timeout`). Default 600, 5 to connect.
            max_retries: Retries after the first attempt on connection errors, 408, 409, 429 and 5xx. Default 2.
            stream_idle_timeout: Seconds a stream may stay silent before `StreamIdleTimeoutError`. Default 35.
            stream_max_event_bytes: Largest server-sent event (or unfinished line) a stream accepts before
                `StreamInterruptedError`. Default 16 MiB.
            default_headers: Headers added to every request.
            http_client: Your own `httpx.Client` (proxies, transports, tests).

        Raises:
            ConfigurationError: no key, an invalid base URL, tag or option.
        """
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            tag=tag,
            byok=byok,
            timeout=timeout,
            max_retries=max_retries,
            stream_idle_timeout=stream_idle_timeout,
            stream_max_event_bytes=stream_max_event_bytes,
            default_headers=default_headers,
            http_client=http_client,
            make_http_client=httpx.Client,
        )

    # -- resources (imported on first use, so `import aigateway` stays cheap) -------------------

    @cached_property
    def chat(self) -> Chat:
        from .resources.chat import Chat

        return Chat(self)

    @cached_property
    def embeddings(self) -> Embeddings:
        from .resources.embeddings import Embeddings

        return Embeddings(self)

    @cached_property
    def images(self) -> Images:
        from .resources.images import Images

        return Images(self)

    @cached_property
    def audio(self) -> Audio:
        from .resources.audio import Audio

        return Audio(self)

    @cached_property
    def moderations(self) -> Moderations:
        from .resources.moderations import Moderations

        return Moderations(self)

    @cached_property
    def models(self) -> Models:
        from .resources.models import Models

        return Models(self)

    @cached_property
    def videos(self) -> Videos:
        from .resources.videos import Videos

        return Videos(self)

    @cached_property
    def three_d(self) -> ThreeD:
        from .resources.three_d import ThreeD

        return ThreeD(self)

    @cached_property
    def translations(self) -> Translations:
        from .resources.translations import Translations

        return Translations(self)

    @cached_property
    def classifications(self) -> Classifications:
        from .resources.classifications import Classifications

        return Classifications(self)

    @cached_property
    def ocr(self) -> OCR:
        from .resources.ocr import OCR

        return OCR(self)

    @cached_property
    def detections(self) -> Detections:
        from .resources.detections import Detections

        return Detections(self)

    @cached_property
    def rerank(self) -> Rerank:
        from .resources.rerank import Rerank

        return Rerank(self)

    @cached_property
    def jobs(self) -> Jobs:
        from .resources.jobs import Jobs

        return Jobs(self)

    @cached_property
    def sub_accounts(self) -> SubAccounts:
        from .resources.sub_accounts import SubAccounts

        return SubAccounts(self)

    @cached_property
    def evals(self) -> Evals:
        from .resources.evals import Evals

        return Evals(self)

    @cached_property
    def replays(self) -> Replays:
        from .resources.replays import Replays

        return Replays(self)

    @cached_property
    def usage(self) -> Usage:
        from .resources.usage import Usage

        return Usage(self)

    @cached_property
    def files(self) -> Files:
        from .resources.files import Files

        return Files(self)

    # -- options and lifetime --------------------------------------------------------------------

    def with_options(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        tag: str | NotGiven | None = NOT_GIVEN,
        byok: Mapping[str, str | None] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        stream_idle_timeout: float | None = None,
        stream_max_event_bytes: int | None = None,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
    ) -> AIgateway:
        """A copy with some options changed (one per feature tag, or per customer key). `byok` and
        `default_headers` are merged over this client's; the connection pool is shared."""
        return type(self)(
            **self._copy_kwargs(
                api_key=api_key,
                base_url=base_url,
                tag=tag,
                byok=byok,
                timeout=timeout,
                max_retries=max_retries,
                stream_idle_timeout=stream_idle_timeout,
                stream_max_event_bytes=stream_max_event_bytes,
                default_headers=default_headers,
                http_client=http_client,
            )
        )

    def close(self) -> None:
        """Closes the connection pool (if this client created it)."""
        if self._owns_client:
            self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the send loop ---------------------------------------------------------------------------

    def _send(self, prepared: PreparedRequest) -> httpx.Response:
        """Sends with retries; returns a 2xx response whose body is unread (streams) or read."""
        request = prepared.request
        retry = 0
        while True:
            self._log_attempt(prepared, retry)
            started = time.monotonic()
            try:
                response = self._client.send(request, stream=True)
            except httpx.TransportError as exc:
                error = self._connection_error(exc, request)
                delay = self._retry_delay_for_error(retry, prepared.max_retries)
                if delay is None:
                    raise error from None
                self._log_retry(prepared, type(error).__name__, retry, delay)
                time.sleep(delay)
                retry += 1
                continue
            self._log_response(prepared, response, retry, time.monotonic() - started)
            if response.is_success:
                self._warn_if_deprecated(prepared, response)
                if not prepared.stream:
                    self._read(response, request)
                return response
            delay = self._retry_delay_for_status(response, retry, prepared.max_retries)
            if delay is not None:
                response.close()
                self._log_retry(prepared, self._status_reason(response.status_code), retry, delay)
                time.sleep(delay)
                retry += 1
                continue
            self._read(response, request)
            raise self._make_status_error(response, prepared.secrets)

    def _read(self, response: httpx.Response, request: httpx.Request) -> None:
        try:
            response.read()
        except httpx.TransportError as exc:
            raise self._connection_error(exc, request) from None
        finally:
            response.close()

    def _request(self, options: RequestOptions, cast_to: type[_T]) -> _T:
        response = self._send(self._prepare(options))
        raw = self._maybe_raw(response, lambda: self._parse(response, cast_to))
        return raw if raw is not None else self._parse(response, cast_to)  # type: ignore[return-value]

    def _request_raw(self, options: RequestOptions, cast_to: type[_T]) -> APIResponse[_T]:
        from ._response import APIResponse

        response = self._send(self._prepare(options))
        return APIResponse(response, lambda: self._parse(response, cast_to))

    def _stream(self, options: RequestOptions, cast_to: type[_T]) -> Stream[_T]:
        from ._streaming import Stream

        return Stream(cast_to=cast_to, response=self._send(self._prepare(options)), client=self)

    def _chat_stream(self, options: RequestOptions, messages: object) -> ChatCompletionStream:
        from ._streaming import ChatCompletionStream

        return ChatCompletionStream(
            response=self._send(self._prepare(options)), client=self, messages=messages
        )

    def _binary(self, options: RequestOptions) -> BinaryResponse:
        from ._response import BinaryResponse

        response = self._send(self._prepare(options))
        raw = self._maybe_raw(response, lambda: BinaryResponse(response))
        return raw if raw is not None else BinaryResponse(response)  # type: ignore[return-value]

    def _get_api_list(self, options: RequestOptions, page: type[Any]) -> SyncPage[Any]:
        from ._pagination import SyncPage

        def fetch(opts: RequestOptions) -> Any:
            return self._request(opts, page)

        return SyncPage(fetch(options), options, fetch)

    # -- low-level calls, for endpoints the SDK does not wrap yet ---------------------------------

    @overload
    def get(
        self,
        path: str,
        *,
        cast_to: type[_T],
        query: Query | None = None,
        extra_headers: Headers | None = None,
    ) -> _T: ...
    @overload
    def get(
        self, path: str, *, query: Query | None = None, extra_headers: Headers | None = None
    ) -> object: ...
    def get(
        self,
        path: str,
        *,
        cast_to: type[Any] = object,
        query: Query | None = None,
        extra_headers: Headers | None = None,
    ) -> Any:
        """`GET path` (under the base URL) through the same core: auth, retries, errors, logging."""
        return self._request(RequestOptions("GET", path, query=query, extra_headers=extra_headers), cast_to)

    @overload
    def post(
        self,
        path: str,
        *,
        cast_to: type[_T],
        body: Mapping[str, object] | None = None,
        extra_headers: Headers | None = None,
    ) -> _T: ...
    @overload
    def post(
        self, path: str, *, body: Mapping[str, object] | None = None, extra_headers: Headers | None = None
    ) -> object: ...
    def post(
        self,
        path: str,
        *,
        cast_to: type[Any] = object,
        body: Mapping[str, object] | None = None,
        extra_headers: Headers | None = None,
    ) -> Any:
        """`POST path` with a JSON body through the same core (an Idempotency-Key is added)."""
        return self._request(
            RequestOptions("POST", path, json_data=body, extra_headers=extra_headers), cast_to
        )


class AsyncAIgateway(BaseClient[httpx.AsyncClient]):
    """The asyncio client: the same resources as `AIgateway`, awaited.

    ```python
    from aigateway import AsyncAIgateway

    client = AsyncAIgateway()
    completion = await client.chat.completions.create(model="openai/gpt-5.4", messages=messages)
    ```
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        tag: str | None = None,
        byok: Mapping[str, str | None] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        stream_idle_timeout: float = DEFAULT_STREAM_IDLE_TIMEOUT,
        stream_max_event_bytes: int = DEFAULT_STREAM_MAX_EVENT_BYTES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        """Takes the same options as `AIgateway`; `http_client` is an `httpx.AsyncClient`."""
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            tag=tag,
            byok=byok,
            timeout=timeout,
            max_retries=max_retries,
            stream_idle_timeout=stream_idle_timeout,
            stream_max_event_bytes=stream_max_event_bytes,
            default_headers=default_headers,
            http_client=http_client,
            make_http_client=httpx.AsyncClient,
        )

    @cached_property
    def chat(self) -> AsyncChat:
        from .resources.aio.chat import AsyncChat

        return AsyncChat(self)

    @cached_property
    def embeddings(self) -> AsyncEmbeddings:
        from .resources.aio.embeddings import AsyncEmbeddings

        return AsyncEmbeddings(self)

    @cached_property
    def images(self) -> AsyncImages:
        from .resources.aio.images import AsyncImages

        return AsyncImages(self)

    @cached_property
    def audio(self) -> AsyncAudio:
        from .resources.aio.audio import AsyncAudio

        return AsyncAudio(self)

    @cached_property
    def moderations(self) -> AsyncModerations:
        from .resources.aio.moderations import AsyncModerations

        return AsyncModerations(self)

    @cached_property
    def models(self) -> AsyncModels:
        from .resources.aio.models import AsyncModels

        return AsyncModels(self)

    @cached_property
    def videos(self) -> AsyncVideos:
        from .resources.aio.videos import AsyncVideos

        return AsyncVideos(self)

    @cached_property
    def three_d(self) -> AsyncThreeD:
        from .resources.aio.three_d import AsyncThreeD

        return AsyncThreeD(self)

    @cached_property
    def translations(self) -> AsyncTranslations:
        from .resources.aio.translations import AsyncTranslations

        return AsyncTranslations(self)

    @cached_property
    def classifications(self) -> AsyncClassifications:
        from .resources.aio.classifications import AsyncClassifications

        return AsyncClassifications(self)

    @cached_property
    def ocr(self) -> AsyncOCR:
        from .resources.aio.ocr import AsyncOCR

        return AsyncOCR(self)

    @cached_property
    def detections(self) -> AsyncDetections:
        from .resources.aio.detections import AsyncDetections

        return AsyncDetections(self)

    @cached_property
    def rerank(self) -> AsyncRerank:
        from .resources.aio.rerank import AsyncRerank

        return AsyncRerank(self)

    @cached_property
    def jobs(self) -> AsyncJobs:
        from .resources.aio.jobs import AsyncJobs

        return AsyncJobs(self)

    @cached_property
    def sub_accounts(self) -> AsyncSubAccounts:
        from .resources.aio.sub_accounts import AsyncSubAccounts

        return AsyncSubAccounts(self)

    @cached_property
    def evals(self) -> AsyncEvals:
        from .resources.aio.evals import AsyncEvals

        return AsyncEvals(self)

    @cached_property
    def replays(self) -> AsyncReplays:
        from .resources.aio.replays import AsyncReplays

        return AsyncReplays(self)

    @cached_property
    def usage(self) -> AsyncUsage:
        from .resources.aio.usage import AsyncUsage

        return AsyncUsage(self)

    @cached_property
    def files(self) -> AsyncFiles:
        from .resources.aio.files import AsyncFiles

        return AsyncFiles(self)

    def with_options(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        tag: str | NotGiven | None = NOT_GIVEN,
        byok: Mapping[str, str | None] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        stream_idle_timeout: float | None = None,
        stream_max_event_bytes: int | None = None,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> AsyncAIgateway:
        """A copy with some options changed; see `AIgateway.with_options`."""
        return type(self)(
            **self._copy_kwargs(
                api_key=api_key,
                base_url=base_url,
                tag=tag,
                byok=byok,
                timeout=timeout,
                max_retries=max_retries,
                stream_idle_timeout=stream_idle_timeout,
                stream_max_event_bytes=stream_max_event_bytes,
                default_headers=default_headers,
                http_client=http_client,
            )
        )

    async def close(self) -> None:
        if self._owns_client:
            await self._client.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _send(self, prepared: PreparedRequest) -> httpx.Response:
        request = prepared.request
        retry = 0
        while True:
            self._log_attempt(prepared, retry)
            started = time.monotonic()
            try:
                response = await self._client.send(request, stream=True)
            except httpx.TransportError as exc:
                error = self._connection_error(exc, request)
                delay = self._retry_delay_for_error(retry, prepared.max_retries)
                if delay is None:
                    raise error from None
                self._log_retry(prepared, type(error).__name__, retry, delay)
                await asyncio.sleep(delay)
                retry += 1
                continue
            self._log_response(prepared, response, retry, time.monotonic() - started)
            if response.is_success:
                self._warn_if_deprecated(prepared, response)
                if not prepared.stream:
                    await self._read(response, request)
                return response
            delay = self._retry_delay_for_status(response, retry, prepared.max_retries)
            if delay is not None:
                await response.aclose()
                self._log_retry(prepared, self._status_reason(response.status_code), retry, delay)
                await asyncio.sleep(delay)
                retry += 1
                continue
            await self._read(response, request)
            raise self._make_status_error(response, prepared.secrets)

    async def _read(self, response: httpx.Response, request: httpx.Request) -> None:
        try:
            await response.aread()
        except httpx.TransportError as exc:
            raise self._connection_error(exc, request) from None
        finally:
            await response.aclose()

    async def _request(self, options: RequestOptions, cast_to: type[_T]) -> _T:
        response = await self._send(self._prepare(options))
        raw = self._maybe_raw(response, lambda: self._parse(response, cast_to))
        return raw if raw is not None else self._parse(response, cast_to)  # type: ignore[return-value]

    async def _request_raw(self, options: RequestOptions, cast_to: type[_T]) -> APIResponse[_T]:
        from ._response import APIResponse

        response = await self._send(self._prepare(options))
        return APIResponse(response, lambda: self._parse(response, cast_to))

    async def _stream(self, options: RequestOptions, cast_to: type[_T]) -> AsyncStream[_T]:
        from ._streaming import AsyncStream

        return AsyncStream(cast_to=cast_to, response=await self._send(self._prepare(options)), client=self)

    async def _chat_stream(self, options: RequestOptions, messages: object) -> AsyncChatCompletionStream:
        from ._streaming import AsyncChatCompletionStream

        return AsyncChatCompletionStream(
            response=await self._send(self._prepare(options)), client=self, messages=messages
        )

    async def _binary(self, options: RequestOptions) -> AsyncBinaryResponse:
        from ._response import AsyncBinaryResponse

        response = await self._send(self._prepare(options))
        raw = self._maybe_raw(response, lambda: AsyncBinaryResponse(response))
        return raw if raw is not None else AsyncBinaryResponse(response)  # type: ignore[return-value]

    def _get_api_list(self, options: RequestOptions, page: type[Any]) -> AsyncPaginator[Any]:
        from ._pagination import AsyncPaginator

        async def fetch(opts: RequestOptions) -> Any:
            return await self._request(opts, page)

        return AsyncPaginator(options, fetch)

    @overload
    async def get(
        self,
        path: str,
        *,
        cast_to: type[_T],
        query: Query | None = None,
        extra_headers: Headers | None = None,
    ) -> _T: ...
    @overload
    async def get(
        self, path: str, *, query: Query | None = None, extra_headers: Headers | None = None
    ) -> object: ...
    async def get(
        self,
        path: str,
        *,
        cast_to: type[Any] = object,
        query: Query | None = None,
        extra_headers: Headers | None = None,
    ) -> Any:
        """`GET path` (under the base URL) through the same core."""
        return await self._request(
            RequestOptions("GET", path, query=query, extra_headers=extra_headers), cast_to
        )

    @overload
    async def post(
        self,
        path: str,
        *,
        cast_to: type[_T],
        body: Mapping[str, object] | None = None,
        extra_headers: Headers | None = None,
    ) -> _T: ...
    @overload
    async def post(
        self, path: str, *, body: Mapping[str, object] | None = None, extra_headers: Headers | None = None
    ) -> object: ...
    async def post(
        self,
        path: str,
        *,
        cast_to: type[Any] = object,
        body: Mapping[str, object] | None = None,
        extra_headers: Headers | None = None,
    ) -> Any:
        """`POST path` with a JSON body through the same core."""
        return await self._request(
            RequestOptions("POST", path, json_data=body, extra_headers=extra_headers), cast_to
        )

# Server-sent event streams (openapi/README.md § OpenAI-compatible endpoints: `data:` JSON chunks
# ending in `data: [DONE]`, `: keep-alive` comments every 15 s). The decoding and the chat-stream
# bookkeeping are pure and shared; `Stream` and `AsyncStream` only differ in how bytes arrive.
from __future__ import annotations

import json
import math
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

import httpx
import pydantic
from typing_extensions import Self, override

from . import _wire
from ._exceptions import (
    AIgatewayError,
    APIStatusError,
    PartialStream,
    StreamIdleTimeoutError,
    StreamInterruptedError,
    make_status_error,
)

if TYPE_CHECKING:
    from ._base_client import BaseClient
    from .types import ChatCompletion, ChatCompletionChunk, Usage

__all__ = ["AsyncChatCompletionStream", "AsyncStream", "ChatCompletionStream", "SSEDecoder", "Stream"]

_T = TypeVar("_T")
_PARTIAL_CHUNKS = 64
_DONE = b"[DONE]"


class SSEDecoder:
    """Incremental SSE parser: bytes in, `(event, data)` pairs out. Handles \\n, \\r\\n and \\r."""

    __slots__ = ("_buffer", "_data", "_event")

    def __init__(self) -> None:
        self._buffer = b""
        self._data: list[bytes] = []
        self._event: bytes | None = None

    def feed(self, chunk: bytes, *, final: bool = False) -> list[tuple[bytes | None, bytes]]:
        buffer = self._buffer + chunk if self._buffer else chunk
        if b"\r" in buffer:
            # A \r at the very end may be half of a \r\n: keep it for the next chunk, unless the body ended.
            held = b"" if final or not buffer.endswith(b"\r") else b"\r"
            if held:
                buffer = buffer[:-1]
            buffer = buffer.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        else:
            held = b""
        lines = buffer.split(b"\n")
        rest = lines.pop()
        if final and rest:
            lines.append(rest)
            rest = b""
        self._buffer = rest + held
        events: list[tuple[bytes | None, bytes]] = []
        data = self._data
        for line in lines:
            if not line:
                if data:
                    events.append((self._event, data[0] if len(data) == 1 else b"\n".join(data)))
                    data = self._data = []
                self._event = None
                continue
            if line[0] == 58:  # ':' comment (keep-alive)
                continue
            name, sep, value = line.partition(b":")
            if sep and value[:1] == b" ":
                value = value[1:]
            if name == b"data":
                data.append(value)
            elif name == b"event":
                self._event = value
        # An event not ended by a blank line when the body ends is dropped (WHATWG).
        return events

    @property
    def pending(self) -> int:
        """Bytes held for an event not finished yet (its data lines and the unfinished line)."""
        return len(self._buffer) + sum(len(line) for line in self._data)


class _StreamState(Generic[_T]):
    """Pure per-stream state: decodes events, keeps the recent chunks for `partial`."""

    def __init__(self, cast_to: type[_T], response: httpx.Response, client: BaseClient[Any]) -> None:
        self.cast_to = cast_to
        self.response = response
        self.client = client
        self.decoder = SSEDecoder()
        self.recent: deque[bytes] = deque(maxlen=_PARTIAL_CHUNKS)
        self.request_id = response.headers.get(_wire.REQUEST_ID_HEADER)
        self.done = False
        self.error: BaseException | None = None
        self.started = False
        self.max_event_bytes = client.stream_max_event_bytes
        self.oversized = False

    def events(self, chunk: bytes, final: bool) -> list[tuple[bytes | None, bytes]]:
        """The complete events in `chunk`, cut before the first one over `max_event_bytes`; then
        `oversized` is set, and the stream raises `too_large()` once the events before it are out."""
        events = self.decoder.feed(chunk, final=final)
        limit = self.max_event_bytes
        for index, (_, data) in enumerate(events):
            if len(data) > limit:
                self.oversized = True
                return events[:index]
        # 1 KiB of slack for the field name and line endings around an event's data.
        if self.decoder.pending > limit + 1024:
            self.oversized = True
        return events

    def too_large(self, partial: PartialStream) -> StreamInterruptedError:
        return self.interrupted(
            f"The stream sent an event larger than {self.max_event_bytes} bytes, so it was stopped. "
            "Raise the `stream_max_event_bytes` option if such events are expected.",
            partial,
        )

    def partial(self, content: str, tool_calls: list[dict[str, Any]]) -> PartialStream:
        chunks: list[dict[str, Any]] = [json.loads(raw) for raw in self.recent]
        return PartialStream(content=content, tool_calls=tool_calls, chunks=chunks)

    def decode(self, event: bytes | None, data: bytes, partial: Callable[[], PartialStream]) -> _T:
        if event == b"error" or (b'"error"' in data and _is_error_envelope(data)):
            raise _stream_error(data, self.response, self.client, partial())
        cast_to = self.cast_to
        validate = getattr(cast_to, "model_validate_json", None)
        if validate is None:
            item: Any = _loads(data, self)
        else:
            try:
                item = validate(data)
            except pydantic.ValidationError:
                from ._models import BaseModel, parse_model

                if not issubclass(cast_to, BaseModel):
                    raise
                item = parse_model(cast_to, _loads(data, self))
        self.recent.append(data)
        return item

    def interrupted(self, message: str, partial: PartialStream) -> StreamInterruptedError:
        return StreamInterruptedError(message, partial, self.request_id)

    def map_transport_error(self, exc: Exception, partial: PartialStream) -> AIgatewayError:
        if isinstance(exc, httpx.ReadTimeout):
            return StreamIdleTimeoutError(self.client.stream_idle_timeout, partial, self.request_id)
        return self.interrupted(f"The stream was cut mid-way ({type(exc).__name__}).", partial)


def _loads(data: bytes, state: _StreamState[Any]) -> Any:
    try:
        return json.loads(data)
    except ValueError:
        raise state.interrupted(
            f"The stream sent an event that is not JSON: {data[:100].decode(errors='replace')}",
            state.partial("", []),
        ) from None


def _is_error_envelope(data: bytes) -> bool:
    try:
        value = json.loads(data)
    except ValueError:
        return False
    return isinstance(value, dict) and "error" in value and "choices" not in value


def _stream_error(
    data: bytes, response: httpx.Response, client: BaseClient[Any], partial: PartialStream
) -> APIStatusError:
    # Mid-stream errors arrive after a 200; the envelope's type says which status it stands for.
    try:
        body: object = json.loads(data)
    except ValueError:
        body = None
    return make_status_error(
        _status_of(body),
        body,
        data.decode(errors="replace"),
        response.headers,
        client._secrets,
        response=response,
        partial=partial,
    )


def _status_of(body: object) -> int:
    error = cast("dict[str, object]", body).get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return 500
    fields = cast("dict[str, object]", error)
    given = fields.get("status")
    if isinstance(given, int):
        return given
    return _wire.STATUS_BY_ERROR_TYPE.get(str(fields.get("type")), 500)


class Stream(Generic[_T]):
    """A typed stream of server-sent events. Iterate it once; use it as a context manager (or
    `break` out of the loop) to release the connection early.

    ```python
    with client.chat.completions.create(model=model, messages=messages, stream=True) as stream:
        for chunk in stream:
            print(chunk.choices[0].delta.content or "", end="")
    ```
    """

    response: httpx.Response

    def __init__(self, *, cast_to: type[_T], response: httpx.Response, client: BaseClient[Any]) -> None:
        self.response = response
        self._state = _StreamState(cast_to, response, client)

    @property
    def request_id(self) -> str | None:
        """`X-Request-Id` of the call."""
        return self._state.request_id

    def __iter__(self) -> Iterator[_T]:
        state = self._state
        if state.started:
            raise AIgatewayError("This stream was already iterated; a stream can be consumed only once.")
        state.started = True
        return self._iterate()

    def _iterate(self) -> Iterator[_T]:
        state = self._state
        outcome: BaseException | None = None
        try:
            raw = self.response.iter_bytes()
            while True:
                try:
                    chunk = next(raw)
                    final = False
                except StopIteration:
                    chunk, final = b"", True
                except (httpx.TransportError, httpx.StreamError) as exc:
                    raise state.map_transport_error(exc, self._partial()) from None
                for event, data in state.events(chunk, final):
                    if data == _DONE:
                        state.done = True
                        return
                    item = state.decode(event, data, self._partial)
                    self._on_chunk(item)
                    yield item
                if state.oversized:
                    raise state.too_large(self._partial())
                if final:
                    raise state.interrupted(
                        "The stream ended before [DONE]: the connection was closed mid-response.",
                        self._partial(),
                    )
        except BaseException as exc:
            outcome = exc
            raise
        finally:
            self.response.close()
            self._on_end(outcome)

    def _partial(self) -> PartialStream:
        return self._state.partial("", [])

    def _on_chunk(self, chunk: _T) -> None:
        pass

    def _on_end(self, outcome: BaseException | None) -> None:
        self._state.error = outcome

    def close(self) -> None:
        """Releases the connection; the stream stops."""
        self.response.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncStream(Generic[_T]):
    """The async twin of `Stream`: `async for` once; `async with` (or `await stream.close()`) releases it."""

    response: httpx.Response

    def __init__(self, *, cast_to: type[_T], response: httpx.Response, client: BaseClient[Any]) -> None:
        self.response = response
        self._state = _StreamState(cast_to, response, client)

    @property
    def request_id(self) -> str | None:
        return self._state.request_id

    def __aiter__(self) -> AsyncIterator[_T]:
        state = self._state
        if state.started:
            raise AIgatewayError("This stream was already iterated; a stream can be consumed only once.")
        state.started = True
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[_T]:
        state = self._state
        outcome: BaseException | None = None
        try:
            raw = self.response.aiter_bytes()
            while True:
                try:
                    chunk = await anext(raw)
                    final = False
                except StopAsyncIteration:
                    chunk, final = b"", True
                except (httpx.TransportError, httpx.StreamError) as exc:
                    raise state.map_transport_error(exc, self._partial()) from None
                for event, data in state.events(chunk, final):
                    if data == _DONE:
                        state.done = True
                        return
                    item = state.decode(event, data, self._partial)
                    self._on_chunk(item)
                    yield item
                if state.oversized:
                    raise state.too_large(self._partial())
                if final:
                    raise state.interrupted(
                        "The stream ended before [DONE]: the connection was closed mid-response.",
                        self._partial(),
                    )
        except BaseException as exc:
            outcome = exc
            raise
        finally:
            await self.response.aclose()
            self._on_end(outcome)

    def _partial(self) -> PartialStream:
        return self._state.partial("", [])

    def _on_chunk(self, chunk: _T) -> None:
        pass

    def _on_end(self, outcome: BaseException | None) -> None:
        self._state.error = outcome

    async def close(self) -> None:
        await self.response.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


class _ChatAccumulator:
    """Assembles the final completion and the usage from chunks (pure; shared by both streams)."""

    def __init__(self, messages: object) -> None:
        self.prompt_chars = _chars_of(messages)
        self.choices: dict[int, dict[str, Any]] = {}
        self.reported: Usage | None = None
        self.head: ChatCompletionChunk | None = None
        self.ended = False

    def add(self, chunk: ChatCompletionChunk) -> None:
        if self.head is None:
            self.head = chunk
        if chunk.usage is not None:
            self.reported = chunk.usage
        for choice in chunk.choices:
            state = self.choices.get(choice.index)
            if state is None:
                state = self.choices[choice.index] = {
                    "content": [],
                    "refusal": [],
                    "tool_calls": {},
                    "finish_reason": None,
                }
            delta = choice.delta
            if delta.content:
                state["content"].append(delta.content)
            refusal = getattr(delta, "refusal", None)
            if refusal:
                state["refusal"].append(refusal)
            for call in delta.tool_calls or ():
                known = state["tool_calls"].get(call.index)
                fn = call.function
                if known is None:
                    state["tool_calls"][call.index] = {
                        "id": call.id or "",
                        "type": "function",
                        "function": {
                            "name": (fn.name if fn else None) or "",
                            "arguments": (fn.arguments if fn else None) or "",
                        },
                    }
                elif fn is not None:
                    known["function"]["arguments"] += fn.arguments or ""
                    if fn.name:
                        known["function"]["name"] += fn.name
            if choice.finish_reason:
                state["finish_reason"] = choice.finish_reason

    def tool_calls(self, index: int) -> list[dict[str, Any]]:
        state = self.choices.get(index)
        if state is None:
            return []
        calls: dict[int, dict[str, Any]] = state["tool_calls"]
        return [{**calls[i], "function": dict(calls[i]["function"])} for i in sorted(calls)]

    def content(self, index: int = 0) -> str:
        state = self.choices.get(index)
        return "".join(state["content"]) if state else ""

    def usage(self) -> tuple[Usage, bool]:
        from .types import Usage

        if self.reported is not None:
            return self.reported, False
        chars = 0
        for index, state in self.choices.items():
            chars += len(self.content(index)) + len("".join(state["refusal"]))
            for call in self.tool_calls(index):
                chars += len(call["function"]["name"]) + len(call["function"]["arguments"])
        prompt, completion = math.ceil(self.prompt_chars / 4), math.ceil(chars / 4)
        return Usage(
            prompt_tokens=prompt, completion_tokens=completion, total_tokens=prompt + completion
        ), True

    def assemble(self) -> ChatCompletion:
        from ._models import parse_model
        from .types import ChatCompletion

        choices: list[dict[str, Any]] = []
        for index in sorted(self.choices):
            state = self.choices[index]
            calls = self.tool_calls(index)
            message: dict[str, Any] = {
                "role": "assistant",
                "content": self.content(index) or (None if calls else ""),
            }
            if state["refusal"]:
                message["refusal"] = "".join(state["refusal"])
            if calls:
                message["tool_calls"] = calls
            choices.append(
                {"index": index, "message": message, "finish_reason": state["finish_reason"] or "stop"}
            )
        head = self.head
        body: dict[str, Any] = {
            "id": head.id if head else "",
            "object": "chat.completion",
            "created": head.created if head else 0,
            "model": head.model if head else "",
            "choices": choices,
            "usage": self.usage()[0].model_dump(exclude_none=True),
        }
        if head is not None and head.system_fingerprint:
            body["system_fingerprint"] = head.system_fingerprint
        return parse_model(ChatCompletion, body)


class _ChatStreamMixin:
    _acc: _ChatAccumulator
    _state: _StreamState[Any]

    @property
    def usage(self) -> Usage | None:
        """Token usage once the stream has ended (however it ended): the gateway's figures, or an
        estimate (about 4 characters per token, `usage_is_estimated`) if it stopped before them."""
        return self._acc.usage()[0] if self._acc.ended else None

    @property
    def usage_is_estimated(self) -> bool:
        return self._acc.ended and self._acc.usage()[1]

    @property
    def content(self) -> str:
        """The text of the first choice received so far."""
        return self._acc.content(0)


class ChatCompletionStream(_ChatStreamMixin, Stream["ChatCompletionChunk"]):
    """A stream of `ChatCompletionChunk`s that also assembles the final completion and usage."""

    def __init__(self, *, response: httpx.Response, client: BaseClient[Any], messages: object) -> None:
        from .types import ChatCompletionChunk

        super().__init__(cast_to=ChatCompletionChunk, response=response, client=client)
        self._acc = _ChatAccumulator(messages)

    @override
    def _partial(self) -> PartialStream:
        return self._state.partial(self._acc.content(0), self._acc.tool_calls(0))

    @override
    def _on_chunk(self, chunk: ChatCompletionChunk) -> None:
        self._acc.add(chunk)

    @override
    def _on_end(self, outcome: BaseException | None) -> None:
        super()._on_end(outcome)
        self._acc.ended = True

    def get_final_completion(self) -> ChatCompletion:
        """Consumes the rest of the stream and returns the assembled `ChatCompletion` (content,
        tool calls with their arguments joined, finish reason, usage)."""
        if not self._state.started:
            for _ in self:
                pass
        if self._state.error is not None:
            raise self._state.error
        if not self._state.done:
            raise AIgatewayError("The stream was stopped before it finished; there is no final completion.")
        return self._acc.assemble()


class AsyncChatCompletionStream(_ChatStreamMixin, AsyncStream["ChatCompletionChunk"]):
    """The async twin of `ChatCompletionStream`."""

    def __init__(self, *, response: httpx.Response, client: BaseClient[Any], messages: object) -> None:
        from .types import ChatCompletionChunk

        super().__init__(cast_to=ChatCompletionChunk, response=response, client=client)
        self._acc = _ChatAccumulator(messages)

    @override
    def _partial(self) -> PartialStream:
        return self._state.partial(self._acc.content(0), self._acc.tool_calls(0))

    @override
    def _on_chunk(self, chunk: ChatCompletionChunk) -> None:
        self._acc.add(chunk)

    @override
    def _on_end(self, outcome: BaseException | None) -> None:
        super()._on_end(outcome)
        self._acc.ended = True

    async def get_final_completion(self) -> ChatCompletion:
        """Consumes the rest of the stream and returns the assembled `ChatCompletion`."""
        if not self._state.started:
            async for _ in self:
                pass
        if self._state.error is not None:
            raise self._state.error
        if not self._state.done:
            raise AIgatewayError("The stream was stopped before it finished; there is no final completion.")
        return self._acc.assemble()


def _chars_of(messages: object) -> int:
    chars = 0
    if not isinstance(messages, (list, tuple)):
        return 0
    for message in messages:  # pyright: ignore[reportUnknownVariableType]
        content = message.get("content") if isinstance(message, dict) else None  # pyright: ignore[reportUnknownMemberType, reportUnknownVariableType]
        if isinstance(content, str):
            chars += len(content)
        elif isinstance(content, list):
            for part in content:  # pyright: ignore[reportUnknownVariableType]
                text = part.get("text") if isinstance(part, dict) else None  # pyright: ignore[reportUnknownMemberType, reportUnknownVariableType]
                if isinstance(text, str):
                    chars += len(text)
    return chars

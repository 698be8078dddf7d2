from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import Literal, overload

from .._resource import SyncAPIResource, operation
from .._streaming import ChatCompletionStream
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout
from ..types import ChatCompletion
from ..types.params import (
    ChatCompletionStreamOptions,
    ChatMessageParam,
    ResponseFormatParam,
    Tool,
    ToolChoiceParam,
)

__all__ = ["Chat", "Completions"]


class Completions(SyncAPIResource):
    @overload
    def create(
        self,
        *,
        model: str,
        messages: Iterable[ChatMessageParam],
        stream: Literal[False] | NotGiven | None = NOT_GIVEN,
        max_tokens: int | NotGiven | None = NOT_GIVEN,
        max_completion_tokens: int | NotGiven | None = NOT_GIVEN,
        temperature: float | NotGiven | None = NOT_GIVEN,
        top_p: float | NotGiven | None = NOT_GIVEN,
        n: int | NotGiven | None = NOT_GIVEN,
        stream_options: ChatCompletionStreamOptions | NotGiven | None = NOT_GIVEN,
        stop: str | Sequence[str] | NotGiven | None = NOT_GIVEN,
        presence_penalty: float | NotGiven | None = NOT_GIVEN,
        frequency_penalty: float | NotGiven | None = NOT_GIVEN,
        seed: int | NotGiven | None = NOT_GIVEN,
        tools: Iterable[Tool] | NotGiven = NOT_GIVEN,
        tool_choice: ToolChoiceParam | NotGiven = NOT_GIVEN,
        parallel_tool_calls: bool | NotGiven = NOT_GIVEN,
        response_format: ResponseFormatParam | NotGiven = NOT_GIVEN,
        user: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> ChatCompletion: ...

    @overload
    def create(
        self,
        *,
        model: str,
        messages: Iterable[ChatMessageParam],
        stream: Literal[True],
        max_tokens: int | NotGiven | None = NOT_GIVEN,
        max_completion_tokens: int | NotGiven | None = NOT_GIVEN,
        temperature: float | NotGiven | None = NOT_GIVEN,
        top_p: float | NotGiven | None = NOT_GIVEN,
        n: int | NotGiven | None = NOT_GIVEN,
        stream_options: ChatCompletionStreamOptions | NotGiven | None = NOT_GIVEN,
        stop: str | Sequence[str] | NotGiven | None = NOT_GIVEN,
        presence_penalty: float | NotGiven | None = NOT_GIVEN,
        frequency_penalty: float | NotGiven | None = NOT_GIVEN,
        seed: int | NotGiven | None = NOT_GIVEN,
        tools: Iterable[Tool] | NotGiven = NOT_GIVEN,
        tool_choice: ToolChoiceParam | NotGiven = NOT_GIVEN,
        parallel_tool_calls: bool | NotGiven = NOT_GIVEN,
        response_format: ResponseFormatParam | NotGiven = NOT_GIVEN,
        user: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> ChatCompletionStream: ...

    @overload
    def create(
        self,
        *,
        model: str,
        messages: Iterable[ChatMessageParam],
        stream: bool | NotGiven | None = NOT_GIVEN,
        max_tokens: int | NotGiven | None = NOT_GIVEN,
        max_completion_tokens: int | NotGiven | None = NOT_GIVEN,
        temperature: float | NotGiven | None = NOT_GIVEN,
        top_p: float | NotGiven | None = NOT_GIVEN,
        n: int | NotGiven | None = NOT_GIVEN,
        stream_options: ChatCompletionStreamOptions | NotGiven | None = NOT_GIVEN,
        stop: str | Sequence[str] | NotGiven | None = NOT_GIVEN,
        presence_penalty: float | NotGiven | None = NOT_GIVEN,
        frequency_penalty: float | NotGiven | None = NOT_GIVEN,
        seed: int | NotGiven | None = NOT_GIVEN,
        tools: Iterable[Tool] | NotGiven = NOT_GIVEN,
        tool_choice: ToolChoiceParam | NotGiven = NOT_GIVEN,
        parallel_tool_calls: bool | NotGiven = NOT_GIVEN,
        response_format: ResponseFormatParam | NotGiven = NOT_GIVEN,
        user: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> ChatCompletion | ChatCompletionStream: ...

    def create(
        self,
        *,
        model: str,
        messages: Iterable[ChatMessageParam],
        stream: bool | NotGiven | None = NOT_GIVEN,
        max_tokens: int | NotGiven | None = NOT_GIVEN,
        max_completion_tokens: int | NotGiven | None = NOT_GIVEN,
        temperature: float | NotGiven | None = NOT_GIVEN,
        top_p: float | NotGiven | None = NOT_GIVEN,
        n: int | NotGiven | None = NOT_GIVEN,
        stream_options: ChatCompletionStreamOptions | NotGiven | None = NOT_GIVEN,
        stop: str | Sequence[str] | NotGiven | None = NOT_GIVEN,
        presence_penalty: float | NotGiven | None = NOT_GIVEN,
        frequency_penalty: float | NotGiven | None = NOT_GIVEN,
        seed: int | NotGiven | None = NOT_GIVEN,
        tools: Iterable[Tool] | NotGiven = NOT_GIVEN,
        tool_choice: ToolChoiceParam | NotGiven = NOT_GIVEN,
        parallel_tool_calls: bool | NotGiven = NOT_GIVEN,
        response_format: ResponseFormatParam | NotGiven = NOT_GIVEN,
        user: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> ChatCompletion | ChatCompletionStream:
        """Creates a chat completion (`POST /v1/chat/completions`). With `stream=True` it returns a
        `ChatCompletionStream` of chunks (iterate it; `get_final_completion()` and `usage` when done);
        `stream_options.include_usage` is sent as true unless you set it, so usage is the gateway's.

        ```python
        completion = client.chat.completions.create(
            model="anthropic/claude-sonnet-4.6",
            messages=[{"role": "user", "content": "Say hi"}],
        )
        ```
        """
        message_list = list(messages)
        body: dict[str, object] = {
            "model": model,
            "messages": message_list,
            "max_tokens": max_tokens,
            "max_completion_tokens": max_completion_tokens,
            "temperature": temperature,
            "top_p": top_p,
            "n": n,
            "stop": stop,
            "presence_penalty": presence_penalty,
            "frequency_penalty": frequency_penalty,
            "seed": seed,
            "tools": tools if isinstance(tools, NotGiven) else list(tools),
            "tool_choice": tool_choice,
            "parallel_tool_calls": parallel_tool_calls,
            "response_format": response_format,
            "user": user,
            "stream_options": stream_options,
        }
        if stream is True:
            body["stream"] = True
            body["stream_options"] = {"include_usage": True, **(stream_options or {})}
            return self._client._chat_stream(
                operation(
                    "createChatCompletion",
                    "chat.completions.create",
                    body=body,
                    extra_headers=extra_headers,
                    extra_query=extra_query,
                    extra_body=extra_body,
                    timeout=timeout,
                    idempotency_key=idempotency_key,
                    stream=True,
                ),
                message_list,
            )
        body["stream"] = stream
        return self._client._request(
            operation(
                "createChatCompletion",
                "chat.completions.create",
                body=body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                idempotency_key=idempotency_key,
            ),
            ChatCompletion,
        )


class Chat(SyncAPIResource):
    @cached_property
    def completions(self) -> Completions:
        return Completions(self._client)

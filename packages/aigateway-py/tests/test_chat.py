from __future__ import annotations

import pytest

from aigateway import ProviderError, StreamIdleTimeoutError, StreamInterruptedError

from .conftest import Client, collect, run

MESSAGES = [{"role": "user", "content": "hello there"}]


async def test_create_returns_a_typed_completion_with_its_request_id(client: Client) -> None:
    completion = await run(client.chat.completions.create(model="openai/gpt-5.4", messages=MESSAGES))
    assert completion.choices[0].message.content == "Emulated reply from openai/gpt-5.4 to “hello there”."
    assert completion.usage.total_tokens > 0
    assert completion._request_id is not None
    assert completion._request_id.startswith("req_")


async def test_stream_yields_chunks_then_the_final_completion_and_the_gateways_usage(client: Client) -> None:
    stream = await run(client.chat.completions.create(model="openai/gpt-5.4", messages=MESSAGES, stream=True))
    chunks = await collect(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "Emulated reply from openai/gpt-5.4 to “hello there”."
    assert stream.usage is not None
    assert not stream.usage_is_estimated
    assert stream.usage.completion_tokens > 0
    final = await run(stream.get_final_completion())
    assert final.choices[0].message.content == text
    assert stream.request_id is not None


async def test_stream_as_context_manager_consumed_by_get_final_completion(client: Client) -> None:
    stream = await run(client.chat.completions.create(model="openai/gpt-5.4", messages=MESSAGES, stream=True))
    if hasattr(stream, "__aenter__"):
        async with stream as s:
            final = await s.get_final_completion()
    else:
        with stream as s:
            final = s.get_final_completion()
    assert final.choices[0].finish_reason == "stop"
    assert final.usage.total_tokens == stream.usage.total_tokens


async def test_an_error_event_mid_stream_raises_the_matching_class_with_what_arrived(client: Client) -> None:
    stream = await run(
        client.chat.completions.create(
            model="openai/gpt-5.4",
            messages=MESSAGES,
            stream=True,
            extra_headers={"x-aig-fault": "stream-error=2"},
        )
    )
    with pytest.raises(ProviderError) as info:
        await collect(stream)
    assert info.value.code == "provider_error"
    assert info.value.partial is not None
    assert info.value.partial.content.startswith("Emulated")
    assert len(info.value.partial.chunks) == 2


async def test_a_cut_stream_raises_stream_interrupted_with_the_partial_content(client: Client) -> None:
    stream = await run(
        client.chat.completions.create(
            model="openai/gpt-5.4",
            messages=MESSAGES,
            stream=True,
            extra_headers={"x-aig-fault": "stream-cut=3"},
        )
    )
    with pytest.raises(StreamInterruptedError) as info:
        await collect(stream)
    assert not isinstance(info.value, StreamIdleTimeoutError)
    assert info.value.partial.content
    assert stream.usage is not None
    assert stream.usage_is_estimated


async def test_a_silent_stream_hits_the_idle_timeout_instead_of_hanging(client: Client) -> None:
    quiet = client.with_options(stream_idle_timeout=0.5)
    stream = await run(
        quiet.chat.completions.create(
            model="openai/gpt-5.4",
            messages=MESSAGES,
            stream=True,
            extra_headers={"x-aig-fault": "stream-stall=2"},
        )
    )
    with pytest.raises(StreamIdleTimeoutError) as info:
        await collect(stream)
    assert "proxy_buffering off" in str(info.value)


async def test_tools_are_called_and_assembled_from_a_stream(client: Client) -> None:
    tools = [
        {
            "type": "function",
            "function": {
                "name": "get_weather",
                "description": "Weather in a city",
                "parameters": {
                    "type": "object",
                    "properties": {"city": {"type": "string"}},
                    "required": ["city"],
                },
            },
        }
    ]
    messages = [{"role": "user", "content": "What is the weather in Paris?"}]
    stream = await run(
        client.chat.completions.create(model="openai/gpt-5.4", messages=messages, tools=tools, stream=True)
    )
    final = await run(stream.get_final_completion())
    call = final.choices[0].message.tool_calls[0]
    assert call.function.name == "get_weather"
    assert "Paris" in call.function.arguments

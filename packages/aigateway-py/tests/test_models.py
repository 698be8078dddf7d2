from __future__ import annotations

import logging

import pytest

from aigateway.types import ChatCompletion

from .conftest import Client, Emulator, is_async, run

MESSAGES = [{"role": "user", "content": "hello there"}]


async def test_the_returned_model_carries_the_request_id_and_its_nested_models_no_private_state(
    client: Client,
) -> None:
    completion = await run(client.chat.completions.create(model="openai/gpt-5.4", messages=MESSAGES))
    assert completion._request_id is not None
    assert completion._request_id.startswith("req_")
    # Private state on every nested model made pydantic validate a completion half as fast.
    assert completion.choices[0].__pydantic_private__ is None
    assert completion.choices[0].message.__pydantic_private__ is None
    assert completion.usage.__pydantic_private__ is None
    copy = ChatCompletion.model_validate(completion.to_dict())
    assert copy._request_id is None
    copy._request_id = "req_0123456789abcdef01234567"
    assert copy._request_id == "req_0123456789abcdef01234567"


async def test_a_body_that_does_not_match_the_types_is_returned_unvalidated_with_a_warning(
    client: Client, emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    tag = f"unvalidated-{'async' if is_async(client) else 'sync'}"
    body = {
        "id": "chatcmpl-new-shape",
        "object": "chat.completion",
        "created": "yesterday",
        "model": "openai/gpt-5.4",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        "new_field": True,
    }
    rule = emulator.control(
        "POST", "scenarios", {"match": {"tag": tag}, "reply": {"body": body}, "times": 1}
    )["data"][0]
    try:
        with caplog.at_level(logging.WARNING, logger="aigateway"):
            completion = await run(
                client.with_options(tag=tag).chat.completions.create(
                    model="openai/gpt-5.4", messages=MESSAGES
                )
            )
    finally:
        emulator.control("DELETE", f"scenarios/{rule['id']}")
    assert isinstance(completion, ChatCompletion)
    assert completion.created == "yesterday"
    assert completion.id == "chatcmpl-new-shape"
    assert completion._request_id is not None
    assert completion._request_id.startswith("req_")
    assert "A ChatCompletion response did not match aigateway-py's types" in caplog.text

from __future__ import annotations

import logging
import uuid

import pytest

from aigateway import (
    AIgateway,
    APIConnectionError,
    AsyncAIgateway,
    AuthenticationError,
    BadRequestError,
    BudgetExceededError,
    ConfigurationError,
    InputValidationError,
    ModelNotFoundError,
    NotFoundError,
    ProviderError,
    RateLimitError,
)

from .conftest import Client, Emulator, is_async, run

MESSAGES = [{"role": "user", "content": "hi"}]


async def test_a_wrong_key_is_an_authentication_error_that_never_shows_the_key(
    client: Client, emulator: Emulator
) -> None:
    bad = client.with_options(api_key="sk-aig-wrong-secret-value-123456")
    with pytest.raises(AuthenticationError) as info:
        await run(bad.models.list())
    assert info.value.status_code == 401
    assert info.value.request_id is not None
    for text in (str(info.value), repr(info.value), repr(bad), str(vars(info.value))):
        assert "sk-aig-wrong-secret-value-123456" not in text


async def test_an_unknown_model_suggests_the_catalog_slug(client: Client) -> None:
    with pytest.raises(ModelNotFoundError) as info:
        await run(client.chat.completions.create(model="gpt-5.4", messages=MESSAGES))
    assert "openai/gpt-5.4" in info.value.suggestions
    assert isinstance(info.value, NotFoundError)


async def test_a_spend_cap_is_a_402_with_cap_spend_and_reset(client: Client) -> None:
    sub = await run(client.sub_accounts.create(name=f"capped-{uuid.uuid4().hex[:6]}", spend_cap_cents=0))
    customer = client.with_options(api_key=sub.key)
    with pytest.raises(BudgetExceededError) as info:
        await run(customer.chat.completions.create(model="openai/gpt-5.4", messages=MESSAGES))
    assert info.value.spend_cap_cents == 0
    assert info.value.sub_account_id == sub.id
    assert info.value.resets_at is not None
    updated = await run(client.sub_accounts.update(sub.id, spend_cap_cents=None))
    assert updated.spend_cap_cents is None
    completion = await run(customer.chat.completions.create(model="openai/gpt-5.4", messages=MESSAGES))
    assert completion.choices[0].message.content


async def test_a_429_is_retried_after_retry_after_then_succeeds(client: Client, emulator: Emulator) -> None:
    emulator.fault("/v1/models", "status=429,retry-after=0", count=1)
    models = await run(client.models.list())
    assert models.data


async def test_a_429_without_retries_carries_retry_after(client: Client) -> None:
    once = client.with_options(max_retries=0)
    with pytest.raises(RateLimitError) as info:
        await run(once.models.list(extra_headers={"x-aig-fault": "status=429,retry-after=7"}))
    assert info.value.retry_after == 7


async def test_a_502_is_retried_and_raised_as_provider_error_when_retries_run_out(
    client: Client, emulator: Emulator
) -> None:
    emulator.fault("/v1/chat/completions", "status=502", count=1)
    assert await run(client.chat.completions.create(model="openai/gpt-5.4", messages=MESSAGES))
    none = client.with_options(max_retries=0)
    with pytest.raises(ProviderError) as info:
        await run(
            none.chat.completions.create(
                model="openai/gpt-5.4", messages=MESSAGES, extra_headers={"x-aig-fault": "status=502"}
            )
        )
    assert info.value.provider


async def test_one_idempotency_key_per_call_so_a_dropped_job_creation_creates_one_job(
    client: Client, emulator: Emulator
) -> None:
    before = len(emulator.control("GET", "jobs")["data"])
    emulator.fault("/v1/videos/generations", "drop=after", count=1)
    job = await run(client.videos.generate(model="runwayml/gen-4", prompt="retry me", duration=1))
    after = emulator.control("GET", "jobs")["data"]
    assert len(after) == before + 1
    assert job.id in {j["id"] for j in after}


async def test_connection_errors_are_retried_then_raised(emulator: Emulator) -> None:
    with (
        AIgateway(base_url="http://127.0.0.1:9/v1", api_key=emulator.api_key, max_retries=1) as client,
        pytest.raises(APIConnectionError),
    ):
        client.models.list()


async def test_input_checks_fail_before_sending_naming_the_field(client: Client) -> None:
    with pytest.raises(InputValidationError) as info:
        await run(client.videos.generate(model="runwayml/gen-4", prompt="x", duration=0))
    assert [i.path for i in info.value.issues] == ["duration"]


async def test_the_gateways_400_names_the_param(client: Client) -> None:
    with pytest.raises(BadRequestError) as info:
        await run(client.chat.completions.create(model="openai/gpt-5.4", messages=[{"role": "user"}]))  # pyright: ignore[reportArgumentType]
    assert info.value.param is not None


def test_configuration_mistakes_fail_in_the_constructor_with_advice(emulator: Emulator) -> None:
    with pytest.raises(ConfigurationError, match="AIGATEWAY_API_KEY"):
        AIgateway()
    with pytest.raises(ConfigurationError, match="must end in /v1"):
        AIgateway(api_key="sk-aig-x12345678", base_url="https://api.aigateway.sh/v1/chat/completions")
    with pytest.raises(ConfigurationError, match="not a valid key"):
        AIgateway(api_key="sk-aig-abc\n")
    with pytest.raises(ConfigurationError, match="1–64 characters"):
        AsyncAIgateway(api_key="sk-aig-x12345678", tag="not a tag")


def test_the_environment_supplies_key_and_base_url(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIGATEWAY_API_KEY", emulator.api_key)
    monkeypatch.setenv("AIGATEWAY_BASE_URL", emulator.base_url)
    with AIgateway() as client:
        assert client.base_url == emulator.base_url
        assert client.models.list().data


async def test_logs_show_requests_and_retries_with_every_key_redacted(
    client: Client, emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    byok_key = "sk-proj-byok-secret-0123456789"
    tagged = client.with_options(byok={"openai": byok_key}, tag="logs")
    emulator.fault("/v1/chat/completions", "status=500", count=1)
    with caplog.at_level(logging.DEBUG, logger="aigateway"):
        await run(tagged.chat.completions.create(model="openai/gpt-5.4", messages=MESSAGES))
    text = caplog.text
    assert "POST /v1/chat/completions" in text
    assert "↻" in text
    assert emulator.api_key not in text
    assert byok_key not in text
    assert "[redacted]" in text


async def test_with_raw_response_gives_headers_and_the_parsed_result(client: Client) -> None:
    raw = await run(client.models.with_raw_response.list())
    assert raw.status_code == 200
    assert raw.request_id.startswith("req_")
    assert raw.parse().data


async def test_per_request_idempotency_key_replays_the_stored_response(client: Client) -> None:
    key = f"order-{uuid.uuid4()}"
    first = await run(
        client.videos.generate(model="runwayml/gen-4", prompt="once", duration=1, idempotency_key=key)
    )
    second = await run(
        client.videos.generate(model="runwayml/gen-4", prompt="once", duration=1, idempotency_key=key)
    )
    assert first.id == second.id
    assert is_async(client) or isinstance(second.id, str)


def test_aigateway_log_env_turns_on_redacted_logging_without_code(emulator: Emulator) -> None:
    import os
    import subprocess
    import sys

    code = (
        "from aigateway import AIgateway\n"
        "c = AIgateway(byok={'openai': 'sk-proj-byok-secret-0123456789'})\n"
        "c.models.list()\n"
    )
    env = {
        **os.environ,
        "AIGATEWAY_LOG": "debug",
        "AIGATEWAY_API_KEY": emulator.api_key,
        "AIGATEWAY_BASE_URL": emulator.base_url,
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    assert "GET /v1/models" in result.stderr
    assert "aigateway:DEBUG" in result.stderr
    assert emulator.api_key not in result.stderr
    assert "sk-proj-byok-secret-0123456789" not in result.stderr
    bad = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "AIGATEWAY_LOG": "loud"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "AIGATEWAY_LOG='loud' is not one of" in bad.stderr

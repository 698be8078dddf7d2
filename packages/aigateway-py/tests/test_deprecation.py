from __future__ import annotations

import logging
from datetime import datetime, timezone

import pytest

from aigateway import NotFoundError, _deprecation

from .conftest import NAMESPACE_HEADER, Client, Emulator, collect, is_async, run

# A deprecated model answers with Deprecation (RFC 9745), Sunset (RFC 8594) and a successor Link;
# the SDK logs one warning per model at the default level (WARNING), in aigateway-js's words.
OLD = "anthropic/claude-sonnet-4.6"
SUCCESSOR = "anthropic/claude-opus-4.7"
MESSAGES = [{"role": "user", "content": "hi"}]


def day(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, timezone.utc).date().isoformat()


@pytest.fixture(autouse=True)
def _fresh_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    # The once-per-model memory is per process; each test (and each of sync/async) starts empty.
    monkeypatch.setattr(_deprecation, "_warned", set())


def namespaced(client: Client, emulator: Emulator, name: str) -> tuple[Client, str, int]:
    """The client on its own emulator namespace (its own lifecycle state), and the emulator's now."""
    ns = f"{name}-{'async' if is_async(client) else 'sync'}"
    now = int(emulator.control("GET", "clock", namespace=ns)["now"])
    return client.with_options(default_headers={NAMESPACE_HEADER: ns}), ns, now


def warnings_in(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "aigateway" and r.levelno == logging.WARNING]


async def test_a_deprecated_model_is_warned_about_once_with_its_sunset_and_successor(
    client: Client, emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    c, ns, now = namespaced(client, emulator, "deprecation")
    lifecycle = {
        "model": OLD,
        "deprecated_at": now - 60,
        "sunset_at": now + 86_400 * 30,
        "successor": SUCCESSOR,
    }
    emulator.control("POST", "models/lifecycle", lifecycle, namespace=ns)
    with caplog.at_level(logging.WARNING, logger="aigateway"):
        await run(c.chat.completions.create(model=OLD, messages=MESSAGES))
        await run(c.chat.completions.create(model=OLD, messages=MESSAGES))
        await collect(await run(c.chat.completions.create(model=OLD, messages=MESSAGES, stream=True)))
        await run(c.models.retrieve(OLD))
        await run(c.chat.completions.create(model="anthropic/claude-sonnet", messages=MESSAGES))
    assert warnings_in(caplog) == [
        f"[aigateway] Model '{OLD}' is deprecated since {day(now - 60)} and is removed on "
        f"{day(now + 86_400 * 30)}: move to '{SUCCESSOR}'."
    ]
    emulator.control(
        "POST", "models/lifecycle", {"model": "openai/gpt-5.4-mini", "deprecated_at": now - 1}, namespace=ns
    )
    with caplog.at_level(logging.WARNING, logger="aigateway"):
        await run(c.chat.completions.create(model="openai/gpt-5.4-mini", messages=MESSAGES))
        await run(c.chat.completions.create(model="openai/gpt-5.4-mini", messages=MESSAGES))
    assert warnings_in(caplog)[1:] == [
        f"[aigateway] Model 'openai/gpt-5.4-mini' is deprecated since {day(now - 1)}: "
        "pick another model from client.models.list()."
    ]


async def test_no_warning_when_the_aigateway_logger_is_above_warning(
    client: Client, emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    c, ns, now = namespaced(client, emulator, "deprecation-quiet")
    lifecycle = {"model": "moonshot/kimi-k2.6", "deprecated_at": now - 1, "successor": SUCCESSOR}
    emulator.control("POST", "models/lifecycle", lifecycle, namespace=ns)
    with caplog.at_level(logging.ERROR, logger="aigateway"):
        completion = await run(c.chat.completions.create(model="moonshot/kimi-k2.6", messages=MESSAGES))
    assert completion.choices[0].message.content
    assert caplog.records == []


async def test_past_the_sunset_a_pruned_model_is_a_not_found_error_naming_the_successor(
    client: Client, emulator: Emulator
) -> None:
    c, ns, now = namespaced(client, emulator, "deprecation-pruned")
    lifecycle = {
        "model": "meta/llama-4-maverick",
        "deprecated_at": now - 120,
        "sunset_at": now - 60,
        "successor": SUCCESSOR,
    }
    emulator.control("POST", "models/lifecycle", lifecycle, namespace=ns)
    with pytest.raises(NotFoundError) as caught:
        await run(c.chat.completions.create(model="meta/llama-4-maverick", messages=MESSAGES))
    assert f"'{SUCCESSOR}'" in str(caught.value)

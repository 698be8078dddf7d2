# The backend of every test: the workspace's emulator (packages/aigateway-emulator, built by
# `pnpm build`), started once per session on a free loopback port. Each test that takes `client`
# runs twice, with the sync and the async client (one fixture parametrised over both).
from __future__ import annotations

import inspect
import json
import os
import re
import subprocess
import urllib.request
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest

from aigateway import AIgateway, AsyncAIgateway

ROOT = Path(__file__).resolve().parents[3]
EMULATOR_BIN = ROOT / "packages/aigateway-emulator/dist/bin.js"
API_KEY = "sk-aig-pytest-0123456789abcdef"
WEBHOOK_SECRET = "whsec_pytest_0123456789"
NAMESPACE_HEADER = "x-aig-emulator-namespace"
"""Sent on requests and control calls, it gives a test its own emulator state (emulator-control.yaml)."""

Client = AIgateway | AsyncAIgateway
_T = TypeVar("_T")


@dataclass
class Emulator:
    base_url: str
    api_key: str
    webhook_secret: str

    @property
    def origin(self) -> str:
        return self.base_url.removesuffix("/v1")

    def control(self, method: str, path: str, body: object = None, *, namespace: str | None = None) -> Any:
        """Calls the emulator's control API (`/_emulator/...`), in `namespace` when given."""
        data = None if body is None else json.dumps(body).encode()
        headers = {"authorization": f"Bearer {self.api_key}", "content-type": "application/json"}
        if namespace is not None:
            headers[NAMESPACE_HEADER] = namespace
        request = urllib.request.Request(
            f"{self.origin}/_emulator/{path}", data=data, method=method, headers=headers
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read()
        return json.loads(text) if text else None

    def fault(self, path: str, fault: str, count: int = 1) -> None:
        self.control("POST", "faults", {"path": path, "fault": fault, "count": count})


@pytest.fixture(scope="session")
def emulator() -> Iterator[Emulator]:
    if not EMULATOR_BIN.exists():
        pytest.fail(f"{EMULATOR_BIN} is missing: run `pnpm build` at the repository root first.")
    process = subprocess.Popen(
        [
            "node",
            str(EMULATOR_BIN),
            "--port",
            "0",
            "--quiet",
            "--time-scale",
            "1000",
            "--stream-delay-ms",
            "0",
            "--keepalive-ms",
            "200",
            "--key",
            API_KEY,
            "--webhook-secret",
            WEBHOOK_SECRET,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    base_url = None
    seen: list[str] = []
    for line in process.stdout:
        seen.append(line)
        match = re.search(r"Base URL\s+(\S+)", line)
        if match:
            base_url = match.group(1)
            break
    if base_url is None:
        process.kill()
        process.wait()
        process.stdout.close()
        pytest.fail("The emulator did not start:\n" + "".join(seen))
    try:
        yield Emulator(base_url, API_KEY, WEBHOOK_SECRET)
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AIGATEWAY_API_KEY", "AIGATEWAY_BASE_URL", "AIGATEWAY_LOG"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(params=["sync", "async"])
async def client(request: pytest.FixtureRequest, emulator: Emulator) -> AsyncIterator[Client]:
    if request.param == "sync":
        sync = AIgateway(base_url=emulator.base_url, api_key=emulator.api_key)
        yield sync
        sync.close()
    else:
        async_client = AsyncAIgateway(base_url=emulator.base_url, api_key=emulator.api_key)
        yield async_client
        await async_client.close()


async def run(value: Any) -> Any:
    """Awaits the async client's results; passes the sync client's through."""
    return await value if inspect.isawaitable(value) else value


async def collect(stream: Any) -> list[Any]:
    """Every item of a sync or async iterable."""
    if hasattr(stream, "__aiter__"):
        return [item async for item in stream]
    return list(stream)


def is_async(client: Client) -> bool:
    return isinstance(client, AsyncAIgateway)


os.environ.setdefault("CI", "true")

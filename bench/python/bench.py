"""The Python section of `pnpm bench` (run by bench/suites/python.mjs against the canned loopback
server): aigateway-py vs raw httpx and the official `openai` package, sync and async; streaming
chunks/s; verify_webhook vs stripe and standardwebhooks; import time; installed size. Prints one
JSON document of raw measurements; the suite turns them into ratios and targets."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import httpx
import openai
import standardwebhooks
import stripe

from aigateway import AIgateway, AsyncAIgateway, sign_webhook, verify_webhook

BASE_URL, REQUESTS, ROUNDS, STREAM_ROUNDS, WEBHOOK_MS = (
    sys.argv[1],
    int(sys.argv[2]),
    int(sys.argv[3]),
    int(sys.argv[4]),
    int(sys.argv[5]),
)
KEY = "sk-aig-bench-0000000000000000"
BODY = {"model": "openai/gpt-5.4", "messages": [{"role": "user", "content": "Say hi"}]}


def cpu() -> float:
    t = os.times()
    return t.user + t.system


def timed(fn: Callable[[], object], n: int) -> tuple[float, float]:
    wall0, cpu0 = time.perf_counter(), cpu()
    for _ in range(n):
        fn()
    return (time.perf_counter() - wall0) / n, (cpu() - cpu0) / n


async def atimed(fn: Callable[[], Any], n: int) -> tuple[float, float]:
    wall0, cpu0 = time.perf_counter(), cpu()
    for _ in range(n):
        await fn()
    return (time.perf_counter() - wall0) / n, (cpu() - cpu0) / n


def overhead_sync() -> dict[str, list[list[float]]]:
    raw = httpx.Client(base_url=BASE_URL)
    headers = {"authorization": f"Bearer {KEY}", "content-type": "application/json"}
    content = json.dumps(BODY).encode()
    aig = AIgateway(api_key=KEY, base_url=BASE_URL, max_retries=0)
    oa = openai.OpenAI(api_key=KEY, base_url=BASE_URL, max_retries=0)
    clients: dict[str, Callable[[], object]] = {
        "httpx": lambda: raw.post("/chat/completions", content=content, headers=headers).json(),
        "aigateway-py": lambda: aig.chat.completions.create(**BODY),  # type: ignore[arg-type]
        "openai": lambda: oa.chat.completions.create(**BODY),  # type: ignore[arg-type]
    }
    per_round = max(1, REQUESTS // ROUNDS)
    results: dict[str, list[list[float]]] = {name: [] for name in clients}
    for fn in clients.values():
        timed(fn, 50)
    for r in range(ROUNDS):
        names = list(clients)[r % 3 :] + list(clients)[: r % 3]  # rotate the order each round
        for name in names:
            results[name].append(list(timed(clients[name], per_round)))
    return results


async def overhead_async() -> dict[str, list[list[float]]]:
    raw = httpx.AsyncClient(base_url=BASE_URL)
    headers = {"authorization": f"Bearer {KEY}", "content-type": "application/json"}
    content = json.dumps(BODY).encode()
    aig = AsyncAIgateway(api_key=KEY, base_url=BASE_URL, max_retries=0)
    oa = openai.AsyncOpenAI(api_key=KEY, base_url=BASE_URL, max_retries=0)

    async def raw_call() -> object:
        return (await raw.post("/chat/completions", content=content, headers=headers)).json()

    clients: dict[str, Callable[[], Any]] = {
        "httpx": raw_call,
        "aigateway-py": lambda: aig.chat.completions.create(**BODY),  # type: ignore[arg-type]
        "openai": lambda: oa.chat.completions.create(**BODY),  # type: ignore[arg-type]
    }
    per_round = max(1, REQUESTS // ROUNDS)
    results: dict[str, list[list[float]]] = {name: [] for name in clients}
    for fn in clients.values():
        await atimed(fn, 50)
    for r in range(ROUNDS):
        names = list(clients)[r % 3 :] + list(clients)[: r % 3]
        for name in names:
            results[name].append(list(await atimed(clients[name], per_round)))
    return results


def streaming() -> dict[str, Any]:
    aig = AIgateway(api_key=KEY, base_url=BASE_URL, max_retries=0)
    oa = openai.OpenAI(api_key=KEY, base_url=BASE_URL, max_retries=0)

    def run_aig() -> int:
        with aig.chat.completions.create(**BODY, stream=True) as s:  # type: ignore[arg-type]
            return sum(1 for _ in s)

    def run_oa() -> int:
        return sum(1 for _ in oa.chat.completions.create(**BODY, stream=True))  # type: ignore[arg-type]

    clients = {"aigateway-py": run_aig, "openai": run_oa}
    out: dict[str, Any] = {name: [] for name in clients}
    chunks = {name: fn() for name, fn in clients.items()}  # warm-up, and the chunk count
    for r in range(STREAM_ROUNDS):
        for name in list(clients)[r % 2 :] + list(clients)[: r % 2]:
            wall0, cpu0 = time.perf_counter(), cpu()
            clients[name]()
            out[name].append([time.perf_counter() - wall0, cpu() - cpu0])
    out["chunks"] = chunks
    return out


def webhooks() -> dict[str, Any]:
    job = {
        "id": "job_abc123", "object": "job", "type": "video", "model": "runwayml/gen-4", "status": "completed",
        "progress": 100, "created_at": 1745000000, "started_at": 1745000001, "completed_at": 1745000011,
        "result_url": "https://api.aigateway.sh/v1/files/jobs/job_abc123/video.mp4",
        "result": {"content_type": "video/mp4", "bytes": 1048576, "duration": 5}, "error": None,
        "webhook_url": "https://yourapp.com/hooks/aigateway", "tag": None, "metadata": {},
        "request_id": "req_0123456789abcdef01234567", "cost_cents": 25,
    }  # fmt: skip
    out: dict[str, Any] = {}
    for size in (1024, 256 * 1024):
        base = json.dumps({**job, "bench_padding": ""})
        body = json.dumps({**job, "bench_padding": "x" * max(0, size - len(base))})
        secret = "whsec_" + base64.b64encode(os.urandom(24)).decode()
        aig = sign_webhook(body, secret)
        t = int(time.time())
        stripe_sig = f"t={t},v1=" + stripe.WebhookSignature._compute_signature(f"{t}.{body}", secret)  # pyright: ignore
        sw_secret = "whsec_" + base64.b64encode(os.urandom(24)).decode()
        sw = standardwebhooks.Webhook(sw_secret)
        from datetime import datetime, timezone

        now = datetime.now(tz=timezone.utc)
        sw_headers = {"webhook-id": "msg_1", "webhook-timestamp": str(int(now.timestamp())), "webhook-signature": sw.sign("msg_1", now, body)}
        verifiers: dict[str, Callable[[], object]] = {
            "aigateway-py verify_webhook": lambda: verify_webhook(body, aig.headers, secret).data.id,
            "stripe Webhook.construct_event": lambda: stripe.Webhook.construct_event(body, stripe_sig, secret).id,  # pyright: ignore
            "standardwebhooks Webhook.verify": lambda: sw.verify(body, sw_headers)["id"],
        }
        rates: dict[str, list[float]] = {name: [] for name in verifiers}
        for fn in verifiers.values():
            fn()
        for r in range(ROUNDS):
            names = list(verifiers)[r % 3 :] + list(verifiers)[: r % 3]
            for name in names:
                fn = verifiers[name]
                n, start = 0, time.perf_counter()
                deadline = start + WEBHOOK_MS / 1000
                while time.perf_counter() < deadline:
                    fn()
                    n += 1
                rates[name].append(n / (time.perf_counter() - start))
        out[str(size)] = rates
    return out


def import_times(runs: int = 5) -> dict[str, list[float]]:
    code = "import time; t=time.perf_counter(); {stmt}; print(time.perf_counter()-t)"
    stmts = {"aigateway-py": "from aigateway import AIgateway", "openai": "from openai import OpenAI"}
    out: dict[str, list[float]] = {name: [] for name in stmts}
    for r in range(runs + 1):
        for name, stmt in stmts.items():
            value = float(subprocess.run([sys.executable, "-c", code.format(stmt=stmt)], capture_output=True, text=True, check=True).stdout)
            if r:  # the first run warms the file cache
                out[name].append(value)
    return out


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def dist_closure(name: str) -> set[str]:
    seen: set[str] = set()
    todo = [name]
    while todo:
        dist = todo.pop().lower().replace("_", "-")
        if dist in seen:
            continue
        try:
            requires = metadata.requires(dist) or []
        except metadata.PackageNotFoundError:
            continue
        seen.add(dist)
        for req in requires:
            if "extra ==" in req:
                continue
            todo.append(req.split(";")[0].split("[")[0].split(" ")[0].split("<")[0].split(">")[0].split("=")[0].split("!")[0].split("~")[0])
    return seen


def dist_size(dist: str) -> int:
    files = metadata.files(dist) or []
    total = 0
    for f in files:
        p = Path(str(f.locate()))
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pth":
            total += p.stat().st_size
    if dist == "aigateway-py":  # installed editable here: measure what the wheel installs
        import aigateway

        total += tree_size(Path(aigateway.__file__).parent)
    return total


def sizes() -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for dist in ("aigateway-py", "openai"):
        closure = dist_closure(dist)
        out[dist] = {"package": dist_size(dist), "with_dependencies": sum(dist_size(d) for d in closure), "dependencies": len(closure) - 1}
    return out


result = {
    "python": sys.version.split()[0],
    "overhead_sync": overhead_sync(),
    "overhead_async": asyncio.run(overhead_async()),
    "streaming": streaming(),
    "webhooks": webhooks(),
    "import": import_times(),
    "sizes": sizes(),
    "versions": {d: metadata.version(d) for d in ("httpx", "openai", "stripe", "standardwebhooks", "pydantic")},
}
print(json.dumps(result))
_ = statistics

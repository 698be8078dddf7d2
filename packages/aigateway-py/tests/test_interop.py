# The official `openai` package and aigateway-py side by side in one program, as the integration
# guide recommends: openai for chat, aigateway for jobs and webhooks, one key, one base URL.
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import openai

from aigateway import AIgateway, AsyncAIgateway, verify_webhook

from .conftest import Emulator


def test_openai_for_chat_and_aigateway_for_jobs_and_webhooks(emulator: Emulator) -> None:
    received: list[tuple[bytes, dict[str, str]]] = []
    arrived = threading.Event()

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            received.append(
                (self.rfile.read(int(self.headers["content-length"])), dict(self.headers.items()))
            )
            self.send_response(200)
            self.end_headers()
            arrived.set()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with (
            openai.OpenAI(base_url=emulator.base_url, api_key=emulator.api_key) as oa,
            AIgateway(base_url=emulator.base_url, api_key=emulator.api_key) as aig,
        ):
            chat = oa.chat.completions.create(
                model="anthropic/claude-sonnet-4.6", messages=[{"role": "user", "content": "hi"}]
            )
            assert (
                chat.choices[0].message.content == "Emulated reply from anthropic/claude-sonnet-4.6 to “hi”."
            )
            streamed = "".join(
                c.choices[0].delta.content or ""
                for c in oa.chat.completions.create(
                    model="openai/gpt-5.4", messages=[{"role": "user", "content": "hi"}], stream=True
                )
                if c.choices
            )
            assert streamed.startswith("Emulated reply")
            hook = f"http://127.0.0.1:{server.server_address[1]}/hooks"
            job = aig.videos.generate(
                model="runwayml/gen-4", prompt="side by side", duration=1, webhook_url=hook
            )
            assert job.wait(poll_interval=0.02).status == "completed"
            assert arrived.wait(20)
            event = verify_webhook(received[0][0], received[0][1], emulator.webhook_secret)
            assert event.data.id == job.id
            # The same request id space: aigateway replays what openai sent.
            replay = aig.replays.create(
                source_request_id=chat._request_id or "", target_model="moonshot/kimi-k2.6"
            )
            assert replay.source_model == "anthropic/claude-sonnet-4.6"
    finally:
        server.shutdown()
        server.server_close()


async def test_async_openai_and_async_aigateway_share_an_event_loop(emulator: Emulator) -> None:
    async with (
        openai.AsyncOpenAI(base_url=emulator.base_url, api_key=emulator.api_key) as oa,
        AsyncAIgateway(base_url=emulator.base_url, api_key=emulator.api_key) as aig,
    ):
        chat = await oa.chat.completions.create(
            model="openai/gpt-5.4", messages=[{"role": "user", "content": "hi"}]
        )
        job = await aig.audio.music.generate(model="suno/v5", prompt="lofi")
        done = await job.wait(poll_interval=0.02)
        assert chat.choices[0].message.content
        assert done.status == "completed"

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest

from aigateway import WebhookVerificationError, sign_webhook, verify_webhook

from .conftest import ROOT, Client, Emulator, run

JS_WEBHOOKS = ROOT / "packages/aigateway-js/dist/webhooks.js"
SECRET = "whsec_test_0123456789abcdef"


def job(status: str = "completed") -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "job_abc123",
        "object": "job",
        "type": "video",
        "model": "runwayml/gen-4",
        "status": status,
        "progress": 100,
        "created_at": 1745000000,
        "started_at": 1745000001,
        "completed_at": 1745000011,
        "result_url": None,
        "result": None,
        "error": None,
        "webhook_url": "https://example.com/hooks",
        "tag": None,
        "metadata": {},
        "request_id": "req_0123456789abcdef01234567",
        "cost_cents": 12.5,
    }
    if status == "completed":
        base |= {
            "result_url": "https://api.aigateway.sh/v1/files/jobs/job_abc123/video.mp4",
            "result": {"content_type": "video/mp4", "bytes": 10, "duration": 5},
        }
    else:
        base |= {"error": {"code": "provider_error", "message": "The provider failed."}}
    return base


def test_the_test_signer_round_trips_both_event_types() -> None:
    for status, kind in (("completed", "job.completed"), ("failed", "job.failed")):
        delivery = sign_webhook(job(status), SECRET, delivery_id="d1", attempt=2)
        event = verify_webhook(delivery.body, delivery.headers, SECRET)
        assert event.type == kind
        assert event.attempt == 2
        assert event.dedupe_key == f"{kind}:job_abc123"


def test_stale_and_future_timestamps_are_refused_and_rotation_accepts_any_secret() -> None:
    now = int(time.time())
    for skew in (-301, 301):
        delivery = sign_webhook(job(), SECRET, timestamp=now + skew)
        with pytest.raises(WebhookVerificationError) as info:
            verify_webhook(delivery.body, delivery.headers, SECRET)
        assert info.value.reason == "timestamp_outside_tolerance"
    rotated = sign_webhook(job(), ["whsec_new_0000000000", SECRET])
    assert verify_webhook(rotated.body, rotated.headers, [SECRET]).type == "job.completed"
    assert verify_webhook(rotated.body, rotated.headers, "whsec_new_0000000000").type == "job.completed"


@pytest.mark.parametrize("size", [1024, 64 * 1024, 64 * 1024 + 1, 300 * 1024])
def test_bodies_either_side_of_the_one_shot_hmac_size_verify_and_one_changed_byte_fails(size: int) -> None:
    # Up to 64 KiB the body is hashed in one call, above it incrementally: both must agree.
    base = json.dumps(job() | {"padding": ""}, separators=(",", ":"))
    body = json.dumps(job() | {"padding": "x" * (size - len(base))}, separators=(",", ":")).encode()
    assert len(body) == size
    delivery = sign_webhook(body, SECRET)
    assert verify_webhook(body, delivery.headers, SECRET).data.id == "job_abc123"
    tampered = body[:-3] + b'y"}'
    with pytest.raises(WebhookVerificationError) as caught:
        verify_webhook(tampered, delivery.headers, SECRET)
    assert caught.value.reason == "no_matching_signature"


def test_a_parsed_dict_is_refused_with_framework_advice() -> None:
    delivery = sign_webhook(job(), SECRET)
    with pytest.raises(WebhookVerificationError) as info:
        verify_webhook(json.loads(delivery.body), delivery.headers, SECRET)  # pyright: ignore[reportArgumentType]
    assert info.value.reason == "invalid_body"
    assert "request.get_data()" in str(info.value)
    with pytest.raises(WebhookVerificationError) as info:
        verify_webhook(delivery.body, delivery.headers, "whsec_wrong_000000")
    assert SECRET not in str(info.value)


def _node(script: str, stdin: str) -> str:
    result = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_delivery_signed_by_aigateway_py_is_verified_by_aigateway_js() -> None:
    assert JS_WEBHOOKS.exists(), "run `pnpm build` first"
    delivery = sign_webhook(job("failed"), SECRET)
    script = (
        f"import {{ verifyWebhook }} from {json.dumps(str(JS_WEBHOOKS))};"
        "const d = JSON.parse(await new Response(process.stdin).text());"
        f"const e = verifyWebhook(d.body, d.headers, {json.dumps(SECRET)});"
        "console.log(JSON.stringify({ type: e.type, id: e.data.id, attempt: e.attempt }));"
    )
    out = json.loads(_node(script, json.dumps({"body": delivery.body.decode(), "headers": delivery.headers})))
    assert out == {"type": "job.failed", "id": "job_abc123", "attempt": 1}


def test_a_delivery_signed_by_aigateway_js_is_verified_by_aigateway_py() -> None:
    script = (
        f"import {{ signWebhook }} from {json.dumps(str(JS_WEBHOOKS))};"
        "const job = JSON.parse(await new Response(process.stdin).text());"
        f"const s = signWebhook(job, {json.dumps(SECRET)}, {{ deliveryId: 'from-js', attempt: 3 }});"
        "console.log(JSON.stringify({ body: s.body, headers: s.headers }));"
    )
    signed = json.loads(_node(script, json.dumps(job())))
    event = verify_webhook(signed["body"], signed["headers"], SECRET)
    assert (event.type, event.delivery_id, event.attempt) == ("job.completed", "from-js", 3)


class _Receiver(BaseHTTPRequestHandler):
    deliveries: list[tuple[bytes, dict[str, str]]]
    arrived: threading.Event

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        type(self).deliveries.append((body, dict(self.headers.items())))
        self.send_response(204)
        self.end_headers()
        type(self).arrived.set()

    def log_message(self, format: str, *args: Any) -> None:
        pass


async def test_a_delivery_signed_by_the_emulator_is_verified(client: Client, emulator: Emulator) -> None:
    handler = type("Receiver", (_Receiver,), {"deliveries": [], "arrived": threading.Event()})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/hooks/aigateway"
        job_ = await run(
            client.videos.generate(model="runwayml/gen-4", prompt="hooked", duration=1, webhook_url=url)
        )
        assert handler.arrived.wait(20), "the emulator did not deliver the webhook"
        body, headers = handler.deliveries[0]
        event = verify_webhook(body, headers, emulator.webhook_secret)
        assert event.type == "job.completed"
        assert event.data.id == job_.id
        assert event.data.result_url
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_the_verifier_does_not_import_httpx() -> None:
    code = "import sys; from aigateway import verify_webhook; print('httpx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"

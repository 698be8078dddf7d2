# Each framework snippet of the README's Webhooks section runs as written: a delivery signed by
# sign_webhook is accepted (204) and a tampered one refused (400).
from __future__ import annotations

import re
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from aigateway import sign_webhook

README = Path(__file__).resolve().parents[1] / "README.md"
SECRET = "whsec_readme_0123456789"
JOB: dict[str, Any] = {
    "id": "job_readme1",
    "object": "job",
    "type": "music",
    "model": "suno/v5",
    "status": "completed",
    "progress": 100,
    "created_at": 1745000000,
    "started_at": 1745000001,
    "completed_at": 1745000031,
    "result_url": "https://api.aigateway.sh/v1/files/jobs/job_readme1/music.wav",
    "result": {"content_type": "audio/wav", "bytes": 44, "duration": 30},
    "error": None,
    "webhook_url": "https://example.com/hooks/aigateway",
    "tag": None,
    "metadata": {},
    "request_id": "req_0123456789abcdef01234567",
    "cost_cents": 3,
}


def snippet(name: str) -> types.ModuleType:
    match = re.search(rf"<!-- snippet: {name} -->\n```python\n(.*?)```", README.read_text(), re.S)
    assert match, f"README has no {name} snippet"
    module = types.ModuleType(f"readme_{name}")
    sys.modules[module.__name__] = module
    exec(compile(match.group(1), f"README.md ({name})", "exec"), module.__dict__)
    return module


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIGATEWAY_WEBHOOK_SECRET", SECRET)


def deliveries() -> tuple[Any, Any]:
    good = sign_webhook(JOB, SECRET)
    bad = sign_webhook(JOB, "whsec_someone_else_000")
    return good, bad


def test_the_fastapi_snippet() -> None:
    from fastapi.testclient import TestClient

    app = snippet("fastapi").app
    good, bad = deliveries()
    with TestClient(app) as http:
        assert http.post("/hooks/aigateway", content=good.body, headers=good.headers).status_code == 204
        refused = http.post("/hooks/aigateway", content=bad.body, headers=bad.headers)
        assert refused.status_code == 400
        assert refused.json()["detail"] == "no_matching_signature"


def test_the_flask_snippet() -> None:
    app = snippet("flask").app
    good, bad = deliveries()
    http = app.test_client()
    assert http.post("/hooks/aigateway", data=good.body, headers=good.headers).status_code == 204
    refused = http.post("/hooks/aigateway", data=bad.body, headers=bad.headers)
    assert (refused.status_code, refused.get_data(as_text=True)) == (400, "no_matching_signature")


def test_the_django_snippet() -> None:
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            DEBUG=True, ALLOWED_HOSTS=["testserver"], ROOT_URLCONF="readme_django_urls", SECRET_KEY="x" * 50
        )
        django.setup()
    from django.test import Client
    from django.urls import path

    view = snippet("django").aigateway_webhook
    urls = types.ModuleType("readme_django_urls")
    urls.urlpatterns = [path("hooks/aigateway", view)]  # type: ignore[attr-defined]
    sys.modules[urls.__name__] = urls
    good, bad = deliveries()
    http = Client()
    ok = http.post("/hooks/aigateway", data=good.body, content_type="application/json", headers=good.headers)
    assert ok.status_code == 204
    refused = http.post(
        "/hooks/aigateway", data=bad.body, content_type="application/json", headers=bad.headers
    )
    assert (refused.status_code, refused.content) == (400, b"no_matching_signature")

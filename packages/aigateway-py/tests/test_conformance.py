# The shared conformance vectors (openapi/conformance/*.json), loaded by path from the repository
# root: aigateway-js runs the same files, so both SDKs must reach the same answers.
from __future__ import annotations

import base64
import itertools
import json
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

import aigateway
from aigateway import (
    AIgateway,
    ConfigurationError,
    StreamInterruptedError,
    WebhookVerificationError,
    verify_webhook,
)
from aigateway._retry import BACKOFF, is_retryable_status, retry_delay
from aigateway._streaming import Stream

VECTORS = Path(__file__).resolve().parents[3] / "openapi/conformance"


def cases(name: str) -> list[Any]:
    document = json.loads((VECTORS / f"{name}.json").read_text())
    return [pytest.param(case, id=case["name"]) for case in document["cases"]]


def policy() -> dict[str, Any]:
    return json.loads((VECTORS / "retries.json").read_text())["policy"]


# -- webhooks ---------------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases("webhooks"))
def test_webhook_vector(case: dict[str, Any]) -> None:
    if "body_parsed" in case:
        body: Any = case["body_parsed"]
    elif "body_base64" in case:
        body = base64.b64decode(case["body_base64"])
    else:
        body = case["body"]
    kwargs: dict[str, Any] = {"now": case["now"]}
    if "tolerance" in case:
        kwargs["tolerance"] = case["tolerance"]
    expect = case["expect"]
    if "error" in expect:
        with pytest.raises(WebhookVerificationError) as info:
            verify_webhook(body, case["headers"], case["secret"], **kwargs)
        assert info.value.reason == expect["error"]
        if "header" in expect:
            assert info.value.header == expect["header"]
        return
    event = verify_webhook(body, case["headers"], case["secret"], **kwargs)
    want = expect["event"]
    assert event.type == want["type"]
    assert event.delivery_id == want["delivery_id"]
    assert event.attempt == want["attempt"]
    assert event.timestamp == want["timestamp"]
    assert event.dedupe_key == want["dedupe_key"]
    raw = body if isinstance(body, bytes) else body.encode()
    parsed = json.loads(raw.decode("utf-8-sig"))
    assert event.data.model_dump(mode="json", exclude_unset=True) == parsed


# -- SSE --------------------------------------------------------------------------------------


def _splits(data: bytes, cuts: list[int] | None) -> list[list[bytes]]:
    ways = [[data], [data[i : i + 1] for i in range(len(data))]]
    ways += [[data[:i], data[i:]] for i in range(1, len(data))]
    if cuts:
        edges = [0, *cuts, len(data)]
        ways.append([data[a:b] for a, b in itertools.pairwise(edges)])
    return ways


@pytest.mark.parametrize("case", cases("sse"))
def test_sse_vector(case: dict[str, Any]) -> None:
    data = case["stream"].encode()
    expect = case["expect"]
    client = AIgateway(
        api_key="sk-aig-conformance-0000",
        base_url="http://127.0.0.1:9/v1",
        stream_max_event_bytes=case.get("max_event_bytes", 16 * 1024 * 1024),
    )
    for chunks in _splits(data, case.get("cuts")):
        response = httpx.Response(
            200, headers={"x-request-id": "req_0123456789abcdef01234567"}, stream=httpx.ByteStream(b"")
        )
        response.stream = _Chunks(chunks)  # pyright: ignore[reportAttributeAccessIssue]
        stream: Stream[Any] = Stream(cast_to=dict, response=response, client=client)
        seen: list[Any] = []
        error: BaseException | None = None
        try:
            for item in stream:
                seen.append(item)
        except Exception as exc:
            error = exc
        assert seen == expect["events"]
        if expect["end"] == "done":
            assert error is None
        elif expect["end"] == "interrupted":
            assert isinstance(error, StreamInterruptedError)
        else:
            want = expect["error"]
            assert type(error).__name__ == want["class"]
            assert getattr(error, "status_code", None) == want["status"]
            for field in ("type", "code", "provider", "retry_after"):
                if field in want:
                    assert getattr(error, field) == want[field]
            if "message_contains" in want:
                assert want["message_contains"] in str(error)


def test_an_endless_line_stops_at_stream_max_event_bytes_instead_of_growing_memory() -> None:
    # No newline ever arrives, so no event completes: the unfinished line itself is capped.
    client = AIgateway(
        api_key="sk-aig-conformance-0000", base_url="http://127.0.0.1:9/v1", stream_max_event_bytes=1024
    )
    response = httpx.Response(200, stream=httpx.ByteStream(b""))
    response.stream = _Chunks([b"data: " + b"x" * 1000] * 10)  # pyright: ignore[reportAttributeAccessIssue]
    stream: Stream[Any] = Stream(cast_to=dict, response=response, client=client)
    with pytest.raises(StreamInterruptedError, match="stream_max_event_bytes"):
        for _ in stream:
            pass


@pytest.mark.parametrize("value", [0, -1, 1.5, True, "16"])
def test_stream_max_event_bytes_must_be_a_positive_integer(value: Any) -> None:
    with pytest.raises(ConfigurationError, match="stream_max_event_bytes"):
        AIgateway(
            api_key="sk-aig-conformance-0000", base_url="http://127.0.0.1:9/v1", stream_max_event_bytes=value
        )


class _Chunks(httpx.SyncByteStream):
    def __init__(self, chunks: list[bytes]) -> None:
        self._chunks = chunks

    def __iter__(self) -> Any:
        return iter(self._chunks)


# -- retries ----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases("retries"))
def test_retry_vector(case: dict[str, Any]) -> None:
    p = policy()
    assert (BACKOFF.initial, BACKOFF.maximum, BACKOFF.jitter, BACKOFF.retry_after_cap) == (
        p["initial_delay_ms"] / 1000,
        p["max_delay_ms"] / 1000,
        p["jitter"],
        p["retry_after_cap_ms"] / 1000,
    )
    retries_done = case.get("retries_done", 0)
    max_retries = case.get("max_retries", p["max_retries"])
    now = (
        parsedate_to_datetime(case["now"]).timestamp()
        if case.get("now") and not case["now"][:4].isdigit()
        else (
            datetime.fromisoformat(case["now"].replace("Z", "+00:00")).timestamp()
            if case.get("now")
            else None
        )
    )
    status = case["status"]
    headers = httpx.Headers(case.get("headers", {}))
    retryable = retries_done < max_retries and (status is None or is_retryable_status(status))
    delays = set()
    if retryable:
        for rand in (0.0, 0.5, 0.999999):
            delays.add(retry_delay(retries_done, None if status is None else headers, lambda r=rand: r, now))
    expect = case["expect"]
    if not expect["retry"]:
        assert not retryable or None in delays
        return
    assert retryable
    for delay in delays:
        assert delay is not None
        assert expect["delay_ms"]["min"] - 1 <= delay * 1000 <= expect["delay_ms"]["max"] + 1


# -- errors -----------------------------------------------------------------------------------


CLASS_FIELDS = {"status": "status_code"}
# The vectors name aigateway-js's classes; aigateway-py's HTTP error base is APIStatusError.
PY_CLASS = {"APIError": "APIStatusError"}


@pytest.mark.parametrize("case", cases("errors"))
def test_error_vector(case: dict[str, Any]) -> None:
    key = case.get("api_key", "sk-aig-conformance-0000")

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(case["status"], headers=case.get("headers", {}), content=case["body"].encode())

    client = AIgateway(
        api_key=key,
        base_url="https://api.aigateway.sh/v1",
        max_retries=0,
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
    )
    with pytest.raises(aigateway.APIError) as info:
        client.models.list()
    error = info.value
    expect = case["expect"]
    assert type(error).__name__ == PY_CLASS.get(expect["class"], expect["class"])
    for parent in expect.get("is_a", []):
        assert isinstance(error, getattr(aigateway, parent))
    for field, value in expect.get("fields", {}).items():
        actual = getattr(error, CLASS_FIELDS.get(field, field), None)
        if field == "resets_at" and actual is not None:
            actual = int(actual.timestamp())
        assert actual == value, field
    for text in expect.get("message_contains", []):
        assert text in error.message
    for text in expect.get("message_excludes", []):
        for form in (error.message, str(error), repr(error), json.dumps(error.error)):
            assert text not in form
    for text in expect.get("param_excludes", []):
        assert text not in (getattr(error, "param", None) or "")


# -- inputs -----------------------------------------------------------------------------------

CALLS: dict[str, Any] = {
    "createChatCompletion": lambda c: c.chat.completions.create,
    "createClassification": lambda c: c.classifications.create,
    "createDetection": lambda c: c.detections.create,
    "createEmbedding": lambda c: c.embeddings.create,
    "createEval": lambda c: c.evals.create,
    "createImage": lambda c: c.images.generate,
    "createModeration": lambda c: c.moderations.create,
    "createMusicGeneration": lambda c: c.audio.music.generate,
    "createOcr": lambda c: c.ocr.create,
    "createRerank": lambda c: c.rerank.create,
    "createSignedUrl": lambda c: c.files.create_signed_url,
    "createSpeech": lambda c: c.audio.speech.create,
    "createSubAccount": lambda c: c.sub_accounts.create,
    "createThreeDGeneration": lambda c: c.three_d.generate,
    "createTranslation": lambda c: c.translations.create,
    "createVideoGeneration": lambda c: c.videos.generate,
    "listSubAccounts": lambda c: c.sub_accounts.list,
    "retrieveUsageByTag": lambda c: c.usage.by_tag,
    "retrieveJob": lambda c: c.jobs.retrieve,
    "retrieveSubAccount": lambda c: c.sub_accounts.retrieve,
    "retrieveEval": lambda c: c.evals.retrieve,
    "retrieveModel": lambda c: c.models.retrieve,
    "downloadFile": lambda c: c.files.download,
}


class _Reached(Exception):
    pass


@pytest.mark.parametrize("case", cases("inputs"))
def test_input_vector(case: dict[str, Any]) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise _Reached

    client = AIgateway(
        api_key="sk-aig-conformance-0000",
        max_retries=0,
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
    )
    method = CALLS[case["operation"]](client)
    params = dict(case.get("body") or case.get("query") or {})
    args = list((case.get("path_params") or {}).values())  # the id, slug or file path argument
    expect = case["expect"]
    if expect.get("sent"):
        with pytest.raises(_Reached):
            method(*args, **params)
        return
    missing = [p for p in (expect["param"],) if p and p not in params and case["name"].find("without") >= 0]
    if missing:
        # A required parameter is a required keyword argument: Python refuses the call before
        # anything is sent, naming it (and pyright flags it before the code runs).
        with pytest.raises(TypeError, match=f"'{missing[0]}'"):
            method(**params)
        return
    with pytest.raises(aigateway.InputValidationError) as info:
        method(*args, **params)
    assert [issue.path for issue in info.value.issues] == [expect["param"]]

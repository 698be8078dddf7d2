from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from aigateway import EvalFailedError, JobFailedError, JobTimeoutError

from .conftest import Client, collect, run


async def test_jobs_wait_reports_progress_and_completes(client: Client) -> None:
    job = await run(client.videos.generate(model="runwayml/gen-4", prompt="a sunset", duration=1))
    assert job.status == "queued"
    seen: list[int] = []
    done = await run(job.wait(timeout=30, poll_interval=0.02, on_progress=lambda j: seen.append(j.progress)))
    assert done.status == "completed"
    assert seen[-1] == 100
    assert done.result_url
    again = await run(client.jobs.wait(job.id, poll_interval=0.02))
    assert again.id == job.id
    file = await run(client.files.download(done.result_url))
    assert file.content[4:8] == b"ftyp"
    assert file.content_type == "video/mp4"


async def test_a_failed_job_raises_job_failed_with_the_reason(client: Client) -> None:
    job = await run(
        client.audio.music.generate(model="suno/v5", prompt="x", extra_headers={"x-aig-fault": "job=fail"})
    )
    with pytest.raises(JobFailedError) as info:
        await run(job.wait(poll_interval=0.02))
    assert info.value.code == "provider_error"
    assert info.value.job.status == "failed"


async def test_waiting_longer_than_timeout_raises_job_timeout_with_the_last_snapshot(client: Client) -> None:
    job = await run(client.audio.music.generate(model="suno/v5", prompt="a long song", duration=600))
    with pytest.raises(JobTimeoutError) as info:
        await run(client.jobs.wait(job.id, timeout=0.05, poll_interval=0.02))
    assert info.value.id == job.id


async def test_sub_accounts_crud_and_auto_pagination(client: Client) -> None:
    prefix = uuid.uuid4().hex[:6]
    created = [
        await run(client.sub_accounts.create(name=f"{prefix}-{i}", metadata={"i": str(i)})) for i in range(3)
    ]
    assert all(s.key.startswith("sk-aig-sub-") for s in created)
    ids = [s.id for s in await collect(client.sub_accounts.list(limit=1))]
    assert {s.id for s in created} <= set(ids)
    first = await run(client.sub_accounts.list(limit=1))
    assert len(first.data) == 1
    assert first.has_more
    got = await run(client.sub_accounts.retrieve(created[0].id))
    assert got.metadata == {"i": "0"}
    deleted = await run(client.sub_accounts.delete(created[0].id))
    assert deleted.deleted is True


async def test_evals_create_wait_and_route_to_the_winner(client: Client) -> None:
    run_ = await run(
        client.evals.create(
            name="summarize",
            candidate_models=["anthropic/claude-opus-4.7", "moonshot/kimi-k2.6"],
            dataset=[{"input": "Summarize: the sky is blue.", "expected": "blue"}],
            metric="contains",
        )
    )
    done = await run(client.evals.wait(run_.id, poll_interval=0.02))
    assert done.winner in ("anthropic/claude-opus-4.7", "moonshot/kimi-k2.6")
    answer = await run(
        client.chat.completions.create(model=done.alias, messages=[{"role": "user", "content": "hi"}])
    )
    assert answer.model == done.winner
    assert any(r.id == run_.id for r in await collect(client.evals.list(limit=5)))


async def test_a_failed_eval_raises_eval_failed(client: Client) -> None:
    run_ = await run(
        client.evals.create(
            name="fails",
            candidate_models=["anthropic/claude-opus-4.7", "moonshot/kimi-k2.6"],
            dataset=[{"input": "x"}],
            metric="quality",
            extra_headers={"x-aig-fault": "eval=fail"},
        )
    )
    with pytest.raises(EvalFailedError) as info:
        await run(client.evals.wait(run_.id, poll_interval=0.02))
    assert info.value.reason


async def test_replays_usage_and_signed_urls(client: Client) -> None:
    tagged = client.with_options(tag="replay-test")
    completion = await run(
        tagged.chat.completions.create(model="openai/gpt-5.4", messages=[{"role": "user", "content": "hi"}])
    )
    replay = await run(
        client.replays.create(source_request_id=completion._request_id, target_model="moonshot/kimi-k2.6")
    )
    assert replay.target_model == "moonshot/kimi-k2.6"
    usage = await run(client.usage.by_tag())
    assert any(row.tag == "replay-test" for row in usage.data)
    job = await run(client.videos.generate(model="runwayml/gen-4", prompt="signed", duration=1))
    done = await run(job.wait(poll_interval=0.02))
    path = done.result_url.split("/v1/files/")[1].split("?")[0]
    signed = await run(client.files.create_signed_url(path=path, expires_in=60))
    keyless = client.with_options(api_key="sk-aig-not-the-key-000000")
    assert (await run(keyless.files.download(signed.url))).content[4:8] == b"ftyp"


async def test_every_inference_endpoint(client: Client, tmp_path: Path) -> None:
    emb = await run(client.embeddings.create(model="baai/bge-m3", input=["a", "b"]))
    assert len(emb.data) == 2
    img = await run(
        client.images.generate(
            model="black-forest-labs/flux-1-schnell", prompt="a lighthouse", response_format="b64_json"
        )
    )
    assert img.data[0].b64_json
    speech = await run(
        client.audio.speech.create(
            model="deepgram/aura-2-en", input="hello world", voice="asteria", response_format="wav"
        )
    )
    target = tmp_path / "hello.wav"
    speech.write_to_file(target)
    text = await run(client.audio.transcriptions.create(model="openai/whisper-large-v3-turbo", file=target))
    assert text.text == "hello world"
    plain = await run(
        client.audio.transcriptions.create(
            model="openai/whisper-large-v3-turbo", file=target.read_bytes(), response_format="text"
        )
    )
    assert plain.strip() == "hello world"
    with target.open("rb") as handle:
        verbose = await run(
            client.audio.transcriptions.create(
                model="openai/whisper-large-v3-turbo", file=handle, response_format="verbose_json"
            )
        )
    assert verbose.segments
    mod = await run(client.moderations.create(input="I will kill you"))
    assert mod.results[0].flagged
    tr = await run(
        client.translations.create(model="meta/m2m100-1.2b", input="Bonjour", target_language="en")
    )
    assert tr.data[0].text
    cl = await run(
        client.classifications.create(model="huggingface/distilbert-sst-2", input=["great!", "awful"])
    )
    assert len(cl.data) == 2
    ocr = await run(
        client.ocr.create(model="microsoft/trocr-base-printed", image="https://example.com/receipt.png")
    )
    assert ocr.text
    det = await run(
        client.detections.create(
            model="facebook/detr-resnet-50", image="https://example.com/cat.png", threshold=0.1
        )
    )
    assert det.object == "detection"
    rr = await run(
        client.rerank.create(
            model="baai/bge-reranker-base",
            query="refund policy",
            documents=["refund policy details", "shipping"],
            top_n=1,
        )
    )
    assert rr.results[0].index == 0
    model = await run(client.models.retrieve("anthropic/claude-sonnet-4.6"))
    assert model.id == "anthropic/claude-sonnet-4.6"

# A user's code, type-checked by pyright (strict, Python 3.10) and run by tests/test_typing.py:
# every public type of aigateway-py used as the README shows it. A wrong annotation in the SDK
# fails pyright here.
from __future__ import annotations

import asyncio
from typing import Any

from aigateway import (
    AIgateway,
    AIgatewayError,
    APIConnectionError,
    APIResponse,
    APIStatusError,
    AsyncAIgateway,
    AsyncBinaryResponse,
    AsyncChatCompletionStream,
    AsyncJobHandle,
    AsyncPage,
    AsyncPaginator,
    BudgetExceededError,
    ChatCompletionStream,
    InputIssue,
    InputValidationError,
    JobHandle,
    ModelNotFoundError,
    RateLimitError,
    SyncPage,
    WebhookEvent,
    sign_webhook,
    verify_webhook,
)
from aigateway.types import ChatCompletion, Job, SubAccount, Usage


def sync_main(base_url: str, api_key: str, secret: str) -> list[str]:
    seen: list[str] = []
    with AIgateway(base_url=base_url, api_key=api_key) as client:
        completion: ChatCompletion = client.chat.completions.create(
            model="openai/gpt-5.4", messages=[{"role": "user", "content": "hi"}]
        )
        seen.append(completion.choices[0].message.content or "")
        stream: ChatCompletionStream = client.chat.completions.create(
            model="openai/gpt-5.4", messages=[{"role": "user", "content": "hi"}], stream=True
        )
        with stream:
            for chunk in stream:
                seen.append(chunk.choices[0].delta.content or "" if chunk.choices else "")
        usage: Usage | None = stream.usage
        seen.append(str(usage.total_tokens if usage else 0))
        job: JobHandle = client.videos.generate(model="runwayml/gen-4", prompt="a sunset", duration=1)
        done: Job = job.wait(timeout=60, poll_interval=0.05, on_progress=lambda j: seen.append(j.status))
        seen.append(done.status)
        page: SyncPage[SubAccount] = client.sub_accounts.list(limit=10)
        seen.extend(s.id for s in page)
        try:
            client.models.retrieve("gpt-5.4")
        except ModelNotFoundError as err:
            seen.append(",".join(err.suggestions))
        except (BudgetExceededError, RateLimitError) as err:
            seen.append(str(err.request_id))
    delivery = sign_webhook(done.to_dict(), secret)
    event: WebhookEvent = verify_webhook(delivery.body, delivery.headers, secret)
    if event.type == "job.completed":
        seen.append(event.data.result_url)
    else:
        seen.append(event.data.error.message)
    return seen


async def async_main(base_url: str, api_key: str) -> str:
    async with AsyncAIgateway(base_url=base_url, api_key=api_key) as client:
        completion = await client.chat.completions.create(
            model="openai/gpt-5.4", messages=[{"role": "user", "content": "hi"}]
        )
        stream: AsyncChatCompletionStream = await client.chat.completions.create(
            model="openai/gpt-5.4", messages=[{"role": "user", "content": "hi"}], stream=True
        )
        async with stream:
            chunks = [chunk async for chunk in stream]
        final: ChatCompletion = await stream.get_final_completion()
        paginator: AsyncPaginator[SubAccount] = client.sub_accounts.list(limit=1)
        first: AsyncPage[SubAccount] = await paginator
        ids = [s.id async for s in client.sub_accounts.list(limit=1)]
        job: AsyncJobHandle = await client.audio.music.generate(model="suno/v5", prompt="lofi")
        done: Job = await job.wait(poll_interval=0.05)
        audio: AsyncBinaryResponse = await client.audio.speech.create(
            model="deepgram/aura-2-en", input="hi", voice="asteria", response_format="wav"
        )
        raw: APIResponse[Any] = await client.models.with_raw_response.list()
        try:
            await client.videos.generate(model="runwayml/gen-4", prompt="x", duration=0)
        except InputValidationError as err:
            issue: InputIssue = err.issues[0]
            assert issue.path == "duration"
        try:
            await client.jobs.retrieve("job_missing")
        except APIStatusError as err:
            status: int = err.status_code
            assert status == 404
        except (APIConnectionError, AIgatewayError):
            raise
        return (
            f"{completion.choices[0].message.content} {len(first.data)} {len(ids)} {len(chunks) > 0} "
            f"{final.choices[0].finish_reason} {done.status} {len(audio.content) > 0} {raw.request_id is not None}"
        )


if __name__ == "__main__":
    import os
    import sys

    print(sync_main(os.environ["AIGATEWAY_BASE_URL"], os.environ["AIGATEWAY_API_KEY"], sys.argv[1]))
    print(asyncio.run(async_main(os.environ["AIGATEWAY_BASE_URL"], os.environ["AIGATEWAY_API_KEY"])))

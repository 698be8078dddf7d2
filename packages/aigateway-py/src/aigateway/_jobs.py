# Async jobs (video, music, 3D) and eval runs: handles that are the snapshot plus `wait()`, and the
# poll loop (backoff ×1.5 from 1 s up to 10 s, honouring Retry-After, ending promptly on timeout).
from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import PrivateAttr
from typing_extensions import override

from ._exceptions import EvalFailedError, JobFailedError, JobTimeoutError
from ._response import APIResponse
from .types import EvalRun, Job

if TYPE_CHECKING:
    from ._client import AIgateway, AsyncAIgateway

__all__ = ["AsyncJobHandle", "JobHandle", "async_poll_until_settled", "poll_until_settled"]

_S = TypeVar("_S", Job, EvalRun)

POLL_INITIAL = 1.0
POLL_FACTOR = 1.5
POLL_MAX = 10.0
DEFAULT_WAIT_TIMEOUT = 600.0


def _settled(snapshot: Job | EvalRun) -> bool:
    if snapshot.status == "failed":
        raise JobFailedError(snapshot) if isinstance(snapshot, Job) else EvalFailedError(snapshot)
    return snapshot.status == "completed"


class _Schedule:
    """The pure part of polling: the next delay and the deadline."""

    def __init__(self, timeout: float | None, poll_interval: float | None, polled_once: bool) -> None:
        self.timeout = DEFAULT_WAIT_TIMEOUT if timeout is None else timeout
        interval = POLL_INITIAL if poll_interval is None else poll_interval
        self.cap = max(POLL_MAX, interval)
        self.delay = interval if polled_once else 0.0
        self.backoff = min(interval * POLL_FACTOR, self.cap) if polled_once else interval
        self.deadline = time.monotonic() + self.timeout

    def next_delay(self) -> float | None:
        """Seconds to sleep before the next poll, or None if the deadline comes first."""
        left = self.deadline - time.monotonic()
        if left <= 0 or self.delay > left:
            return None
        return self.delay

    def after_poll(self, retry_after: float | None) -> None:
        if retry_after is not None:
            self.delay = min(retry_after, self.cap)
        else:
            self.delay = self.backoff
            self.backoff = min(self.backoff * POLL_FACTOR, self.cap)


def _retry_after(raw: APIResponse[Any]) -> float | None:
    from ._retry import parse_retry_after

    return parse_retry_after(raw.headers)


def poll_until_settled(
    id: str,
    fetch: Callable[[], APIResponse[_S]],
    initial: _S | None,
    *,
    timeout: float | None,
    poll_interval: float | None,
    on_progress: Callable[[_S], object] | None,
) -> _S:
    """Polls until `completed` (returns it) or `failed` (raises JobFailedError / EvalFailedError)."""
    snapshot = initial
    if snapshot is not None and _settled(snapshot):
        return snapshot
    schedule = _Schedule(timeout, poll_interval, snapshot is not None)
    while True:
        delay = schedule.next_delay()
        if delay is None:
            raise JobTimeoutError(id, schedule.timeout, snapshot)
        if delay:
            time.sleep(delay)
        raw = fetch()
        snapshot = raw.parse()
        if on_progress is not None:
            on_progress(snapshot)
        if _settled(snapshot):
            return snapshot
        schedule.after_poll(_retry_after(raw))


async def async_poll_until_settled(
    id: str,
    fetch: Callable[[], Awaitable[APIResponse[_S]]],
    initial: _S | None,
    *,
    timeout: float | None,
    poll_interval: float | None,
    on_progress: Callable[[_S], object] | None,
) -> _S:
    """The async twin of `poll_until_settled`; `on_progress` may be a coroutine function."""
    snapshot = initial
    if snapshot is not None and _settled(snapshot):
        return snapshot
    schedule = _Schedule(timeout, poll_interval, snapshot is not None)
    while True:
        delay = schedule.next_delay()
        if delay is None:
            raise JobTimeoutError(id, schedule.timeout, snapshot)
        if delay:
            await asyncio.sleep(delay)
        raw = await fetch()
        snapshot = raw.parse()
        if on_progress is not None:
            result = on_progress(snapshot)
            if asyncio.iscoroutine(result):
                await result
        if _settled(snapshot):
            return snapshot
        schedule.after_poll(_retry_after(raw))


class JobHandle(Job):
    """A job just created: every `Job` field, plus `wait()` and `refresh()`.

    ```python
    job = client.videos.generate(model="runwayml/gen-4", prompt="a sunset", duration=5)
    done = job.wait(timeout=600, on_progress=lambda j: print(j.status, j.progress))
    ```
    """

    _client: AIgateway | None = PrivateAttr(default=None)

    @override
    def _on_response(self, request_id: str | None, client: AIgateway) -> None:
        super()._on_response(request_id, client)
        self._client = client

    def wait(
        self,
        *,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[Job], object] | None = None,
    ) -> Job:
        """Polls `GET /v1/jobs/{id}` until the job settles and returns the completed snapshot.

        Raises `JobFailedError` when it fails, `JobTimeoutError` after `timeout` seconds (default 600).
        """
        client = _bound(self._client)
        return client.jobs._wait(
            self.id, Job.model_validate(self.to_dict()), timeout, poll_interval, on_progress
        )

    def refresh(self) -> JobHandle:
        """The current snapshot, as a new handle."""
        client = _bound(self._client)
        handle = JobHandle.model_validate(client.jobs.retrieve(self.id).to_dict())
        handle._client = client
        return handle


class AsyncJobHandle(Job):
    """The async client's job handle: `await job.wait(...)`."""

    _client: AsyncAIgateway | None = PrivateAttr(default=None)

    @override
    def _on_response(self, request_id: str | None, client: AsyncAIgateway) -> None:
        super()._on_response(request_id, client)
        self._client = client

    async def wait(
        self,
        *,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[Job], object] | None = None,
    ) -> Job:
        """Polls until the job settles; see `JobHandle.wait`."""
        client = _bound(self._client)
        return await client.jobs._wait(
            self.id, Job.model_validate(self.to_dict()), timeout, poll_interval, on_progress
        )

    async def refresh(self) -> AsyncJobHandle:
        client = _bound(self._client)
        handle = AsyncJobHandle.model_validate((await client.jobs.retrieve(self.id)).to_dict())
        handle._client = client
        return handle


_C = TypeVar("_C")


def _bound(client: _C | None) -> _C:
    if client is None:
        from ._exceptions import AIgatewayError

        raise AIgatewayError(
            "This job handle is not bound to a client; use client.jobs.wait(job.id) instead."
        )
    return client

from __future__ import annotations

from collections.abc import Callable

from .._jobs import poll_until_settled
from .._resource import SyncAPIResource, operation
from .._response import APIResponse
from .._types import NOT_GIVEN, Headers, NotGiven, Query, Timeout
from ..types import Job
from .models import _non_empty  # pyright: ignore[reportPrivateUsage]

__all__ = ["Jobs"]


class Jobs(SyncAPIResource):
    def retrieve(
        self,
        id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Job:
        """The current snapshot of an async job (`GET /v1/jobs/{id}`)."""
        return self._client._request(
            operation(
                "retrieveJob",
                "jobs.retrieve",
                path_params={"id": _non_empty(id, "id", "jobs.retrieve")},
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
            ),
            Job,
        )

    def wait(
        self,
        id: str,
        *,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[Job], object] | None = None,
    ) -> Job:
        """Polls a job until it settles (1 s, then ×1.5 up to 10 s, honouring Retry-After) and returns
        the completed snapshot. Raises `JobFailedError` if it fails and `JobTimeoutError` after
        `timeout` seconds (default 600)."""
        return self._wait(id, None, timeout, poll_interval, on_progress)

    def _wait(
        self,
        id: str,
        initial: Job | None,
        timeout: float | None,
        poll_interval: float | None,
        on_progress: Callable[[Job], object] | None,
    ) -> Job:
        _non_empty(id, "id", "jobs.wait")
        return poll_until_settled(
            id,
            lambda: self._retrieve_raw(id),
            initial,
            timeout=timeout,
            poll_interval=poll_interval,
            on_progress=on_progress,
        )

    def _retrieve_raw(self, id: str) -> APIResponse[Job]:
        return self._client._request_raw(
            operation("retrieveJob", "jobs.wait", path_params={"id": id}, timeout=NOT_GIVEN), Job
        )

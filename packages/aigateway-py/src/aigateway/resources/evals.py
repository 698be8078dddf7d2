from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Literal

from .._jobs import poll_until_settled
from .._pagination import SyncPage
from .._resource import SyncAPIResource, operation
from .._response import APIResponse
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout
from ..types import EvalList, EvalRun
from ..types.params import EvalDatasetItem
from .models import _non_empty  # pyright: ignore[reportPrivateUsage]

__all__ = ["Evals"]


class Evals(SyncAPIResource):
    """Grade candidate models on your dataset; route with `model=run.alias` (`eval:<id>`) to the winner."""

    def create(
        self,
        *,
        name: str,
        candidate_models: Sequence[str],
        dataset: Iterable[EvalDatasetItem],
        metric: Literal["quality", "exact_match", "contains", "latency", "cost"],
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> EvalRun:
        """Starts an eval run (`POST /v1/evals`); `evals.wait(run.id)` for its winner."""
        return self._client._request(
            operation(
                "createEval",
                "evals.create",
                body={
                    "name": name,
                    "candidate_models": list(candidate_models),
                    "dataset": list(dataset),
                    "metric": metric,
                },
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                idempotency_key=idempotency_key,
            ),
            EvalRun,
        )

    def retrieve(
        self,
        id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> EvalRun:
        """An eval run with its scores and winner (`GET /v1/evals/{id}`)."""
        return self._client._request(
            operation(
                "retrieveEval",
                "evals.retrieve",
                path_params={"id": _non_empty(id, "id", "evals.retrieve")},
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
            ),
            EvalRun,
        )

    def list(
        self,
        *,
        limit: int | NotGiven = NOT_GIVEN,
        starting_after: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SyncPage[EvalRun]:
        """Eval runs, newest first. Iterating the result walks every page."""
        return self._client._get_api_list(
            operation(
                "listEvals",
                "evals.list",
                query={"limit": limit, "starting_after": starting_after},
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
            ),
            EvalList,
        )

    def wait(
        self,
        id: str,
        *,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[EvalRun], object] | None = None,
    ) -> EvalRun:
        """Polls a run until it completes and returns it (scores, winner). Raises `EvalFailedError`
        if it fails and `JobTimeoutError` after `timeout` seconds (default 600)."""
        _non_empty(id, "id", "evals.wait")
        return poll_until_settled(
            id,
            lambda: self._retrieve_raw(id),
            None,
            timeout=timeout,
            poll_interval=poll_interval,
            on_progress=on_progress,
        )

    def _retrieve_raw(self, id: str) -> APIResponse[EvalRun]:
        return self._client._request_raw(
            operation("retrieveEval", "evals.wait", path_params={"id": id}, timeout=NOT_GIVEN), EvalRun
        )

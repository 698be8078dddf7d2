from __future__ import annotations

from collections.abc import Sequence

from .._resource import SyncAPIResource, operation
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout
from ..types import ModerationResponse

__all__ = ["Moderations"]


class Moderations(SyncAPIResource):
    def create(
        self,
        *,
        input: str | Sequence[str],
        model: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> ModerationResponse:
        """Classifies text for harm (`POST /v1/moderations`); `model` defaults to `meta/llama-guard-3-8b`."""
        return self._client._request(
            operation(
                "createModeration",
                "moderations.create",
                body={"model": model, "input": input},
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                idempotency_key=idempotency_key,
            ),
            ModerationResponse,
        )

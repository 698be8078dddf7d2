from __future__ import annotations

from .._resource import SyncAPIResource, operation
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout
from ..types import Replay

__all__ = ["Replays"]


class Replays(SyncAPIResource):
    def create(
        self,
        *,
        source_request_id: str,
        target_model: str,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> Replay:
        """Re-runs a past request (by its request id) on another model (`POST /v1/replays`)."""
        return self._client._request(
            operation(
                "createReplay",
                "replays.create",
                body={"source_request_id": source_request_id, "target_model": target_model},
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                idempotency_key=idempotency_key,
            ),
            Replay,
        )

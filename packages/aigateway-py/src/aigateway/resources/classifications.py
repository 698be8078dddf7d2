from __future__ import annotations

from collections.abc import Sequence

from .._resource import SyncAPIResource, operation
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout
from ..types import ClassificationResponse

__all__ = ["Classifications"]


class Classifications(SyncAPIResource):
    def create(
        self,
        *,
        model: str,
        input: str | Sequence[str],
        labels: Sequence[str] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> ClassificationResponse:
        """Classifies text, by sentiment or into your `labels` (`POST /v1/classifications`)."""
        return self._client._request(
            operation(
                "createClassification",
                "classifications.create",
                body={"model": model, "input": input, "labels": labels},
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                idempotency_key=idempotency_key,
            ),
            ClassificationResponse,
        )

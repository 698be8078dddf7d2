from __future__ import annotations

from .._resource import SyncAPIResource, operation
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout
from ..types import DetectionResponse

__all__ = ["Detections"]


class Detections(SyncAPIResource):
    def create(
        self,
        *,
        model: str,
        image: str,
        threshold: float | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> DetectionResponse:
        """Detects objects in an image (`POST /v1/detections`)."""
        return self._client._request(
            operation(
                "createDetection",
                "detections.create",
                body={"model": model, "image": image, "threshold": threshold},
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                idempotency_key=idempotency_key,
            ),
            DetectionResponse,
        )

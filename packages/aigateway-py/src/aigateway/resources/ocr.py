from __future__ import annotations

from .._resource import SyncAPIResource, operation
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout
from ..types import OcrResponse

__all__ = ["OCR"]


class OCR(SyncAPIResource):
    def create(
        self,
        *,
        model: str,
        image: str,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> OcrResponse:
        """Reads the text in an image (URL, `data:` URL or base64) (`POST /v1/ocr`)."""
        return self._client._request(
            operation(
                "createOcr",
                "ocr.create",
                body={"model": model, "image": image},
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                idempotency_key=idempotency_key,
            ),
            OcrResponse,
        )

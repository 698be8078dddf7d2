from __future__ import annotations

from typing import Literal

from .._resource import SyncAPIResource, operation
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout
from ..types import ImagesResponse

__all__ = ["Images"]


class Images(SyncAPIResource):
    def generate(
        self,
        *,
        model: str,
        prompt: str,
        n: int | NotGiven | None = NOT_GIVEN,
        size: str | NotGiven | None = NOT_GIVEN,
        response_format: Literal["url", "b64_json"] | NotGiven | None = NOT_GIVEN,
        quality: str | NotGiven | None = NOT_GIVEN,
        style: Literal["vivid", "natural"] | NotGiven | None = NOT_GIVEN,
        output_format: Literal["png", "jpeg", "webp"] | NotGiven | None = NOT_GIVEN,
        user: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> ImagesResponse:
        """Generates images (`POST /v1/images/generations`); `response_format="b64_json"` inlines them."""
        return self._client._request(
            operation(
                "createImage",
                "images.generate",
                body={
                    "model": model,
                    "prompt": prompt,
                    "n": n,
                    "size": size,
                    "response_format": response_format,
                    "quality": quality,
                    "style": style,
                    "output_format": output_format,
                    "user": user,
                },
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                idempotency_key=idempotency_key,
            ),
            ImagesResponse,
        )

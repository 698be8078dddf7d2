from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from .._resource import SyncAPIResource, operation
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout
from ..types import CreateEmbeddingResponse

__all__ = ["Embeddings"]


class Embeddings(SyncAPIResource):
    def create(
        self,
        *,
        model: str,
        input: str | Sequence[str] | Sequence[int] | Sequence[Sequence[int]],
        encoding_format: Literal["float", "base64"] | NotGiven = NOT_GIVEN,
        dimensions: int | NotGiven = NOT_GIVEN,
        user: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> CreateEmbeddingResponse:
        """Embeds text (`POST /v1/embeddings`), OpenAI's shape."""
        return self._client._request(
            operation(
                "createEmbedding",
                "embeddings.create",
                body={
                    "model": model,
                    "input": input,
                    "encoding_format": encoding_format,
                    "dimensions": dimensions,
                    "user": user,
                },
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                idempotency_key=idempotency_key,
            ),
            CreateEmbeddingResponse,
        )

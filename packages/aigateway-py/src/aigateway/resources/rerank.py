from __future__ import annotations

from collections.abc import Sequence

from .._resource import SyncAPIResource, operation
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout
from ..types import RerankResponse
from ..types.params import RerankDocument

__all__ = ["Rerank"]


class Rerank(SyncAPIResource):
    def create(
        self,
        *,
        model: str,
        query: str,
        documents: Sequence[str] | Sequence[RerankDocument],
        top_n: int | NotGiven = NOT_GIVEN,
        return_documents: bool | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> RerankResponse:
        """Orders `documents` by relevance to `query` (`POST /v1/rerank`)."""
        return self._client._request(
            operation(
                "createRerank",
                "rerank.create",
                body={
                    "model": model,
                    "query": query,
                    "documents": documents,
                    "top_n": top_n,
                    "return_documents": return_documents,
                },
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                idempotency_key=idempotency_key,
            ),
            RerankResponse,
        )

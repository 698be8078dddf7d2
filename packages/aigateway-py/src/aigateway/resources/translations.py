from __future__ import annotations

from collections.abc import Sequence

from .._resource import SyncAPIResource, operation
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout
from ..types import TranslationResponse

__all__ = ["Translations"]


class Translations(SyncAPIResource):
    def create(
        self,
        *,
        model: str,
        input: str | Sequence[str],
        target_language: str,
        source_language: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> TranslationResponse:
        """Translates text (`POST /v1/translations`)."""
        return self._client._request(
            operation(
                "createTranslation",
                "translations.create",
                body={
                    "model": model,
                    "input": input,
                    "target_language": target_language,
                    "source_language": source_language,
                },
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                idempotency_key=idempotency_key,
            ),
            TranslationResponse,
        )

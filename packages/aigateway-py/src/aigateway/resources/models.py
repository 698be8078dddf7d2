from __future__ import annotations

from .._resource import SyncAPIResource, operation
from .._types import NOT_GIVEN, Headers, NotGiven, Query, Timeout
from ..types import Model, ModelList

__all__ = ["Models"]


class Models(SyncAPIResource):
    def list(
        self,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ModelList:
        """The catalog (`GET /v1/models`): every model with modality, pricing and capabilities."""
        return self._client._request(
            operation(
                "listModels",
                "models.list",
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
            ),
            ModelList,
        )

    def retrieve(
        self,
        model: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Model:
        """One model by slug (`GET /v1/models/{provider}/{name}`; the slash is kept)."""
        return self._client._request(
            operation(
                "retrieveModel",
                "models.retrieve",
                path_params={"model": _non_empty(model, "model", "models.retrieve")},
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
            ),
            Model,
        )


def _non_empty(value: str, name: str, method: str) -> str:
    from .._exceptions import InputIssue, InputValidationError

    if not isinstance(value, str) or not value:  # pyright: ignore[reportUnnecessaryIsInstance]
        raise InputValidationError(method, [InputIssue(name, "must be a non-empty string")])
    return value

from __future__ import annotations

from .._resource import SyncAPIResource, operation
from .._types import NOT_GIVEN, Headers, NotGiven, Query, Timeout
from ..types import UsageByTag

__all__ = ["Usage"]


class Usage(SyncAPIResource):
    def by_tag(
        self,
        *,
        month: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> UsageByTag:
        """Spend per `x-aig-tag` for a month (`YYYY-MM`, default the current one), scoped to the calling key."""
        return self._client._request(
            operation(
                "retrieveUsageByTag",
                "usage.by_tag",
                query={"month": month},
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
            ),
            UsageByTag,
        )

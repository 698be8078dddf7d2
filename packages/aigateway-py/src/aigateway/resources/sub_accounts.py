from __future__ import annotations

from collections.abc import Mapping

from .._pagination import SyncPage
from .._resource import SyncAPIResource, operation
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout
from ..types import DeletedSubAccount, SubAccount, SubAccountList, SubAccountWithKey
from .models import _non_empty  # pyright: ignore[reportPrivateUsage]

__all__ = ["SubAccounts"]


class SubAccounts(SyncAPIResource):
    """Per-customer keys with their own spend cap, rate limit and usage. Needs the top-level key."""

    def create(
        self,
        *,
        name: str,
        spend_cap_cents: int | NotGiven | None = NOT_GIVEN,
        rate_limit_rpm: int | NotGiven | None = NOT_GIVEN,
        default_tag: str | NotGiven | None = NOT_GIVEN,
        metadata: Mapping[str, str] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> SubAccountWithKey:
        """Creates a sub-account (`POST /v1/sub-accounts`); its `key` is shown only this once.

        ```python
        sub = client.sub_accounts.create(name="customer-123", spend_cap_cents=10_000, default_tag="customer-123")
        customer = client.with_options(api_key=sub.key)
        ```
        """
        return self._client._request(
            operation(
                "createSubAccount",
                "sub_accounts.create",
                body={
                    "name": name,
                    "spend_cap_cents": spend_cap_cents,
                    "rate_limit_rpm": rate_limit_rpm,
                    "default_tag": default_tag,
                    "metadata": metadata,
                },
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                idempotency_key=idempotency_key,
            ),
            SubAccountWithKey,
        )

    def list(
        self,
        *,
        limit: int | NotGiven = NOT_GIVEN,
        starting_after: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SyncPage[SubAccount]:
        """Sub-accounts, newest first. Iterating the result walks every page (`limit` per request)."""
        return self._client._get_api_list(
            operation(
                "listSubAccounts",
                "sub_accounts.list",
                query={"limit": limit, "starting_after": starting_after},
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
            ),
            SubAccountList,
        )

    def retrieve(
        self,
        id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SubAccount:
        """A sub-account with this month's spend."""
        return self._client._request(
            operation(
                "retrieveSubAccount",
                "sub_accounts.retrieve",
                path_params={"id": _non_empty(id, "id", "sub_accounts.retrieve")},
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
            ),
            SubAccount,
        )

    def update(
        self,
        id: str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        spend_cap_cents: int | NotGiven | None = NOT_GIVEN,
        rate_limit_rpm: int | NotGiven | None = NOT_GIVEN,
        default_tag: str | NotGiven | None = NOT_GIVEN,
        metadata: Mapping[str, str] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SubAccount:
        """Changes a sub-account (`PATCH`); `None` clears a cap, limit or default tag — e.g. raise
        `spend_cap_cents` after a `BudgetExceededError`."""
        return self._client._request(
            operation(
                "updateSubAccount",
                "sub_accounts.update",
                path_params={"id": _non_empty(id, "id", "sub_accounts.update")},
                body={
                    "name": name,
                    "spend_cap_cents": spend_cap_cents,
                    "rate_limit_rpm": rate_limit_rpm,
                    "default_tag": default_tag,
                    "metadata": metadata,
                },
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
            ),
            SubAccount,
        )

    def delete(
        self,
        id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> DeletedSubAccount:
        """Deletes a sub-account; its key stops working."""
        return self._client._request(
            operation(
                "deleteSubAccount",
                "sub_accounts.delete",
                path_params={"id": _non_empty(id, "id", "sub_accounts.delete")},
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
            ),
            DeletedSubAccount,
        )

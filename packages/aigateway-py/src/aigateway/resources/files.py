from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from .._base_client import RequestOptions
from .._resource import SyncAPIResource, operation
from .._response import BinaryResponse
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout
from ..types import SignedUrl
from .models import _non_empty  # pyright: ignore[reportPrivateUsage]

__all__ = ["Files"]


class Files(SyncAPIResource):
    def download(
        self,
        url_or_path: str,
        *,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> BinaryResponse:
        """Downloads a stored file: a job's `result_url`, a signed URL, or a path such as
        `jobs/job_abc/video.mp4`. Signed URLs and other hosts are fetched without your key; paths and
        unsigned gateway URLs with it.

        ```python
        client.files.download(done.result_url).write_to_file("video.mp4")
        ```
        """
        value = _non_empty(url_or_path, "url_or_path", "files.download")
        if value.startswith(("http://", "https://")):
            url = urlsplit(value)
            base = urlsplit(self._client.base_url)
            same_origin = (url.scheme, url.netloc) == (base.scheme, base.netloc)
            auth = same_origin and "signature" not in parse_qs(url.query)
            return self._client._binary(
                RequestOptions(
                    "GET",
                    value,
                    method_name="files.download",
                    extra_headers=extra_headers,
                    timeout=timeout,
                    auth=auth,
                    accept="*/*",
                )
            )
        path, _, query = value.partition("?")
        relative = path.lstrip("/").removeprefix("v1/").removeprefix("files/")
        options = operation(
            "downloadFile",
            "files.download",
            path_params={"path": relative},
            extra_headers=extra_headers,
            timeout=timeout,
            accept="*/*",
            auth="signature" not in parse_qs(query),
        )
        if query:
            options.path = f"{options.path}?{query}"
        return self._client._binary(options)

    def create_signed_url(
        self,
        *,
        path: str,
        expires_in: int | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> SignedUrl:
        """Mints a signed, expiring URL for a stored file (`POST /v1/files/signed-urls`), to hand to
        someone without a key."""
        return self._client._request(
            operation(
                "createSignedUrl",
                "files.create_signed_url",
                body={"path": path, "expires_in": expires_in},
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                idempotency_key=idempotency_key,
            ),
            SignedUrl,
        )

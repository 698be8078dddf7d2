from __future__ import annotations

from collections.abc import Mapping

from .._jobs import JobHandle
from .._resource import SyncAPIResource, operation
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout

__all__ = ["Videos"]


class Videos(SyncAPIResource):
    def generate(
        self,
        *,
        model: str,
        prompt: str,
        duration: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        image: str | NotGiven = NOT_GIVEN,
        webhook_url: str | NotGiven = NOT_GIVEN,
        metadata: Mapping[str, str] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> JobHandle:
        """Starts a video generation job (`POST /v1/videos/generations`, async).

        Returns a `JobHandle` as soon as the job is queued (202): the job snapshot plus
        `wait(timeout=, on_progress=)`. Pass `webhook_url` to be notified instead of polling.
        """
        return self._client._request(
            operation(
                "createVideoGeneration",
                "videos.generate",
                body={
                    "model": model,
                    "prompt": prompt,
                    "duration": duration,
                    "aspect_ratio": aspect_ratio,
                    "image": image,
                    "webhook_url": webhook_url,
                    "metadata": metadata,
                },
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                idempotency_key=idempotency_key,
            ),
            JobHandle,
        )

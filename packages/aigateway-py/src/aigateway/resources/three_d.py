from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from .._exceptions import InputIssue, InputValidationError
from .._jobs import JobHandle
from .._resource import SyncAPIResource, operation
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout

__all__ = ["ThreeD"]


class ThreeD(SyncAPIResource):
    def generate(
        self,
        *,
        model: str,
        prompt: str | NotGiven = NOT_GIVEN,
        image: str | NotGiven = NOT_GIVEN,
        format: Literal["glb", "obj"] | NotGiven = NOT_GIVEN,
        webhook_url: str | NotGiven = NOT_GIVEN,
        metadata: Mapping[str, str] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> JobHandle:
        """Starts a 3D asset job (`POST /v1/3d/generations`, async) from `prompt`, `image` or both.

        Returns a `JobHandle` as soon as the job is queued (202): the job snapshot plus
        `wait(timeout=, on_progress=)`. Pass `webhook_url` to be notified instead of polling.
        """
        if isinstance(prompt, NotGiven) and isinstance(image, NotGiven):
            raise InputValidationError("three_d.generate", [InputIssue("", "give `prompt`, `image` or both")])
        return self._client._request(
            operation(
                "createThreeDGeneration",
                "three_d.generate",
                body={
                    "model": model,
                    "prompt": prompt,
                    "image": image,
                    "format": format,
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

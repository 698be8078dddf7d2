"""AIgateway for Python: every AI modality behind one OpenAI-compatible URL, async jobs, signed
webhooks, sub-accounts, evals and replays.

```python
from aigateway import AIgateway, AsyncAIgateway, verify_webhook
```

Names are loaded on first use, so `from aigateway import verify_webhook` in a webhook handler
imports neither httpx nor the HTTP client.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from ._client import AIgateway, AsyncAIgateway
    from ._exceptions import (
        AIgatewayError,
        APIConnectionError,
        APIError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        BudgetExceededError,
        ConfigurationError,
        ConflictError,
        EvalFailedError,
        InputIssue,
        InputValidationError,
        InternalServerError,
        JobFailedError,
        JobTimeoutError,
        ModelNotFoundError,
        NotFoundError,
        PartialStream,
        PermissionDeniedError,
        ProviderError,
        RateLimitError,
        StreamIdleTimeoutError,
        StreamInterruptedError,
    )
    from ._jobs import AsyncJobHandle, JobHandle
    from ._pagination import AsyncPage, AsyncPaginator, SyncPage
    from ._response import APIResponse, AsyncBinaryResponse, BinaryResponse
    from ._streaming import AsyncChatCompletionStream, AsyncStream, ChatCompletionStream, Stream
    from ._types import NOT_GIVEN, NotGiven
    from ._uploads import FileInput
    from ._webhooks import (
        JobCompletedWebhookEvent,
        JobFailedWebhookEvent,
        SignedWebhook,
        WebhookEvent,
        WebhookVerificationError,
        sign_webhook,
        verify_webhook,
    )

__all__ = [
    "NOT_GIVEN",
    "AIgateway",
    "AIgatewayError",
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIStatusError",
    "APITimeoutError",
    "AsyncAIgateway",
    "AsyncBinaryResponse",
    "AsyncChatCompletionStream",
    "AsyncJobHandle",
    "AsyncPage",
    "AsyncPaginator",
    "AsyncStream",
    "AuthenticationError",
    "BadRequestError",
    "BinaryResponse",
    "BudgetExceededError",
    "ChatCompletionStream",
    "ConfigurationError",
    "ConflictError",
    "EvalFailedError",
    "FileInput",
    "InputIssue",
    "InputValidationError",
    "InternalServerError",
    "JobCompletedWebhookEvent",
    "JobFailedError",
    "JobFailedWebhookEvent",
    "JobHandle",
    "JobTimeoutError",
    "ModelNotFoundError",
    "NotFoundError",
    "NotGiven",
    "PartialStream",
    "PermissionDeniedError",
    "ProviderError",
    "RateLimitError",
    "SignedWebhook",
    "Stream",
    "StreamIdleTimeoutError",
    "StreamInterruptedError",
    "SyncPage",
    "WebhookEvent",
    "WebhookVerificationError",
    "__version__",
    "sign_webhook",
    "verify_webhook",
]

_HOMES = {
    "AIgateway": "_client",
    "AsyncAIgateway": "_client",
    "JobHandle": "_jobs",
    "AsyncJobHandle": "_jobs",
    "SyncPage": "_pagination",
    "AsyncPage": "_pagination",
    "AsyncPaginator": "_pagination",
    "APIResponse": "_response",
    "BinaryResponse": "_response",
    "AsyncBinaryResponse": "_response",
    "Stream": "_streaming",
    "AsyncStream": "_streaming",
    "ChatCompletionStream": "_streaming",
    "AsyncChatCompletionStream": "_streaming",
    "NOT_GIVEN": "_types",
    "NotGiven": "_types",
    "FileInput": "_uploads",
    "JobCompletedWebhookEvent": "_webhooks",
    "JobFailedWebhookEvent": "_webhooks",
    "SignedWebhook": "_webhooks",
    "WebhookEvent": "_webhooks",
    "WebhookVerificationError": "_webhooks",
    "sign_webhook": "_webhooks",
    "verify_webhook": "_webhooks",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None and name in __all__:
        home = "_exceptions"
    if home is None:
        raise AttributeError(f"module 'aigateway' has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)

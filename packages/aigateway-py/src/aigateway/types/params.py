"""Request param types (`TypedDict`s generated from the API contract), for nested arguments such
as chat messages, tools and eval datasets."""

from typing import TypeAlias

from ._params import *  # noqa: F403
from ._params import (
    ChatAssistantMessage,
    ChatDeveloperMessage,
    ChatSystemMessage,
    ChatToolMessage,
    ChatUserMessage,
    NamedToolChoice,
    ResponseFormatJsonObject,
    ResponseFormatJsonSchema,
    ResponseFormatText,
)
from ._params import (
    ChatCompletionStreamOptions as ChatCompletionStreamOptions,
)
from ._params import (
    EvalDatasetItem as EvalDatasetItem,
)
from ._params import (
    RerankDocument as RerankDocument,
)
from ._params import (
    Tool as Tool,
)

ChatMessageParam: TypeAlias = (
    ChatSystemMessage | ChatDeveloperMessage | ChatUserMessage | ChatAssistantMessage | ChatToolMessage
)
"""One chat message: `{"role": "user", "content": "Hi"}` and the other roles."""

ResponseFormatParam: TypeAlias = ResponseFormatText | ResponseFormatJsonObject | ResponseFormatJsonSchema

ToolChoiceParam: TypeAlias = str | NamedToolChoice
"""`"none"`, `"auto"`, `"required"`, or `{"type": "function", "function": {"name": ...}}`."""

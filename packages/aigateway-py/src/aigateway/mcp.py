"""MCP: the gateway's MCP server (`/mcp`, one tool per capability) through the official `mcp`
package, an optional extra (`pip install "aigateway-py[mcp]"`).

```python
from aigateway import AsyncAIgateway
from aigateway.mcp import connect_mcp

async with connect_mcp(AsyncAIgateway()) as session:
    tools = await session.list_tools()
    result = await session.call_tool("list_models", {})
```
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from . import _wire
from ._exceptions import ConfigurationError

if TYPE_CHECKING:
    from mcp import ClientSession

    from ._base_client import BaseClient

__all__ = ["connect_mcp", "mcp_url"]


def mcp_url(base_url: str) -> str:
    """The MCP endpoint of a gateway: `https://api.aigateway.sh/v1` → `https://api.aigateway.sh/mcp`."""
    parts = urlsplit(base_url)
    prefix = parts.path.rstrip("/").removesuffix("/v1")
    return f"{parts.scheme}://{parts.netloc}{prefix}{_wire.MCP_PATH}"


@asynccontextmanager
async def connect_mcp(
    client: BaseClient[Any], *, tag: str | None = None
) -> AsyncGenerator[ClientSession, None]:
    """An initialised MCP `ClientSession` on the gateway of `client` (its key and base URL), over
    Streamable HTTP. `tag` is sent as `x-aig-tag` so tool calls are attributed to a feature."""
    try:
        from mcp import ClientSession
        from mcp.client import streamable_http
        from mcp.shared._httpx_utils import create_mcp_http_client
    except ImportError:
        raise ConfigurationError(
            'aigateway.mcp needs the official MCP client: pip install "aigateway-py[mcp]"'
        ) from None
    headers = {"authorization": f"Bearer {client.api_key}"}
    if tag is not None:
        headers[_wire.TAG_HEADER] = tag
    url = mcp_url(client.base_url)
    async with AsyncExitStack() as stack:
        # The transport takes a configured HTTP client (for the bearer key), which stays ours to close.
        http: Any = await stack.enter_async_context(create_mcp_http_client(headers=headers))
        streams = await stack.enter_async_context(
            streamable_http.streamable_http_client(url, http_client=http)
        )
        session = await stack.enter_async_context(ClientSession(streams[0], streams[1]))
        await session.initialize()
        yield session

from __future__ import annotations

from aigateway import AIgateway, AsyncAIgateway
from aigateway._wire import MCP_TOOLS
from aigateway.mcp import connect_mcp, mcp_url

from .conftest import Emulator


def test_the_mcp_url_is_beside_the_api_root() -> None:
    assert mcp_url("https://api.aigateway.sh/v1") == "https://api.aigateway.sh/mcp"
    assert mcp_url("http://127.0.0.1:4010/v1/") == "http://127.0.0.1:4010/mcp"


async def test_the_official_mcp_client_lists_and_calls_the_gateways_tools(emulator: Emulator) -> None:
    for client in (
        AsyncAIgateway(base_url=emulator.base_url, api_key=emulator.api_key),
        AIgateway(base_url=emulator.base_url, api_key=emulator.api_key),
    ):
        async with connect_mcp(client, tag="mcp-test") as session:
            tools = await session.list_tools()
            assert sorted(t.name for t in tools.tools) == sorted(MCP_TOOLS)
            result = await session.call_tool(
                "chat", {"model": "openai/gpt-5.4", "messages": [{"role": "user", "content": "hi"}]}
            )
            assert not result.is_error
            text = " ".join(getattr(part, "text", "") for part in result.content)
            assert "Emulated reply from openai/gpt-5.4" in text
            failed = await session.call_tool(
                "chat", {"model": "gpt-5.4", "messages": [{"role": "user", "content": "hi"}]}
            )
            assert failed.is_error
        if isinstance(client, AsyncAIgateway):
            await client.close()
        else:
            client.close()

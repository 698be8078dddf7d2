from __future__ import annotations

from .conftest import Emulator
from .typing.user_code import async_main, sync_main


def test_the_type_checked_user_code_runs_against_the_emulator(emulator: Emulator) -> None:
    seen = sync_main(emulator.base_url, emulator.api_key, "whsec_user_code")
    assert seen[0].startswith("Emulated reply")
    assert "completed" in seen
    assert "openai/gpt-5.4" in seen[-2]
    assert seen[-1].startswith("http")


async def test_the_type_checked_async_user_code_runs_against_the_emulator(emulator: Emulator) -> None:
    summary = await async_main(emulator.base_url, emulator.api_key)
    assert summary.startswith("Emulated reply")
    assert summary.endswith("True stop completed True True")

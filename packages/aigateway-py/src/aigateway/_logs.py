# Logging through the standard `logging` module, logger "aigateway". AIGATEWAY_LOG=debug|info
# turns it on without code (like openai-python's OPENAI_LOG); every line is redacted.
from __future__ import annotations

import logging
import os
from collections.abc import Sequence

__all__ = ["Log", "logger"]

logger = logging.getLogger("aigateway")

_LEVELS = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warn": logging.WARNING,
    "warning": logging.WARNING,
    "error": logging.ERROR,
    "off": logging.CRITICAL + 10,
}
_configured = False


def setup_from_env() -> None:
    """Applies AIGATEWAY_LOG once per process: a level, and a stderr handler if none is set."""
    global _configured
    if _configured:
        return
    _configured = True
    raw = os.environ.get("AIGATEWAY_LOG")
    if not raw:
        return
    level = _LEVELS.get(raw.strip().lower())
    if level is None:
        logger.warning(
            "[aigateway] AIGATEWAY_LOG=%r is not one of debug, info, warn, error, off; ignoring it.", raw
        )
        return
    logger.setLevel(level)
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("[%(asctime)s - %(name)s:%(levelname)s] %(message)s"))
        logger.addHandler(handler)


class Log:
    """The client's view of the logger: redacts every line with the client's known secrets."""

    __slots__ = ("_secrets",)

    def __init__(self, secrets: Sequence[str]) -> None:
        self._secrets = tuple(s for s in secrets if s)

    def enabled(self, level: int) -> bool:
        return logger.isEnabledFor(level)

    def with_secrets(self, extra: Sequence[str]) -> Log:
        return Log((*self._secrets, *extra)) if extra else self

    def log(self, level: int, line: str) -> None:
        if logger.isEnabledFor(level):
            from ._redact import redact

            logger.log(level, redact(line, self._secrets))

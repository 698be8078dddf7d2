# Secrets must never reach a log line, an error message or a repr. Known secrets (the configured
# API key, BYOK keys) are replaced exactly; anything that merely looks like a key is masked by
# pattern as a second net (the same pattern as aigateway-js, so help-text placeholders such as
# `Bearer sk-aig-...` survive: a match must hold a run of 8+ letters or digits).
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

__all__ = ["is_secret_header", "redact", "redact_headers"]

_KEY_PATTERN = re.compile(
    r"\b(?:Bearer\s+(?![$<{])(?=[^\s\"'`,;]*[A-Za-z0-9]{8})[^\s\"'`,;]+"
    r"|(?:sk|pk|rk)[-_](?=[\w-]*[A-Za-z0-9]{8})[\w-]+"
    r"|(?:gsk_|xai-|hf_|r8_)[A-Za-z0-9]{8,}"
    r"|AIza[\w-]{10,})"
)


def is_secret_header(name: str) -> bool:
    lower = name.lower()
    return lower in ("authorization", "x-api-key") or lower.startswith("x-byok-")


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """Masks known secrets and key-looking values in `text`."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[redacted]")
    return _KEY_PATTERN.sub(
        lambda m: "Bearer [redacted]" if m.group(0).startswith("Bearer") else "[redacted]", text
    )


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """A loggable copy of request headers with every secret header masked."""
    return {k: ("[redacted]" if is_secret_header(k) else v) for k, v in headers.items()}

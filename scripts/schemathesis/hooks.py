"""Schemathesis hooks for the contract fuzz run (scripts/schemathesis/run.mjs loads this module).

`model` fields accept any string and Idempotency-Key any printable one, so a fuzzer's *valid*
request can still be one the API must refuse: a catalog model of another modality (400
wrong_endpoint), a model without the capability the request uses (400 invalid_value), a key reused
with another body (422 idempotency_key_reused). Each hook below makes such a request what a real
client sends — the right kind of model, a fresh key — and changes nothing else; invalid values are
left alone so that they are still rejected. openapi/README.md ("Fuzzing the contract") has the list.
"""

from __future__ import annotations

import ast
import hashlib
import itertools
import json
import os
import re
import sys
import threading
from collections.abc import MutableMapping

import requests
import schemathesis

# CPython before 3.13 keeps the AST converter's recursion counter in state shared by all threads,
# so two workers parsing at once (Hypothesis parses source files to describe `.filter` lambdas)
# fail with "SystemError: AST constructor recursion depth mismatch" (python/cpython#106905).
# Serialising ast.parse is enough: nothing else in the run builds Python ASTs.
if sys.version_info < (3, 13):
    _parse = ast.parse
    _parse_lock = threading.Lock()

    def _locked_parse(*args, **kwargs):
        with _parse_lock:
            return _parse(*args, **kwargs)

    ast.parse = _locked_parse


# The emulator's catalog (GET /v1/models), written by run.mjs before the run.
with open(os.environ["AIG_CATALOG_FILE"], encoding="utf-8") as _file:
    MODELS: dict[str, dict] = {m["id"]: m for m in json.load(_file)}

IDEMPOTENCY_KEY = re.compile(r"^[\x20-\x7E]{1,255}$")  # the contract's Idempotency-Key
MCP_SESSION_ID = re.compile(r"^[\x21-\x7E]+$")  # the contract's McpSessionId
# The emulator under test (run.mjs), for the MCP sessions the hooks open.
ORIGIN = os.environ["AIG_ORIGIN"]
KEY = os.environ["AIG_KEY"]
# What run.mjs made before the run: a legacy MCP session whose SSE stream it holds open, and an
# eval run and a sub-account, each the one item of its list (for `starting_after`).
LEGACY_SESSION = os.environ["AIG_LEGACY_SESSION"]
LISTED = {"listEvals": os.environ["AIG_EVAL_ID"], "listSubAccounts": os.environ["AIG_SUB_ACCOUNT_ID"]}
_lock = threading.Lock()
_sequence = itertools.count(1)
# X-Request-Id → what the inference request it answered needs of a model (modality, capabilities,
# dimensions), so that a replay of it goes to a model that can serve it.
Needs = tuple[str, tuple[str, ...], int | None]
_needs_of_request: dict[str, Needs] = {}


def _live_mcp_session() -> str:
    """A new Streamable HTTP session (`initialize`, answered as JSON), for one GET or DELETE /mcp."""
    res = requests.post(
        f"{ORIGIN}/mcp",
        json={
            "jsonrpc": "2.0",
            "id": 0,
            "method": "initialize",
            "params": {"protocolVersion": "2025-03-26", "capabilities": {}, "clientInfo": {"name": "st", "version": "1"}},
        },
        headers={"authorization": f"Bearer {KEY}"},
        timeout=30,
    )
    res.raise_for_status()
    return res.headers["mcp-session-id"]


_session_calls = itertools.count()
_alternate: dict[str, itertools.count] = {}


def _every_other(name: str) -> bool:
    """True on the first call for `name` and every second one after it."""
    with _lock:
        return next(_alternate.setdefault(name, itertools.count())) % 2 == 0


def _fresh(value: str) -> str:
    with _lock:
        suffix = f".{os.getpid()}.{next(_sequence)}"
    return value[: 255 - len(suffix)] + suffix


def _serves(model_id: object, modality: str, needs: tuple[str, ...], dims: int | None) -> bool:
    model = MODELS.get(model_id) if isinstance(model_id, str) else None
    if model is None:
        return True  # not a catalog id: 404 model_not_found, which the fuzzer may well expect
    if model["modality"] != modality or not all(n in model["capabilities"] for n in needs):
        return False
    return dims is None or dims == model.get("dimensions") or (
        "dimensions" in model["capabilities"] and dims <= (model.get("dimensions") or 0)
    )


def _pick(modality: str, needs: tuple[str, ...], dims: int | None, seed: str, taken=()) -> str | None:
    """A catalog model that serves the request, chosen by `seed` so that choices still vary."""
    fits = sorted(m for m in MODELS if m not in taken and _serves(m, modality, needs, dims))
    if not fits:
        return None
    return fits[int(hashlib.sha256(seed.encode()).hexdigest(), 16) % len(fits)]


def _as_int(value: object) -> int | None:
    """An integer as JSON Schema counts them: `3` and `3.0` (Hypothesis draws both for `type: integer`)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _has_image_part(messages: object) -> bool:
    if not isinstance(messages, list):
        return False
    return any(
        isinstance(m, dict)
        and isinstance(m.get("content"), list)
        and any(isinstance(p, dict) and p.get("type") == "image_url" for p in m["content"])
        for m in messages
    )


def _fix_model(body: MutableMapping, field: str, modality: str, needs=(), dims=None) -> None:
    model = body.get(field)
    if not _serves(model, modality, needs, dims):
        # With no model that serves every part of it, one of the modality at least (see filter_failure).
        body[field] = _pick(modality, needs, dims, str(model)) or _pick(modality, (), None, str(model)) or model


def _file_check(name: str, ok) -> object:
    """A deserializer that fails unless the body is a file of its media type (by its signature)."""

    def deserialize(ctx, response):
        content = response.content or b""
        if not ok(content):
            raise ValueError(f"the body is not {name} (starts with {content[:16]!r})")
        return content.decode("latin-1")  # the contract's schema: a string of bytes

    return deserialize


# Binary responses are checked to be a file of the declared type, not just any bytes.
_FILES = {
    "audio/wav": ("a RIFF/WAVE file", lambda b: b[:4] == b"RIFF" and b[8:12] == b"WAVE"),
    "audio/mpeg": ("an MP3 (ID3 tag or frame sync)", lambda b: b[:3] == b"ID3" or (len(b) > 1 and b[0] == 0xFF and b[1] & 0xE0 == 0xE0)),
    "audio/ogg": ("an Ogg stream", lambda b: b[:4] == b"OggS"),
    "audio/aac": ("ADTS AAC", lambda b: len(b) > 1 and b[0] == 0xFF and b[1] & 0xF6 == 0xF0),
    "audio/flac": ("a FLAC stream", lambda b: b[:4] == b"fLaC"),
    "audio/pcm": ("16-bit PCM samples", lambda b: len(b) > 0 and len(b) % 2 == 0),
    "image/png": ("a PNG", lambda b: b[:8] == b"\x89PNG\r\n\x1a\n"),
    "image/jpeg": ("a JPEG", lambda b: b[:3] == b"\xff\xd8\xff"),
    "image/webp": ("a WebP", lambda b: b[:4] == b"RIFF" and b[8:12] == b"WEBP"),
    "video/mp4": ("an MP4 (ftyp box)", lambda b: b[4:8] == b"ftyp"),
    "model/gltf-binary": ("a glTF binary", lambda b: b[:4] == b"glTF"),
    "model/obj": ("a Wavefront OBJ", lambda b: bool(re.match(rb"^(#|v |o |g |mtllib )", b))),
    "application/octet-stream": ("bytes", lambda b: True),
}
for _type, (_name, _ok) in _FILES.items():
    schemathesis.deserializer(_type)(_file_check(_name, _ok))


@schemathesis.hook
def before_call(context, case, kwargs):
    # A key names one logical request: the same key with another body is 422, the contract working.
    # A fuzzer draws the same few keys ("0", the example) for thousands of bodies, so every valid
    # key is made unique per call.
    headers = case.headers if isinstance(case.headers, MutableMapping) else None
    for name in list(headers or ()):
        value = headers[name]
        if name.lower() == "idempotency-key" and isinstance(value, str) and IDEMPOTENCY_KEY.match(value):
            headers[name] = _fresh(value)
        # A generated session id names no session (404). Every other valid one becomes a live
        # session of its own, so that GET /mcp opens a stream and DELETE /mcp ends one, as for a client.
        if (
            name.lower() == "mcp-session-id"
            and case.operation.definition.raw.get("operationId") in ("openMcpStream", "deleteMcpSession")
            and isinstance(value, str)
            and MCP_SESSION_ID.match(value)
            and next(_session_calls) % 2 == 0
        ):
            headers[name] = _live_mcp_session()

    operation = case.operation.definition.raw
    operation_id = operation.get("operationId")
    query = case.query if isinstance(case.query, MutableMapping) else None
    # Ids a fuzzer cannot make up: every other valid one becomes the legacy session run.mjs holds
    # open (an SSE stream no fuzzer can keep), or the one item of the list, in every phase.
    if query is not None:
        session = query.get("sessionId")
        if operation_id == "postMcpLegacyMessage" and isinstance(session, str) and session and _every_other(operation_id):
            query["sessionId"] = LEGACY_SESSION
        cursor = query.get("starting_after")
        if operation_id in LISTED and isinstance(cursor, str) and cursor and _every_other(operation_id):
            query["starting_after"] = LISTED[operation_id]

    body = case.body
    if not isinstance(body, MutableMapping):
        return
    needs = _needs(operation, body)
    if needs:
        _fix_model(body, "model", *needs)
    elif operation_id == "createEval":
        # Candidates are chat models; with image parts in the dataset, vision models.
        dataset = body.get("dataset")
        items = dataset if isinstance(dataset, list) else []
        needs = ("vision",) if any(isinstance(i, dict) and _has_image_part(i.get("input")) for i in items) else ()
        candidates = body.get("candidate_models")
        if isinstance(candidates, list):
            fixed: list = []
            for c in candidates:
                ok = _serves(c, "chat", needs, None)
                fixed.append(c if ok else _pick("chat", needs, None, str(c), (*candidates, *fixed)) or c)
            body["candidate_models"] = fixed
    elif operation_id == "createReplay":
        # A replay runs on a model that serves what the source request needs (an embedding
        # request's `dimensions`, a chat's image parts), as its own request did.
        source_id = body.get("source_request_id")
        with _lock:
            known = list(_needs_of_request)
        # A generated id names no request (404 every time): every other valid one becomes the id
        # of an inference request of this run, as a client replays its own.
        if isinstance(source_id, str) and source_id not in known and known and _every_other(operation_id):
            source_id = body["source_request_id"] = known[int(hashlib.sha256(source_id.encode()).hexdigest(), 16) % len(known)]
        with _lock:
            source = _needs_of_request.get(source_id) if isinstance(source_id, str) else None
        if source:
            _fix_model(body, "target_model", *source)


def _needs(operation: dict, body: MutableMapping) -> Needs | None:
    """What an inference request needs of its model; None for other operations."""
    modality = operation.get("x-aig-modality")
    if modality == "chat":
        return ("chat", ("vision",) if _has_image_part(body.get("messages")) else (), None)
    if modality == "embedding":
        return ("embedding", (), _as_int(body.get("dimensions")))
    return (modality, (), None) if modality else None


def _header(response, name: str) -> str | None:
    value = response.headers.get(name)
    if isinstance(value, list):  # Schemathesis keeps every value of a header
        return value[0] if value else None
    return value


@schemathesis.hook
def after_call(context, case, response):
    operation = case.operation.definition.raw
    body = case.body if isinstance(case.body, MutableMapping) else None
    needs = _needs(operation, body) if body is not None else None
    request_id = _header(response, "x-request-id")
    # Only a request that was served can be replayed as it was (a refused one is refused again).
    if needs and request_id and 200 <= response.status_code < 300:
        with _lock:
            _needs_of_request[request_id] = needs
    # A replay's own execution is logged as an inference request too, needing what its source did.
    if operation.get("operationId") == "createReplay" and body is not None and response.status_code == 201:
        source_id = body.get("source_request_id")
        with _lock:
            source = _needs_of_request.get(source_id) if isinstance(source_id, str) else None
        try:
            replayed = json.loads(response.content).get("request_id")
        except (ValueError, AttributeError):
            replayed = None
        if source and isinstance(replayed, str):
            with _lock:
                _needs_of_request[replayed] = source


# The failures filter_failure drops, and why; run.mjs prints this list with the figures.
EXCLUDED = [
    "ST202 on POST /v1/embeddings for `dimensions` larger than every embedding model's vectors: the "
    "contract cannot give it a maximum (it is the chosen model's size), so 400 invalid_value is right.",
    "ST202 on GET /v1/evals and GET /v1/sub-accounts for a `starting_after` that is no id of the list: "
    "a cursor must name an item of the list, which a schema cannot state; 400 invalid_value is right.",
]


@schemathesis.hook
def filter_failure(context, failure, case, response):
    """Drops the two failures in EXCLUDED, each only in exactly its case."""
    if getattr(failure, "code", None) != "ST202":
        return True
    operation_id = case.operation.definition.raw.get("operationId")
    if operation_id in ("listEvals", "listSubAccounts"):
        try:
            param = json.loads(response.content).get("error", {}).get("param")
        except ValueError:
            return True
        return not (response.status_code == 400 and param == "starting_after")
    if operation_id != "createEmbedding":
        return True
    dims = _as_int(case.body.get("dimensions")) if isinstance(case.body, MutableMapping) else None
    largest = max((m.get("dimensions") or 0) for m in MODELS.values() if m["modality"] == "embedding")
    try:
        param = json.loads(response.content).get("error", {}).get("param")
    except ValueError:
        return True
    return not (response.status_code == 400 and param == "dimensions" and dims is not None and dims > largest)

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Literal, overload

from .._jobs import JobHandle
from .._resource import SyncAPIResource, operation
from .._response import BinaryResponse
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout
from .._uploads import FileInput, to_file
from ..types import Transcription, TranscriptionVerbose

__all__ = ["Audio", "Music", "Speech", "Transcriptions"]


class Speech(SyncAPIResource):
    def create(
        self,
        *,
        model: str,
        input: str,
        voice: str,
        response_format: Literal["mp3", "opus", "aac", "flac", "wav", "pcm"] | NotGiven = NOT_GIVEN,
        speed: float | NotGiven = NOT_GIVEN,
        instructions: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> BinaryResponse:
        """Text to speech (`POST /v1/audio/speech`): the audio as `.content` bytes, or
        `.write_to_file(path)`.

        ```python
        audio = client.audio.speech.create(model="deepgram/aura-2-en", input="Hi", voice="asteria")
        audio.write_to_file("hi.mp3")
        ```
        """
        return self._client._binary(
            operation(
                "createSpeech",
                "audio.speech.create",
                body={
                    "model": model,
                    "input": input,
                    "voice": voice,
                    "response_format": response_format,
                    "speed": speed,
                    "instructions": instructions,
                },
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                idempotency_key=idempotency_key,
                accept="*/*",
            )
        )


class Transcriptions(SyncAPIResource):
    @overload
    def create(
        self,
        *,
        file: FileInput,
        model: str,
        response_format: Literal["json"] | NotGiven = NOT_GIVEN,
        language: str | NotGiven = NOT_GIVEN,
        prompt: str | NotGiven = NOT_GIVEN,
        temperature: float | NotGiven = NOT_GIVEN,
        timestamp_granularities: Sequence[Literal["word", "segment"]] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> Transcription: ...

    @overload
    def create(
        self,
        *,
        file: FileInput,
        model: str,
        response_format: Literal["verbose_json"],
        language: str | NotGiven = NOT_GIVEN,
        prompt: str | NotGiven = NOT_GIVEN,
        temperature: float | NotGiven = NOT_GIVEN,
        timestamp_granularities: Sequence[Literal["word", "segment"]] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> TranscriptionVerbose: ...

    @overload
    def create(
        self,
        *,
        file: FileInput,
        model: str,
        response_format: Literal["text"],
        language: str | NotGiven = NOT_GIVEN,
        prompt: str | NotGiven = NOT_GIVEN,
        temperature: float | NotGiven = NOT_GIVEN,
        timestamp_granularities: Sequence[Literal["word", "segment"]] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> str: ...

    def create(
        self,
        *,
        file: FileInput,
        model: str,
        response_format: Literal["json", "text", "verbose_json"] | NotGiven = NOT_GIVEN,
        language: str | NotGiven = NOT_GIVEN,
        prompt: str | NotGiven = NOT_GIVEN,
        temperature: float | NotGiven = NOT_GIVEN,
        timestamp_granularities: Sequence[Literal["word", "segment"]] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> Transcription | TranscriptionVerbose | str:
        """Speech to text (`POST /v1/audio/transcriptions`, multipart). `file` is a path, bytes, a
        binary file object or a `(name, bytes)` tuple. `response_format="text"` returns a `str`,
        `"verbose_json"` segments and words, otherwise `{text}`."""
        cast_to: type[Transcription | TranscriptionVerbose | str] = (
            str
            if response_format == "text"
            else TranscriptionVerbose
            if response_format == "verbose_json"
            else Transcription
        )
        return self._client._request(
            operation(
                "createTranscription",
                "audio.transcriptions.create",
                form={
                    "model": model,
                    "response_format": response_format,
                    "language": language,
                    "prompt": prompt,
                    "temperature": temperature,
                    "timestamp_granularities": timestamp_granularities,
                },
                files=[("file", to_file(file))],
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                idempotency_key=idempotency_key,
            ),
            cast_to,
        )


class Music(SyncAPIResource):
    def generate(
        self,
        *,
        model: str,
        prompt: str,
        duration: int | NotGiven = NOT_GIVEN,
        lyrics: str | NotGiven = NOT_GIVEN,
        instrumental: bool | NotGiven = NOT_GIVEN,
        webhook_url: str | NotGiven = NOT_GIVEN,
        metadata: Mapping[str, str] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> JobHandle:
        """Starts a music generation job (`POST /v1/audio/music`, async); returns a `JobHandle`."""
        return self._client._request(
            operation(
                "createMusicGeneration",
                "audio.music.generate",
                body={
                    "model": model,
                    "prompt": prompt,
                    "duration": duration,
                    "lyrics": lyrics,
                    "instrumental": instrumental,
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


class Audio(SyncAPIResource):
    @cached_property
    def speech(self) -> Speech:
        return Speech(self._client)

    @cached_property
    def transcriptions(self) -> Transcriptions:
        return Transcriptions(self._client)

    @cached_property
    def music(self) -> Music:
        return Music(self._client)

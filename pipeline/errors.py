"""Coded errors a user can meet, each with a sentence that says what to do."""

from __future__ import annotations

from models.enums import ErrorCode

ADVICE: dict[ErrorCode, str] = {
    ErrorCode.UNSUPPORTED_FORMAT: "This file type is not a plan format kehoach reads (TXT, DOCX, PDF, DOC, RTF); convert it or leave it out.",
    ErrorCode.EMPTY_FILE: "The file is empty (0 bytes or no text); check the archive copy.",
    ErrorCode.CORRUPT_FILE: "The file could not be parsed; open it in its application and save it again.",
    ErrorCode.ENCRYPTED: "The file is password-protected; remove the password and run again.",
    ErrorCode.TOO_LARGE: "The file exceeds the size limit; raise --max-bytes if it is genuine.",
    ErrorCode.DECOMPRESSION_BOMB: "The archive inflates far beyond any real document (zip bomb); it was not opened.",
    ErrorCode.CONVERTER_MISSING: "A converter needed for this format is not installed; install the package named in the message.",
    ErrorCode.CONVERSION_FAILED: "The converter could not read this file; open and re-save it as DOCX.",
    ErrorCode.TIMEOUT: "Processing took longer than the per-document limit; raise --timeout or inspect the file.",
    ErrorCode.MEMORY_LIMIT: "Processing exceeded the per-worker memory limit; raise --memory-limit or inspect the file.",
    ErrorCode.WORKER_CRASHED: "The worker process died on this file; report it with the file attached.",
    ErrorCode.NO_TEXT: "No text could be read (scanned pages?); run with --ocr.",
    ErrorCode.INTERNAL: "An unexpected error; report it with the file attached.",
}


class KehoachError(Exception):
    """An error with a code, raised inside ingestion and turned into an error row."""

    def __init__(self, code: ErrorCode, detail: str) -> None:
        super().__init__(f"{code.value}: {detail}")
        self.code = code
        self.detail = detail

    def message(self) -> str:
        return f"{self.detail} — {ADVICE[self.code]}"

"""Logging set-up: one format for the whole process, secrets scrubbed from every line.

The Bot API token is part of every Bot API URL, and httpx logs request URLs at INFO, so the ``httpx`` and
``httpcore`` loggers are raised to WARNING. As a second line of defence the formatter replaces every
configured secret value (token, vendor keys) with ``[secret]`` in the finished line, tracebacks included.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from contextvars import ContextVar

current_job: ContextVar[str | None] = ContextVar("current_job", default=None)
"""The job the running task works on: set by the job runner, stamped on every log line of that task."""


class JobContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        job_id = current_job.get()
        record.job_id = job_id
        record.job = f" [job {job_id}]" if job_id else ""
        return True


_NOISY = ("httpx", "httpcore", "apscheduler", "telegram.ext.Updater", "uvicorn.access")


class RedactingFormatter(logging.Formatter):
    def __init__(self, fmt: str, secrets: Iterable[str]) -> None:
        super().__init__(fmt)
        # Longest first, so that a secret containing another is replaced whole.
        self._secrets = sorted({s for s in secrets if len(s) >= 4}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        return self.redact(super().format(record))

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, "[secret]")
        return text


class JsonFormatter(RedactingFormatter):
    """One JSON object per line, for log collectors; the same scrubbing as the text format."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "message": self.redact(record.getMessage()),
        }
        job_id = getattr(record, "job_id", None)
        if job_id:
            entry["job_id"] = job_id
        if record.exc_info:
            entry["exception"] = self.redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str, secrets: Iterable[str] = (), fmt: str = "text") -> None:
    handler = logging.StreamHandler()
    if fmt == "json":
        handler.setFormatter(JsonFormatter("%(message)s", secrets))
    else:
        handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s%(job)s: %(message)s", secrets))
    handler.addFilter(JobContextFilter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name in _NOISY:
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLevelName(level)))

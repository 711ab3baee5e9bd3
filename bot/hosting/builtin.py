"""Photos hosted by the bot's own web server, as files in ``media_dir``, for a few minutes each.

On disk, each photo is one file named by its token (``secrets.token_urlsafe(32)``: 256 random bits, 43
characters). The file starts with a one-line JSON header holding the content type and the expiry (Unix time,
from the host's clock), then the photo bytes. One file per photo means one atomic rename publishes it, and a
reader never sees a photo without its expiry. Files are written to ``.tmp-<pid>-*`` first and renamed; a temp
file is an orphan, deleted by the sweeper, when the process that wrote it is gone (a crash mid-write: the next
start's sweep finds it), when this process is not writing it, or when it is older than a minute.

The token alphabet and helpers at the top are shared with the S3 backend.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import re
import secrets
import stat
import time
from collections.abc import Callable
from pathlib import Path

from bot.providers.errors import ErrorCategory, ProviderError
from bot.providers.photo_host import HostedPhoto

log = logging.getLogger(__name__)

Clock = Callable[[], float]

TOKEN_BYTES = 32
TOKEN_LENGTH = 43  # len(secrets.token_urlsafe(32))
_TOKEN_RE = re.compile(rf"[A-Za-z0-9_-]{{{TOKEN_LENGTH}}}")
_CONTENT_TYPE_RE = re.compile(r"[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*")
_TEMP_PREFIX = ".tmp-"
_TEMP_GRACE = 60.0  # seconds: a write takes milliseconds, so an older temp file is an orphan
_HEADER_LIMIT = 1024  # bytes: the header line is ~70; refuse to read further looking for it
_DIR_MODE = 0o700
_FILE_MODE = 0o600


def new_token() -> str:
    """A fresh unguessable token (256 bits), safe in URL paths and object keys."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def is_token(value: str) -> bool:
    """True only for strings shaped exactly like :func:`new_token` output: nothing else touches the disk."""
    return _TOKEN_RE.fullmatch(value) is not None


def short(token: str) -> str:
    """A token prefix fit for logs: enough to correlate lines, useless for fetching the photo."""
    return token[:6] + "…"


def check_content_type(content_type: str) -> str:
    """Normalise and vet a MIME type before it becomes a response header (no parameters, no CR/LF)."""
    value = content_type.strip().lower()
    if _CONTENT_TYPE_RE.fullmatch(value) is None:
        raise ValueError(f"not a plain MIME type: {content_type!r}")
    return value


def _failure(exc: OSError) -> ProviderError:
    """Hosting failures speak the vendors' error language, so the job runner treats them like an outage."""
    return ProviderError("hosting", ErrorCategory.TRANSIENT, detail=f"{type(exc).__name__}: {exc.strerror}")


class BuiltinPhotoHost:
    """Serves photos from ``media_dir`` at ``{public_url}/media/{token}`` until they expire or are removed.

    ``clock`` returns Unix time; tests inject a fake one to expire photos without sleeping.
    """

    def __init__(self, media_dir: Path, public_url: str, ttl: float = 600.0, *, clock: Clock = time.time) -> None:
        if ttl <= 0:
            raise ValueError("ttl must be positive")
        self.media_dir = Path(media_dir)
        self.public_url = public_url.rstrip("/")
        self.ttl = ttl
        self._clock = clock
        self._writing: set[str] = set()  # temp files being written now (names), by any worker thread
        # At start-up (microseconds). The directory holds people's faces: only the bot's user may list it.
        self.media_dir.mkdir(parents=True, exist_ok=True, mode=_DIR_MODE)
        self.media_dir.chmod(_DIR_MODE)

    async def publish(self, data: bytes, content_type: str, *, job_id: str) -> HostedPhoto:
        content_type = check_content_type(content_type)
        token = new_token()
        expires_at = self._clock() + self.ttl
        header = json.dumps({"v": 1, "content_type": content_type, "expires_at": expires_at}).encode() + b"\n"
        try:
            await asyncio.to_thread(self._write, token, header, data)
        except OSError as exc:
            log.error("could not store photo for job %s: %s", job_id, exc.strerror)  # str(exc) names the file
            raise _failure(exc) from None  # the OSError names the file, token included
        log.info("hosting photo %s for job %s (%d bytes, %.0f s)", short(token), job_id, len(data), self.ttl)
        return HostedPhoto(url=f"{self.public_url}/media/{token}", key=token, expires_at=expires_at)

    async def remove(self, photo: HostedPhoto) -> None:
        """Delete the file now. Never raises: a leftover is expired by its header and swept later."""
        if not is_token(photo.key):
            log.warning("not removing photo with a malformed key")
            return
        try:
            await asyncio.to_thread(self._path(photo.key).unlink, missing_ok=True)
        except OSError as exc:
            log.warning("could not remove photo %s: %s", short(photo.key), exc.strerror)
            return
        log.debug("removed photo %s", short(photo.key))

    async def open(self, token: str) -> tuple[bytes, str] | None:
        """The photo's bytes and content type, or None if the token is malformed, unknown or expired."""
        if not is_token(token):
            return None
        return await asyncio.to_thread(self._read, token)

    async def sweep(self) -> int:
        """Delete expired photos, unreadable photo files and orphaned temp files; returns how many."""
        return await asyncio.to_thread(self._sweep)

    # Blocking helpers, run in a worker thread.

    def _path(self, token: str) -> Path:
        return self.media_dir / token

    def _write(self, token: str, header: bytes, data: bytes) -> None:
        temp = self.media_dir / f"{_TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(8)}"
        self._writing.add(temp.name)  # before the file exists: the sweeper never takes it for an orphan
        try:
            self._write_via(temp, token, header, data)
        finally:
            self._writing.discard(temp.name)

    def _write_via(self, temp: Path, token: str, header: bytes, data: bytes) -> None:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        fd = os.open(temp, flags, _FILE_MODE)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(header)
                out.write(data)
            # Atomic: a reader sees either no file or the whole one.
            temp.replace(self._path(token))
        except BaseException:
            temp.unlink(missing_ok=True)
            raise

    def _read(self, token: str) -> tuple[bytes, str] | None:
        try:
            # O_NOFOLLOW: a symlink planted in media_dir is never followed out of it.
            fd = os.open(self._path(token), os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            return None
        try:
            with os.fdopen(fd, "rb") as src:
                if not stat.S_ISREG(os.fstat(src.fileno()).st_mode):
                    return None
                meta = _parse_header(src.readline(_HEADER_LIMIT))
                if meta is None or meta[1] <= self._clock():
                    return None
                return src.read(), meta[0]
        except OSError as exc:
            log.warning("could not read photo %s: %s", short(token), exc.strerror)
            return None

    def _sweep(self) -> int:
        now = self._clock()
        removed = 0
        try:
            entries = list(os.scandir(self.media_dir))
        except OSError as exc:
            log.warning("could not list the media directory: %s", exc)
            return 0
        for entry in entries:
            if entry.name.startswith(_TEMP_PREFIX):
                try:
                    stale = self._orphan(entry.name) or entry.stat(follow_symlinks=False).st_mtime < now - _TEMP_GRACE
                except OSError:
                    continue
            elif is_token(entry.name):
                stale = self._expired_or_corrupt(Path(entry.path), now)
            else:
                continue  # not ours: leave it alone
            if stale:
                with contextlib.suppress(FileNotFoundError):
                    Path(entry.path).unlink()
                    removed += 1
        if removed:
            log.info("swept %d expired photo file(s)", removed)
        return removed

    def _orphan(self, name: str) -> bool:
        """A temp file whose write is over: this process is not writing it, or its writer is gone."""
        if name in self._writing:
            return False
        writer = name[len(_TEMP_PREFIX) :].split("-", 1)[0]
        if not writer.isdigit():
            return False  # not named by a writer we know: only its age tells
        pid = int(writer)
        if pid == os.getpid():
            return True
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except OSError:  # alive, someone else's
            return False
        return False

    @staticmethod
    def _expired_or_corrupt(path: Path, now: float) -> bool:
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except FileNotFoundError:
            return False
        except OSError:
            return True  # e.g. a symlink (ELOOP): not something we wrote
        with os.fdopen(fd, "rb") as src:
            meta = _parse_header(src.readline(_HEADER_LIMIT))
        return meta is None or meta[1] <= now


def _parse_header(line: bytes) -> tuple[str, float] | None:
    """(content_type, expires_at) from a header line, or None if it is not one we wrote."""
    try:
        meta = json.loads(line)
        content_type = check_content_type(meta["content_type"])
        expires_at = float(meta["expires_at"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return content_type, expires_at

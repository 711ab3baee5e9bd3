"""The builtin photo host, served by the real web server over HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import stat
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from bot.hosting import BuiltinPhotoHost
from bot.hosting.builtin import TOKEN_LENGTH, is_token
from bot.providers.errors import ErrorCategory, ProviderError
from bot.web.server import WebServer, create_web_app
from tests.support.clock import FakeClock

DATA = Path(__file__).parent / "data" / "astronaut-256.jpg"
TTL = 600.0


@dataclass
class Served:
    host: BuiltinPhotoHost
    clock: FakeClock
    server: WebServer
    http: httpx.AsyncClient
    outside: Path  # a file next to media_dir that no request may ever read

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[Served]:
    clock = FakeClock()
    host = BuiltinPhotoHost(tmp_path / "media", "http://placeholder", TTL, clock=clock)
    server = WebServer(create_web_app(media=host), "127.0.0.1", 0)
    await server.start()
    host.public_url = f"http://127.0.0.1:{server.port}"
    outside = tmp_path / "settings.py"
    outside.write_bytes(b"SECRET-OUTSIDE-MEDIA")
    async with httpx.AsyncClient(timeout=5) as http:
        yield Served(host, clock, server, http, outside)
    await server.stop()


async def raw_get(port: int, target: bytes, method: bytes = b"GET") -> tuple[int, bytes]:
    """One request with the target sent byte for byte (httpx would normalise ``..`` and escapes)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(method + b" " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    await writer.drain()
    answer = await reader.read()
    writer.close()
    await writer.wait_closed()
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def token_of(url: str) -> str:
    return url.rsplit("/", 1)[1]


async def test_publish_then_fetch_exact_bytes_and_type(served: Served) -> None:
    data = DATA.read_bytes()
    photo = await served.host.publish(data, "image/jpeg", job_id="job-1")

    assert photo.url == f"{served.base}/media/{photo.key}"
    assert is_token(photo.key) and len(photo.key) == TOKEN_LENGTH
    assert photo.expires_at == served.clock.now + TTL
    answer = await served.http.get(photo.url)
    assert answer.status_code == 200
    assert answer.content == data
    assert answer.headers["content-type"] == "image/jpeg"
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers["x-content-type-options"] == "nosniff"

    head = await served.http.head(photo.url)
    assert head.status_code == 200
    assert head.content == b""
    assert int(head.headers["content-length"]) == len(data)


async def test_tokens_differ_per_publish(served: Served) -> None:
    a = await served.host.publish(b"a", "image/png", job_id="j")
    b = await served.host.publish(b"a", "image/png", job_id="j")
    assert a.key != b.key


async def test_remove_makes_it_404_and_is_idempotent(served: Served) -> None:
    photo = await served.host.publish(b"photo-bytes", "image/png", job_id="job-2")
    assert (await served.http.get(photo.url)).status_code == 200

    await served.host.remove(photo)
    await served.host.remove(photo)  # again: no error

    gone = await served.http.get(photo.url)
    assert gone.status_code == 404
    assert gone.content == b"Not Found"
    assert not (served.host.media_dir / photo.key).exists()


async def test_expiry_by_clock_then_sweeper_deletes(served: Served) -> None:
    photo = await served.host.publish(b"old", "image/jpeg", job_id="job-3")
    keep = None
    served.clock.advance(TTL - 1)
    assert (await served.http.get(photo.url)).status_code == 200
    keep = await served.host.publish(b"new", "image/jpeg", job_id="job-4")

    served.clock.advance(1)  # exactly at expires_at: gone
    assert (await served.http.get(photo.url)).status_code == 404
    assert (served.host.media_dir / photo.key).exists()  # until the sweeper runs

    assert await served.host.sweep() == 1
    assert not (served.host.media_dir / photo.key).exists()
    assert (await served.http.get(keep.url)).content == b"new"
    assert await served.host.sweep() == 0


async def test_sweeper_removes_orphaned_temp_and_corrupt_files_only(served: Served) -> None:
    media = served.host.media_dir
    orphan = media / ".tmp-deadbeef"
    orphan.write_bytes(b"half a photo")
    corrupt = media / secrets.token_urlsafe(32)
    corrupt.write_bytes(b"no header here")
    foreign = media / "README"
    foreign.write_bytes(b"not ours")

    assert await served.host.sweep() == 1  # the corrupt one; the temp file may still be being written
    assert orphan.exists() and not corrupt.exists()
    served.clock.advance(120)
    assert await served.host.sweep() == 1
    assert not orphan.exists()
    assert foreign.exists()


async def test_guessed_tokens_are_404_with_one_body(served: Served) -> None:
    photo = await served.host.publish(b"secret face", "image/jpeg", job_id="job-5")
    expected = await served.http.get(f"{served.base}/no/such/route")
    assert expected.status_code == 404
    guesses = [
        secrets.token_urlsafe(32),  # well-formed, unknown
        secrets.token_urlsafe(32),
        photo.key[:-1],  # a prefix of the real one
        photo.key[:10],
        photo.key + "A",
        photo.key.upper() if photo.key.upper() != photo.key else photo.key.lower(),
    ]
    for guess in guesses:
        answer = await served.http.get(f"{served.base}/media/{guess}")
        assert answer.status_code == 404, guess
        assert answer.content == expected.content == b"Not Found"
        assert answer.headers["content-type"] == expected.headers["content-type"]


TRAVERSALS = [
    b"/media/..%2f..%2fetc%2fpasswd",
    b"/media/..%2fsettings.py",
    b"/media/../settings.py",
    b"/media/%2e%2e/settings.py",
    b"/media/..",
    b"/media/%2e%2e",
    b"/media/%2fetc%2fpasswd",
    b"/media//etc/passwd",
    b"/media/%00",
    b"/media/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%00",
    b"/media/" + b"A" * 43 + b"%0a",
    b"/media/" + b"A" * 4000,
    b"/media/",
    b"/media",
    b"/media/?list",
    b"/media/*",
]


async def test_traversal_and_listing_are_404_without_touching_disk(
    served: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One server for all attempts (each start/stop costs ~0.2 s)."""
    await served.host.publish(b"a real photo", "image/jpeg", job_id="job-6")
    reads: list[str] = []
    real_read = served.host._read

    def spy(token: str) -> tuple[bytes, str] | None:
        reads.append(token)
        return real_read(token)

    monkeypatch.setattr(served.host, "_read", spy)
    for target in TRAVERSALS:
        for method in (b"GET", b"HEAD"):
            status, body = await raw_get(served.server.port, target, method)
            assert status == 404, (target, method)
            assert b"SECRET-OUTSIDE-MEDIA" not in body
            assert b"a real photo" not in body
    assert reads == []  # nothing malformed ever reaches the filesystem


async def test_symlink_in_media_dir_is_not_followed(served: Served) -> None:
    expires = served.clock.now + 1000
    served.outside.write_bytes(
        json.dumps({"content_type": "text/plain", "expires_at": expires}).encode() + b"\nSECRET-OUTSIDE-MEDIA"
    )
    token = secrets.token_urlsafe(32)
    (served.host.media_dir / token).symlink_to(served.outside)

    answer = await served.http.get(f"{served.base}/media/{token}")
    assert answer.status_code == 404
    assert await served.host.open(token) is None
    assert await served.host.sweep() == 1  # and the sweeper clears it, leaving its target alone
    assert served.outside.exists()


async def test_permissions(served: Served) -> None:
    photo = await served.host.publish(b"x", "image/jpeg", job_id="job-7")
    assert stat.S_IMODE(served.host.media_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((served.host.media_dir / photo.key).stat().st_mode) == 0o600


def test_existing_loose_directory_is_tightened(tmp_path: Path) -> None:
    media = tmp_path / "media"
    media.mkdir(mode=0o755)
    media.chmod(0o755)
    BuiltinPhotoHost(media, "https://bot.example", 60)
    assert stat.S_IMODE(media.stat().st_mode) == 0o700


async def test_open_validates_and_expires(tmp_path: Path) -> None:
    clock = FakeClock()
    host = BuiltinPhotoHost(tmp_path / "m", "https://bot.example/", 10, clock=clock)
    photo = await host.publish(b"\x89PNG...", "Image/PNG", job_id="j")
    assert photo.url.startswith("https://bot.example/media/")
    assert await host.open(photo.key) == (b"\x89PNG...", "image/png")
    for bad in ("", "..", "../m/" + photo.key, "/etc/passwd", photo.key + "\x00", photo.key[:-1] + "/"):
        assert await host.open(bad) is None
    clock.advance(10)
    assert await host.open(photo.key) is None


async def test_bad_content_type_is_refused(tmp_path: Path) -> None:
    host = BuiltinPhotoHost(tmp_path / "m", "https://bot.example", 10)
    for bad in ("image/jpeg\r\nSet-Cookie: a=b", "image/jpeg; charset=x", "jpeg", ""):
        with pytest.raises(ValueError):
            await host.publish(b"x", bad, job_id="j")
    assert list((tmp_path / "m").iterdir()) == []


async def test_write_failure_is_a_transient_provider_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    host = BuiltinPhotoHost(tmp_path / "m", "https://bot.example", 10)

    def full(token: str, header: bytes, data: bytes) -> None:
        raise OSError(28, "No space left on device", str(tmp_path / "m" / token))

    monkeypatch.setattr(host, "_write", full)
    with pytest.raises(ProviderError) as caught:
        await host.publish(b"x", "image/jpeg", job_id="j")
    assert caught.value.category is ErrorCategory.TRANSIENT
    assert caught.value.retryable
    assert str(tmp_path) not in caught.value.detail


async def test_logs_carry_no_token_or_bytes(served: Served, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    data = b"PHOTO-BYTES-MARKER"
    photo = await served.host.publish(data, "image/jpeg", job_id="job-8")
    await served.http.get(photo.url)
    await served.host.remove(photo)
    served.clock.advance(TTL)
    await served.host.sweep()
    # Our loggers and uvicorn's (the test's own httpx client logs its URLs, as the bot's logging config
    # prevents by raising httpx to WARNING).
    text = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith(("bot", "uvicorn")))
    assert photo.key[:6] in text  # the prefix is logged, to correlate lines
    assert photo.key not in text
    assert photo.key[:12] not in text
    assert "PHOTO-BYTES-MARKER" not in text


async def test_a_temp_file_whose_writer_is_gone_is_swept_at_once(served: Served) -> None:
    """A crash mid-write leaves a temp file named by its process: the next start's sweep deletes it at once (a
    fresh one, not a minute later); this process's own leftovers likewise; a living writer's is left to its age."""
    media = served.host.media_dir
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True)
    dead = media / f".tmp-{int(finished.stdout)}-0123abcd"  # that process has exited
    mine = media / f".tmp-{os.getpid()}-4567ef01"  # written by this process, whose write is not under way
    living = media / f".tmp-{os.getppid()}-89ab2345"  # another process that still runs
    for path in (dead, mine, living):
        path.write_bytes(b"half a photo")
    assert await served.host.sweep() == 2
    assert not dead.exists() and not mine.exists() and living.exists()
    served.clock.advance(120)
    assert await served.host.sweep() == 1 and not living.exists()

"""Files: photos re-encoded the way Telegram keeps them, the files a request uploads, and the files Telegram
holds (ids, download paths, bytes)."""

from __future__ import annotations

import asyncio
import hashlib
import io
import itertools
import mimetypes
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from PIL import Image, ImageOps, UnidentifiedImageError

from .limits import (
    DOCUMENT_THUMBNAIL_SIDE,
    JSON,
    MAX_DOCUMENT_UPLOAD_BYTES,
    MAX_PHOTO_ASPECT_RATIO,
    MAX_PHOTO_DIMENSIONS_SUM,
    MAX_PHOTO_UPLOAD_BYTES,
    PHOTO_SIDES,
    ApiError,
    bad,
)


@dataclass(frozen=True)
class Rendition:
    """One JPEG size of a photo."""

    data: bytes
    width: int
    height: int


def render_photo_sizes(data: bytes) -> tuple[tuple[int, int], list[Rendition]]:
    """Decode an image and re-encode it the way Telegram stores a photo: returns (original size, renditions).

    Renditions are JPEGs whose longest side is 90, 320, 800 and 1280 px (only those smaller than the
    original), followed by one at the original size capped at 1280; smallest first, largest last. EXIF
    orientation is applied, as Telegram does. Raises ValueError when the bytes are not a decodable image.
    """
    try:
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            image = ImageOps.exif_transpose(opened).convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValueError(f"not a decodable image: {exc}") from exc
    original = image.size
    longest = max(original)
    sides = sorted({side for side in PHOTO_SIDES if side < longest} | {min(longest, PHOTO_SIDES[-1])}, reverse=True)
    renditions: list[Rendition] = []
    current = image
    for side in sides:  # largest first, each one scaled down from the previous one
        if max(current.size) > side:
            current = current.copy()
            current.thumbnail((side, side), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        current.save(buffer, "JPEG", quality=87)
        renditions.append(Rendition(buffer.getvalue(), current.width, current.height))
    renditions.reverse()
    return original, renditions


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request, as received."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes

    def __repr__(self) -> str:
        return f"UploadedFile({self.field!r}, {self.filename!r}, {self.content_type!r}, {len(self.data)} bytes)"


@dataclass(eq=False)
class StoredFile:
    """A file Telegram holds: its ids, path for downloads and bytes."""

    file_id: str
    file_unique_id: str
    kind: str  # "photo" or "document"
    data: bytes = field(repr=False)
    file_path: str
    width: int | None = None
    height: int | None = None
    file_name: str | None = None
    mime_type: str | None = None

    @property
    def file_size(self) -> int:
        return len(self.data)

    def photo_size(self) -> JSON:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.file_size,
            "width": self.width,
            "height": self.height,
        }

    def file_info(self) -> JSON:
        """The ``File`` object getFile answers (``file_path`` relative, as Telegram sends it)."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.file_size,
            "file_path": self.file_path,
        }


class FileStore:
    """Every file Telegram holds for the bot, by file_id and by download path.

    A photo is stored as the set of its sizes; sending any size's file_id again re-sends the whole set.
    """

    def __init__(self) -> None:
        self._files: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._photo_sets: dict[str, list[StoredFile]] = {}
        self._counter = itertools.count(1)

    def get(self, file_id: str) -> StoredFile | None:
        return self._files.get(file_id)

    def by_path(self, file_path: str) -> StoredFile | None:
        return self._by_path.get(file_path)

    def store(
        self,
        kind: str,
        data: bytes,
        *,
        extension: str,
        width: int | None = None,
        height: int | None = None,
        file_name: str | None = None,
        mime_type: str | None = None,
        folder: str | None = None,
    ) -> StoredFile:
        number = next(self._counter)
        digest = hashlib.sha256(number.to_bytes(8, "big") + data[:65536]).hexdigest()
        prefix = "AgACAgIAAxkBAAI" if kind == "photo" else "BQACAgIAAxkBAAI"
        stored = StoredFile(
            file_id=f"{prefix}{number:06d}{digest[:40]}",
            file_unique_id=f"AQAD{number:06d}{digest[40:48]}",
            kind=kind,
            data=data,
            file_path=f"{folder or ('photos' if kind == 'photo' else 'documents')}/file_{number}.{extension}",
            width=width,
            height=height,
            file_name=file_name,
            mime_type=mime_type,
        )
        self._files[stored.file_id] = stored
        self._by_path[stored.file_path] = stored
        return stored

    def store_photo(self, renditions: Sequence[Rendition]) -> list[StoredFile]:
        sizes = [self.store("photo", r.data, extension="jpg", width=r.width, height=r.height) for r in renditions]
        for stored in sizes:
            self._photo_sets[stored.file_id] = sizes
        return sizes

    async def input_photo(self, source: UploadedFile | str | None) -> list[JSON]:
        """The photo sizes for a sendPhoto ``photo``: an upload (checked and rendered) or a photo's file_id."""
        if source is None:
            raise bad("there is no photo in the request")
        if isinstance(source, str):
            sizes = self._photo_sets.get(source)
            if sizes is None:
                self.check_reference(source)
                raise bad("type of file mismatch")
            return [stored.photo_size() for stored in sizes]
        if not source.data:
            raise bad("file must be non-empty")
        if len(source.data) > MAX_PHOTO_UPLOAD_BYTES:
            raise bad("PHOTO_SAVE_FILE_INVALID")  # what Telegram answers for a photo over 10 MB
        try:
            (width, height), renditions = await asyncio.to_thread(render_photo_sizes, source.data)
        except ValueError:
            raise bad("IMAGE_PROCESS_FAILED") from None
        if width + height > MAX_PHOTO_DIMENSIONS_SUM or max(width, height) > MAX_PHOTO_ASPECT_RATIO * min(
            width, height
        ):
            raise bad("PHOTO_INVALID_DIMENSIONS")
        return [stored.photo_size() for stored in self.store_photo(renditions)]

    async def input_document(self, source: UploadedFile | str | None) -> JSON:
        """The document of a sendDocument: an upload (up to 50 MB, any bytes) or a document's file_id."""
        if source is None:
            raise bad("there is no document in the request")
        if isinstance(source, str):
            stored = self.check_reference(source)
            if stored.kind != "document":
                raise bad("type of file mismatch")
            document: JSON = {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_size": stored.file_size,
            }
            if stored.file_name:
                document["file_name"] = stored.file_name
            if stored.mime_type:
                document["mime_type"] = stored.mime_type
            return document
        if not source.data:
            raise bad("file must be non-empty")
        if len(source.data) > MAX_DOCUMENT_UPLOAD_BYTES:
            raise ApiError(413, "Request Entity Too Large")
        file_name = source.filename or "file"
        mime = mimetypes.guess_type(file_name)[0] or source.content_type or "application/octet-stream"
        return await self.store_document(source.data, file_name=file_name, mime_type=mime)

    def check_reference(self, reference: str) -> StoredFile:
        if reference.startswith(("http://", "https://")):
            raise bad("failed to get HTTP URL content")  # the fake cannot fetch URLs
        stored = self._files.get(reference)
        if stored is None:
            raise bad("wrong file identifier/HTTP URL specified")
        return stored

    async def store_user_photo(self, data: bytes) -> list[JSON]:
        try:
            _size, renditions = await asyncio.to_thread(render_photo_sizes, data)
        except ValueError as exc:
            raise ValueError(f"a person can only send a decodable image as a photo: {exc}") from exc
        return [stored.photo_size() for stored in self.store_photo(renditions)]

    async def store_document(self, data: bytes, *, file_name: str, mime_type: str | None) -> JSON:
        mime = mime_type or mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        stored = self.store(
            "document", data, extension=file_extension(file_name, mime), file_name=file_name, mime_type=mime
        )
        document: JSON = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": file_name,
            "mime_type": mime,
            "file_size": stored.file_size,
        }
        if mime.startswith("image/") and len(data) <= MAX_PHOTO_UPLOAD_BYTES:
            thumbnail = await self._document_thumbnail(data)
            if thumbnail is not None:
                document["thumbnail"] = thumbnail
        return document

    async def _document_thumbnail(self, data: bytes) -> JSON | None:
        try:
            _size, renditions = await asyncio.to_thread(render_photo_sizes, data)
        except ValueError:
            return None
        small = [r for r in renditions if max(r.width, r.height) <= DOCUMENT_THUMBNAIL_SIDE]
        if not small:
            return None
        stored = self.store(
            "photo",
            small[-1].data,
            extension="jpg",
            width=small[-1].width,
            height=small[-1].height,
            folder="thumbnails",
        )
        return stored.photo_size()


def file_extension(file_name: str, mime_type: str) -> str:
    suffix = file_name.rsplit(".", 1)[-1] if "." in file_name else ""
    if suffix and re.fullmatch(r"[A-Za-z0-9]{1,8}", suffix):
        return suffix.lower()
    guessed = mimetypes.guess_extension(mime_type) or ".bin"
    return guessed.lstrip(".")

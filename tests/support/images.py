"""Images for the tests: the test face (``tests/data``), generators, checks on what came back, and a corpus
of hostile or broken files people might send.

Each corpus entry says what a person should get back when they send it as a file with ``/older``: a result
(``"result"``) or a clear refusal that costs nothing (``"refused"``). The face check of the fake vendors is
"the image is not one flat colour", so photo-like images count as faces and flat ones as "no face".
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from PIL import Image, ImageChops

DATA = Path(__file__).resolve().parent.parent / "data"
FACE = (DATA / "astronaut.jpg").read_bytes()  # 512x512, one face
FACE_256 = (DATA / "astronaut-256.jpg").read_bytes()


def jpeg(size: tuple[int, int] = (512, 512)) -> bytes:
    """The test face scaled to ``size``, as a JPEG."""
    with Image.open(io.BytesIO(FACE)) as image:
        buffer = io.BytesIO()
        image.convert("RGB").resize(size).save(buffer, "JPEG", quality=90)
        return buffer.getvalue()


def decodes(data: bytes) -> tuple[int, int]:
    """The size of the image in ``data``, once fully decoded (raises if it does not decode)."""
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        return image.size


def green_pixels(data: bytes) -> int:
    """How many pixels are the face box's bright green."""
    with Image.open(io.BytesIO(data)) as image:
        raw = image.convert("RGB").tobytes()
    return sum(1 for i in range(0, len(raw), 3) if raw[i + 1] > 200 and raw[i] < 80 and raw[i + 2] < 80)


def encode(im: Image.Image, fmt: str = "JPEG", **params: Any) -> bytes:
    buffer = io.BytesIO()
    im.save(buffer, fmt, **params)
    return buffer.getvalue()


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return len(payload).to_bytes(4, "big") + kind + payload + zlib.crc32(kind + payload).to_bytes(4, "big")


def zero_png(width: int, height: int, *, colour_type: int = 2, bit_depth: int = 8) -> bytes:
    """A valid all-black PNG of any size in a few milliseconds and little memory.

    Each row compresses on its own (Z_FULL_FLUSH resets the compressor), so the deflate bytes of one
    zero row can be repeated ``height`` times; the Adler-32 of all-zero data is known in closed form.
    A 20000x20000 RGB image (1.2 GB decoded) is about 1.6 MB of file.
    """
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour_type]
    row_bytes = 1 + (width * channels * bit_depth + 7) // 8
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    row_block = compressor.compress(bytes(row_bytes)) + compressor.flush(zlib.Z_FULL_FLUSH)
    final_block = compressor.flush(zlib.Z_FINISH)
    adler = ((row_bytes * height) % 65521) << 16 | 1
    idat = b"\x78\xda" + row_block * height + final_block + adler.to_bytes(4, "big")
    ihdr = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([bit_depth, colour_type, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


def photo_like(width: int, height: int, sigma: float = 12.0) -> Image.Image:
    """The astronaut scaled to any size, with luminance noise so that it compresses like a camera photo."""
    with Image.open(DATA / "astronaut.jpg") as astronaut:
        base = astronaut.convert("RGB").resize((width, height), Image.Resampling.BILINEAR)
    noise = Image.effect_noise((width, height), sigma).convert("RGB")
    return ImageChops.add(base, noise, scale=1.0, offset=-128)


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photo.jpg", b"not really")
    return buffer.getvalue()


def exif_with_orientation(orientation: int, *, padding: int = 0) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    if padding:
        exif[0x010E] = "x" * padding  # ImageDescription: a big EXIF block
    return exif.tobytes()


def heic(im: Image.Image) -> bytes | None:
    """HEIC bytes, or None where pillow-heif has no encoder."""
    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
        return encode(im, "HEIF", quality=50)
    except Exception:
        return None


def sixteen_bit(im: Image.Image) -> Image.Image:
    """A real 16-bit greyscale image: 0..255 stretched to 0..65535 (not 8-bit values in a 16-bit range)."""
    return im.convert("L").convert("I").point(lambda v: v * 257).convert("I;16")


@dataclass(frozen=True)
class CorpusFile:
    name: str
    data: bytes
    mime: str
    expect: Literal["result", "refused"]


def hostile_corpus() -> list[CorpusFile]:
    """At least 30 files: broken, hostile, odd, and a few fine ones in disguise."""
    face = Image.open(io.BytesIO(FACE)).convert("RGB")
    flat = Image.new("RGB", (600, 600), (120, 120, 120))
    frames = [face.resize((400, 400)), Image.new("RGB", (400, 400), (0, 0, 255))]  # face: 70 px, editable
    files = [
        CorpusFile("truncated.jpg", FACE[: len(FACE) // 2], "image/jpeg", "refused"),
        CorpusFile("truncated-tiny.jpg", FACE[:200], "image/jpeg", "refused"),
        CorpusFile("empty.jpg", b"", "image/jpeg", "refused"),
        CorpusFile("bomb-20000.png", zero_png(20000, 20000), "image/png", "refused"),
        CorpusFile("bomb-wide.png", zero_png(30000, 100), "image/png", "refused"),
        CorpusFile("one-pixel.png", encode(Image.new("RGB", (1, 1), (255, 0, 0)), "PNG"), "image/png", "refused"),
        CorpusFile("tiny-100.jpg", encode(face.resize((100, 100))), "image/jpeg", "refused"),
        CorpusFile("cmyk.jpg", encode(face.convert("CMYK")), "image/jpeg", "result"),
        CorpusFile("sixteen-bit.png", encode(sixteen_bit(face), "PNG"), "image/png", "result"),
        CorpusFile(
            "animated.gif", encode(frames[0], "GIF", save_all=True, append_images=frames[1:]), "image/gif", "result"
        ),
        CorpusFile("photo.webp", encode(face, "WEBP"), "image/webp", "result"),
        CorpusFile("photo.bmp", encode(face, "BMP"), "image/bmp", "result"),
        CorpusFile(
            "report.pdf.jpg", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n", "image/jpeg", "refused"
        ),
        CorpusFile("archive.zip.jpg", zip_bytes(), "image/jpeg", "refused"),
        CorpusFile("notes.txt.jpg", "Not a photo at all.\nПросто текст.\n".encode(), "image/jpeg", "refused"),
        CorpusFile("page.html.png", b"<!doctype html><html><body>hi</body></html>", "image/png", "refused"),
        CorpusFile("random.jpg", bytes((i * 7919) % 251 for i in range(4096)), "image/jpeg", "refused"),
        CorpusFile("huge-exif.jpg", encode(face, exif=exif_with_orientation(1, padding=60000)), "image/jpeg", "result"),
        CorpusFile("png-named.jpg", encode(face, "PNG"), "image/jpeg", "result"),
        CorpusFile("rotated-6.jpg", encode(face, exif=exif_with_orientation(6)), "image/jpeg", "result"),
        CorpusFile("rotated-8.jpg", encode(face, exif=exif_with_orientation(8)), "image/jpeg", "result"),
        CorpusFile(
            "palette-alpha.png", encode(face.convert("RGBA").convert("P"), "PNG", transparency=0), "image/png", "result"
        ),
        CorpusFile("grey.jpg", encode(face.convert("L")), "image/jpeg", "result"),
        CorpusFile("progressive.jpg", encode(face, progressive=True), "image/jpeg", "result"),
        CorpusFile("no-face.jpg", encode(flat), "image/jpeg", "refused"),
        CorpusFile(
            "thin-strip.png", encode(Image.new("RGB", (6000, 60), (10, 200, 10)), "PNG"), "image/png", "refused"
        ),
        CorpusFile("tiff.jpg", encode(face, "TIFF"), "image/jpeg", "refused"),
        CorpusFile(
            "svg.png", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "image/png", "refused"
        ),
        CorpusFile("mp4.jpg", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(64), "image/jpeg", "refused"),
        CorpusFile("jpeg-header-only.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "image/jpeg", "refused"),
        CorpusFile("big-photo.jpg", encode(photo_like(4000, 3000), quality=92), "image/jpeg", "result"),
    ]
    heic_bytes = heic(face)
    if heic_bytes is not None:
        files.append(CorpusFile("photo.heic", heic_bytes, "image/heic", "result"))
    return files

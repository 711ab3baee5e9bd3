"""Tests for bot.imaging: every image is generated here (plus tests/data/astronaut.jpg), all in memory."""

from __future__ import annotations

import contextlib
import io
import random
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pillow_heif
import pytest
from PIL import ExifTags, Image, ImageFile, features

from bot import imaging
from bot.imaging import (
    ACCUAUTH_RULES,
    ACEDATA_RULES,
    AILAB_RULES,
    MAX_DECODED_PIXELS,
    MAX_INPUT_SIDE,
    TELEGRAM_PHOTO_RULES,
    ImageRejected,
    ImageRules,
    PreparedImage,
    RejectReason,
    _convert,
    _encode,
    choose_photo_size,
    draw_face_box,
    prepare,
    probe,
)
from tests.support.images import DATA, encode, photo_like, zero_png, zip_bytes

RED = (255, 0, 0)
GREY = (128, 128, 128)
BLUE = (0, 0, 255)

# --------------------------------------------------------------------------------------------------
# Generators


def solid_jpeg(width: int, height: int, colour: tuple[int, int, int] = GREY, **params: Any) -> bytes:
    return encode(Image.new("RGB", (width, height), colour), "JPEG", quality=90, **params)


def exif_block(orientation: int | None = None, *, gps: bool = False) -> bytes:
    exif = Image.Exif()
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "TestCam"
    if gps:
        gps_ifd = exif.get_ifd(ExifTags.IFD.GPSInfo)
        gps_ifd[ExifTags.GPS.GPSLatitudeRef] = "N"
        gps_ifd[ExifTags.GPS.GPSLatitude] = (55.0, 45.0, 21.0)
        gps_ifd[ExifTags.GPS.GPSLongitudeRef] = "E"
        gps_ifd[ExifTags.GPS.GPSLongitude] = (37.0, 37.0, 4.0)
    return exif.tobytes()


def marker_image(width: int, height: int) -> Image.Image:
    """Grey with a red block in the stored top-left corner, to see where a rotation put it."""
    im = Image.new("RGB", (width, height), GREY)
    im.paste(RED, (0, 0, width // 4, height // 4))
    return im


def corner_colours(im: Image.Image) -> dict[str, tuple[int, ...]]:
    """Mean colour near each corner (an eighth of each side in)."""
    w, h = im.size
    dx, dy = w // 8, h // 8
    boxes = {
        "top_left": (0, 0, dx, dy),
        "top_right": (w - dx, 0, w, dy),
        "bottom_left": (0, h - dy, dx, h),
        "bottom_right": (w - dx, h - dy, w, h),
    }
    return {name: mean_colour(im.crop(box)) for name, box in boxes.items()}


def mean_colour(im: Image.Image) -> tuple[int, ...]:
    pixel = im.convert("RGB").resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    assert isinstance(pixel, tuple)
    return pixel


def close(a: tuple[int, ...], b: tuple[int, ...], tolerance: int = 12) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


def heif_encoder_available() -> bool:
    try:
        encode(Image.new("RGB", (64, 64), GREY), "HEIF", quality=50)
    except Exception:
        return False
    return True


needs_heif_encoder = pytest.mark.skipif(
    not heif_encoder_available(), reason="pillow_heif has no HEIF encoder here (libheif without x265)"
)


@contextlib.contextmanager
def forbid_decoding() -> Iterator[None]:
    """Fail if anything decodes pixels inside the block (all Pillow decoding goes through load())."""
    calls: list[str] = []

    def forbidden(self: Image.Image, *args: object, **kwargs: object) -> None:
        calls.append(type(self).__name__)
        raise AssertionError("pixels were decoded")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ImageFile.ImageFile, "load", forbidden)
        patch.setattr(Image.Image, "load", forbidden)
        yield
    assert calls == []


@pytest.fixture
def no_decode() -> Iterator[None]:
    with forbid_decoding():
        yield


def decoded(prepared: PreparedImage | bytes) -> Image.Image:
    data = prepared.data if isinstance(prepared, PreparedImage) else prepared
    im = Image.open(io.BytesIO(data))
    im.load()  # keeps .format, unlike copy()
    return im


def reject(data: bytes, rules: ImageRules = AILAB_RULES) -> ImageRejected:
    with pytest.raises(ImageRejected) as caught:
        prepare(data, rules)
    return caught.value


@pytest.fixture(scope="module")
def astronaut() -> bytes:
    return (DATA / "astronaut.jpg").read_bytes()


# --------------------------------------------------------------------------------------------------
# probe


def test_probe_reads_header(astronaut: bytes, no_decode: None) -> None:
    info = probe(astronaut)
    assert (info.format, info.width, info.height, info.orientation, info.mode, info.frames) == (
        "JPEG",
        512,
        512,
        1,
        "RGB",
        1,
    )


def test_probe_reports_orientation_and_upright_size() -> None:
    info = probe(solid_jpeg(600, 400, exif=exif_block(6)))
    assert (info.width, info.height, info.orientation) == (600, 400, 6)
    assert info.upright_size == (400, 600)


def test_probe_animated_gif_counts_frames() -> None:
    frames = [Image.new("RGB", (300, 300), RED), Image.new("RGB", (300, 300), BLUE)]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:])
    assert probe(data).frames == 2


# --------------------------------------------------------------------------------------------------
# Not images, unsupported, corrupt


@pytest.mark.parametrize(
    ("data", "reason", "detected"),
    [
        (b"", RejectReason.EMPTY, None),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", RejectReason.NOT_AN_IMAGE, "pdf"),
        (zip_bytes(), RejectReason.NOT_AN_IMAGE, "zip"),
        ("Привет, это не фото.\nJust text.\n".encode(), RejectReason.NOT_AN_IMAGE, "text"),
        (b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(64), RejectReason.NOT_AN_IMAGE, "video"),
        (b"\x1aE\xdf\xa3" + bytes(60), RejectReason.NOT_AN_IMAGE, "video"),
        (bytes(range(256)) * 4, RejectReason.NOT_AN_IMAGE, None),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', RejectReason.UNSUPPORTED_FORMAT, "svg"),
        (encode(Image.new("RGB", (300, 300), GREY), "TIFF"), RejectReason.UNSUPPORTED_FORMAT, "tiff"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", RejectReason.CORRUPT, "jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", RejectReason.CORRUPT, "png"),
    ],
    ids=["empty", "pdf", "zip", "text", "mp4", "webm", "binary", "svg", "tiff", "jpeg-header", "png-header"],
)
def test_rejects_what_is_not_a_supported_image(data: bytes, reason: RejectReason, detected: str | None) -> None:
    error = reject(data)
    assert error.reason is reason
    assert error.detected_format == detected
    with pytest.raises(ImageRejected) as caught:
        probe(data)
    assert caught.value.reason is reason


def test_pdf_named_jpg_is_rejected_by_content(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"%PDF-1.4\n" + bytes(200))
    assert reject(path.read_bytes()).reason is RejectReason.NOT_AN_IMAGE


@pytest.mark.skipif(not features.check("avif"), reason="Pillow built without AVIF")
def test_avif_is_unsupported() -> None:
    error = reject(encode(Image.new("RGB", (300, 300), GREY), "AVIF"))
    assert (error.reason, error.detected_format) == (RejectReason.UNSUPPORTED_FORMAT, "avif")


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_truncated_jpeg_is_corrupt(astronaut: bytes, keep: float) -> None:
    """Also when it would otherwise pass through untouched: the container walk finds no EOI."""
    error = reject(astronaut[: int(len(astronaut) * keep)])
    assert error.reason is RejectReason.CORRUPT
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_damaged_png_pixels_are_corrupt() -> None:
    data = bytearray(encode(photo_like(400, 300), "PNG"))
    idat = data.index(b"IDAT")
    data[idat + 500 : idat + 520] = bytes(20)  # CRC no longer matches, and the deflate stream is broken
    assert reject(bytes(data)).reason is RejectReason.CORRUPT


def test_huge_input_bytes_are_refused_unread() -> None:
    error = reject(b"\xff\xd8\xff" + bytes(imaging.MAX_INPUT_BYTES))
    assert error.reason is RejectReason.TOO_MANY_BYTES
    assert error.max_bytes == imaging.MAX_INPUT_BYTES


# --------------------------------------------------------------------------------------------------
# Decompression bombs


def test_zero_png_generator_makes_valid_png() -> None:
    with Image.open(io.BytesIO(zero_png(300, 200))) as im:
        im.load()
        assert (im.size, im.mode, im.getextrema()) == ((300, 200), "RGB", ((0, 0), (0, 0), (0, 0)))


def test_20000_square_png_refused_without_decoding(no_decode: None) -> None:
    bomb = zero_png(20_000, 20_000)
    assert len(bomb) < 3_000_000
    for call in (lambda: prepare(bomb, ACEDATA_RULES), lambda: probe(bomb)):
        with pytest.raises(ImageRejected) as caught:
            call()
        assert caught.value.reason is RejectReason.TOO_LARGE_PIXELS


def test_overlong_side_refused(no_decode: None) -> None:
    error = reject(zero_png(MAX_INPUT_SIDE + 1, 300, colour_type=0, bit_depth=1))
    assert (error.reason, error.width, error.height, error.max_side) == (
        RejectReason.TOO_LARGE_PIXELS,
        MAX_INPUT_SIDE + 1,
        300,
        MAX_INPUT_SIDE,
    )


def test_png_over_decode_budget_refused(no_decode: None) -> None:
    """60 MP passes the header guard but not the decode budget, which a PNG cannot shrink."""
    error = reject(zero_png(10_000, 6_000, colour_type=0, bit_depth=1), ACCUAUTH_RULES)
    assert (error.reason, error.width, error.height, error.max_pixels) == (
        RejectReason.TOO_LARGE_PIXELS,
        10_000,
        6_000,
        MAX_DECODED_PIXELS,
    )


def test_large_jpeg_is_decoded_at_draft_scale_to_stay_in_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """A JPEG over the budget is decoded at 1/2 (libjpeg DCT scaling) instead of being refused."""
    monkeypatch.setattr(_convert, "MAX_DECODED_PIXELS", 1_000_000)  # read where _decode reads it
    data = solid_jpeg(2000, 1200, exif=exif_block(6))  # 2.4 MP; rotated, so it must be decoded
    result = prepare(data, ACCUAUTH_RULES)  # ACCUAUTH alone would keep 2000 px
    assert (result.width, result.height, result.passed_through) == (600, 1000, False)


# --------------------------------------------------------------------------------------------------
# Bounds


@pytest.mark.parametrize(("width", "height"), [(1, 1), (100, 100), (256, 900), (900, 256)])
def test_too_small_for_ailab(width: int, height: int) -> None:
    error = reject(solid_jpeg(width, height))
    assert (error.reason, error.width, error.height, error.min_side) == (
        RejectReason.TOO_SMALL,
        width,
        height,
        AILAB_RULES.min_side,
    )


@pytest.mark.parametrize(
    ("rules", "size", "expected", "passed"),
    [
        (AILAB_RULES, (257, 257), (257, 257), True),
        (AILAB_RULES, (4095, 300), (4095, 300), True),
        (AILAB_RULES, (4096, 300), (4095, 299), False),
        (AILAB_RULES, (300, 4096), (299, 4095), False),
        (ACCUAUTH_RULES, (128, 128), (128, 128), True),
        (ACCUAUTH_RULES, (6000, 200), (6000, 200), True),
        (ACCUAUTH_RULES, (6001, 200), (6000, 199), False),
        (ACEDATA_RULES, (128, 4096), (128, 4096), True),
        (ACEDATA_RULES, (4097, 200), (4096, 199), False),
    ],
)
def test_bounds_are_inclusive_and_large_images_shrink(
    rules: ImageRules, size: tuple[int, int], expected: tuple[int, int], passed: bool
) -> None:
    data = solid_jpeg(*size)
    result = prepare(data, rules)
    assert ((result.width, result.height), result.passed_through) == (expected, passed)
    assert decoded(result).size == expected
    if passed:
        assert result.data == data


@pytest.mark.parametrize(("rules", "short"), [(ACCUAUTH_RULES, 127), (ACEDATA_RULES, 127), (AILAB_RULES, 256)])
def test_one_pixel_under_the_minimum(rules: ImageRules, short: int) -> None:
    assert reject(solid_jpeg(short, 1000), rules).reason is RejectReason.TOO_SMALL
    prepare(solid_jpeg(short + 1, 1000), rules)


def test_long_thin_image_that_cannot_shrink_into_bounds() -> None:
    error = reject(solid_jpeg(9000, 300))  # 4095 px long would leave 136 px < 257
    assert error.reason is RejectReason.BAD_ASPECT_RATIO


def test_telegram_aspect_ratio_and_dimension_sum() -> None:
    assert reject(solid_jpeg(2100, 100), TELEGRAM_PHOTO_RULES).reason is RejectReason.BAD_ASPECT_RATIO
    prepare(solid_jpeg(2000, 100), TELEGRAM_PHOTO_RULES)  # exactly 20
    result = prepare(solid_jpeg(6000, 5000), TELEGRAM_PHOTO_RULES)
    assert result.width + result.height <= 10_000
    assert (result.width, result.height) == (5454, 4545)


def test_rules_validation() -> None:
    with pytest.raises(ValueError, match="JPEG"):
        ImageRules("x", frozenset({"PNG"}), 1, 10, 10)
    with pytest.raises(ValueError, match="pass"):
        ImageRules("x", frozenset({"JPEG", "BMP"}), 1, 10, 10)
    with pytest.raises(ValueError, match="min_side"):
        ImageRules("x", frozenset({"JPEG"}), 20, 10, 10)


def test_vendor_minimums_leave_room_for_a_face() -> None:
    for rules in (AILAB_RULES, ACCUAUTH_RULES, ACEDATA_RULES):
        assert rules.min_side >= 2 * 64


# --------------------------------------------------------------------------------------------------
# Orientation


@pytest.mark.parametrize(
    ("orientation", "red_corner"),
    [(1, "top_left"), (3, "bottom_right"), (6, "top_right"), (8, "bottom_left")],
)
def test_exif_rotation_is_applied(orientation: int, red_corner: str) -> None:
    data = encode(marker_image(600, 400), quality=95, exif=exif_block(orientation))
    result = prepare(data, ACCUAUTH_RULES)
    expected_size = (400, 600) if orientation in (6, 8) else (600, 400)
    assert (result.width, result.height) == expected_size
    im = decoded(result)
    assert im.size == expected_size
    corners = corner_colours(im)
    assert close(corners.pop(red_corner), RED, 30)
    assert all(close(colour, GREY) for colour in corners.values())
    assert result.passed_through is (orientation == 1)


def test_png_exif_orientation_is_applied() -> None:
    data = encode(marker_image(600, 400), "PNG", exif=exif_block(6))
    result = prepare(data, ACCUAUTH_RULES)
    assert (result.width, result.height, result.passed_through) == (400, 600, False)
    assert close(corner_colours(decoded(result))["top_right"], RED, 30)


# --------------------------------------------------------------------------------------------------
# Modes and formats


def test_cmyk_jpeg_becomes_rgb() -> None:
    data = encode(Image.new("CMYK", (300, 300), (0, 255, 255, 0)), quality=95)
    assert probe(data).mode == "CMYK"
    result = prepare(data, AILAB_RULES)
    im = decoded(result)
    assert (im.mode, result.passed_through) == ("RGB", False)
    assert close(mean_colour(im), RED, 30)


def test_palette_png_with_alpha_is_flattened_on_white() -> None:
    im = Image.new("P", (300, 300), 0)
    im.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    im.paste(1, (0, 0, 150, 300))  # left half red, right half index 0 = transparent
    data = encode(im, "PNG", transparency=0)
    result = prepare(data, AILAB_RULES)
    out = decoded(result)
    assert out.mode == "RGB"
    assert close(mean_colour(out.crop((0, 0, 140, 300))), RED)
    assert close(mean_colour(out.crop((160, 0, 300, 300))), (255, 255, 255))


@pytest.mark.parametrize("mode", ["RGBA", "LA"])
def test_alpha_is_flattened_on_white(mode: str) -> None:
    im = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    im.paste((0, 0, 0, 255), (0, 0, 150, 300))
    data = encode(im.convert(mode), "PNG")
    out = decoded(prepare(data, AILAB_RULES))
    assert close(mean_colour(out.crop((0, 0, 140, 300))), (0, 0, 0))
    assert close(mean_colour(out.crop((160, 0, 300, 300))), (255, 255, 255))


def test_sixteen_bit_png_is_scaled_not_clipped() -> None:
    im = Image.new("I;16", (300, 300), 40_000)
    im.paste(Image.new("I;16", (150, 300), 10_000), (0, 0))
    data = encode(im, "PNG")
    assert probe(data).mode.startswith("I;16")
    out = decoded(prepare(data, AILAB_RULES))
    left, right = mean_colour(out.crop((0, 0, 140, 300))), mean_colour(out.crop((160, 0, 300, 300)))
    assert close(left, (39, 39, 39), 3)  # 10000 / 65535 * 255
    assert close(right, (156, 156, 156), 3)  # 40000 / 65535 * 255, not 255


def test_grey_jpeg_passes_through_and_grey_png_is_converted() -> None:
    grey_jpeg = encode(Image.new("L", (300, 300), 100), quality=90)
    assert prepare(grey_jpeg, AILAB_RULES).data == grey_jpeg
    grey_png = encode(Image.new("L", (300, 300), 100), "PNG")
    result = prepare(grey_png, AILAB_RULES)
    assert (result.content_type, decoded(result).mode) == ("image/jpeg", "RGB")


def test_animated_gif_uses_first_frame() -> None:
    frames = [Image.new("RGB", (300, 300), RED), Image.new("RGB", (300, 300), BLUE)]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    result = prepare(data, AILAB_RULES)
    assert (result.content_type, result.passed_through) == ("image/jpeg", False)
    assert close(mean_colour(decoded(result)), RED)


@pytest.mark.parametrize("fmt", ["WEBP", "BMP"])
def test_webp_and_bmp_are_reencoded_as_jpeg(fmt: str) -> None:
    data = encode(marker_image(400, 300), fmt)
    result = prepare(data, AILAB_RULES)
    assert (result.content_type, result.passed_through, result.width, result.height) == ("image/jpeg", False, 400, 300)
    assert close(corner_colours(decoded(result))["top_left"], RED, 30)


def test_mpo_is_decoded_as_jpeg_but_never_passed_through(astronaut: bytes) -> None:
    with Image.open(io.BytesIO(astronaut)) as first:
        data = encode(first, "MPO", save_all=True, append_images=[first.rotate(90)])
    info = probe(data)
    assert (info.format, info.frames) == ("MPO", 2)
    result = prepare(data, AILAB_RULES)
    assert (result.passed_through, result.width, result.height) == (False, 512, 512)
    assert len(result.data) < len(data)


@needs_heif_encoder
def test_heic_with_rotation_becomes_upright_jpeg() -> None:
    data = encode(marker_image(600, 400), "HEIF", quality=90, exif=exif_block(6))
    assert probe(data).format == "HEIF"
    result = prepare(data, AILAB_RULES)
    assert (result.content_type, result.width, result.height) == ("image/jpeg", 400, 600)
    assert close(corner_colours(decoded(result))["top_right"], RED, 40)


def test_heic_opener_is_registered() -> None:
    assert "HEIF" in Image.OPEN
    assert pillow_heif.__version__


# --------------------------------------------------------------------------------------------------
# Acceptance: a big rotated camera photo for AILab


def assert_upright_ailab_jpeg(result: PreparedImage) -> None:
    assert result.content_type == "image/jpeg"
    assert result.passed_through is False
    assert len(result.data) <= AILAB_RULES.max_bytes
    assert (result.width, result.height) == (2730, 4095)  # portrait: 4000x6000 scaled to 4095 long
    im = decoded(result)
    assert (im.format, im.size) == ("JPEG", (2730, 4095))
    assert AILAB_RULES.min_side <= min(im.size) and max(im.size) <= AILAB_RULES.max_side
    assert not im.getexif()
    corners = corner_colours(im)
    assert close(corners["top_right"], RED, 40)
    assert not close(corners["top_left"], RED, 100)


def big_rotated_photo() -> Image.Image:
    """6000x4000 as a camera stores a portrait shot (orientation 6), a red block in the stored top-left."""
    im = photo_like(6000, 4000)
    im.paste(RED, (0, 0, 1500, 1000))
    return im


def test_big_rotated_jpeg_for_ailab() -> None:
    data = encode(big_rotated_photo(), quality=92, exif=exif_block(6, gps=True))
    assert len(data) > AILAB_RULES.max_bytes
    assert_upright_ailab_jpeg(prepare(data, AILAB_RULES))


@needs_heif_encoder
def test_big_rotated_heic_for_ailab() -> None:
    im = photo_like(6000, 4000, sigma=0.1)
    im.paste(RED, (0, 0, 1500, 1000))
    data = encode(im, "HEIF", quality=60, exif=exif_block(6, gps=True), enc_params={"preset": "ultrafast"})
    assert probe(data).format == "HEIF"
    assert_upright_ailab_jpeg(prepare(data, AILAB_RULES))


# --------------------------------------------------------------------------------------------------
# Pass-through and metadata


def test_pass_through_returns_identical_bytes_without_decoding(astronaut: bytes, no_decode: None) -> None:
    for rules in (AILAB_RULES, ACCUAUTH_RULES, ACEDATA_RULES, TELEGRAM_PHOTO_RULES):
        result = prepare(astronaut, rules)
        assert result.passed_through
        assert result.data is astronaut
        assert (result.content_type, result.width, result.height) == ("image/jpeg", 512, 512)


def test_png_pass_through() -> None:
    data = encode(Image.new("RGB", (300, 300), GREY), "PNG")
    with forbid_decoding():
        result = prepare(data, AILAB_RULES)
    assert (result.passed_through, result.content_type, result.data) == (True, "image/png", data)


def test_png_is_reencoded_for_a_jpeg_only_vendor() -> None:
    data = encode(Image.new("RGB", (300, 300), GREY), "PNG")
    result = prepare(data, ACEDATA_RULES)
    assert (result.passed_through, result.content_type) == (False, "image/jpeg")


def test_pass_through_cuts_gps_exif_and_comments_losslessly(astronaut: bytes) -> None:
    with Image.open(io.BytesIO(astronaut)) as im:
        im.load()
        original = im.copy()
    data = encode(original, quality=90, exif=exif_block(1, gps=True), comment=b"shot at home")
    data += b"trailing motion-photo video"
    with forbid_decoding():
        result = prepare(data, AILAB_RULES)
    assert result.passed_through
    assert b"Exif" not in result.data and b"shot at home" not in result.data
    assert b"TestCam" not in result.data and not result.data.endswith(b"video")
    assert decoded(result).tobytes() == decoded(data).tobytes()


@pytest.mark.parametrize(
    "params",
    [{"progressive": True}, {"restart_marker_blocks": 4}, {"subsampling": 0, "quality": 98}],
    ids=["progressive", "restart-markers", "4:4:4"],
)
def test_metadata_cut_keeps_every_jpeg_flavour_intact(astronaut: bytes, params: dict[str, Any]) -> None:
    """Progressive scans carry markers between scans and RSTn markers sit inside entropy data."""
    original = decoded(astronaut)
    data = encode(original, exif=exif_block(1, gps=True), **{"quality": 90, **params})
    with forbid_decoding():
        result = prepare(data, AILAB_RULES)
    assert result.passed_through and b"Exif" not in result.data
    assert len(data) - len(result.data) < 1_000
    assert decoded(result).tobytes() == decoded(data).tobytes()


def test_png_text_chunks_are_cut() -> None:
    from PIL import PngImagePlugin

    meta = PngImagePlugin.PngInfo()
    meta.add_text("Comment", "my home address")
    data = encode(Image.new("RGB", (300, 300), GREY), "PNG", pnginfo=meta)
    result = prepare(data, AILAB_RULES)
    assert result.passed_through and b"home address" not in result.data
    assert decoded(result).tobytes() == decoded(data).tobytes()


def test_reencoded_output_has_no_metadata() -> None:
    data = encode(marker_image(600, 400), quality=95, exif=exif_block(6, gps=True), comment=b"secret")
    result = prepare(data, AILAB_RULES)
    assert not result.passed_through
    assert b"Exif" not in result.data and b"secret" not in result.data and b"TestCam" not in result.data
    assert "comment" not in decoded(result).info


def test_pass_through_needs_the_byte_limit(astronaut: bytes) -> None:
    exact = ImageRules("t", frozenset({"JPEG"}), 64, 4096, len(astronaut))
    assert prepare(astronaut, exact).passed_through
    under = ImageRules("t", frozenset({"JPEG"}), 64, 4096, len(astronaut) - 1)
    result = prepare(astronaut, under)
    assert not result.passed_through and len(result.data) <= under.max_bytes


# --------------------------------------------------------------------------------------------------
# Fitting the byte limit


def test_quality_steps_fit_without_shrinking() -> None:
    data = encode(photo_like(800, 800, sigma=6), "PNG")
    at_90 = len(_encode._encode_jpeg(decoded(data), 90, None))
    rules = ImageRules("t", frozenset({"JPEG"}), 64, 4096, int(at_90 * 0.9))
    result = prepare(data, rules)
    assert (result.width, result.height) == (800, 800)
    assert len(result.data) <= rules.max_bytes


def test_noisy_image_is_shrunk_to_fit() -> None:
    data = encode(photo_like(1000, 800, sigma=40), "PNG")
    rules = ImageRules("t", frozenset({"JPEG"}), 64, 4096, 150_000)
    result = prepare(data, rules)
    assert len(result.data) <= rules.max_bytes
    assert result.width < 1000 and result.height < 800
    assert abs(result.width / result.height - 1000 / 800) < 0.01
    assert decoded(result).size == (result.width, result.height)


def test_impossible_byte_limit() -> None:
    data = encode(photo_like(600, 600, sigma=40), "PNG")
    rules = ImageRules("t", frozenset({"JPEG"}), 500, 4096, 20_000)
    error = reject(data, rules)
    assert (error.reason, error.max_bytes) == (RejectReason.TOO_MANY_BYTES, 20_000)


# --------------------------------------------------------------------------------------------------
# draw_face_box


def test_face_box_is_drawn_inside_the_box() -> None:
    data = encode(Image.new("RGB", (400, 300), GREY), quality=95)
    out = decoded(draw_face_box(data, (50, 60, 150, 200)))
    assert (out.format, out.size) == ("JPEG", (400, 300))
    assert mean_colour(out.crop((50, 100, 52, 160)))[1] > 200  # left edge is green
    assert close(mean_colour(out.crop((70, 80, 130, 180))), GREY)  # inside untouched
    assert close(mean_colour(out.crop((200, 0, 400, 300))), GREY)  # outside untouched


def test_face_box_is_clamped_to_the_image() -> None:
    data = encode(Image.new("RGB", (400, 300), GREY), quality=95)
    out = decoded(draw_face_box(data, (1000, 900, -50, -40)))  # corners swapped and outside
    assert out.size == (400, 300)
    assert mean_colour(out.crop((0, 100, 2, 200)))[1] > 200
    assert mean_colour(out.crop((398, 100, 400, 200)))[1] > 200
    assert close(mean_colour(out.crop((50, 50, 350, 250))), GREY)
    decoded(draw_face_box(data, (500, 400, 600, 500)))  # wholly outside: still a picture


def test_face_box_on_rotated_large_photo(astronaut: bytes) -> None:
    """Box coordinates are upright-image coordinates; the result is scaled to Telegram's 2560 px."""
    data = encode(Image.new("RGB", (4000, 3000), GREY), quality=90, exif=exif_block(6))
    out = decoded(draw_face_box(data, (0, 0, 1500, 2000)))  # upright image is 3000x4000
    assert out.size == (1920, 2560)
    line = max(2, round(2560 / 250))
    assert mean_colour(out.crop((0, 200, line, 1000)))[1] > 200
    assert mean_colour(out.crop((960 - line, 200, 960, 1000)))[1] > 200
    assert close(mean_colour(out.crop((980, 0, 1920, 2560))), GREY)
    assert decoded(draw_face_box(astronaut, (180, 60, 330, 250))).size == (512, 512)


# --------------------------------------------------------------------------------------------------
# choose_photo_size

TELEGRAM_SIZES = [(90, 90, 2_000), (320, 320, 20_000), (800, 800, 90_000), (1280, 1280, 200_000), (2560, 2560, 700_000)]


def test_choose_smallest_good_working_size() -> None:
    assert choose_photo_size(TELEGRAM_SIZES, AILAB_RULES) == 3
    assert choose_photo_size(list(reversed(TELEGRAM_SIZES)), ACCUAUTH_RULES) == 1


def test_choose_largest_when_none_reaches_working_size() -> None:
    assert choose_photo_size(TELEGRAM_SIZES[:3], AILAB_RULES) == 2


def test_choose_skips_sizes_over_the_byte_limit() -> None:
    sizes = [(800, 600, 50_000), (1280, 960, 5_000_000), (2560, 1920, 9_000_000)]
    assert choose_photo_size(sizes, AILAB_RULES) == 0


def test_choose_when_every_size_is_too_big_or_too_small() -> None:
    small_vendor = ImageRules("t", frozenset({"JPEG"}), 200, 500, 10_000_000)
    assert choose_photo_size(TELEGRAM_SIZES, small_vendor) == 1  # 320 fits; nothing reaches 1024
    tiny_limit = ImageRules("t", frozenset({"JPEG"}), 64, 4096, 1_000)
    assert choose_photo_size(TELEGRAM_SIZES, tiny_limit) == 3  # none fits as is: shrink the 1280 one
    assert choose_photo_size([(90, 90, 1), (200, 150, 1)], AILAB_RULES) == 1  # all too small: largest


def test_choose_unknown_file_size_counts_as_fitting() -> None:
    assert choose_photo_size([(1280, 720, 0), (2560, 1440, 0)], AILAB_RULES) == 0


def test_choose_needs_sizes() -> None:
    with pytest.raises(ValueError, match="no photo sizes"):
        choose_photo_size([], AILAB_RULES)


# --------------------------------------------------------------------------------------------------
# Misc


def test_results_are_safe_to_log() -> None:
    result = prepare(solid_jpeg(300, 300), AILAB_RULES)
    assert "data" not in repr(result)
    error = reject(solid_jpeg(100, 100))
    assert str(error) == "too_small 100x100 min_side=257"
    for rules in (AILAB_RULES, ACCUAUTH_RULES, ACEDATA_RULES):
        assert rules.name not in str(error)


def test_rejection_survives_pickling() -> None:
    import pickle

    error = reject(solid_jpeg(100, 120))
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.reason, copy.width, copy.height, copy.min_side, str(copy)) == (error.reason, 100, 120, 257, str(error))


def test_rgb_png_with_colour_key_is_flattened() -> None:
    im = Image.new("RGB", (300, 300), (0, 0, 0))
    im.paste(RED, (0, 0, 150, 300))
    result = prepare(encode(im, "PNG", transparency=(0, 0, 0)), AILAB_RULES)
    assert not result.passed_through
    assert close(mean_colour(decoded(result).crop((160, 0, 300, 300))), (255, 255, 255))


def test_concurrent_calls_agree(astronaut: bytes) -> None:
    inputs = [
        encode(marker_image(600, 400), quality=95, exif=exif_block(6)),
        encode(marker_image(500, 500), "PNG"),
        astronaut,
        encode(marker_image(800, 300), "WEBP"),
    ] * 4
    sequential = [prepare(data, AILAB_RULES) for data in inputs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(lambda data: prepare(data, AILAB_RULES), inputs))
    assert parallel == sequential


# -- fitting a result to Telegram -------------------------------------------------------------------------


def test_a_result_that_fits_telegram_goes_as_it_is(astronaut: bytes) -> None:
    upload = imaging.fit_for_telegram(astronaut)
    assert (upload.as_photo, upload.data, upload.content_type) == (True, astronaut, "image/jpeg")
    png = encode(marker_image(600, 400), "PNG")
    assert imaging.fit_for_telegram(png) == imaging.TelegramUpload(png, True, "image/png", 600, 400)


@pytest.mark.parametrize(
    ("width", "height", "fitted"),
    [(9000, 3000, (7500, 2500)), (2000, 100, (2000, 100)), (10000, 600, (9433, 566))],
    ids=["sum over 10000", "ratio exactly 20", "both"],
)
def test_a_result_over_the_photo_limits_is_scaled_into_them(width: int, height: int, fitted: tuple[int, int]) -> None:
    upload = imaging.fit_for_telegram(encode(Image.new("RGB", (width, height), RED), "PNG"))
    assert upload.as_photo and (upload.width, upload.height) == fitted
    assert sum(fitted) <= 10_000 and max(fitted) <= 20 * min(fitted)
    assert decoded(PreparedImage(upload.data, upload.content_type, *fitted, passed_through=False)).size == fitted


def test_a_result_over_10_mb_is_reencoded_under_it() -> None:
    noisy = Image.frombytes("RGB", (2000, 2000), random.Random(3).randbytes(2000 * 2000 * 3))
    big = encode(noisy, "PNG", compress_level=1)
    assert len(big) > 10_000_000
    upload = imaging.fit_for_telegram(big)
    assert upload.as_photo and upload.content_type == "image/jpeg" and len(upload.data) <= 10_000_000


def test_a_result_no_photo_can_show_goes_as_a_document() -> None:
    strip = encode(Image.new("RGB", (13000, 400), RED), "PNG")  # side ratio 32.5
    upload = imaging.fit_for_telegram(strip)
    assert (upload.as_photo, upload.data, upload.content_type, upload.file_name) == (
        False,
        strip,
        "image/png",
        "faceshift.png",
    )
    odd = b"not an image at all"
    assert imaging.fit_for_telegram(odd) == imaging.TelegramUpload(odd, False, "application/octet-stream")

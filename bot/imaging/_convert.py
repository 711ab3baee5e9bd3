"""Decoding (JPEG at ``draft`` scale within the pixel budget), conversion to 8-bit RGB on white,
resizing and turning upright."""

from __future__ import annotations

import io
import math
from typing import Final

from PIL import Image

from bot.imaging._geometry import _no_upscale
from bot.imaging._opening import _orientation
from bot.imaging._rules import MAX_DECODED_PIXELS, ImageInfo, ImageRejected, RejectReason

_WHITE: Final = (255, 255, 255)


def _render(im: Image.Image, info: ImageInfo, target: tuple[int, int]) -> Image.Image:
    """Decoded, 8-bit RGB, at ``target`` (or smaller if the pixel budget forced it), upright."""
    picture = _decode(im, info, target)
    picture = _resize(picture, _no_upscale(target, picture.size))
    return _upright(picture, info, im)


def _decode(im: Image.Image, info: ImageInfo, target: tuple[int, int]) -> Image.Image:
    """Decode the first frame as 8-bit RGB, letting libjpeg scale down by 1/2..1/8 when that still
    leaves at least ``target`` (or when the pixel budget requires it)."""
    width, height = info.width, info.height
    if info.format in ("JPEG", "MPO"):
        scale = 1
        for s in (8, 4, 2):  # largest DCT scale whose output still covers the target
            if width // s >= target[0] and height // s >= target[1]:
                scale = s
                break
        while scale < 8 and math.ceil(width / scale) * math.ceil(height / scale) > MAX_DECODED_PIXELS:
            scale *= 2
        if scale > 1:
            im.draft(None, (width // scale, height // scale))
    elif width * height > MAX_DECODED_PIXELS:
        raise ImageRejected(RejectReason.TOO_LARGE_PIXELS, width=width, height=height, max_pixels=MAX_DECODED_PIXELS)
    if im.width * im.height > MAX_DECODED_PIXELS:
        raise ImageRejected(RejectReason.TOO_LARGE_PIXELS, width=width, height=height, max_pixels=MAX_DECODED_PIXELS)
    try:
        im.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRejected(
            RejectReason.TOO_LARGE_PIXELS, width=width, height=height, max_pixels=MAX_DECODED_PIXELS
        ) from None
    except Exception:  # truncated or damaged data: OSError, SyntaxError, ValueError, EOFError, ...
        raise ImageRejected(
            RejectReason.CORRUPT, detected_format=info.format.lower(), width=width, height=height
        ) from None
    return _to_rgb(im)


_SIXTEEN_BIT_MODES: Final = frozenset({"I", "I;16", "I;16B", "I;16L", "I;16N"})


def _to_rgb(im: Image.Image) -> Image.Image:
    """8-bit RGB; transparency is flattened onto white (vendors reject or mishandle alpha)."""
    mode = im.mode
    if mode == "RGB" and "transparency" not in im.info:
        return im
    if mode in _SIXTEEN_BIT_MODES:
        # convert("L") would clip every value above 255 to white; scale 0..65535 down to 0..255.
        return im.convert("I").point(lambda v: v * (255 / 65535)).convert("L").convert("RGB")
    if mode == "CMYK":
        return _cmyk_to_rgb(im)
    if "A" in im.getbands() or "a" in im.getbands() or "transparency" in im.info:
        rgba = im.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, _WHITE)
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    return im.convert("RGB")


def _cmyk_to_rgb(im: Image.Image) -> Image.Image:
    """Use the embedded CMYK profile when there is one: Pillow's formula conversion is far off for
    print CMYK (dull, shifted colours)."""
    icc = im.info.get("icc_profile")
    if isinstance(icc, bytes) and icc:
        try:
            from PIL import ImageCms

            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            srgb = ImageCms.createProfile("sRGB")
            converted = ImageCms.profileToProfile(im, source, srgb, outputMode="RGB")
        except Exception:  # no littlecms, or a broken profile: fall back to the formula
            converted = None
        if converted is not None:
            return converted
    return im.convert("RGB")


def _rgb_icc_profile(im: Image.Image) -> bytes | None:
    """The source's ICC profile if it describes RGB (e.g. Display P3 from iPhones), to keep colours
    right; None for CMYK/grey profiles, which do not apply to the RGB we encode."""
    icc = im.info.get("icc_profile")
    if isinstance(icc, bytes) and len(icc) >= 20 and icc[16:20] == b"RGB " and im.mode != "CMYK":
        return icc
    return None


def _resize(im: Image.Image, size: tuple[int, int]) -> Image.Image:
    if im.size == size:
        return im
    # reducing_gap: integer box reduction first, then LANCZOS on at most 3x the target: quick and
    # indistinguishable from a full LANCZOS.
    return im.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


_TRANSPOSE: Final = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
"""EXIF orientation -> transpose, as ``ImageOps.exif_transpose``; we apply it ourselves, after
resizing (cheaper), to the already converted copy."""


def _upright(picture: Image.Image, info: ImageInfo, source: Image.Image) -> Image.Image:
    orientation = info.orientation
    if info.format == "PNG" and "exif" in source.info and orientation == 1:
        orientation = _orientation(source)  # an eXIf chunk after IDAT is known only once decoded
    method = _TRANSPOSE.get(orientation)
    return picture if method is None else picture.transpose(method)

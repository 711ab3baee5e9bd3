"""Reading the header (``probe``), making an image acceptable to a consumer (``prepare``, passing it
through when it can) and choosing which Telegram photo size to download (``choose_photo_size``)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.imaging._containers import strip_jpeg, strip_png
from bot.imaging._convert import _render, _rgb_icc_profile
from bot.imaging._encode import _encode_to_fit
from bot.imaging._geometry import _target_size
from bot.imaging._opening import _info, _open
from bot.imaging._rules import WORKING_SIDE, ImageInfo, ImageRules, PreparedImage


def probe(data: bytes) -> ImageInfo:
    """Read the header only (no pixel decode) and apply the rules-independent size guards.

    Raises ``ImageRejected`` for empty, non-image, unsupported, unparsable or oversized input.
    """
    with _open(data) as im:
        return _info(im)


def prepare(data: bytes, rules: ImageRules) -> PreparedImage:
    """Make ``data`` acceptable to the consumer described by ``rules``; see the ``bot.imaging`` docstring.

    Raises ``ImageRejected``; never returns something that breaks ``rules``.
    """
    with _open(data) as im:
        info = _info(im)
        target = _target_size(info, rules)
        passed = _pass_through(data, info, target, rules, transparency="transparency" in im.info)
        if passed is not None:
            return passed
        picture = _render(im, info, target)
        jpeg, (out_w, out_h) = _encode_to_fit(picture, rules, _rgb_icc_profile(im))
        return PreparedImage(jpeg, "image/jpeg", out_w, out_h, passed_through=False)


def choose_photo_size(sizes: Sequence[tuple[int, int, int]], rules: ImageRules) -> int:
    """Pick which Telegram ``PhotoSize`` to download for a vendor; return its index in ``sizes``.

    Each entry is (width, height, file_size); file_size 0 means unknown and counts as fitting. Preference:
    the smallest size that reaches the working size (``WORKING_SIDE``, or ``max_side`` if that is lower)
    and that the vendor takes as is; failing that, the largest the vendor takes as is; failing that (all
    too big) the smallest reaching the working size, as ``prepare`` will shrink it; and if every size is
    too small, the largest, so that ``prepare`` reports TOO_SMALL with real numbers.
    """
    if not sizes:
        raise ValueError("no photo sizes to choose from")
    working = min(WORKING_SIDE, rules.max_side)
    indices = range(len(sizes))

    def area(i: int) -> int:
        return sizes[i][0] * sizes[i][1]

    def usable(i: int) -> bool:
        return min(sizes[i][0], sizes[i][1]) >= rules.min_side

    def fits(i: int) -> bool:
        w, h, file_size = sizes[i]
        return usable(i) and max(w, h) <= rules.max_side and file_size <= rules.max_bytes

    def working_size(i: int) -> bool:
        return usable(i) and max(sizes[i][0], sizes[i][1]) >= working

    if good := [i for i in indices if fits(i) and working_size(i)]:
        return min(good, key=area)
    if fitting := [i for i in indices if fits(i)]:
        return max(fitting, key=area)
    if big := [i for i in indices if working_size(i)]:
        return min(big, key=area)
    return max(indices, key=area)


# --------------------------------------------------------------------------------------------------
# Pass-through


def _pass_through(
    data: bytes, info: ImageInfo, target: tuple[int, int], rules: ImageRules, *, transparency: bool
) -> PreparedImage | None:
    """Return the input as it is (minus metadata) if the consumer takes it; never decodes pixels.

    MPO is never passed through: its extra images (second camera, depth map) would travel along.
    Neither is an RGB PNG with a transparent colour key: vendors would see it differently.
    """
    if info.format not in rules.formats or info.frames != 1 or info.orientation != 1 or transparency:
        return None
    if target != (info.width, info.height):
        return None
    if info.format == "JPEG":
        if info.mode not in ("RGB", "L"):
            return None
        stripped = strip_jpeg(data)
        content_type = "image/jpeg"
    else:  # PNG
        if info.mode != "RGB":
            return None
        stripped = strip_png(data)
        content_type = "image/png"
    if stripped is None or len(stripped) > rules.max_bytes:
        return None
    return PreparedImage(stripped, content_type, info.width, info.height, passed_through=True)

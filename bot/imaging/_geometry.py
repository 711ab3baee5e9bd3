"""Output sizes: the vendor's bounds applied to the stored size, in exact arithmetic."""

from __future__ import annotations

import math
from fractions import Fraction

from bot.imaging._rules import ImageInfo, ImageRejected, ImageRules, RejectReason


def _target_size(info: ImageInfo, rules: ImageRules, *, max_side: int | None = None) -> tuple[int, int]:
    """Output size in stored orientation (scaling commutes with rotation); refuses the wrong shapes."""
    width, height = info.width, info.height
    short, long = min(width, height), max(width, height)
    if short < rules.min_side:
        raise ImageRejected(RejectReason.TOO_SMALL, width=width, height=height, min_side=rules.min_side)
    if rules.max_aspect is not None and long > rules.max_aspect * short:
        raise ImageRejected(RejectReason.BAD_ASPECT_RATIO, width=width, height=height, max_aspect=rules.max_aspect)
    target = _fit(width, height, rules, max_side=max_side)
    if min(target) < rules.min_side:
        raise ImageRejected(
            RejectReason.BAD_ASPECT_RATIO,
            width=width,
            height=height,
            min_side=rules.min_side,
            max_side=rules.max_side,
        )
    return target


def _fit(width: int, height: int, rules: ImageRules, *, max_side: int | None = None) -> tuple[int, int]:
    """Largest size with the same aspect that respects ``max_side`` and ``max_dimension_sum``.

    Exact rational arithmetic with rounding down, so the result never exceeds a bound by a pixel.
    """
    limit = rules.max_side if max_side is None else min(max_side, rules.max_side)
    scale = min(Fraction(1), Fraction(limit, max(width, height)))
    if rules.max_dimension_sum is not None:
        scale = min(scale, Fraction(rules.max_dimension_sum, width + height))
    if scale == 1:
        return width, height
    return max(1, math.floor(width * scale)), max(1, math.floor(height * scale))


def _no_upscale(target: tuple[int, int], decoded: tuple[int, int]) -> tuple[int, int]:
    """The decoded size when the pixel budget made libjpeg decode below ``target``; else ``target``."""
    return decoded if decoded[0] < target[0] or decoded[1] < target[1] else target


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))

"""The labelled set of photos the face detector is measured on (``bench/bench_faces.py``, ``tests/test_faces.py``).

Everything is generated, deterministically, from the one real face we ship (``tests/data/astronaut.jpg``, NASA,
public domain) and from synthetic pictures:

- the astronaut photo itself, and copies scaled, mirrored, darkened, brightened, in greyscale;
- composites of 1-4 copies of her head at several sizes and positions, turned a little (up to 12 degrees), some of
  them partly cut off at the border, on busy backgrounds (gradients, noise, shapes);
- photos with no face: flat colour, noise, gradients, simple shapes and objects (discs with "eyes", rings, stripes,
  a chequerboard), and crops of the astronaut photo that hold no face (the flag, the shuttle, the helmet, the suit).

Each face carries its box in the photo's pixels and whether a detector must find it (``required``): a face that is
more than a third out of the picture, or smaller than ``MIN_REQUIRED_FACE`` pixels, may be found or not (it counts
neither as found nor as false). Everything else a detector reports is a false positive.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Final

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageOps

from tests.support.images import DATA

Box = tuple[float, float, float, float]
"""x1, y1, x2, y2 in pixels."""

ASTRONAUT_FACE: Final[Box] = (180.0, 62.0, 268.0, 178.0)
"""The face in ``astronaut.jpg`` (512x512): forehead to chin, ear to ear, marked by hand."""
_HEAD: Final = (130, 8, 318, 224)
"""The crop pasted into composites: the face with hair, a little neck and background."""
FACELESS_CROPS: Final = (
    ("flag", (0, 0, 120, 512)),
    ("shuttle", (340, 0, 512, 300)),
    ("helmet", (270, 330, 512, 512)),
    ("suit", (0, 280, 270, 512)),
)
MIN_REQUIRED_FACE: Final = 64
"""Faces smaller than this (shorter side of the box, in the photo's pixels) are not required."""
MATCH_IOU: Final = 0.3
"""A detection finds a labelled face when their boxes overlap at least this much (intersection over union)."""


@dataclass(frozen=True)
class LabelledFace:
    box: Box
    required: bool


@dataclass(frozen=True)
class Sample:
    name: str
    jpeg: bytes
    size: tuple[int, int]
    faces: tuple[LabelledFace, ...]

    @property
    def required(self) -> int:
        return sum(1 for face in self.faces if face.required)


@cache
def _astronaut() -> Image.Image:
    with Image.open(DATA / "astronaut.jpg") as image:
        return image.convert("RGB")


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


# ---- backgrounds ------------------------------------------------------------------------------------------


def _gradient(size: tuple[int, int], a: tuple[int, int, int], b: tuple[int, int, int], vertical: bool) -> Image.Image:
    length = size[1] if vertical else size[0]
    line = Image.new("RGB", (1, length) if vertical else (length, 1))
    line.putdata([tuple(round(a[c] + (b[c] - a[c]) * i / max(1, length - 1)) for c in range(3)) for i in range(length)])
    return line.resize(size, Image.Resampling.NEAREST)


def _noise(size: tuple[int, int], sigma: float, rng: random.Random) -> Image.Image:
    tint = tuple(rng.randrange(60, 200) for _ in range(3))
    grey = Image.effect_noise(size, sigma)
    return ImageOps.colorize(grey, (0, 0, 0), tint)


def _shapes(image: Image.Image, rng: random.Random, count: int) -> Image.Image:
    draw = ImageDraw.Draw(image)
    w, h = image.size
    for _ in range(count):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.randrange(max(8, min(w, h) // 40), max(16, min(w, h) // 6))
        colour = tuple(rng.randrange(256) for _ in range(3))
        kind = rng.randrange(4)
        if kind == 0:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        elif kind == 1:
            draw.rectangle((x - r, y - r // 2, x + r, y + r // 2), fill=colour)
        elif kind == 2:
            draw.polygon([(x, y - r), (x + r, y + r), (x - r, y + r)], fill=colour)
        else:
            draw.line((x - r, y - r, x + r, y + r), fill=colour, width=max(2, r // 6))
    return image


def _background(size: tuple[int, int], rng: random.Random) -> Image.Image:
    kind = rng.randrange(3)
    if kind == 0:
        a = tuple(rng.randrange(256) for _ in range(3))
        b = tuple(rng.randrange(256) for _ in range(3))
        base = _gradient(size, a, b, rng.random() < 0.5)  # type: ignore[arg-type]
    elif kind == 1:
        base = _noise(size, rng.uniform(20, 60), rng).filter(ImageFilter.GaussianBlur(rng.uniform(0, 3)))
    else:
        base = Image.new("RGB", size, tuple(rng.randrange(256) for _ in range(3)))
    return _shapes(base, rng, rng.randrange(3, 15))


# ---- composites ------------------------------------------------------------------------------------------


def _rotated_box(box: Box, centre: tuple[float, float], angle: float, scale: float, offset: tuple[float, float]) -> Box:
    """Where ``box`` (in the head crop) lands once the crop is scaled, turned ``angle`` degrees anticlockwise
    about ``centre`` (as ``Image.rotate(expand=True)`` does) and pasted at ``offset``: the corners' bounding box."""
    rad = math.radians(angle)
    cos, sin = math.cos(rad), math.sin(rad)
    xs, ys = [], []
    for x, y in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
        dx, dy = (x - centre[0]) * scale, (y - centre[1]) * scale
        xs.append(offset[0] + dx * cos + dy * sin)
        ys.append(offset[1] - dx * sin + dy * cos)
    # A turned box's corners overshoot the face itself: shrink the bounding box halfway back towards the face.
    w, h = (box[2] - box[0]) * scale, (box[3] - box[1]) * scale
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    bw, bh = (max(xs) - min(xs) + w) / 2, (max(ys) - min(ys) + h) / 2
    return (cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2)


def _paste_head(
    canvas: Image.Image, height: float, centre: tuple[float, float], angle: float, rng: random.Random
) -> Box:
    """Paste the astronaut's head so that her face is ``height`` px tall, centred at ``centre``; return the face box
    (unclipped)."""
    face = ASTRONAUT_FACE
    scale = height / (face[3] - face[1])
    head = _astronaut().crop(_HEAD)
    if rng.random() < 0.5:
        head = ImageOps.mirror(head)
    head = ImageEnhance.Brightness(head).enhance(rng.uniform(0.75, 1.2))
    local = (face[0] - _HEAD[0], face[1] - _HEAD[1], face[2] - _HEAD[0], face[3] - _HEAD[1])
    size = (max(1, round(head.width * scale)), max(1, round(head.height * scale)))
    head = head.resize(size, Image.Resampling.LANCZOS)
    mask = Image.new("L", size, 0)
    inset = max(1, round(min(size) * 0.06))
    ImageDraw.Draw(mask).ellipse((inset, inset, size[0] - inset, size[1] - inset), fill=255)
    mask = mask.filter(ImageFilter.GaussianBlur(inset))
    head = head.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    mask = mask.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    # The face's centre in the scaled crop, then where that point moved when the crop turned and grew.
    fcx, fcy = (local[0] + local[2]) / 2 * scale, (local[1] + local[3]) / 2 * scale
    rad = math.radians(angle)
    dx, dy = fcx - size[0] / 2, fcy - size[1] / 2
    rx = head.width / 2 + dx * math.cos(rad) + dy * math.sin(rad)
    ry = head.height / 2 - dx * math.sin(rad) + dy * math.cos(rad)
    left, top = round(centre[0] - rx), round(centre[1] - ry)
    canvas.paste(head, (left, top), mask)
    scaled_centre = ((local[0] + local[2]) / 2, (local[1] + local[3]) / 2)
    return _rotated_box(local, scaled_centre, angle, scale, centre)


def _clip(box: Box, size: tuple[int, int]) -> tuple[Box, float]:
    """The part of ``box`` inside the picture, and which share of the box that is."""
    x1, y1 = max(0.0, box[0]), max(0.0, box[1])
    x2, y2 = min(float(size[0]), box[2]), min(float(size[1]), box[3])
    area = (box[2] - box[0]) * (box[3] - box[1])
    inside = max(0.0, x2 - x1) * max(0.0, y2 - y1)
    return (x1, y1, x2, y2), inside / area if area else 0.0


def _overlaps(box: Box, others: Sequence[Box], margin: float) -> bool:
    for other in others:
        grow = margin * max(box[2] - box[0], other[2] - other[0])
        if (
            box[0] < other[2] + grow
            and other[0] < box[2] + grow
            and box[1] < other[3] + grow
            and other[1] < box[3] + grow
        ):
            return True
    return False


def _composite(index: int, rng: random.Random) -> Sample:
    size = rng.choice([(1280, 960), (960, 1280), (1280, 720), (1024, 1024), (1600, 900)])
    canvas = _background(size, rng)
    count = 1 + index % 4
    short = min(size)
    boxes: list[Box] = []
    faces: list[LabelledFace] = []
    for _ in range(count):
        for _attempt in range(60):
            height = rng.choice([0.07, 0.1, 0.14, 0.2, 0.28, 0.38]) * short * rng.uniform(0.9, 1.1)
            if count >= 3:
                height = min(height, 0.25 * short)
            angle = rng.uniform(-12, 12)
            cut = rng.random() < 0.25  # put the face partly outside the picture
            half = height / 2
            if cut:
                edge = rng.randrange(4)
                out = rng.uniform(0.1, 0.55) * height
                cx = rng.uniform(half, size[0] - half)
                cy = rng.uniform(half, size[1] - half)
                if edge == 0:
                    cx = half - out
                elif edge == 1:
                    cx = size[0] - half + out
                elif edge == 2:
                    cy = half - out
                else:
                    cy = size[1] - half + out
            else:
                cx = rng.uniform(half * 1.2, size[0] - half * 1.2)
                cy = rng.uniform(half * 1.3, size[1] - half * 1.3)
            estimate = (cx - half, cy - half * 1.3, cx + half, cy + half * 1.3)
            if not _overlaps(estimate, boxes, 0.35):
                break
        else:
            continue
        box = _paste_head(canvas, height, (cx, cy), angle, rng)
        boxes.append(box)
        clipped, share = _clip(box, size)
        required = share >= 2 / 3 and min(clipped[2] - clipped[0], clipped[3] - clipped[1]) >= MIN_REQUIRED_FACE
        faces.append(LabelledFace(clipped, required))
    return Sample(f"composite-{index:02d}-{len(faces)}face", _jpeg(canvas), size, tuple(faces))


# ---- the astronaut herself ------------------------------------------------------------------------------


def _astronaut_variants() -> list[Sample]:
    base = _astronaut()
    samples = []
    variants: list[tuple[str, Image.Image, float, bool]] = [
        ("astronaut", base, 1.0, False),
        ("astronaut-256", base.resize((256, 256), Image.Resampling.LANCZOS), 0.5, False),
        ("astronaut-1024", base.resize((1024, 1024), Image.Resampling.LANCZOS), 2.0, False),
        ("astronaut-mirror", ImageOps.mirror(base), 1.0, True),
        ("astronaut-grey", ImageOps.grayscale(base).convert("RGB"), 1.0, False),
        ("astronaut-dark", ImageEnhance.Brightness(base).enhance(0.45), 1.0, False),
        ("astronaut-bright", ImageEnhance.Brightness(base).enhance(1.4), 1.0, False),
    ]
    for name, image, scale, mirrored in variants:
        x1, y1, x2, y2 = ASTRONAUT_FACE
        if mirrored:
            x1, x2 = 512 - x2, 512 - x1
        box = (x1 * scale, y1 * scale, x2 * scale, y2 * scale)
        samples.append(Sample(name, _jpeg(image), image.size, (LabelledFace(box, True),)))
    # Wider framing: the photo placed on a larger canvas (a smaller face in a bigger picture).
    canvas = Image.new("RGB", (1400, 1000), (90, 110, 140))
    canvas.paste(base, (700, 300))
    x1, y1, x2, y2 = ASTRONAUT_FACE
    samples.append(
        Sample(
            "astronaut-framed",
            _jpeg(canvas),
            canvas.size,
            (LabelledFace((x1 + 700, y1 + 300, x2 + 700, y2 + 300), True),),
        )
    )
    return samples


# ---- no face ------------------------------------------------------------------------------------------


def _faceless(rng: random.Random) -> list[Sample]:
    samples: list[Sample] = []

    def add(name: str, image: Image.Image) -> None:
        samples.append(Sample(name, _jpeg(image), image.size, ()))

    for colour in ((128, 128, 128), (255, 255, 255), (0, 0, 0), (224, 172, 140)):
        add(f"flat-{colour[0]}-{colour[1]}-{colour[2]}", Image.new("RGB", (800, 600), colour))
    for i in range(3):
        add(f"noise-{i}", _noise((800, 800), 30 + 30 * i, rng))
        add(f"noise-blurred-{i}", _noise((1280, 960), 50, rng).filter(ImageFilter.GaussianBlur(2 + 3 * i)))
    for i in range(3):
        a = tuple(rng.randrange(256) for _ in range(3))
        b = tuple(rng.randrange(256) for _ in range(3))
        add(f"gradient-{i}", _gradient((1280, 720), a, b, i % 2 == 0))  # type: ignore[arg-type]
    for i in range(6):
        add(f"shapes-{i}", _background((1280, 960), rng))
    add("smileys", _smileys(rng))
    add("rings", _rings())
    add("stripes", _stripes())
    add("chequerboard", _chequerboard())
    base = _astronaut()
    for name, crop in FACELESS_CROPS:
        add(f"astronaut-{name}", base.crop(crop).resize(((crop[2] - crop[0]) * 2, (crop[3] - crop[1]) * 2)))
    return samples


def _smileys(rng: random.Random) -> Image.Image:
    """Cartoon faces (discs with two dots and a line): objects, not faces a vendor could edit."""
    image = Image.new("RGB", (1280, 960), (240, 240, 230))
    draw = ImageDraw.Draw(image)
    for _ in range(8):
        x, y, r = rng.randrange(100, 1180), rng.randrange(100, 860), rng.randrange(30, 100)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(250, 210, 40), outline=(0, 0, 0), width=3)
        e = r // 6
        draw.ellipse((x - r // 3 - e, y - r // 3 - e, x - r // 3 + e, y - r // 3 + e), fill=(0, 0, 0))
        draw.ellipse((x + r // 3 - e, y - r // 3 - e, x + r // 3 + e, y - r // 3 + e), fill=(0, 0, 0))
        draw.arc((x - r // 2, y - r // 3, x + r // 2, y + r // 2), 20, 160, fill=(0, 0, 0), width=3)
    return image


def _rings() -> Image.Image:
    image = Image.new("RGB", (1000, 1000), (20, 40, 80))
    draw = ImageDraw.Draw(image)
    for r in range(20, 500, 30):
        draw.ellipse((500 - r, 500 - r, 500 + r, 500 + r), outline=(200, 200, 60), width=8)
    return image


def _stripes() -> Image.Image:
    image = Image.new("RGB", (1280, 720), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    for x in range(0, 1280, 40):
        draw.rectangle((x, 0, x + 19, 720), fill=(200, 30, 30))
    return image


def _chequerboard() -> Image.Image:
    image = Image.new("RGB", (960, 960), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    for i in range(12):
        for j in range(12):
            if (i + j) % 2:
                draw.rectangle((i * 80, j * 80, i * 80 + 79, j * 80 + 79), fill=(0, 0, 0))
    return image


# ---- the set and its score -------------------------------------------------------------------------------


@cache
def labelled_set(composites: int = 40, seed: int = 14) -> tuple[Sample, ...]:
    """The whole labelled set: the astronaut variants, ``composites`` composites, and the face-less photos."""
    rng = random.Random(seed)
    samples = _astronaut_variants()
    samples += [_composite(i, rng) for i in range(composites)]
    samples += _faceless(rng)
    return tuple(samples)


def iou(a: Box, b: Box) -> float:
    x1, y1, x2, y2 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    inter = max(0.0, x2 - x1) * max(0.0, y2 - y1)
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


@dataclass
class Score:
    required: int = 0
    found: int = 0
    false_positives: int = 0
    """Detections that match no labelled face, over all photos."""
    false_on_faceless: int = 0
    """Face-less photos on which anything was reported."""
    faceless: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0

    def add(self, sample: Sample, detections: Sequence[Box]) -> list[str]:
        """Count one photo; return what went wrong in it (for reports)."""
        problems = []
        matched: set[int] = set()
        for n, face in enumerate(sample.faces):
            best = max(range(len(detections)), key=lambda i: iou(face.box, detections[i]), default=None)
            hit = best is not None and iou(face.box, detections[best]) >= MATCH_IOU
            if hit and best is not None:
                matched.add(best)
            if face.required:
                self.required += 1
                if hit:
                    self.found += 1
                else:
                    problems.append(f"missed face {n} {tuple(round(v) for v in face.box)}")
        for i, box in enumerate(detections):
            if i not in matched and not any(iou(face.box, box) >= MATCH_IOU for face in sample.faces):
                self.false_positives += 1
                problems.append(f"false face {tuple(round(v) for v in box)}")
        if not sample.faces:
            self.faceless += 1
            if detections:
                self.false_on_faceless += 1
        return problems


# ---- photos for the conversation tests ---------------------------------------------------------------------


def group_photo(heights: Sequence[float] = (300, 220), size: tuple[int, int] = (1280, 800)) -> Sample:
    """A photo of ``len(heights)`` people side by side (faces ``heights`` px tall, upright), as Telegram would keep
    it: a JPEG of ``size``. Face 1 (the largest) is on the left."""
    rng = random.Random(len(heights))
    canvas = _gradient(size, (70, 90, 120), (150, 160, 170), vertical=True)
    step = size[0] / len(heights)
    faces = []
    for i, height in enumerate(heights):
        box = _paste_head(canvas, height, (step * (i + 0.5), size[1] * 0.42), 0.0, rng)
        faces.append(LabelledFace(box, True))
    return Sample(f"group-{len(heights)}", _jpeg(canvas), size, tuple(faces))

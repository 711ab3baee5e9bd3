"""The image work for a chosen face (``bot.faces``): crops for the vendors, the feathered blend back, the picker's
numbered preview. Pure functions: no bot, no fakes."""

from __future__ import annotations

import io

from PIL import Image, ImageChops, ImageStat

from bot import faces, imaging
from bot.faces import Face, PhotoFaces
from tests.support.images import FACE, encode, photo_like


def _image(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as image:
        return image.convert("RGB")


def _pixel(image: Image.Image, xy: tuple[int, int]) -> tuple[int, int, int]:
    value = image.getpixel(xy)
    assert isinstance(value, tuple)
    return (int(value[0]), int(value[1]), int(value[2]))


def test_a_crop_holds_the_face_with_a_margin_within_the_vendors_rules() -> None:
    photo = encode(photo_like(1600, 1200))
    face = Face(700, 500, 120, 150, 0.9)
    crop = faces.crop_around(photo, face)
    x1, y1, x2, y2 = crop.box
    assert x1 <= 700 - 100 and x2 >= 820 + 100 and y1 <= 500 - 100 and y2 >= 650 + 100
    info = imaging.probe(crop.data)
    assert (info.width, info.height) == (x2 - x1, y2 - y1)
    assert min(info.width, info.height) >= imaging.ACEDATA_RULES.min_side
    assert max(info.width, info.height) <= imaging.ACEDATA_RULES.max_side
    assert crop.face == Face(700 - x1, 500 - y1, 120, 150, 0.9)


def test_a_crop_at_the_border_is_clamped_and_small_faces_get_enough_context() -> None:
    assert faces.crop_box((1000, 800), Face(0, 0, 100, 100, 0.9)) == (0, 0, 190, 190)
    assert faces.crop_box((1000, 800), Face(950, 760, 50, 40, 0.9)) == (872, 672, 1000, 800)
    x1, y1, x2, y2 = faces.crop_box((1000, 800), Face(500, 400, 20, 20, 0.9))  # tiny face: widened to 128
    assert (x2 - x1, y2 - y1) == (128, 128)
    assert faces.crop_box((100, 90), Face(40, 40, 10, 10, 0.9)) == (0, 0, 100, 90)  # never beyond the picture


def test_the_mask_is_full_on_the_face_and_empty_at_the_crops_edges() -> None:
    face = Face(100, 100, 120, 150, 0.9)
    mask = faces.feather_mask((320, 350), face)
    assert mask.getpixel((160, 175)) == 255
    edges = [mask.getpixel((x, y)) for x in range(320) for y in (0, 349)]
    edges += [mask.getpixel((x, y)) for y in range(350) for x in (0, 319)]
    assert set(edges) == {0}
    values = {mask.getpixel((x, 175)) for x in range(320)}
    assert len(values) > 10  # a soft edge, not a cut


def test_blend_changes_the_face_and_nothing_outside_the_crop() -> None:
    photo = photo_like(900, 700)
    face = Face(400, 250, 100, 120, 0.9)
    box = faces.crop_box(photo.size, face)
    inside = Face(face.x - box[0], face.y - box[1], face.width, face.height, face.score)
    edited = Image.new("RGB", (box[2] - box[0], box[3] - box[1]), (0, 0, 255))
    out = faces.blend(photo, edited, box, inside)
    assert out.size == photo.size
    diff = ImageChops.difference(out, photo)
    outside = diff.copy()
    outside.paste((0, 0, 0), box)
    assert outside.getbbox() is None  # every pixel outside the crop is the photo's own
    changed = diff.getbbox()
    assert changed is not None
    assert box[0] <= changed[0] and box[1] <= changed[1] and changed[2] <= box[2] and changed[3] <= box[3]
    assert out.getpixel((450, 310)) == (0, 0, 255)  # the face's centre is the edit's
    assert out.getpixel((box[0] + 1, box[1] + 1)) == photo.getpixel((box[0] + 1, box[1] + 1))  # the crop's corner


def test_blend_back_takes_any_result_size_and_returns_the_photos_size() -> None:
    photo = encode(photo_like(1200, 900), quality=95)
    crop = faces.crop_around(photo, Face(500, 300, 150, 180, 0.9))
    result = encode(Image.new("RGB", (300, 300), (255, 0, 0)))  # a vendor that answered at another size
    out = _image(faces.blend_back(photo, result, crop))
    assert out.size == (1200, 900)
    before = _image(photo)
    x1 = crop.box[0]
    # Outside the crop only the JPEG round trip differs; inside, the face is the edit's.
    strip_after, strip_before = out.crop((0, 0, x1, 900)), before.crop((0, 0, x1, 900))
    assert max(ImageStat.Stat(ImageChops.difference(strip_after, strip_before)).mean) < 3
    red, green, _ = _pixel(out, (575, 390))
    assert red > 200 and green < 60


def test_the_preview_is_small_and_marks_each_face() -> None:
    found = PhotoFaces(512, 512, (Face(179, 62, 88, 111, 0.93), Face(20, 300, 80, 80, 0.8)))
    preview = _image(faces.numbered_preview(FACE, found))
    assert max(preview.size) <= faces.PREVIEW_SIDE
    assert preview.size == (512, 512)  # never enlarged
    big = encode(photo_like(2000, 1500))
    small = _image(faces.numbered_preview(big, PhotoFaces(2000, 1500, (Face(800, 600, 300, 300, 0.9),))))
    assert small.size == (640, 480)
    # The first box is green: its left edge, scaled into the preview, is green.
    red, green, _ = _pixel(small, (257, 240))
    assert green > 180 and red < 80

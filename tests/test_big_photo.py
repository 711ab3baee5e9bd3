"""Issue 4's acceptance, end to end: a 6000x4000 EXIF-rotated JPEG sent as a file reaches AILab as an upright
JPEG under 4 MB within AILab's pixel bounds (and a HEIC does too, where pillow-heif can encode one here)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.fakes.telegram import FakeTelegram
from tests.fakes.vendors import FakeVendors
from tests.support.bot import RunningBot
from tests.support.conversation import NO_FACE, is_photo, text_of, wait_result
from tests.support.images import encode, exif_with_orientation, heic, photo_like

pytestmark = pytest.mark.slow


def _rotated_6000x4000() -> Image.Image:
    return photo_like(6000, 4000)  # stored landscape; orientation 6 means "show it rotated: portrait"


@pytest.mark.parametrize("kind", ["jpeg", "heic"])
async def test_big_rotated_document_reaches_ailab_upright_and_small(
    kind: str, tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    picture = _rotated_6000x4000()
    if kind == "jpeg":
        data, mime, name = encode(picture, quality=92, exif=exif_with_orientation(6)), "image/jpeg", "big.jpg"
    else:
        portrait = picture.transpose(Image.Transpose.ROTATE_270)  # HEIC is stored upright by libheif
        heic_data = heic(portrait)
        if heic_data is None:
            pytest.skip("pillow-heif has no HEIC encoder on this machine")
        data, mime, name = heic_data, "image/heic", "big.heic"
    alice = tg.user(1001, "Alice")
    await alice.send_document(alice, data, file_name=name, mime_type=mime, caption="/older")
    first = await tg.wait_for_bot_message(
        alice, predicate=lambda m: is_photo(m) or text_of(m) == NO_FACE or text_of(m).startswith("⏳"), timeout=30
    )
    if text_of(first) == NO_FACE:  # the test photo's face lies on its side: the detector may miss it
        await alice.press(first, "Try anyway")
    await wait_result(tg, alice, timeout=30)
    sent = vendors.ailab.requests[-1].files["image"][2]
    assert len(sent) < 4_000_000
    with Image.open(io.BytesIO(sent)) as received:
        assert received.format == "JPEG"
        width, height = received.size
        assert min(width, height) >= 257 and max(width, height) <= 4095
        assert height > width  # upright: the portrait the EXIF orientation asked for
        assert received.getexif().get(0x0112) in (None, 1)

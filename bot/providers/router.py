"""The one interface the rest of the bot uses for faces: which vendor does what, and falling back.

- Age and gender: the configured vendor (Ace or AILab; the other when the chosen one is not configured).
  With both configured and ``fallback`` on, an outage of the first (``ProviderError.is_outage``, after its
  own retries) tries the other once. An unusable photo never falls back: the other vendor would refuse it too.
- Face swap: Ace only. Gender detection: AccuAuth only.
- Ace reads photos by URL: each photo is published on the PhotoHost for the call and always removed after.
- Charging is the caller's business, per job: a job is charged once when it returns a result, however many
  vendors were tried for it, and not at all when it raises.
- Every OPERATOR error is reported to :class:`OperatorAlerts` (which rate-limits the alerts).
- A chosen face (``bot.faces.PhotoFaces``, in the coordinates of the photo as sent) reaches each vendor in its
  own terms: Ace gets a ``face_rect`` per face (up to 3 in one call), AILab a ``face_location`` (one face; a choice
  of several never falls back to it), AccuAuth a crop around the face (its box mapped back onto the photo); Ace's
  face swap, which cannot be told, gets crops of both photos and its result is blended back into the full photo.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Collection, Mapping

from bot import faces, imaging
from bot.operations import Operation
from bot.providers.accuauth import AccuAuthClient
from bot.providers.acedata import AceDataClient
from bot.providers.ailab import AILabClient
from bot.providers.alerts import OperatorAlerts
from bot.providers.errors import ErrorCategory, ProviderError
from bot.providers.http import image_info
from bot.providers.photo_host import PhotoHost
from bot.providers.swap_callbacks import SwapCallbacks
from bot.providers.types import FaceBox, Gender, GenderVerdict, ResultImage
from bot.settings import Vendor

log = logging.getLogger(__name__)

Prepare = Callable[[bytes, Vendor], Awaitable[bytes]]
AceCall = Callable[[AceDataClient, str, list[FaceBox] | None], Awaitable[ResultImage]]
AILabCall = Callable[[AILabClient, bytes, FaceBox | None], Awaitable[ResultImage]]


# What each vendor accepts, as the clients declare it.
VENDOR_RULES: Mapping[Vendor, imaging.ImageRules] = {
    Vendor.ACEDATA: AceDataClient.RULES,
    Vendor.AILAB: AILabClient.RULES,
    Vendor.ACCUAUTH: AccuAuthClient.RULES,
}


async def prepare_for(data: bytes, vendor: Vendor) -> bytes:
    """Make a photo fit ``vendor``'s rules, off the event loop (raises ``ImageRejected``)."""
    prepared = await asyncio.to_thread(imaging.prepare, data, VENDOR_RULES[vendor])
    return prepared.data


_EDITS = (Operation.OLDER, Operation.YOUNGER, Operation.SWAP_GENDER)


def editors_in_order(configured: Collection[Vendor], preferred: Vendor) -> list[Vendor]:
    """The configured editors (Ace, AILab) for an age or gender edit, the preferred one first."""
    usable = [v for v in (Vendor.ACEDATA, Vendor.AILAB) if v in configured]
    usable.sort(key=lambda v: v is not preferred)
    return usable


def first_vendor(
    op: Operation, configured: Collection[Vendor], *, age_vendor: Vendor, gender_vendor: Vendor
) -> Vendor | None:
    """The vendor that serves ``op`` first when ``configured`` are usable, or None when none can.

    Pure, so that start-up can say what will be offered before any client exists. ``configured`` holds Ace
    only when a photo host exists too (Ace reads photos by URL).
    """
    if op is Operation.SWAP_FACES:
        return Vendor.ACEDATA if Vendor.ACEDATA in configured else None
    if op is Operation.DETECT_GENDER:
        return Vendor.ACCUAUTH if Vendor.ACCUAUTH in configured else None
    editors = editors_in_order(configured, gender_vendor if op is Operation.SWAP_GENDER else age_vendor)
    return editors[0] if editors else None


async def _as_is(data: bytes, vendor: Vendor) -> bytes:
    return data


def _boxes(chosen: faces.PhotoFaces | None, data: bytes) -> list[FaceBox] | None:
    """The chosen faces in the pixels of ``data`` (the image a vendor receives: upright), or None."""
    if chosen is None or not chosen.faces:
        return None
    info = image_info(data)
    if info is None:
        return None
    return [FaceBox(f.x, f.y, f.width, f.height) for f in chosen.fitted(info[1], info[2])]


def _in(chosen: faces.PhotoFaces, data: bytes) -> faces.Face:
    """The (first) chosen face in the upright pixels of the photo ``data``."""
    width, height = imaging.probe(data).upright_size
    return chosen.fitted(width, height)[0]


def _not_configured(vendor: Vendor) -> ProviderError:
    return ProviderError(vendor.value, ErrorCategory.OPERATOR, code="not_configured")


class FaceProviders:
    def __init__(
        self,
        *,
        ace: AceDataClient | None,
        ailab: AILabClient | None,
        accuauth: AccuAuthClient | None,
        host: PhotoHost | None,
        age_vendor: Vendor,
        gender_vendor: Vendor,
        fallback: bool,
        callbacks: SwapCallbacks | None,
        alerts: OperatorAlerts,
        prepare: Prepare | None = None,
    ) -> None:
        self._ace = ace if host is not None else None  # Ace without hosting cannot see any photo
        self._ailab = ailab
        self._accuauth = accuauth
        self._host = host
        self._age_vendor = age_vendor
        self._gender_vendor = gender_vendor
        self._fallback = fallback
        self._callbacks = callbacks
        self._alerts = alerts
        self._prepare = prepare or _as_is
        clients = ((Vendor.ACEDATA, self._ace), (Vendor.AILAB, ailab), (Vendor.ACCUAUTH, accuauth))
        self._configured = frozenset(vendor for vendor, client in clients if client is not None)

    # -- what is possible ------------------------------------------------------------------------------

    def _editors(self, preferred: Vendor) -> list[Vendor]:
        """Vendors to try for an age/gender edit, in order (at most two, the second only with fallback)."""
        usable = editors_in_order(self._configured, preferred)
        return usable if self._fallback else usable[:1]

    def vendor_for(self, op: Operation) -> Vendor | None:
        """The vendor that serves ``op`` first, or None when no configured vendor can."""
        return first_vendor(op, self._configured, age_vendor=self._age_vendor, gender_vendor=self._gender_vendor)

    def available(self) -> frozenset[Operation]:
        return frozenset(op for op in Operation if self.vendor_for(op) is not None)

    # -- operations ------------------------------------------------------------------------------------

    async def change_age(
        self, photo: bytes, age: int, *, job_id: str, chosen: faces.PhotoFaces | None = None
    ) -> ResultImage:
        """``chosen``: the faces to edit (None: the vendor's pick, the largest)."""
        return await self._edit(
            self._age_vendor,
            photo,
            job_id,
            chosen,
            ace=lambda ace, url, boxes: ace.change_age(url, age, boxes),
            ailab=lambda ailab, data, box: ailab.change_age(data, age, box),
        )

    async def change_gender(
        self, photo: bytes, to: Gender, *, job_id: str, chosen: faces.PhotoFaces | None = None
    ) -> ResultImage:
        return await self._edit(
            self._gender_vendor,
            photo,
            job_id,
            chosen,
            ace=lambda ace, url, boxes: ace.change_gender(url, to, boxes),
            ailab=lambda ailab, data, box: ailab.change_gender(data, to, box),
        )

    async def swap_faces(
        self,
        face_photo: bytes,
        target_photo: bytes,
        *,
        job_id: str,
        source_face: faces.PhotoFaces | None = None,
        target_face: faces.PhotoFaces | None = None,
    ) -> ResultImage:
        """Put the face of ``face_photo`` into ``target_photo`` (Ace; by callback when the bot is public).

        With a chosen face on either side, that photo goes as a crop around the face (Ace takes the largest face
        of each image), and a target crop's result is blended back into the full ``target_photo``.
        """
        ace = self._ace
        if ace is None:
            raise await self._reported(_not_configured(Vendor.ACEDATA))
        source_crop = target_crop = None
        if source_face is not None and source_face.faces:
            source_crop = await asyncio.to_thread(faces.crop_around, face_photo, _in(source_face, face_photo))
        if target_face is not None and target_face.faces:
            target_crop = await asyncio.to_thread(faces.crop_around, target_photo, _in(target_face, target_photo))
        try:
            face = await self._prepare(source_crop.data if source_crop else face_photo, Vendor.ACEDATA)
            target = await self._prepare(target_crop.data if target_crop else target_photo, Vendor.ACEDATA)
            async with self._hosted(face, job_id) as face_url, self._hosted(target, job_id) as target_url:
                callbacks = self._callbacks
                if callbacks is not None and callbacks.enabled:
                    result = await ace.swap_via_callback(face_url, target_url, callbacks, ace.swap_timeout)
                else:
                    result = await ace.swap(face_url, target_url)
        except ProviderError as error:
            raise await self._reported(error) from None
        if target_crop is None:
            return result
        blended = await asyncio.to_thread(faces.blend_back, target_photo, result.data, target_crop)
        width, height = imaging.probe(target_photo).upright_size
        return dataclasses.replace(result, data=blended, content_type="image/jpeg", width=width, height=height)

    async def detect_gender(self, photo: bytes, *, chosen: faces.PhotoFaces | None = None) -> GenderVerdict:
        """The gender of the main face, or of the ``chosen`` one (sent as a crop around it). The verdict's box is
        in the pixels of ``photo`` either way."""
        accuauth = self._accuauth
        if accuauth is None:
            raise await self._reported(_not_configured(Vendor.ACCUAUTH))
        crop = None
        if chosen is not None and chosen.faces:
            rules = VENDOR_RULES[Vendor.ACCUAUTH]
            crop = await asyncio.to_thread(faces.crop_around, photo, _in(chosen, photo), min_side=rules.min_side)
        try:
            sent = await self._prepare(crop.data if crop else photo, Vendor.ACCUAUTH)
            verdict = await accuauth.predict_gender(sent)
        except ProviderError as error:
            raise await self._reported(error) from None
        if crop is None:
            return verdict
        return dataclasses.replace(verdict, face_box=_on_photo(verdict.face_box, crop, sent))

    # -- plumbing --------------------------------------------------------------------------------------

    async def _edit(
        self,
        preferred: Vendor,
        photo: bytes,
        job_id: str,
        chosen: faces.PhotoFaces | None,
        *,
        ace: AceCall,
        ailab: AILabCall,
    ) -> ResultImage:
        vendors = self._editors(preferred)
        if chosen is not None and len(chosen.faces) > 1:  # several faces in one call: Ace only
            vendors = [v for v in vendors if v is Vendor.ACEDATA]
        if not vendors:
            raise await self._reported(_not_configured(preferred))
        first_error: ProviderError | None = None
        for vendor in vendors:
            try:
                data = await self._prepare(photo, vendor)
            except Exception:
                if first_error is None:
                    raise
                # The photo suited the first vendor; that vendor's outage is the story to tell.
                log.warning("job %s: the photo does not fit %s, no fallback", job_id, vendor.value)
                raise first_error from None
            try:
                return await self._edit_on(vendor, data, job_id, _boxes(chosen, data), ace, ailab)
            except ProviderError as error:
                await self._reported(error)
                if first_error is not None:
                    raise error from first_error
                if not error.is_outage or vendor is vendors[-1]:
                    raise
                log.warning(
                    "job %s: %s failed (%s, code=%s), trying %s",
                    job_id,
                    vendor.value,
                    error.category.value,
                    error.code or "-",
                    vendors[-1].value,
                )
                first_error = error
        raise AssertionError("unreachable")  # pragma: no cover

    async def _edit_on(
        self, vendor: Vendor, data: bytes, job_id: str, boxes: list[FaceBox] | None, ace: AceCall, ailab: AILabCall
    ) -> ResultImage:
        if vendor is Vendor.AILAB:
            assert self._ailab is not None
            box = boxes[0] if boxes else None
            return dataclasses.replace(await ailab(self._ailab, data, box), vendor=vendor.value)
        assert self._ace is not None
        async with self._hosted(data, job_id) as url:
            return dataclasses.replace(await ace(self._ace, url, boxes), vendor=vendor.value)

    @contextlib.asynccontextmanager
    async def _hosted(self, data: bytes, job_id: str) -> AsyncIterator[str]:
        """Publish ``data`` for the length of the block; always take it down afterwards."""
        assert self._host is not None
        info = image_info(data)
        try:
            photo = await self._host.publish(data, info[0] if info else "image/jpeg", job_id=job_id)
        except ProviderError:
            raise
        except Exception as exc:
            log.exception("job %s: could not publish the photo", job_id)
            raise ProviderError(
                "hosting", ErrorCategory.TRANSIENT, code="publish_failed", detail=type(exc).__name__
            ) from None
        try:
            yield photo.url
        finally:
            try:
                await self._host.remove(photo)
            except Exception:
                log.exception("job %s: could not remove a hosted photo", job_id)

    async def _reported(self, error: ProviderError) -> ProviderError:
        if error.category is ErrorCategory.OPERATOR:
            await self._alerts.report(error)
        return error


def _on_photo(box: FaceBox | None, crop: faces.Crop, sent: bytes) -> FaceBox:
    """AccuAuth's box on the crop it was sent (``sent``: the crop as prepared), in the photo's pixels; the chosen
    face itself when AccuAuth gave none."""
    x1, y1 = crop.box[0], crop.box[1]
    if box is None:
        f = crop.face
        return FaceBox(f.x + x1, f.y + y1, f.width, f.height)
    info = image_info(sent)
    width, height = crop.box[2] - x1, crop.box[3] - y1
    sx, sy = (width / info[1], height / info[2]) if info else (1.0, 1.0)
    return FaceBox(
        round(box.x * sx) + x1, round(box.y * sy) + y1, max(1, round(box.width * sx)), max(1, round(box.height * sy))
    )

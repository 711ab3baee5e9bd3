"""Photos downloaded from Telegram lately, kept by file id: the copy fetched when a photo arrives (to look for
its faces) is the copy its job sends the vendor, so it is downloaded once (a ``getFile``
and a download each cost about 2 ms of the event loop's CPU, and their round trips).

The bytes under a file id never change, so a kept copy is never stale; the store is bounded by its total size
(the least recently used copies go first), and a copy no longer kept is simply downloaded again.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Final

from telegram import Bot

KEPT_BYTES: Final = 32 * 1024 * 1024
"""The most the store keeps (a 1280 px photo is 100-300 KB: a hundred or more photos between their arrival and
their job)."""


class PhotoFiles:
    """``fetch(file_id)``: the file's bytes, downloaded at most once while they are kept."""

    def __init__(self, bot: Bot, budget: int = KEPT_BYTES) -> None:
        self._bot = bot
        self._budget = budget
        self._kept: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0

    async def fetch(self, file_id: str) -> bytes:
        """The file's bytes (raises what ``getFile`` and the download raise; nothing is kept then)."""
        data = self._kept.get(file_id)
        if data is not None:
            self._kept.move_to_end(file_id)
            return data
        file = await self._bot.get_file(file_id)
        data = bytes(await file.download_as_bytearray())
        self._keep(file_id, data)
        return data

    def _keep(self, file_id: str, data: bytes) -> None:
        if len(data) > self._budget or file_id in self._kept:
            return
        self._kept[file_id] = data
        self._size += len(data)
        while self._size > self._budget:
            _, dropped = self._kept.popitem(last=False)
            self._size -= len(dropped)

"""The operations the bot offers, as every layer names them."""

from __future__ import annotations

from enum import StrEnum


class Operation(StrEnum):
    OLDER = "older"
    YOUNGER = "younger"
    SWAP_GENDER = "swap_gender"
    SWAP_FACES = "swap_faces"
    DETECT_GENDER = "detect_gender"

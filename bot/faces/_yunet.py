"""YuNet, the face detector of libfacedetection, as the ``yuface`` wheel ships it (the network's weights are
compiled into ``libfacedetection.so``: nothing is downloaded, ever).

We call the library through ctypes rather than through ``yuface``'s own Python wrapper, for three reasons measured
on this project's machine: ctypes lets go of the GIL during the call (the wrapper holds it for the whole ~8 ms, so a
detection in a worker thread would still stall the event loop); it needs no numpy (Pillow hands over the BGR bytes);
and it lets us keep OpenMP to one thread per call (with the default, libgomp starts a spinning thread per core and a
320 px detection costs 50-300 ms of CPU instead of 8).
"""

from __future__ import annotations

import ctypes
import importlib.util
import logging
import threading
from functools import cache
from pathlib import Path
from typing import Final

log = logging.getLogger(__name__)

_RESULT_BYTES: Final = 0x9000
"""libfacedetection's result buffer (``DETECT_BUFFER_SIZE``): an int count, then 16 shorts per face."""
_SYMBOL: Final = "_Z14facedetect_cnnPhS_iii"
"""``int* facedetect_cnn(unsigned char* result, unsigned char* bgr, int width, int height, int step)`` (C++)."""

Raw = tuple[int, int, int, int, int]
"""score (0..100), x, y, width, height: as the library reports them."""


class _Library:
    def __init__(self, folder: Path) -> None:
        self._detect = getattr(ctypes.CDLL(str(folder / "libfacedetection.so")), _SYMBOL)
        self._detect.restype = ctypes.POINTER(ctypes.c_int)
        self._detect.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int, ctypes.c_int]
        gomp = sorted((folder.parent / "yuface.libs").glob("libgomp*.so*"))
        self._threads = ctypes.CDLL(str(gomp[0])).omp_set_num_threads if gomp else None
        # One call at a time: the library initialises its weights lazily in static storage, without a lock. The
        # budget is one core anyway.
        self._lock = threading.Lock()

    def detect(self, bgr: bytes, width: int, height: int) -> list[Raw]:
        if len(bgr) != width * height * 3:
            raise ValueError("need width * height BGR pixels")
        result = ctypes.create_string_buffer(_RESULT_BYTES)
        with self._lock:
            if self._threads is not None:
                self._threads(1)  # per calling thread in libgomp: set it in the thread that detects
            self._detect(result, bgr, width, height, width * 3)
        count = ctypes.cast(result, ctypes.POINTER(ctypes.c_int))[0]
        shorts = ctypes.cast(ctypes.addressof(result) + 4, ctypes.POINTER(ctypes.c_short))
        return [
            (shorts[16 * i], shorts[16 * i + 1], shorts[16 * i + 2], shorts[16 * i + 3], shorts[16 * i + 4])
            for i in range(count)
        ]


@cache
def library() -> _Library | None:
    """The detector, or None where the ``yuface`` wheel is not installed (it is built for CPython 3.11 on x86-64
    Linux only): the bot then works as without detection (every vendor picks the largest face itself)."""
    spec = importlib.util.find_spec("yuface")  # finds the folder without importing the wrapper (and numpy)
    if spec is None or not spec.submodule_search_locations:
        log.warning("face detection is off: the yuface package is not installed")
        return None
    try:
        return _Library(Path(next(iter(spec.submodule_search_locations))))
    except (OSError, AttributeError) as exc:
        log.warning("face detection is off: libfacedetection could not be loaded (%s)", exc)
        return None

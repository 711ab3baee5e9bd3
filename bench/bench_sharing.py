"""Benchmark the pictures made to be shared (``bot.imaging``): before / after, the three-age collage, the operator's
mark, on 1280 px results; prints a Markdown table.

    python bench/bench_sharing.py [--runs N]

Inputs are made in memory from tests/data/astronaut.jpg (scaled to 1280 px, plus luminance noise so they compress
like photos). Per case:

- time: median (and min) of N runs, wall clock, on this process's one thread (the bot runs these off the event
  loop, ``asyncio.to_thread``);
- py peak: ``tracemalloc`` peak of one run: Python objects only (input and output bytes, copies);
- RSS peak: the process's peak resident memory during one run minus its resident memory just before (Linux
  ``/proc/self/clear_refs`` resets the peak), i.e. what one call costs, Pillow's pixel buffers included.
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PIL import Image, ImageChops  # noqa: E402

from bot import imaging  # noqa: E402

SIDE = 1280


def _photo(seed: int) -> bytes:
    """A 1280x1280 JPEG that compresses like a photo (the astronaut, upscaled, with noise)."""
    with Image.open(ROOT / "tests" / "data" / "astronaut.jpg") as image:
        big = image.convert("RGB").resize((SIDE, SIDE), Image.Resampling.LANCZOS)
    noise = Image.effect_noise((SIDE, SIDE), 24 + seed).convert("RGB")
    mixed = ImageChops.add(big, noise, scale=1.0, offset=-128)
    buffer = io.BytesIO()
    mixed.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def _status(field: str) -> int:
    """A /proc/self/status figure in kB (0 where there is no such file)."""
    try:
        text = Path("/proc/self/status").read_text()
    except OSError:
        return 0
    found = re.search(rf"^{field}:\s+(\d+) kB", text, re.MULTILINE)
    return int(found.group(1)) if found else 0


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def measure(call: Callable[[], bytes], runs: int) -> tuple[float, float, float, float | None, int]:
    """(median ms, min ms, py peak MB, RSS peak MB or None, output bytes)."""
    output = call()  # warm: fonts, codecs
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    tracemalloc.start()
    call()
    py_peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    rss: float | None = None
    if _reset_peak():
        before = _status("VmRSS")
        call()
        rss = max(0, _status("VmHWM") - before) / 1024
    return statistics.median(times), min(times), py_peak, rss, len(output)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=10, help="timed runs per case")
    args = parser.parse_args()
    original, *results = (_photo(seed) for seed in range(4))
    cases: list[tuple[str, Callable[[], bytes]]] = [
        ("before / after, 1280 px each", lambda: imaging.before_after(original, results[0], ("Before", "After"))),
        ("collage of 3 ages, 1280 px each", lambda: imaging.collage(results, ["50", "65", "80"])),
        ("collage of 2 (one age failed)", lambda: imaging.collage(results[:2], ["65", "80"])),
        ("mark on a 1280 px result", lambda: imaging.add_mark(results[0], "@faceshift_bot")),
    ]
    print(f"Inputs: {SIDE}x{SIDE} JPEGs ({len(original) / 1e6:.2f} MB each); {args.runs} runs per case.\n")
    print("| case | output | time median (min) | py peak (tracemalloc) | RSS peak |")
    print("|---|---|---|---|---|")
    for name, call in cases:
        median, fastest, py_peak, rss, size = measure(call, args.runs)
        out = size_of(call())
        rss_text = f"{rss:.0f} MB" if rss is not None else "n/a"
        print(
            f"| {name} | {out[0]}x{out[1]}, {size / 1e6:.2f} MB | {median:.0f} ms ({fastest:.0f}) "
            f"| {py_peak:.1f} MB | {rss_text} |"
        )


def size_of(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        return image.size


if __name__ == "__main__":
    main()

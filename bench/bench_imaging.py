"""Benchmark bot.imaging on camera-sized photos; prints a Markdown table.

    python bench/bench_imaging.py [--runs N]

Inputs are generated in memory from tests/data/astronaut.jpg (upscaled, plus luminance noise so they
compress like camera photos). Each case runs in a fresh worker process so that its memory figures do
not inherit the heap of earlier cases:

- time: median (and min) of N runs, wall clock;
- RSS peak: the worker's peak resident memory during one run minus its resident memory just before
  (Linux ``/proc/self/clear_refs`` resets the peak), i.e. what one call costs, pixel buffers included;
- py peak: ``tracemalloc`` peak of the same run: Python objects only (input/output bytes, copies),
  not Pillow's pixel buffers.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import PIL  # noqa: E402
from PIL import ExifTags, Image, ImageChops  # noqa: E402

from bot import imaging  # noqa: E402

ASTRONAUT = ROOT / "tests" / "data" / "astronaut.jpg"
RULES = {
    "ailab": imaging.AILAB_RULES,
    "accuauth": imaging.ACCUAUTH_RULES,
    "acedata": imaging.ACEDATA_RULES,
}


@dataclass(frozen=True)
class Case:
    label: str
    input_name: str
    operation: str  # "probe", "prepare:<rules>" or "draw_face_box"


# --------------------------------------------------------------------------------------------------
# Inputs


def photo_like(width: int, height: int, sigma: float) -> Image.Image:
    with Image.open(ASTRONAUT) as astronaut:
        base = astronaut.convert("RGB").resize((width, height), Image.Resampling.BILINEAR)
    noise = Image.effect_noise((width, height), sigma).convert("RGB")
    return ImageChops.add(base, noise, scale=1.0, offset=-128)


def exif(orientation: int, *, gps: bool = False) -> bytes:
    block = Image.Exif()
    block[ExifTags.Base.Orientation] = orientation
    block[ExifTags.Base.Make] = "BenchCam"
    if gps:
        gps_ifd = block.get_ifd(ExifTags.IFD.GPSInfo)
        gps_ifd[ExifTags.GPS.GPSLatitudeRef] = "N"
        gps_ifd[ExifTags.GPS.GPSLatitude] = (55.0, 45.0, 21.0)
    return block.tobytes()


def save(im: Image.Image, fmt: str, **params: object) -> bytes:
    buf = io.BytesIO()
    im.save(buf, fmt, **params)
    return buf.getvalue()


def make_inputs(directory: Path, with_heic: bool) -> dict[str, str]:
    """Write the inputs to ``directory``; return name -> description."""
    described: dict[str, str] = {}
    photo12 = photo_like(4000, 3000, sigma=9)
    inputs = {
        "jpeg12": (save(photo12, "JPEG", quality=90), "4000x3000 JPEG"),
        "jpeg12_gps": (save(photo12, "JPEG", quality=90, exif=exif(1, gps=True)), "4000x3000 JPEG, GPS EXIF"),
        "jpeg12_rot": (save(photo12, "JPEG", quality=90, exif=exif(6)), "4000x3000 JPEG, orientation 6"),
    }
    photo24 = photo_like(6000, 4000, sigma=9)
    inputs["jpeg24_rot"] = (save(photo24, "JPEG", quality=90, exif=exif(6)), "6000x4000 JPEG, orientation 6")
    del photo24
    if with_heic:
        heic = save(photo12, "HEIF", quality=70, exif=exif(6), enc_params={"preset": "ultrafast"})
        inputs["heic12_rot"] = (heic, "4000x3000 HEIC, orientation 6")
    for name, (data, description) in inputs.items():
        (directory / name).write_bytes(data)
        described[name] = f"{description}, {len(data) / 1e6:.1f} MB"
    return described


def heic_encoder_available() -> bool:
    try:
        save(Image.new("RGB", (64, 64)), "HEIF", quality=50)
    except Exception:
        return False
    return True


# --------------------------------------------------------------------------------------------------
# Worker


def _proc_status_kib(field: str) -> int | None:
    try:
        text = Path("/proc/self/status").read_text()
    except OSError:
        return None
    match = re.search(rf"^{field}:\s+(\d+) kB", text, re.MULTILINE)
    return int(match.group(1)) if match else None


def _reset_peak_rss() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _operation(name: str, data: bytes) -> Callable[[], str]:
    if name == "probe":
        return lambda: _describe_info(imaging.probe(data))
    if name == "draw_face_box":
        return lambda: f"JPEG {len(imaging.draw_face_box(data, (1200, 700, 2800, 2600))) / 1e6:.2f} MB"
    rules = RULES[name.removeprefix("prepare:")]
    return lambda: _describe_prepared(imaging.prepare(data, rules))


def _describe_info(info: imaging.ImageInfo) -> str:
    return f"{info.format} {info.width}x{info.height} o={info.orientation}"


def _describe_prepared(result: imaging.PreparedImage) -> str:
    how = "pass-through" if result.passed_through else "re-encoded"
    return f"{how} {result.width}x{result.height}, {len(result.data) / 1e6:.2f} MB"


def worker(path: Path, operation: str, runs: int) -> None:
    data = path.read_bytes()
    # Warm up: plugin imports and lazy initialisation must not count as the call's memory.
    small = ASTRONAUT.read_bytes()
    imaging.prepare(small, imaging.ACEDATA_RULES)
    imaging.draw_face_box(small, (1, 1, 10, 10))
    run = _operation(operation, data)

    have_proc = _reset_peak_rss()
    rss_before = _proc_status_kib("VmRSS") if have_proc else None
    maxrss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    outcome = run()
    _, py_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak = _proc_status_kib("VmHWM") if have_proc else None
    if peak is not None and rss_before is not None:
        rss_delta_mb = (peak - rss_before) / 1024
    else:  # ru_maxrss cannot be reset: only an upper bound of the growth
        rss_delta_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - maxrss_before) / 1024

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    print(
        json.dumps(
            {
                "median_ms": statistics.median(times),
                "min_ms": min(times),
                "rss_mb": rss_delta_mb,
                "py_mb": py_peak / 1e6,
                "outcome": outcome,
            }
        )
    )


# --------------------------------------------------------------------------------------------------
# Driver


def _ms(value: float) -> str:
    return f"{value:.3f}" if value < 1 else f"{value:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per case (probe: 20x this)")
    parser.add_argument("--worker", nargs=2, metavar=("FILE", "OPERATION"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(Path(args.worker[0]), args.worker[1], args.runs)
        return

    started = time.perf_counter()
    with_heic = heic_encoder_available()
    cases = [
        Case("probe", "jpeg12", "probe"),
        Case("pass-through", "jpeg12", "prepare:accuauth"),
        Case("pass-through, GPS EXIF cut", "jpeg12_gps", "prepare:accuauth"),
        Case("prepare AILAB", "jpeg12", "prepare:ailab"),
        Case("prepare ACCUAUTH", "jpeg12", "prepare:accuauth"),
        Case("prepare ACEDATA", "jpeg12", "prepare:acedata"),
        Case("prepare AILAB", "jpeg12_rot", "prepare:ailab"),
        Case("prepare ACCUAUTH", "jpeg12_rot", "prepare:accuauth"),
        Case("prepare ACEDATA", "jpeg12_rot", "prepare:acedata"),
        Case("prepare AILAB", "jpeg24_rot", "prepare:ailab"),
        Case("prepare ACCUAUTH", "jpeg24_rot", "prepare:accuauth"),
        Case("prepare ACEDATA", "jpeg24_rot", "prepare:acedata"),
        Case("draw_face_box", "jpeg12", "draw_face_box"),
    ]
    if with_heic:
        cases.append(Case("prepare AILAB", "heic12_rot", "prepare:ailab"))

    with tempfile.TemporaryDirectory(prefix="bench-imaging-") as tmp:
        directory = Path(tmp)
        described = make_inputs(directory, with_heic)
        rows = []
        for case in cases:
            runs = args.runs * 20 if case.operation == "probe" else args.runs
            completed = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--runs",
                    str(runs),
                    "--worker",
                    str(directory / case.input_name),
                    case.operation,
                ],
                check=True,
                capture_output=True,
                text=True,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
            result = json.loads(completed.stdout.strip().splitlines()[-1])
            rows.append((case, runs, result))

    print(f"Python {sys.version.split()[0]}, Pillow {PIL.__version__}, {os.cpu_count()} CPUs\n")
    print("| case | input | result | runs | median ms | min ms | RSS peak MB | py peak MB |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for case, runs, result in rows:
        print(
            f"| {case.label} | {described[case.input_name]} | {result['outcome']} | {runs} "
            f"| {_ms(result['median_ms'])} | {_ms(result['min_ms'])} | {result['rss_mb']:.0f} "
            f"| {result['py_mb']:.1f} |"
        )
    if not with_heic:
        print("\nHEIC rows skipped: pillow_heif has no encoder here.")
    print(f"\nTotal {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

"""Benchmark the face detector (``bot.faces``); prints Markdown tables.

    python bench/bench_faces.py [--runs N]

1. Quality on the labelled set (``tests/support/faceset.py``, generated from tests/data/astronaut.jpg and
   synthetic pictures): recall on the faces a vendor could use, false detections, face-less photos with a false
   face; at the detector's threshold and at two others, so the choice of ``MIN_SCORE`` can be checked.
2. Cost per photo size (320, 800, 1280, 2560 px long side, JPEG, as Telegram serves them): CPU time (median of N
   runs, on one thread: the detector is single-threaded by design) and wall time, decode and reduction included;
   and the peak memory one detection adds, measured in a fresh worker process (Linux ``/proc/self/clear_refs``
   resets the peak; RSS, so Pillow's pixel buffers and the network's work memory count): the first call (it sets
   up the network's weights) and a later one (the allocator reuses what the first one freed).
"""

from __future__ import annotations

import argparse
import io
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from bot import faces  # noqa: E402
from tests.support.faceset import Score, labelled_set  # noqa: E402

SIZES = (320, 800, 1280, 2560)


def _photo(side: int) -> bytes:
    """A 4:3 composite photo with three faces, scaled so that its long side is ``side``, as a JPEG."""
    sample = next(s for s in labelled_set() if s.name.startswith("composite-") and len(s.faces) == 3)
    with Image.open(io.BytesIO(sample.jpeg)) as image:
        scale = side / max(image.size)
        picture = image.convert("RGB").resize((round(image.width * scale), round(image.height * scale)))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=87)
    return buffer.getvalue()


def quality(min_score: float) -> tuple[Score, list[str]]:
    score = Score()
    problems: list[str] = []
    for sample in labelled_set():
        found = faces.detect(sample.jpeg, min_score=min_score)
        assert found is not None
        boxes = [tuple(float(v) for v in face.corners) for face in found.faces]
        for problem in score.add(sample, boxes):  # type: ignore[arg-type]
            problems.append(f"{sample.name}: {problem}")
    return score, problems


def _status_kib(field: str) -> int:
    match = re.search(rf"^{field}:\s+(\d+) kB", Path("/proc/self/status").read_text(), re.MULTILINE)
    return int(match.group(1)) if match else 0


def worker(side: int, runs: int) -> None:
    data = _photo(side)
    faces.available()  # loads the library (its weights are set up by the first detection)
    Path("/proc/self/clear_refs").write_text("5")
    before = _status_kib("VmRSS")
    found = faces.detect(data)
    first = _status_kib("VmHWM") - before
    Path("/proc/self/clear_refs").write_text("5")
    before = _status_kib("VmRSS")
    faces.detect(data)
    later = _status_kib("VmHWM") - before
    cpu, wall = [], []
    for _ in range(runs):
        c, w = time.process_time(), time.perf_counter()
        faces.detect(data)
        cpu.append((time.process_time() - c) * 1000)
        wall.append((time.perf_counter() - w) * 1000)
    print(
        json.dumps(
            {
                "cpu_ms": statistics.median(cpu),
                "wall_ms": statistics.median(wall),
                "first_mb": first / 1024,
                "later_mb": later / 1024,
                "rss_mb": _status_kib("VmRSS") / 1024,
                "faces": len(found.faces) if found else -1,
                "bytes": len(data),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--verbose", action="store_true", help="list every miss and false face")
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.runs)
        return
    if not faces.available():
        raise SystemExit("face detection is not available here (the yuface package is missing)")

    samples = labelled_set()
    print(
        f"Labelled set: {len(samples)} photos, {sum(s.required for s in samples)} faces a vendor could use, "
        f"{sum(1 for s in samples if not s.faces)} photos without a face.\n"
    )
    print("| threshold | recall | false faces | face-less photos with a false face |")
    print("|---|---|---|---|")
    chosen_problems: list[str] = []
    for min_score in (0.5, faces.MIN_SCORE, 0.7):
        score, problems = quality(min_score)
        mark = " (used)" if min_score == faces.MIN_SCORE else ""
        print(
            f"| {min_score:.1f}{mark} | {score.found}/{score.required} = {score.recall:.1%} | "
            f"{score.false_positives} | {score.false_on_faceless}/{score.faceless} |"
        )
        if min_score == faces.MIN_SCORE:
            chosen_problems = problems
    if args.verbose:
        print("\n" + "\n".join(chosen_problems))

    print(f"\nCost per photo (detection on a copy of at most {faces.DETECT_SIDE} px; median of {args.runs} runs):\n")
    print("| photo | JPEG | CPU | wall | peak memory added: first call / later calls | process RSS |")
    print("|---|---|---|---|---|---|")
    for side in SIZES:
        out = subprocess.run(
            [sys.executable, __file__, "--worker", str(side), "--runs", str(args.runs)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(
            f"| {side} px | {r['bytes'] / 1000:.0f} kB | {r['cpu_ms']:.1f} ms | {r['wall_ms']:.1f} ms | "
            f"{r['first_mb']:.1f} / {r['later_mb']:.1f} MB | {r['rss_mb']:.0f} MB |"
        )


if __name__ == "__main__":
    main()

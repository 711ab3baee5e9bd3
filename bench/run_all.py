"""Run every benchmark and print their tables: ``python bench/run_all.py [--quick]``.

Each benchmark runs in its own process (so one's memory and threads do not colour another's figures).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent

# (script, arguments for a full run, arguments for --quick)
BENCHMARKS: list[tuple[str, list[str], list[str]]] = [
    ("bench_startup.py", [], ["--runs", "2"]),
    ("bench_imaging.py", [], []),
    ("bench_sharing.py", [], ["--runs", "3"]),
    ("bench_faces.py", [], ["--runs", "10"]),
    ("bench_quota.py", [], []),
    ("bench_delivery.py", [], ["--deliveries", "100"]),
    ("bench_dashboard.py", [], ["--jobs", "10000", "--runs", "3"]),
    ("bench_conversation.py", [], ["--quick"]),
    ("bench_payments.py", [], ["--payments", "100"]),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="shorter runs")
    args = parser.parse_args()
    failed = []
    for script, full, quick in BENCHMARKS:
        path = BENCH / script
        if not path.exists():
            continue
        print(f"\n## {script}\n", flush=True)
        started = time.monotonic()
        result = subprocess.run([sys.executable, str(path), *(quick if args.quick else full)], check=False)
        print(f"\n({script}: {time.monotonic() - started:.0f} s)", flush=True)
        if result.returncode != 0:
            failed.append(script)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    main()

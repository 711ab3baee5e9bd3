"""What the admins' ``/stats`` shows: jobs per operation and outcome, vendor latency, top users, credits."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from storage.database import Database

PAID = ("result_ready", "succeeded")  # the vendor delivered and the job was charged


@dataclass(frozen=True, slots=True)
class OperationStats:
    operation: str
    outcomes: dict[str, int]  # "ok", or a failure category ("transient", "interrupted", ...) -> jobs
    total: int
    succeeded: int

    @property
    def success_rate(self) -> float:
        return self.succeeded / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class VendorLatency:
    vendor: str
    calls: int  # jobs that reached the vendor and have a measured time
    p50_ms: int
    p95_ms: int


@dataclass(frozen=True, slots=True)
class TopUser:
    user_id: int
    username: str | None
    first_name: str | None
    jobs: int
    charged: int  # quota spent (daily allowance and credits)


@dataclass(frozen=True, slots=True)
class StatsReport:
    since: float
    operations: list[OperationStats]
    latency: list[VendorLatency]
    top_users: list[TopUser]
    credits_granted: int  # positive grants only
    credits_taken: int  # negative grants, as a positive number

    @property
    def total(self) -> int:
        return sum(op.total for op in self.operations)

    @property
    def succeeded(self) -> int:
        return sum(op.succeeded for op in self.operations)

    @property
    def success_rate(self) -> float:
        return self.succeeded / self.total if self.total else 0.0


def percentile(sorted_values: list[int], fraction: float) -> int:
    """Nearest-rank percentile of an ascending list (``fraction`` 0.5 is the median); 0 when empty."""
    if not sorted_values:
        return 0
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


class StatsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def report(self, since: float, *, top: int = 5) -> StatsReport:
        """Everything about the jobs created since ``since`` (Unix time), and the grants made since then."""
        conn = self._db.conn
        operations: dict[str, dict[str, int]] = defaultdict(dict)
        paid: dict[str, int] = defaultdict(int)
        rows = await conn.execute_fetchall(
            """SELECT operation, status, COALESCE(outcome, status) AS outcome, COUNT(*) AS n FROM jobs
               WHERE created_at >= ? GROUP BY operation, status, COALESCE(outcome, status)""",
            (since,),
        )
        for row in rows:
            outcome = "ok" if row["status"] in PAID else row["outcome"]
            counts = operations[row["operation"]]
            counts[outcome] = counts.get(outcome, 0) + row["n"]
            if row["status"] in PAID:
                paid[row["operation"]] += row["n"]
        stats = [
            OperationStats(
                op, dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))), sum(counts.values()), paid[op]
            )
            for op, counts in sorted(operations.items())
        ]

        timings: dict[str, list[int]] = defaultdict(list)
        rows = await conn.execute_fetchall(
            """SELECT vendor, vendor_ms FROM jobs
               WHERE created_at >= ? AND vendor IS NOT NULL AND vendor_ms IS NOT NULL ORDER BY vendor, vendor_ms""",
            (since,),
        )
        for row in rows:
            timings[row["vendor"]].append(row["vendor_ms"])
        latency = [
            VendorLatency(vendor, len(ms), percentile(ms, 0.50), percentile(ms, 0.95))
            for vendor, ms in sorted(timings.items())
        ]

        rows = await conn.execute_fetchall(
            """SELECT j.user_id, u.username, u.first_name, COUNT(*) AS jobs,
                      SUM(CASE WHEN j.status IN ('result_ready', 'succeeded') THEN j.cost ELSE 0 END) AS charged
               FROM jobs j LEFT JOIN users u ON u.id = j.user_id
               WHERE j.created_at >= ? GROUP BY j.user_id ORDER BY jobs DESC, charged DESC, j.user_id LIMIT ?""",
            (since, top),
        )
        top_users = [TopUser(r["user_id"], r["username"], r["first_name"], r["jobs"], r["charged"]) for r in rows]

        rows = await conn.execute_fetchall(
            """SELECT COALESCE(SUM(CASE WHEN amount > 0 THEN amount END), 0) AS granted,
                      COALESCE(-SUM(CASE WHEN amount < 0 THEN amount END), 0) AS taken
               FROM ledger WHERE kind = 'grant' AND created_at >= ?""",
            (since,),
        )
        grants = next(iter(rows))
        return StatsReport(since, stats, latency, top_users, grants["granted"], grants["taken"])

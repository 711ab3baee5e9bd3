"""The dashboard's JSON API under ``/admin/api/``: overview, people, one person, actions, vendors.

Every call carries the Mini App's ``initData`` in ``Authorization: tma <initData>`` and is checked first, before
anything else is looked at: without valid, fresh ``initData`` the answer is 401, with a valid one from someone
not in ``ADMIN_IDS`` it is 403, and both bodies say nothing more. No cookies: a page on another site cannot
send the header without a CORS preflight, which this server never approves.

Actions are POSTs of a small JSON object (at most ``MAX_BODY`` bytes; anything else is a 400) carrying a
``request_id`` the page makes once per confirmation: the ledger keys the action by it, so a double click or a
retried request does the action once. They go through :class:`bot.admin_actions.AdminActions`, as the commands
do, and write the same ledger rows with the admin's id.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bot.admin_actions import MAX_REASON, AdminActions, dashboard_key
from bot.jobs.runner import VendorLoad
from bot.quota_clock import QuotaClock
from bot.settings import Vendor
from bot.web.dashboard.initdata import InitDataRefused, InitDataVerifier, WebAppUser
from storage.dashboard import DashboardRepository, DayStats, DayWindow, PersonRow
from storage.jobs import Job, JobsRepository
from storage.quota import MAX_AMOUNT, AdminResult, Allowance, LedgerEntry, QuotaRepository
from storage.stats import StatsReport, StatsRepository

log = logging.getLogger(__name__)

MAX_BODY = 4096
DEFAULT_DAYS = 30
MAX_DAYS = 366
PERSON_JOBS = 20
PERSON_LEDGER = 50
SEARCH_RESULTS = 20
TOP_USERS = 10
_NO_STORE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
_REQUEST_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")
_USER_ID = re.compile(r"[1-9][0-9]{0,14}")
_SCHEME = "tma "


class PaymentsPanel(Protocol):
    """What the dashboard shows of Stars payments, once the bot takes them. Without one (``None``) the JSON
    says ``"payments": null`` and the page shows no Stars and no refund button.

    - ``overview(windows)``: ``{"currency": "XTR", "received": n, "refunded": n,
      "days": [{"day": ..., "received": n, "refunded": n}, ...]}``, one entry per window;
    - ``for_person(user_id)``: ``[{"charge_id": ..., "amount": n, "created_at": unix, "refunded": bool}, ...]``,
      newest first;
    - ``refund(user_id, charge_id, admin_id=, key=)``: ``{"repeated": bool, ...}``, the refund done once per
      ``key``; ``ValueError`` when the charge is not the person's or cannot be refunded (answered as a 400).
    """

    async def overview(self, windows: Sequence[DayWindow]) -> dict[str, Any]: ...

    async def for_person(self, user_id: int) -> list[dict[str, Any]]: ...

    async def refund(self, user_id: int, charge_id: str, *, admin_id: int, key: str) -> dict[str, Any]: ...


class Queue(Protocol):
    """The job runner, as the dashboard sees it (read-only)."""

    @property
    def waiting(self) -> int: ...

    @property
    def running(self) -> int: ...

    def load(self) -> Mapping[Vendor, VendorLoad]: ...


@dataclass(frozen=True)
class DashboardDeps:
    verifier: InitDataVerifier
    admin_ids: frozenset[int]
    actions: AdminActions
    quota: QuotaRepository
    jobs: JobsRepository
    stats: StatsRepository
    board: DashboardRepository
    clock: QuotaClock
    queue: Queue
    configured_vendors: frozenset[str]
    vendor_attempts: Callable[[], dict[str, dict[str, int]]]
    payments: PaymentsPanel | None = None
    started_at: float = 0.0  # since when ``vendor_attempts`` counts


class _BadRequest(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


Handler = Callable[[Request, WebAppUser], Awaitable[Response]]


def answer(data: Any, status: int = 200) -> Response:
    return JSONResponse(data, status_code=status, headers=_NO_STORE)


class DashboardApi:
    def __init__(self, deps: DashboardDeps) -> None:
        self.deps = deps

    # -- the gate every endpoint passes ------------------------------------------------------------------

    def guarded(self, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        """``handler`` behind the initData check; a bad request is a 400 with a short reason, never a 500."""

        async def endpoint(request: Request) -> Response:
            header = request.headers.get("authorization", "")
            init_data = header[len(_SCHEME) :] if header[: len(_SCHEME)].lower() == _SCHEME else None
            try:
                user = self.deps.verifier.verify(init_data)
            except InitDataRefused as refused:
                log.info("dashboard: %s %s refused (%s)", request.method, request.url.path, refused.reason)
                return answer({"error": "unauthorized"}, 401)
            if user.id not in self.deps.admin_ids:
                log.warning("dashboard: user %d is not an admin", user.id)
                return answer({"error": "forbidden"}, 403)
            try:
                return await handler(request, user)
            except _BadRequest as bad:
                return answer({"error": bad.message}, bad.status)
            except Exception:
                log.exception("dashboard: %s %s failed", request.method, request.url.path)
                return answer({"error": "internal error"}, 500)

        return endpoint

    # -- overview ----------------------------------------------------------------------------------------

    async def overview(self, request: Request, admin: WebAppUser) -> Response:
        days = _days_param(request)
        windows = self.windows(days)
        deps = self.deps
        daily = await deps.board.daily(windows)
        today = await deps.stats.report(windows[-1].start, top=TOP_USERS)
        period = await deps.stats.report(windows[0].start, top=TOP_USERS)
        return answer(
            {
                "admin": {"id": admin.id, "first_name": admin.first_name, "username": admin.username},
                "generated_at": time.time(),
                "timezone": str(deps.clock.zone),
                "today": windows[-1].day,
                "days": [_day_json(day) for day in daily],
                "summary": {
                    "today": _summary(today, daily[-1:]),
                    "period": {**_summary(period, daily), "days": days, "since": windows[0].day},
                },
                "queue": self._queue(),
                "payments": await deps.payments.overview(windows) if deps.payments is not None else None,
            }
        )

    def windows(self, days: int) -> list[DayWindow]:
        return day_windows(self.deps.clock, days)

    def _queue(self) -> dict[str, Any]:
        queue = self.deps.queue
        return {"waiting": queue.waiting, "running": queue.running, "vendors": self._vendors()}

    def _vendors(self) -> list[dict[str, Any]]:
        attempts = self.deps.vendor_attempts()
        return [
            {
                "vendor": vendor.value,
                "configured": vendor.value in self.deps.configured_vendors,
                "limit": load.limit,
                "swap_limit": load.swap_limit,
                "waiting": load.waiting,
                "running": load.running,
                "attempts": attempts.get(vendor.value, {}),
            }
            for vendor, load in sorted(self.deps.queue.load().items())
        ]

    # -- vendors -----------------------------------------------------------------------------------------

    async def vendors(self, request: Request, admin: WebAppUser) -> Response:
        windows = self.windows(_days_param(request))
        errors = await self.deps.board.vendor_errors(windows)
        return answer(
            {
                "days": [w.day for w in windows],
                "errors": [
                    {"day": e.day, "vendor": e.vendor, "category": e.category, "code": e.code, "count": e.count}
                    for e in errors
                ],
                "vendors": self._vendors(),
                "attempts_since": self.deps.started_at,
                "queue": {"waiting": self.deps.queue.waiting, "running": self.deps.queue.running},
            }
        )

    # -- people ------------------------------------------------------------------------------------------

    async def search(self, request: Request, admin: WebAppUser) -> Response:
        query = request.query_params.get("q", "").strip()
        if len(query) > 64:
            raise _BadRequest("the search is too long")
        found = await self.deps.board.search_people(query, SEARCH_RESULTS)
        people = [_person_json(p) for p in found]
        if _USER_ID.fullmatch(query) and not found:  # an id the bot has not met can still be acted on
            people.append(_unknown_person(int(query)))
        return answer({"query": query, "people": people})

    async def person(self, request: Request, admin: WebAppUser) -> Response:
        return answer(await self._person_detail(_user_id(request)))

    async def _person_detail(self, user_id: int) -> dict[str, Any]:
        deps = self.deps
        row = await deps.board.person(user_id)
        allowance = await deps.quota.allowance(user_id, deps.clock.today())
        jobs = await deps.jobs.recent_for(user_id, PERSON_JOBS)
        ledger = await deps.quota.history(user_id, PERSON_LEDGER)
        payments = await deps.payments.for_person(user_id) if deps.payments is not None else None
        return {
            "person": _person_json(row) if row is not None else _unknown_person(user_id),
            "allowance": _allowance_json(allowance, deps.quota.default_limit),
            "jobs": [_job_json(job) for job in jobs],
            "ledger": [_ledger_json(entry) for entry in ledger],
            "payments": payments,
        }

    async def act(self, request: Request, admin: WebAppUser) -> Response:
        user_id = _user_id(request)
        action = request.path_params["action"]
        run = self._actions().get(action)
        if run is None:
            raise _BadRequest("no such action", 404)
        body = await _json_body(request)
        request_id = body.get("request_id")
        if not isinstance(request_id, str) or _REQUEST_ID.fullmatch(request_id) is None:
            raise _BadRequest("request_id: 8 to 64 letters, digits, - or _")
        key = dashboard_key(admin.id, request_id)
        try:
            done = await run(user_id, body, admin.id, key)
        except ValueError as refused:
            raise _BadRequest(str(refused)) from None
        log.info("dashboard: admin %d did %s for user %d%s", admin.id, action, user_id, " (repeated)" * done.repeated)
        return answer({"action": action, "repeated": done.repeated, "amount": done.amount, "result": done.result})

    def _actions(self) -> dict[str, _Action]:
        actions = self.deps.actions

        async def grant(user_id: int, body: dict[str, Any], admin_id: int, key: str) -> _Done:
            amount = _int_field(body, "amount", -MAX_AMOUNT, MAX_AMOUNT)
            if amount == 0:
                raise _BadRequest("amount: not 0")
            return self._done(await actions.grant(user_id, amount, admin_id=admin_id, key=key))

        async def setlimit(user_id: int, body: dict[str, Any], admin_id: int, key: str) -> _Done:
            limit = None if body.get("limit") is None else _int_field(body, "limit", 0, MAX_AMOUNT)
            return self._done(await actions.set_limit(user_id, limit, admin_id=admin_id, key=key))

        async def reset(user_id: int, body: dict[str, Any], admin_id: int, key: str) -> _Done:
            return self._done(await actions.reset_quota(user_id, admin_id=admin_id, key=key))

        async def ban(user_id: int, body: dict[str, Any], admin_id: int, key: str) -> _Done:
            reason = body.get("reason")
            if reason is not None and (not isinstance(reason, str) or len(reason) > MAX_REASON):
                raise _BadRequest(f"reason: text of at most {MAX_REASON} characters")
            return self._done(await actions.ban(user_id, admin_id=admin_id, key=key, reason=reason))

        async def unban(user_id: int, body: dict[str, Any], admin_id: int, key: str) -> _Done:
            return self._done(await actions.unban(user_id, admin_id=admin_id, key=key))

        table: dict[str, _Action] = {"grant": grant, "setlimit": setlimit, "reset": reset, "ban": ban, "unban": unban}
        payments = self.deps.payments
        if payments is not None:

            async def refund(user_id: int, body: dict[str, Any], admin_id: int, key: str) -> _Done:
                charge_id = body.get("charge_id")
                if not isinstance(charge_id, str) or not 1 <= len(charge_id) <= 256:
                    raise _BadRequest("charge_id: the payment's charge id")
                result = await payments.refund(user_id, charge_id, admin_id=admin_id, key=key)
                return _Done(bool(result.get("repeated")), 0, result)

            table["refund"] = refund
        return table

    def _done(self, done: AdminResult) -> _Done:
        allowance = _allowance_json(done.allowance, self.deps.quota.default_limit)
        return _Done(done.repeated, done.amount, {"allowance": allowance})


@dataclass(frozen=True, slots=True)
class _Done:
    repeated: bool
    amount: int
    result: dict[str, Any]


_Action = Callable[[int, dict[str, Any], int, str], Awaitable[_Done]]


def day_windows(clock: QuotaClock, days: int) -> list[DayWindow]:
    """The last ``days`` allowance days, today last, each from local midnight to the next (23 or 25 hours long
    on the days the clocks change)."""
    zone = clock.zone
    today = clock.now().date()

    def midnight(day: date) -> float:
        return datetime(day.year, day.month, day.day, tzinfo=zone).timestamp()

    first = today - timedelta(days=days - 1)
    dates = [first + timedelta(days=i) for i in range(days)]
    return [DayWindow(d.isoformat(), midnight(d), midnight(d + timedelta(days=1))) for d in dates]


# -- request parsing -------------------------------------------------------------------------------------


def _days_param(request: Request) -> int:
    raw = request.query_params.get("days")
    if raw is None:
        return DEFAULT_DAYS
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_DAYS:
        raise _BadRequest(f"days: a whole number from 1 to {MAX_DAYS}")
    return int(raw)


def _user_id(request: Request) -> int:
    raw = request.path_params["user_id"]
    if _USER_ID.fullmatch(raw) is None:
        raise _BadRequest("no such person", 404)
    return int(raw)


async def _json_body(request: Request) -> dict[str, Any]:
    """The body as a small JSON object, or a 400 (415 for another content type)."""
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise _BadRequest("expected application/json", 415)
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
        raise _BadRequest("the body is too large")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise _BadRequest("the body is too large")
    try:
        data = json.loads(body)
    except ValueError:  # includes UnicodeDecodeError
        raise _BadRequest("the body is not JSON") from None
    if not isinstance(data, dict):
        raise _BadRequest("the body must be a JSON object")
    return data


def _int_field(body: dict[str, Any], name: str, minimum: int, maximum: int) -> int:
    value = body.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise _BadRequest(f"{name}: a whole number from {minimum} to {maximum}")
    return value


# -- JSON shapes -----------------------------------------------------------------------------------------


def _day_json(day: DayStats) -> dict[str, Any]:
    return {
        "day": day.day,
        "jobs": day.total,
        "outcomes": day.outcomes,
        "ok": day.outcomes.get("ok", 0),
        "charged": day.charged,
        "released": day.released,
        "latency": {
            vendor: {"calls": lat.calls, "p50_ms": lat.p50_ms, "p95_ms": lat.p95_ms}
            for vendor, lat in day.latency.items()
        },
    }


def _summary(report: StatsReport, days: Sequence[DayStats]) -> dict[str, Any]:
    return {
        "jobs": report.total,
        "succeeded": report.succeeded,
        "success_rate": report.success_rate,
        "operations": [
            {
                "operation": op.operation,
                "jobs": op.total,
                "succeeded": op.succeeded,
                "success_rate": op.success_rate,
                "outcomes": op.outcomes,
            }
            for op in report.operations
        ],
        "latency": [
            {"vendor": v.vendor, "calls": v.calls, "p50_ms": v.p50_ms, "p95_ms": v.p95_ms} for v in report.latency
        ],
        "top_users": [
            {"id": u.user_id, "username": u.username, "first_name": u.first_name, "jobs": u.jobs, "charged": u.charged}
            for u in report.top_users
        ],
        "charged": sum(day.charged for day in days),
        "released": sum(day.released for day in days),
        "credits_granted": report.credits_granted,
        "credits_taken": report.credits_taken,
    }


def _person_json(row: PersonRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "known": True,
        "username": row.username,
        "first_name": row.first_name,
        "last_seen": row.last_seen,
        "credits": row.credits,
        "banned": row.banned,
    }


def _unknown_person(user_id: int) -> dict[str, Any]:
    return {
        "id": user_id,
        "known": False,
        "username": None,
        "first_name": None,
        "last_seen": None,
        "credits": None,
        "banned": False,
    }


def _allowance_json(allowance: Allowance, default_limit: int) -> dict[str, Any]:
    return {
        "day": allowance.day,
        "daily_limit": allowance.daily_limit,
        "default_limit": default_limit,
        "limit_overridden": allowance.limit_overridden,
        "daily_used": allowance.daily_used,
        "daily_reserved": allowance.daily_reserved,
        "daily_left": allowance.daily_left,
        "credits": allowance.credits,
        "credits_reserved": allowance.credits_reserved,
        "left": allowance.left,
        "banned": allowance.banned,
        "ban_reason": allowance.ban_reason,
    }


def _job_json(job: Job) -> dict[str, Any]:
    return {
        "id": job.id,
        "created_at": job.created_at,
        "operation": job.operation,
        "status": job.status.value,
        "outcome": job.outcome,
        "cost": job.cost,
        "vendor": job.vendor,
        "vendor_ms": job.vendor_ms,
    }


def _ledger_json(entry: LedgerEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "created_at": entry.created_at,
        "kind": entry.kind,
        "bucket": entry.bucket,
        "amount": entry.amount,
        "day": entry.day,
        "job_id": entry.job_id,
        "admin_id": entry.admin_id,
        "reason": entry.reason,
    }

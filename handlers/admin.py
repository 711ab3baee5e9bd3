"""Admin commands: /grant, /setlimit, /quota <who>, /resetquota, /ban, /unban, /stats, /history.

Only the ids in ADMIN_IDS reach these handlers: the filter is applied in :func:`handlers.register`. For anyone
else they do not exist: in a private chat the bot answers them as it answers any unknown command, and in a
group it stays silent, as it does for commands it does not know.

``<who>`` is a numeric Telegram id, an ``@username`` the bot has seen, or, when the command is a reply, the
person replied to (the sender of a forwarded message, when the reply is to a forward). A command given
``<who>`` explicitly uses it even in a reply.

Every action is a ledger row naming the admin, keyed by the command's message: a re-delivered update does
it once.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, datetime

from telegram import Message, MessageOriginUser, Update, User

from bot.i18n import Catalog
from handlers import account
from handlers.context import Context
from handlers.replies import catalog_for, reply
from storage.quota import MAX_AMOUNT, Allowance, LedgerEntry
from storage.stats import StatsRepository

HISTORY_ROWS = 20
RECENT_JOBS = 5
MAX_DAYS = 366
_ID = re.compile(r"\d{1,15}")
_USERNAME = re.compile(r"@[A-Za-z][A-Za-z0-9_]{2,31}")
_NUMBER = re.compile(r"[+-]?\d{1,9}")


async def unknown_command(update: Update, context: Context) -> None:
    """Any command the bot does not serve (admin commands included, for people who are not admins)."""
    await reply(update, catalog_for(update, context)("unknown-command"))


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    label: str  # "Alice (@alice, id 1001)"


class _Refused(Exception):
    """The command cannot run; ``text`` says why (usage, an unknown @username, a bad number)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


async def grant(update: Update, context: Context) -> None:
    """/grant <who> <n>: add n credits (negative: take back available ones)."""
    async with _admin(update, context) as (catalog, message, admin):
        who, rest = await _target(context, catalog, message, "admin-usage-grant", arity=1)
        n = _number(catalog, rest[0], minimum=-MAX_AMOUNT, maximum=MAX_AMOUNT, usage="admin-usage-grant")
        if n == 0:
            raise _Refused(catalog("admin-usage-grant"))
        services = context.services
        done = await services.quota.grant(
            who.id, n, admin_id=admin.id, day=services.quota_clock.today(), key=_key(message)
        )
        if done.repeated:
            raise _Refused(catalog("admin-repeated"))
        key = "admin-granted" if done.amount >= 0 else "admin-taken"
        await reply(update, catalog(key, who=who.label, amount=abs(done.amount), credits=done.allowance.credits))


async def setlimit(update: Update, context: Context) -> None:
    """/setlimit <who> <n|default>: override one person's daily allowance."""
    async with _admin(update, context) as (catalog, message, admin):
        who, rest = await _target(context, catalog, message, "admin-usage-setlimit", arity=1)
        limit = (
            None
            if rest[0].lower() == "default"
            else _number(catalog, rest[0], minimum=0, maximum=MAX_AMOUNT, usage="admin-usage-setlimit")
        )
        services = context.services
        done = await services.quota.set_limit(
            who.id, limit, admin_id=admin.id, day=services.quota_clock.today(), key=_key(message)
        )
        if done.repeated:
            raise _Refused(catalog("admin-repeated"))
        allowance = done.allowance
        await reply(
            update,
            catalog(
                "admin-limit-default" if limit is None else "admin-limit-set",
                who=who.label,
                limit=allowance.daily_limit,
                left=allowance.daily_left,
            ),
        )


async def quota(update: Update, context: Context) -> None:
    """/quota [who]: without <who> (and not as a reply to someone) the admin's own, as for everyone."""
    message = update.effective_message
    if message is None or (not context.args and _replied_person(message) is None):
        await account.quota(update, context)
        return
    async with _admin(update, context) as (catalog, message, _admin_user):
        who, _ = await _target(context, catalog, message, "admin-usage-quota", arity=0)
        services = context.services
        allowance = await services.quota.allowance(who.id, services.quota_clock.today())
        jobs = await services.jobs.recent_for(who.id, RECENT_JOBS)
        lines = [catalog("admin-quota-title", who=who.label), _balance(catalog, allowance)]
        if allowance.banned:
            lines.append(catalog("admin-quota-banned", reason=allowance.ban_reason or "-"))
        lines.append(catalog("admin-quota-jobs") if jobs else catalog("admin-quota-no-jobs"))
        for job in jobs:
            lines.append(
                catalog(
                    "admin-quota-job",
                    when=_when(context, catalog, job.created_at),
                    operation=job.operation,
                    outcome=job.outcome or job.status,
                    cost=job.cost,
                )
            )
        await reply(update, "\n".join(lines))


async def resetquota(update: Update, context: Context) -> None:
    """/resetquota <who>: give back what the person used of today's allowance."""
    async with _admin(update, context) as (catalog, message, admin):
        who, _ = await _target(context, catalog, message, "admin-usage-resetquota", arity=0)
        services = context.services
        done = await services.quota.reset_today(
            who.id, admin_id=admin.id, day=services.quota_clock.today(), key=_key(message)
        )
        if done.repeated:
            raise _Refused(catalog("admin-repeated"))
        await reply(
            update,
            catalog(
                "admin-reset-done",
                who=who.label,
                amount=done.amount,
                left=done.allowance.daily_left,
                limit=done.allowance.daily_limit,
            ),
        )


async def ban(update: Update, context: Context) -> None:
    """/ban <who> [reason]: new requests are politely refused and cost nothing; a running job finishes."""
    await _set_banned(update, context, banned=True)


async def unban(update: Update, context: Context) -> None:
    """/unban <who>."""
    await _set_banned(update, context, banned=False)


async def _set_banned(update: Update, context: Context, *, banned: bool) -> None:
    usage, done_key = ("admin-usage-ban", "admin-banned") if banned else ("admin-usage-unban", "admin-unbanned")
    async with _admin(update, context) as (catalog, message, admin):
        who, rest = await _target(context, catalog, message, usage, arity=None if banned else 0)
        services = context.services
        done = await services.quota.set_banned(
            who.id,
            banned,
            admin_id=admin.id,
            day=services.quota_clock.today(),
            reason=" ".join(rest) or None if banned else None,
            key=_key(message),
        )
        if done.repeated:
            raise _Refused(catalog("admin-repeated"))
        await reply(update, catalog(done_key, who=who.label))


async def history(update: Update, context: Context) -> None:
    """/history <who>: the person's latest ledger rows."""
    async with _admin(update, context) as (catalog, message, _admin_user):
        who, _ = await _target(context, catalog, message, "admin-usage-history", arity=0)
        entries = await context.services.quota.history(who.id, HISTORY_ROWS)
        if not entries:
            await reply(update, catalog("admin-history-empty", who=who.label))
            return
        lines = [catalog("admin-history-title", who=who.label, count=len(entries))]
        lines += [_ledger_line(context, catalog, entry) for entry in entries]
        await reply(update, "\n".join(lines))


async def stats(update: Update, context: Context) -> None:
    """/stats [days]: jobs per operation and outcome, success rate, vendor latency, top users, credits."""
    async with _admin(update, context) as (catalog, _message, _admin_user):
        args = context.args or []
        if len(args) > 1:
            raise _Refused(catalog("admin-usage-stats"))
        days = _number(catalog, args[0], minimum=1, maximum=MAX_DAYS, usage="admin-usage-stats") if args else 1
        report = await StatsRepository(context.services.db).report(time.time() - days * 86400)
        lines = [catalog("admin-stats-title", days=days, jobs=report.total, rate=_percent(report.success_rate))]
        for op in report.operations:
            outcomes = ", ".join(f"{name} {catalog.number(count)}" for name, count in op.outcomes.items())
            lines.append(
                catalog(
                    "admin-stats-operation",
                    operation=op.operation,
                    jobs=op.total,
                    outcomes=outcomes,
                    rate=_percent(op.success_rate),
                )
            )
        if report.latency:
            lines.append(catalog("admin-stats-latency"))
            lines += [
                catalog("admin-stats-vendor", vendor=v.vendor, p50=v.p50_ms, p95=v.p95_ms, calls=v.calls)
                for v in report.latency
            ]
        if report.top_users:
            lines.append(catalog("admin-stats-top"))
            lines += [
                catalog(
                    "admin-stats-user", who=_label(u.user_id, u.username, u.first_name), jobs=u.jobs, charged=u.charged
                )
                for u in report.top_users
            ]
        lines.append(catalog("admin-stats-credits", granted=report.credits_granted, taken=report.credits_taken))
        await reply(update, "\n".join(lines))


# -- plumbing --------------------------------------------------------------------------------------------


@contextlib.asynccontextmanager
async def _admin(update: Update, context: Context) -> AsyncIterator[tuple[Catalog, Message, User]]:
    """The frame of every admin command: the admin's catalog, the message, the admin; a refusal is replied."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        raise RuntimeError("an admin command without a message or a sender")
    try:
        yield catalog_for(update, context), message, user
    except _Refused as refused:
        await reply(update, refused.text)


def _key(message: Message) -> str:
    return f"admin:{message.chat_id}:{message.message_id}"


def _replied_person(message: Message) -> User | None:
    """Whom a reply points at: the sender of the replied message (of the forwarded original, for a forward).

    In a forum topic every message "replies" to the topic's first message: that is not a reply to anyone.
    """
    replied = message.reply_to_message
    if replied is None or replied.forum_topic_created is not None:
        return None
    origin = replied.forward_origin
    if isinstance(origin, MessageOriginUser):
        return origin.sender_user
    user = replied.from_user
    return None if user is None or user.is_bot else user


async def _target(
    context: Context, catalog: Catalog, message: Message, usage: str, *, arity: int | None
) -> tuple[Person, list[str]]:
    """<who> and the remaining arguments. ``arity``: how many arguments follow <who> (None: any number)."""
    args = list(context.args or [])
    replied = _replied_person(message)
    explicit = bool(args) and _looks_like_who(args[0])
    if arity is None:
        if explicit:
            return await _resolve(context, catalog, args[0], usage), args[1:]
        if replied is not None:
            return _person(replied), args
        raise _Refused(catalog(usage))
    if len(args) == arity + 1 and explicit:
        return await _resolve(context, catalog, args[0], usage), args[1:]
    if len(args) == arity and replied is not None:
        return _person(replied), args
    raise _Refused(catalog(usage))


def _looks_like_who(token: str) -> bool:
    return bool(_ID.fullmatch(token) or _USERNAME.fullmatch(token))


async def _resolve(context: Context, catalog: Catalog, token: str, usage: str) -> Person:
    users = context.services.users
    if _ID.fullmatch(token):
        user_id = int(token)
        if user_id <= 0:
            raise _Refused(catalog(usage))
        record = await users.get(user_id)
        return Person(
            user_id, _label(user_id, record.username if record else None, record.first_name if record else None)
        )
    record = await users.find_by_username(token)
    if record is None:
        raise _Refused(catalog("admin-unknown-user", who=token))
    return Person(record.id, _label(record.id, record.username, record.first_name))


def _person(user: User) -> Person:
    return Person(user.id, _label(user.id, user.username, user.first_name))


def _label(user_id: int, username: str | None, first_name: str | None) -> str:
    parts = [f"@{username}" if username else None, f"id {user_id}"]
    inner = ", ".join(part for part in parts if part)
    return f"{first_name} ({inner})" if first_name else inner


def _number(catalog: Catalog, token: str, *, minimum: int, maximum: int, usage: str) -> int:
    if not _NUMBER.fullmatch(token):
        raise _Refused(catalog(usage))
    value = int(token)
    if not minimum <= value <= maximum:
        raise _Refused(catalog("admin-bad-number", value=token, min=minimum, max=maximum))
    return value


def _percent(rate: float) -> int:
    return round(rate * 100)


def _when(context: Context, catalog: Catalog, timestamp: float) -> str:
    return catalog.datetime(datetime.fromtimestamp(timestamp, context.services.quota_clock.zone))


def _balance(catalog: Catalog, allowance: Allowance) -> str:
    return catalog(
        "admin-quota-balance",
        day=catalog.date(date.fromisoformat(allowance.day)),
        used=allowance.daily_used,
        held=allowance.daily_reserved,
        left=allowance.daily_left,
        limit=allowance.daily_limit,
        source="admin" if allowance.limit_overridden else "default",
        credits=allowance.credits,
        credits_held=allowance.credits_reserved,
    )


def _ledger_line(context: Context, catalog: Catalog, entry: LedgerEntry) -> str:
    line = catalog(
        "admin-history-row",
        when=_when(context, catalog, entry.created_at),
        kind=entry.kind,
        amount=entry.amount,
        bucket=entry.bucket or "none",
    )
    if entry.job_id:
        line += catalog("admin-history-job", job=entry.job_id)
    if entry.admin_id is not None:
        line += catalog("admin-history-admin", admin=str(entry.admin_id))
    if entry.reason:
        line += catalog("admin-history-reason", reason=entry.reason)
    return line

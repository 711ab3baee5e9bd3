"""/quota, /cancel and /privacy.

/cancel ends a face swap's wait for its second photo and any job still waiting for a vendor slot (both
free). A job already with its vendor runs on: the vendor may bill for it whatever we do.
"""

from __future__ import annotations

from telegram import Update

from bot.settings import HostingKind
from handlers import payments, swap
from handlers.context import Context
from handlers.replies import catalog_for, is_private, reply
from handlers.users import account_of


async def quota(update: Update, context: Context) -> None:
    """What is left today for the account asking (an anonymous admin asks for the group's, a channel poster for
    the channel's)."""
    account, message = account_of(update), update.effective_message
    if account is None or message is None:
        return
    services = context.services
    catalog = catalog_for(update, context)
    allowance = await services.quota.allowance(account.id, services.quota_clock.today())
    text = catalog(
        "quota-status",
        left=allowance.daily_left,
        limit=allowance.daily_limit,
        credits=allowance.spendable,
        reset=catalog.time(services.quota_clock.next_reset()),
        zone=services.settings.quota_timezone,
    )
    if allowance.debt:
        text += "\n" + catalog("quota-debt", debt=allowance.debt)
    await message.reply_text(
        text, do_quote=not is_private(message), reply_markup=payments.get_more_markup(context, catalog)
    )


async def cancel(update: Update, context: Context) -> None:
    account, chat = account_of(update), update.effective_chat
    if account is None or chat is None:
        return
    catalog = catalog_for(update, context)
    runner = context.services.runner
    cancelled = await swap.cancel_for(context, catalog, chat.id, account.id)
    cancelled = runner.cancel_waiting(account.id) or cancelled
    busy = runner.has_jobs(account.id)
    await reply(update, catalog("cancel-done" if cancelled else "cancel-running" if busy else "cancel-nothing"))


async def privacy(update: Update, context: Context) -> None:
    services = context.services
    catalog = catalog_for(update, context)
    settings = services.settings
    providers = services.providers
    in_use = {providers.vendor_for(op) for op in providers.available()}
    vendors = ", ".join(sorted(_VENDOR_NAMES[v.value] for v in in_use if v is not None)) or "-"
    minutes = max(1, round(settings.media_ttl / 60))
    hosting = (
        {
            HostingKind.BUILTIN: "privacy-hosting-builtin",
            HostingKind.S3: "privacy-hosting-s3",
            HostingKind.ACEDATA: "privacy-hosting-acedata",
        }.get(settings.hosting, "privacy-hosting-none")
        if settings.hosting
        else "privacy-hosting-none"
    )
    keep = settings.result_keep
    results = (
        catalog("privacy-results-kept", minutes=max(1, round(keep / 60)))
        if keep > 0
        else catalog("privacy-results-none")
    )
    await reply(
        update,
        catalog(
            "privacy", vendors=vendors, minutes=minutes, hosting=catalog(hosting, minutes=minutes), results=results
        ),
    )


_VENDOR_NAMES = {"acedata": "Ace Data Cloud", "ailab": "AILabTools", "accuauth": "AccuAuth"}

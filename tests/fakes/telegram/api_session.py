"""The Bot API methods of the bot's session: who it is (getMe), how it gets updates (getUpdates long polling,
or a webhook the fake pushes them to) and the commands it lists (setMyCommands by scope and language)."""

from __future__ import annotations

import asyncio
import copy
import re
from typing import Any

import httpx

from .http import Params, normalize
from .limits import JSON, ApiError, bad
from .records import WebhookState
from .world import World


class SessionApi(World):
    """getMe, getUpdates, setWebhook, deleteWebhook, getWebhookInfo, and setMyCommands, getMyCommands,
    deleteMyCommands; plus the pusher that delivers updates to a webhook."""

    async def _api_get_me(self, p: Params) -> JSON:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _api_get_updates(self, p: Params) -> list[JSON]:
        if self.webhook.url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook "
                "to delete the webhook first",
            )
        offset = p.int_("offset")
        limit = min(max(p.int_("limit") or 100, 1), 100)
        timeout = max(p.number("timeout") or 0.0, 0.0)
        allowed = p.json_("allowed_updates")
        if allowed is not None:
            if not isinstance(allowed, list):
                raise bad("can't parse allowed updates JSON object")
            self._allowed_updates = [str(a) for a in allowed] or None
        if offset is not None:
            self.updates.confirm(offset)
        # A newer getUpdates request terminates an older one that is still waiting, as on Telegram.
        self.poll_count += 1
        generation = self.poll_count
        self._signal.fire()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if generation != self.poll_count:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
                )
            batch = self.updates.peek(limit, self._allowed_updates)
            if batch or self._closed or loop.time() >= deadline:
                self.updates.mark_fetched(batch)
                return copy.deepcopy(batch)
            await self._signal.wait(deadline - loop.time())

    async def _api_set_webhook(self, p: Params) -> bool:
        url = p.str_("url") or ""
        if url and not url.startswith(("https://", "http://")):
            raise bad("bad webhook: An HTTPS URL must be provided for webhook")
        secret = p.str_("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise bad("secret token contains unallowed characters")
        allowed = p.json_("allowed_updates")
        if p.bool_("drop_pending_updates"):
            self.updates.drop_all()
        self.webhook = WebhookState(
            url=url,
            secret_token=secret if url else None,
            max_connections=p.int_("max_connections") if url else None,
            allowed_updates=allowed if url and isinstance(allowed, list) else None,
            ip_address=p.str_("ip_address") if url else None,
        )
        return True

    async def _api_delete_webhook(self, p: Params) -> bool:
        if p.bool_("drop_pending_updates"):
            self.updates.drop_all()
        self.webhook = WebhookState()
        return True

    async def _api_get_webhook_info(self, p: Params) -> JSON:
        info: JSON = {
            "url": self.webhook.url,
            "has_custom_certificate": False,
            "pending_update_count": len(self.updates.pending),
        }
        if self.webhook.max_connections is not None:
            info["max_connections"] = self.webhook.max_connections
        if self.webhook.allowed_updates is not None:
            info["allowed_updates"] = self.webhook.allowed_updates
        if self.webhook.last_error_date is not None:
            info["last_error_date"] = self.webhook.last_error_date
            info["last_error_message"] = self.webhook.last_error_message or ""
        return info

    def _commands_key(self, p: Params) -> tuple[str, str]:
        return _scope_key(p.json_("scope")), p.str_("language_code") or ""

    async def _api_set_my_commands(self, p: Params) -> bool:
        commands = p.json_("commands")
        if not isinstance(commands, list):
            raise bad("can't parse commands JSON object")
        if len(commands) > 100:
            raise bad("too many commands")
        for command in commands:
            if not isinstance(command, dict) or not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command"))):
                raise bad("BOT_COMMAND_INVALID")
            description = command.get("description")
            if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
                raise bad("BOT_COMMAND_DESCRIPTION_INVALID")
        key = self._commands_key(p)
        if commands:
            self.commands[key] = copy.deepcopy(commands)
        else:
            self.commands.pop(key, None)
        return True

    async def _api_get_my_commands(self, p: Params) -> list[JSON]:
        return copy.deepcopy(self.commands.get(self._commands_key(p), []))

    async def _api_delete_my_commands(self, p: Params) -> bool:
        self.commands.pop(self._commands_key(p), None)
        return True

    async def _push_webhooks(self) -> None:
        """Deliver queued updates to the webhook, one at a time and in order, as Telegram does.

        Each POST carries ``X-Telegram-Bot-Api-Secret-Token`` when one was set. An update is dropped from the
        queue only when the bot answers 2xx; otherwise it is retried (after a short pause), so a bot that
        refuses a delivery sees it again. Every attempt is recorded in ``webhook_deliveries``.
        """
        async with httpx.AsyncClient(timeout=10) as client:
            while not self._closed:
                state = self.webhook
                pending = self.updates.pending if state.url else []
                if not pending:
                    await self._signal.wait(1.0)
                    continue
                update = pending[0]
                headers = {"X-Telegram-Bot-Api-Secret-Token": state.secret_token} if state.secret_token else {}
                try:
                    response = await client.post(state.url, json=update, headers=headers)
                    status = response.status_code
                except httpx.HTTPError:
                    status = 0
                self.webhook_deliveries.append((int(update["update_id"]), status))
                if not 200 <= status < 300:
                    state.last_error_date = int(self._clock())
                    state.last_error_message = (
                        f"Wrong response from the webhook: {status}" if status else "Connection refused"
                    )
                self._signal.fire()
                if 200 <= status < 300:
                    self.updates.confirm(int(update["update_id"]) + 1)
                else:
                    await self._signal.wait(0.05)


def _scope_key(scope: Any) -> str:
    if scope is None:
        return "default"
    if not isinstance(scope, dict) or "type" not in scope:
        raise bad("can't parse BotCommandScope JSON object")
    kind = scope["type"]
    if kind in ("default", "all_private_chats", "all_group_chats", "all_chat_administrators"):
        return str(kind)
    if kind in ("chat", "chat_administrators"):
        return f"{kind}:{normalize('chat_id', scope.get('chat_id'))}"
    if kind == "chat_member":
        chat_id, user_id = (
            normalize("chat_id", scope.get("chat_id")),
            normalize("user_id", scope.get("user_id")),
        )
        return f"chat_member:{chat_id}:{user_id}"
    raise bad("wrong bot command scope type specified")

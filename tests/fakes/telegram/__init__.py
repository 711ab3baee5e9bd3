"""A fake Telegram Bot API server, plus a driver that lets tests play the people who talk to the bot.

Why a fake server rather than mocks: the bot under test talks HTTP to ``base_url`` exactly as it would talk
to api.telegram.org, so tests exercise python-telegram-bot's real request encoding (form bodies, multipart
uploads, ``attach://`` URIs), its error mapping (``RetryAfter``, ``Forbidden``, ``BadRequest``) and its
long-polling loop, and the fake enforces the rules Telegram enforces (privacy mode, 64-byte callback data,
"message is not modified", file size limits...).

Typical use::

    async with FakeTelegram.running(token="123:ABC", bot_username="faceshift_bot") as tg:
        # the bot under test: base_url=f"{tg.base_url}/bot", base_file_url=f"{tg.base_url}/file/bot"
        alice = tg.user(id=1001, first_name="Alice", username="alice")
        dm = tg.private_chat(alice)
        await alice.send_text(dm, "/start")
        hello = await tg.wait_for_bot_message(dm)
        query_id = await alice.press(hello, "Older")
        await tg.wait_for_callback_answer(query_id)

Everything the fake returns to tests (messages, updates, call parameters) is a plain ``dict`` shaped exactly
as the Bot API shapes it, so a test can pass it to ``telegram.Message.de_json`` when it wants objects.

All state lives in one event loop (the test's), so handlers mutate it without locks; every wait is driven by
one change signal (fired on every state change) and bounded by a timeout that fails with the transcript.

The package follows the fake's parts: ``limits`` (the Bot API's limits and error answers), ``formatting`` (UTF-16
entities, HTML), ``files`` (photo sizes, uploads, stored files), ``updates`` (change signal, update queue),
``records`` (what the fake records), ``people`` (``FakeUser``, ``FakeChat``), ``http`` (request decoding),
``world`` (the shared state), ``driver`` (what tests make happen), ``api_session``, ``api_messages`` and
``api_chats`` (the Bot API methods the bot uses), ``api_payments`` (invoices, pre-checkout queries, payments and
refunds in Stars, and ``pay``, the driver's Pay press), ``observe`` (reading and waiting) and ``fake``
(``FakeTelegram``, served over HTTP).
"""

from .api_payments import PRE_CHECKOUT_DEADLINE, PaymentResult
from .fake import FakeTelegram
from .files import Rendition, StoredFile, UploadedFile, render_photo_sizes
from .formatting import detect_entities, parse_formatted_text, utf16_len
from .limits import CHANNEL_BOT, GROUP_ANONYMOUS_BOT, TELEGRAM_SERVICE, ApiError, FloodLimits, FloodMeter
from .people import FakeChat, FakeUser, MessageLike, as_dict
from .records import ApiCall, CallbackAnswer, Hold, WebhookState
from .updates import UpdateQueue

__all__ = [
    "CHANNEL_BOT",
    "GROUP_ANONYMOUS_BOT",
    "PRE_CHECKOUT_DEADLINE",
    "TELEGRAM_SERVICE",
    "ApiCall",
    "ApiError",
    "CallbackAnswer",
    "FakeChat",
    "FakeTelegram",
    "FakeUser",
    "FloodLimits",
    "FloodMeter",
    "Hold",
    "MessageLike",
    "PaymentResult",
    "Rendition",
    "StoredFile",
    "UpdateQueue",
    "UploadedFile",
    "WebhookState",
    "as_dict",
    "detect_entities",
    "parse_formatted_text",
    "render_photo_sizes",
    "utf16_len",
]

"""The random fault suite (issue 12): the real bot, as a process, serving a crowd through vendor and Telegram
faults, while a seeded scheduler SIGKILLs it at random moments and starts it again. Afterwards every request
must have exactly one final answer, and the books must match what arrived.

**The crowd.** People in private chats and in privacy-mode groups, each with a script of gestures drawn from
the seed: photos captioned with a command (``/older``, ``/younger``, ``/gender``, ``/detect``); plain photos
whose menu they navigate (Older, Back, an age) and press, sometimes twice at once (a double press); Swap faces
then the face photo (or ``/cancel``, or the prompt's Cancel button); albums of two photos captioned ``/swap``;
files of the hostile corpus (``tests/corpus.py``), with ``/older`` or without a caption; in groups, commands in
reply to a photo (``/older``, ``/face``, ``/swap``), buttons pressed by strangers, replies to the swap prompt.
A few people block the bot right after asking. A person waits (bounded, on events) for what a gesture needs
(the menu before pressing, the prompt before sending the face) and gives the script up when it does not come.

**A request** is one gesture: a person's message (a photo, a file, a command, an album) or one button press. It
is identified by the person's message id(s), or the callback query id, and by its *subject*: the photo whose
menu, prompt or job it concerns (results, failure notices, menus and prompts reply to that photo).

**Final answers**, counted at the end from the fake's transcripts (deleted messages included) and its
accepted callback answers; menus, status messages ("⏳ ...") and plain (textless) callback answers are not:

- a photo or a file without a caption, in a private chat (``menu``): the menu replying to it, or a refusal
  replying to it ("That file is not an image", ...);
- a job gesture: a caption command, a command in reply to a photo, an album ``/swap``, a corpus file with
  ``/older``, the face photo that completes a swap (``job``, ``swap-face``): a result (photo or file) replying to
  the subject, a failure notice ("It did not cost anything", "interrupted by a restart": a new message, or the
  status message edited into it) replying to the subject, a face question ("Which face?", "I found no face":
  asked before anything is reserved, it costs nothing) replying to the subject, or a refusal ("busy", "out of
  quota", "Already on it", "Sorry, something went wrong", ...) replying to the gesture;
- a press of a button that starts a job (an age, Detect gender, Swap gender) (``press-job``): a result, failure
  notice or face question on the subject, a callback answer with text (an alert: "Already on it", "busy",
  "something went wrong", ...), or that refusal said in the chat, replying to the subject (when the alert could
  not be given). A double press is two requests: the two together must have exactly two final answers (one
  job's outcome and "Already on it", or a failure and a retry's outcome); a third one is a duplicate, one only
  means a press was lost;
- Swap faces pressed, or ``/swap`` replied to a photo (``swap-ask``): the prompt replying to the subject (later
  edited or deleted: still the answer), or an alert / a refusal;
- a press that only navigates (Older, Younger, Back, the prompt's Cancel) (``nav``), a stranger's press
  (``stranger``): the accepted callback answer (Telegram takes one per press, so 2+ cannot happen);
- ``/cancel`` (``cancel``): "Cancelled." / "There is nothing to cancel." / "... cannot be stopped now" (in a
  private chat it is sent without quoting, so it is counted per chat: one per ``/cancel``).

A bot message that is an answer but belongs to no request (an unquoted "something went wrong" in a private
chat, a menu nobody asked for) is a *stray answer* and fails the suite. People who blocked the bot cannot be
answered: their requests may have no answer (never two). Nor can a navigation or a stranger's press that no life
of the bot was up (polling) for ``UP_TO_ANSWER`` seconds of its 15 (Telegram refuses its answer after them; the
menu still turns): listed apart as "expired while the bot was down".

**Injected**, from streams of ``random.Random`` seeded by the run's seed (printed; ``FAULT_SEED=n`` replays the
plan: the people, their scripts, the faults and the kill draws; the interleaving is the machine's):

- SIGKILL at random moments: after a random number of Bot API calls the fake saw since the bot was ready, or
  after a random delay since it was ready, or a random delay since the process was started (during start-up
  and recovery); then a new process, after a random downtime. One life ends with a SIGTERM (a clean stop).
- vendors: about a quarter of the vendor calls meet a fault (429, 5xx, hangs cut by the bot's timeout,
  malformed JSON, truncated bodies, non-image results, connection resets, empty bodies);
- Telegram (``RoughTelegram``): 429 with ``retry_after`` and 5xx on the next call of a method, flood waits of one
  chat (every message to it answers 429 for a few seconds), calls held longer than the bot waits (it sees a
  timeout; Telegram did nothing), getUpdates failures; callback queries older than 15 s cannot be answered
  ("query is too old"); people who block the bot get 403 answers for them.

**The end.** The faults stop, the bot gets a final restart, and the run waits until nothing is pending (events:
no update left unconfirmed, no Bot API call in flight or flood wait running, no job queued, running, paid and
undelivered, or failed and untold, no album uncollected; then 2 s without any Bot API call, for work neither
the fake nor the database can see). Then a clean stop, a start that sweeps expired hosted photos, and the
checks: each request has exactly one final answer (lost = 0, duplicated = 0), duplicated results = 0, no stray
answer, per person charged credits (ledger) = delivered results x cost, ``QuotaRepository.audit() == []``, no
file in RESULTS_DIR or MEDIA_DIR, no status message left undeleted (but in the window below), no ERROR /
"Traceback" / "unhandled" line in the bot's log, at least 400 requests and 10 SIGKILLs. A table shows the figures
whatever the outcome.

**The one window no bot can close**: Telegram accepted an answer and the bot died before recording it (the
delivery, the telling, or its update as handled), so its next life answers again: the same answer, or, when the
world changed meanwhile, another (a "busy" first; the job the restart freed then). A later answer is excused when
a SIGKILL came while the call of the answer before it was with Telegram (after its request arrived: a kill
triggered by that very call; ``SIGNAL_LAG`` before it, as the process outlives its signal by a moment) or within
``RECORDING_WINDOW`` (0.5 s) after Telegram answered it, and before the later one was sent; a status message whose
id no life learnt, likewise. The table counts these apart ("repeats excused", "status ids never learnt"), with each
kill's delay, so nothing wider hides there.

**What the table tells about failures**, from the bot's database and the fake's records: for a lost request how
far the bot got (e.g. "photo stored, no menu", "no job opened; press never answered", "its answer failed: 400
too old"); for a repeat, how long after the first copy the nearest SIGKILL came; for a status message left,
whether any job knows it. ``fault-run.json`` next to the bot's log has every request, answer and transcript.

By default one seed runs, always the same plan (``DEFAULT_SEED``; the kill moments, faults and people are drawn
from it, the interleaving is the machine's); ``FAULT_SEED=random`` draws a fresh seed (printed). ``FAULT_SEEDS=5``
runs five (``FAULT_SEED=n`` with it: n .. n+4); run them with ``-n 0``. ``FAULT_CALM=kills,telegram,vendors``
(any of them) leaves those faults out, to check the suite's own counting (with all three out, only the SIGKILL
count may fail).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import re
import sqlite3
import time
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from bot.i18n import Texts
from bot.settings import Settings
from storage import Database
from storage.quota import QuotaRepository
from tests.fakes.telegram import FakeChat, FakeUser, Rendition, detect_entities, render_photo_sizes
from tests.fakes.telegram.records import Entry
from tests.fakes.telegram.rough import RoughTelegram
from tests.fakes.vendors import FakeVendors, Fault, running_vendors
from tests.support.bot import TOKEN, BotProcess, make_settings, spawn_bot_process
from tests.support.images import FACE, CorpusFile, hostile_corpus, jpeg

pytestmark = pytest.mark.slow

# Five seeds (FAULT_SEEDS=5 FAULT_SEED=1, 2026-12-05, on a quiet 2-core machine): every one clean (430-575 requests
# each, 16 SIGKILLs at random moments + a SIGTERM, every request exactly one final answer, charged = delivered x
# cost, audit clean, nothing left). Seeds 6-8 as well, but for one request of seed 7 answered twice. On a machine
# loaded by other work the bot's own writes lag Telegram's answers by more than the 0.5 s window below, and the
# repeats that follow are counted as such.

# ---- the size of a run ------------------------------------------------------------------------------------

PRIVATE_PEOPLE = 86
GROUPS = 6
GROUP_MEMBERS = 4
SCRIPTS_PER_PERSON = (2, 3)
GROUP_SCRIPTS_PER_PERSON = (2, 3)
ARRIVALS = 30.0  # seconds over which people start their scripts
KILLS = 11  # SIGKILLs at least (plus one SIGTERM)
MAX_KILLS = 16  # while people are still acting, kills go on up to this many
BLOCKERS = 4
MIN_REQUESTS = 400
WAIT = 6.0  # how long a person waits for what the next gesture needs (a menu, a prompt, an answer)
CALLBACK_TTL = 15.0
VENDOR_FAULT_RATE = 0.25
QUIET = 2.0
#: For checking the suite itself: ``FAULT_CALM=kills,telegram,vendors`` (any of them) leaves those faults out.
CALM = frozenset(os.environ.get("FAULT_CALM", "").replace(" ", "").split(","))
COSTS = {"swap_faces": 2}

# ---- the bot's words ----------------------------------------------------------------------------------------

EN = Texts().get("en")
STATUS_PREFIX = "⏳"
NOT_FREE = EN("not-free")
INTERRUPTED = EN("fail-interrupted")
REFUSAL_KEYS = (
    "busy",
    "duplicate",
    "duplicate-done",
    "banned",
    "op-unavailable",
    "file-not-image",
    "file-too-big",
    "no-photo",
    "swap-album-count",
    "swap-album-group",
    "menu-gone",
    "not-yours",
)
REFUSALS = {EN(key): key for key in REFUSAL_KEYS}
OUT_OF_QUOTA = EN("out-of-quota", limit=0, reset="x", zone="x").split("0")[0]
GENERIC = EN("error-generic")
CANCEL_REPLIES = {EN(key): key for key in ("cancel-done", "cancel-nothing", "cancel-running")}
SWAP_CANCELLED = EN("swap-cancelled")
SWAP_EXPIRED = EN("swap-expired", minutes=7).split("7")[0]
#: What answers a job gesture on its photo. A face question ("which face?", "no face found": asked before anything
#: is reserved; its "Try anyway" or a face would start the job) is the gesture's answer, and costs nothing.
OUTCOMES = frozenset({"result", "failure", "interrupted", "question"})
FACE_QUESTION_DATA = "F:"
MENU_ACTIONS = frozenset("moyagtsde")  # handlers.keyboards.Action (e: every age at once)

AGES = {"older": ("50 years", "65 years", "80 years"), "younger": ("10 years", "18 years", "25 years")}
NAV = {"older": "👴 Older", "younger": "👶 Younger"}
BACK = "⬅️ Back"
DETECT = "🔍 Detect gender"
GENDER = "🔄 Swap gender"
SWAP = "🎭 Swap faces"
CANCEL_BUTTON = "✖️ Cancel"
JOB_OPS = ("older", "younger", "gender", "detect")


def cost(op: str | None) -> int:
    return COSTS["swap_faces"] if op == "swap" else 1


def result_cost(caption: str) -> int:
    """The cost of a result, by what its caption says was done."""
    return COSTS["swap_faces"] if caption.startswith(EN("done-swap_faces")) else 1


def callback_actions(message: dict[str, Any]) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [str(b.get("callback_data", "")) for row in markup.get("inline_keyboard", []) for b in row]


def button_texts(message: dict[str, Any]) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [str(b.get("text")) for row in markup.get("inline_keyboard", []) for b in row]


def classify(message: dict[str, Any]) -> str:
    """What a bot message is: result, failure, interrupted, prompt, menu, refusal:<key>, generic, cancel:<key>,
    question (which face, no face found), status, or other (unexpected)."""
    if any(a.startswith(FACE_QUESTION_DATA) for a in callback_actions(message)):
        return "question"
    if "photo" in message or "document" in message:
        return "result"
    text = str(message.get("text") or "")
    if text.startswith(STATUS_PREFIX):
        return "status"
    if INTERRUPTED in text:
        return "interrupted"
    if NOT_FREE in text:
        return "failure"
    actions = callback_actions(message)
    if any(a.startswith("x:") for a in actions) or text == SWAP_CANCELLED or text.startswith(SWAP_EXPIRED):
        return "prompt"
    if actions and all(a[:1] in MENU_ACTIONS for a in actions):
        return "menu"
    if text in REFUSALS:
        return f"refusal:{REFUSALS[text]}"
    if text.startswith(OUT_OF_QUOTA):
        return "refusal:out-of-quota"
    if text == GENERIC:
        return "generic"
    if text in CANCEL_REPLIES:
        return f"cancel:{CANCEL_REPLIES[text]}"
    return "other"


def kinds_of(entry: Entry) -> list[str]:
    """What a bot message has been, in order, each once: one message may be a photo's menu, then the prompt of the
    swap pressed on it (then the swap's stages, then the menu again). Stages are no answer; neither is text that
    fits no kind when the message was an answer of some kind too."""
    kinds = list(dict.fromkeys(classify(version) for version in entry.versions()))
    kinds = [kind for kind in kinds if kind != "status"]
    return [kind for kind in kinds if kind != "other"] if len(kinds) > 1 else kinds


def is_refusal(kind: str) -> bool:
    return kind.startswith("refusal:") or kind == "generic"


#: Refusals of a button press: said in its alert, or (when the alert cannot be given or needs buttons) in the chat,
#: replying to the photo. Never a photo's own answer.
PRESS_REFUSALS = frozenset(
    f"refusal:{key}" for key in ("duplicate", "duplicate-done", "busy", "op-unavailable", "out-of-quota")
)


def is_photo_refusal(kind: str) -> bool:
    return is_refusal(kind) and kind not in PRESS_REFUSALS


def is_press_answer(kind: str) -> bool:
    """What answers a press on the photo it concerns: the job's outcome, or a refusal said in the chat."""
    return is_outcome(kind) or kind in PRESS_REFUSALS


@cache
def face_renditions() -> list[Rendition]:
    return render_photo_sizes(FACE)[1]


@cache
def swap_face_renditions() -> list[Rendition]:
    return render_photo_sizes(jpeg((320, 400)))[1]


@cache
def corpus() -> list[CorpusFile]:
    return hostile_corpus()


def caption_content(caption: str | None) -> dict[str, Any]:
    if not caption:
        return {}
    content: dict[str, Any] = {"caption": caption}
    entities = detect_entities(caption)
    if entities:
        content["caption_entities"] = entities
    return content


# ---- requests and their answers -------------------------------------------------------------------------


@dataclass(eq=False)
class Request:
    number: int
    person: FakeUser
    chat_id: int
    kind: str  # menu, job, swap-face, press-job, swap-ask, nav, stranger, cancel
    label: str
    made_at: float
    op: str | None = None  # the job it asks for (older, younger, gender, detect, swap), for its cost
    subject: int | None = None  # the photo whose menu, prompt or job outcome answers it
    gestures: list[int] = field(default_factory=list)  # the person's message ids (refusals reply to them)
    queries: list[str] = field(default_factory=list)
    update_ids: list[int] = field(default_factory=list)
    press_set: list[Request] | None = None  # a double press: both presses
    expect_refused: bool = False  # a corpus file that must never give a result
    blocked: bool = False  # the person blocked the bot after making it


@dataclass
class Answer:
    chat_id: int
    message_id: int
    kind: str
    anchor: int | None
    text: str
    used: bool = False


@dataclass
class Life:
    number: int
    spawned_at: float
    ready_at: float | None = None
    ended_at: float | None = None
    end: str = ""  # "SIGKILL ...", "SIGTERM", "final"
    calls_at_ready: int = 0
    signalled_at: float = 0.0  # when it got its SIGKILL or SIGTERM


@dataclass
class Tally:
    seed: int
    started: float = field(default_factory=time.monotonic)
    lives: list[Life] = field(default_factory=list)
    vendor_faults: Counter[str] = field(default_factory=Counter)
    telegram_faults: Counter[str] = field(default_factory=Counter)
    blocks: int = 0
    abandoned: Counter[str] = field(default_factory=Counter)  # scripts given up, by what did not come
    settle: list[str] = field(default_factory=list)
    phases: list[str] = field(default_factory=list)  # when each phase ended

    def phase(self, name: str) -> None:
        self.phases.append(f"{name} at {time.monotonic() - self.started:.0f} s")


class Run:
    """One run: the fakes, the bot's lives, the crowd, the chaos."""

    def __init__(self, tg: RoughTelegram, vendors: FakeVendors, tmp_path: Path, seed: int) -> None:
        self.tg = tg
        self.vendors = vendors
        self.tmp_path = tmp_path
        self.seed = seed
        self.plan = random.Random(f"{seed}:plan")
        self.kill_rng = random.Random(f"{seed}:kills")
        self.tg_rng = random.Random(f"{seed}:telegram")
        self.vendor_rng = random.Random(f"{seed}:vendors")
        self.tally = Tally(seed)
        self.requests: list[Request] = []
        self.bot: BotProcess | None = None
        self.settings = self.make_settings()
        self.life: Life | None = None
        self.actors_done = asyncio.Event()
        self.chaos_done = asyncio.Event()
        self._faulting = True
        self._vendor_seen = {"acedata": 0, "ailab": 0, "accuauth": 0}
        self._answers_seen = 0
        self._answered: dict[str, str | None] = {}
        self.blocked: set[int] = set()
        self._polls = 0
        self.reaction: dict[int, float] = {}  # person id -> seconds they take to act on what the bot showed

    # -- the bot's lives --------------------------------------------------------------------------------

    def make_settings(self, **overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "log_level": "INFO",
            "status_delay": 0.3,
            "album_wait": 0.3,
            "vendor_timeout": 1.5,
            "swap_timeout": 6.0,
            "vendor_deadline": 5.0,
            "vendor_max_attempts": 2,
            "vendor_concurrency": 3,
            "media_ttl": 5.0,
            "operation_costs": COSTS,
            "shutdown_grace": 1.5,
            "free_daily_quota": 3,
        }
        return make_settings(self.tg, self.tmp_path, self.vendors, **(values | overrides))

    async def spawn(self) -> None:
        assert self.bot is None
        self.settings = self.make_settings(age_vendor=self.kill_rng.choice(["ailab", "acedata"]))
        self._polls = self.tg.poll_count
        self.bot = await spawn_bot_process(self.settings)
        self.life = Life(len(self.tally.lives) + 1, time.monotonic())
        self.tally.lives.append(self.life)

    def ready(self) -> bool:
        assert self.life is not None
        if self.life.ready_at is None and self.tg.poll_count > self._polls:
            self.life.ready_at = time.monotonic()
            self.life.calls_at_ready = self.tg.call_count
        return self.life.ready_at is not None

    def exited(self) -> bool:
        return self.bot is None or self.bot.process.returncode is not None

    async def wait_ready(self, timeout: float) -> bool:
        return await self.wait_for(lambda: self.ready() or self.exited(), timeout) and self.ready()

    async def end_life(self, how: str) -> None:
        assert self.bot is not None and self.life is not None
        self.life.signalled_at = time.monotonic()
        if self.bot.process.returncode is not None:
            how = f"exited by itself (code {self.bot.process.returncode}) before its {how}"
        elif how.startswith("SIGKILL"):
            await self.bot.kill()
        else:
            try:
                await self.bot.stop(timeout=30)
            except TimeoutError:
                await self.bot.kill()
                how += " (did not stop in 30 s: SIGKILL)"
        self.life.ended_at = time.monotonic()
        self.life.end = how
        self.bot = None

    # -- waiting on the fake ------------------------------------------------------------------------------

    async def wait_for(self, condition: Callable[[], object], timeout: float) -> bool:
        """Wait until ``condition()`` holds, re-checked on every change of the fake (at least every 0.1 s);
        False after ``timeout``."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not condition():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            await self.tg._signal.wait(min(remaining, 0.1))
        return True

    def bot_entries(self, chat_id: int) -> list[Entry]:
        return [e for e in self.tg._log.get(chat_id, []) if e.from_bot]

    def anchored(self, chat_id: int, anchors: set[int], accept: Callable[[str], bool]) -> Entry | None:
        for entry in self.bot_entries(chat_id):
            reply = entry.message.get("reply_to_message") or {}
            if reply.get("message_id") in anchors and any(accept(kind) for kind in kinds_of(entry)):
                return entry
        return None

    def answered(self) -> dict[str, str | None]:
        """callback query id -> the text of its accepted answer (None: answered without text)."""
        answers = self.tg.callback_answers
        for answer in answers[self._answers_seen :]:
            self._answered[answer.callback_query_id] = answer.text
        self._answers_seen = len(answers)
        return self._answered

    def has_answer(self, request: Request) -> bool:
        """For pacing only (the count at the end is :meth:`count`): has something answered it yet?"""
        chat, subject = request.chat_id, {request.subject} if request.subject is not None else set()
        gestures = set(request.gestures)
        answered = self.answered()
        if request.kind in ("nav", "stranger"):
            return any(q in answered for q in request.queries)
        if request.kind == "cancel":
            return any(classify(e.message).startswith("cancel:") for e in self.bot_entries(chat))
        alert = any(answered.get(q) for q in request.queries)
        if request.kind == "menu":
            wanted: Callable[[str], bool] = lambda kind: kind == "menu"  # noqa: E731
        elif request.kind == "swap-ask":
            wanted = lambda kind: kind == "prompt"  # noqa: E731
        else:
            wanted = lambda kind: kind in OUTCOMES  # noqa: E731
        return (
            alert
            or self.anchored(chat, subject, wanted) is not None
            or self.anchored(chat, gestures, lambda kind: is_refusal(kind) or kind == "menu") is not None
        )

    # -- people acting ------------------------------------------------------------------------------------

    def record(self, person: FakeUser, chat_id: int, kind: str, label: str, **details: Any) -> Request:
        request = Request(len(self.requests) + 1, person, chat_id, kind, label, time.monotonic(), **details)
        self.requests.append(request)
        return request

    def update_of(self, chat_id: int, message_id: int) -> int | None:
        entry = self.tg._index.get((chat_id, message_id))
        return entry.update_id if entry is not None else None

    async def post_photo(
        self,
        person: FakeUser,
        chat: FakeChat,
        *,
        caption: str | None = None,
        reply_to: int | None = None,
        face: bool = False,
        album: str | None = None,
    ) -> int:
        renditions = swap_face_renditions() if face else face_renditions()
        sizes = [stored.photo_size() for stored in self.tg._store_photo(renditions)]
        content: dict[str, Any] = {"photo": sizes, **caption_content(caption)}
        if album is not None:
            content["media_group_id"] = album
        message = await person.send_message(chat, content, reply_to=reply_to)
        return int(message["message_id"])

    async def press(self, person: FakeUser, chat_id: int, message_id: int, button: str) -> tuple[str, int] | None:
        """Press a button on a message as it is now (after the person's reaction time); None when the button is
        not there (any more)."""
        await self.react(person)
        entry = self.tg._index.get((chat_id, message_id))
        if entry is None or entry.deleted or button not in button_texts(entry.message):
            return None
        query_id = await person.press(entry.message, button)
        return query_id, int(self.tg.updates.history[-1]["update_id"])

    async def react(self, person: FakeUser) -> None:
        """A person reads what the bot showed before acting on it (nobody replies within milliseconds)."""
        await asyncio.sleep(self.reaction.get(person.id, 0.5))

    async def await_answer(self, request: Request, timeout: float = WAIT) -> bool:
        return await self.wait_for(lambda: self.has_answer(request), timeout)

    async def menu_of(self, chat_id: int, photo: int) -> int | None:
        found: list[int] = []

        def probe() -> bool:
            entry = self.anchored(chat_id, {photo}, lambda kind: kind == "menu")
            if entry is not None:
                found.append(int(entry.message["message_id"]))
            return bool(found)

        return found[0] if await self.wait_for(probe, WAIT) else None

    async def prompt_of(self, chat_id: int, photo: int) -> int | None:
        found: list[int] = []

        def probe() -> bool:
            entry = self.anchored(chat_id, {photo}, lambda kind: kind == "prompt")
            if entry is not None:
                found.append(int(entry.message["message_id"]))
            return bool(found)

        return found[0] if await self.wait_for(probe, WAIT) else None

    async def shows(self, chat_id: int, message_id: int, button: str) -> bool:
        def probe() -> bool:
            entry = self.tg._index.get((chat_id, message_id))
            return entry is not None and button in button_texts(entry.message)

        return await self.wait_for(probe, WAIT)

    def give_up(self, why: str) -> None:
        self.tally.abandoned[why] += 1

    async def maybe_block(self, person: FakeUser, plan: dict[str, Any]) -> bool:
        """The person blocks the bot now if the plan says so (after its delay); True if they did."""
        if not plan.get("block"):
            return False
        await asyncio.sleep(plan["block_after"])  # a random moment after asking, by design
        self.tg.block(person)
        self.blocked.add(person.id)
        self.tally.blocks += 1
        for request in self.requests:
            if request.person.id == person.id:
                request.blocked = True
        return True

    # private chats

    async def p_caption(self, person: FakeUser, chat: FakeChat, plan: dict[str, Any]) -> bool:
        op = plan["op"]
        photo = await self.post_photo(person, chat, caption=f"/{op}")
        request = self.record(
            person,
            chat.id,
            "job",
            f"photo /{op}",
            op=op,
            subject=photo,
            gestures=[photo],
            update_ids=[self.update_of(chat.id, photo) or 0],
        )
        if plan.get("cancel"):
            await asyncio.sleep(plan["cancel_after"])
            await self.p_cancel(person, chat)
        if await self.maybe_block(person, plan):
            return False
        await self.await_answer(request)
        return True

    async def p_cancel(self, person: FakeUser, chat: FakeChat) -> None:
        message = await person.send_text(chat, "/cancel")
        mid = int(message["message_id"])
        self.record(
            person, chat.id, "cancel", "/cancel", gestures=[mid], update_ids=[self.update_of(chat.id, mid) or 0]
        )

    async def open_menu(self, person: FakeUser, chat: FakeChat, gesture: int | None = None) -> tuple[int, int] | None:
        """A photo (or, in a group, ``/face`` replied to one) and its menu; (photo, menu) or None."""
        if gesture is None:
            photo = await self.post_photo(person, chat)
            self.record(
                person,
                chat.id,
                "menu",
                "photo",
                subject=photo,
                gestures=[photo],
                update_ids=[self.update_of(chat.id, photo) or 0],
            )
        else:
            photo = gesture
        menu = await self.menu_of(chat.id, photo)
        if menu is None:
            self.give_up("menu never shown")
            return None
        return photo, menu

    async def navigate(self, person: FakeUser, chat_id: int, photo: int, menu: int, steps: list[str]) -> bool:
        """Press navigation buttons in order, each once the menu shows it; False if one never shows."""
        for button in steps:
            if not await self.shows(chat_id, menu, button):
                self.give_up("menu never turned")
                return False
            pressed = await self.press(person, chat_id, menu, button)
            if pressed is None:
                self.give_up("menu never turned")
                return False
            self.record(
                person, chat_id, "nav", f"press {button}", subject=photo, queries=[pressed[0]], update_ids=[pressed[1]]
            )
        return True

    async def press_job(
        self, person: FakeUser, chat_id: int, photo: int, menu: int, button: str, op: str, double: bool
    ) -> list[Request]:
        if not await self.shows(chat_id, menu, button):
            self.give_up("menu never turned")
            return []
        presses = []
        for _ in range(2 if double else 1):
            pressed = await self.press(person, chat_id, menu, button)
            if pressed is not None:
                presses.append(pressed)
        label = f"press {button}" + (" (double)" if len(presses) > 1 else "")
        made = [
            self.record(person, chat_id, "press-job", label, op=op, subject=photo, queries=[q], update_ids=[u])
            for q, u in presses
        ]
        for request in made:
            request.press_set = made
        return made

    async def p_menu(self, person: FakeUser, chat: FakeChat, plan: dict[str, Any]) -> bool:
        opened = await self.open_menu(person, chat) or await self.open_menu(person, chat)  # sent again once
        if opened is None:
            return True
        photo, menu = opened
        op = plan["op"]
        if op in ("older", "younger"):
            steps = [NAV[op], *([BACK, NAV[op]] if plan["back"] else [])]
            if not await self.navigate(person, chat.id, photo, menu, steps):
                return True
            button = plan["age"]
        else:
            button = DETECT if op == "detect" else GENDER
        made = await self.press_job(person, chat.id, photo, menu, button, op, plan["double"])
        if made and await self.maybe_block(person, plan):
            return False
        for request in made:
            await self.await_answer(request)
        return True

    async def p_swap(self, person: FakeUser, chat: FakeChat, plan: dict[str, Any]) -> bool:
        opened = await self.open_menu(person, chat) or await self.open_menu(person, chat)  # sent again once
        if opened is None:
            return True
        photo, menu = opened
        pressed = await self.press(person, chat.id, menu, SWAP)
        if pressed is None:
            return True
        self.record(
            person, chat.id, "swap-ask", f"press {SWAP}", subject=photo, queries=[pressed[0]], update_ids=[pressed[1]]
        )
        prompt = await self.prompt_of(chat.id, photo)
        if prompt is None:
            self.give_up("swap prompt never shown")
            await self.p_cancel(person, chat)  # else a late prompt would take the person's next photo as the face
            return True
        if plan["end"] == "cancel-button":
            pressed = await self.press(person, chat.id, prompt, CANCEL_BUTTON)
            if pressed is not None:
                self.record(
                    person,
                    chat.id,
                    "nav",
                    f"press {CANCEL_BUTTON}",
                    subject=photo,
                    queries=[pressed[0]],
                    update_ids=[pressed[1]],
                )
            return True
        if plan["end"] == "/cancel":
            await self.p_cancel(person, chat)
            return True
        await self.react(person)
        face = await self.post_photo(person, chat, face=True)
        request = self.record(
            person,
            chat.id,
            "swap-face",
            "the face photo",
            op="swap",
            subject=photo,
            gestures=[face],
            update_ids=[self.update_of(chat.id, face) or 0],
        )
        if await self.maybe_block(person, plan):
            return False
        await self.await_answer(request)
        return True

    async def p_album(self, person: FakeUser, chat: FakeChat, plan: dict[str, Any]) -> bool:
        album = self.tg._new_media_group_id()
        first = await self.post_photo(person, chat, caption="/swap", face=True, album=album)
        second = await self.post_photo(person, chat, album=album)
        request = self.record(
            person,
            chat.id,
            "job",
            "album /swap",
            op="swap",
            subject=second,
            gestures=[first, second],
            update_ids=[self.update_of(chat.id, first) or 0, self.update_of(chat.id, second) or 0],
        )
        if await self.maybe_block(person, plan):
            return False
        await self.await_answer(request)
        return True

    async def p_corpus(self, person: FakeUser, chat: FakeChat, plan: dict[str, Any]) -> bool:
        file = corpus()[plan["file"] % len(corpus())]
        caption = "/older" if plan["caption"] else None
        message = await person.send_document(chat, file.data, file_name=file.name, mime_type=file.mime, caption=caption)
        mid = int(message["message_id"])
        request = self.record(
            person,
            chat.id,
            "job" if caption else "menu",
            f"file {file.name}" + (" /older" if caption else ""),
            op="older" if caption else None,
            subject=mid,
            gestures=[mid],
            update_ids=[self.update_of(chat.id, mid) or 0],
            expect_refused=file.expect == "refused",
        )
        await self.await_answer(request)
        return True

    # groups

    async def g_caption(self, person: FakeUser, group: FakeChat, plan: dict[str, Any]) -> bool:
        op = plan["op"]
        photo = await self.post_photo(person, group, caption=f"/{op}")
        request = self.record(
            person,
            group.id,
            "job",
            f"group photo /{op}",
            op=op,
            subject=photo,
            gestures=[photo],
            update_ids=[self.update_of(group.id, photo) or 0],
        )
        await self.await_answer(request)
        return True

    async def g_reply(self, person: FakeUser, group: FakeChat, plan: dict[str, Any]) -> bool:
        op = plan["op"]
        photo = await self.post_photo(person, group)  # not shown to a privacy-mode bot: not a request
        command = await person.send_text(group, f"/{op}", reply_to=photo)
        mid = int(command["message_id"])
        request = self.record(
            person,
            group.id,
            "job",
            f"group /{op} in reply",
            op=op,
            subject=photo,
            gestures=[mid],
            update_ids=[self.update_of(group.id, mid) or 0],
        )
        await self.await_answer(request)
        return True

    async def g_face(self, person: FakeUser, group: FakeChat, plan: dict[str, Any], stranger: FakeUser) -> bool:
        photo = await self.post_photo(person, group)
        command = await person.send_text(group, "/face", reply_to=photo)
        mid = int(command["message_id"])
        self.record(
            person,
            group.id,
            "menu",
            "group /face in reply",
            subject=photo,
            gestures=[mid],
            update_ids=[self.update_of(group.id, mid) or 0],
        )
        opened = await self.open_menu(person, group, gesture=photo)
        if opened is None:
            return True
        _, menu = opened
        if plan["stranger"]:
            pressed = await self.press(stranger, group.id, menu, plan["stranger"])
            if pressed is not None:
                self.record(
                    stranger,
                    group.id,
                    "stranger",
                    f"a stranger presses {plan['stranger']}",
                    subject=photo,
                    queries=[pressed[0]],
                    update_ids=[pressed[1]],
                )
        op = plan["op"]
        if op in ("older", "younger"):
            if not await self.navigate(person, group.id, photo, menu, [NAV[op]]):
                return True
            button = plan["age"]
        else:
            button = DETECT if op == "detect" else GENDER
        for request in await self.press_job(person, group.id, photo, menu, button, op, plan["double"]):
            await self.await_answer(request)
        return True

    async def g_swap(self, person: FakeUser, group: FakeChat, plan: dict[str, Any]) -> bool:
        photo = await self.post_photo(person, group)
        command = await person.send_text(group, "/swap", reply_to=photo)
        mid = int(command["message_id"])
        self.record(
            person,
            group.id,
            "swap-ask",
            "group /swap in reply",
            subject=photo,
            gestures=[mid],
            update_ids=[self.update_of(group.id, mid) or 0],
        )
        prompt = await self.prompt_of(group.id, photo)
        if prompt is None:
            self.give_up("swap prompt never shown")
            return True
        if plan["end"] != "face":
            cancel = await person.send_text(group, "/cancel")
            cid = int(cancel["message_id"])
            self.record(
                person,
                group.id,
                "cancel",
                "group /cancel",
                gestures=[cid],
                update_ids=[self.update_of(group.id, cid) or 0],
            )
            return True
        await self.react(person)
        entry = self.tg._index.get((group.id, prompt))
        if entry is None or entry.deleted:
            self.give_up("swap prompt gone")
            return True
        face = await self.post_photo(person, group, face=True, reply_to=prompt)
        request = self.record(
            person,
            group.id,
            "swap-face",
            "group face photo in reply to the prompt",
            op="swap",
            subject=photo,
            gestures=[face],
            update_ids=[self.update_of(group.id, face) or 0],
        )
        await self.await_answer(request)
        return True

    # -- the plan -----------------------------------------------------------------------------------------

    def draw_private_plan(self) -> list[dict[str, Any]]:
        rng = self.plan
        scripts = []
        cancelled = False
        for _ in range(rng.randint(*SCRIPTS_PER_PERSON)):
            what = rng.choices(
                ["caption", "menu", "swap", "album", "corpus"],
                weights=[30, 34, 12, 8, 16],
            )[0]
            plan: dict[str, Any] = {"script": what, "think": rng.uniform(0.05, 1.5)}
            plan["op"] = rng.choice(JOB_OPS)
            plan["age"] = rng.choice(AGES.get(plan["op"], ("",)))
            plan["back"] = rng.random() < 0.3
            plan["double"] = rng.random() < 0.25
            plan["end"] = rng.choices(["face", "/cancel", "cancel-button"], weights=[70, 15, 15])[0]
            if plan["end"] == "/cancel" and cancelled:
                plan["end"] = "face"
            cancelled = cancelled or (what == "swap" and plan["end"] == "/cancel")
            plan["cancel"] = what == "caption" and not cancelled and rng.random() < 0.12
            cancelled = cancelled or plan["cancel"]
            plan["cancel_after"] = rng.uniform(0.0, 0.8)
            plan["file"] = rng.randrange(1000)
            plan["caption"] = rng.random() < 0.7
            plan["block_after"] = rng.uniform(0.0, 1.5)
            scripts.append(plan)
        return scripts

    def draw_group_plan(self) -> list[dict[str, Any]]:
        rng = self.plan
        scripts = []
        for _ in range(rng.randint(*GROUP_SCRIPTS_PER_PERSON)):
            what = rng.choices(["caption", "reply", "face", "swap"], weights=[25, 30, 30, 15])[0]
            plan: dict[str, Any] = {"script": what, "think": rng.uniform(0.05, 1.5)}
            plan["op"] = rng.choice(JOB_OPS)
            plan["age"] = rng.choice(AGES.get(plan["op"], ("",)))
            plan["double"] = rng.random() < 0.25
            plan["stranger"] = rng.choice([None, DETECT, NAV["older"], GENDER])
            plan["end"] = rng.choices(["face", "/cancel"], weights=[80, 20])[0]
            scripts.append(plan)
        return scripts

    async def private_person(self, person: FakeUser, start: float, scripts: list[dict[str, Any]]) -> None:
        await asyncio.sleep(start)  # arrivals spread over the run, by design
        chat = self.tg.private_chat(person)
        acts = {
            "caption": self.p_caption,
            "menu": self.p_menu,
            "swap": self.p_swap,
            "album": self.p_album,
            "corpus": self.p_corpus,
        }
        for plan in scripts:
            await asyncio.sleep(plan["think"])
            if not await acts[plan["script"]](person, chat, plan):
                return  # blocked the bot

    async def group_person(
        self, person: FakeUser, group: FakeChat, stranger: FakeUser, start: float, scripts: list[dict[str, Any]]
    ) -> None:
        await asyncio.sleep(start)
        for plan in scripts:
            await asyncio.sleep(plan["think"])
            what = plan["script"]
            if what == "caption":
                await self.g_caption(person, group, plan)
            elif what == "reply":
                await self.g_reply(person, group, plan)
            elif what == "face":
                await self.g_face(person, group, plan, stranger)
            else:
                await self.g_swap(person, group, plan)

    async def crowd(self) -> None:
        rng = self.plan
        tasks = []
        blockers = set(rng.sample(range(PRIVATE_PEOPLE), BLOCKERS))
        for index in range(PRIVATE_PEOPLE):
            person = self.tg.user(20_000 + index, f"P{index}", username=f"p{index}")
            self.reaction[person.id] = rng.uniform(0.5, 1.5)
            scripts = self.draw_private_plan()
            if index in blockers:  # blocks right after a job gesture of their last script
                last = scripts[-1]
                last["script"] = rng.choice(["caption", "menu", "album"])
                last["block"] = True
            tasks.append(self.private_person(person, rng.uniform(0, ARRIVALS), scripts))
        for g in range(GROUPS):
            group = self.tg.group(-1_001_000_000_000 - g, f"Group {g}")
            members = [self.tg.user(30_000 + g * 10 + m, f"G{g}M{m}") for m in range(GROUP_MEMBERS)]
            self.reaction |= {member.id: rng.uniform(0.5, 1.5) for member in members}
            for m, member in enumerate(members):
                stranger = members[(m + 1) % len(members)]
                tasks.append(
                    self.group_person(member, group, stranger, rng.uniform(0, ARRIVALS), self.draw_group_plan())
                )
        try:
            await asyncio.gather(*tasks)
        finally:
            self.actors_done.set()

    # -- chaos ----------------------------------------------------------------------------------------------

    def kills(self) -> int:
        return sum(life.end.startswith("SIGKILL") for life in self.tally.lives)

    async def killer(self) -> None:
        """The bot's lives: each ends with a SIGKILL at a random moment (one with a SIGTERM), then a new one."""
        rng = self.kill_rng
        sigterm_life = rng.randint(3, KILLS)
        try:
            if "kills" in CALM:
                await self.spawn()
                await self.actors_done.wait()
                await self.end_life("SIGTERM (no kills: FAULT_CALM)")
                return
            while True:
                done = self.kills() >= KILLS and any(life.end == "SIGTERM" for life in self.tally.lives)
                if done and (self.actors_done.is_set() or self.kills() >= MAX_KILLS):
                    return
                await self.spawn()
                assert self.life is not None
                mode = rng.choices(["start-up", "calls", "time"], weights=[15, 45, 40])[0]
                calls, delay = rng.randint(5, 60), rng.uniform(0.3, 2.5)
                patience = rng.uniform(1.0, 3.0)  # a calls-counted kill comes after this at the latest
                if self.life.number == sigterm_life:
                    mode = "time"
                if mode == "start-up":
                    delay = rng.uniform(0.2, 1.8)
                    await asyncio.sleep(delay)  # a random moment of the start-up, by design
                    how = f"SIGKILL {delay:.1f} s after start" + ("" if self.ready() else " (before polling)")
                else:
                    if not await self.wait_ready(30) and not self.exited():
                        await self.end_life("SIGKILL (not polling 30 s after start)")
                        continue
                    base = self.life.calls_at_ready if self.life.ready_at is not None else self.tg.call_count
                    if mode == "calls":
                        target = base + calls
                        await self.wait_for(lambda: self.tg.call_count >= target, patience)  # noqa: B023 (awaited here)
                        how = f"SIGKILL after {self.tg.call_count - base} Bot API calls"
                    else:
                        await asyncio.sleep(delay)  # a random moment, by design
                        how = f"SIGKILL {delay:.1f} s after ready"
                if self.life.number == sigterm_life:
                    how = "SIGTERM"
                await self.end_life(how)
                await asyncio.sleep(rng.choice([0.0, 0.0, rng.uniform(0.1, 1.0)]))  # downtime
        finally:
            self.chaos_done.set()

    async def telegram_faults(self) -> None:
        rng = self.tg_rng
        methods = ["sendMessage", "sendPhoto", "editMessageText", "deleteMessage", "answerCallbackQuery", "getFile"]
        while not self.chaos_done.is_set() and "telegram" not in CALM:
            await asyncio.sleep(rng.uniform(0.8, 2.2))  # the next fault, at a random moment
            kind = rng.choices(["5xx", "429", "flood", "timeout", "getUpdates"], weights=[35, 20, 20, 15, 10])[0]
            method = rng.choice(methods)
            if kind == "5xx":
                status = rng.choice([500, 502])
                self.tg.fail_next(method, status)
                self.tally.telegram_faults[f"{method} {status}"] += 1
            elif kind == "429":
                self.tg.fail_next(method, 429, retry_after=rng.randint(1, 3))
                self.tally.telegram_faults[f"{method} 429"] += 1
            elif kind == "flood":
                chats = [c for c in self.tg._log if c < 0] if rng.random() < 0.5 else list(self.tg._log)
                if chats:
                    self.tg.flood_chat(rng.choice(sorted(chats)), rng.uniform(2.0, 6.0))
                    self.tally.telegram_faults["flood wait of one chat"] += 1
            elif kind == "timeout":
                self.tg.stall_next(rng.choice(["sendMessage", "sendPhoto", "answerCallbackQuery", "getFile"]), 6.0)
                self.tally.telegram_faults["timeout"] += 1
            else:
                self.tg.fail_next("getUpdates", 502)
                self.tally.telegram_faults["getUpdates 502"] += 1

    async def vendor_faults(self) -> None:
        """About a quarter of the vendor calls meet a fault: after each call, the next one is faulted with
        probability ``VENDOR_FAULT_RATE``."""
        rng = self.vendor_rng
        kinds = ["429", "5xx", "hang", "malformed JSON", "truncated", "non-image result", "reset", "empty body"]
        while self._faulting and "vendors" not in CALM:
            for name in ("acedata", "ailab", "accuauth"):
                fake = getattr(self.vendors, name)
                calls = [r for r in fake.requests if name != "acedata" or r.path.startswith("/face/")]
                for _ in range(len(calls) - self._vendor_seen[name]):
                    if rng.random() < VENDOR_FAULT_RATE:
                        kind = rng.choice([k for k in kinds if name != "accuauth" or k != "non-image result"])
                        arm_vendor_fault(self.vendors, name, kind)
                        self.tally.vendor_faults[kind] += 1
                self._vendor_seen[name] = len(calls)
            await asyncio.sleep(0.05)

    def calm(self) -> None:
        """No more faults: forget the ones not met yet."""
        self._faulting = False
        self.tg.clear_faults()
        self.tg.clear_rough_edges()
        for name in ("acedata", "ailab", "accuauth"):
            getattr(self.vendors, name)._injections.clear()

    # -- the end --------------------------------------------------------------------------------------------

    def database_busy(self) -> list[str]:
        path = self.settings.database_path
        if not path.exists():
            return ["no database yet"]
        busy = []
        with contextlib.closing(sqlite3.connect(path, timeout=5, isolation_level=None)) as conn:
            for what, sql in (
                ("jobs queued, running or paid and undelivered", UNFINISHED_JOBS),
                ("failed jobs not told yet", UNTOLD_JOBS),
                ("albums not collected yet", OPEN_ALBUMS),
            ):
                with contextlib.suppress(sqlite3.OperationalError):
                    count = int(conn.execute(sql).fetchone()[0])
                    if count:
                        busy.append(f"{count} {what}")
        return busy

    def busy(self) -> list[str]:
        found = []
        if not self.ready():
            found.append("the bot is not polling yet")
        if self.tg.pending_updates:
            found.append(f"{len(self.tg.pending_updates)} updates not confirmed")
        if self.tg.in_flight:
            found.append(f"{self.tg.in_flight} Bot API calls in flight")
        if self.tg.flooded_chats():
            found.append("a flood wait is running")
        return found + self.database_busy()

    async def settle(self, timeout: float = 120) -> list[str]:
        """Wait until nothing is pending (see the module docstring); returns what still was at the timeout."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            busy = self.busy()
            last = self.tg.last_call_at or 0.0
            if not busy and time.monotonic() - last >= QUIET:
                return []
            if loop.time() > deadline:
                return busy or ["Bot API calls kept coming"]
            await asyncio.sleep(0.1)


UNFINISHED_JOBS = "SELECT COUNT(*) FROM jobs WHERE status IN ('queued', 'running', 'result_ready')"
UNTOLD_JOBS = "SELECT COUNT(*) FROM jobs WHERE status IN ('failed', 'interrupted') AND told_at IS NULL"
OPEN_ALBUMS = "SELECT COUNT(*) FROM requests WHERE media_group_id IS NOT NULL AND album_handled_at IS NULL"


def arm_vendor_fault(vendors: FakeVendors, name: str, kind: str) -> None:
    fake = getattr(vendors, name)
    path = "/face/" if name == "acedata" else None
    codes = {
        "acedata": {"429": (429, "too_many_requests"), "5xx": (500, "api_error")},
        "ailab": {"429": (429, "EXCEEDING_LIMITS"), "5xx": (502, "AI_SERVICE_ERROR")},
        "accuauth": {"429": (403, "RATE_LIMIT_EXCEEDED"), "5xx": (500, "INTERNAL_ERROR")},
    }[name]
    if kind in codes:
        status, code = codes[kind]
        fake.fail(status, code, path=path, retry_after=1 if kind == "429" else None)
        return
    fault = {
        "hang": Fault.HANG,
        "malformed JSON": Fault.MALFORMED_JSON,
        "truncated": Fault.TRUNCATED,
        "non-image result": Fault.NON_IMAGE_RESULT,
        "reset": Fault.RESET,
        "empty body": Fault.EMPTY_BODY,
    }[kind]
    fake.fault(fault, path=path)


# ---- counting -----------------------------------------------------------------------------------------------


@dataclass
class Count:
    finals: dict[int, list[Answer]]  # request number -> its final answers (alerts as Answers of message id 0)
    stray: list[Answer]

    def kinds(self, request: Request) -> list[str]:
        return [a.kind for a in self.finals[request.number]]

    def results(self, request: Request) -> int:
        return self.kinds(request).count("result")


def is_outcome(kind: str) -> bool:
    return kind in OUTCOMES


def is_menu(kind: str) -> bool:
    return kind == "menu"


def is_prompt(kind: str) -> bool:
    return kind == "prompt"


def is_refusal_or_menu(kind: str) -> bool:
    """On a swap's face photo: a refusal, its menu (the bot forgot the swap was waiting), or the question about
    its faces."""
    return is_refusal(kind) or kind in ("menu", "question")


def is_cancel_reply(kind: str) -> bool:
    return kind.startswith("cancel:") or is_refusal(kind)


def alert_kind(text: str | None) -> str:
    if text is None:
        return "answered"
    if text == GENERIC:
        return "alert:generic"
    return f"alert:{REFUSALS.get(text, 'out-of-quota' if text.startswith(OUT_OF_QUOTA) else 'other')}"


class Attribution:
    """The bot's answers, indexed by the message they reply to, handed to the requests they answer."""

    def __init__(self, run: Run) -> None:
        self.answers: list[Answer] = []
        self.by_anchor: dict[tuple[int, int], list[Answer]] = defaultdict(list)
        self.unanchored: dict[int, list[Answer]] = defaultdict(list)
        for chat_id, entries in run.tg._log.items():
            for entry in entries:
                if not entry.from_bot:
                    continue
                anchor = (entry.message.get("reply_to_message") or {}).get("message_id")
                text = str(entry.message.get("text") or entry.message.get("caption") or "")
                for kind in kinds_of(entry):  # a menu that became a swap's prompt answers two requests
                    answer = Answer(chat_id, int(entry.message["message_id"]), kind, anchor, text)
                    self.answers.append(answer)
                    if anchor is None:
                        self.unanchored[chat_id].append(answer)
                    else:
                        self.by_anchor[(chat_id, int(anchor))].append(answer)
        self.alerts = {a.callback_query_id: a.text for a in run.tg.callback_answers}
        self.window = Window(run)

    def take(self, chat_id: int, anchors: list[int], accept: Callable[[str], bool]) -> list[Answer]:
        taken = []
        for anchor in anchors:
            for answer in self.by_anchor.get((chat_id, anchor), []):
                if not answer.used and accept(answer.kind):
                    answer.used = True
                    taken.append(answer)
        return taken

    def alerts_of(self, request: Request, *, plain: bool = False) -> list[Answer]:
        """The press's callback answer if it has a text (a refusal or an error; with ``plain``, any)."""
        return [
            Answer(request.chat_id, 0, alert_kind(self.alerts[q]), None, self.alerts[q] or "")
            for q in request.queries
            if q in self.alerts and (plain or self.alerts[q])
        ]

    def finals(self, request: Request) -> list[Answer]:
        """A request's final answers (press sets and private /cancel aside: see :func:`count`)."""
        chat, subject, gestures = request.chat_id, [request.subject] if request.subject else [], request.gestures
        if request.kind == "menu":
            return self.take(chat, subject, is_menu) + self.take(chat, gestures, is_photo_refusal)
        if request.kind == "job":
            return self.take(chat, subject, is_outcome) + self.take(chat, gestures, is_refusal)
        if request.kind == "swap-face":  # a menu for the face photo: the bot forgot the swap was waiting
            return self.take(chat, subject, is_outcome) + self.take(chat, gestures, is_refusal_or_menu)
        if request.kind == "swap-ask":
            return self.take(chat, subject, is_prompt) + self.take(chat, gestures, is_refusal) + self.alerts_of(request)
        if request.kind in ("nav", "stranger"):
            return self.alerts_of(request, plain=True)
        if request.kind == "cancel":
            return self.take(chat, gestures, is_cancel_reply)
        raise AssertionError(request.kind)

    def press_set(self, members: list[Request]) -> list[list[Answer]]:
        """A press or a double press: the job outcomes on the photo and each press's alert, one per press first
        (its own alert, else the next outcome); the rest each on the press whose answer it repeats across a kill
        (see :class:`Window`), else on the last press."""
        first = members[0]
        pool = sorted(
            self.take(first.chat_id, [first.subject] if first.subject else [], is_press_answer),
            key=lambda a: a.message_id,
        )
        shares: list[list[Answer]] = []
        for member in members:
            own = self.alerts_of(member)
            shares.append(own or ([pool.pop(0)] if pool else []))
        for extra in pool:
            repeated = (s for s in shares if s and self.window.is_repeat(s[-1], extra) is not None)
            next(repeated, shares[-1]).append(extra)
        return shares

    def private_cancels(self, chat_id: int, requests: list[Request]) -> list[list[Answer]]:
        """In a private chat the bot answers /cancel without quoting it: its replies there, one per /cancel."""
        replies = [a for a in self.unanchored.get(chat_id, []) if a.kind.startswith("cancel:") and not a.used]
        for answer in replies:
            answer.used = True
        shares = [replies[index : index + 1] for index in range(len(requests))]
        shares[-1] += replies[len(requests) :]
        return shares

    def unquoted_errors(self, run: Run, finals: dict[int, list[Answer]]) -> None:
        """In a private chat the error handler's "something went wrong" quotes nothing: it answers the person's
        latest message before it that has no answer yet (else their latest message before it)."""
        for chat_id, answers in self.unanchored.items():
            if chat_id < 0:
                continue
            for answer in answers:
                if answer.used or answer.kind != "generic":
                    continue
                before = sorted(
                    (
                        (max(g for g in r.gestures if g < answer.message_id), r)
                        for r in run.requests
                        if r.chat_id == chat_id and any(g < answer.message_id for g in r.gestures)
                    ),
                    key=lambda pair: pair[0],
                    reverse=True,
                )
                if before:
                    unanswered = [r for _, r in before if not finals.get(r.number)]
                    owner = unanswered[0] if unanswered else before[0][1]
                    answer.used = True
                    finals[owner.number].append(answer)


def count(run: Run) -> Count:
    """Each request's final answers (see the module docstring), and the answers no request owns."""
    answers = Attribution(run)
    finals: dict[int, list[Answer]] = {}
    cancels: dict[int, list[Request]] = defaultdict(list)
    for request in run.requests:
        if request.number in finals:
            continue
        if request.kind == "press-job":
            members = request.press_set or [request]
            for member, share in zip(members, answers.press_set(members), strict=True):
                finals[member.number] = share
        elif request.kind == "cancel" and request.chat_id > 0:
            cancels[request.chat_id].append(request)
        else:
            finals[request.number] = answers.finals(request)
    for chat_id, requests in cancels.items():
        for request, share in zip(requests, answers.private_cancels(chat_id, requests), strict=True):
            finals[request.number] = share
    answers.unquoted_errors(run, finals)
    return Count(finals, [a for a in answers.answers if not a.used])


# ---- the books, the files, the log -------------------------------------------------------------------------


async def read_ledger(settings: Settings) -> tuple[list[str], dict[int, int]]:
    """(the ledger check's problems, per person the credits charged and not refunded)."""
    db = await Database.open(settings.database_path)
    try:
        audit = await QuotaRepository(db, settings.free_daily_quota).audit()
        rows = await db.conn.execute_fetchall(
            "SELECT user_id, kind, SUM(amount) AS total FROM ledger WHERE kind IN ('charge', 'refund') "
            "GROUP BY user_id, kind"
        )
        charged: dict[int, int] = defaultdict(int)
        for row in rows:
            sign = 1 if row["kind"] == "charge" else -1
            charged[int(row["user_id"])] += sign * abs(int(row["total"]))
        return audit, dict(charged)
    finally:
        await db.close()


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


async def wait_for_media_expiry(settings: Settings) -> None:
    """Wait until every hosted photo left behind has expired (its header says when)."""
    latest = 0.0
    for path in settings.media_dir.iterdir() if settings.media_dir.exists() else []:
        with contextlib.suppress(OSError, ValueError, KeyError), path.open("rb") as file:
            latest = max(latest, float(json.loads(file.readline())["expires_at"]))
    if latest:
        await asyncio.sleep(min(max(0.0, latest - time.time()) + 0.2, 30.0))


def bad_log_lines(log: str) -> list[str]:
    return [
        line
        for line in log.splitlines()
        if re.search(r" (ERROR|CRITICAL) ", line) or "Traceback" in line or "unhandled" in line
    ]


def log_pattern(line: str) -> str:
    """A log line without its time, ids and numbers: lines of one cause read the same."""
    line = re.sub(r"^\S+ \S+ ", "", line)
    line = re.sub(r"\b[0-9a-f]{8,}\b", "<id>", line)
    return re.sub(r"-?\d+", "<n>", line)[:140]


def table(rows: list[tuple[str, object]]) -> str:
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"  {name:<{width}}  {value}" for name, value in rows)


# ---- the test -------------------------------------------------------------------------------------------------


DEFAULT_SEED = 1


def seeds() -> list[int | None]:
    """The runs: FAULT_SEEDS of them (default 1), from FAULT_SEED on (default :data:`DEFAULT_SEED`, so that the
    test command's run is the same plan every time; ``FAULT_SEED=random``: each run draws its own)."""
    runs = int(os.environ.get("FAULT_SEEDS", "1"))
    first = os.environ.get("FAULT_SEED", str(DEFAULT_SEED))
    return [None if first == "random" else int(first) + i for i in range(runs)]


@contextlib.asynccontextmanager
async def rough_telegram() -> AsyncIterator[RoughTelegram]:
    fake = RoughTelegram(TOKEN, "faceshift_bot")
    fake.callback_query_lifetime = CALLBACK_TTL
    async with fake.serving():
        yield fake


@pytest.mark.parametrize("fixed_seed", seeds(), ids=lambda s: "random-seed" if s is None else f"seed-{s}")
async def test_random_fault_suite(fixed_seed: int | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = fixed_seed if fixed_seed is not None else random.SystemRandom().randrange(1_000_000)
    await asyncio.to_thread(lambda: (corpus(), face_renditions(), swap_face_renditions()))  # not while serving
    with capsys.disabled():
        print(f"\n\nrandom fault suite: seed {seed} (FAULT_SEED={seed} replays its plan)")
    async with rough_telegram() as tg, running_vendors() as vendors:
        for fake in (vendors.ailab, vendors.accuauth, vendors.acedata):
            fake.latency = 0.05
        vendors.acedata.swap_delay = 0.3
        run = Run(tg, vendors, tmp_path, seed)
        try:
            await exercise(run)
        finally:
            if run.bot is not None:
                await run.bot.kill()
        await report(run, capsys)


async def exercise(run: Run) -> None:
    tasks = [
        asyncio.create_task(run.killer(), name="killer"),
        asyncio.create_task(run.telegram_faults(), name="telegram faults"),
        asyncio.create_task(run.vendor_faults(), name="vendor faults"),
    ]
    try:
        await run.crowd()
        run.tally.phase("people done")
        await asyncio.wait_for(asyncio.shield(tasks[0]), timeout=300)
    finally:
        run.calm()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if run.bot is not None:  # the killer was cut short
            await run.end_life("SIGKILL (end of the chaos)")
    run.tally.phase("chaos done")
    # The final restart, and the wait until nothing is pending.
    await run.spawn()
    run.tally.settle = await run.settle()
    run.tally.phase("settled")
    assert run.bot is not None and run.life is not None
    await run.end_life("final (SIGTERM)")
    await wait_for_media_expiry(run.settings)
    await run.spawn()  # its start-up sweeps the hosted photos that expired
    await run.wait_ready(60)
    await run.wait_for(lambda: not files_in(run.settings.media_dir), 15)
    await run.end_life("last (SIGTERM)")
    run.tally.phase("swept")


async def report(run: Run, capsys: pytest.CaptureFixture[str]) -> None:
    """Count, print the table, then assert (every problem listed at once)."""
    tg, settings, tally = run.tg, run.settings, run.tally
    counted = count(run)
    audit, charged = await read_ledger(settings)
    why = Diagnosis(run)
    dumped = dump(run, counted)
    requests = run.requests
    finals = counted.finals

    window = Window(run)
    buckets: Counter[str] = Counter()
    lost: list[Request] = []
    duplicated: list[Request] = []
    excused: dict[int, float] = {}  # request number -> the kill's delay after Telegram accepted the first copy
    blocked_requests = [r for r in requests if r.blocked]
    expired = [r for r in requests if not finals[r.number] and expired_while_down(run, r)]
    for request in requests:
        n = len(finals[request.number])
        if n > 1:
            delay = window.excuse(finals[request.number])
            if delay is not None:
                excused[request.number] = delay
                n = 1
        if request.blocked or request in expired:
            if n > 1:
                duplicated.append(request)
            continue
        buckets["0" if n == 0 else "1" if n == 1 else "2+"] += 1
        if n == 0:
            lost.append(request)
        elif n > 1:
            duplicated.append(request)
    # Results per photo (a double press is two requests for one job), each repeat across the window counted once;
    # a result no request owns (a stray answer) counts for the person whose photo it answers.
    results: dict[tuple[int, int], list[Answer]] = defaultdict(list)
    owners: dict[tuple[int, int], tuple[FakeUser, int, str]] = {}
    for request in requests:
        for answer in finals[request.number]:
            if answer.kind == "result" and answer.anchor is not None:
                results[(answer.chat_id, answer.anchor)].append(answer)
                owners[(answer.chat_id, answer.anchor)] = (request.person, cost(request.op), request.label)
    subjects = {(r.chat_id, r.subject): r.person for r in requests if r.subject is not None}
    for answer in counted.stray:
        person = subjects.get((answer.chat_id, answer.anchor or 0))
        if answer.kind == "result" and person is not None:
            results[(answer.chat_id, answer.anchor or 0)].append(answer)
            owners.setdefault((answer.chat_id, answer.anchor or 0), (person, result_cost(answer.text), "stray"))
    duplicated_results: list[str] = []
    delivered: dict[int, int] = defaultdict(int)
    for key, shown in results.items():
        person, price, label = owners[key]
        if len(shown) > 1 and window.excuse(shown) is None:
            duplicated_results.append(f"{label} of {person.first_name}: {len(shown)}")
        else:
            shown = shown[:1]
        delivered[person.id] += len(shown) * price
    mismatched = {
        person: (charged.get(person, 0), delivered.get(person, 0))
        for person in sorted(set(charged) | set(delivered))
        if charged.get(person, 0) != delivered.get(person, 0)
    }
    wrong_corpus = [r.label for r in requests if r.expect_refused and counted.results(r)]
    status_left, status_excused = statuses_left(run, why, window)
    results_left = files_in(settings.results_dir)
    media_left = files_in(settings.media_dir)
    log_path = run.tmp_path / "bot-process.log"
    log = log_path.read_text(errors="replace") if log_path.exists() else ""
    bad_log = bad_log_lines(log)

    lives = tally.lives
    kills = [life for life in lives if life.end.startswith("SIGKILL")]
    errors = Counter(
        f"{c.method} {c.status}" + (" too old" if "too old" in (c.description or "") else "")
        for c in tg.calls
        if c.status != 200 and not (c.method == "getUpdates" and c.status == 409)
    )
    vendor_calls = {name: len(getattr(run.vendors, name).requests) for name in ("ailab", "accuauth", "acedata")}
    rows: list[tuple[str, object]] = [
        ("seed", f"{run.seed} (FAULT_SEED={run.seed} replays the plan)"),
        ("requests", f"{len(requests)}: {dict(Counter(r.kind for r in requests).most_common())}"),
        (
            "people",
            f"{PRIVATE_PEOPLE} in private chats, {GROUPS} groups of {GROUP_MEMBERS}; {tally.blocks} blocked the bot "
            f"({len(blocked_requests)} requests before that)",
        ),
        ("scripts given up", dict(tally.abandoned) or "none"),
        (
            "kills",
            f"{len(kills)} SIGKILL ({sum('before polling' in k.end for k in kills)} before polling, "
            f"{sum('calls' in k.end for k in kills)} after n calls, {sum('after ready' in k.end for k in kills)} "
            f"after a delay), {sum(life.end.startswith('SIGTERM') for life in lives)} SIGTERM, {len(lives)} starts",
        ),
        ("lives", "; ".join(f"{life.number}: {life.end}" for life in lives)),
        ("vendor calls", f"{sum(vendor_calls.values())} {vendor_calls}"),
        ("vendor faults armed", f"{sum(tally.vendor_faults.values())} {dict(tally.vendor_faults)}"),
        ("telegram faults armed", f"{sum(tally.telegram_faults.values())} {dict(tally.telegram_faults)}"),
        ("Bot API error answers", f"{sum(errors.values())} {dict(errors.most_common())}"),
        (
            "answers per request",
            f"0: {buckets['0']}, 1: {buckets['1']}, 2+: {buckets['2+']} (blocked people and presses that expired "
            "while the bot was down aside)",
        ),
        (
            "presses that expired while the bot was down",
            dict(Counter(r.kind for r in expired)) or 0,
        ),
        ("lost, by kind", dict(Counter(r.kind for r in lost).most_common()) or 0),
        ("lost, by cause", dict(Counter(f"{r.kind}: {why.lost(r)}" for r in lost).most_common()) or 0),
        (
            "duplicated, by answers",
            dict(
                Counter(
                    f"{r.kind}: {dup_pattern(counted, r)}{window.near(finals[r.number])}" for r in duplicated
                ).most_common()
            )
            or 0,
        ),
        (
            "repeats excused (the window)",
            f"{len(excused)}: a SIGKILL {', '.join(f'{d * 1000:.0f}' for d in sorted(excused.values()))} ms after "
            f"Telegram answered the copy before (negative: while it was sending; up to {RECORDING_WINDOW * 1000:.0f} "
            "ms)"
            if excused
            else 0,
        ),
        ("duplicated results", len(duplicated_results)),
        ("stray answers", dict(Counter(f"{a.kind} ({a.text[:40]!r})" for a in counted.stray)) or 0),
        (
            "charged vs delivered x cost",
            f"{sum(charged.values())} vs {sum(delivered.values())}; people who differ: {len(mismatched)} "
            f"{dict(list(mismatched.items())[:8])}",
        ),
        ("ledger check problems", len(audit)),
        ("corpus files refused that gave a result", wrong_corpus or 0),
        ("files left", f"{len(results_left)} results {results_left[:4]}, {len(media_left)} hosted photos"),
        (
            "status messages left",
            f"{len(status_left)} {dict(Counter(re.sub(r'[0-9.]+ s', 'n s', why) for _, why in status_left))}",
        ),
        (
            "status ids never learnt (the window)",
            f"{len(status_excused)}: a SIGKILL {', '.join(f'{d * 1000:.0f}' for d in sorted(status_excused))} ms "
            "after Telegram answered"
            if status_excused
            else 0,
        ),
        ("settled at the end", "yes" if not tally.settle else f"NO: {tally.settle}"),
        ("bad log lines", f"{len(bad_log)} {dict(Counter(log_pattern(x) for x in bad_log).most_common(6))}"),
        ("wall time", f"{time.monotonic() - tally.started:.1f} s ({'; '.join(tally.phases)})"),
        ("details", dumped),
    ]
    summary = f"random fault suite summary\n{table(rows)}"
    with capsys.disabled():
        print(f"\n{summary}\n")

    problems = [f"life {life.number}: {life.end}" for life in lives if life.end.startswith("exited")]
    if len(requests) < MIN_REQUESTS:
        problems.append(f"only {len(requests)} requests (at least {MIN_REQUESTS})")
    if len(kills) < 10:
        problems.append(f"only {len(kills)} SIGKILLs")
    checks: list[tuple[str, object]] = [
        ("not settled", tally.settle),
        ("lost", [f"#{r.number} {r.label} of {r.person.first_name}: {why.lost(r)}" for r in lost][:15]),
        ("duplicated", [f"#{r.number} {r.label}: {dup_pattern(counted, r)}" for r in duplicated][:15]),
        ("duplicated results", duplicated_results),
        ("stray answers", [f"{a.chat_id}:{a.message_id} {a.kind} {a.text[:50]!r}" for a in counted.stray][:10]),
        ("charged != delivered x cost (person: charged, delivered)", mismatched),
        ("ledger", audit),
        ("corpus", wrong_corpus),
        ("results left", results_left),
        ("hosted photos left", media_left),
        ("status messages left", [f"{what} ({why})" for what, why in status_left][:10]),
        ("log", bad_log[:10]),
    ]
    problems += [f"{name}: {value}" for name, value in checks if value]
    assert not problems, f"seed {run.seed}:\n" + "\n".join(problems) + f"\n\n{summary}"


def statuses_left(run: Run, why: Diagnosis, window: Window) -> tuple[list[tuple[str, str]], list[float]]:
    """The status messages still up (what, why), and for those the window excuses (a SIGKILL while Telegram
    took the message or right after, so no life learnt its id), the kill's delay after Telegram answered."""
    status_left: list[tuple[str, str]] = []
    status_excused: list[float] = []  # negative: the kill came while Telegram was taking the message
    for chat, entries in run.tg._log.items():
        if chat in run.blocked:  # their chat cannot be tidied any more
            continue
        for e in entries:
            if not e.from_bot or e.deleted or not str(e.message.get("text", "")).startswith(STATUS_PREFIX):
                continue
            mid = int(e.message["message_id"])
            in_window = window.kill_in_window(chat, mid)
            if in_window is not None and why.status(chat, mid) == "no job knows it":
                status_excused.append(in_window)
            else:
                what = f"{chat}:{mid} {str(e.message.get('text'))[:40]!r}"
                status_left.append((what, why.status(chat, mid) + window.kill_after(chat, mid)))
    return status_left, status_excused


UP_TO_ANSWER = 3.0  # seconds of a press's life a bot must be up (polling) to be held to answering it


def expired_while_down(run: Run, request: Request) -> bool:
    """A button press whose only answer is its callback answer (navigation, a stranger's press) that no life of the
    bot was up long enough to answer before Telegram stopped taking answers (``CALLBACK_TTL`` after the press): no
    bot can answer it. Its menu still turns when a later life handles it."""
    if request.kind not in ("nav", "stranger") or not request.queries:
        return False
    pressed = run.tg.pressed_at(request.queries[0])
    if pressed is None:
        return False
    too_old = pressed + CALLBACK_TTL
    for life in run.tally.lives:
        if life.ready_at is None:
            continue
        polling_to = life.signalled_at or life.ended_at or too_old  # a SIGTERM stops the polling at once
        up_from, up_to = max(life.ready_at, pressed), min(polling_to, too_old)
        if up_to - up_from >= UP_TO_ANSWER:
            return False
    return True


class Diagnosis:
    """What the bot's database and the fake's records say about a request that went wrong (for the table and
    for whoever fixes it): how far the bot got with it."""

    def __init__(self, run: Run) -> None:
        self.run = run
        self.requests: dict[tuple[int, int], list[str]] = defaultdict(list)
        self.jobs: dict[str, list[sqlite3.Row]] = defaultdict(list)
        self.jobs_by_face: dict[str, list[sqlite3.Row]] = defaultdict(list)
        self.jobs_by_status: dict[tuple[int, int], sqlite3.Row] = {}
        self.pairings: set[str] = set()
        path = run.settings.database_path
        with contextlib.closing(sqlite3.connect(path, timeout=5, isolation_level=None)) as conn:
            conn.row_factory = sqlite3.Row
            for row in conn.execute("SELECT id, chat_id, message_id FROM requests"):
                self.requests[(row["chat_id"], row["message_id"])].append(row["id"])
            for row in conn.execute("SELECT * FROM jobs ORDER BY created_at"):
                self.jobs[row["request_id"]].append(row)
                if row["face_request_id"]:
                    self.jobs_by_face[row["face_request_id"]].append(row)
                if row["status_message_id"]:
                    self.jobs_by_status[(row["chat_id"], row["status_message_id"])] = row
            self.pairings = {row[0] for row in conn.execute("SELECT request_id FROM pairings WHERE expires_at > 0")}

    def jobs_on(self, chat_id: int, message_id: int | None) -> list[sqlite3.Row]:
        ids = self.requests.get((chat_id, message_id or 0), [])
        return [job for rid in ids for job in self.jobs.get(rid, [])]

    def describe_jobs(self, jobs: list[sqlite3.Row]) -> str:
        return ", ".join(
            f"job {job['status']}"
            + (f" ({job['outcome']})" if job["outcome"] not in (None, "ok", job["status"]) else "")
            + (" told" if job["told_at"] else "")
            for job in jobs
        )

    def lost(self, request: Request) -> str:
        chat, subject = request.chat_id, request.subject
        stored = (chat, subject or 0) in self.requests
        if request.kind == "menu":
            return "photo stored, no menu" if stored else "photo never stored"
        if request.kind in ("job", "swap-face"):
            if request.kind == "swap-face":
                face = self.requests.get((chat, request.gestures[0]), [])
                jobs = [job for rid in face for job in self.jobs_by_face.get(rid, [])]
                if not jobs:
                    return "face photo stored, no job opened" if face else "face photo never stored"
            else:
                jobs = self.jobs_on(chat, subject)
                if not jobs:
                    return "photo stored, no job opened" if stored else "never stored"
            return self.describe_jobs(jobs) + ", no answer"
        if request.kind == "press-job":
            jobs = self.jobs_on(chat, subject)
            return (self.describe_jobs(jobs) + ", no answer" if jobs else "no job opened") + self.press(request)
        if request.kind == "swap-ask":
            ids = self.requests.get((chat, subject or 0), [])
            waiting = any(rid in self.pairings for rid in ids)
            return ("swap wait stored, no prompt" if waiting else "no swap wait stored") + self.press(request)
        if request.kind in ("nav", "stranger"):
            return self.press(request).removeprefix("; ")
        return "no reply"

    def press(self, request: Request) -> str:
        tg = self.run.tg
        found = []
        for query in request.queries:
            calls = [c for c in tg.calls_to("answerCallbackQuery") if c.params.get("callback_query_id") == query]
            if not calls:
                found.append("press never answered")
            elif not any(c.ok for c in calls):
                found.append(
                    "its answer failed: " + ", ".join(sorted({too_old(c.status, c.description) for c in calls}))
                )
        return "".join(f"; {f}" for f in found)

    def status(self, chat_id: int, message_id: int) -> str:
        job = self.jobs_by_status.get((chat_id, message_id))
        if job is None:
            return "no job knows it"
        return self.describe_jobs([job])


def outcome_note(job: sqlite3.Row) -> str:
    outcome = job["outcome"]
    return f" ({outcome})" if outcome not in (None, "ok", job["status"]) else ""


RECORDING_WINDOW = 0.5
#: The suite notes a kill just before signalling it; the process runs on for a moment, and a request it wrote to its
#: socket just before dying reaches the fake after that: a call arriving this soon after a kill was sent before it.
SIGNAL_LAG = 0.1


def dup_pattern(counted: Count, request: Request) -> str:
    return "+".join(counted.kinds(request))


class Window:
    """The one window no bot can close: Telegram accepted a message and the bot died before recording it, so its
    next life sends the answer again (or never learns a status message's id). That is a SIGKILL that came while
    the call was with Telegram (after its request arrived: the request was sent) or within ``RECORDING_WINDOW``
    after Telegram answered it. A repeat is excused when such a kill came for the copy before it (and before the
    repeat was sent); a status message left, when such a kill came for it; the table lists them apart."""

    def __init__(self, run: Run) -> None:
        self.kills = [life.signalled_at for life in run.tally.lives if life.end.startswith("SIGKILL")]
        #: message -> (call arrived, call answered) of each call that sent or changed it: the send, and the edit
        #: that made it an answer (a status message turned into a failure notice)
        self.calls: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)
        for call in run.tg.calls:
            result = call.result
            if call.ok and call.method in ANSWERING_METHODS and isinstance(result, dict) and "message_id" in result:
                self.calls[(int(result["chat"]["id"]), int(result["message_id"]))].append((call.arrived, call.time))

    def kill_in_window(self, chat_id: int, message_id: int, before: float | None = None) -> float | None:
        """The first SIGKILL in the window of this message's sending (and before ``before``), as seconds after
        Telegram answered (negative: the call was still with Telegram); None if none came."""
        delays = [
            k - answered
            for arrived, answered in self.calls.get((chat_id, message_id), [])
            for k in self.kills
            if arrived - SIGNAL_LAG <= k <= answered + RECORDING_WINDOW and (before is None or k < before)
        ]
        return min(delays, key=abs) if delays else None

    def is_repeat(self, previous: Answer, repeat: Answer) -> float | None:
        """The kill that excuses ``repeat`` as the answer a later life gave again (its request handled again: the
        one before it was not recorded), if any. The same answer, or another one when the world changed in
        between (a refusal "busy" first; the job the restart freed opened by the second run)."""
        again = self.calls.get((repeat.chat_id, repeat.message_id))
        if previous.message_id == 0 or repeat.message_id == 0:
            return None
        # before the call that made the repeat an answer (a status message it edited into the notice, say)
        return self.kill_in_window(previous.chat_id, previous.message_id, again[-1][0] if again else None)

    def excuse(self, answers: list[Answer]) -> float | None:
        """The kills' delays when every answer after the first repeats the one before it across such a kill."""
        if any(a.message_id == 0 for a in answers):
            return None  # a callback answer is not sent again after a crash
        ordered = sorted(answers, key=lambda a: a.message_id)
        delays = [self.is_repeat(previous, repeat) for previous, repeat in pairwise(ordered)]
        if not delays or any(d is None for d in delays):
            return None
        return max(d for d in delays if d is not None)

    def kill_after(self, chat_id: int, message_id: int) -> str:
        """How long after Telegram accepted this message the next SIGKILL came (within 10 s)."""
        sent = self.calls.get((chat_id, message_id), [None])[0]
        after = [k - sent[1] for k in self.kills if sent is not None and 0 <= k - sent[1] <= 10]
        if not after:
            return ""
        return f", SIGKILL {'<0.5' if min(after) < 0.5 else '<2' if min(after) < 2 else '2-10'} s after it was sent"

    def near(self, answers: list[Answer]) -> str:
        """For a repeat not excused: how long after the first copy the nearest SIGKILL came (within 10 s)."""
        messages = sorted((a for a in answers if a.message_id), key=lambda a: a.message_id)
        sent = self.calls.get((messages[0].chat_id, messages[0].message_id), [None])[0] if messages else None
        if sent is None:
            return ""
        after = [k - sent[1] for k in self.kills if -10 <= k - sent[1] <= 10]
        return f" (nearest SIGKILL {min(after, key=abs):+.2f} s from the first)" if after else ""


ANSWERING_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument", "editMessageText", "editMessageCaption"})


def too_old(status: int, description: str | None) -> str:
    return f"{status} too old" if "too old" in (description or "") else str(status)


def dump(run: Run, counted: Count) -> Path:
    """The run's requests, answers and transcripts as JSON next to the bot's log (for looking into a failure)."""
    path = run.tmp_path / "fault-run.json"
    data = {
        "seed": run.seed,
        "requests": [
            {
                "number": r.number,
                "person": r.person.id,
                "chat": r.chat_id,
                "kind": r.kind,
                "label": r.label,
                "subject": r.subject,
                "gestures": r.gestures,
                "queries": r.queries,
                "updates": r.update_ids,
                "blocked": r.blocked,
                "finals": counted.kinds(r),
            }
            for r in run.requests
        ],
        "stray": [[a.chat_id, a.message_id, a.kind, a.text] for a in counted.stray],
        "lives": [[life.number, life.spawned_at, life.ready_at, life.ended_at, life.end] for life in run.tally.lives],
        "transcripts": {str(chat): run.tg.format_transcript(chat) for chat in run.tg._log},
        "confirmed_at": {str(k): v for k, v in run.tg.confirmed_at.items()},
        "calls": [
            [c.method, c.status, c.time, c.params.get("chat_id"), (c.result or {}).get("message_id")]
            if isinstance(c.result, dict)
            else [c.method, c.status, c.time, c.params.get("chat_id"), None]
            for c in run.tg.calls
        ],
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return path

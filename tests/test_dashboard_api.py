"""The dashboard's API against the running bot: who gets in, what the JSON says, what the actions write."""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

import httpx
import pytest

from storage.quota import QuotaRepository
from storage.stats import percentile
from tests.fakes.telegram import FakeTelegram, FakeUser
from tests.fakes.telegram.webapp import init_data_for
from tests.fakes.vendors import FakeVendors, Fault
from tests.support.bot import RunningBot, make_settings, open_database, running_bot
from tests.support.conversation import ADMIN_ID, ask, audit, text_of, wait_result, wait_text
from tests.support.images import FACE
from tests.support.payments import PACKS, buy

GETS = ["overview", "vendors", "people", "people?q=ali", "people/1001", "overview?days=7"]
POSTS: list[tuple[str, dict[str, Any]]] = [
    ("grant", {"amount": 3}),
    ("setlimit", {"limit": 2}),
    ("reset", {}),
    ("ban", {"reason": "x"}),
    ("unban", {}),
]


def tma(tg: FakeTelegram, user: FakeUser, **kwargs: Any) -> dict[str, str]:
    return {"Authorization": "tma " + init_data_for(tg.token, user.to_api(), **kwargs)}


def client(bot: RunningBot) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=f"{bot.web_url}/admin/", timeout=10)


async def get(bot: RunningBot, tg: FakeTelegram, user: FakeUser, path: str) -> Any:
    async with client(bot) as http:
        response = await http.get(f"api/{path}", headers=tma(tg, user))
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    return response.json()


async def post(bot: RunningBot, tg: FakeTelegram, user: FakeUser, path: str, body: Any) -> httpx.Response:
    async with client(bot) as http:
        return await http.post(f"api/{path}", headers=tma(tg, user), json=body)


def request_id() -> str:
    return f"req-{time.monotonic_ns()}"


async def rows(bot: RunningBot, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    async with bot.database() as db:
        return [tuple(row) for row in await db.conn.execute_fetchall(sql, args)]


async def test_nothing_without_valid_fresh_init_data_from_an_admin(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    admin, eve = tg.user(ADMIN_ID, "Ada", username="ada"), tg.user(1666, "Eve")
    tg.user(1001, "Alice", username="alice")
    good = init_data_for(tg.token, admin.to_api())
    fields = dict(parse_qsl(good))
    tampered = urlencode({**fields, "hash": "0" * 64}, quote_via=quote)
    forged_user = urlencode({**fields, "user": fields["user"].replace('"Ada"', '"Eva"')}, quote_via=quote)
    expired = init_data_for(tg.token, admin.to_api(), auth_date=time.time() - 3601)  # ADMIN_APP_MAX_AGE: 3600
    other_bot = init_data_for("111:other-bot-token", admin.to_api())
    unauthorized: list[dict[str, str]] = [
        {},
        {"Authorization": ""},
        {"Authorization": "tma"},
        {"Authorization": good},  # no scheme
        {"Authorization": "Bearer " + good},
        {"Authorization": "tma " + tampered},
        {"Authorization": "tma " + forged_user},
        {"Authorization": "tma " + expired},
        {"Authorization": "tma " + other_bot},
        {"Authorization": "tma " + "x" * 10000},
    ]
    async with client(bot) as http:
        for headers in unauthorized:
            for path in GETS:
                response = await http.get(f"api/{path}", headers=headers)
                assert (response.status_code, response.json()) == (401, {"error": "unauthorized"}), (headers, path)
            for action, body in POSTS:
                response = await http.post(
                    f"api/people/1001/{action}", headers=headers, json={"request_id": request_id(), **body}
                )
                assert (response.status_code, response.json()) == (401, {"error": "unauthorized"}), (headers, action)
        # The check comes first: even a path that does not name a person, or an unknown action, says nothing more.
        for path in ("people/0", "people/abc", "people/99999999999999999999"):
            assert (await http.get(f"api/{path}")).status_code == 401
        assert (await http.post("api/people/1001/frobnicate", json={})).status_code == 401

        # Valid initData, but not an admin: 403, and nothing else.
        for path in GETS:
            response = await http.get(f"api/{path}", headers=tma(tg, eve))
            assert (response.status_code, response.json()) == (403, {"error": "forbidden"}), path
        for action, body in POSTS:
            response = await http.post(
                f"api/people/1001/{action}", headers=tma(tg, eve), json={"request_id": request_id(), **body}
            )
            assert (response.status_code, response.json()) == (403, {"error": "forbidden"}), action
        # A cross-site page cannot send the header: its preflight is not approved.
        preflight = await http.options(
            "api/overview",
            headers={
                "Origin": "https://evil.example",
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "authorization",
            },
        )
        assert "access-control-allow-origin" not in preflight.headers
        # And the admin gets in.
        assert (await http.get("api/overview", headers={"Authorization": "tma " + good})).status_code == 200
    assert await rows(bot, "SELECT * FROM ledger") == []


async def test_the_page_and_its_files_come_from_the_bot_with_a_strict_policy(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    async with client(bot) as http:
        page = await http.get("")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        policy = page.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy and "connect-src 'self'" in policy
        assert "http" not in policy.replace("https://web.telegram.org", "")  # no other origin is allowed anything
        assert 'src="static/chart.umd.min.js"' in page.text and "telegram.org" not in page.text
        for name, kind in [
            ("app.js", "text/javascript"),
            ("app.css", "text/css"),
            ("chart.umd.min.js", "text/javascript"),
            ("chart.js.LICENSE.md", "text/plain"),
        ]:
            response = await http.get(f"static/{name}")
            assert response.status_code == 200 and response.headers["content-type"].startswith(kind), name
            again = await http.get(f"static/{name}", headers={"If-None-Match": response.headers["etag"]})
            assert again.status_code == 304
        assert "MIT" in (await http.get("static/chart.umd.min.js")).text[:300]
        for path in ("static/nope.js", "static/..%2Fapi.py", "static/", "static/app.js/x", "index.html"):
            assert (await http.get(path)).status_code == 404, path
        # /admin without the slash is not the page (the button's address has it).
        assert (await http.get(f"{bot.web_url}/admin")).status_code == 404


async def test_overview_and_vendors_match_the_database(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    admin = tg.user(ADMIN_ID, "Ada", username="ada")
    alice, bob = tg.user(1001, "Alice", username="alice"), tg.user(1002, "Bob")
    await alice.send_photo(alice, FACE, caption="/older")
    await wait_result(tg, alice)
    vendors.ailab.fail(422, "ERROR_NO_FACE_IN_FILE")
    await alice.send_photo(alice, FACE, caption="/younger")
    await wait_text(tg, alice, "did not cost anything")
    await bob.send_photo(bob, FACE, caption="/detect")
    await wait_result(tg, bob)
    await ask(tg, admin, "/grant 1002 7")

    data = await get(bot, tg, admin, "overview")
    assert data["admin"] == {"id": ADMIN_ID, "first_name": "Ada", "username": "ada"}
    assert data["payments"] is None  # no payments yet: the page shows no Stars
    assert len(data["days"]) == 30 and data["days"][-1]["day"] == data["today"]
    today = data["days"][-1]
    assert all(day["jobs"] == 0 for day in data["days"][:-1])

    # Jobs by outcome, as the jobs table has them.
    by_outcome: dict[str, int] = defaultdict(int)
    for status, outcome, n in await rows(bot, "SELECT status, outcome, COUNT(*) FROM jobs GROUP BY 1, 2"):
        by_outcome["ok" if status in ("result_ready", "succeeded") else outcome] += n
    assert today["outcomes"] == dict(by_outcome) == {"ok": 2, "unusable_photo": 1}
    assert today["jobs"] == 3 and today["ok"] == 2
    # Charged and released, as the ledger has them.
    ledger = dict(
        await rows(bot, "SELECT kind, SUM(amount) FROM ledger WHERE kind IN ('charge', 'release') GROUP BY 1")
    )
    assert (today["charged"], today["released"]) == (ledger["charge"], ledger["release"]) == (2, 1)
    # Vendor time: nearest-rank percentiles of the jobs' vendor_ms.
    timings: dict[str, list[int]] = defaultdict(list)
    for vendor, ms in await rows(bot, "SELECT vendor, vendor_ms FROM jobs WHERE vendor_ms IS NOT NULL ORDER BY 2"):
        timings[vendor].append(ms)
    assert today["latency"] == {
        vendor: {"calls": len(ms), "p50_ms": percentile(ms, 0.5), "p95_ms": percentile(ms, 0.95)}
        for vendor, ms in timings.items()
    }
    for summary in (data["summary"]["today"], data["summary"]["period"]):
        assert (summary["jobs"], summary["succeeded"]) == (3, 2)
        assert summary["success_rate"] == pytest.approx(2 / 3)
        assert (summary["charged"], summary["released"]) == (2, 1)
        assert (summary["credits_granted"], summary["credits_taken"]) == (7, 0)
        assert {op["operation"]: op["outcomes"] for op in summary["operations"]} == {
            "detect_gender": {"ok": 1},
            "older": {"ok": 1},
            "younger": {"unusable_photo": 1},
        }
        assert [(u["id"], u["jobs"], u["charged"]) for u in summary["top_users"]] == [(1001, 2, 1), (1002, 1, 1)]
        assert {v["vendor"]: v["calls"] for v in summary["latency"]} == {k: len(v) for k, v in timings.items()}
    assert data["summary"]["period"]["days"] == 30
    assert data["queue"]["waiting"] == 0 and data["queue"]["running"] == 0
    assert {v["vendor"]: v["limit"] for v in data["queue"]["vendors"]} == dict.fromkeys(
        ("acedata", "ailab", "accuauth"),
        8,  # VENDOR_CONCURRENCY 16: a lane opens at half of it (slow start)
    )
    assert len((await get(bot, tg, admin, "overview?days=7"))["days"]) == 7

    vendors_data = await get(bot, tg, admin, "vendors")
    assert vendors_data["errors"] == [
        {
            "day": data["today"],
            "vendor": "ailab",
            "category": "unusable_photo",
            "code": "422 ERROR_NO_FACE_IN_FILE",
            "count": 1,
        }
    ]
    assert await rows(bot, "SELECT error_vendor, error_code FROM jobs WHERE status = 'failed'") == [
        ("ailab", "422 ERROR_NO_FACE_IN_FILE")
    ]
    ailab = next(v for v in vendors_data["vendors"] if v["vendor"] == "ailab")
    assert ailab["configured"] and ailab["attempts"]["ok"] >= 1 and ailab["attempts"]["unusable_photo"] == 1
    assert (ailab["limit"], ailab["waiting"], ailab["running"]) == (8, 0, 0)

    async with client(bot) as http:
        for path in ("overview?days=0", "overview?days=367", "vendors?days=x", "people?q=" + "a" * 65):
            response = await http.get(f"api/{path}", headers=tma(tg, admin))
            assert response.status_code == 400 and "error" in response.json(), path


async def test_people_search_and_a_person_match_the_database(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    admin = tg.user(ADMIN_ID, "Ada")
    alice = tg.user(1001, "Alice", username="Alice_W")
    alicia = tg.user(1003, "Alicia")
    tg.user(1002, "Bob", username="bobby")
    for person in (alice, alicia):
        await ask(tg, person, "/start")
    await alice.send_photo(alice, FACE, caption="/older")
    await wait_result(tg, alice)
    await ask(tg, admin, "/grant 1001 4")

    async def found(query: str) -> list[int]:
        return [p["id"] for p in (await get(bot, tg, admin, "people?q=" + quote(query)))["people"]]

    assert await found("1001") == [1001]
    assert await found("@alice") == [1001] and await found("@ALICE_w") == [1001]
    assert set(await found("ali")) == {1001, 1003}
    assert await found("LICI") == [1003]
    # LIKE's wildcards are plain text here (alice_w has an underscore, nobody a percent sign).
    assert await found("%") == [] and await found("@alice_") == [1001] and await found("@al_ce") == []
    assert set(await found("")) >= {1001, 1003}  # the most recently seen
    # An id the bot never met can still be looked at (and acted on), as with the commands.
    unknown = (await get(bot, tg, admin, "people?q=4242"))["people"]
    assert unknown == [
        {
            "id": 4242,
            "known": False,
            "username": None,
            "first_name": None,
            "last_seen": None,
            "credits": None,
            "banned": False,
        }
    ]
    listed = (await get(bot, tg, admin, "people?q=1001"))["people"][0]
    assert (listed["username"], listed["first_name"], listed["credits"], listed["banned"]) == (
        "alice_w",
        "Alice",
        4,
        False,
    )

    person = await get(bot, tg, admin, "people/1001")
    assert person["person"]["id"] == 1001 and person["payments"] is None
    account = dict(
        zip(
            ["daily_used", "credits", "daily_limit", "banned"],
            (await rows(bot, "SELECT daily_used, credits, daily_limit, banned FROM accounts WHERE user_id = 1001"))[0],
            strict=True,
        )
    )
    allowance = person["allowance"]
    assert (allowance["daily_used"], allowance["credits"], allowance["banned"]) == (
        account["daily_used"],
        account["credits"],
        bool(account["banned"]),
    )
    assert allowance["daily_limit"] == 5 and allowance["default_limit"] == 5 and not allowance["limit_overridden"]
    assert allowance["daily_left"] == 4 and allowance["left"] == 8
    ledger = await rows(
        bot, "SELECT id, kind, bucket, amount, job_id, admin_id FROM ledger WHERE user_id = 1001 ORDER BY id DESC"
    )
    assert [
        (e["id"], e["kind"], e["bucket"], e["amount"], e["job_id"], e["admin_id"]) for e in person["ledger"]
    ] == ledger
    jobs = await rows(bot, "SELECT id, operation, status, outcome, cost FROM jobs WHERE user_id = 1001")
    assert [(j["id"], j["operation"], j["status"], j["outcome"], j["cost"]) for j in person["jobs"]] == jobs


async def ledger_of(bot: RunningBot, user_id: int) -> list[tuple[Any, ...]]:
    """The person's ledger rows as the commands and the dashboard write them (ids, times and keys aside)."""
    return await rows(
        bot,
        "SELECT kind, bucket, amount, day, job_id, admin_id, reason FROM ledger WHERE user_id = ? ORDER BY id",
        user_id,
    )


async def test_every_action_writes_the_same_ledger_rows_as_its_command(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    admin = tg.user(ADMIN_ID, "Ada")
    alice, bob = tg.user(1001, "Alice"), tg.user(1002, "Bob")
    for person in (alice, bob):  # each uses one of today's edits, so that a reset gives something back
        await person.send_photo(person, FACE, caption="/detect")
        await wait_result(tg, person)

    for command in [
        "/grant 1001 5",
        "/grant 1001 -2",
        "/setlimit 1001 9",
        "/setlimit 1001 default",
        "/resetquota 1001",
        "/ban 1001 too many requests",
        "/unban 1001",
    ]:
        await ask(tg, admin, command)
    answers = []
    steps: list[tuple[str, dict[str, Any]]] = [
        ("grant", {"amount": 5}),
        ("grant", {"amount": -2}),
        ("setlimit", {"limit": 9}),
        ("setlimit", {"limit": None}),
        ("reset", {}),
        ("ban", {"reason": "too many requests"}),
        ("unban", {}),
    ]
    for action, body in steps:
        response = await post(bot, tg, admin, f"people/1002/{action}", {"request_id": request_id(), **body})
        assert response.status_code == 200, response.text
        answers.append(response.json())

    def without_jobs(entries: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        return [entry[:4] + entry[5:] for entry in entries]  # job ids differ between the two people

    by_command, by_dashboard = await ledger_of(bot, 1001), await ledger_of(bot, 1002)
    assert without_jobs(by_dashboard) == without_jobs(by_command)
    assert [e[0] for e in by_dashboard if e[5] == ADMIN_ID] == [
        "grant",
        "grant",
        "setlimit",
        "setlimit",
        "reset",
        "ban",
        "unban",
    ]
    assert [(a["action"], a["amount"], a["repeated"]) for a in answers] == [
        ("grant", 5, False),
        ("grant", -2, False),
        ("setlimit", 0, False),
        ("setlimit", 0, False),
        ("reset", 1, False),
        ("ban", 0, False),
        ("unban", 0, False),
    ]
    assert answers[1]["result"]["allowance"]["credits"] == 3
    assert await audit(bot) == []


async def test_a_confirmation_sent_twice_acts_once(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    admin = tg.user(ADMIN_ID, "Ada")
    tg.user(1001, "Alice")
    same = request_id()
    first = await post(bot, tg, admin, "people/1001/grant", {"request_id": same, "amount": 3})
    second = await post(bot, tg, admin, "people/1001/grant", {"request_id": same, "amount": 3})
    assert first.json()["repeated"] is False and second.json()["repeated"] is True
    assert second.json()["result"]["allowance"]["credits"] == 3
    assert (await ledger_of(bot, 1001)) == [("grant", "credits", 3, None, None, ADMIN_ID, None)]
    # The command shows the grant in /history, as any other.
    assert "grant 3 credits" in await ask(tg, admin, "/history 1001")


async def test_bad_action_requests_are_400s_and_change_nothing(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    admin = tg.user(ADMIN_ID, "Ada")
    headers = tma(tg, admin)
    rid = request_id()
    async with client(bot) as http:
        cases: list[tuple[str, dict[str, Any], int]] = [
            ("people/1001/grant", {"content": b"{not json", "headers": {"Content-Type": "application/json"}}, 400),
            ("people/1001/grant", {"content": b"\xff\xfe", "headers": {"Content-Type": "application/json"}}, 400),
            ("people/1001/grant", {"content": b"[1, 2]", "headers": {"Content-Type": "application/json"}}, 400),
            (
                "people/1001/grant",
                {"content": b'{"request_id": "' + b"a" * 5000 + b'"}', "headers": {"Content-Type": "application/json"}},
                400,
            ),
            ("people/1001/grant", {"data": {"request_id": rid, "amount": "3"}}, 415),  # a form, not JSON
            ("people/1001/grant", {"json": {"amount": 3}}, 400),  # no request id
            ("people/1001/grant", {"json": {"request_id": "short", "amount": 3}}, 400),
            ("people/1001/grant", {"json": {"request_id": "a b c d e f g h", "amount": 3}}, 400),
            ("people/1001/grant", {"json": {"request_id": rid}}, 400),
            ("people/1001/grant", {"json": {"request_id": rid, "amount": 0}}, 400),
            ("people/1001/grant", {"json": {"request_id": rid, "amount": 1_000_001}}, 400),
            ("people/1001/grant", {"json": {"request_id": rid, "amount": True}}, 400),
            ("people/1001/grant", {"json": {"request_id": rid, "amount": 2.5}}, 400),
            ("people/1001/setlimit", {"json": {"request_id": rid, "limit": -1}}, 400),
            ("people/1001/ban", {"json": {"request_id": rid, "reason": "x" * 201}}, 400),
            ("people/1001/ban", {"json": {"request_id": rid, "reason": 5}}, 400),
            ("people/1001/refund", {"json": {"request_id": rid, "charge_id": "c1"}}, 404),  # no payments yet
            ("people/1001/frobnicate", {"json": {"request_id": rid}}, 404),
            ("people/0/grant", {"json": {"request_id": rid, "amount": 3}}, 404),
            ("people/1234567890123456789/grant", {"json": {"request_id": rid, "amount": 3}}, 404),
        ]
        for path, kwargs, status in cases:
            extra = kwargs.pop("headers", {})
            response = await http.post(f"api/{path}", headers={**headers, **extra}, **kwargs)
            assert response.status_code == status, (path, kwargs, response.text)
            assert set(response.json()) == {"error"}
        assert (await http.get("api/people/1001/grant", headers=headers)).status_code == 405
    assert await rows(bot, "SELECT * FROM ledger") == []


async def test_the_queue_as_it_is_now(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    """One slot per vendor: a job with AILab (which does not answer), one waiting; both shown, per vendor."""
    settings = make_settings(tg, tmp_path, vendors, vendor_concurrency=1, shutdown_grace=0)
    async with running_bot(tg, settings) as bot:
        admin, alice, bob = tg.user(ADMIN_ID, "Ada"), tg.user(1001, "Alice"), tg.user(1002, "Bob")
        vendors.ailab.fault(Fault.HANG, count=-1)
        await alice.send_photo(alice, FACE, caption="/older")
        await vendors.ailab.wait_requests(1)
        await bob.send_photo(bob, FACE, caption="/older")
        await wait_text(tg, bob, " in line")
        data = await get(bot, tg, admin, "overview")
        assert (data["queue"]["waiting"], data["queue"]["running"]) == (1, 1)
        load = {v["vendor"]: (v["limit"], v["waiting"], v["running"]) for v in data["queue"]["vendors"]}
        assert load == {"acedata": (1, 0, 0), "ailab": (1, 1, 1), "accuauth": (1, 0, 0)}
        assert data["days"][-1]["outcomes"] == {"queued": 1, "running": 1}
        assert [
            (v["vendor"], v["waiting"], v["running"])
            for v in (await get(bot, tg, admin, "vendors"))["vendors"]
            if v["vendor"] == "ailab"
        ] == [("ailab", 1, 1)]
    # Stopped with no grace: both were interrupted, and released.
    async with open_database(settings) as db:
        assert await QuotaRepository(db, 5).audit() == []


async def test_stars_on_the_overview_and_a_refund_from_the_person_page(tg: FakeTelegram, tmp_path: Path) -> None:
    """Stars received and refunded, a person's payments and the Refund button, through the bot's real payments:
    the refund writes what /refund writes (Telegram gives the Stars back, the credits are debited, the person is
    told), once for a double click, and only for that person's own payment."""
    alice, bob, admin = tg.user(1001, "Alice"), tg.user(1002, "Bob"), tg.user(ADMIN_ID, "Ada")
    async with running_bot(tg, make_settings(tg, tmp_path, star_packs=PACKS)) as bot:
        by_button, by_command, bobs = await buy(tg, alice), await buy(tg, alice), await buy(tg, bob)
        overview = await get(bot, tg, admin, "overview")
        assert overview["payments"]["received"] == 150 and overview["payments"]["refunded"] == 0
        assert overview["payments"]["days"][-1] == {"day": overview["today"], "received": 150, "refunded": 0}
        assert len(overview["payments"]["days"]) == 30
        person = await get(bot, tg, admin, "people/1001")
        assert {(p["charge_id"], p["amount"], p["refunded"]) for p in person["payments"]} == {
            (by_button, 50, False),
            (by_command, 50, False),
        }

        body = {"request_id": request_id(), "charge_id": by_button}
        first, again = (
            await post(bot, tg, admin, "people/1001/refund", body),
            await post(bot, tg, admin, "people/1001/refund", body),
        )
        assert first.status_code == again.status_code == 200, first.text
        assert first.json()["result"]["refunded"] == 50 and first.json()["repeated"] is False
        assert again.json()["repeated"] is True
        assert by_button in text_of(await wait_text(tg, alice, "was refunded"))
        done = await ask(tg, admin, f"/refund {by_command}")
        assert "Refunded 50" in done
        await wait_text(tg, alice, by_command)

        # Bob's payment is not Alice's: refused, nothing moves; an unknown charge likewise.
        for charge in (bobs, "no-such-charge"):
            wrong = await post(bot, tg, admin, "people/1001/refund", {"request_id": request_id(), "charge_id": charge})
            assert wrong.status_code == 400 and wrong.json() == {"error": "charge_id: not a payment of this person"}
        assert [p["refunded"] for p in (await get(bot, tg, admin, "people/1002"))["payments"]] == [False]
        after = (await get(bot, tg, admin, "overview"))["payments"]
        assert (after["received"], after["refunded"]) == (150, 100)
        assert [p["refunded"] for p in (await get(bot, tg, admin, "people/1001"))["payments"]] == [True, True]

    # The dashboard's refund and the command's wrote the same rows, each with the admin's id.
    refunds = await rows(bot, "SELECT kind, amount, bucket, admin_id FROM ledger WHERE kind = 'refund' ORDER BY id")
    assert refunds == [("refund", 10, "bought", ADMIN_ID)] * 2
    refunded_by = await rows(bot, "SELECT charge_id, refunded_by FROM payments WHERE status = 'refunded' ORDER BY 1")
    assert sorted(refunded_by) == sorted([(by_button, ADMIN_ID), (by_command, ADMIN_ID)])
    assert len([m for m in tg.bot_messages(alice) if "was refunded" in text_of(m)]) == 2
    assert await audit(bot) == []

"""The Mini App's initData check: what Telegram signs is accepted, anything else is refused the same way."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, quote, urlencode

import pytest

from bot.web.dashboard.initdata import (
    MAX_INIT_DATA,
    InitDataRefused,
    InitDataVerifier,
    Refusal,
    data_check_string,
    secret_key,
)
from tests.fakes.telegram.webapp import init_data_for, sign_init_data

TOKEN = "123456:TEST-secret-token-value"
NOW = 1_800_000_000.0
ADA = {"id": 900, "is_bot": False, "first_name": "Ada", "username": "ada", "language_code": "en"}


def verifier(max_age: float = 3600) -> InitDataVerifier:
    return InitDataVerifier(TOKEN, max_age=max_age, now=lambda: NOW)


def refusal(init_data: str | None, max_age: float = 3600) -> Refusal:
    with pytest.raises(InitDataRefused) as refused:
        verifier(max_age).verify(init_data)
    return refused.value.reason


def test_telegram_documented_example_of_the_key_derivation() -> None:
    # The secret key is HMAC-SHA256 of the token keyed with "WebAppData" (not the other way round).
    import hashlib
    import hmac

    assert secret_key(TOKEN) == hmac.new(b"WebAppData", TOKEN.encode(), hashlib.sha256).digest()
    assert data_check_string({"b": "2", "a": "1", "hash": "x"}) == "a=1\nb=2"


def test_what_telegram_signs_is_accepted() -> None:
    init_data = init_data_for(TOKEN, ADA, auth_date=NOW - 10)
    user = verifier().verify(init_data)
    assert (user.id, user.first_name, user.username, user.language_code) == (900, "Ada", "ada", "en")
    assert user.auth_date == int(NOW - 10)
    # Non-ASCII names, and fields the bot does not know (signature, chat_instance...), are covered as sent.
    fields = {
        "user": json.dumps({"id": 7, "first_name": "Алиса"}, ensure_ascii=False),
        "auth_date": str(int(NOW)),
        "signature": "abc-_",
        "chat_type": "private",
        "start_param": "x y&z",
    }
    assert verifier().verify(sign_init_data(TOKEN, fields)).first_name == "Алиса"


def test_a_tampered_hash_or_field_is_refused() -> None:
    init_data = init_data_for(TOKEN, ADA, auth_date=NOW)
    fields = dict(parse_qsl(init_data))
    flipped = fields["hash"][:-1] + ("0" if fields["hash"][-1] != "0" else "1")
    assert refusal(urlencode({**fields, "hash": flipped}, quote_via=quote)) is Refusal.BAD_HASH
    # Someone else's id with the admin's hash.
    other = {**fields, "user": fields["user"].replace('"id":900', '"id":901')}
    assert refusal(urlencode(other, quote_via=quote)) is Refusal.BAD_HASH
    # Signed with another bot's token.
    assert refusal(init_data_for("654321:another-bot", ADA, auth_date=NOW)) is Refusal.BAD_HASH
    # A field added after signing, or removed.
    assert refusal(init_data + "&extra=1") is Refusal.BAD_HASH
    without = {k: v for k, v in fields.items() if k != "signature"}
    assert refusal(urlencode(without, quote_via=quote)) is Refusal.BAD_HASH


def test_age_is_bounded_both_ways() -> None:
    assert verifier(3600).verify(init_data_for(TOKEN, ADA, auth_date=NOW - 3600)).id == 900
    assert refusal(init_data_for(TOKEN, ADA, auth_date=NOW - 3601)) is Refusal.EXPIRED
    assert refusal(init_data_for(TOKEN, ADA, auth_date=NOW - 100), max_age=60) is Refusal.EXPIRED
    assert refusal(init_data_for(TOKEN, ADA, auth_date=NOW + 3600)) is Refusal.EXPIRED  # from the future


@pytest.mark.parametrize(
    ("init_data", "reason"),
    [
        (None, Refusal.MISSING),
        ("", Refusal.MISSING),
        ("not a query string", Refusal.MALFORMED),
        ("a=1&hash=zz", Refusal.MALFORMED),
        ("auth_date=1", Refusal.MALFORMED),  # no hash at all
        ("x" * (MAX_INIT_DATA + 1), Refusal.MALFORMED),
    ],
)
def test_garbage_is_refused(init_data: str | None, reason: Refusal) -> None:
    assert refusal(init_data) is reason


def test_signed_but_unusable_fields_are_refused() -> None:
    def signed(**fields: str) -> str:
        return sign_init_data(TOKEN, {"auth_date": str(int(NOW)), **fields})

    assert refusal(signed()) is Refusal.NO_USER
    assert refusal(signed(user="not json")) is Refusal.MALFORMED
    assert refusal(signed(user="[1]")) is Refusal.MALFORMED
    assert refusal(signed(user='{"id": "900"}')) is Refusal.NO_USER
    assert refusal(signed(user='{"id": true}')) is Refusal.NO_USER
    assert refusal(sign_init_data(TOKEN, {"auth_date": "soon", "user": '{"id": 900}'})) is Refusal.MALFORMED
    # The same field twice: which one would Telegram have signed? Neither.
    init_data = signed(user='{"id": 900}')
    assert refusal(init_data + "&auth_date=" + str(int(NOW))) is Refusal.MALFORMED


def test_refusals_say_nothing_of_the_data() -> None:
    init_data = init_data_for(TOKEN, ADA, auth_date=NOW - 99999)
    with pytest.raises(InitDataRefused) as refused:
        verifier().verify(init_data)
    assert str(refused.value) == "expired"
    assert "900" not in str(refused.value) and TOKEN not in repr(refused.value)

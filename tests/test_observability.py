"""/metrics in Prometheus format (on its own listener, not the public one), and /healthz."""

from __future__ import annotations

from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families

from tests.fakes.telegram import FakeTelegram
from tests.fakes.vendors import FakeVendors
from tests.support.bot import RunningBot, free_port, make_settings, running_bot
from tests.support.images import FACE


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


async def test_metrics_after_a_job_and_a_vendor_retry(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    settings = make_settings(tg, tmp_path, vendors, metrics_port=free_port())
    async with running_bot(tg, settings) as bot:
        alice = tg.user(1001, "Alice")
        vendors.ailab.fail(500, "PROCESSING_FAILURE", count=1)  # one retry, then success
        tg.fail_next("editMessageText", status=400, description="Bad Request: message can't be edited")
        await alice.send_text(alice, "/older", reply_to=await alice.send_photo(alice, FACE))
        await tg.wait_for_bot_message(alice, predicate=lambda m: "photo" in m, timeout=10)
        async with httpx.AsyncClient() as client:
            response = await client.get(bot.metrics_url)
            public = await client.get(f"{bot.web_url}/metrics")
            elsewhere = await client.get(bot.metrics_url.replace("/metrics", "/healthz"))
    assert public.status_code == 404 and public.content == b"Not Found"  # never on the public server
    assert elsewhere.status_code == 404  # the metrics listener serves /metrics only
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    found = samples(response.text)
    assert found[("faceshift_vendor_request_seconds_count", (("outcome", "ok"), ("vendor", "ailab")))] == 1
    assert found[("faceshift_vendor_request_seconds_count", (("outcome", "transient"), ("vendor", "ailab")))] == 1
    assert found[("faceshift_vendor_retries_total", (("category", "transient"), ("vendor", "ailab")))] == 1
    assert found[("faceshift_telegram_api_errors_total", (("kind", "bad_request"),))] == 1
    assert found[("faceshift_jobs_total", (("operation", "older"), ("outcome", "ok")))] == 1
    assert found[("faceshift_quota_units_total", (("movement", "charged"),))] == 1
    assert ("faceshift_jobs_waiting", ()) in found and ("faceshift_jobs_running", ()) in found


async def test_healthz_reports_database_and_telegram(tg: FakeTelegram, bot: RunningBot) -> None:
    async with httpx.AsyncClient() as client:
        ok = await client.get(f"{bot.web_url}/healthz")
        assert ok.status_code == 200 and ok.json()["checks"] == {"database": "ok", "telegram": "ok"}
        tg.fail_next("getMe", status=502, description="Bad Gateway", count=5)
        down = await client.get(f"{bot.web_url}/healthz")
    assert down.status_code == 503 and down.json()["checks"]["telegram"] != "ok"

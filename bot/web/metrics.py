"""Prometheus metrics, served at ``/metrics`` on a listener of their own (``METRICS_HOST``:``METRICS_PORT``,
the loopback by default), never on the public web server.

One registry per running bot (not the process-global one), so that tests can run several bots in a process.
Gauges that mirror live state (jobs waiting and running) are read when scraped, not kept in step by hand.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot.providers.errors import ProviderError

LATENCY_BUCKETS = (0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 90, 120, 180, 300)


class Metrics:
    def __init__(self) -> None:
        self.started_at = time.time()  # the counters count from here
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.jobs = Counter(
            "faceshift_jobs", "Jobs finished, by operation and outcome.", ["operation", "outcome"], registry=r
        )
        self.vendor_requests = Histogram(
            "faceshift_vendor_request_seconds",
            "Vendor HTTP requests (each attempt), by vendor and outcome.",
            ["vendor", "outcome"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.retries = Counter(
            "faceshift_vendor_retries",
            "Vendor requests repeated, by vendor and error category.",
            ["vendor", "category"],
            registry=r,
        )
        self.quota = Counter(
            "faceshift_quota_units", "Quota units charged, released or refunded.", ["movement"], registry=r
        )
        self.given_up = Counter(
            "faceshift_results_given_up",
            "Paid results that could not be delivered (refunded), by operation and why.",
            ["operation", "outcome"],
            registry=r,
        )
        self.telegram_errors = Counter(
            "faceshift_telegram_api_errors", "Bot API calls that failed, by kind.", ["kind"], registry=r
        )
        self.telegram_messages = Counter(
            "faceshift_telegram_messages",
            "Bot API calls that went through and sent a new message (kind new: sendMessage, sendPhoto, "
            "sendDocument...; each counts against Telegram's 30 per second) or edited one (kind edit), by method.",
            ["kind", "method"],
            registry=r,
        )
        self.jobs_waiting = Gauge("faceshift_jobs_waiting", "Jobs waiting for a vendor slot.", registry=r)
        self.jobs_running = Gauge("faceshift_jobs_running", "Jobs holding a vendor slot.", registry=r)
        self.vendor_limit = Gauge(
            "faceshift_vendor_concurrency_limit",
            "Calls a vendor may have at once, as its adaptive limit stands now, by vendor and lane (edit, swap).",
            ["vendor", "lane"],
            registry=r,
        )

    def watch_jobs(self, waiting: Callable[[], float], running: Callable[[], float]) -> None:
        self.jobs_waiting.set_function(waiting)
        self.jobs_running.set_function(running)

    # Hooks handed to the parts that see the events -------------------------------------------------------

    def on_vendor_attempt(self, vendor: str, seconds: float, outcome: str) -> None:
        self.vendor_requests.labels(vendor, outcome).observe(seconds)

    def on_vendor_limit(self, vendor: str, lane: str, limit: int) -> None:
        self.vendor_limit.labels(vendor, lane).set(limit)

    def on_retry(self, vendor: str, attempt: int, error: ProviderError) -> None:
        self.retries.labels(vendor, error.category.value).inc()

    def on_job_settled(self, operation: str, outcome: str, charged: int, released: int) -> None:
        self.jobs.labels(operation, outcome).inc()
        if charged:
            self.quota.labels("charged").inc(charged)
        if released:
            self.quota.labels("released").inc(released)

    def on_result_given_up(self, operation: str, outcome: str, refunded: int) -> None:
        self.given_up.labels(operation, outcome).inc()
        if refunded:
            self.quota.labels("refunded").inc(refunded)

    def on_telegram_error(self, kind: str) -> None:
        self.telegram_errors.labels(kind).inc()

    def on_telegram_message(self, kind: str, method: str) -> None:
        self.telegram_messages.labels(kind, method).inc()

    # Read back, for the dashboard ------------------------------------------------------------------------

    def vendor_attempts(self) -> dict[str, dict[str, int]]:
        """Vendor requests since the bot started (every attempt, retries included): vendor -> outcome -> count."""
        found: dict[str, dict[str, int]] = {}
        for family in self.vendor_requests.collect():
            for sample in family.samples:
                if sample.name.endswith("_count"):
                    outcomes = found.setdefault(sample.labels["vendor"], {})
                    outcomes[sample.labels["outcome"]] = int(sample.value)
        return found

    def route(self) -> Route:
        async def metrics(request: Request) -> Response:
            return Response(generate_latest(self.registry), media_type=CONTENT_TYPE_LATEST)

        return Route("/metrics", metrics, methods=["GET"])

    def app(self) -> Starlette:
        """The metrics listener's whole app: ``GET /metrics``, and 404 for everything else."""

        async def _404(request: Request, exc: Exception) -> Response:
            return PlainTextResponse("Not Found", status_code=404)

        app = Starlette(routes=[self.route()], exception_handlers={404: _404})
        app.router.redirect_slashes = False
        return app

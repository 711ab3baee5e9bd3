"""The admin dashboard: a Telegram Mini App served by the bot's own web server.

``/admin/`` is the page (plain HTML, CSS and JavaScript from ``static/``, Chart.js vendored beside them: the page
makes no request to anyone but this server), ``/admin/api/...`` its JSON (:mod:`bot.web.dashboard.api`, every
call checked against Telegram's signed ``initData``: :mod:`bot.web.dashboard.initdata`). The page itself holds no
data, so it is served to anyone; what it shows comes only through the API.
"""

from __future__ import annotations

import hashlib
from importlib import resources

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.web.dashboard.api import DashboardApi, DashboardDeps, PaymentsPanel
from bot.web.dashboard.initdata import InitDataVerifier, WebAppUser
from bot.web.dashboard.stars import StarsPanel

__all__ = ["Dashboard", "DashboardDeps", "InitDataVerifier", "PaymentsPanel", "StarsPanel", "WebAppUser"]

PREFIX = "/admin"
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
}
# Telegram's web clients show a Mini App in a frame; the phone and desktop apps in a web view of their own.
_FRAME_ANCESTORS = "'self' https://web.telegram.org"
_PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        f"base-uri 'none'; form-action 'none'; frame-ancestors {_FRAME_ANCESTORS}"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-cache",
}


class _Static:
    """The files of ``static/``, read once; only those names are served (no paths, so nothing to traverse)."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[bytes, str, str]] = {}
        for entry in resources.files(__package__).joinpath("static").iterdir():
            suffix = "." + entry.name.rsplit(".", 1)[-1]
            if entry.is_file() and suffix in _TYPES:
                data = entry.read_bytes()
                etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
                self.files[entry.name] = (data, _TYPES[suffix], etag)

    def response(self, request: Request, name: str) -> Response:
        found = self.files.get(name)
        if found is None:
            return Response(
                "Not Found", status_code=404, media_type="text/plain", headers={"Cache-Control": "no-store"}
            )
        data, media_type, etag = found
        headers = {**_PAGE_HEADERS, "ETag": etag}
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        return Response(data, media_type=media_type, headers=headers)


class Dashboard:
    def __init__(self, deps: DashboardDeps) -> None:
        self.api = DashboardApi(deps)
        self._static = _Static()

    def routes(self) -> list[BaseRoute]:
        api, guarded = self.api, self.api.guarded
        return [
            Route(f"{PREFIX}/", self._page, methods=["GET", "HEAD"]),
            Route(f"{PREFIX}/static/{{name}}", self._file, methods=["GET", "HEAD"]),
            Route(f"{PREFIX}/api/overview", guarded(api.overview), methods=["GET"]),
            Route(f"{PREFIX}/api/vendors", guarded(api.vendors), methods=["GET"]),
            Route(f"{PREFIX}/api/people", guarded(api.search), methods=["GET"]),
            Route(f"{PREFIX}/api/people/{{user_id}}", guarded(api.person), methods=["GET"]),
            Route(f"{PREFIX}/api/people/{{user_id}}/{{action}}", guarded(api.act), methods=["POST"]),
        ]

    async def _page(self, request: Request) -> Response:
        return self._static.response(request, "index.html")

    async def _file(self, request: Request) -> Response:
        return self._static.response(request, request.path_params["name"])

"""HTTP requests as the Bot API reads them: parameters from the query string and a JSON, urlencoded or multipart
body, decoded to the same Python values whatever the transport; and JSON answers."""

from __future__ import annotations

import json
import re
import urllib.parse
from typing import Any, Final

from starlette.requests import Request
from starlette.responses import Response

from .files import UploadedFile
from .limits import JSON, bad

# Form bodies carry every value as a string; these fields are converted back so that ``ApiCall.params``
# looks the same whether the client sent JSON, a urlencoded form or multipart.
_JSON_FIELDS: Final = frozenset(
    {
        "reply_markup",
        "reply_parameters",
        "entities",
        "caption_entities",
        "commands",
        "scope",
        "allowed_updates",
        "link_preview_options",
        "prices",
        "suggested_tip_amounts",
    }
)
_INT_FIELDS: Final = frozenset(
    {
        "chat_id",
        "message_id",
        "message_thread_id",
        "reply_to_message_id",
        "offset",
        "limit",
        "timeout",
        "user_id",
        "cache_time",
        "max_connections",
        "max_tip_amount",
    }
)
_BOOL_FIELDS: Final = frozenset(
    {
        "disable_notification",
        "protect_content",
        "allow_sending_without_reply",
        "show_alert",
        "drop_pending_updates",
        "has_spoiler",
        "disable_web_page_preview",
        "show_caption_above_media",
        "allow_paid_broadcast",
        "ok",
        "need_name",
        "need_phone_number",
        "need_email",
        "need_shipping_address",
        "is_flexible",
        "send_phone_number_to_provider",
        "send_email_to_provider",
    }
)
_INT_RE: Final = re.compile(r"-?\d+")


def normalize(key: str, value: Any) -> Any:
    """A form value converted back to the type it has in a JSON body."""
    if not isinstance(value, str):
        return value
    if key in _JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError:
            return value  # reported by Params.json_ when the handler reads it
    if key in _INT_FIELDS and _INT_RE.fullmatch(value):
        return int(value)
    if key in _BOOL_FIELDS and value.lower() in ("true", "false", "1", "0"):
        return value.lower() in ("true", "1")
    return value


class Params:
    """A request's parameters, read with the type checks and error wording of the Bot API."""

    def __init__(self, values: JSON, files: dict[str, UploadedFile]) -> None:
        self.values = values
        self.files = files

    def has(self, name: str) -> bool:
        return self.values.get(name) is not None

    def str_(self, name: str) -> str | None:
        value = self.values.get(name)
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        raise bad(f'field "{name}" must be of type String')

    def int_(self, name: str) -> int | None:
        value = self.values.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            raise bad(f'field "{name}" must be of type Integer')
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and _INT_RE.fullmatch(value):
            return int(value)
        raise bad(f'field "{name}" must be of type Integer')

    def number(self, name: str) -> float | None:
        value = self.values.get(name)
        if value is None or value == "":
            return None
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad(f'field "{name}" must be a number') from None

    def bool_(self, name: str) -> bool:
        value = self.values.get(name)
        if isinstance(value, str):
            return value.lower() in ("true", "1")
        return bool(value)

    def json_(self, name: str) -> Any:
        value = self.values.get(name)
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise bad(f"can't parse {name.replace('_', ' ')} JSON object") from None
        return value

    def file(self, name: str) -> UploadedFile | str | None:
        """An input file: an uploaded part, an ``attach://`` reference to one, or a file_id / URL string."""
        if name in self.files:
            return self.files[name]
        return self.reference(self.str_(name))

    def reference(self, value: str | None) -> UploadedFile | str | None:
        if not value:
            return None
        if value.startswith("attach://"):
            uploaded = self.files.get(value.removeprefix("attach://"))
            if uploaded is None:
                raise bad(f"file {value} not found")  # what tdlib's Bot API server answers
            return uploaded
        return value


def json_response(body: JSON, status: int) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), status_code=status, media_type="application/json")


async def read_params(request: Request) -> tuple[JSON, dict[str, UploadedFile]]:
    """Parameters from the query string and a JSON, urlencoded or multipart body (body wins)."""
    raw: JSON = dict(request.query_params)
    files: dict[str, UploadedFile] = {}
    header = request.headers.get("content-type", "")
    content_type = header.split(";")[0].strip().lower()
    if content_type == "application/json":
        body = await request.body()
        if body.strip():
            try:
                decoded = json.loads(body)
            except ValueError:
                raise bad("can't parse JSON encoded request parameters") from None
            if not isinstance(decoded, dict):
                raise bad("can't parse JSON encoded request parameters")
            raw.update(decoded)
    elif content_type == "application/x-www-form-urlencoded":
        body = await request.body()
        raw.update(urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    elif content_type == "multipart/form-data":
        boundary = _header_params(header).get("boundary")
        if not boundary:
            raise bad("can't parse multipart/form-data request: no boundary")
        for headers, content in _split_multipart(await request.body(), boundary.encode()):
            disposition = _header_params(headers.get("content-disposition", ""))
            name = disposition.get("name")
            if name is None:
                continue
            if "filename" in disposition:
                files[name] = UploadedFile(name, disposition["filename"], headers.get("content-type"), content)
            else:
                raw[name] = content.decode("utf-8", "replace")
    return {key: normalize(key, value) for key, value in raw.items()}, files


_HEADER_PARAM_RE: Final = re.compile(r';\s*([A-Za-z0-9_*-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')


def _header_params(value: str) -> dict[str, str]:
    """``name="photo"; filename="a.jpg"`` -> dict; undoes the quoting httpx and browsers apply (HTML5 rules)."""
    params: dict[str, str] = {}
    for match in _HEADER_PARAM_RE.finditer(value):
        raw = match.group(2).strip()
        if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2:
            raw = re.sub(r"\\(.)", r"\1", raw[1:-1])
        for escaped, char in (("%22", '"'), ("%0D", "\r"), ("%0A", "\n")):
            raw = raw.replace(escaped, char)
        params[match.group(1).lower()] = raw
    return params


def _split_multipart(body: bytes, boundary: bytes) -> list[tuple[dict[str, str], bytes]]:
    """The parts of a multipart/form-data body as (lower-cased headers, content).

    Written out here (rather than using python-multipart) because the format is simple and the fake should
    not depend on an optional Starlette extra.
    """
    parts: list[tuple[dict[str, str], bytes]] = []
    for chunk in body.split(b"--" + boundary)[1:]:
        if chunk.startswith(b"--"):
            break  # the closing delimiter
        head, separator, content = chunk.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        if not separator:
            raise bad("can't parse multipart/form-data request")
        headers: dict[str, str] = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            key, colon, value = line.partition(":")
            if colon:
                headers[key.strip().lower()] = value.strip()
        parts.append((headers, content.removesuffix(b"\r\n")))
    return parts

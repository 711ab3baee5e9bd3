"""Named moments in a job's end where crash tests kill the bot, to prove that no moment loses money or leaves a
file or a "working on it" message behind.

The bot itself never acts on them: :func:`reached` does nothing. A test starts the bot through
``tests/crash_bot.py``, which replaces :data:`reached` with a function that SIGKILLs the process when the point
named in its environment comes. The points, in the order a job meets them:

- ``opened``: the job is open (its cost reserved), nothing shown for it yet;
- ``status-posting``: the intent to post a status message is recorded, the message not sent yet;
- ``result-written``: the result is on disk, its charge not committed;
- ``charged``: the charge is committed, nothing sent yet;
- ``sent``: Telegram accepted the result, the delivery not recorded yet (the one window no restart can close:
  the result is sent again);
- ``delivered``: the delivery is recorded; the status message and the result file not removed yet;
- ``given-up``: a result that could not be delivered is refunded; the person not told, the file not deleted.

And one outside a job: ``refused``: a gesture was told why nothing started (out of quota, busy...), its handler not
finished yet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

POINTS: Final = (
    "opened",
    "status-posting",
    "result-written",
    "charged",
    "sent",
    "delivered",
    "given-up",
    "refused",
)


def _nothing(point: str) -> None:
    """The bot's own behaviour at every point: carry on."""


reached: Callable[[str], None] = _nothing
"""Called with the point's name as a job passes it (look it up at call time: tests replace it)."""

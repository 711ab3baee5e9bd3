-- The inbox: every update the bot receives, written here before it counts as received (before the next
-- getUpdates confirms it to Telegram; before the webhook answers 200), then handled from here and marked done.
-- Updates a crash left unfinished are handled again at the next start. Done rows are kept for a day (Telegram's
-- own window for delivering an update again) so that a re-delivered update is recognised and skipped.
CREATE TABLE inbox (
    update_id   INTEGER PRIMARY KEY,             -- Telegram's update_id
    chat_id     INTEGER,                         -- the update's chat, if any (for reading the table)
    payload     TEXT NOT NULL,                   -- the update as JSON
    received_at REAL NOT NULL,                   -- Unix time
    attempts    INTEGER NOT NULL DEFAULT 0,      -- start-ups that found it unfinished
    done_at     REAL                             -- handled (or given up after too many attempts)
);
CREATE INDEX inbox_unfinished ON inbox (update_id) WHERE done_at IS NULL;
CREATE INDEX inbox_done ON inbox (done_at) WHERE done_at IS NOT NULL;

-- The message that carries a request's menu (buttons are valid only there), and so that handling the same
-- photo again after a crash does not send a second menu.
ALTER TABLE requests ADD COLUMN menu_message_id INTEGER;

-- A face swap's wait: the update that opened it (handled again after a crash, it sends the prompt that crash
-- may have kept from being sent), and the face photo that completes it (claimed before the job opens, so a crash
-- in between cannot lose the pair, and a second photo cannot complete it too).
ALTER TABLE pairings ADD COLUMN opened_by INTEGER;
ALTER TABLE pairings ADD COLUMN face_message_id INTEGER;

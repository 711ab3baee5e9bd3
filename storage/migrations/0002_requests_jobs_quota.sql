-- A photo someone asked the bot about. Buttons carry its short id, so menus survive restarts.
CREATE TABLE requests (
    id          TEXT PRIMARY KEY,               -- short random id, goes into callback_data
    chat_id     INTEGER NOT NULL,
    thread_id   INTEGER,                         -- forum topic, kept for replies
    user_id     INTEGER NOT NULL,                -- who asked: only they may press the buttons
    message_id  INTEGER NOT NULL,                -- the photo's message
    sizes       TEXT NOT NULL,                   -- JSON [[file_id, width, height, file_size], ...], smallest first
    media_group_id TEXT,                         -- album the photo came in
    command     TEXT,                            -- a command in its caption (albums: /swap)
    created_at  REAL NOT NULL
);
CREATE INDEX requests_album ON requests (media_group_id) WHERE media_group_id IS NOT NULL;
CREATE INDEX requests_chat_message ON requests (chat_id, message_id);
CREATE INDEX requests_created ON requests (created_at);

-- Face swap waiting for its second photo (the face to use).
CREATE TABLE pairings (
    request_id        TEXT PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,  -- the photo that receives the face
    chat_id           INTEGER NOT NULL,
    user_id           INTEGER NOT NULL,
    prompt_message_id INTEGER,                   -- the bot's "send me the face" message
    expires_at        REAL NOT NULL
);
CREATE INDEX pairings_chat_user ON pairings (chat_id, user_id);

-- One paid piece of work. `key` makes a re-delivered update or a double press the same job.
CREATE TABLE jobs (
    id                TEXT PRIMARY KEY,
    key               TEXT NOT NULL UNIQUE,
    request_id        TEXT NOT NULL REFERENCES requests (id),
    face_request_id   TEXT REFERENCES requests (id),  -- face swap: the photo giving the face
    user_id           INTEGER NOT NULL,
    chat_id           INTEGER NOT NULL,
    operation         TEXT NOT NULL,
    params            TEXT NOT NULL DEFAULT '{}',    -- JSON
    cost              INTEGER NOT NULL,
    daily_part        INTEGER NOT NULL DEFAULT 0,    -- how the reservation was split
    credit_part       INTEGER NOT NULL DEFAULT 0,
    quota_day         TEXT NOT NULL,                 -- the allowance day the reservation counts against
    status            TEXT NOT NULL,                 -- queued, running, result_ready, succeeded, failed, interrupted
    outcome           TEXT,                          -- ok, or an error category
    vendor            TEXT,
    vendor_ms         INTEGER,
    status_message_id INTEGER,
    result_path       TEXT,                          -- a paid result waiting for delivery (deleted after)
    created_at        REAL NOT NULL,
    updated_at        REAL NOT NULL
);
CREATE INDEX jobs_user_status ON jobs (user_id, status);
CREATE INDEX jobs_status ON jobs (status);
CREATE INDEX jobs_created ON jobs (created_at);

-- Quota: balances kept in the same transaction as the ledger rows that explain them.
CREATE TABLE accounts (
    user_id          INTEGER PRIMARY KEY,
    day              TEXT NOT NULL,                 -- the allowance day the daily counters belong to
    daily_used       INTEGER NOT NULL DEFAULT 0,
    daily_reserved   INTEGER NOT NULL DEFAULT 0,
    credits          INTEGER NOT NULL DEFAULT 0,    -- available (not held by a reservation)
    credits_reserved INTEGER NOT NULL DEFAULT 0,
    daily_limit      INTEGER,                       -- an admin's override of the default allowance
    banned           INTEGER NOT NULL DEFAULT 0,
    ban_reason       TEXT
);

-- Every movement of quota and every admin action, append-only.
CREATE TABLE ledger (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL,
    kind       TEXT NOT NULL,     -- reserve, charge, release, grant, reset, setlimit, ban, unban
    bucket     TEXT,              -- daily or credits, for movements of quota
    amount     INTEGER NOT NULL DEFAULT 0,
    day        TEXT,              -- allowance day, for the daily bucket
    job_id     TEXT,
    admin_id   INTEGER,
    reason     TEXT,
    created_at REAL NOT NULL
);
CREATE INDEX ledger_user ON ledger (user_id, id);
CREATE INDEX ledger_job ON ledger (job_id);

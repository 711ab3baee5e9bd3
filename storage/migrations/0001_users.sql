-- People the bot has met. Filled on every update.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,          -- Telegram user id
    username      TEXT,                          -- without the @, lower case for look-ups
    first_name    TEXT NOT NULL DEFAULT '',
    language_code TEXT,
    first_seen    REAL NOT NULL,                 -- Unix time
    last_seen     REAL NOT NULL
);
CREATE INDEX users_username ON users (username);

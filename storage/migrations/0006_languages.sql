-- The language a person chose with /language (a code such as 'de'); NULL: their Telegram app's language.
ALTER TABLE users ADD COLUMN language TEXT;
CREATE INDEX users_language ON users (id) WHERE language IS NOT NULL;  -- the few who chose, read at start-up
-- Groups the bot keeps settings for: the language the group's admins chose with /language; NULL: each person
-- is answered in their own language.
CREATE TABLE chats (
    id         INTEGER PRIMARY KEY,             -- Telegram chat id (negative for groups)
    language   TEXT,
    changed_by INTEGER,                         -- the admin who last changed it
    changed_at REAL NOT NULL                    -- Unix time
);

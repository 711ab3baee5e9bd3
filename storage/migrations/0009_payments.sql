-- Credits sold for Telegram Stars. Credits bought are a bucket of their own in the quota (bought vs granted),
-- spent after the daily allowance and after granted credits. `bought` may go below zero: a refund of credits
-- already spent leaves a debt, which the next purchase pays off first.
ALTER TABLE accounts ADD COLUMN bought INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN bought_reserved INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN bought_part INTEGER NOT NULL DEFAULT 0;

-- One row per invoice sent. The invoice's payload is the order's id and nothing else: what was sold, to whom
-- and at which price is read here, never from the payload.
CREATE TABLE orders (
    id         TEXT PRIMARY KEY,                -- short random id, the invoice payload
    user_id    INTEGER NOT NULL,                -- who the invoice was made for
    chat_id    INTEGER NOT NULL,                -- where the invoice was sent (the person's private chat)
    credits    INTEGER NOT NULL,
    stars      INTEGER NOT NULL,
    currency   TEXT NOT NULL DEFAULT 'XTR',
    message_id INTEGER,                         -- the invoice message
    created_at REAL NOT NULL
);
CREATE INDEX orders_user ON orders (user_id, created_at);

-- One row per payment Telegram confirmed, keyed by its telegram_payment_charge_id: a payment is recorded (and
-- credited) once however many times it is seen (the update, its re-delivery, the reconciler). A second payment
-- of the same invoice has its own charge id, so it is its own row.
CREATE TABLE payments (
    charge_id          TEXT PRIMARY KEY,        -- telegram_payment_charge_id (the Star transaction's id)
    order_id           TEXT,                    -- the invoice payload as Telegram sent it (it may name no order)
    user_id            INTEGER NOT NULL,        -- who paid (as Telegram says, not the payload)
    stars              INTEGER NOT NULL,
    currency           TEXT NOT NULL,
    credits            INTEGER NOT NULL,        -- credited to `bought` (0 when the payment matched no order)
    status             TEXT NOT NULL,           -- credited, unmatched, refunded
    source             TEXT NOT NULL,           -- message (successful_payment), reconciler, refund
    provider_charge_id TEXT,
    paid_at            REAL NOT NULL,           -- when the bot recorded it
    told_at            REAL,                    -- when the person got their receipt
    refunded_at        REAL,
    refunded_by        INTEGER,                 -- the admin who refunded (NULL: refunded outside the bot)
    debited            INTEGER NOT NULL DEFAULT 0  -- credits taken back from `bought` by the refund
);
CREATE INDEX payments_user ON payments (user_id, paid_at);
CREATE INDEX payments_order ON payments (order_id);
CREATE INDEX payments_refunded ON payments (refunded_at) WHERE refunded_at IS NOT NULL;

-- How far the reconciler has read the bot's Star transactions (getStarTransactions offset).
CREATE TABLE star_sync (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seen INTEGER NOT NULL                       -- transactions read so far, the next offset
);

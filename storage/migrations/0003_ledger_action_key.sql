-- Admin actions carry the key of the Telegram update that asked for them: a re-delivered /grant grants once.
ALTER TABLE ledger ADD COLUMN action_key TEXT;
CREATE UNIQUE INDEX ledger_action_key ON ledger (action_key) WHERE action_key IS NOT NULL;
-- /stats sums the credits granted in a period (partial: costs nothing on the rows jobs write).
CREATE INDEX ledger_grants ON ledger (created_at) WHERE kind = 'grant';

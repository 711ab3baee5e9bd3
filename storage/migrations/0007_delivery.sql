-- Delivery with an end (see storage/jobs.py). A paid result that cannot be delivered is given up and refunded:
-- status 'given_up' and ledger kind 'refund' are new values in existing columns, so they need no change here.
--
-- A basic group upgraded to a supergroup gets a new chat id; the bot moves the chat's requests, jobs and
-- pairings to it. The photo's message id belongs to the old chat and means nothing in the new one, so a
-- moved request remembers where it came from and the bot replies there without quoting it.
ALTER TABLE requests ADD COLUMN moved_from_chat_id INTEGER;
CREATE INDEX jobs_chat ON jobs (chat_id);
CREATE INDEX pairings_chat ON pairings (chat_id);
-- Status messages still up after the job ended (a crash between the end and the removal): start-up removes them.
CREATE INDEX jobs_status_message_left ON jobs (status) WHERE status_message_id IS NOT NULL;

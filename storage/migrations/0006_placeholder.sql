-- Placeholder: this number belongs to a migration being written on another branch. Delete this file when
-- that migration is merged (two files with one number stop the bot at start-up, so it cannot be missed).
SELECT 1;

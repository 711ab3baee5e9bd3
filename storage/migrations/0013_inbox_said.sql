-- The refusal a button press is given in its alert, written before it is given: a press handled again after a
-- crash says the same again (Telegram takes one answer per query, so it reaches the person only if the first did
-- not) instead of deciding anew in a world that changed meanwhile (a retry where "Already on it" was said).
ALTER TABLE inbox ADD COLUMN said TEXT;

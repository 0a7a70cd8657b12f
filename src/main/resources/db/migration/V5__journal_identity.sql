-- One row: a random id of this journal, made the first time a server starts on it. It is the
-- series of the CAP identifiers issued from this journal: they never repeat those of another
-- journal (another server, a demo, a simulation), while a restart that replays the journal issues
-- the same identifiers again, so that a Cancel references the message it cancels.
CREATE TABLE journal_identity (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  cap_series VARCHAR(32) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

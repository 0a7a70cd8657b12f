-- Sensors allowed to report, each with the salted hash of its API key (never the key itself).

CREATE TABLE sensor (
  name VARCHAR(100) PRIMARY KEY,
  key_id VARCHAR(32) NOT NULL UNIQUE,
  key_salt BYTEA NOT NULL,
  key_hash BYTEA NOT NULL,
  hash_algorithm VARCHAR(32) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

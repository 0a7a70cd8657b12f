-- Console accounts with their Argon2id password hashes, and their sessions. Sessions keep only
-- SHA-256 digests of their tokens, so a copy of this table does not let anyone in.

CREATE TABLE accounts (
  name VARCHAR(64) PRIMARY KEY,
  role VARCHAR(16) NOT NULL CHECK (role IN ('viewer', 'operator', 'approver', 'admin')),
  password_hash VARCHAR(200) NOT NULL,
  failed_logins INTEGER NOT NULL CHECK (failed_logins >= 0),
  locked_until TIMESTAMP WITH TIME ZONE,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE sessions (
  token_digest VARCHAR(64) PRIMARY KEY,
  csrf_digest VARCHAR(64) NOT NULL,
  account VARCHAR(64) NOT NULL REFERENCES accounts (name) ON DELETE CASCADE,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  last_seen_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX sessions_account ON sessions (account);

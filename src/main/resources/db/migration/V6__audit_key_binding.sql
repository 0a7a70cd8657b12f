-- One row: the seal set on the journal when its hash chain became keyed (HMAC-SHA256 under the
-- installation's audit key, a file that is never in the database). It says how many records came
-- before, hashed with plain SHA-256, and the last one's hash, with an HMAC of both under the key:
-- nobody without the key can move the boundary to pass keyed records off as unkeyed ones. The
-- existing records and their hashes are left as they are. The row is written by the first process
-- that opens the journal with a key; see org.tocsin.store.AuditBinding.
CREATE TABLE audit_key_binding (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  unkeyed_records BIGINT NOT NULL CHECK (unkeyed_records >= 0),
  unkeyed_last_hash VARCHAR(64) NOT NULL,
  mac VARCHAR(64) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);

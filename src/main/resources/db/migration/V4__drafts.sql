-- Manual alerts drafted in the console, waiting for a second person's approval. A draft's status
-- (Actual, Exercise, Test) is written once, when it is drafted; nothing updates it. The database
-- itself refuses an approval by the account that drafted it.

CREATE TABLE drafts (
  id BIGINT PRIMARY KEY,
  status VARCHAR(16) NOT NULL CHECK (status IN ('Actual', 'Exercise', 'Test')),
  content TEXT NOT NULL,
  state VARCHAR(16) NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
  created_by VARCHAR(64) NOT NULL REFERENCES accounts (name),
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  decided_by VARCHAR(64) REFERENCES accounts (name),
  decided_at TIMESTAMP WITH TIME ZONE,
  note TEXT,
  CHECK (state = 'pending' OR (decided_by IS NOT NULL AND decided_at IS NOT NULL)),
  CHECK (state <> 'approved' OR decided_by <> created_by)
);

-- Upstream authorities' CAP messages waiting for a person's approval before they are relayed
-- (tocsin serve --upstream-relay approve). The authority is the first party: its message, posted
-- with its key and signed, is the draft; an approver is the second, and nothing is relayed until
-- one approves. A draft's status is the message's and is written once. What is relayed (the
-- alert's areas, level, text and expiry) is kept as the relay will send it, so that what the
-- approver saw is what goes out.

CREATE TABLE upstream_drafts (
  id BIGINT PRIMARY KEY,
  upstream_message BIGINT NOT NULL,
  authority VARCHAR(100) NOT NULL,
  signed_by VARCHAR(100),
  status VARCHAR(16) NOT NULL CHECK (status IN ('Actual', 'Exercise', 'Test')),
  kind VARCHAR(16) NOT NULL CHECK (kind IN ('Alert', 'Update', 'Cancel')),
  threat VARCHAR(64) NOT NULL,
  content TEXT NOT NULL,
  unmapped TEXT NOT NULL,
  state VARCHAR(16) NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  decided_by VARCHAR(64) REFERENCES accounts (name),
  decided_at TIMESTAMP WITH TIME ZONE,
  note TEXT,
  CHECK (state = 'pending' OR (decided_by IS NOT NULL AND decided_at IS NOT NULL))
);

-- What the relay made of each upstream message kept: relayed, drafted or not, the threat, the areas
-- and the areas that could not be mapped to the server's area set. Written once, after it is kept.
ALTER TABLE upstream_cap ADD COLUMN relay TEXT;

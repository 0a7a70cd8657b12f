#!/usr/bin/env bash
# Starts the local PostgreSQL cluster that the store tests use (127.0.0.1:5432), unless it already
# accepts connections. Idempotent; installs nothing.
set -euo pipefail

if ! command -v pg_isready >/dev/null 2>&1; then
  echo "start-postgres: PostgreSQL is not installed (no pg_isready)" >&2
  exit 1
fi
if pg_isready -q -h 127.0.0.1; then
  exit 0
fi

version="$(ls /etc/postgresql | sort -V | tail -n 1)"
if [ -z "$version" ]; then
  echo "start-postgres: no cluster under /etc/postgresql" >&2
  exit 1
fi
pg_ctlcluster --skip-systemctl-redirect "$version" main start

for _ in $(seq 1 30); do
  if pg_isready -q -h 127.0.0.1; then
    exit 0
  fi
  sleep 1
done
echo "start-postgres: PostgreSQL $version did not accept connections within 30 s" >&2
exit 1

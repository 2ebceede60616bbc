#!/usr/bin/env bash
# Runs the test suite (npm test) on a PostgreSQL server, in a database made for the run and dropped after.
# PG_ADMIN_URL names the server (default: the local one, user postgres); it creates and drops the
# database. PG_TEST_SERVER_URL is where the tests connect to it, when that is not the server itself
# (scripts/with-pgbouncer.sh sets it to its PgBouncer).
set -euo pipefail
admin_url="${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
db="social_api_test_$$_$(date +%s)"
psql "$admin_url" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE $db" >/dev/null
trap 'psql "$admin_url" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null' EXIT
# The event channel's LISTEN needs a session of its own: the server itself, never a transaction pooler.
PG_ADMIN_URL="$admin_url" TEST_DATABASE_LISTEN_URL="${admin_url%/*}/$db" TEST_DATABASE_URL="${PG_TEST_SERVER_URL:-${admin_url%/*}}/$db" npm test -- "$@"

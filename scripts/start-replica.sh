#!/usr/bin/env bash
# A streaming replica of this machine's PostgreSQL 15 cluster (15/main, port 5432) on
# REPLICA_PORT (default 5433), for the replica tests and for trying DATABASE_REPLICA_URLS
# by hand. Idempotent: a replica that is already streaming is left alone; anything else
# (missing, stopped, no longer streaming) is rebuilt with pg_basebackup.
# Needs root (Debian's pg_createcluster/pg_ctlcluster); re-runs itself with sudo otherwise.
# Prints the replica's URL on its last line.
set -euo pipefail
version=15
primary=main
name=replica
port="${REPLICA_PORT:-5433}"
url="postgres://postgres@127.0.0.1:$port/postgres"

if [ "$(id -u)" != 0 ]; then exec sudo REPLICA_PORT="$port" bash "$0" "$@"; fi

conf=/etc/postgresql/$version
if [ ! -d "$conf/$primary" ]; then
  echo "start-replica: no local PostgreSQL cluster $version/$primary to replicate" >&2
  exit 1
fi

streaming() {
  [ "$(psql "$url" -XAtc "SELECT pg_is_in_recovery() AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming')" 2>/dev/null)" = t ]
}
if streaming; then
  echo "$url"
  exit 0
fi

# pg_basebackup and the replica's WAL stream connect as postgres over TCP.
hba="$conf/$primary/pg_hba.conf"
if ! grep -qE '^host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba"; then
  echo 'host replication all 127.0.0.1/32 trust' >>"$hba"
  pg_ctlcluster "$version" "$primary" reload
fi

if ! pg_lsclusters -h | awk -v v="$version" -v n="$name" '$1 == v && $2 == n { found = 1 } END { exit !found }'; then
  pg_createcluster "$version" "$name" --port "$port" >/dev/null
fi
pg_ctlcluster "$version" "$name" stop >/dev/null 2>&1 || true
# The replica accepts the same clients as the primary.
cp "$hba" "$conf/$name/pg_hba.conf"
# Restartpoints often enough that its WAL stays small: a test replica shares the machine's disk.
pg_conftool -s "$version" "$name" set max_wal_size 128MB
datadir="$(pg_lsclusters -h | awk -v v="$version" -v n="$name" '$1 == v && $2 == n { print $6 }')"
rm -rf "$datadir"
install -d -o postgres -g postgres -m 700 "$datadir"
# -R writes standby.signal and primary_conninfo: the copy starts as a streaming standby.
# -c fast: checkpoint at once instead of waiting for the next one.
runuser -u postgres -- pg_basebackup -h 127.0.0.1 -p 5432 -U postgres -D "$datadir" -R -X stream -c fast
pg_ctlcluster "$version" "$name" start

for _ in $(seq 100); do
  if streaming; then
    echo "$url"
    exit 0
  fi
  sleep 0.1
done
echo "start-replica: the replica on port $port did not start streaming" >&2
exit 1

#!/usr/bin/env bash
# Runs a command with a PgBouncer in transaction pooling mode in front of the PostgreSQL
# server of PG_ADMIN_URL (default: the local one), and stops it after. The command finds
# the pooler's URL (no database) in PG_TEST_SERVER_URL, e.g.:
#   bash scripts/with-pgbouncer.sh bash scripts/test-on-postgres.sh
# Installs Debian's pgbouncer if it is missing.
#
# Each transaction gets whichever server connection is free, and DISCARD ALL runs after
# every one: anything that leans on session state (SET, named prepared statements,
# session advisory locks, LISTEN, temporary tables) fails every time instead of by chance.
set -euo pipefail
admin_url="${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

if ! command -v pgbouncer >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt=(apt-get); else apt=(sudo apt-get); fi
  "${apt[@]}" update -qq && DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq pgbouncer >/dev/null
fi

server="$(node -e 'const u = new URL(process.argv[1]); console.log(u.hostname, u.port || 5432, decodeURIComponent(u.username) || "postgres")' "$admin_url")"
read -r host port user <<<"$server"
listen_port="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"

dir="$(mktemp -d)"
cleanup() {
  if [ -f "$dir/pgbouncer.pid" ]; then kill "$(cat "$dir/pgbouncer.pid")" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT

# auth_type any: the pooler lets every client in and logs in to the server as `user`
# (trust on the test server); the tests' URLs name that user anyway.
cat >"$dir/pgbouncer.ini" <<EOF
[databases]
* = host=$host port=$port user=$user

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $listen_port
unix_socket_dir =
auth_type = any
pool_mode = transaction
server_reset_query = DISCARD ALL
server_reset_query_always = 1
default_pool_size = 20
max_client_conn = 1000
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
EOF

# PgBouncer refuses to run as root.
if [ "$(id -u)" = 0 ]; then
  chown -R postgres "$dir"
  pgbouncer -d -u postgres "$dir/pgbouncer.ini"
else
  pgbouncer -d "$dir/pgbouncer.ini"
fi

export PG_TEST_SERVER_URL="postgres://$user@127.0.0.1:$listen_port"
for _ in $(seq 100); do
  if psql "$PG_TEST_SERVER_URL/postgres" -XAtqc 'SELECT 1' >/dev/null 2>&1; then break; fi
  sleep 0.1
done
echo "PgBouncer (transaction pooling) on 127.0.0.1:$listen_port in front of $host:$port"
"$@"

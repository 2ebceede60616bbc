#!/usr/bin/env bash
# Runs a built image the way production does and checks it: the migrations job, then the
# API (two workers, migrations off), /health, /health/ready, a registration and a login,
# the web app at /app/, the image's HEALTHCHECK, and a clean stop (exit 0).
#   bash scripts/smoke-image.sh IMAGE DATABASE_URL     (SMOKE_PORT, default 8000)
set -euo pipefail
image="${1:?usage: smoke-image.sh IMAGE DATABASE_URL}"
db_url="${2:?usage: smoke-image.sh IMAGE DATABASE_URL}"
port="${SMOKE_PORT:-8000}"
base="http://127.0.0.1:$port"
name="social-api-smoke-$$"
secret="smoke-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
trap 'docker rm -f "$name" >/dev/null 2>&1 || true' EXIT

echo "== migrations job"
docker run --rm --network host -e "DATABASE_URL=$db_url" -e "SECRET_KEY=$secret" "$image" \
  node node_modules/typeorm/cli.js migration:run -d dist/ormconfig.js

echo "== API"
docker run -d --name "$name" --network host -e "PORT=$port" -e "DATABASE_URL=$db_url" -e "SECRET_KEY=$secret" \
  -e RUN_MIGRATIONS=false -e WEB_CONCURRENCY=2 "$image" >/dev/null
for _ in $(seq 1 60); do curl -fs "$base/health" >/dev/null && break; sleep 1; done
curl -fsS "$base/health" && echo
curl -fsS "$base/health/ready" && echo
email="smoke-$RANDOM$RANDOM@example.com"
curl -fsS "$base/users" -H 'Content-Type: application/json' -d "{\"email\": \"$email\", \"password\": \"correct horse\"}" && echo
curl -fsS "$base/login" --data-urlencode "username=$email" --data-urlencode 'password=correct horse' | grep -q '"access_token"'
echo "login: 200 with a token"
curl -fsS "$base/app/" | grep -q '<div id="root">'
curl -fsS "$base/app/login" | grep -q '<div id="root">'
echo "web app: /app/ and its pages served"

health() { docker inspect -f '{{.State.Health.Status}}' "$name"; }
for _ in $(seq 1 60); do [ "$(health)" = healthy ] && break; sleep 1; done
echo "HEALTHCHECK: $(health)"
[ "$(health)" = healthy ]

docker stop -t 15 "$name" >/dev/null
code="$(docker inspect -f '{{.State.ExitCode}}' "$name")"
if [ "$code" != 0 ]; then docker logs --tail 20 "$name"; echo "stopped with exit code $code"; exit 1; fi
echo "image smoke test passed"

#!/usr/bin/env bash
# Validates docker/compose.yaml without a Docker engine (see tools/validate-compose.mjs): YAML,
# interpolation against docker/.env.example, the Compose Specification JSON schema, references
# between services, networks and volumes, and the Dockerfile. Needs Node.js 20.19+ and npm (the
# packages come from the npm registry, pinned by tools/package-lock.json).
#   bash docker/validate.sh               validate docker/compose.yaml; exit 1 if it is invalid
#   bash docker/validate.sh --self-test   exit 0 only if every planted violation is rejected
# If the Docker Compose v2 plugin happens to be installed, `docker compose config` checks the file
# too (no engine needed for that). The legacy Python docker-compose 1.x is not used: it predates
# parts of the Compose Specification (the top-level name, for one) and would reject a valid file.
set -euo pipefail
cd "$(dirname "$0")"

# install the pinned tools once, and again whenever the lock file changes
if [ ! tools/node_modules/.package-lock.json -nt tools/package-lock.json ]; then
  npm ci --prefix tools --no-audit --no-fund --loglevel=error
fi

if [ "${1:-}" = "--self-test" ]; then
  exec node tools/validate-compose.mjs --self-test
fi

node tools/validate-compose.mjs compose.yaml --env-file .env.example

if docker compose version >/dev/null 2>&1; then
  # required variables are empty in the example: give them placeholders for this check only
  env_file=$(mktemp)
  trap 'rm -f "$env_file"' EXIT
  sed -E 's/^([A-Za-z_][A-Za-z0-9_]*)=$/\1=placeholder/' .env.example > "$env_file"
  docker compose --file compose.yaml --env-file "$env_file" config --quiet
  echo "compose.yaml: docker compose config accepts it"
fi

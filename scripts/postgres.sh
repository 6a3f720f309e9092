#!/usr/bin/env bash
# A local PostgreSQL for the tests: installs the server if missing (Debian's package), starts the cluster, and
# makes the role and database the tests use. Safe to run again. Prints only the connection URL on stdout;
# progress goes to stderr. Needs root (CI and the development machines run as root).
#
#   DATABASE_URL="$(bash scripts/postgres.sh)"; export DATABASE_URL
#
# The tests use DATABASE_URL when set, else this script's URL, so after one run `npm test` finds the server.
set -euo pipefail

role=cxpm
password=cxpm
database=cxpm_test
port=5432
say() { echo "postgres: $*" >&2; }

if ! command -v pg_lsclusters >/dev/null || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  say "installing PostgreSQL (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
  say "creating cluster $version/main"
  pg_createcluster "$version" main --port "$port" >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  say "starting cluster $version/main"
  pg_ctlcluster "$version" main start >&2
fi
port="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')"

# SQL on standard input, run as the postgres superuser over the local socket.
psql_admin() { su postgres -c "psql --quiet --no-psqlrc --port $port -v ON_ERROR_STOP=1 -tA"; }
for _ in $(seq 1 30); do
  if echo "SELECT 1" | psql_admin >/dev/null 2>&1; then break; fi
  sleep 1
done
psql_admin >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role LOGIN PASSWORD '$password';
  END IF;
END \$\$;
SQL
if [ "$(echo "SELECT 1 FROM pg_database WHERE datname = '$database'" | psql_admin)" != "1" ]; then
  say "creating database $database"
  echo "CREATE DATABASE $database OWNER $role" | psql_admin >&2
fi
say "PostgreSQL $version ready on port $port, database $database"
echo "postgres://$role:$password@localhost:$port/$database"

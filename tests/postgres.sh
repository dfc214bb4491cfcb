#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests: Debian's PostgreSQL, on 127.0.0.1, in a temporary data folder.
#   tests/postgres.sh start     starts it and prints its connection string
#   tests/postgres.sh running   prints the connection string if it runs already, else fails
#   tests/postgres.sh stop      stops it and deletes its data folder
# RELEASEBOT_PG_PORT (54329) and RELEASEBOT_PG_DIR (/tmp/releasebot-postgres) choose where.
set -euo pipefail
port=${RELEASEBOT_PG_PORT:-54329}
dir=${RELEASEBOT_PG_DIR:-/tmp/releasebot-postgres}
# The newest installed server (a client-only package has a bin folder too, without initdb).
initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)
[ -n "$initdb" ] || { echo "The PostgreSQL server is not installed: apt-get install postgresql" >&2; exit 1; }
bin=$(dirname "$initdb")

# PostgreSQL refuses to run as root: as root, the server runs as the postgres user.
# It runs from /, as the postgres user may not read the current folder.
as_owner() { (cd / && if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi); }

running() {
  as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1 && [ -f "$dir/port" ] &&
    echo "Host=127.0.0.1;Port=$(cat "$dir/port");Username=postgres"
}

case "${1:-}" in
  running) running ;;
  start)
    running && exit 0
    rm -rf "$dir" && mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "$initdb" -D "$dir/data" --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    # Durability is not needed for tests; many connections are (two bot processes and parallel tests).
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
      "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null
    echo "$port" >"$dir/port"
    running
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|running|stop" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite (tests/test_postgres.py).
#
#   bash scripts/postgres_test_server.sh start [DIR]   install if missing (root: apt-get), initdb
#                                                      DIR (default build/pgtest), start it on a free
#                                                      localhost port; print its URL on stdout
#   bash scripts/postgres_test_server.sh stop [DIR]    stop it (and leave DIR for the next start)
#   bash scripts/postgres_test_server.sh install       only install PostgreSQL when missing (make test)
#
# Idempotent: a server already running in DIR is reused and its URL printed again. Exit 3 means
# PostgreSQL is not installed and cannot be (not root, or no apt-get): tests skip on that.
set -euo pipefail
action="${1:-start}"
dir="$(realpath -m "${2:-build/pgtest}")"

find_bin() {
    local d
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
    done
    return 1
}

bin="$(find_bin || true)"
if [ -z "$bin" ]; then
    [ "$action" = stop ] && exit 0
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        echo "PostgreSQL is not installed, and installing it needs root and apt-get" >&2
        exit 3
    fi
    echo "installing Debian's postgresql ..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null; }
    bin="$(find_bin)"
fi

# The server refuses to run as root: as root, the cluster belongs to the postgres user.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

[ "$action" = install ] && exit 0
if [ "$action" = stop ]; then
    if [ -f "$dir/data/postmaster.pid" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null; fi
    exit 0
fi

if [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    cat "$dir/url"
    exit 0
fi
mkdir -p "$dir"
if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; chmod 755 "$dir"; fi
if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$dir/data" -U warta --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c full_page_writes=off" start >/dev/null
echo "postgresql://warta@127.0.0.1:$port/postgres" | as_owner tee "$dir/url" >/dev/null
cat "$dir/url"

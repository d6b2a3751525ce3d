# A throwaway PostgreSQL for the tests: sourced by scripts/test.sh (and usable alone:
# `source scripts/lib/postgres.sh; start_test_postgres`).
#
# start_test_postgres installs Debian's postgresql when it is missing, runs initdb into a
# temporary folder (as the postgres user when run as root: root cannot run the server), starts
# the server on a free loopback port with its socket in that folder, creates the database
# mcp_test, and exports:
#   MCP_TEST_POSTGRES_URL   postgres://postgres@127.0.0.1:<port>/mcp_test?sslmode=disable
#   MCP_TEST_POSTGRES_DATA  the data folder (a test restarts the server with it)
#   MCP_TEST_POSTGRES_BIN   the folder of pg_ctl and initdb
# stop_test_postgres stops it and removes the folder; the caller's EXIT trap should call it.

postgres_bindir() {
    local candidate
    if command -v pg_config >/dev/null; then
        candidate=$(pg_config --bindir 2>/dev/null || true)
        if [[ -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then echo "$candidate"; return; fi
    fi
    # Debian keeps the server's programs in lib/postgresql/<major>/bin, off PATH.
    for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [[ -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then echo "$candidate"; return; fi
    done
}

start_test_postgres() {
    local bindir
    bindir=$(postgres_bindir || true)
    if [[ -z "$bindir" ]]; then
        echo "postgres: installing Debian's postgresql (the tests start a throwaway server)" >&2
        local sudo=""
        if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
        $sudo apt-get update -qq >/dev/null
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        bindir=$(postgres_bindir || true)
    fi
    if [[ -z "$bindir" ]]; then
        echo "postgres: initdb and pg_ctl not found after installing postgresql" >&2
        return 1
    fi
    local data run_as=()
    data=$(mktemp -d /tmp/mcp-postgres.XXXXXX)
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres:postgres "$data"
        run_as=(runuser -u postgres --)
    fi
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    "${run_as[@]}" "$bindir/initdb" -D "$data/db" -U postgres --auth=trust --no-sync -E UTF8 >"$data/initdb.log" 2>&1 || {
        cat "$data/initdb.log" >&2
        return 1
    }
    # fsync off: a throwaway cluster, and the tests restart it.
    "${run_as[@]}" "$bindir/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 60 \
        -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null || {
        cat "$data/server.log" >&2
        return 1
    }
    "${run_as[@]}" "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE mcp_test" >/dev/null \
        || "${run_as[@]}" psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE mcp_test" >/dev/null
    export MCP_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/mcp_test?sslmode=disable"
    export MCP_TEST_POSTGRES_DATA="$data/db"
    export MCP_TEST_POSTGRES_BIN="$bindir"
    export MCP_TEST_POSTGRES_PORT="$port"
    MCP_TEST_POSTGRES_FOLDER="$data"
    echo "postgres: test server on 127.0.0.1:$port (data in $data/db)" >&2
}

stop_test_postgres() {
    if [[ -z "${MCP_TEST_POSTGRES_FOLDER:-}" ]]; then return 0; fi
    local run_as=()
    if [[ $(id -u) -eq 0 ]]; then run_as=(runuser -u postgres --); fi
    "${run_as[@]}" "$MCP_TEST_POSTGRES_BIN/pg_ctl" -D "$MCP_TEST_POSTGRES_DATA" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$MCP_TEST_POSTGRES_FOLDER"
    MCP_TEST_POSTGRES_FOLDER=""
}

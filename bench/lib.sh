# Shell helpers the bench scripts share (sourced; Python ones are in bench/benchlib.py).

# need COMMAND [DEBIAN_PACKAGE]: installs the package when the command is missing.
need() {
    command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "${2:-$1}" >/dev/null; }
    command -v "$1" >/dev/null || { echo "bench: $1 is missing and could not be installed" >&2; exit 1; }
}

# free_port: a loopback port nothing listens on now.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# rsa_key_pair DIR [NAME]: DIR/NAME.pem (private) and DIR/NAME.public.pem; NAME defaults to key.
rsa_key_pair() {
    local name=${2:-key}
    openssl genrsa -out "$1/$name.pem" 2048 2>/dev/null
    openssl rsa -in "$1/$name.pem" -pubout -out "$1/$name.public.pem" 2>/dev/null
}

# bench_tokens PRIVATE_KEY [COUNT]: COUNT (1) RS256 tokens for subject bench, scope mcp:read,
# audience bench, one per line, minted by the mcp-example binary in $bin.
bench_tokens() {
    "$bin/mcp-example" dev-token --jwt-private-key "$1" --sub bench --scope mcp:read --audience bench --ttl 3600 --count "${2:-1}"
}

# bench_build PRODUCT...: release builds of the products; sets bin to their folder.
bench_build() {
    local product
    for product in "$@"; do swift build -c release --product "$product" >&2; done
    bin=$(swift build -c release --show-bin-path)
}

# bench_workspace: a temporary folder in work and a pids array; on exit every process in pids
# is stopped and the folder removed.
bench_workspace() {
    work=$(mktemp -d)
    pids=()
    trap bench_cleanup EXIT
}

bench_cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}

# wait_port PORT: until a server answers there (/ping, or a POST for the bare routes).
wait_port() {
    for _ in $(seq 1 400); do
        curl -s -o /dev/null "http://127.0.0.1:$1/ping" -m 1 && return 0
        curl -s -o /dev/null -X POST "http://127.0.0.1:$1/mcp" -m 1 && return 0
        sleep 0.05
    done
    echo "port $1 never opened" >&2
    exit 1
}

# start NAME PORT COMMAND...: runs the server in the background (log in $work/NAME.log), records
# its pid in pids and in pid_NAME, and waits for its port.
start() {
    local name=$1 port=$2; shift 2
    "$@" >"$work/$name.log" 2>&1 &
    pids+=($!)
    eval "pid_$name=$!"
    wait_port "$port"
}

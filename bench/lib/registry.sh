# Sourced by benchmarks: start_registry DIR starts Debian's docker-registry (the CNCF distribution registry) on a
# free loopback port with its storage in DIR, sets $host (127.0.0.1:PORT) and $registry_pid, and waits until it
# answers. The caller kills $registry_pid on exit.
start_registry() {
  local dir=$1 port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  mkdir -p "$dir"
  cat > "$dir/config.yml" <<YML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/storage
http:
  addr: 127.0.0.1:$port
YML
  docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 & registry_pid=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
  host=127.0.0.1:$port
}

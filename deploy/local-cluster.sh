#!/usr/bin/env bash
# N read nodes of OpenGov API behind nginx, on this machine's loopback ports.
#
#   deploy/local-cluster.sh up N         start N nodes (a Release build) on the current release, and nginx in
#                                        front of them; prints the front URL
#   deploy/local-cluster.sh publish FILE [--note TEXT]
#                                        make FILE (an OGP CSV export, or a release's .db file) a new release
#                                        and roll it out to the nodes one at a time; TEXT is the release's note
#                                        (import --note: /v1/releases and the catalog's version notes show it),
#                                        for a CSV only (a release file carries the note it was published with)
#   deploy/local-cluster.sh down         stop everything up started (by process id)
#
# Environment: OPENGOV_CLUSTER_DIR   where the cluster keeps its files (default deploy/.cluster)
#              OPENGOV_CLUSTER_PORT  nginx's port; the nodes take the next N ports (default 8080)
#              OPENGOV_API           an OpenGov.Api.dll to run instead of building one (Release)
#              OPENGOV_NODE_ARGS     more arguments for every node (e.g. --RateLimit:PermitLimit=100)
#              OPENGOV_ROLL_PAUSE    seconds to wait after each node switches, before the next (default 0)
#
# A release is one SQLite file. Publishing imports the CSV into the publisher's database (which
# keeps every release), copies the new release file to every node and checks its SHA-256, and only
# then switches the nodes, one at a time, each waited for until it serves the new release: a
# cursor issued by a node that switched can be followed on one that has not (its file is there).
# Last, nginx's key changes to the new release, so that no answer of the old one is served from
# the cache for a URL that does not name its release.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${OPENGOV_CLUSTER_DIR:-$root/deploy/.cluster}"
front="${OPENGOV_CLUSTER_PORT:-8080}"
publisher="$dir/publisher/ogp.db"

say() { echo "local-cluster: $*" >&2; }
fail() { say "$*"; exit 1; }

api_dll() {
  if [ -n "${OPENGOV_API:-}" ]; then echo "$OPENGOV_API"; return; fi
  dotnet build "$root/OpenGov.Api" -c Release -v quiet -nologo >/dev/null
  echo "$root/OpenGov.Api/bin/Release/net10.0/OpenGov.Api.dll"
}

# The id of the newest release a database file holds (the first line of `releases`).
release_of() { dotnet "$dll" releases --db "$1" | awk 'NR == 1 { print $2 }'; }

# deliver NODE_DIR: every release file of the publisher that the node lacks, copied and checked.
deliver() {
  local node=$1 file name target
  mkdir -p "$node/ogp.db.releases"
  for file in "$publisher".releases/*.db; do
    name=$(basename "$file")
    target="$node/ogp.db.releases/$name"
    [ -f "$target" ] && continue
    cp "$file" "$target.tmp"
    [ "$(sha256sum < "$file" | cut -d' ' -f1)" = "$(sha256sum < "$target.tmp" | cut -d' ' -f1)" ] || fail "copy of $name to $node is not whole"
    mv "$target.tmp" "$target"
  done
}

# switch NODE_DIR RELEASE: the node's database becomes the release's file (a rename: atomic).
switch() {
  ln -f "$1/ogp.db.releases/$2.db" "$1/ogp.db.next"
  mv -f "$1/ogp.db.next" "$1/ogp.db"
}

# wait_release PORT RELEASE: until the node on PORT serves RELEASE (it reads the new file on its next request).
wait_release() {
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$1/health/ready" 2>/dev/null | grep -q "\"release\":\"$2\"" && return 0
    sleep 0.1
  done
  fail "the node on port $1 did not switch to $2"
}

start_node() {
  local i=$1 port=$(( front + $1 ))
  # shellcheck disable=SC2086
  dotnet "$dll" --db "$dir/node-$i/ogp.db" --urls "http://127.0.0.1:$port" --Node:Name="node-$i" \
      --Proxy:Trusted:0=127.0.0.1 --Logging:LogLevel:Default=Warning ${OPENGOV_NODE_ARGS:-} \
      </dev/null >"$dir/node-$i/node.log" 2>&1 &
  echo $! >"$dir/pids/node-$i"
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0; sleep 0.2; done
  cat "$dir/node-$i/node.log" >&2
  fail "node-$i did not start on port $port"
}

write_release_conf() {
  printf 'map $host $opengov_release {\n    default "%s";\n}\n' "$1" >"$dir/nginx/release.conf.next"
  mv -f "$dir/nginx/release.conf.next" "$dir/nginx/release.conf"
}

up() {
  local count=$1 i upstreams="" release
  [[ $count =~ ^[1-9][0-9]*$ ]] || fail "up takes a number of nodes"
  command -v nginx >/dev/null || fail "nginx is not installed (Debian: apt-get install nginx-light)"
  [ -d "$dir/pids" ] && [ -n "$(ls -A "$dir/pids" 2>/dev/null)" ] && fail "a cluster is running in $dir: down first"
  dll=$(api_dll)
  mkdir -p "$dir/pids" "$dir/publisher" "$dir/nginx/temp" "$dir/nginx/cache"
  # The first release: the sample data, built once and copied to every node like any other.
  [ -f "$publisher" ] || dotnet "$dll" sample --db "$publisher" >/dev/null
  release=$(release_of "$publisher")
  for i in $(seq 1 "$count"); do
    mkdir -p "$dir/node-$i"
    deliver "$dir/node-$i"
    [ -f "$dir/node-$i/ogp.db" ] || switch "$dir/node-$i" "$release"
    start_node "$i"
    upstreams+="        server 127.0.0.1:$(( front + i )) max_fails=1 fail_timeout=2s;"$'\n'
  done
  echo "$count" >"$dir/nodes"
  write_release_conf "$release"
  # Started by root, nginx would run its workers as nobody, who cannot write the cache in this
  # folder: here they run as whoever runs the cluster (a production nginx has a user of its own).
  local user=""
  [ "$(id -u)" = 0 ] && user="user root root;"
  sed -e "s|{{DIR}}|$dir/nginx|g" -e "s|{{FRONT_PORT}}|$front|g" -e "s|{{USER}}|$user|" "$root/deploy/nginx.conf.template" \
    | awk -v ups="$upstreams" '{ if ($0 == "{{UPSTREAMS}}") printf "%s", ups; else print }' >"$dir/nginx/nginx.conf"
  nginx -t -q -c "$dir/nginx/nginx.conf" -p "$dir/nginx" || fail "nginx refused $dir/nginx/nginx.conf"
  nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx" </dev/null >"$dir/nginx/nginx.out" 2>&1 &
  echo $! >"$dir/pids/nginx"
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$front/health/ready" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -sf "http://127.0.0.1:$front/health/ready" >/dev/null || fail "nginx does not answer on port $front"
  echo "http://127.0.0.1:$front"
}

publish() {
  local file=$1 note=${2-} release count i
  [ -f "$file" ] || fail "no such file: $file"
  case "$file" in *.db) [ -z "$note" ] || fail "$file is a release already, with the note it was published with: --note is for a CSV" ;; esac
  [ -f "$dir/nodes" ] || fail "no cluster in $dir: up first"
  dll=$(api_dll)
  case "$file" in
    *.db)
      release=$(release_of "$file")
      [ -n "$release" ] || fail "$file is not a release"
      mkdir -p "$publisher.releases"
      cp "$file" "$publisher.releases/$release.db.tmp" && mv "$publisher.releases/$release.db.tmp" "$publisher.releases/$release.db"
      ln -f "$publisher.releases/$release.db" "$publisher.next" && mv -f "$publisher.next" "$publisher" ;;
    *)
      dotnet "$dll" import "$file" --db "$publisher" ${note:+--note "$note"} >&2 || fail "the import of $file was refused"
      release=$(release_of "$publisher") ;;
  esac
  count=$(cat "$dir/nodes")
  # First every node gets the file, whole and checked; then they switch, one at a time.
  for i in $(seq 1 "$count"); do deliver "$dir/node-$i"; done
  for i in $(seq 1 "$count"); do
    switch "$dir/node-$i" "$release"
    wait_release $(( front + i )) "$release"
    say "node-$i serves $release"
    [ "$i" -lt "$count" ] && sleep "${OPENGOV_ROLL_PAUSE:-0}"
  done
  write_release_conf "$release"
  kill -HUP "$(cat "$dir/pids/nginx")"
  echo "$release"
}

down() {
  local pidfile pid
  [ -d "$dir/pids" ] || { say "nothing is running in $dir"; return 0; }
  for pidfile in "$dir"/pids/*; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$pidfile"
  done
  rm -f "$dir/nodes"
}

case "${1:-}" in
  up) up "${2:-2}" ;;
  publish)
    if [ $# -eq 2 ]; then publish "$2"
    elif [ $# -eq 4 ] && [ "$3" = "--note" ] && [ -n "$4" ]; then publish "$2" "$4"
    else fail "usage: $0 publish FILE [--note TEXT]"; fi ;;
  down) down ;;
  *) echo "usage: $0 up N | publish FILE | down" >&2; exit 2 ;;
esac

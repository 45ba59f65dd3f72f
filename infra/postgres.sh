#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: installs Debian's PostgreSQL when it is missing, creates
# a cluster in a fresh folder bound to 127.0.0.1 on a free port, with password authentication over TCP,
# and prints one line: the Npgsql connection string. Nothing outside that folder is touched.
#
#   bash infra/postgres.sh start [FOLDER]   prints "Host=127.0.0.1;Port=…;…"; the folder defaults to a new temp dir
#   bash infra/postgres.sh restart FOLDER   restarts it (the tests use this to drop every connection)
#   bash infra/postgres.sh stop FOLDER      stops the server and removes the folder
#
# Exits non-zero with a message on stderr when the server cannot be installed or started: a test run
# that needs it must fail, not skip.
set -euo pipefail

die() { echo "infra/postgres.sh: $*" >&2; exit 1; }

as_owner() {
  # initdb and postgres refuse to run as root; Debian's package creates the 'postgres' user for this.
  if [ "$(id -u)" -eq 0 ]; then
    # From / : the caller's folder may be closed to the postgres user, and psql would complain.
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

find_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

install_if_missing() {
  if [ -n "$(find_bin)" ]; then
    return
  fi
  echo "infra/postgres.sh: PostgreSQL is not installed; installing Debian's postgresql package" >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "PostgreSQL is missing and this user cannot install it (no root, no sudo): run 'apt-get install postgresql' as root"
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >&2 || die "apt-get update failed; cannot install PostgreSQL"
  # The package's own cluster is not wanted (ours is throwaway), so its automatic creation is disabled.
  $sudo mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" | $sudo tee /etc/postgresql-common/createcluster.d/bt-no-main.conf >/dev/null
  $sudo apt-get install -y -qq postgresql >&2 || die "apt-get install postgresql failed"
  [ -n "$(find_bin)" ] || die "postgresql was installed but initdb is not under /usr/lib/postgresql/*/bin"
}

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "no free TCP port found on 127.0.0.1"
}

start() {
  install_if_missing
  local bin folder port password
  bin=$(find_bin)
  folder=${1:-$(mktemp -d -t bt-postgres.XXXXXX)}
  mkdir -p "$folder"
  folder=$(cd "$folder" && pwd)
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  printf '%s\n' "$password" > "$folder/pwfile"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres: "$folder"
  fi
  chmod 700 "$folder"
  as_owner "$bin/initdb" -D "$folder/data" -U bt --pwfile="$folder/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$folder/initdb.log" 2>&1 \
    || die "initdb failed: $(tail -n 5 "$folder/initdb.log")"
  rm -f "$folder/pwfile"
  port=$(free_port)
  # Durability settings are left at their defaults (fsync, synchronous_commit on): the benchmarks
  # measure durable appends. Many connections: the stress tests open one per writer.
  as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$folder -c max_connections=300 -c shared_buffers=256MB" \
    start >/dev/null 2>&1 || die "the server did not start: $(tail -n 5 "$folder/server.log" 2>/dev/null)"
  as_owner "$bin/psql" -h "$folder" -p "$port" -U bt -d postgres -qAt -c "CREATE DATABASE bt_test;" >/dev/null \
    || die "could not create database bt_test"
  echo "$folder" > "$folder/.bt-postgres"
  echo "Host=127.0.0.1;Port=$port;Username=bt;Password=$password;Database=bt_test"
}

restart() {
  local folder
  folder=$(cd "${1:?give the folder printed by start}" && pwd)
  [ -f "$folder/.bt-postgres" ] || die "'$folder' is not a folder made by infra/postgres.sh start"
  # pg_ctl restart reuses the options the server was started with (postmaster.opts).
  as_owner "$(find_bin)/pg_ctl" -D "$folder/data" -l "$folder/server.log" -m fast -w -t 60 restart >/dev/null 2>&1 \
    || die "the server did not restart: $(tail -n 5 "$folder/server.log" 2>/dev/null)"
}

stop() {
  local folder
  folder=$(cd "${1:?give the folder printed by start}" && pwd)
  [ -f "$folder/.bt-postgres" ] || die "'$folder' is not a folder made by infra/postgres.sh start"
  as_owner "$(find_bin)/pg_ctl" -D "$folder/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$folder"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  restart) shift; restart "$@" ;;
  stop) shift; stop "$@" ;;
  *) die "usage: bash infra/postgres.sh start [FOLDER] | restart FOLDER | stop FOLDER" ;;
esac

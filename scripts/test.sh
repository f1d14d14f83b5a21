#!/usr/bin/env bash
# The project's test command. Starts a throwaway PostgreSQL 15 on its own port and socket directory (so a
# server already running on the machine is left alone), points the tests at it through ISSUESYNC_TEST_PG,
# runs `dotnet test IssueSync.sln "$@"`, always tears the server down, and ends with one line
# "N passed, N failed[, N skipped]" summed over every test project. Exits with dotnet test's exit code.
# As root it also installs what the tests need and is missing: postgresql-15 and chromium (browser tests).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pg_bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"

if [[ ! -x "$pg_bin/postgres" ]]; then
  if [[ "$(id -u)" -eq 0 ]]; then
    echo "PostgreSQL 15 not found in $pg_bin; installing postgresql-15 with apt-get." >&2
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql-15
  else
    echo "PostgreSQL 15 server binaries are missing ($pg_bin/postgres)." >&2
    echo "Install them (sudo apt-get install -y postgresql-15) or run this script as root, then retry." >&2
    exit 1
  fi
fi

# The /direction browser tests drive a headless Chromium (Debian package `chromium`), found through
# ISSUESYNC_TEST_CHROMIUM. Without it they are skipped, or fail under CI=true.
if [[ -z "${ISSUESYNC_TEST_CHROMIUM:-}" || ! -x "${ISSUESYNC_TEST_CHROMIUM}" ]]; then
  ISSUESYNC_TEST_CHROMIUM="$(command -v chromium || true)"
  if [[ -z "$ISSUESYNC_TEST_CHROMIUM" ]]; then
    if [[ "$(id -u)" -eq 0 ]]; then
      echo "Chromium not found; installing chromium with apt-get." >&2
      if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1; then
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
      fi
      ISSUESYNC_TEST_CHROMIUM="$(command -v chromium)"
    else
      echo "Chromium is missing: the browser tests will be skipped (failed under CI=true)." >&2
      echo "Install it (sudo apt-get install -y chromium) or run this script as root." >&2
    fi
  fi
fi
export ISSUESYNC_TEST_CHROMIUM

work_dir="$(mktemp -d /tmp/issuesync-test.XXXXXX)"
data_dir="$work_dir/data"
server_started=false

# initdb and the server refuse to run as root; as root they run as the postgres user, which must own the dir.
as_pg=()
if [[ "$(id -u)" -eq 0 ]]; then
  chown postgres:postgres "$work_dir"
  as_pg=(runuser -u postgres --)
fi

cleanup() {
  if [[ "$server_started" == true ]]; then
    (cd "$work_dir" && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data_dir" -m immediate -w stop) >/dev/null 2>&1 || true
    server_started=false
  fi
  rm -rf "$work_dir"
}
trap cleanup EXIT

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
    return
  fi
  local port
  for port in $(seq 54330 54429); do
    if ! (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "No free TCP port found in 54330-54429." >&2
  exit 1
}

port="$(free_port)"

# Run from the work dir: the postgres user may not be allowed into the caller's current directory.
(cd "$work_dir" && "${as_pg[@]}" "$pg_bin/initdb" -D "$data_dir" --auth=trust --username=postgres \
  --encoding=UTF8 --no-locale --no-sync) >"$work_dir/initdb.log" 2>&1 || {
  cat "$work_dir/initdb.log" >&2
  echo "initdb failed." >&2
  exit 1
}

# fsync off: the cluster is thrown away after the run, so durability only costs time.
server_started=true
(cd "$work_dir" && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data_dir" -l "$work_dir/postgres.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $work_dir -c fsync=off -c max_connections=400" start) >/dev/null || {
  cat "$work_dir/postgres.log" >&2 || true
  echo "PostgreSQL failed to start on 127.0.0.1:$port." >&2
  exit 1
}

for _ in $(seq 1 60); do
  if "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
    break
  fi
  sleep 0.5
done
if ! "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  cat "$work_dir/postgres.log" >&2 || true
  echo "PostgreSQL on 127.0.0.1:$port did not become ready." >&2
  exit 1
fi

export ISSUESYNC_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

test_log="$work_dir/dotnet-test.log"
set +e
# Manual measurements (trait Category=Manual) are not part of the suite, unless the caller chooses its own filter.
filter=(--filter "Category!=Manual")
for arg in "$@"; do
  if [[ "$arg" == "--filter" ]]; then filter=(); fi
done
# A test that hangs (no test finishes for 5 minutes) fails the run, naming itself, instead of holding CI forever.
(cd "$repo_root" && dotnet test IssueSync.sln --blame-hang-timeout 5m "${filter[@]}" "$@" </dev/null) 2>&1 | tee "$test_log"
test_exit=${PIPESTATUS[0]}
set -e

# Each test project prints "Passed!  - Failed: F, Passed: P, Skipped: S, Total: T, ..." (or "Failed!  - ...").
summary="$(grep -E '(Passed|Failed)!  *- Failed: *[0-9]+, Passed: *[0-9]+, Skipped: *[0-9]+' "$test_log" |
  sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' |
  awk '{ f += $1; p += $2; s += $3 } END {
    line = sprintf("%d passed, %d failed", p, f)
    if (s > 0) line = line sprintf(", %d skipped", s)
    print line
  }')"

cleanup
# .ci/run asks for the line in a file so that it can print it itself, as its very last line.
if [[ -n "${ISSUESYNC_SUMMARY_FILE:-}" ]]; then
  echo "$summary" >"$ISSUESYNC_SUMMARY_FILE"
else
  echo "$summary"
fi
exit "$test_exit"

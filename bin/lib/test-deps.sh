#!/usr/bin/env bash
# Installs what the test suite needs on a fresh machine; idempotent and quiet when all is there.
# Each need is added here by the issue that brings the tests needing it.
set -euo pipefail
need_apt=()
# Browser tests (server/src/test/java/org/cvote/server/web) drive Debian's chromium through its chromedriver.
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
# PostgreSQL tests (issue 10) start a throw-away cluster with Debian's server binaries (initdb, pg_ctl under
# /usr/lib/postgresql/N/bin), as the package's postgres user when run as root; its default cluster is not used.
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "cvote: tests need these packages: ${need_apt[*]} (install them, then re-run)" >&2
    exit 3
  fi
fi

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
# The reverse-proxy example of docs/deployment.md is checked with `nginx -t` (a throw-away certificate by openssl).
[ -x /usr/sbin/nginx ] || need_apt+=(nginx)
command -v openssl >/dev/null || need_apt+=(openssl)
# The second, independent verifier of records (server/src/test/python, docs/protocol.md in Python) needs `cryptography`
# for RSA-PSS and Ed25519.
{ python3 -c 'import cryptography' || /usr/bin/python3 -c 'import cryptography'; } >/dev/null 2>&1 || need_apt+=(python3 python3-cryptography)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    # The tests start their own PostgreSQL and only check nginx's configuration: keep the packages' services from
    # starting (as Docker images do), so an nginx without port 80 cannot fail the install.
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
      trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "cvote: tests need these packages: ${need_apt[*]} (install them, then re-run)" >&2
    exit 3
  fi
fi

#!/usr/bin/env bash
# Installs Debian's MariaDB server for the runtime suite when it is missing. The suite starts its
# own throw-away server (tests/runtime/mariadb.ts); the package's own service is kept from
# starting. Fails loudly when it cannot install: the suite must never skip MariaDB silently.
set -euo pipefail

if command -v mariadbd >/dev/null || [[ -x /usr/sbin/mariadbd ]]; then
  exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
  echo "MariaDB is not installed and $(id -un) is not root: run 'apt-get update && apt-get install -y mariadb-server' as root." >&2
  exit 1
fi
echo "Installing mariadb-server (Debian) for the runtime suite…"
# policy-rc.d answering 101 keeps the package's service from starting during the install.
made_policy=0
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  made_policy=1
fi
trap 'if [[ $made_policy == 1 ]]; then rm -f /usr/sbin/policy-rc.d; fi' EXIT
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mariadb-server >/dev/null
command -v mariadbd >/dev/null || [[ -x /usr/sbin/mariadbd ]] || { echo "mariadb-server installed but mariadbd is missing" >&2; exit 1; }

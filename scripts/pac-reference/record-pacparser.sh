#!/bin/sh
# Records Debian pacparser's answers for the PAC reference cases (run as root: it uses a private mount
# namespace so that /etc/hosts holds only the cases' DNS table and no nameserver is asked).
# Needs: apt-get install -y python3-pacparser faketime
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cases="$here/../../test/fixtures/pac/reference-cases.json"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 - "$cases" > "$tmp/hosts" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
print('127.0.0.1 localhost')
for name, addrs in c['hosts'].items():
    for a in addrs:
        print(a, name)
PY
printf 'hosts: files\n' > "$tmp/nsswitch.conf"
now=$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['now'])" "$cases")
unshare -m sh -c "mount --bind '$tmp/hosts' /etc/hosts && mount --bind '$tmp/nsswitch.conf' /etc/nsswitch.conf && TZ=UTC faketime -f '@$now' /usr/bin/python3 '$here/record.py'"

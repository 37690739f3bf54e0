"""Evaluates every PAC file of test/fixtures/pac/reference-cases.json with Debian's pacparser (python3-pacparser)
and writes the answers to test/fixtures/pac/reference-expected.json. Run through record-pacparser.sh, which
pins DNS (an /etc/hosts holding only the cases' table, no nameserver) and the clock."""
import json
import os
import subprocess
import sys

import pacparser

root = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
fixtures = os.path.join(root, 'test', 'fixtures', 'pac')
cases = json.load(open(os.path.join(fixtures, 'reference-cases.json')))


def host_of(url):
    rest = url.split('://', 1)[1]
    host = rest.split('/', 1)[0]
    return host.rsplit(':', 1)[0] if ':' in host and not host.startswith('[') else host


def version():
    out = subprocess.run(['dpkg-query', '-W', '-f', '${Version}', 'python3-pacparser'], capture_output=True, text=True)
    return out.stdout.strip() or 'unknown'


results = {}
for rel in cases['files']:
    per = {}
    pacparser.enable_microsoft_extensions()
    pacparser.init()
    pacparser.setmyip(cases['clientIp'])
    try:
        pacparser.parse_pac_file(os.path.join(fixtures, rel))
    except Exception as e:  # a file pacparser cannot load
        results[rel] = {'compile': 'error', 'message': str(e)[:200]}
        pacparser.cleanup()
        continue
    for url in cases['urls']:
        try:
            per[url] = {'result': pacparser.find_proxy(url, host_of(url))}
        except Exception as e:
            per[url] = {'error': str(e)[:200]}
    pacparser.cleanup()
    results[rel] = {'compile': 'ok', 'answers': per}

out = {
    '_about': 'Written by scripts/pac-reference/record-pacparser.sh from reference-cases.json; do not edit by hand.',
    'engine': 'pacparser (Debian python3-pacparser %s, Microsoft extensions enabled)' % version(),
    'clientIp': cases['clientIp'],
    'now': cases['now'],
    'timezone': 'UTC',
    'results': results,
}
json.dump(out, open(os.path.join(fixtures, 'reference-expected.json'), 'w'), indent=1, sort_keys=True, ensure_ascii=False)
sys.stdout.write('recorded %d files\n' % len(results))

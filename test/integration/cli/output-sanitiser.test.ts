/**
 * Terminal escape injection: a bundle, a client log, a SIP server's reason phrase and a KB query carry ESC/CSI/OSC
 * sequences, C1 controls, BEL and a lone CR; every CLI command that prints them (analyze, bundle inspect,
 * compare, sip log, sip probe, diagnose, kb) shows them escaped — the hostile text arrives, neutralised.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { exportBundle } from '../../../main/bundle/export';
import { DEFAULT_IMPORT_LIMITS } from '../../../main/bundle/format';
import { importBundle } from '../../../main/bundle/import';
import { readZip } from '../../../main/bundle/zip';
import { showControls } from '../../../main/model/show-controls';
import type { Finding } from '../../../main/model/finding';
import type { Sections } from '../../../main/model/snapshot';
import { runCli, type CliRun } from '../../helpers/cli';
import { makeCert } from '../../helpers/forge-certs';
import { reply, startSipServer } from '../../helpers/sip-server';
import { seededKeys } from '../../helpers/seeded-keys';
import { baseSnapshot } from '../../helpers/snapshot';

/** Retitle the terminal (OSC … BEL), clear it (CSI 2J), home the cursor, a C1 CSI, and a CR that rewrites the line. */
const HOSTILE = 'evil\u001b]0;owned\u0007\u001b[2J\u001b[1;1H\u009b31m\rFAKE OK';
const dir = mkdtempSync(join(tmpdir(), 'ld-sanitise-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function assertNeutral(r: CliRun, what: string): void {
  const all = r.out + r.err;
  assert.ok(!/[\u001b\u0007\u009b]|\r(?!\n)/.test(all), `${what}: a raw control character reached the terminal`);
  assert.ok(all.includes('\\u001b]0;owned\\u0007'), `${what}: the hostile text should arrive, shown escaped:\n${all.slice(0, 2000)}`);
}

async function hostileBundle(name: string, variant = ''): Promise<string> {
  const sections = { httpTrace: { status: 'error', message: `log said ${HOSTILE}`, durationMs: 1, data: { note: HOSTILE } } } as unknown as Sections;
  const snapshot = baseSnapshot(sections, { host: { platform: 'win32', release: `10.0 ${HOSTILE}${variant}`, arch: 'x64' } });
  const findings: Finding[] = [{ checkId: 'LD-TEST-001', severity: 'error', title: `title ${HOSTILE}`, message: `message ${HOSTILE}${variant}`, evidence: [{ label: 'server', value: HOSTILE }], articleId: 'x', research: [], fix: `fix ${HOSTILE}`, sections: ['logs'] }];
  const b = await exportBundle({ snapshot, findings, raw: [{ collectorId: 'logs', name: 'x.log', content: HOSTILE }] }, { redaction: 'standard', now: () => new Date('2026-06-02T00:00:00Z') });
  const path = join(dir, name);
  writeFileSync(path, b.zip);
  return path;
}

test('showControls: escapes what a terminal acts on, keeps newline/tab/CRLF, idempotent, JSON-compatible', () => {
  assert.equal(showControls(HOSTILE), 'evil\\u001b]0;owned\\u0007\\u001b[2J\\u001b[1;1H\\u009b31m\\u000dFAKE OK');
  assert.equal(showControls('a\tb\r\nc\n'), 'a\tb\r\nc\n');
  assert.equal(showControls('x\u202eevil\u2028y\u007f'), 'x\\u202eevil\\u2028y\\u007f');
  assert.equal(showControls(showControls(HOSTILE)), showControls(HOSTILE));
  assert.equal(JSON.parse(showControls(JSON.stringify({ v: '\u009b' }))).v, '\u009b', '--json output keeps its meaning');
});

test('analyze, bundle inspect and compare print bundle strings escaped', async () => {
  const a = await hostileBundle('a.zip');
  const b = await hostileBundle('b.zip', ' (after)');
  assertNeutral(await runCli(['analyze', a]), 'analyze');
  assertNeutral(await runCli(['bundle', 'inspect', a]), 'bundle inspect');
  const json = await runCli(['bundle', 'inspect', a, '--json']);
  assert.ok(!/[\u001b\u0007\u009b]/.test(json.out), 'bundle inspect --json');
  assertNeutral(await runCli(['compare', a, b]), 'compare');
});

test('sip log prints a hostile ms-diagnostics reason escaped', async () => {
  const src = readFileSync(join(__dirname, '..', '..', 'fixtures', 'logs', 'signin-4005-truncated.UccApilog'), 'latin1');
  const path = join(dir, 'hostile.UccApilog');
  writeFileSync(path, src.replace('Some component we have no source for', `Some component ${HOSTILE}`), 'latin1');
  assertNeutral(await runCli(['sip', 'log', path]), 'sip log');
  const diag = await runCli(['diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', '127.0.0.1:9', '--timeout-ms', '1500', '--log', path]);
  assertNeutral(diag, 'diagnose --log');
});

test('sip probe prints a server reason phrase and Server header escaped', async () => {
  const cert = makeCert({ subjectCN: 'pool01.contoso.com', dnsNames: ['pool01.contoso.com'], keys: seededKeys(4), serial: '04', notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2036-01-01T00:00:00Z') });
  const lab = await startSipServer(cert, (req) => reply(req, 403, `Forbidden ${HOSTILE}`, [`Server: RTC/6.0 ${HOSTILE}`, `ms-diagnostics: 4005;reason="${HOSTILE}";source="pool01.contoso.com"`]));
  try {
    assertNeutral(await runCli(['sip', 'probe', '--sip-address', 'alice@contoso.com', '--server', `127.0.0.1:${lab.port}`, '--timeout-ms', '5000']), 'sip probe');
  } finally {
    await lab.close();
  }
});

test('kb show echoes an unknown id escaped', async () => {
  assertNeutral(await runCli(['kb', 'show', HOSTILE]), 'kb show');
});

test('report.html shows the same control characters escaped', async () => {
  const path = await hostileBundle('r.zip');
  const entries = await readZip(readFileSync(path), DEFAULT_IMPORT_LIMITS);
  const report = entries.find((e) => e.name === 'report.html')?.data.toString('utf8') ?? '';
  assert.ok(report.includes('\\u001b]0;owned\\u0007'), 'the hostile text is in the report, escaped');
  assert.ok(!/[\u001b\u0007\u009b]/.test(report));
  assert.ok((await importBundle(readFileSync(path))).snapshot.host.release.includes('\u001b'), 'the data itself is kept as it was');
});

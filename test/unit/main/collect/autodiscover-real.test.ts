/**
 * Real autodiscover answers from public sources (test/fixtures/autodiscover/real, see its SOURCES.md) read by our
 * reader, followed by our collector over loopback where the source gives a whole exchange or a chain, and judged by
 * the LD-AUTO checks. Every expected value comes from expected.json, written by hand from the sources.
 */
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { autodiscoverFailed, autodiscoverForeignLinks } from '../../../../main/checks/autodiscover';
import type { Check } from '../../../../main/checks/types';
import { askAutodiscover } from '../../../../main/collect/autodiscover';
import { findLink, parseAutodiscover } from '../../../../main/collect/autodiscover-parse';
import type { AutodiscoverAttempt, AutodiscoverLink } from '../../../../main/model/autodiscover';
import { labPki } from '../../../helpers/lab-pki';
import { testNet } from '../../../helpers/net-env';
import { closeAll, startTlsServer, type LabServer } from '../../../helpers/net-lab';
import { attempt, ok } from '../../../helpers/network-snapshot';
import { baseSnapshot, NOW } from '../../../helpers/snapshot';

const DIR = join(__dirname, '..', '..', '..', 'fixtures', 'autodiscover', 'real');

interface Expected {
  readonly body?: 'whole' | 'after-headers';
  readonly parse?: { ok: true; format: 'json' | 'xml'; accessLocation: string | null; links: AutodiscoverLink[] } | { ok: false; reasonMatches: string[] };
  readonly attempt?: { outcome: string; status: number; messageMatches: string[] };
  readonly chain?: {
    domain: string;
    sipAddress: string;
    attempt: { outcome: string; hops: string[]; format: string; userUrl: string; userStatus: number; linksOf: string };
  };
  readonly sipAddress?: string;
  readonly checks?: { 'LD-AUTO-001'?: string[]; 'LD-AUTO-002'?: string[][] };
}

const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, Expected>;
const cases = Object.entries(expected).filter(([k]) => !k.startsWith('_'));

const raw = (file: string): string => readFileSync(join(DIR, file), 'utf8');

/** A .http fixture: status line, headers, empty line, body. */
function exchange(file: string): { status: number; statusText: string; headers: Array<[string, string]>; body: string } {
  const text = raw(file);
  const cut = text.indexOf('\r\n\r\n');
  const [statusLine, ...lines] = text.slice(0, cut).split('\r\n');
  const m = /^HTTP\/1\.1 (\d{3}) (.*)$/.exec(statusLine as string);
  assert.ok(m, `${file}: status line`);
  return { status: Number(m[1]), statusText: m[2] as string, headers: lines.map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()] as [string, string]), body: text.slice(cut + 4) };
}

const bodyOf = (file: string, mode: Expected['body']): string => (mode === 'after-headers' ? exchange(file).body : raw(file));

const CHECKS: Record<string, Check> = { 'LD-AUTO-001': autodiscoverFailed, 'LD-AUTO-002': autodiscoverForeignLinks };

/** Runs both checks on one attempt and compares with the expected findings (001: severities; 002: foreign host lists). */
function judge(name: string, a: AutodiscoverAttempt, sipAddress: string, want: NonNullable<Expected['checks']>): void {
  const snap = baseSnapshot({ autodiscover: ok<'autodiscover'>({ sipAddress, attempts: [a] }) });
  for (const [id, list] of Object.entries(want)) {
    const found = (CHECKS[id] as Check).evaluate(snap, { now: NOW });
    if (id === 'LD-AUTO-001') assert.deepEqual(found.map((f) => f.severity ?? (CHECKS[id] as Check).severity), list, `${name}: ${id}`);
    else assert.deepEqual(found.map((f) => String(f.evidence.find((e) => e.label === 'link hosts outside it')?.value).split(', ')), list, `${name}: ${id}`);
  }
}

for (const [name, want] of cases) {
  if (!want.parse) continue;
  test(`reads ${name} as expected`, () => {
    const got = parseAutodiscover(bodyOf(name, want.body));
    const exp = want.parse!;
    if (!exp.ok) {
      assert.equal(got.ok, false, `${name} should not read as an answer`);
      if (!got.ok) for (const s of exp.reasonMatches) assert.ok(got.reason.includes(s), `${name}: reason "${got.reason}" should mention "${s}"`);
      return;
    }
    assert.ok(got.ok, got.ok ? '' : `${name}: ${got.reason}`);
    assert.deepEqual({ format: got.format, accessLocation: got.accessLocation, links: got.links }, { format: exp.format, accessLocation: exp.accessLocation, links: exp.links });
    if (want.checks && !want.attempt && !want.chain) {
      const a = attempt({ format: got.format, accessLocation: got.accessLocation, links: got.links, userUrl: findLink(got.links, 'user')?.href ?? null });
      judge(name, a, want.sipAddress ?? 'alice@contoso.com', want.checks);
    }
  });
}

// Loopback: one HTTPS server per scenario answering for every name of the chain, as the sources show.
const pki = labPki('AutoReal');
const cert = pki.leaf(['lyncdiscover.domain.com', 'webdir1a.online.lync.com', 'lyncdiscover.contoso.com', 'contoso.com']);
const servers: LabServer[] = [];
after(() => closeAll(servers));

type Reply = (res: ServerResponse) => void;
const json = (file: string): Reply => (res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(raw(file));
};
const http = (file: string): Reply => (res) => {
  const x = exchange(file);
  const headers = new Map<string, string[]>();
  for (const [k, v] of x.headers) if (k.toLowerCase() !== 'content-length') headers.set(k, [...(headers.get(k) ?? []), v]);
  res.writeHead(x.status, x.statusText, Object.fromEntries([...headers].map(([k, v]) => [k, v.length === 1 ? (v[0] as string) : v])));
  res.end(x.body);
};
const unauthorized = (body: string): Reply => (res) => {
  res.writeHead(401);
  res.end(body);
};

/** Serves `routes` ("host" for any path, or "host /path" ignoring the query) and asks lyncdiscover.<domain> through them. */
async function run(domain: string, sipAddress: string, routes: Record<string, Reply>): Promise<AutodiscoverAttempt> {
  const s = await startTlsServer({
    cert,
    handler: (req: IncomingMessage, res: ServerResponse) => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      const path = (req.url ?? '/').split('?')[0];
      const reply = routes[`${host} ${path}`] ?? routes[host];
      if (reply) reply(res);
      else {
        res.writeHead(404);
        res.end();
      }
    },
  });
  servers.push(s);
  const hosts = [...new Set(Object.keys(routes).map((k) => k.split(' ')[0]))];
  const { env, scope } = testNet({ timeoutMs: 5000, connectTo: hosts.map((h) => `${h}:443:127.0.0.1:${s.port}`) });
  try {
    return await askAutodiscover(env, 'lyncdiscover', domain, sipAddress, undefined, 4000);
  } finally {
    scope.close();
  }
}

test('o365-chain: lyncdiscover redirect link to SfB Online, then the User link (401)', async () => {
  const want = expected['o365-chain'] as Expected;
  const c = want.chain!;
  const a = await run(c.domain, c.sipAddress, {
    'lyncdiscover.domain.com': json('o365-chain-1-lyncdiscover.json'),
    'webdir1a.online.lync.com /Autodiscover/AutodiscoverService.svc/root': json('o365-chain-2-webdir1a.json'),
    'webdir1a.online.lync.com /Autodiscover/AutodiscoverService.svc/root/oauth/user': unauthorized(raw('o365-chain-3-user-401.txt')),
  });
  assert.equal(a.outcome, c.attempt.outcome, a.message);
  assert.deepEqual(a.hops, c.attempt.hops);
  assert.equal(a.format, c.attempt.format);
  assert.equal(a.userUrl, c.attempt.userUrl);
  assert.equal(a.user?.status, c.attempt.userStatus);
  assert.deepEqual(a.links, (expected[c.attempt.linksOf]!.parse as { links: AutodiscoverLink[] }).links);
  judge('o365-chain', a, want.sipAddress!, want.checks!);
});

test('ucwa-doc: the Root URL page redirect exchange, then its root answer', async () => {
  const want = expected['ucwa-doc'] as Expected;
  const c = want.chain!;
  const a = await run(c.domain, c.sipAddress, {
    'lyncdiscover.contoso.com': http('ucwa-doc-redirect.http'),
    'contoso.com /Autodiscover/AutodiscoverService.svc/root': json('ucwa-doc-root.json'),
    'contoso.com /Autodiscover/AutodiscoverService.svc/root/oauth/user': unauthorized(''),
  });
  assert.equal(a.outcome, c.attempt.outcome, a.message);
  assert.deepEqual(a.hops, c.attempt.hops);
  assert.equal(a.userUrl, c.attempt.userUrl);
  assert.equal(a.user?.status, c.attempt.userStatus);
  assert.deepEqual(a.links, (expected[c.attempt.linksOf]!.parse as { links: AutodiscoverLink[] }).links);
  judge('ucwa-doc', a, want.sipAddress!, want.checks!);
});

test('tmg-401-page: the reverse proxy 401 with its HTML page is an http-error and LD-AUTO-001', async () => {
  const want = expected['tmg-401-page.http'] as Expected;
  const a = await run('contoso.com', want.sipAddress!, { 'lyncdiscover.contoso.com': http('tmg-401-page.http') });
  assert.equal(a.outcome, want.attempt!.outcome, a.message);
  assert.equal(a.status, want.attempt!.status);
  for (const s of want.attempt!.messageMatches) assert.ok(a.message.includes(s), `message "${a.message}" should mention "${s}"`);
  judge('tmg-401-page', a, want.sipAddress!, want.checks!);
});

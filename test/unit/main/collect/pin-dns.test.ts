// The DNS collector's rules, input → output without a network: the CNAME walk and what it asks (a fake
// client answers from a table), the inside/outside verdict, and the section status and sentence.
// Expected values from DNS semantics (RFC 1034 §3.6.2 CNAME chains; NXDOMAIN/NODATA are answers, a
// timeout/SERVFAIL/REFUSED is not) and the README "What is collected" rules, written before running.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judgeDnsSection, judgeLocation, MAX_CNAME_HOPS, resolveName } from '../../../../main/collect/dns';
import type { DnsClient } from '../../../../main/collect/dns-query';
import type { DnsNameResolution, DnsOutcome, DnsQuery, DnsRecordType, DnsSection, SrvResolution } from '../../../../main/model/dns';
import { name, srv } from '../../../helpers/snapshot';

type Table = Record<string, { outcome: DnsOutcome; answers?: string[] }>;

/** A client answering `type name` from the table (anything else: NXDOMAIN), recording what was asked. */
function fakeClient(table: Table): { client: DnsClient; asked: string[] } {
  const asked: string[] = [];
  const client = {
    async query(qname: string, type: DnsRecordType): Promise<DnsQuery> {
      asked.push(`${type} ${qname}`);
      const r = table[`${type} ${qname}`] ?? { outcome: 'nxdomain' as const };
      return { name: qname, type, outcome: r.outcome, answers: r.answers ?? [], durationMs: 1 };
    },
  } as unknown as DnsClient;
  return { client, asked };
}

const H = 'lyncdiscover.contoso.com';
const ANSWER = (...answers: string[]) => ({ outcome: 'answer' as const, answers });
const NODATA = { outcome: 'nodata' as const };

// CNAME/A/AAAA answers → the resolution and the questions asked, in order (A and AAAA asked together).
const WALKS: ReadonlyArray<readonly [string, Table, Omit<DnsNameResolution, 'role' | 'name'>, string[]]> = [
  ['address, no CNAME (NODATA)', { [`CNAME ${H}`]: NODATA, [`A ${H}`]: ANSWER('192.0.2.10'), [`AAAA ${H}`]: NODATA }, { cnameChain: [], addresses: ['192.0.2.10'], outcome: 'answer' }, [`CNAME ${H}`, `A ${H}`, `AAAA ${H}`]],
  ['CNAME answered with no record (answer, empty) is the end of the chain', { [`CNAME ${H}`]: ANSWER(), [`A ${H}`]: ANSWER('192.0.2.10'), [`AAAA ${H}`]: ANSWER('2001:db8::a') }, { cnameChain: [], addresses: ['192.0.2.10', '2001:db8::a'], outcome: 'answer' }, [`CNAME ${H}`, `A ${H}`, `AAAA ${H}`]],
  [
    'two CNAME hops, then A and AAAA of the last name only',
    { [`CNAME ${H}`]: ANSWER('web.contoso.net'), 'CNAME web.contoso.net': ANSWER('edge.contoso.org'), 'CNAME edge.contoso.org': NODATA, 'A edge.contoso.org': ANSWER('198.51.100.7'), 'AAAA edge.contoso.org': NODATA },
    { cnameChain: ['web.contoso.net', 'edge.contoso.org'], addresses: ['198.51.100.7'], outcome: 'answer' },
    [`CNAME ${H}`, 'CNAME web.contoso.net', 'CNAME edge.contoso.org', 'A edge.contoso.org', 'AAAA edge.contoso.org'],
  ],
  ['no address: both NODATA → nodata', { [`CNAME ${H}`]: NODATA, [`A ${H}`]: NODATA, [`AAAA ${H}`]: NODATA }, { cnameChain: [], addresses: [], outcome: 'nodata' }, [`CNAME ${H}`, `A ${H}`, `AAAA ${H}`]],
  ['no address: A answered empty → nodata', { [`CNAME ${H}`]: NODATA, [`A ${H}`]: ANSWER(), [`AAAA ${H}`]: NODATA }, { cnameChain: [], addresses: [], outcome: 'nodata' }, [`CNAME ${H}`, `A ${H}`, `AAAA ${H}`]],
  ['no address: A NXDOMAIN → nxdomain', { [`CNAME ${H}`]: NODATA, [`A ${H}`]: { outcome: 'nxdomain' }, [`AAAA ${H}`]: { outcome: 'nxdomain' } }, { cnameChain: [], addresses: [], outcome: 'nxdomain' }, [`CNAME ${H}`, `A ${H}`, `AAAA ${H}`]],
  ['no address: AAAA timed out → timeout, not "no record"', { [`CNAME ${H}`]: NODATA, [`A ${H}`]: NODATA, [`AAAA ${H}`]: { outcome: 'timeout' } }, { cnameChain: [], addresses: [], outcome: 'timeout' }, [`CNAME ${H}`, `A ${H}`, `AAAA ${H}`]],
  ['no address: A SERVFAIL, AAAA REFUSED → the first failure (servfail)', { [`CNAME ${H}`]: NODATA, [`A ${H}`]: { outcome: 'servfail' }, [`AAAA ${H}`]: { outcome: 'refused' } }, { cnameChain: [], addresses: [], outcome: 'servfail' }, [`CNAME ${H}`, `A ${H}`, `AAAA ${H}`]],
  ['an address wins over a failed AAAA', { [`CNAME ${H}`]: NODATA, [`A ${H}`]: ANSWER('192.0.2.10'), [`AAAA ${H}`]: { outcome: 'timeout' } }, { cnameChain: [], addresses: ['192.0.2.10'], outcome: 'answer' }, [`CNAME ${H}`, `A ${H}`, `AAAA ${H}`]],
  ['the CNAME question times out → timeout, no address asked', { [`CNAME ${H}`]: { outcome: 'timeout' } }, { cnameChain: [], addresses: [], outcome: 'timeout' }, [`CNAME ${H}`]],
  // A server that replied to the CNAME question, even with NXDOMAIN/REFUSED/SERVFAIL, is still asked for the address:
  // dnsmasq's --address names say NXDOMAIN (with --local) or REFUSED to CNAME and answer A (test/fixtures/dns/real).
  ['the CNAME question NXDOMAIN, A and AAAA NXDOMAIN → nxdomain', { [`CNAME ${H}`]: { outcome: 'nxdomain' } }, { cnameChain: [], addresses: [], outcome: 'nxdomain' }, [`CNAME ${H}`, `A ${H}`, `AAAA ${H}`]],
  ['the CNAME question NXDOMAIN, A answers → the address (dnsmasq --address with --local)', { [`CNAME ${H}`]: { outcome: 'nxdomain' }, [`A ${H}`]: ANSWER('192.0.2.10') }, { cnameChain: [], addresses: ['192.0.2.10'], outcome: 'answer' }, [`CNAME ${H}`, `A ${H}`, `AAAA ${H}`]],
  ['the CNAME question REFUSED, A answers, AAAA REFUSED → the address (dnsmasq --address alone)', { [`CNAME ${H}`]: { outcome: 'refused' }, [`A ${H}`]: ANSWER('192.0.2.10'), [`AAAA ${H}`]: { outcome: 'refused' } }, { cnameChain: [], addresses: ['192.0.2.10'], outcome: 'answer' }, [`CNAME ${H}`, `A ${H}`, `AAAA ${H}`]],
  ['the CNAME question SERVFAIL, A and AAAA SERVFAIL → servfail', { [`CNAME ${H}`]: { outcome: 'servfail' }, [`A ${H}`]: { outcome: 'servfail' }, [`AAAA ${H}`]: { outcome: 'servfail' } }, { cnameChain: [], addresses: [], outcome: 'servfail' }, [`CNAME ${H}`, `A ${H}`, `AAAA ${H}`]],
  ['the CNAME question unreachable → unreachable, no address asked', { [`CNAME ${H}`]: { outcome: 'unreachable' } }, { cnameChain: [], addresses: [], outcome: 'unreachable' }, [`CNAME ${H}`]],
  ['the CNAME question a bad reply (error) → error, no address asked', { [`CNAME ${H}`]: { outcome: 'error' } }, { cnameChain: [], addresses: [], outcome: 'error' }, [`CNAME ${H}`]],
  [
    'a hop fails (unreachable) after one CNAME → unreachable, the chain so far kept',
    { [`CNAME ${H}`]: ANSWER('web.contoso.net'), 'CNAME web.contoso.net': { outcome: 'unreachable' } },
    { cnameChain: ['web.contoso.net'], addresses: [], outcome: 'unreachable' },
    [`CNAME ${H}`, 'CNAME web.contoso.net'],
  ],
  [
    'a CNAME loop back to the first name → loop, error, nothing more asked',
    { [`CNAME ${H}`]: ANSWER('web.contoso.net'), 'CNAME web.contoso.net': ANSWER(H) },
    { cnameChain: ['web.contoso.net', H], chainProblem: 'loop', addresses: [], outcome: 'error' },
    [`CNAME ${H}`, 'CNAME web.contoso.net'],
  ],
  ['a CNAME to itself → loop', { [`CNAME ${H}`]: ANSWER(H) }, { cnameChain: [H], chainProblem: 'loop', addresses: [], outcome: 'error' }, [`CNAME ${H}`]],
];

for (const [label, table, want, asked] of WALKS) {
  test(`resolveName: ${label}`, async () => {
    const f = fakeClient(table);
    const r = await resolveName(f.client, 'lyncdiscover', H);
    assert.deepEqual(r, { role: 'lyncdiscover', name: H, ...want });
    assert.deepEqual(f.asked, asked);
  });
}

/** A chain of `hops` CNAMEs c1…cN, the last with an address. */
function chain(hops: number): Table {
  const t: Table = {};
  let prev = H;
  for (let i = 1; i <= hops; i++) {
    t[`CNAME ${prev}`] = ANSWER(`c${i}.contoso.net`);
    prev = `c${i}.contoso.net`;
  }
  t[`CNAME ${prev}`] = NODATA;
  t[`A ${prev}`] = ANSWER('192.0.2.99');
  return t;
}

test(`resolveName: exactly ${MAX_CNAME_HOPS} CNAME hops are followed to the address`, async () => {
  assert.equal(MAX_CNAME_HOPS, 8);
  const r = await resolveName(fakeClient(chain(8)).client, 'sip', H);
  assert.deepEqual(r.addresses, ['192.0.2.99']);
  assert.equal(r.cnameChain.length, 8);
  assert.equal(r.outcome, 'answer');
  assert.equal(r.chainProblem, undefined);
});

test('resolveName: 9 CNAME hops → too-long, error, the address never asked', async () => {
  const f = fakeClient(chain(9));
  const r = await resolveName(f.client, 'sip', H);
  assert.deepEqual(r, { role: 'sip', name: H, cnameChain: ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9'].map((c) => `${c}.contoso.net`), chainProblem: 'too-long', addresses: [], outcome: 'error' });
  assert.equal(f.asked.length, 9);
  assert.ok(f.asked.every((q) => q.startsWith('CNAME ')));
});

test('resolveName: the loop guard compares names case-insensitively for the first name', async () => {
  const r = await resolveName(fakeClient({ [`CNAME ${H.toUpperCase()}`]: ANSWER('web.contoso.net'), 'CNAME web.contoso.net': ANSWER(H) }).client, 'lyncdiscover', H.toUpperCase());
  assert.equal(r.chainProblem, 'loop');
});

// Which records answer → location and reason (README: inside when any internal record answers).
const addr = (role: DnsNameResolution['role'], label: string) => name(role, `${label}.contoso.com`, ['192.0.2.1']);
const none = (role: DnsNameResolution['role'], label: string, outcome: DnsOutcome = 'nxdomain') => name(role, `${label}.contoso.com`, [], [], { outcome });
const SRV_INT = srv('sipinternaltls', '_sipinternaltls._tcp.contoso.com', [['pool.contoso.com', 5061]]);
const SRV_EXT = srv('sip-tls', '_sip._tls.contoso.com', [['sip.contoso.com', 443]]);
const SRV_FED = srv('sipfederationtls', '_sipfederationtls._tcp.contoso.com', [['sip.contoso.com', 5061]]);
const srvNone = (role: SrvResolution['role'], outcome: DnsOutcome = 'nxdomain'): SrvResolution => ({ role, name: `${role}.contoso.com`, outcome, records: [] });

const LOCATIONS: ReadonlyArray<readonly [string, DnsNameResolution[], SrvResolution[], string, string]> = [
  ['lyncdiscoverinternal only', [addr('lyncdiscoverinternal', 'lyncdiscoverinternal')], [], 'inside', 'internal records answer: lyncdiscoverinternal'],
  ['sipinternal only', [addr('sipinternal', 'sipinternal')], [], 'inside', 'internal records answer: sipinternal'],
  ['_sipinternaltls._tcp only', [], [SRV_INT], 'inside', 'internal records answer: _sipinternaltls._tcp'],
  ['every internal record and every external one', [addr('lyncdiscoverinternal', 'lyncdiscoverinternal'), addr('lyncdiscover', 'lyncdiscover'), addr('sipinternal', 'sipinternal'), addr('sip', 'sip')], [SRV_INT, SRV_EXT], 'inside', 'internal records answer: lyncdiscoverinternal, sipinternal, _sipinternaltls._tcp'],
  ['lyncdiscover only', [addr('lyncdiscover', 'lyncdiscover'), none('lyncdiscoverinternal', 'lyncdiscoverinternal')], [], 'outside', 'only external records answer (lyncdiscover); no internal record does'],
  ['sip only', [addr('sip', 'sip')], [], 'outside', 'only external records answer (sip); no internal record does'],
  ['sipexternal only', [addr('sipexternal', 'sipexternal')], [], 'outside', 'only external records answer (sipexternal); no internal record does'],
  ['_sip._tls only', [], [SRV_EXT], 'outside', 'only external records answer (_sip._tls); no internal record does'],
  ['every external record', [addr('lyncdiscover', 'lyncdiscover'), addr('sip', 'sip'), addr('sipexternal', 'sipexternal')], [SRV_EXT, srvNone('sipinternaltls')], 'outside', 'only external records answer (lyncdiscover, sip, sipexternal, _sip._tls); no internal record does'],
  ['only _sipfederationtls._tcp (neither inside nor outside evidence)', [none('lyncdiscover', 'lyncdiscover')], [SRV_FED], 'unknown', 'no discovery record exists'],
  ['an SRV target answering is not a discovery record', [addr('srv-target', 'pool')], [], 'unknown', 'no discovery record exists'],
  ['nothing exists (NXDOMAIN/NODATA everywhere)', [none('lyncdiscover', 'lyncdiscover'), none('sip', 'sip', 'nodata')], [srvNone('sip-tls', 'nodata')], 'unknown', 'no discovery record exists'],
  ['nothing answered and a name timed out', [none('lyncdiscover', 'lyncdiscover'), none('sipinternal', 'sipinternal', 'timeout')], [], 'unknown', 'no discovery record answered, and some could not be asked'],
  ['nothing answered and an SRV question was refused', [none('lyncdiscover', 'lyncdiscover')], [srvNone('sipinternaltls', 'refused')], 'unknown', 'no discovery record answered, and some could not be asked'],
  ['nothing asked at all', [], [], 'unknown', 'no discovery record exists'],
];
for (const [label, names, srvs, location, reason] of LOCATIONS) {
  test(`judgeLocation: ${label} → ${location}`, () => {
    assert.deepEqual(judgeLocation(names, srvs), { location, reason });
  });
}

// Queries' outcomes → status and sentence.
const q = (outcome: DnsOutcome): DnsQuery => ({ name: 'x.contoso.com', type: 'A', outcome, answers: outcome === 'answer' ? ['192.0.2.1'] : [], durationMs: 1 });
const section = (outcomes: DnsOutcome[], location: DnsSection['location'] = 'outside', server: string | null = '127.0.0.1:53', reason = 'r'): DnsSection => ({
  domain: 'contoso.com',
  server,
  names: [],
  srv: [],
  srvTargets: [],
  location,
  locationReason: reason,
  queries: outcomes.map(q),
});
const SECTIONS: ReadonlyArray<readonly [string, DnsSection, string, string]> = [
  ['all answered', section(['answer', 'answer']), 'ok', '2/2 queries returned records (the rest: no such record); the PC looks outside the corporate network'],
  ['answers and NXDOMAIN/NODATA (facts)', section(['answer', 'nxdomain', 'nodata'], 'inside'), 'ok', '1/3 queries returned records (the rest: no such record); the PC looks inside the corporate network'],
  ['only NXDOMAIN, location unknown with its reason', section(['nxdomain'], 'unknown', null, 'no discovery record exists'), 'ok', '0/1 queries returned records (the rest: no such record); network location unknown (no discovery record exists)'],
  ['one of three timed out', section(['answer', 'nxdomain', 'timeout']), 'partial', '1/3 queries returned records; 1 could not be asked: 127.0.0.1:53 did not answer in time for 1 of 3 queries; the PC looks outside the corporate network'],
  ['partial with unknown location', section(['nxdomain', 'servfail'], 'unknown', '127.0.0.1:53', 'why'), 'partial', '0/2 queries returned records; 1 could not be asked: 127.0.0.1:53 answered SERVFAIL (it could not resolve the name) for 1 of 2 queries; network location unknown (why)'],
  ['every query timed out', section(['timeout', 'timeout'], 'unknown'), 'timeout', "DNS could not be asked: no answer from 127.0.0.1:53 within 5000 ms — check the PC's DNS settings or VPN, or pass --dns-server"],
  ['every query timed out, system servers', section(['timeout'], 'unknown', null), 'timeout', "DNS could not be asked: no answer from the system DNS servers within 5000 ms — check the PC's DNS settings or VPN, or pass --dns-server"],
  ['every query refused or unreachable', section(['refused', 'unreachable', 'refused'], 'unknown'), 'error', "DNS could not be asked: 127.0.0.1:53 answered REFUSED (it will not resolve for this PC) for 2 of 3 queries; refused the connection (nothing listens there) for 1 of 3 queries — check the PC's DNS settings or VPN, or pass --dns-server"],
  ['timeouts and a refusal (not all timeouts) → error', section(['timeout', 'refused'], 'unknown'), 'error', "DNS could not be asked: 127.0.0.1:53 did not answer in time for 1 of 2 queries; answered REFUSED (it will not resolve for this PC) for 1 of 2 queries — check the PC's DNS settings or VPN, or pass --dns-server"],
  ['no queries at all', section([], 'unknown', null, 'no discovery record exists'), 'ok', '0/0 queries returned records (the rest: no such record); network location unknown (no discovery record exists)'],
];
for (const [label, data, status, message] of SECTIONS) {
  test(`judgeDnsSection: ${label} → ${status}`, () => {
    assert.deepEqual(judgeDnsSection(data, 5000), { status, message });
  });
}

// The DNS collector end to end against a real DNS server on loopback (test/helpers/dns-server): which role
// each discovery name gets (the inside/outside verdict reads roles), the raw query list kept for the bundle,
// the progress line, and the section status. Expected values from the zone written in the test.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { dnsCollector } from '../../../../main/collect/dns';
import type { CollectorContext } from '../../../../main/collect/types';
import type { DnsSection } from '../../../../main/model/dns';
import { healthyZone, startDnsLab, type DnsLab } from '../../../helpers/dns-server';

const labs: DnsLab[] = [];
after(() => Promise.all(labs.map((l) => l.close())));

test('healthy zone: roles per name, inside, raw query list, progress and status', async () => {
  const lab = await startDnsLab({ records: healthyZone('contoso.com') });
  labs.push(lab);
  const raw: Array<[string, string]> = [];
  const progress: string[] = [];
  const ctx = {
    input: { sipAddress: 'alice@contoso.com', sipDomain: 'contoso.com', dnsServer: lab.address, timeoutMs: 3000 },
    signal: new AbortController().signal,
    deadline: Date.now() + 3000,
    raw: (name: string, text: string) => raw.push([name, text]),
    progress: (m: string) => progress.push(m),
  } as unknown as CollectorContext;
  const r = await dnsCollector.collect(ctx);
  const d = r.data as DnsSection;
  assert.deepEqual(d.names.map((x) => [x.role, x.name, x.addresses]), [
    ['lyncdiscoverinternal', 'lyncdiscoverinternal.contoso.com', ['127.0.10.10']],
    ['lyncdiscover', 'lyncdiscover.contoso.com', ['127.0.20.10']],
    ['sipinternal', 'sipinternal.contoso.com', ['127.0.10.11']],
    ['sip', 'sip.contoso.com', ['127.0.20.11']],
    ['sipexternal', 'sipexternal.contoso.com', []],
  ]);
  assert.deepEqual(d.srvTargets.map((x) => [x.role, x.name]), [['srv-target', 'pool01.contoso.com'], ['srv-target', 'sip.contoso.com']]);
  assert.equal(d.location, 'inside');
  assert.equal(d.domain, 'contoso.com');
  assert.equal(d.server, lab.address);
  assert.deepEqual(progress, ['querying discovery records for contoso.com']);
  assert.equal(raw.length, 1);
  assert.equal(raw[0]![0], 'dns-queries.txt');
  const rows = raw[0]![1].split('\n');
  assert.equal(rows.length, d.queries.length);
  assert.ok(rows.some((l) => /^lyncdiscoverinternal\.contoso\.com\tA\tanswer\t127\.0\.10\.10\t\d+ms$/.test(l)), 'name, type, outcome, answers, duration, tab-separated');
  assert.match(rows.find((l) => l.startsWith('sipexternal.contoso.com\tCNAME\t'))!, /^sipexternal\.contoso\.com\tCNAME\tnxdomain\t\t\d+ms$/);
  assert.equal(r.status, 'ok');
  assert.match(r.message, /^\d+\/\d+ queries returned records \(the rest: no such record\); the PC looks inside the corporate network$/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DnsSection } from '../../../../main/model/dns';
import { parseServerOverride, targetsFromDns } from '../../../../main/sip/targets';
import { name, srv } from '../../../helpers/snapshot';

const dns = (parts: Partial<DnsSection>): DnsSection => ({ domain: 'contoso.com', server: null, names: [], srv: [], srvTargets: [], location: 'unknown', locationReason: '', queries: [], ...parts });

test('client order: internal SRV, external SRV, then sipinternal/sip/sipexternal; unresolved and duplicates dropped', () => {
  const t = targetsFromDns(
    dns({
      srv: [srv('sip-tls', '_sip._tls.contoso.com', [['sip.contoso.com', 443]]), srv('sipinternaltls', '_sipinternaltls._tcp.contoso.com', [['pool01.contoso.com', 5061], ['gone.contoso.com', 5061]])],
      srvTargets: [name('srv-target', 'pool01.contoso.com', ['10.0.0.12']), name('srv-target', 'sip.contoso.com', ['192.0.2.11']), name('srv-target', 'gone.contoso.com', [])],
      names: [name('sipinternal', 'sipinternal.contoso.com', ['10.0.0.11']), name('sip', 'sip.contoso.com', ['192.0.2.11']), name('sipexternal', 'sipexternal.contoso.com', [])],
    }),
  );
  assert.deepEqual(
    t.map((x) => `${x.source} ${x.host}:${x.port}`),
    ['srv-internal pool01.contoso.com:5061', 'srv-external sip.contoso.com:443', 'host sipinternal.contoso.com:5061', 'host sip.contoso.com:5061'],
  );
  assert.deepEqual(targetsFromDns(dns({})), []);
});

test('--server parsing', () => {
  assert.deepEqual(parseServerOverride('sip.contoso.com:443'), { host: 'sip.contoso.com', port: 443 });
  assert.deepEqual(parseServerOverride('10.0.0.5'), { host: '10.0.0.5', port: 5061 });
  assert.deepEqual(parseServerOverride('[::1]:5061'), { host: '::1', port: 5061 });
  for (const bad of ['', 'a b', 'host:0', 'host:99999', 'http://x']) assert.throws(() => parseServerOverride(bad), /host:port|out of range/, bad);
});

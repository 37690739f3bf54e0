import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endpointsFromDns, isOnline, withAutodiscoverHosts } from '../../../../main/collect/proxy-endpoints';
import { endpointKey } from '../../../../main/model/proxy';
import { attempt, dnsData } from '../../../helpers/network-snapshot';
import { name, srv } from '../../../helpers/snapshot';

test('resolved discovery names, SRV targets with their ports, roles merged per host:port', () => {
  const d = dnsData({
    names: [name('lyncdiscover', 'lyncdiscover.contoso.com', ['192.0.2.1']), name('lyncdiscoverinternal', 'lyncdiscoverinternal.contoso.com'), name('sip', 'sip.contoso.com', ['192.0.2.2'])],
    srv: [srv('sip-tls', '_sip._tls.contoso.com', [['sip.contoso.com', 443]]), srv('sipinternaltls', '_sipinternaltls._tcp.contoso.com', [['pool.contoso.com', 5061]]), srv('sipfederationtls', '_sipfederationtls._tcp.contoso.com', [['gone.contoso.com', 5061]])],
    srvTargets: [name('srv-target', 'sip.contoso.com', ['192.0.2.2']), name('srv-target', 'pool.contoso.com', ['10.0.0.2']), name('srv-target', 'gone.contoso.com')],
  });
  const e = endpointsFromDns(d, 'contoso.com');
  const keys = e.map(endpointKey).sort();
  assert.deepEqual(keys, ['autodiscover.contoso.com:443', 'lyncdiscover.contoso.com:443', 'pool.contoso.com:5061', 'sip.contoso.com:443']);
  assert.deepEqual(e.find((x) => x.host === 'sip.contoso.com')?.roles, ['sip', 'sip-srv']);
  assert.equal(e.find((x) => x.host === 'autodiscover.contoso.com')?.probe, false);
  assert.equal(e.find((x) => x.host === 'pool.contoso.com')?.protocol, 'sip-tls');
});

test('--connect-to hosts count as resolved; no dns section still yields the Exchange host', () => {
  const d = dnsData({ names: [name('lyncdiscover', 'lyncdiscover.contoso.com')] });
  assert.ok(endpointsFromDns(d, 'contoso.com', ['lyncdiscover.contoso.com']).some((x) => x.host === 'lyncdiscover.contoso.com'));
  assert.deepEqual(endpointsFromDns(undefined, 'contoso.com').map(endpointKey), ['autodiscover.contoso.com:443']);
});

test('Office 365 domains add the sign-in hosts (route only)', () => {
  const d = dnsData({ names: [name('lyncdiscover', 'lyncdiscover.contoso.com', ['52.112.0.1'], ['webdir.online.lync.com'])] });
  assert.ok(isOnline(d));
  const e = endpointsFromDns(d, 'contoso.com');
  assert.ok(e.some((x) => x.host === 'login.microsoftonline.com' && !x.probe && x.roles.includes('office365')));
  assert.ok(!isOnline(dnsData({ names: [name('sip', 'sip.notlync.com', ['1.1.1.1'])] })));
});

test('autodiscover link hosts become web-services endpoints (https only, port kept)', () => {
  const a = { sipAddress: 'alice@contoso.com', attempts: [attempt({ links: [{ token: 'user', href: 'https://webext.contoso.com:4443/x' }, { token: 'xframe', href: 'http://plain.contoso.com/' }, { token: 'bad', href: '::::' }] })] };
  const e = withAutodiscoverHosts([], a);
  assert.deepEqual(e.map(endpointKey), ['webext.contoso.com:4443']);
  assert.deepEqual(e[0]?.roles, ['web-services']);
});

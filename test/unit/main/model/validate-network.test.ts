import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validate } from '../../../../main/model/schema';
import { NETWORK_SECTION_SCHEMAS } from '../../../../main/model/validate-network';
import { attempt, observation, proxyData, proxyProbe, route, tlsProbe, wininet, winhttp } from '../../../helpers/network-snapshot';

const samples = {
  proxy: proxyData({ wininet: wininet({ autoConfigUrl: 'http://wpad/p.pac' }), winhttp: winhttp(), routes: [route('lyncdiscover.contoso.com', 443, { candidates: [{ kind: 'proxy', host: 'p', port: 8080 }, { kind: 'direct' }], chosen: { kind: 'proxy', host: 'p', port: 8080 } })] }),
  proxyAuth: { probes: [proxyProbe({ outcome: 'auth-required', status: 407, authSchemes: ['NTLM'] })] },
  autodiscover: { sipAddress: 'alice@contoso.com', attempts: [attempt({ user: { status: 401, authSchemes: ['MsRtcOAuth'], message: 'x' } })] },
  tls: { trustStore: { sources: ['x'], anchors: 1, caFile: null }, probes: [tlsProbe()] },
  clock: { observations: [observation(1000)], skewMs: 1000, resolutionMs: 1000 },
};

test('the data the network collectors produce passes its schema', () => {
  for (const [id, v] of Object.entries(NETWORK_SECTION_SCHEMAS)) assert.deepEqual(validate(samples[id as keyof typeof samples], v), [], id);
});

test('tampered data is reported with its path', () => {
  const badTls = { ...samples.tls, probes: [{ ...tlsProbe(), outcome: 'owned', chain: 'x' }] };
  const issues = validate(badTls, NETWORK_SECTION_SCHEMAS.tls);
  assert.ok(issues.some((i) => i.includes('probes[0].outcome')));
  assert.ok(issues.some((i) => i.includes('probes[0].chain')));
  assert.ok(validate({ ...samples.proxy, routes: [{ ...route('a', 1), chosen: { kind: 'teleport' } }] }, NETWORK_SECTION_SCHEMAS.proxy).length > 0);
  assert.ok(validate({ observations: [], skewMs: 'late', resolutionMs: 1000 }, NETWORK_SECTION_SCHEMAS.clock).length > 0);
});

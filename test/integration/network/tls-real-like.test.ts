/**
 * TLS probes against real loopback servers presenting the openssl-made lab PKI (test/fixtures/tls/real-like,
 * verdicts in openssl-verify.txt): SHA-1 intermediate, 1024-bit RSA leaf, no-SAN leaf, EC leaf, unknown root,
 * missing intermediate — then the TLS checks judge the recorded probe as a technician would read it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { noSubjectAltName, untrustedChain, untrustedRoot, weakRsaKey, weakSignature } from '../../../main/checks/tls';
import { probeTls } from '../../../main/collect/tls';
import { trustStore } from '../../../main/collect/tls-chain';
import type { NetworkEndpoint } from '../../../main/model/proxy';
import type { TlsProbe } from '../../../main/model/tls';
import type { ServerCert } from '../../helpers/lab-pki';
import { testNet } from '../../helpers/net-env';
import { closeAll, startTlsServer, type LabServer } from '../../helpers/net-lab';
import { ok } from '../../helpers/network-snapshot';
import { baseSnapshot } from '../../helpers/snapshot';

const dir = join(__dirname, '..', '..', 'fixtures', 'tls', 'real-like');
const pem = (n: string): string => readFileSync(join(dir, `${n}.pem`), 'utf8');
const servers: LabServer[] = [];
after(() => closeAll(servers));

/** A server chain from the committed PEMs (leaf first). */
function chain(leaf: string, ...more: string[]): ServerCert {
  return { certPems: [pem(leaf), ...more.map(pem)], keyPem: pem(`${leaf}-key`), leaf: undefined as never };
}

async function probe(cert: ServerCert, host: string, roots: readonly string[] = [pem('root')]): Promise<TlsProbe> {
  // SECLEVEL=0 so this OpenSSL agrees to serve SHA-1 and 1024-bit material at all (real old servers do)
  const s = await startTlsServer({ cert, ciphers: 'DEFAULT@SECLEVEL=0' });
  servers.push(s);
  const { env, scope } = testNet({ timeoutMs: 4000, connectTo: [`${host}:443:127.0.0.1:${s.port}`] });
  const e: NetworkEndpoint = { host, port: 443, protocol: 'https', roles: ['web-services'], addresses: [], probe: true };
  try {
    return (await probeTls(env, e, { kind: 'direct' }, trustStore(null, roots), 4000)).probe;
  } finally {
    scope.close();
  }
}

const snap = (p: TlsProbe) => baseSnapshot({ tls: ok<'tls'>({ trustStore: { sources: ['lab'], anchors: 1, caFile: null }, probes: [p] }) });
const env = { now: new Date() };

test('good chain: recorded with SHA-256 signatures and 2048-bit RSA keys; no weakness finding', async () => {
  const p = await probe(chain('leaf-good', 'int-sha256'), 'good.lab.test');
  assert.equal(p.outcome, 'ok', p.message);
  assert.equal(p.trust?.trusted, true);
  assert.equal(p.chain[0]?.signatureAlgorithm, 'sha256WithRSAEncryption');
  assert.equal(p.chain[0]?.keyType, 'rsa');
  assert.equal(p.chain[0]?.keyBits, 2048);
  for (const c of [weakSignature, weakRsaKey, noSubjectAltName, untrustedRoot, untrustedChain]) assert.deepEqual(c.evaluate(snap(p), env), [], c.id);
});

test('SHA-1-signed intermediate (openssl: "CA signature digest algorithm too weak"): LD-TLS-011 names the intermediate', async () => {
  const p = await probe(chain('leaf-sha1int', 'int-sha1'), 'sha1int.lab.test');
  assert.equal(p.outcome, 'ok', p.message);
  assert.equal(p.chain[1]?.signatureAlgorithm, 'sha1WithRSAEncryption');
  const f = weakSignature.evaluate(snap(p), env);
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /intermediate LD Lab SHA-1 Issuing CA is signed with sha1WithRSAEncryption/);
});

test('1024-bit RSA leaf (openssl level 2: "EE certificate key too weak"): LD-TLS-012 warns', async () => {
  const p = await probe(chain('leaf-rsa1024', 'int-sha256'), 'rsa1024.lab.test');
  assert.equal(p.outcome, 'ok', p.message);
  assert.equal(p.chain[0]?.keyBits, 1024);
  const f = weakRsaKey.evaluate(snap(p), env);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'warning');
});

test('leaf without SAN: LD-TLS-013 (the CN covers the host, so Windows would accept it)', async () => {
  const p = await probe(chain('leaf-nosan', 'int-sha256'), 'nosan.lab.test');
  assert.deepEqual(p.chain[0]?.dnsNames, []);
  const [f] = noSubjectAltName.evaluate(snap(p), env);
  assert.match(f!.message, /Windows client accepts it/);
});

test('EC P-256 leaf: key read by node:crypto (node-forge cannot), no RSA finding', async () => {
  const p = await probe(chain('leaf-ec', 'int-sha256'), 'ec.lab.test');
  assert.equal(p.outcome, 'ok', p.message);
  assert.equal(p.chain[0]?.keyType, 'ec');
  assert.equal(p.chain[0]?.keyCurve, 'prime256v1');
  assert.equal(p.chain[0]?.keyBits, 256);
  assert.equal(p.trust?.trusted, true);
  assert.deepEqual(weakRsaKey.evaluate(snap(p), env), []);
});

test('root unknown to the trust store, intermediate sent: untrusted root (LD-TLS-010), not an incomplete chain', async () => {
  const p = await probe(chain('leaf-good', 'int-sha256'), 'good.lab.test', []);
  assert.equal(p.trust?.problem, 'untrusted-root');
  assert.equal(p.trust?.rootSent, false);
  assert.equal(p.trust?.missingIssuer, 'O=Lync Doctor Lab, CN=LD Lab Root CA');
  assert.equal(untrustedRoot.evaluate(snap(p), env).length, 1);
  assert.deepEqual(untrustedChain.evaluate(snap(p), env), []);
});

test('intermediate not sent (openssl: "unable to get local issuer certificate" at depth 0): incomplete chain (LD-TLS-004)', async () => {
  const p = await probe(chain('leaf-good'), 'good.lab.test');
  assert.equal(p.trust?.problem, 'issuer-missing');
  assert.equal(untrustedChain.evaluate(snap(p), env).length, 1);
  assert.deepEqual(untrustedRoot.evaluate(snap(p), env), []);
});

test('intermediate given with --ca-file: trusted through a CA that is not a root (anchorIsRoot false)', async () => {
  const p = await probe(chain('leaf-good'), 'good.lab.test', [pem('int-sha256')]);
  assert.equal(p.trust?.trusted, true);
  assert.equal(p.trust?.anchorIsRoot, false);
});

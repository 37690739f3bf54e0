/** The SIP probe's connection options are read like the other probes': --connect-to rules, --ca-file roots, --proxy. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { rootCertificates } from 'node:tls';
import { caFileCertificates, probeConnectOptions } from '../../../../main/collect/sip';
import { mapConnect } from '../../../../main/sip/connect';
import { makeCert } from '../../../helpers/forge-certs';

const dir = mkdtempSync(join(tmpdir(), 'ld-sip-ca-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const input = { sipAddress: 'a@contoso.com', sipDomain: 'contoso.com', dnsServer: null, timeoutMs: 1000 };

test('--ca-file: PEM blocks are added to the public roots; an empty, missing or huge file is a stated problem', async () => {
  const root = makeCert({ subjectCN: 'Contoso Root', ca: true });
  const file = join(dir, 'roots.pem');
  writeFileSync(file, `comment line\n${root.pem}\n`);
  const { connect, problems } = await probeConnectOptions({ ...input, caFile: file });
  assert.deepEqual(problems, []);
  assert.equal(connect.ca?.length, rootCertificates.length + 1);
  assert.equal(connect.ca?.at(-1)?.trim(), root.pem.trim());
  writeFileSync(join(dir, 'empty.pem'), 'nothing here');
  assert.equal((await caFileCertificates(join(dir, 'empty.pem'))).problem, `${join(dir, 'empty.pem')} holds no PEM certificate`);
  assert.match((await caFileCertificates(join(dir, 'missing.pem'))).problem ?? '', /could not be read: ENOENT/);
  writeFileSync(join(dir, 'huge.pem'), Buffer.alloc(1024 * 1024 + 1, 65));
  assert.equal((await caFileCertificates(join(dir, 'huge.pem'))).problem, `${join(dir, 'huge.pem')} is larger than 1048576 bytes`);
});

test('--connect-to and --proxy: parsed as the CLI parses them; mapping is by host (any case) and port', async () => {
  const { connect, problems } = await probeConnectOptions({ ...input, connectTo: ['SIP.contoso.com:5061:127.0.0.1:15061', 'bad'], proxy: 'http://127.0.0.1:3128' });
  assert.deepEqual(connect.connectTo, [{ host: 'sip.contoso.com', port: 5061, toHost: '127.0.0.1', toPort: 15061 }]);
  assert.equal(problems.length, 1);
  assert.match(problems[0]!, /^--connect-to bad: "bad" is not HOST:PORT:ADDRESS:PORT/);
  assert.deepEqual(connect.proxy, { host: '127.0.0.1', port: 3128 });
  assert.equal(connect.ca, undefined, 'no --ca-file: Node\'s roots (the default)');
  assert.deepEqual(mapConnect(connect.connectTo, 'Sip.Contoso.com', 5061), { address: '127.0.0.1', port: 15061 });
  assert.equal(mapConnect(connect.connectTo, 'sip.contoso.com', 443), null);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ApiError } from '../../../../main/api/dispatch';
import { createRuns, inputForRequest } from '../../../../main/api/runs';
import { collectorsForSymptom } from '../../../../main/api/symptoms';
import { articleLookup } from '../../../../main/kb/lookup';
import { stageUploads } from '../../../../main/api/uploads';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUAA==\n-----END CERTIFICATE-----\n';

test('picked logs and a CA file are staged privately, named without folders, then removed', async (t) => {
  const base = mkdtempSync(join(tmpdir(), 'ld-upl-'));
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const s = await stageUploads({ logs: [{ fileName: 'Lync-UccApi-0.UccApilog', text: 'log line' }, { fileName: '..', text: 'x' }], caPem: { fileName: 'root.pem', text: PEM } }, base);
  assert.equal(s.logFiles.length, 2);
  assert.equal(readFileSync(s.logFiles[0]!, 'utf8'), 'log line');
  assert.match(s.logFiles[0]!, /1-Lync-UccApi-0\.UccApilog$/);
  assert.equal(dirname(s.logFiles[1]!), dirname(s.logFiles[0]!), '".." stays inside the staging folder');
  assert.equal(readFileSync(s.caFile!, 'utf8'), PEM);
  if (process.platform !== 'win32') assert.equal(statSync(dirname(s.caFile!)).mode & 0o777, 0o700);
  const input = inputForRequest({ sipAddress: 'alice@contoso.com' }, s);
  assert.deepEqual(input.logFiles, s.logFiles);
  assert.equal(input.caFile, s.caFile);
  await s.cleanup();
  assert.equal(existsSync(dirname(s.caFile!)), false);
  assert.deepEqual(readdirSync(base), []);
});

test('a CA file without a certificate, with a private key, or an empty log is refused before anything is written', async (t) => {
  const base = mkdtempSync(join(tmpdir(), 'ld-upl-'));
  t.after(() => rmSync(base, { recursive: true, force: true }));
  await assert.rejects(stageUploads({ caPem: { fileName: 'x.pem', text: 'hello' } }, base), (e: unknown) => e instanceof ApiError && e.code === 'bad-request' && /no PEM certificate/.test(e.message));
  await assert.rejects(stageUploads({ caPem: { fileName: 'x.pem', text: `${PEM}-----BEGIN PRIVATE KEY-----\nAA\n-----END PRIVATE KEY-----\n` } }, base), /private key/);
  await assert.rejects(stageUploads({ logs: [{ fileName: 'a.log', text: '  \n' }] }, base), /is empty/);
  assert.deepEqual(readdirSync(base), []);
  const none = await stageUploads({}, base);
  assert.deepEqual(none.logFiles, []);
  assert.deepEqual(readdirSync(base), []);
});

test('the SIP server field follows the CLI --server rules (default port 5061) and bad values are worded for the window', () => {
  assert.equal(inputForRequest({ sipAddress: 'a@contoso.com', sipServer: 'SIP.Contoso.com' }).sipServer, 'sip.contoso.com:5061');
  assert.equal(inputForRequest({ sipAddress: 'a@contoso.com', sipServer: '[::1]:5062' }).sipServer, '[::1]:5062');
  assert.equal(inputForRequest({ sipAddress: 'a@contoso.com', sipServer: '  ' }).sipServer, undefined);
  assert.throws(() => inputForRequest({ sipAddress: 'a@contoso.com', sipServer: 'sip.contoso.com:99999' }), (e: unknown) => e instanceof ApiError && /^SIP server: port 99999/.test(e.message));
  assert.throws(() => inputForRequest({ sipAddress: 'a@contoso.com', sipServer: 'http://x/' }), (e: unknown) => e instanceof ApiError && /^SIP server: .*is not host:port/.test(e.message));
});

test('a symptom picks its collectors among those of this build; an explicit list wins', async () => {
  const mk = (id: 'dns' | 'proxy' | 'policy') => ({ id, title: id, platforms: 'all' as const, collect: async () => ({ status: 'ok' as const, message: 'fake' }) });
  const runs = createRuns({ articles: articleLookup(), collectors: [mk('dns'), mk('proxy'), mk('policy')] });
  const sections = async (req: Parameters<typeof runs.startDiagnosis>[0]): Promise<string[]> => {
    const { runId } = await runs.startDiagnosis(req);
    for (let i = 0; i < 200; i++) {
      const st = await runs.runStatus(runId, 0);
      if (st.result) return Object.keys(st.result.snapshot.sections);
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('run did not finish');
  };
  assert.deepEqual(await sections({ sipAddress: 'a@contoso.com', symptom: 'proxy-password' }), ['dns', 'proxy']);
  assert.deepEqual(await sections({ sipAddress: 'a@contoso.com', symptom: 'sign-in' }), ['dns', 'proxy', 'policy']);
  assert.deepEqual(await sections({ sipAddress: 'a@contoso.com', symptom: 'push', collectors: ['policy'] }), ['policy']);
  assert.ok(collectorsForSymptom('push').includes('autodiscover'));
  assert.ok(!collectorsForSymptom('push').includes('certificates'));
});

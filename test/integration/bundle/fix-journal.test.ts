/** The fix journal travels in a live diagnosis's bundle (raw/fix/journal.json), redacted like the rest. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_IMPORT_LIMITS } from '../../../main/bundle/format';
import { readZip } from '../../../main/bundle/zip';
import { runCli } from '../../helpers/cli';
import { healthyZone, startDnsLab } from '../../helpers/dns-server';

test('diagnose --bundle includes the journal of fixes applied on this PC; none when the journal is empty', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ld-journal-'));
  const saved = process.env.LYNC_DOCTOR_DATA_DIR;
  const lab = await startDnsLab({ records: healthyZone('contoso.com') });
  try {
    process.env.LYNC_DOCTOR_DATA_DIR = join(dir, 'data');
    const args = ['diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', lab.address, '--timeout-ms', '1500', '--json'];
    await runCli([...args, '--bundle', join(dir, 'empty.zip')]);
    const before = (await readZip(readFileSync(join(dir, 'empty.zip')), DEFAULT_IMPORT_LIMITS)).map((e) => e.name);
    assert.ok(!before.includes('raw/fix/journal.json'), 'no journal entry when nothing was applied');

    const applied = await runCli(['fix', 'flush-dns-cache', '--demo', '--yes']);
    assert.equal(applied.code, 0, applied.err + applied.out);
    await runCli([...args, '--bundle', join(dir, 'with.zip')]);
    const entries = await readZip(readFileSync(join(dir, 'with.zip')), DEFAULT_IMPORT_LIMITS);
    const journal = entries.find((e) => e.name === 'raw/fix/journal.json');
    assert.ok(journal, `entries: ${entries.map((e) => e.name).join(', ')}`);
    const parsed = JSON.parse(journal.data.toString('utf8')) as { entries: Array<{ fixId: string }> };
    assert.deepEqual(parsed.entries.map((e) => e.fixId), ['flush-dns-cache']);
  } finally {
    if (saved === undefined) delete process.env.LYNC_DOCTOR_DATA_DIR;
    else process.env.LYNC_DOCTOR_DATA_DIR = saved;
    await lab.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * Pseudonymisation driven by the Snapshot: identities the Snapshot names — a domain under a new gTLD
 * (.bank, .lync-lab), single-label hosts from NO_PROXY and bypass lists, the user in a PAC URL, DOMAIN\user
 * in a proxy value — are replaced everywhere, including zip entry names, the manifest and the report's entry
 * list. Hand-written identities (labelled as such).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportBundle } from '../../../../main/bundle/export';
import { DEFAULT_IMPORT_LIMITS } from '../../../../main/bundle/format';
import { readZip } from '../../../../main/bundle/zip';
import type { RawArtifact, Sections } from '../../../../main/model/snapshot';
import { baseSnapshot, dnsSection, name } from '../../../helpers/snapshot';

/** Identities that must not survive (lower-case; searched case-insensitively). */
const IDENTITIES = ['woodgrove', 'fabrikamlab', 'sippool01', 'edgebox7', 'pacuser', 'jdoe', 'corpnet', 'tailspin'];

function planted(): { sections: Sections; raw: RawArtifact[] } {
  const sections = {
    dns: dnsSection({ names: [name('sip', 'sip.woodgrove.bank', ['192.0.2.1']), name('lyncdiscover', 'lyncdiscover.fabrikamlab.lync-lab', ['192.0.2.2'])] }),
    plantedProxy: {
      status: 'ok',
      message: 'proxy read from the environment',
      durationMs: 1,
      data: {
        env: { httpsProxy: 'http://proxy.woodgrove.bank:8080', httpProxy: null, noProxy: ['sippool01', 'edgebox7', '.woodgrove.bank'] },
        wininet: { autoConfigUrl: 'http://pacuser@wpad.tailspin.bank/proxy.pac', bypass: ['edgebox7', '*.woodgrove.bank', '<local>'] },
        cli: { proxy: null, pac: null },
        note: 'proxy value CORPNET\\jdoe:[REDACTED:url-password]@proxy.woodgrove.bank:8080',
      },
    },
  } as unknown as Sections;
  const raw: RawArtifact[] = [
    { collectorId: 'sip', name: 'sippool01-register.txt', content: 'REGISTER sip:woodgrove.bank SIP/2.0\r\nVia: SIP/2.0/TLS sippool01:5061\r\n' },
    { collectorId: 'proxy', name: 'edgebox7/trace.txt', content: 'CONNECT edgebox7:443 via proxy.woodgrove.bank' },
    { collectorId: 'logs', name: 'Lync-UccApi-0.UccApilog', content: 'user pacuser signed in to lyncdiscover.fabrikamlab.lync-lab as jdoe' },
  ];
  return { sections, raw };
}

test('a pseudonymised bundle holds none of the identities the Snapshot names, in any entry, entry name, manifest or report', async () => {
  const { sections, raw } = planted();
  const snapshot = baseSnapshot(sections, { input: { sipAddress: 'jdoe@woodgrove.bank', sipDomain: 'woodgrove.bank', dnsServer: null, timeoutMs: 3000 } });
  const b = await exportBundle({ snapshot, findings: [], raw }, { redaction: 'pseudonymise', now: () => new Date('2026-06-02T00:00:00Z'), pseudonym: { key: Buffer.alloc(32, 7) } });
  const entries = await readZip(b.zip, DEFAULT_IMPORT_LIMITS);
  assert.equal(entries.length, 5 + raw.length);
  for (const e of entries) {
    const text = e.data.toString('utf8').toLowerCase();
    for (const id of IDENTITIES) {
      assert.ok(!text.includes(id), `${id} found in ${e.name}: …${text.slice(Math.max(0, text.indexOf(id) - 80), text.indexOf(id) + 80)}…`);
      assert.ok(!e.name.toLowerCase().includes(id), `${id} found in the entry name ${e.name}`);
    }
  }
  // The mapping names them (so the technician can map back), and the structure still reads.
  const originals = (b.mapping ?? []).map((m) => m.original);
  for (const id of ['woodgrove.bank', 'sippool01', 'pacuser', 'jdoe']) assert.ok(originals.includes(id), `${id} not in the mapping: ${originals.join(', ')}`);
  const names = entries.map((e) => e.name);
  assert.ok(names.some((n) => /^raw\/sip\/name\d+-register\.txt$/.test(n)), names.join(', '));
});

test('a standard bundle keeps them (pseudonymisation is opt-in)', async () => {
  const { sections, raw } = planted();
  const b = await exportBundle({ snapshot: baseSnapshot(sections), findings: [], raw }, { redaction: 'standard', now: () => new Date('2026-06-02T00:00:00Z') });
  assert.ok(b.entries.some((e) => e.name.includes('sippool01')));
});

/** A bundle in the (synthetic) older format 0 with a schema-0 snapshot, as format 0 wrote it: for the migration tests. */
import { analyze } from '../../main/diagnose';
import { articleLookup } from '../../main/kb/lookup';
import type { Snapshot } from '../../main/model/snapshot';
import { craftZip, sha256hex } from './zip-craft';

/** Writes `snapshot` the way format 0 / schema 0 did; `tamper` changes the diagnosis after its checksum was taken. */
export function formatZeroBundle(snapshot: Snapshot, tamper = false): Buffer {
  const { host, demo: _demo, answers, ...rest } = snapshot;
  const v0snapshot = { ...rest, schemaVersion: 0, os: host };
  const findings = analyze(snapshot, { articles: articleLookup() }).findings;
  const diagnosis = JSON.stringify({ snapshot: v0snapshot, findings, answers });
  const raw = 'sip.contoso.com\tA\tanswer';
  const manifest = JSON.stringify({ formatVersion: 0, toolVersion: '0.0.9', createdAt: '2026-03-03T10:00:00.000Z', files: { 'diagnosis.json': sha256hex(diagnosis), 'raw/dns/dns-queries.txt': sha256hex(raw) } });
  return craftZip([
    { name: 'manifest.json', data: manifest },
    { name: 'diagnosis.json', data: tamper ? diagnosis.replace('contoso', 'fabrika') : diagnosis },
    { name: 'raw/dns/dns-queries.txt', data: raw },
  ]);
}

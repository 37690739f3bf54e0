/** Builds Snapshots for check tests: a base plus the sections a test cares about. */
import { parseCertificate } from '../../main/collect/cert-parse';
import type { CertificateInfo, CertStoreName } from '../../main/model/certificates';
import type { DnsNameResolution, DnsSection, SrvResolution } from '../../main/model/dns';
import type { RegistryValue } from '../../main/model/policy';
import { SNAPSHOT_SCHEMA_VERSION, type Sections, type Snapshot } from '../../main/model/snapshot';
import type { MadeCert } from './forge-certs';

export const NOW = new Date('2026-06-01T12:00:00Z');

/** A Snapshot with no sections, for contoso.com. */
export function baseSnapshot(sections: Sections = {}, extra: Partial<Snapshot> = {}): Snapshot {
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: 'lync-doctor', version: 'test' },
    createdAt: NOW.toISOString(),
    demo: false,
    host: { platform: 'win32', release: '10.0.19045', arch: 'x64' },
    input: { sipAddress: 'alice@contoso.com', sipDomain: 'contoso.com', dnsServer: null, timeoutMs: 3000 },
    sections,
    answers: {},
    ...extra,
  };
}

/** A name resolution, answered when addresses are given. */
export function name(role: DnsNameResolution['role'], fqdn: string, addresses: string[] = [], cnameChain: string[] = [], extra: Partial<DnsNameResolution> = {}): DnsNameResolution {
  return { role, name: fqdn, cnameChain, addresses, outcome: addresses.length ? 'answer' : 'nxdomain', ...extra };
}

export function srv(role: SrvResolution['role'], fqdn: string, targets: Array<[string, number]>): SrvResolution {
  return { role, name: fqdn, outcome: targets.length ? 'answer' : 'nxdomain', records: targets.map(([target, port]) => ({ target, port, priority: 0, weight: 0 })) };
}

/** A DNS section (status ok) from names, SRV results and SRV target resolutions. */
export function dnsSection(parts: Partial<DnsSection>): Sections['dns'] {
  const data: DnsSection = { domain: 'contoso.com', server: null, names: [], srv: [], srvTargets: [], location: 'unknown', locationReason: '', queries: [], ...parts };
  return { status: 'ok', message: 'test', durationMs: 1, data };
}

/** A certificate entry from a forge-made certificate. */
export function certInfo(c: MadeCert, store: CertStoreName = 'My', hasPrivateKey = true): CertificateInfo {
  const r = parseCertificate(c.derBase64, store, hasPrivateKey);
  if (!r.ok) throw new Error(r.reason);
  return r.cert;
}

export function certSection(certificates: CertificateInfo[]): Sections['certificates'] {
  return { status: 'ok', message: 'test', durationMs: 1, data: { stores: [], certificates, parseErrors: [] } };
}

export function policySection(values: Array<Partial<RegistryValue> & { name: string; data: string }>): Sections['policy'] {
  return {
    status: 'ok',
    message: 'test',
    durationMs: 1,
    data: {
      keys: [],
      values: values.map((v) => ({ hive: 'HKLM', keyPath: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync', type: 'REG_DWORD', ...v })),
    },
  };
}

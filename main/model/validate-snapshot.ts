/**
 * Structural validation of a Snapshot (and findings, answers) that comes from outside: an imported
 * bundle must never reach the checks with a shape they do not expect. Generic over sections: every
 * section gets the envelope check; sections with a registered schema also get their data checked.
 */
import type { CertificateInfo, CertificateParseError, CertificatesSection, StoreReading } from './certificates';
import { DNS_OUTCOMES, type DnsNameResolution, type DnsQuery, type DnsSection, type SrvAnswer, type SrvResolution } from './dns';
import type { Evidence, Finding } from './finding';
import type { PolicyKeyReading, PolicySection, RegistryValue } from './policy';
import { arr, bool, checkJsonTree, isoDate, isPlainObject, literal, nullable, num, obj, oneOf, opt, record, str, type Validator } from './schema';
import { validateAnswers } from './validate-answers';
import { NETWORK_SECTION_SCHEMAS } from './validate-network';
import { logsSchema, sipSchema } from './validate-sip';
import { SNAPSHOT_SCHEMA_VERSION, type DiagnoseInput, type HostInfo, type SectionId, type Snapshot } from './snapshot';
import { COLLECTOR_STATUSES, type SectionResult } from './status';

const name = str({ max: 1024 });
const text = str({ max: 64 * 1024 });
const dnsOutcome = oneOf(DNS_OUTCOMES);
const dnsType = oneOf(['A', 'AAAA', 'CNAME', 'SRV']);
const role = oneOf(['lyncdiscoverinternal', 'lyncdiscover', 'sipinternal', 'sip', 'sipexternal', 'srv-target']);
const store = oneOf(['My', 'LyncCertStore']);
const readingOutcome = oneOf(['ok', 'absent', 'access-denied', 'error']);

const srvAnswer = obj<SrvAnswer>({ target: name, port: num({ int: true, min: 0, max: 65535 }), priority: num({ int: true, min: 0 }), weight: num({ int: true, min: 0 }) });
const nameResolution = obj<DnsNameResolution>({
  role,
  name,
  cnameChain: arr(name, 64),
  chainProblem: opt(oneOf(['loop', 'too-long'])),
  addresses: arr(name, 1000),
  outcome: dnsOutcome,
});

const dnsSchema = obj<DnsSection>({
  domain: name,
  server: nullable(name),
  names: arr(nameResolution, 1000),
  srv: arr(obj<SrvResolution>({ role: oneOf(['sipinternaltls', 'sip-tls', 'sipfederationtls']), name, outcome: dnsOutcome, records: arr(srvAnswer, 1000) }), 100),
  srvTargets: arr(nameResolution, 1000),
  location: oneOf(['inside', 'outside', 'unknown']),
  locationReason: text,
  queries: arr(obj<DnsQuery>({ name, type: dnsType, outcome: dnsOutcome, answers: arr(name, 1000), srv: opt(arr(srvAnswer, 1000)), error: opt(text), durationMs: num({ min: 0 }) }), 10_000),
});

const certificatesSchema = obj<CertificatesSection>({
  stores: arr(obj<StoreReading>({ store, outcome: readingOutcome, message: text }), 10),
  languageMode: opt(nullable(str({ max: 64, pattern: /^[A-Za-z]+$/ }))),
  certificates: arr(
    obj<CertificateInfo>({
      store,
      thumbprint: str({ max: 128 }),
      subject: text,
      issuer: text,
      issuerCommonName: text,
      subjectCommonName: text,
      sans: arr(text, 1000),
      notBefore: isoDate,
      notAfter: isoDate,
      ekus: arr(name, 100),
      serialNumber: str({ max: 256 }),
      hasPrivateKey: bool,
      tlsDsk: bool,
      sipAddress: nullable(name),
      derBase64: str({ max: 1024 * 1024 }),
      keyType: opt(str({ max: 32 })),
      keyBits: opt(nullable(num({ int: true, min: 0, max: 1_000_000 }))),
      keyCurve: opt(str({ max: 64 })),
      signatureAlgorithm: opt(str({ max: 128 })),
      parsedWith: opt(oneOf(['node-forge', 'node-crypto'])),
    }),
    10_000,
  ),
  parseErrors: arr(obj<CertificateParseError>({ store, thumbprint: nullable(str({ max: 128 })), reason: text }), 10_000),
});

const policySchema = obj<PolicySection>({
  keys: arr(obj<PolicyKeyReading>({ hive: oneOf(['HKLM', 'HKCU']), version: oneOf(['15.0', '16.0']), keyPath: name, outcome: readingOutcome, message: text }), 100),
  values: arr(obj<RegistryValue>({ hive: oneOf(['HKLM', 'HKCU']), keyPath: name, name, type: str({ max: 64 }), data: text }), 10_000),
});

/**
 * Data schemas by section id. Sections without an entry still get the envelope and generic JSON
 * checks; add one line here when a section's data shape is settled.
 */
export const SECTION_SCHEMAS: { readonly [K in SectionId]?: Validator } = {
  dns: dnsSchema,
  certificates: certificatesSchema,
  policy: policySchema,
  ...NETWORK_SECTION_SCHEMAS,
  sip: sipSchema,
  logs: logsSchema,
};

const sectionEnvelope = obj<SectionResult<unknown>>({
  status: oneOf(COLLECTOR_STATUSES),
  message: text,
  durationMs: num({ min: 0 }),
});

const SECTION_ID = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;

const sections: Validator = (v, path, issues) => {
  record((section, p, out) => sectionEnvelope(section, p, out), 200)(v, path, issues);
  if (!isPlainObject(v)) return;
  for (const [id, section] of Object.entries(v)) {
    if (!SECTION_ID.test(id)) {
      issues.push(`${path}: section id "${id.slice(0, 40)}" is not a collector id`);
      continue;
    }
    const data = isPlainObject(section) ? section.data : undefined;
    if (data === undefined) continue;
    const schema = SECTION_SCHEMAS[id as SectionId];
    if (schema) schema(data, `${path}.${id}.data`, issues);
    else if (!isPlainObject(data) && !Array.isArray(data)) issues.push(`${path}.${id}.data: expected an object or array`);
  }
};

/** Questionnaire answers, checked by the same rules as the CLI and IPC (validate-answers.ts). */
export const answersSchema: Validator = (v, path, issues) => {
  const r = validateAnswers(v);
  if (!r.ok) issues.push(`${path}: ${r.error}`);
};

const snapshotSchema = obj<Snapshot>({
  schemaVersion: literal(SNAPSHOT_SCHEMA_VERSION),
  tool: obj<Snapshot['tool']>({ name: literal('lync-doctor'), version: str({ max: 64 }) }),
  createdAt: isoDate,
  demo: bool,
  host: obj<HostInfo>({ platform: str({ max: 64 }), release: str({ max: 128 }), arch: str({ max: 64 }) }),
  input: obj<DiagnoseInput>({
    sipAddress: str({ max: 320, pattern: /^[^\s<>"]+$/ }),
    sipDomain: str({ max: 253, pattern: /^[^\s<>"/]+$/ }),
    dnsServer: nullable(str({ max: 256 })),
    timeoutMs: num({ min: 0, max: 3_600_000 }),
  }),
  sections,
  answers: answersSchema,
});

const evidence = obj<Evidence>({ label: text, value: text });

/** One finding as the checks produce it. */
export const findingSchema = obj<Finding>({
  checkId: str({ max: 64, pattern: /^LD-[A-Z]+-\d{3}$/ }),
  severity: oneOf(['error', 'warning', 'info']),
  title: text,
  message: text,
  evidence: arr(evidence, 1000),
  articleId: str({ max: 200 }),
  research: arr(str({ max: 64 }), 100),
  fix: text,
  sections: arr(str({ max: 64 }), 100),
});

export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly string[] };

function run<T>(value: unknown, schema: Validator, path: string): Validated<T> {
  const issues: string[] = [];
  checkJsonTree(value, path, issues);
  if (issues.length === 0) schema(value, path, issues);
  return issues.length ? { ok: false, issues } : { ok: true, value: value as T };
}

/** Validates an untrusted value as a current-version Snapshot. */
export function validateSnapshot(value: unknown): Validated<Snapshot> {
  return run<Snapshot>(value, snapshotSchema, 'snapshot');
}

/** Validates an untrusted findings list. */
export function validateFindings(value: unknown): Validated<readonly Finding[]> {
  return run<readonly Finding[]>(value, arr(findingSchema, 10_000), 'findings');
}


/**
 * Builds the diagnostic bundle in memory: one redaction pass over everything that leaves the machine
 * (Snapshot, findings, answers, raw outputs and their names), optional pseudonymisation, the HTML
 * report made from the cleaned data, a final leak guard over every entry's bytes, then the manifest
 * with each entry's SHA-256.
 */
import { createHash } from 'node:crypto';
import type { QuestionnaireAnswers } from '../model/answers';
import type { BundleEntryInfo, RedactionLevel } from '../model/api';
import type { Finding } from '../model/finding';
import { checkJsonTree, isPlainObject } from '../model/schema';
import type { RawArtifact, Snapshot } from '../model/snapshot';
import { TOOL_VERSION } from '../version';
import { BUNDLE_FORMAT_VERSION, BundleError, DEFAULT_IMPORT_LIMITS, ENTRY, rawEntryName, type Manifest } from './format';
import { WalkDepthError } from './json-walk';
import { Pseudonymiser, type PseudonymEntry, type PseudonymiserOptions } from './pseudonymise';
import { findLeaks, redactText, redactValue } from './redact';
import { renderReportHtml } from './report-html';
import { readZip, writeZip, type ZipEntryData } from './zip';

export interface ExportInput {
  readonly snapshot: Snapshot;
  readonly findings: readonly Finding[];
  /** Raw outputs kept by the collectors (public data only; redacted again here). */
  readonly raw?: readonly RawArtifact[];
}

export interface ExportOptions {
  readonly redaction: RedactionLevel;
  readonly now?: () => Date;
  /** Key and local identifiers for pseudonymisation (tests pass a fixed key). */
  readonly pseudonym?: PseudonymiserOptions;
}

export interface ExportedBundle {
  readonly zip: Buffer;
  readonly manifest: Manifest;
  /** Every entry with its uncompressed size (manifest included), for the UI preview. */
  readonly entries: readonly BundleEntryInfo[];
  /** Pseudonymised bundles only: original → token. Keep it on this PC; it is never put in the zip. */
  readonly mapping: readonly PseudonymEntry[] | null;
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Per raw output (characters; the end of a log matters most, so the start is cut). */
export const MAX_RAW_CHARS = 8 * 1024 * 1024;
/** All raw outputs together (UTF-8 bytes), and how many. */
export const MAX_RAW_TOTAL_BYTES = 48 * 1024 * 1024;
export const MAX_RAW_ENTRIES = 1500;

function capRaw(raw: readonly RawArtifact[]): RawArtifact[] {
  let total = 0;
  const out: RawArtifact[] = [];
  for (const a of raw.slice(0, MAX_RAW_ENTRIES)) {
    let content = a.content;
    if (content.length > MAX_RAW_CHARS) content = `[cut by Lync Doctor: the first ${content.length - MAX_RAW_CHARS} characters were left out]\n${content.slice(-MAX_RAW_CHARS)}`;
    if (total + Buffer.byteLength(content) > MAX_RAW_TOTAL_BYTES) content = `[left out by Lync Doctor: the bundle's raw outputs already reach ${MAX_RAW_TOTAL_BYTES} bytes]\n`;
    total += Buffer.byteLength(content);
    out.push({ ...a, content });
  }
  return out;
}

function assertExportable(input: ExportInput, opts: ExportOptions): void {
  const issues: string[] = [];
  if (!['standard', 'pseudonymise'].includes(String(opts.redaction))) issues.push(`redaction: expected standard or pseudonymise, got ${JSON.stringify(opts.redaction)?.slice(0, 40)}`);
  checkJsonTree(input.snapshot, 'snapshot', issues);
  checkJsonTree(input.findings, 'findings', issues);
  const s = input.snapshot as unknown;
  if (!isPlainObject(s) || !isPlainObject(s.input) || !isPlainObject(s.host) || !isPlainObject(s.sections) || typeof s.createdAt !== 'string') {
    issues.push('snapshot: not a Lync Doctor Snapshot (input, host, sections, createdAt expected)');
  }
  if (!Array.isArray(input.findings)) issues.push('findings: expected a list');
  if (input.raw !== undefined && (!Array.isArray(input.raw) || !input.raw.every((a) => a && typeof a.collectorId === 'string' && typeof a.name === 'string' && typeof a.content === 'string'))) {
    issues.push('raw: expected a list of {collectorId, name, content} strings');
  }
  if (issues.length) throw new BundleError('schema', `cannot export: ${issues.slice(0, 3).join('; ')}`);
}

/** The report's text as a reader sees it (entities decoded), so the leak guard judges what is shown. */
function decodeHtmlText(html: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return html.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (m, e: string) => {
    if (e[0] !== '#') return named[e.toLowerCase()] ?? m;
    const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
  });
}

/** Builds the zip (nothing is written to disk here). */
export async function exportBundle(input: ExportInput, opts: ExportOptions): Promise<ExportedBundle> {
  assertExportable(input, opts);
  const now = (opts.now ?? (() => new Date()))();
  const removed: Record<string, number> = {};
  let snapshot: Snapshot;
  let findings: readonly Finding[];
  let answers: QuestionnaireAnswers;
  let raw: RawArtifact[];
  try {
    snapshot = redactValue({ ...input.snapshot, answers: input.snapshot.answers ?? {} }, removed);
    // Case steps are derived (article template + evidence) and re-derived on import; the bundle keeps the facts.
    findings = redactValue(input.findings.map(({ steps: _steps, ...f }) => f), removed);
    answers = snapshot.answers;
    raw = (input.raw ?? []).map((a) => ({ collectorId: redactText(a.collectorId, removed), name: redactText(a.name, removed), content: redactText(a.content, removed) }));
  } catch (e) {
    if (e instanceof WalkDepthError) throw new BundleError('schema', `cannot export: ${e.message}`);
    throw e;
  }

  let mapping: readonly PseudonymEntry[] | null = null;
  let pseudo: Pseudonymiser | null = null;
  if (opts.redaction === 'pseudonymise') {
    pseudo = new Pseudonymiser(opts.pseudonym);
    pseudo.learnSnapshot(snapshot);
    pseudo.learnValue(snapshot);
    pseudo.learnValue(findings);
    pseudo.learnValue(answers);
    for (const a of raw) {
      pseudo.learn(a.collectorId);
      pseudo.learn(a.name);
      pseudo.learn(a.content);
    }
    const p = pseudo;
    snapshot = p.applyValue(snapshot);
    findings = p.applyValue(findings);
    answers = snapshot.answers;
    raw = raw.map((a) => ({ collectorId: a.collectorId, name: p.apply(a.name), content: p.apply(a.content) }));
    mapping = p.mapping();
  }

  // Keep every bundle importable (DEFAULT_IMPORT_LIMITS): cut after redaction, so no cut can split a secret.
  raw = capRaw(raw);
  const taken = new Set<string>();
  const rawEntries = raw.map((a) => ({ ...a, entryName: rawEntryName(a.collectorId, a.name, taken) }));
  const report = renderReportHtml({ snapshot, findings, answers, raw: rawEntries, exportedAt: now.toISOString(), redaction: opts.redaction, toolVersion: TOOL_VERSION });

  const texts: Array<{ name: string; text: string }> = [
    { name: ENTRY.snapshot, text: `${JSON.stringify(snapshot, null, 1)}\n` },
    { name: ENTRY.findings, text: `${JSON.stringify(findings, null, 1)}\n` },
    { name: ENTRY.answers, text: `${JSON.stringify(answers, null, 1)}\n` },
    { name: ENTRY.report, text: report },
    ...rawEntries.map((a) => ({ name: a.entryName, text: a.content })),
  ];
  // The last guard: no entry leaves with a recognisable secret (or, pseudonymised, an original domain).
  for (const t of texts) {
    const plain = t.name === ENTRY.report ? decodeHtmlText(t.text) : t.text;
    const leaks = [...findLeaks(t.name), ...findLeaks(plain), ...(pseudo ? pseudo.residue(t.text) : [])];
    if (leaks.length) throw new BundleError('leak', `export stopped: ${t.name} still contains ${[...new Set(leaks)].join(', ')} data after redaction — please report this`);
  }

  const files: ZipEntryData[] = texts.map((t) => ({ name: t.name, data: Buffer.from(t.text, 'utf8') }));
  const manifest: Manifest = {
    format: 'lync-doctor-bundle',
    formatVersion: BUNDLE_FORMAT_VERSION,
    tool: { name: 'lync-doctor', version: TOOL_VERSION },
    createdAt: now.toISOString(),
    snapshotCreatedAt: snapshot.createdAt,
    os: { platform: String(snapshot.host.platform ?? ''), release: String(snapshot.host.release ?? ''), arch: String(snapshot.host.arch ?? '') },
    redaction: { level: opts.redaction, removed },
    entries: files.map((f) => ({ name: f.name, bytes: f.data.length, sha256: sha256(f.data) })),
  };
  const manifestData = Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`, 'utf8');
  const all = [{ name: ENTRY.manifest, data: manifestData }, ...files];
  const zip = await writeZip(all, now);
  // What we send must open on the other side: the same reader and limits the importer uses.
  try {
    await readZip(zip, DEFAULT_IMPORT_LIMITS);
  } catch (e) {
    throw new BundleError('too-large', `export stopped: the bundle would not pass the import checks (${(e as Error).message}) — leave out the largest raw output and try again`);
  }
  return { zip, manifest, entries: all.map((f) => ({ name: f.name, bytes: f.data.length })), mapping };
}

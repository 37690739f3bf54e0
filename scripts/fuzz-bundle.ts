/**
 * Fuzzes the bundle importer: mutated bundles (damaged bytes, hostile headers, hostile JSON with valid
 * checksums, odd entry names) must each be imported or refused with a BundleError — never a crash, a
 * hang, or an error of another kind — and what is accepted must analyse, render and compare cleanly.
 * `npm run fuzz [-- COUNT [SEED]]` (default 10 000); the unit test runs a few hundred.
 */
import { createHash } from 'node:crypto';
import { analyzeImported } from '../main/api/bundle';
import { compareDiagnoses } from '../main/bundle/compare';
import { exportBundle } from '../main/bundle/export';
import { BundleError, DEFAULT_IMPORT_LIMITS } from '../main/bundle/format';
import { importBundle } from '../main/bundle/import';
import { renderReportHtml } from '../main/bundle/report-html';
import { readZip, type ZipEntryData } from '../main/bundle/zip';
import { demoSnapshot } from '../main/demo/demo';
import { analyze } from '../main/diagnose';
import { articleLookup } from '../main/kb/lookup';
import { craftZip, type CraftEntry } from '../test/helpers/zip-craft';
import { prng } from '../test/helpers/prng';

export interface FuzzFailure {
  readonly index: number;
  readonly mutation: string;
  readonly error: string;
}

export interface FuzzReport {
  readonly runs: number;
  readonly accepted: number;
  readonly refused: Readonly<Record<string, number>>;
  readonly failures: readonly FuzzFailure[];
  readonly ms: number;
}

export interface FuzzOptions {
  readonly count: number;
  readonly seed?: number;
  /** Per-bundle bound: longer is a hang. */
  readonly timeoutMs?: number;
}


type Rand = () => number;
const int = (r: Rand, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)] as T;

const HOSTILE_VALUES: readonly unknown[] = [
  null, true, 0, -1, 1e308, 65536, '', 'x'.repeat(70_000), '<script>alert(1)</script>', '../../etc/passwd', '\u0000\u202e', '2026-13-45T99:99:99Z',
  [], {}, [[[[[[[[[]]]]]]]]], { __proto__: { polluted: 1 } }, Array.from({ length: 2000 }, () => ({ a: 1 })), 'ok', 'error', 'LD-DNS-001', 'sip',
];

/** All paths to values inside a JSON value (bounded). */
function paths(v: unknown, at: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  if (out.length > 3000) return out;
  out.push(at);
  if (Array.isArray(v)) v.slice(0, 50).forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

function mutateJson(r: Rand, text: string): { text: string; what: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { text: `${text}}`, what: 'broken json' };
  }
  const all = paths(doc);
  const path = pick(r, all);
  const op = int(r, 5);
  const value = HOSTILE_VALUES[int(r, HOSTILE_VALUES.length)];
  if (path.length === 0) return { text: JSON.stringify(value) ?? 'null', what: 'root replaced' };
  let parent = doc as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  const where = path.join('.');
  if (op === 0) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
    return { text: JSON.stringify(doc), what: `delete ${where}` };
  }
  if (op === 1 && Array.isArray(parent[last])) {
    const arr = parent[last] as unknown[];
    if (arr.length) for (let i = 0; i < 200; i++) arr.push(arr[0]);
    return { text: JSON.stringify(doc), what: `grow ${where}` };
  }
  if (op === 2) {
    let raw = JSON.stringify(doc);
    const at = int(r, raw.length);
    raw = raw.slice(0, at) + pick(r, ['"', '{', ']', ',', '\\', '\u0000', '"__proto__":1,']) + raw.slice(at);
    return { text: raw, what: `char inserted at ${at}` };
  }
  parent[last] = value;
  const out = JSON.stringify(doc).replace('"polluted"', '"__proto__":{"polluted":1},"x"');
  return { text: out, what: `set ${where}` };
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Rebuilds a zip from entries, optionally with a recomputed (valid) manifest so content checks run. */
function rebuild(entries: ZipEntryData[], fixManifest: boolean, extra: Partial<CraftEntry> = {}): Buffer {
  let list = entries;
  if (fixManifest) {
    const m = entries.find((e) => e.name === 'manifest.json');
    let manifest: Record<string, unknown> = {};
    try {
      manifest = JSON.parse(m?.data.toString() ?? '{}') as Record<string, unknown>;
    } catch {
      manifest = {};
    }
    const others = entries.filter((e) => e.name !== 'manifest.json');
    manifest.entries = others.map((e) => ({ name: e.name, bytes: e.data.length, sha256: sha(e.data) }));
    list = [{ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) }, ...others];
  }
  return craftZip(list.map((e) => ({ name: e.name, data: e.data, ...extra })));
}

function mutate(r: Rand, zip: Buffer, entries: ZipEntryData[]): { zip: Buffer; what: string } {
  const kind = int(r, 10);
  const b = Buffer.from(zip);
  switch (kind) {
    case 0: {
      const n = 1 + int(r, 16);
      for (let i = 0; i < n; i++) {
        const at = int(r, b.length);
        b[at] = (b[at] as number) ^ (1 << int(r, 8));
      }
      return { zip: b, what: `${n} bit flips` };
    }
    case 1: {
      const at = int(r, b.length);
      return { zip: b.subarray(0, at), what: `truncated at ${at}` };
    }
    case 2: {
      const at = int(r, b.length);
      const junk = Buffer.from(Array.from({ length: 1 + int(r, 64) }, () => int(r, 256)));
      return { zip: Buffer.concat([b.subarray(0, at), junk, b.subarray(at)]), what: `${junk.length} bytes inserted at ${at}` };
    }
    case 3: {
      // hit a header field: find a signature and overwrite a 2- or 4-byte field after it with an extreme
      const sigs = [0x04034b50, 0x02014b50, 0x06054b50];
      const offs: number[] = [];
      for (let i = 0; i + 4 <= b.length; i++) if (sigs.includes(b.readUInt32LE(i))) offs.push(i);
      const base = offs.length ? pick(r, offs) : 0;
      const at = Math.min(b.length - 4, base + 4 + 2 * int(r, 20));
      const v = pick(r, [0, 0xffffffff, 0x7fffffff, 1, 0xffff, 0x800]);
      if (at >= 0) b.writeUInt32LE(v >>> 0, at);
      return { zip: b, what: `header field at ${at} = ${v}` };
    }
    case 4: {
      const at = int(r, b.length);
      const len = int(r, 256);
      b.fill(pick(r, [0, 0xff, 0x50]), at, Math.min(b.length, at + len));
      return { zip: b, what: `range ${at}+${len} overwritten` };
    }
    case 5:
    case 6: {
      // hostile JSON content with valid checksums (exercises validation, analysis, rendering)
      const jsons = entries.filter((e) => e.name.endsWith('.json'));
      const target = pick(r, jsons);
      const m = mutateJson(r, target.data.toString('utf8'));
      const next = entries.map((e) => (e === target ? { name: e.name, data: Buffer.from(m.text) } : e));
      return { zip: rebuild(next, target.name !== 'manifest.json' || r() < 0.5), what: `${target.name}: ${m.what}` };
    }
    case 7: {
      const name = pick(r, ['../x', '/abs', 'C:\\x', 'raw/../../x', 'raw/dns/ünï', 'raw/dns/.hidden', 'raw/', 'raw//x', 'snapshot.json', 'a'.repeat(300), 'raw/dns/\u0000']);
      const next = [...entries, { name, data: Buffer.from('x') }];
      return { zip: rebuild(next, r() < 0.7), what: `entry named ${JSON.stringify(name).slice(0, 40)}` };
    }
    case 8: {
      const drop = pick(r, entries);
      return { zip: rebuild(entries.filter((e) => e !== drop), r() < 0.5), what: `dropped ${drop.name}` };
    }
    default: {
      const mode = pick(r, [0o120777, 0o010644, 0o060644, 0o040755, 0]);
      const method = pick(r, [0, 8, 12, 99]);
      return { zip: rebuild(entries, true, { unixMode: mode, method, flags: pick(r, [0, 1, 0x40, 0x8]) }), what: `mode ${mode.toString(8)} method ${method}` };
    }
  }
}

async function seeds(): Promise<Array<{ zip: Buffer; entries: ZipEntryData[] }>> {
  const s = demoSnapshot();
  const { findings } = analyze(s, { articles: articleLookup() });
  const raw = [
    { collectorId: 'dns', name: 'dns-queries.txt', content: 'sip.contoso.com\tA\tanswer\t203.0.113.20' },
    { collectorId: 'certificates', name: 'certs/My-1.pem', content: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' },
  ];
  const out: Array<{ zip: Buffer; entries: ZipEntryData[] }> = [];
  for (const redaction of ['standard', 'pseudonymise'] as const) {
    const b = await exportBundle({ snapshot: s, findings, raw }, { redaction, now: () => new Date('2026-06-02T00:00:00Z'), pseudonym: { key: Buffer.alloc(32, 3) } });
    out.push({ zip: b.zip, entries: await readZip(b.zip, DEFAULT_IMPORT_LIMITS) });
  }
  return out;
}

/** Runs `count` mutated bundles through import → analyse → render → compare. */
export async function fuzzImporter(opts: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const r = prng(opts.seed ?? 1);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const base = await seeds();
  const articles = articleLookup();
  const baseView = analyzeImported(await importBundle((base[0] as { zip: Buffer }).zip), articles);
  const failures: FuzzFailure[] = [];
  const refused: Record<string, number> = {};
  let accepted = 0;
  let stray: string | null = null;
  const onStray = (e: unknown): void => {
    stray = e instanceof Error ? e.stack ?? e.message : String(e);
  };
  process.on('uncaughtException', onStray);
  process.on('unhandledRejection', onStray);
  try {
    for (let i = 0; i < opts.count; i++) {
      const seed = pick(r, base);
      const m = mutate(r, seed.zip, seed.entries);
      let timer: NodeJS.Timeout | undefined;
      try {
        const imported = await Promise.race([
          importBundle(m.zip),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms (hang)`)), timeoutMs);
          }),
        ]);
        const view = analyzeImported(imported, articles);
        renderReportHtml({ snapshot: imported.snapshot, findings: view.findings, answers: imported.answers, raw: imported.raw.map((x) => ({ ...x, entryName: x.name })), exportedAt: imported.manifest.createdAt, redaction: imported.manifest.redaction.level, toolVersion: imported.manifest.tool.version });
        compareDiagnoses(baseView, view);
        accepted++;
      } catch (e) {
        if (e instanceof BundleError) refused[e.code] = (refused[e.code] ?? 0) + 1;
        else failures.push({ index: i, mutation: m.what, error: e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 4).join(' | ') : String(e) });
      } finally {
        clearTimeout(timer);
      }
      if (stray) {
        failures.push({ index: i, mutation: m.what, error: `uncaught: ${stray}` });
        stray = null;
      }
    }
  } finally {
    process.off('uncaughtException', onStray);
    process.off('unhandledRejection', onStray);
  }
  return { runs: opts.count, accepted, refused, failures, ms: Date.now() - started };
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 10_000);
  const seed = Number(process.argv[3] ?? Date.now() % 100_000);
  if (!Number.isInteger(count) || count <= 0) {
    console.error('usage: npm run fuzz -- [COUNT] [SEED]');
    process.exitCode = 2;
    return;
  }
  console.log(`fuzzing the bundle importer: ${count} mutated bundles, seed ${seed}`);
  const rep = await fuzzImporter({ count, seed });
  console.log(`runs: ${rep.runs}  accepted: ${rep.accepted}  refused: ${Object.values(rep.refused).reduce((a, b) => a + b, 0)}  failures: ${rep.failures.length}  (${rep.ms} ms)`);
  console.log(`refusals by reason: ${Object.entries(rep.refused).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  for (const f of rep.failures.slice(0, 20)) console.log(`FAILURE #${f.index} (${f.mutation}): ${f.error}`);
  if (rep.failures.length) process.exitCode = 1;
}

if (require.main === module) void main();

/**
 * Bundles on the command line: `diagnose … --bundle out.zip [--pseudonymise]` (via the diagnose hook),
 * `bundle export-demo out.zip [--pseudonymise]` and `bundle inspect in.zip [--json]`.
 */
import { promises as fs } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { analyze, type DiagnosisResult } from '../diagnose';
import { demoSnapshot } from '../demo/demo';
import { articleLookup } from '../kb/lookup';
import type { RedactionLevel } from '../model/api';
import { exportBundle, type ExportInput } from '../bundle/export';
import { journalArtifact } from '../fix/bundle';
import { BundleError, DEFAULT_IMPORT_LIMITS } from '../bundle/format';
import { importBundle, type ImportedBundle } from '../bundle/import';
import { saveBundle } from '../bundle/save';
import { bool, parseArgs, str, UsageError } from './args';
import { diagnoseHooks } from './diagnose';
import type { CliIo, Command } from './io';

/** Names of this PC's user and computer: replaced too when pseudonymising (they can appear in raw outputs). */
export function localIdentifiers(): { users: string[]; computers: string[] } {
  // Windows sets USERNAME to the signed-in user (what its paths and tools print); elsewhere ask the OS.
  let user = process.env.USERNAME ?? '';
  if (!user) {
    try {
      user = userInfo().username;
    } catch {
      user = process.env.USER ?? '';
    }
  }
  const computer = (process.env.COMPUTERNAME ?? hostname()).split('.')[0] as string; // split always yields a first element
  return { users: user ? [user] : [], computers: computer ? [computer] : [] };
}

/** Exports and writes a bundle; prints where it went (stderr, so --json stdout stays clean). */
export async function writeBundleCli(path: string, input: ExportInput, redaction: RedactionLevel, io: CliIo): Promise<void> {
  const now = new Date();
  const bundle = await exportBundle(input, { redaction, now: () => now, pseudonym: redaction === 'pseudonymise' ? localIdentifiers() : undefined });
  const written = await saveBundle(path, bundle, now);
  const removed = Object.entries(bundle.manifest.redaction.removed).map(([k, n]) => `${n} ${k}`).join(', ');
  io.err(`bundle written: ${written.zipPath} (${bundle.zip.length} bytes, ${bundle.entries.length} entries, redaction ${redaction}${removed ? `; removed ${removed}` : ''})`);
  if (written.mapPath) io.err(`pseudonym map (keep it on this PC, never send it): ${written.mapPath}`);
}

/** Reads a bundle file from disk, refusing oversized files before reading them. */
export async function readBundleFile(path: string): Promise<ImportedBundle> {
  let size: number;
  try {
    const st = await fs.stat(path);
    if (!st.isFile()) throw new BundleError('not-a-zip', `${path} is not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof BundleError) throw e;
    throw new BundleError('not-a-zip', `cannot open ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  if (size > DEFAULT_IMPORT_LIMITS.maxZipBytes) throw new BundleError('too-large', `${path} is ${size} bytes; at most ${DEFAULT_IMPORT_LIMITS.maxZipBytes} are accepted`);
  return importBundle(await fs.readFile(path));
}

/** Turns a BundleError into exit code 2 with the reason on stderr. */
export async function withBundleErrors(command: string, io: CliIo, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof BundleError) {
      io.err(`lyncdoctor ${command}: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

// `diagnose --bundle out.zip [--pseudonymise]`: chained after any hook registered before this one.
const previousHook = diagnoseHooks.afterDiagnosis;
diagnoseHooks.afterDiagnosis = async (result: DiagnosisResult, flags, io) => {
  // Stryker disable next-line ConditionalExpression: commands.ts imports this module before diagnose runs and nothing registers a hook earlier, so previousHook is always undefined
  if (previousHook) await previousHook(result, flags, io);
  const path = str(flags, 'bundle');
  if (!path) {
    if (flags.flags.pseudonymise === true) io.err('note: --pseudonymise applies to the bundle; add --bundle out.zip to write one');
    return;
  }
  const redaction: RedactionLevel = flags.flags.pseudonymise === true ? 'pseudonymise' : 'standard';
  try {
    const journal = journalArtifact();
    await writeBundleCli(path, { snapshot: result.snapshot, findings: result.findings, raw: journal ? [...result.raw, journal] : result.raw }, redaction, io);
  } catch (e) {
    if (e instanceof BundleError) throw new UsageError(`--bundle: ${e.message}`);
    throw e;
  }
};

const USAGE = 'usage: lyncdoctor bundle export-demo OUT.zip [--pseudonymise] | bundle inspect IN.zip [--json]';

export const bundleCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  if (sub === 'export-demo') {
    const p = parseArgs(rest, { pseudonymise: 'boolean' });
    const out = p.positional[0];
    if (!out || p.positional.length > 1) throw new UsageError(USAGE);
    const snapshot = demoSnapshot();
    const { findings } = analyze(snapshot, { articles: articleLookup() });
    return withBundleErrors('bundle', io, async () => {
      await writeBundleCli(out, { snapshot, findings, raw: [] }, bool(p, 'pseudonymise') ? 'pseudonymise' : 'standard', io);
      return 0;
    });
  }
  if (sub === 'inspect') {
    const p = parseArgs(rest, { json: 'boolean' });
    const file = p.positional[0];
    if (!file || p.positional.length > 1) throw new UsageError(USAGE);
    return withBundleErrors('bundle', io, async () => {
      const b = await readBundleFile(file);
      if (bool(p, 'json')) {
        io.out(JSON.stringify({ manifest: b.manifest, migrations: b.migrations, raw: b.raw.map((r) => ({ collectorId: r.collectorId, name: r.name, chars: r.content.length })) }, null, 2));
        return 0;
      }
      const m = b.manifest;
      const lines = [
        `${file}: Lync Doctor bundle, format ${m.formatVersion}, verified (every entry matches its SHA-256)`,
        `  exported ${m.createdAt} by Lync Doctor ${m.tool.version}; snapshot captured ${m.snapshotCreatedAt} on ${m.os.platform} ${m.os.release}`,
        `  redaction: ${m.redaction.level}${Object.keys(m.redaction.removed).length ? ` (removed ${Object.entries(m.redaction.removed).map(([k, n]) => `${n} ${k}`).join(', ')})` : ''}`,
        ...(b.migrations.length ? [`  migrated: ${b.migrations.join('; ')}`] : []),
        `  ${b.findings.length} finding(s) recorded; sections: ${Object.keys(b.snapshot.sections).join(', ') || 'none'}`,
        '  entries:',
        ...m.entries.map((e) => `    ${e.name} (${e.bytes} bytes)`),
      ];
      io.out(lines.join('\n'));
      return 0;
    });
  }
  throw new UsageError(sub ? `unknown bundle subcommand "${sub}"; ${USAGE}` : USAGE);
};

/** `lyncdoctor compare before.zip after.zip [--json]`: findings appeared/disappeared/changed and facts that differ. Exit 0 same, 1 different, 2 trouble. */
import { analyzeImported } from '../api/bundle';
import { compareDiagnoses } from '../bundle/compare';
import { BundleError } from '../bundle/format';
import type { CompareResult } from '../model/api';
import type { Finding } from '../model/finding';
import { bool, parseArgs, UsageError } from './args';
import { readBundleFile, withBundleErrors } from './bundle';
import type { Command } from './io';

const line = (f: Finding): string => `[${f.checkId}] ${f.severity}: ${f.message}`;

/** Human text for a comparison. */
export function renderCompare(r: CompareResult, before: string, after: string): string {
  const out = [`Comparing ${before} (before) with ${after} (after)`, ''];
  out.push(`Findings: ${r.appeared.length} appeared, ${r.disappeared.length} disappeared, ${r.changed.length} changed`);
  for (const f of r.disappeared) out.push(`  - gone     ${line(f)}`);
  for (const f of r.appeared) out.push(`  + new      ${line(f)}`);
  for (const c of r.changed) out.push(`  ~ changed  ${line(c.before)}`, `             → ${c.after.severity}: ${c.after.message}`);
  out.push('', `Facts that differ: ${r.facts.length}`);
  let area = '';
  for (const f of r.facts) {
    if (f.area !== area) {
      area = f.area;
      out.push(`  ${area}`);
    }
    out.push(`    ${f.key}: ${f.before} → ${f.after}`);
  }
  if (r.appeared.length + r.disappeared.length + r.changed.length + r.facts.length === 0) out.push('', 'The two diagnoses are the same.');
  return out.join('\n');
}

export const compareCommand: Command = async (argv, io) => {
  const p = parseArgs(argv, { json: 'boolean' });
  const [before, after] = p.positional;
  if (!before || !after || p.positional.length > 2) throw new UsageError('usage: lyncdoctor compare BEFORE.zip AFTER.zip [--json]');
  return withBundleErrors('compare', io, async () => {
    const open = async (file: string) => {
      try {
        return analyzeImported(await readBundleFile(file));
      } catch (e) {
        throw e instanceof BundleError ? new BundleError(e.code, `${file}: ${e.message}`) : e;
      }
    };
    const r = compareDiagnoses(await open(before), await open(after));
    io.out(bool(p, 'json') ? JSON.stringify(r, null, 2) : renderCompare(r, before, after));
    return r.appeared.length + r.disappeared.length + r.changed.length + r.facts.length > 0 ? 1 : 0;
  });
};

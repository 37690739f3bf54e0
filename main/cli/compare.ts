/** `lyncdoctor compare before.zip after.zip [--json]`: findings appeared/disappeared/changed and facts that differ, in words. Exit 0 same, 1 different, 2 trouble. */
import { analyzeImported } from '../api/bundle';
import { compareDiagnoses, matchModeFor } from '../bundle/compare';
import { BundleError } from '../bundle/format';
import type { CompareResult } from '../model/api';
import type { Finding } from '../model/finding';
import { bool, parseArgs, UsageError } from './args';
import { readBundleFile, withBundleErrors } from './bundle';
import type { Command } from './io';

const line = (f: Finding): string => `[${f.checkId}] ${f.severity}: ${f.message}`;
/** Column widths of the facts table (fits a 132-column terminal; longer values wrap in their column). */
const LABEL_COLS = 50;
const VALUE_COLS = 36;

/** A label fitted to `w` columns: the item names in the middle are shortened, the field at the end stays whole. */
export function fitLabel(label: string, w: number): string {
  const parts = label.split(' · ');
  while (parts.join(' · ').length > w) {
    let longest = -1;
    for (let i = 0; i < parts.length - 1; i++) if (longest < 0 || (parts[i] as string).length > (parts[longest] as string).length) longest = i;
    // No item name before the field (longest -1): p is '' and the loop ends like for a short item.
    const p = parts[longest] ?? '';
    if (p.length <= 8) break;
    const over = parts.join(' · ').length - w;
    parts[longest] = `${p.slice(0, Math.max(6, p.length - over - 1)).trimEnd()}…`;
  }
  const s = parts.join(' · ');
  return s.length > w ? `${s.slice(0, w - 1)}…` : s;
}

/** A value cut into lines of the column width (at most three; the rest is marked …). */
function wrap(v: string, w: number): string[] {
  const lines: string[] = [];
  let rest = v;
  while (rest.length > w && lines.length < 2) {
    // Break after the last space within the column when there is one.
    const at = rest.lastIndexOf(' ', w);
    const cutAt = at > w / 2 ? at + 1 : w;
    lines.push(rest.slice(0, cutAt).trimEnd());
    rest = rest.slice(cutAt);
  }
  lines.push(rest.length > w ? `${rest.slice(0, w - 1)}…` : rest);
  return lines;
}

/** A fact's label without its area title (the part before the first " · "), as the What column shows it. */
const whatOf = (label: string): string => (label.includes(' · ') ? label.slice(label.indexOf(' · ') + 3) : label);

/** Human text for a comparison: findings first, then the facts that differ in aligned columns, grouped by area. */
export function renderCompare(r: CompareResult, before: string, after: string): string {
  const out = [`Comparing ${before} (before) with ${after} (after)`, ''];
  if (r.matchedBy === 'pseudonym') out.push('One bundle is pseudonymised: names, addresses, users and thumbprints are compared by kind (a renamed host is not seen).', '');
  out.push(`Findings: ${r.appeared.length} new, ${r.disappeared.length} no longer reported, ${r.changed.length} changed`);
  for (const f of r.disappeared) out.push(`  - gone     ${line(f)}`);
  for (const f of r.appeared) out.push(`  + new      ${line(f)}`);
  for (const c of r.changed) out.push(`  ~ changed  ${line(c.before)}`, `             → ${c.after.severity}: ${c.after.message}`);
  out.push('', `Facts: ${r.facts.length} differ, ${r.unchanged} unchanged (not listed)`);
  if (r.facts.length) {
    // At least as wide as its heading, so a short label keeps the Before and After columns under their headings.
    const w = Math.min(LABEL_COLS, Math.max('What'.length, ...r.facts.map((f) => whatOf(f.label).length)));
    out.push(`    ${'What'.padEnd(w)}  ${'Before'.padEnd(VALUE_COLS)}  After`);
    // Stryker disable next-line StringLiteral: any value that is no area id works as "no area yet"
    let area = '';
    for (const f of r.facts) {
      const title = f.label.split(' · ')[0] ?? f.area;
      if (f.area !== area) {
        area = f.area;
        out.push(`  ${title}`);
      }
      const what = whatOf(f.label);
      const b = wrap(f.before, VALUE_COLS);
      const a = wrap(f.after, VALUE_COLS);
      for (let i = 0; i < Math.max(b.length, a.length); i++) {
        out.push(`    ${(i === 0 ? fitLabel(what, w) : '').padEnd(w)}  ${(b[i] ?? '').padEnd(VALUE_COLS)}  ${a[i] ?? ''}`.trimEnd());
      }
    }
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
        const imported = await readBundleFile(file);
        return { view: analyzeImported(imported), level: imported.manifest.redaction.level };
      } catch (e) {
        throw e instanceof BundleError ? new BundleError(e.code, `${file}: ${e.message}`) : e;
      }
    };
    const [b, a] = [await open(before), await open(after)];
    const r = compareDiagnoses(b.view, a.view, matchModeFor(b.level, a.level));
    io.out(bool(p, 'json') ? JSON.stringify(r, null, 2) : renderCompare(r, before, after));
    return r.appeared.length + r.disappeared.length + r.changed.length + r.facts.length > 0 ? 1 : 0;
  });
};

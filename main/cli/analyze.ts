/** `lyncdoctor analyze in.zip [--json]`: the current checks on an imported bundle's Snapshot, same output and exit codes as diagnose. */
import { analyzeImported } from '../api/bundle';
import { compareFindings } from '../bundle/compare';
import { bool, parseArgs, UsageError } from './args';
import { readBundleFile, withBundleErrors } from './bundle';
import type { Command } from './io';
import { exitCodeFor, renderJson, renderReport } from './render-text';

export const analyzeCommand: Command = async (argv, io) => {
  const p = parseArgs(argv, { json: 'boolean' });
  const file = p.positional[0];
  if (!file || p.positional.length > 1) throw new UsageError('usage: lyncdoctor analyze IN.zip [--json]');
  return withBundleErrors('analyze', io, async () => {
    const imported = await readBundleFile(file);
    const view = analyzeImported(imported);
    if (bool(p, 'json')) {
      io.out(renderJson(view.snapshot, view.findings));
      return exitCodeFor(view.findings);
    }
    const m = imported.manifest;
    const head = [
      `Imported ${file}: exported ${m.createdAt} by Lync Doctor ${m.tool.version}, redaction ${m.redaction.level}; checks judged as of ${view.snapshot.createdAt}`,
      ...(imported.migrations.length ? [`  (older bundle, migrated: ${imported.migrations.join('; ')})`] : []),
    ];
    const drift = compareFindings(imported.findings, view.findings);
    const n = drift.appeared.length + drift.disappeared.length + drift.changed.length;
    if (n > 0) head.push(`  Note: this Lync Doctor's checks differ from the exporting one's on ${n} finding(s) (${drift.appeared.length} new, ${drift.disappeared.length} gone, ${drift.changed.length} changed).`);
    io.out(`${head.join('\n')}\n\n${renderReport(view.snapshot, view.findings, view.checkFailures)}`);
    return exitCodeFor(view.findings);
  });
};

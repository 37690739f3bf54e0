/** Plain-text forms of findings for a helpdesk ticket ("copy for ticket"). */
import type { DiagnosisView } from '../../main/model/api';
import type { Finding } from '../../main/model/finding';

/** Where the view came from, in one line. */
export function sourceLine(view: DiagnosisView): string {
  const s = view.snapshot;
  const what = s.demo ? 'built-in demo (recorded snapshot of a broken PC, not this computer)' : view.importedFrom ? `bundle ${view.importedFrom} (another PC)` : `this PC (${s.host.platform} ${s.host.release})`;
  return `Lync Doctor ${s.tool.version}: ${s.input.sipAddress}, captured ${s.createdAt}, source: ${what}`;
}

/** One finding as a ticket paragraph: what, evidence, fix, article. */
export function findingForTicket(f: Finding, view?: DiagnosisView): string {
  const lines = [
    `[${f.checkId}] ${f.severity.toUpperCase()}: ${f.title}`,
    `Found: ${f.message}`,
  ];
  if (f.evidence.length) {
    lines.push('Evidence:');
    for (const e of f.evidence) lines.push(`  - ${e.label}: ${e.value}`);
  }
  lines.push(`Fix: ${f.fix}`);
  lines.push(`Article: ${f.articleId}${f.research.length ? ` (research ${f.research.join(', ')})` : ''}`);
  if (view) lines.push(sourceLine(view));
  return lines.join('\n');
}

/** Every finding of a view, errors first. */
export function viewForTicket(view: DiagnosisView): string {
  const head = sourceLine(view);
  if (view.findings.length === 0) {
    const gaps = Object.entries(view.snapshot.sections).filter(([, r]) => ['partial', 'error', 'timeout'].includes((r as { status?: string } | undefined)?.status ?? ''));
    if (gaps.length) return `${head}\nNo finding, but not everything could be checked: ${gaps.map(([id, r]) => `${id} ${(r as { status: string }).status}`).join(', ')}.`;
    return `${head}\nNo known issue matched the collected facts.`;
  }
  return [head, '', ...view.findings.map((f) => findingForTicket(f))].join('\n\n');
}

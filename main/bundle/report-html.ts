/**
 * report.html: one self-contained page a person reads in any browser — summary, findings with evidence
 * and fixes, collector results, the collected facts per area, answers and raw outputs. No script, no
 * external resource, a CSP that forbids both, and every collected string escaped: a hostile value in
 * a Snapshot stays text.
 */
import type { QuestionnaireAnswers } from '../model/answers';
import { showControls } from '../model/show-controls';
import type { Finding } from '../model/finding';
import type { RawArtifact, Snapshot } from '../model/snapshot';
import { isGap, SEVERITIES, type Severity } from '../model/status';

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return showControls(String(value)).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface ReportInput {
  readonly snapshot: Snapshot;
  readonly findings: readonly Finding[];
  readonly answers: QuestionnaireAnswers;
  readonly raw: ReadonlyArray<RawArtifact & { readonly entryName: string }>;
  readonly exportedAt: string;
  readonly redaction: string;
  readonly toolVersion: string;
}

const SEV_CLASS: Record<Severity, string> = { error: 'sev-error', warning: 'sev-warning', info: 'sev-info' };
const STATUS_CLASS: Record<string, string> = { ok: 'st-ok', partial: 'st-error', 'not-applicable': 'st-na', error: 'st-error', timeout: 'st-error' };

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
h3{font-size:15px;margin:0 0 6px}
.meta{color:#555;margin:0 0 12px}
.finding{background:#fff;border:1px solid #ddd;border-left:6px solid #888;border-radius:4px;padding:10px 14px;margin:10px 0}
.sev-error{border-left-color:#c62828}.sev-warning{border-left-color:#ef6c00}.sev-info{border-left-color:#1565c0}
.badge{display:inline-block;font-size:12px;padding:1px 6px;border-radius:3px;background:#eee;margin-right:6px}
table{border-collapse:collapse;margin:6px 0;background:#fff}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f0f0f0;font-weight:600}
.st-ok{color:#2e7d32}.st-na{color:#777}.st-error{color:#c62828;font-weight:600}
pre{white-space:pre-wrap;word-break:break-all;background:#fff;border:1px solid #ddd;padding:8px;max-height:480px;overflow:auto;font-size:12px}
details{margin:6px 0;overflow-x:auto}summary{cursor:pointer;font-weight:600}
.note{color:#777;font-style:italic}
.mono{font-family:ui-monospace,Consolas,monospace;font-size:12px}
`;

const MAX_STRING = 400;
const MAX_FACT_ROWS = 400;
const RAW_INLINE_EACH = 24 * 1024;
const RAW_INLINE_TOTAL = 256 * 1024;

/** Where to cut a string near `max` without splitting a "[REDACTED:kind]" marker (a half marker reads like a secret). */
export function cutPoint(s: string, max: number): number {
  const open = s.lastIndexOf('[REDACTED:', max);
  return open >= 0 && open < max && s.indexOf(']', open) >= max ? open : max;
}

function cut(s: string, max = MAX_STRING): string {
  if (s.length <= max) return escapeHtml(s);
  const at = cutPoint(s, max);
  return `${escapeHtml(s.slice(0, at))}<span class="note"> … (${s.length - at} more characters)</span>`;
}

function isScalar(v: unknown): v is string | number | boolean | null {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

/** Renders any JSON value as nested tables (generic: new Snapshot sections need no code here). */
function renderValue(v: unknown, depth: number, budget: { rows: number }): string {
  if (isScalar(v)) return v === null ? '<span class="note">none</span>' : cut(String(v));
  if (depth > 6) return '<span class="note">(nested too deeply to show)</span>';
  if (Array.isArray(v)) {
    if (v.length === 0) return '<span class="note">none</span>';
    if (v.every(isScalar)) return cut(v.map((x) => String(x)).join(', '), MAX_STRING * 2);
    if (v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x))) {
      const cols = [...new Set(v.flatMap((x) => Object.keys(x as object)))];
      if (cols.length <= 8) {
        const rows: string[] = [];
        for (const item of v) {
          if (budget.rows-- <= 0) {
            rows.push(`<tr><td colspan="${cols.length}" class="note">(more rows not shown — see snapshot.json)</td></tr>`);
            break;
          }
          const o = item as Record<string, unknown>;
          rows.push(`<tr>${cols.map((c) => `<td>${renderValue(o[c], depth + 1, budget)}</td>`).join('')}</tr>`);
        }
        return `<table><tr>${cols.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>${rows.join('')}</table>`;
      }
    }
    const items: string[] = [];
    for (const x of v) {
      if (budget.rows-- <= 0) {
        items.push('<li class="note">(more not shown — see snapshot.json)</li>');
        break;
      }
      items.push(`<li>${renderValue(x, depth + 1, budget)}</li>`);
    }
    return `<ul>${items.join('')}</ul>`;
  }
  if (v !== null && typeof v === 'object') {
    const rows: string[] = [];
    for (const [k, x] of Object.entries(v)) {
      if (budget.rows-- <= 0) {
        rows.push('<tr><td colspan="2" class="note">(more not shown — see snapshot.json)</td></tr>');
        break;
      }
      rows.push(`<tr><th>${escapeHtml(k)}</th><td>${renderValue(x, depth + 1, budget)}</td></tr>`);
    }
    return rows.length ? `<table>${rows.join('')}</table>` : '<span class="note">none</span>';
  }
  return '';
}

function renderFinding(f: Finding): string {
  const evidence = f.evidence.length
    ? `<table>${f.evidence.map((e) => `<tr><th>${escapeHtml(e.label)}</th><td class="mono">${cut(e.value)}</td></tr>`).join('')}</table>`
    : '';
  const research = f.research.length ? ` · research ${f.research.map(escapeHtml).join(', ')}` : '';
  return `<div class="finding ${SEV_CLASS[f.severity] ?? ''}"><h3><span class="badge">${escapeHtml(f.severity)}</span>[${escapeHtml(f.checkId)}] ${escapeHtml(f.title)}</h3>
<p>${cut(f.message, 2000)}</p>${evidence}<p><strong>Fix:</strong> ${cut(f.fix, 2000)}</p>
<p class="meta">Knowledge article: <span class="mono">${escapeHtml(f.articleId)}</span>${research}</p></div>`;
}

/** The whole page. */
export function renderReportHtml(r: ReportInput): string {
  const s = r.snapshot;
  const count = (sev: Severity): number => r.findings.filter((f) => f.severity === sev).length;
  const title = s.demo ? 'Lync Doctor — demo diagnosis' : `Lync Doctor — diagnosis for ${s.input.sipAddress}`;
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(title)}</h1>`);
  parts.push(
    `<p class="meta">Captured ${escapeHtml(s.createdAt)} on ${escapeHtml(`${s.host.platform} ${s.host.release} ${s.host.arch}`)} · exported ${escapeHtml(r.exportedAt)} by Lync Doctor ${escapeHtml(r.toolVersion)} · redaction: ${escapeHtml(r.redaction)}${s.demo ? ' · <strong>DEMO data, not a real PC</strong>' : ''}</p>`,
  );
  parts.push(`<h2>Summary</h2><p>${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info.</p>`);
  const incomplete = Object.values(s.sections).some((x) => x !== undefined && isGap(x.status));
  if (r.findings.length === 0) parts.push(incomplete ? '<p>No finding, but not everything could be checked (see the collectors).</p>' : '<p>No known issue matched the collected facts.</p>');
  else parts.push(`<ul>${r.findings.map((f) => `<li><span class="badge">${escapeHtml(f.severity)}</span>${escapeHtml(f.title)}</li>`).join('')}</ul>`);

  parts.push('<h2>Findings</h2>');
  for (const sev of SEVERITIES) for (const f of r.findings.filter((x) => x.severity === sev)) parts.push(renderFinding(f));
  if (r.findings.length === 0) parts.push('<p class="note">None.</p>');

  parts.push('<h2>Input</h2>', renderValue(s.input, 0, { rows: 50 }));
  parts.push('<h2>Collectors</h2><table><tr><th>area</th><th>status</th><th>time</th><th>message</th></tr>');
  for (const [id, sec] of Object.entries(s.sections)) {
    const res = sec as { status: string; message: string; durationMs: number };
    parts.push(`<tr><td>${escapeHtml(id)}</td><td class="${STATUS_CLASS[res.status] ?? ''}">${escapeHtml(res.status)}</td><td>${escapeHtml(res.durationMs)} ms</td><td>${cut(res.message, 1000)}</td></tr>`);
  }
  parts.push('</table>');

  parts.push('<h2>Collected facts</h2>');
  const budget = { rows: MAX_FACT_ROWS * 10 };
  for (const [id, sec] of Object.entries(s.sections)) {
    const res = sec as { status: string; data?: unknown };
    if (res.data === undefined) continue;
    parts.push(`<details open><summary>${escapeHtml(id)} <span class="${STATUS_CLASS[res.status] ?? ''}">(${escapeHtml(res.status)})</span></summary>${renderValue(res.data, 0, budget)}</details>`);
  }
  parts.push('<h2>Questionnaire answers</h2>', renderValue(r.answers, 0, { rows: 200 }));

  parts.push('<h2>Raw outputs</h2>');
  if (r.raw.length === 0) parts.push('<p class="note">None kept.</p>');
  let inlineLeft = RAW_INLINE_TOTAL;
  for (const a of r.raw) {
    const show = a.content.length <= RAW_INLINE_EACH && a.content.length <= inlineLeft;
    if (show) inlineLeft -= a.content.length;
    parts.push(
      `<details><summary class="mono">${escapeHtml(a.entryName)} <span class="note">(${a.content.length} characters)</span></summary>${show ? `<pre>${escapeHtml(a.content)}</pre>` : '<p class="note">Too large to show here: open the file from the bundle.</p>'}</details>`,
    );
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>
${parts.join('\n')}
</main></body></html>
`;
}

/** report.html: self-contained, readable, and a hostile string in any field stays text. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, renderReportHtml } from '../../../../main/bundle/report-html';
import { demoSnapshot } from '../../../../main/demo/demo';
import { analyze } from '../../../../main/diagnose';
import { articleLookup } from '../../../../main/kb/lookup';
import type { Finding } from '../../../../main/model/finding';
import type { Sections } from '../../../../main/model/snapshot';
import { baseSnapshot, dnsSection, name } from '../../../helpers/snapshot';

const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(2)>',
  "'><svg/onload=alert(3)>",
  '</style><style>body{display:none}</style>',
  '</td></tr></table><iframe src="https://evil.example/">',
  '<!-- --><a href="javascript:alert(4)">click</a>',
  '`${alert(5)}`',
  '&lt;script&gt; already-escaped &amp;',
];
const h = HOSTILE.join(' ');

const ALLOWED_TAGS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'main', 'h1', 'h2', 'h3', 'p', 'ul', 'li', 'span', 'strong', 'div', 'table', 'tr', 'th', 'td', 'details', 'summary', 'pre']);

function hostileReport(): string {
  const sections = {
    dns: dnsSection({ domain: h, names: [name('sip', h, [h])], locationReason: h }),
    [h.slice(0, 30)]: { status: h, message: h, durationMs: 1, data: { [h]: h, list: [{ [h]: h }], deep: [[h]] } },
  } as unknown as Sections;
  const snapshot = baseSnapshot(sections, { input: { sipAddress: h, sipDomain: h, dnsServer: h, timeoutMs: 1 }, host: { platform: h, release: h, arch: h }, createdAt: h, answers: { mobile: { app: h } } });
  const findings: Finding[] = [{ checkId: h, severity: 'error', title: h, message: h, evidence: [{ label: h, value: h }], articleId: h, research: [h], fix: h, sections: [h] }];
  return renderReportHtml({ snapshot, findings, answers: snapshot.answers, raw: [{ collectorId: h, name: h, content: h, entryName: h }], exportedAt: h, redaction: h, toolVersion: h });
}

test('a hostile string in every field never becomes markup', () => {
  const html = hostileReport();
  const tags = new Set([...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => (m[1] as string).toLowerCase()));
  for (const t of tags) assert.ok(ALLOWED_TAGS.has(t), `unexpected tag <${t}> in the report`);
  assert.ok(!/<[^>]*\son[a-z]+\s*=/i.test(html), 'an event-handler attribute appeared');
  assert.ok(!/<(script|img|svg|iframe|a|link|object|embed|base|form)\b/i.test(html), 'hostile element');
  assert.equal(html.match(/<style>/g)?.length, 1, 'only our style element');
  assert.equal(html.match(/<\/style>/g)?.length, 1);
  assert.ok(!html.includes('<!-- -->'));
  assert.ok(html.includes(escapeHtml('<script>alert(1)</script>')), 'the hostile text is shown, escaped');
  assert.ok(html.includes('&#38;lt;script&#38;gt;'), 'pre-escaped text is escaped again, not decoded');
});

test('the page is self-contained: no script, no external resource, a CSP that forbids both', () => {
  const s = demoSnapshot();
  const { findings } = analyze(s, { articles: articleLookup() });
  const html = renderReportHtml({ snapshot: s, findings, answers: s.answers, raw: [{ collectorId: 'dns', name: 'dns-queries.txt', content: 'a\tA\tanswer', entryName: 'raw/dns/dns-queries.txt' }], exportedAt: '2026-06-02T00:00:00.000Z', redaction: 'standard', toolVersion: '0.1.0' });
  // (a CSS url( is preceded by a non-letter; the demo's PAC evidence quotes "FindProxyForURL(", which is text)
  assert.ok(!/<script|src=|href=|@import|(?:^|[^a-z])url\(/i.test(html));
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  // it reads: summary counts, every finding with its evidence and fix, collectors, facts, raw
  const n = (sev: string) => findings.filter((f) => f.severity === sev).length;
  assert.ok(n('error') > 0 && n('warning') > 0);
  assert.ok(html.includes(`${n('error')} error(s), ${n('warning')} warning(s)`));
  for (const f of findings) {
    assert.ok(html.includes(escapeHtml(f.checkId)) && html.includes(escapeHtml(f.fix)), f.checkId);
    for (const e of f.evidence) assert.ok(html.includes(escapeHtml(e.value).slice(0, 60)), e.value);
  }
  assert.match(html, /<h2>Collectors<\/h2>/);
  assert.match(html, /<summary>dns /);
  assert.ok(html.includes('raw/dns/dns-queries.txt'));
  assert.ok(html.includes('DEMO data'));
});

test('huge sections are cut with a note instead of producing a huge page', () => {
  const many = Array.from({ length: 20_000 }, (_, i) => name('sip', `h${i}.contoso.com`, ['192.0.2.1']));
  const s = baseSnapshot({ dns: dnsSection({ names: many }) });
  const html = renderReportHtml({ snapshot: s, findings: [], answers: {}, raw: [{ collectorId: 'logs', name: 'big.log', content: 'x'.repeat(5_000_000), entryName: 'raw/logs/big.log' }], exportedAt: 'now', redaction: 'standard', toolVersion: 't' });
  assert.ok(html.length < 2_000_000, `${html.length} characters`);
  assert.match(html, /more rows not shown/);
  assert.match(html, /Too large to show here/);
});

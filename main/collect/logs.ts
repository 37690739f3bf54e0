/** Client log collector: the UccApilog traces found on Windows plus any --log FILE, analysed streaming. */
import type { LogFileOrigin, LogsSection } from '../model/logs';
import { discoverLogFiles } from '../logs/discover';
import { analyzeLogFiles } from '../logs/read';
import { loadMsDiagnosticsTable } from '../sip/ms-diagnostics-file';
import type { Collector, CollectorContext } from './types';

/** Only the newest 64 MB of each file are read: the sign-in of interest is at the end. */
export const TAIL_BYTES = 64 * 1024 * 1024;

/** Files to read: given ones first-class on every OS, auto-discovered ones on Windows. */
export function logFilesFor(ctx: Pick<CollectorContext, 'input' | 'platform'>, env: NodeJS.ProcessEnv = process.env): Array<{ path: string; origin: LogFileOrigin }> {
  const given = (ctx.input.logFiles ?? []).map((path) => ({ path, origin: 'given' as const }));
  const local = ctx.platform === 'win32' ? env.LOCALAPPDATA : undefined;
  const auto = local ? discoverLogFiles(local).map((f) => ({ path: f.path, origin: 'auto' as const })) : [];
  const seen = new Set(given.map((g) => g.path.toLowerCase()));
  return [...auto.filter((a) => !seen.has(a.path.toLowerCase())), ...given];
}

function summary(d: LogsSection): string {
  const sip = Object.values(d.counts).reduce((a, b) => a + b, 0);
  const diags = d.diagnostics.map((x) => x.diagnostic.code ?? 'raw').join(', ');
  return `${d.files.filter((f) => f.outcome === 'ok').length}/${d.files.length} file(s) read; ${sip} SIP message(s)${diags ? `; ms-diagnostics ${diags}` : ''}${d.errors.length ? `; ${d.errors.length} HRESULT(s)` : ''}`;
}

export const logsCollector: Collector<'logs'> = {
  id: 'logs',
  title: 'Client sign-in logs (UccApilog)',
  platforms: 'all',
  async collect(ctx) {
    const files = logFilesFor(ctx);
    if (files.length === 0) {
      return {
        status: 'not-applicable',
        message:
          ctx.platform === 'win32'
            ? 'No Lync-UccApi-*.UccApilog under %LOCALAPPDATA%\\Microsoft\\Office\\{15.0,16.0}\\Lync\\Tracing — turn on logging in the client (Options > General > Logging), reproduce the sign-in, or pass --log FILE'
            : 'No client log given: pass --log FILE (automatic discovery works on Windows only)',
      };
    }
    ctx.progress(`analysing ${files.length} log file(s)`);
    const data = await analyzeLogFiles(files, loadMsDiagnosticsTable(), { signal: ctx.signal, tailBytes: TAIL_BYTES });
    ctx.raw(
      'logs-sip-summary.txt',
      data.messages.map((m) => `${m.timestamp ?? '-'} ${m.direction} ${m.kind === 'request' ? `${m.method} ${m.requestUri}` : `${m.statusCode} ${m.reasonPhrase}`} ${m.diagnostics.map((d) => d.raw).join(' | ')}`).join('\n'),
    );
    if (ctx.signal.aborted) return { status: 'timeout', message: `Log analysis stopped at the deadline (partial results; raise --timeout-ms): ${summary(data)}`, data };
    const read = data.files.filter((f) => f.outcome === 'ok');
    if (read.length === 0) return { status: 'error', message: `No log could be read: ${data.files.map((f) => f.message).join('; ')}`, data };
    const unread = data.files.filter((f) => f.outcome !== 'ok');
    if (unread.length) return { status: 'partial', message: `${summary(data)}; could not read ${unread.map((f) => f.message).join('; ')}`, data };
    return { status: 'ok', message: summary(data), data };
  },
};

/** `lyncdoctor sip probe|log`: the credential-less sign-in probe and client-log analysis, each with the sign-in timeline. */
import { arch, release } from 'node:os';
import { cnameChainBroken, noDiscoveryRecords, srvTargetUnresolved } from '../checks/dns';
import { collectionGap } from '../checks/gaps';
import { sipChecks } from '../checks/sip';
import { isGap } from '../model/status';
import { certificatesCollector } from '../collect/certificates';
import { dnsCollector } from '../collect/dns';
import { sipCollector } from '../collect/sip';
import { analyze, collect, parseSipAddress } from '../diagnose';
import { articleLookup } from '../kb/lookup';
import { analyzeLogFiles } from '../logs/read';
import type { Finding } from '../model/finding';
import type { LogsSection } from '../model/logs';
import type { MsDiagnostic } from '../model/sip';
import { networkInputFromFlags } from './network-flags';
import { SNAPSHOT_SCHEMA_VERSION, type DiagnoseInput, type Snapshot } from '../model/snapshot';
import { describeDiagnostic } from '../sip/ms-diagnostics';
import { loadMsDiagnosticsTable } from '../sip/ms-diagnostics-file';
import { TRUST_NOTE } from '../sip/probe';
import { parseServerOverride } from '../sip/targets';
import { buildTimeline, renderTimeline } from '../sip/timeline';
import { TOOL_VERSION } from '../version';
import { bool, num, parseArgs, str, UsageError } from './args';
import { dnsServerFromFlags, timeoutFromFlags } from './diagnose';
import type { CliIo, Command } from './io';
import { exitCodeFor, renderCollectors, renderFindings } from './render-text';

const USAGE = `usage: lyncdoctor sip probe --sip-address alice@contoso.com [--server host:port] [--dns-server 127.0.0.1:53] [--timeout-ms 5000] [--json]
       lyncdoctor sip log FILE [FILE…] [--sip-address alice@contoso.com] [--json]`;

export const DEFAULT_PROBE_TIMEOUT_MS = 5000;

/** Where the client writes its log, for a technician whose path was wrong. */
export const LOG_HINT = 'Give the path of a client log that can be read: Lync 2013 and Skype for Business write %LOCALAPPDATA%\\Microsoft\\Office\\<15.0|16.0>\\Lync\\Tracing\\Lync-UccApi-*.UccApilog (Lync 2010: %USERPROFILE%\\Tracing\\Communicator-uccapi-*.uccapilog).';

function addressInput(value: string | undefined): { sipAddress: string; sipDomain: string } {
  if (!value) throw new UsageError('--sip-address is required, e.g. --sip-address alice@contoso.com');
  try {
    return parseSipAddress(value);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** `notChecked`: what the command was run for did not happen (a probe that asked no SIP server), a gap too. */
function print(io: CliIo, json: boolean, snapshot: Snapshot, findings: readonly Finding[], head: string[], extra: string[] = [], notChecked = false): number {
  const timeline = buildTimeline(snapshot);
  if (json) io.out(JSON.stringify({ snapshot, findings, timeline }, null, 2));
  else io.out([...head, '', renderTimeline(timeline), ...extra, '', ...renderFindings(findings, notChecked || Object.values(snapshot.sections).some((r) => r !== undefined && isGap(r.status)))].join('\n'));
  return exitCodeFor(findings);
}

const probe: Command = async (argv, io) => {
  const p = parseArgs(argv, { 'sip-address': 'string', server: 'string', 'dns-server': 'string', 'timeout-ms': 'number', json: 'boolean', 'connect-to': 'list', 'ca-file': 'string', proxy: 'string' });
  const addr = addressInput(str(p, 'sip-address'));
  const server = str(p, 'server');
  if (server) {
    try {
      parseServerOverride(server);
    } catch (e) {
      throw new UsageError(`--server: ${(e as Error).message}`);
    }
  }
  const dnsServer = dnsServerFromFlags(p);
  const timeoutMs = timeoutFromFlags(p, DEFAULT_PROBE_TIMEOUT_MS);
  // The same connection options as `diagnose` (--connect-to, --ca-file, --proxy for the web services).
  const input: DiagnoseInput = { ...addr, dnsServer, timeoutMs, ...(server ? { sipServer: server } : {}), ...networkInputFromFlags(p) };
  const json = bool(p, 'json');
  const { snapshot } = await collect({
    input,
    collectors: server ? [certificatesCollector, sipCollector] : [dnsCollector, certificatesCollector, sipCollector],
    onProgress: json ? undefined : (e) => {
      if (e.phase === 'done') io.err(`  ${e.collectorId}: ${e.status} (${e.durationMs} ms)`);
    },
  });
  // The gap check too: a probe that could not ask (no DNS, no answer) never ends as "no known issue". Nor does one
  // whose DNS answered that the domain has no SIP server to ask: the DNS checks of the discovery it ran say why.
  const discovery = server ? [] : [noDiscoveryRecords, srvTargetUnresolved, cnameChainBroken];
  const { findings } = analyze(snapshot, { articles: articleLookup(), checks: [collectionGap, ...discovery, ...sipChecks] });
  // Stryker disable next-line OptionalChaining: the SIP collector always runs in a probe, so its section is always there
  const sip = snapshot.sections.sip?.data;
  const attempts = (sip?.attempts ?? []).map((a) => `  - ${a.message}`);
  const web = (sip?.webServices ?? []).map((w) => `  - ${w.kind}: ${w.message}`);
  return print(
    io,
    json,
    snapshot,
    findings,
    [`Lync Doctor ${snapshot.tool.version} — SIP sign-in probe for ${input.sipAddress} at ${snapshot.createdAt}`, TRUST_NOTE, '', 'Collectors', ...renderCollectors(snapshot)],
    attempts.length || web.length ? ['', 'Probe', ...attempts, ...web] : [],
    // DNS answered but named no SIP server (e.g. only lyncdiscover, which this probe does not follow): nothing was
    // probed, so "no known issue" would claim what was never checked
    snapshot.sections.sip?.status === 'not-applicable',
  );
};

/** The SIP address the log signed in with (From of the newest REGISTER), if any. */
export function addressFromLog(d: LogsSection): string | null {
  const from = (pred: (m: LogsSection['messages'][number]) => boolean): string | null => {
    // Stryker disable next-line ArithmeticOperator: starting one past the end only reads one missing message first (skipped by `m &&`)
    for (let i = d.messages.length - 1; i >= 0; i--) {
      const m = d.messages[i];
      const a = m && pred(m) && m.from ? /sip:([^>;\s@]+@[A-Za-z0-9.-]+)/i.exec(m.from) : null;
      if (a) return (a[1] as string).toLowerCase();
    }
    return null;
  };
  return from((m) => m.kind === 'request' && m.method === 'REGISTER') ?? from((m) => m.cseqMethod === 'REGISTER') ?? from((m) => m.kind === 'request') ?? from(() => true);
}

/** The advice the header's own attributes chose (e.g. 1010 + SEC_E_WRONG_PRINCIPAL ⇒ name mismatch), as text lines; none when the table's advice stands. */
export function refinedAdvice(d: MsDiagnostic, indent: string): string[] {
  const by = d.decoded.refinedBy;
  if (!by) return [];
  return [`${indent}advice (from ${by}): ${d.decoded.likelyFix ?? ''}`.trimEnd(), ...(d.decoded.articleId ? [`${indent}article: ${d.decoded.articleId}`] : [])];
}

/** One given file: how it was read, and the time span it covers. */
const fileLine = (f: LogsSection['files'][number]): string => `  ${f.outcome.padEnd(14)}${f.path}: ${f.message}${f.firstTimestamp ? ` (${f.firstTimestamp} → ${f.lastTimestamp})` : ''}`;

function logReport(d: LogsSection): string[] {
  const lines = ['', 'Files', ...d.files.map(fileLine)];
  const counts = Object.entries(d.counts);
  if (counts.length) lines.push('', 'SIP messages', ...counts.slice(0, 20).map(([k, v]) => `  ${String(v).padStart(7)}  ${k}`));
  if (d.droppedMessages) lines.push(`  (${d.droppedMessages} older REGISTER/failure message(s) not kept)`);
  lines.push('', `Authentication: offered ${d.schemesOffered.join(', ') || '-'}; used ${d.schemesUsed.join(', ') || '-'}`);
  if (d.diagnostics.length) {
    lines.push('', 'ms-diagnostics');
    for (const x of d.diagnostics) {
      lines.push(`  ${String(x.count).padStart(5)}× ${describeDiagnostic(x.diagnostic)}${x.statusCode ? ` on ${x.cseqMethod ?? ''} ${x.statusCode}` : ''}`);
      if (x.diagnostic.decoded.status === 'not-documented') lines.push(`         raw: ${x.diagnostic.raw}`);
      else if (x.diagnostic.decoded.meaning) lines.push(`         ${x.diagnostic.decoded.meaning}`);
      lines.push(...refinedAdvice(x.diagnostic, '         '));
    }
  }
  if (d.webCalls.length) lines.push('', 'Web service calls', ...d.webCalls.slice(-15).map((w) => `  ${w.timestamp ?? '-'} ${w.kind}: ${w.url}${w.httpStatus ? ` → HTTP ${w.httpStatus}` : ''}`));
  if (d.errors.length) lines.push('', 'HRESULTs', ...d.errors.slice(0, 20).map((e) => `  ${e.hresult}${e.name ? ` ${e.name}` : ''} ×${e.count} (first line ${e.firstLine}): ${e.sample.slice(0, 120)}`));
  return lines;
}

const log: Command = async (argv, io) => {
  const p = parseArgs(argv, { 'sip-address': 'string', json: 'boolean' });
  if (p.positional.length === 0) throw new UsageError(`give at least one log file\n${USAGE}`);
  const started = Date.now();
  const data = await analyzeLogFiles(p.positional.map((path) => ({ path, origin: 'given' as const })), loadMsDiagnosticsTable());
  const flag = str(p, 'sip-address');
  const addr = flag ? addressInput(flag) : (() => {
    const found = addressFromLog(data);
    try {
      return found ? parseSipAddress(found) : { sipAddress: 'unknown@unknown.invalid', sipDomain: 'unknown.invalid' };
    } catch {
      return { sipAddress: 'unknown@unknown.invalid', sipDomain: 'unknown.invalid' };
    }
  })();
  const ok = data.files.some((f) => f.outcome === 'ok');
  const now = new Date();
  const snapshot: Snapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: 'lync-doctor', version: TOOL_VERSION },
    createdAt: now.toISOString(),
    demo: false,
    host: { platform: process.platform, release: release(), arch: arch() },
    input: { ...addr, dnsServer: null, timeoutMs: 0, logFiles: [...p.positional] },
    sections: { logs: { status: ok ? 'ok' : 'error', message: ok ? `${data.files.length} file(s) analysed` : data.files.map((f) => f.message).join('; '), durationMs: Date.now() - started, data } },
    answers: {},
  };
  const head = `Lync Doctor ${snapshot.tool.version} — client log analysis (${addr.sipAddress})`;
  if (!ok && !bool(p, 'json')) {
    // nothing was read: a nine-step "not observed" timeline and an empty report would bury the one line that matters
    io.out([head, '', 'No log file could be read, so nothing was analysed:', ...data.files.map(fileLine), '', LOG_HINT].join('\n'));
    return 2;
  }
  const { findings } = analyze(snapshot, { articles: articleLookup(), checks: sipChecks });
  const code = print(io, bool(p, 'json'), snapshot, findings, [head], bool(p, 'json') ? [] : logReport(data));
  return ok ? code : 2;
};

export const sipCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  if (sub === 'probe') return probe(rest, io);
  if (sub === 'log') return log(rest, io);
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    io.out(USAGE);
    return 0;
  }
  throw new UsageError(`${sub ? `unknown subcommand "${sub}"` : 'missing subcommand'}\n${USAGE}`);
};

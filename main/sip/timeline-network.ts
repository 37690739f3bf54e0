/**
 * The network steps of the sign-in timeline: the TCP connection to the SIP server (from the SIP probe, else the TLS
 * section's SIP endpoints, else the client log) and autodiscover (lyncdiscover(internal), from the autodiscover section
 * with the proxy's 407, else the client log's autodiscover calls). Pure over the Snapshot, like the rest of the timeline.
 * A step fails only on a recorded fact (a refused/timed-out connection, an HTTP error, a missing User link) and
 * quotes it; what was not tried is "not observed".
 */
import { hostPort } from '../model/endpoint';
import type { AutodiscoverAttempt } from '../model/autodiscover';
import type { LoggedSipMessage, LogsSection } from '../model/logs';
import type { EndpointRole } from '../model/proxy';
import type { SipAttempt, SipSection, TimelineEvidence, TimelineStep } from '../model/sip';
import type { Snapshot } from '../model/snapshot';
import type { TlsProbe } from '../model/tls';
import { finalAttempt } from './signin-facts';
import { baseName, ev, proof, step } from './timeline-step';

/** Whether an attempt's TCP connection came up, failed, or was never made (no time left, cancelled). */
export type TcpReading = 'up' | 'failed' | 'not-tried';

const DEADLINE = /no time left|cancelled at the deadline|cut at the deadline/i;

/** What one SIP probe attempt says about TCP: a TLS failure or any SIP answer means TCP was up. */
export function tcpOfAttempt(a: SipAttempt): TcpReading {
  if (a.outcome === 'skipped') return 'not-tried';
  if (a.outcome !== 'connect-failed') return 'up';
  // connect-failed: the probe records a TLS failure as tls-failed, so only a handshake that timed out had TCP up.
  const t = a.tls;
  if (t.outcome === 'timeout' && /^TLS handshake/i.test(t.error ?? '')) return 'up';
  if (t.outcome === 'timeout' && DEADLINE.test(t.error ?? '')) return 'not-tried';
  return 'failed';
}

/** What one TLS-section probe says about TCP (proxied and DNS-less probes say nothing about a direct connection). */
export function tcpOfProbe(p: TlsProbe): TcpReading {
  if (p.via !== null) return 'not-tried';
  switch (p.outcome) {
    case 'ok':
    case 'handshake-failed':
    case 'not-tls':
    case 'reset':
      return 'up';
    case 'refused':
    // Stryker disable next-line ConditionalExpression: equivalent, the mutant of a statement-less case leaves the fall-through as it is
    case 'unreachable':
      return 'failed';
    case 'timeout':
      if (/accepted the connection/i.test(p.message)) return 'up';
      return DEADLINE.test(p.message) ? 'not-tried' : 'failed';
    default:
      return 'not-tried';
  }
}

/** The roles of the endpoints a client signs in to (not federation, web services or autodiscover). */
const SIGN_IN_ROLES: readonly EndpointRole[] = ['sipinternal-srv', 'sipinternal', 'sip-srv', 'sip', 'sipexternal'];

const WHY: Record<string, string> = { refused: 'refused the connection', unreachable: 'unreachable', timeout: 'did not accept the connection in time', error: 'could not connect' };

/** host:port, with the address it resolved to when known: how the TCP step names an endpoint. */
const endpoint = (host: string, port: number, address: string | null | undefined): string => `${hostPort(host, port)}${address ? ` (${address})` : ''}`;

function attemptLine(a: SipAttempt): string {
  const where = endpoint(a.target.host, a.target.port, a.tls.address);
  // The probe's message starts with host:port; said once.
  const said = a.message.startsWith(`${hostPort(a.target.host, a.target.port)}: `) ? a.message.slice(`${hostPort(a.target.host, a.target.port)}: `.length) : a.message;
  return tcpOfAttempt(a) === 'failed' ? `${where}: ${WHY[a.tls.outcome] ?? a.tls.outcome} — ${said}` : `${where}: ${said}`;
}

function connectFromProbe(sip: SipSection): TimelineStep {
  const tried = sip.attempts.filter((a) => tcpOfAttempt(a) !== 'not-tried');
  if (tried.length === 0) {
    return step('connect', {
      status: 'not-observed',
      source: 'probe',
      detail: sip.attempts.length ? 'No SIP server was tried before the time limit' : 'No SIP server to connect to',
      evidence: sip.attempts.map((a) => ev('not tried', a.message)),
    });
  }
  const first = tried.findIndex((a) => tcpOfAttempt(a) === 'up');
  if (first < 0) {
    const timedOut = tried.every((a) => a.tls.outcome === 'timeout');
    return step('connect', {
      status: 'failed',
      source: 'probe',
      detail: `No SIP server accepted a TCP connection (${tried.length} tried${timedOut ? ', every one timed out' : ''})`,
      evidence: tried.map((a) => ev('tried', attemptLine(a))),
      articleId: 'network-endpoint-unreachable',
    });
  }
  // A 301/302 puts its target on the path: when the client is sent to a pool that does not accept the connection
  // (or was not tried before the deadline), that hop decides the step.
  const fin = finalAttempt(sip);
  // (The final attempt is a server that answered unless a redirect led the client on; a redirect to a server already
  // tried during discovery reuses that attempt, so its source says nothing about the hop.)
  if (fin && tcpOfAttempt(fin) !== 'up') {
    // Stryker disable next-line OptionalChaining: equivalent, redirectTo is set (filtered) and the probe sets it only on an attempt that answered
    const chain = sip.attempts.filter((a) => a.redirectTo).map((a) => ev('redirect', `${hostPort(a.target.host, a.target.port)} answered ${a.response?.statusCode ?? '?'} → ${a.redirectTo ? hostPort(a.redirectTo.host, a.redirectTo.port) : '?'}`));
    const hop = hostPort(fin.target.host, fin.target.port);
    if (tcpOfAttempt(fin) === 'not-tried') {
      return step('connect', { status: 'not-observed', source: 'probe', detail: `Redirected to ${hop}, which was not tried before the time limit`, evidence: [...chain, ev('not tried', fin.message)] });
    }
    return step('connect', { status: 'failed', source: 'probe', detail: `Redirected to ${hop}, which did not accept the TCP connection`, evidence: [...chain, ev('tried', attemptLine(fin))], articleId: 'network-endpoint-unreachable' });
  }
  const up = tried[first] as SipAttempt;
  const before = tried.slice(0, first);
  const after = tried.slice(first + 1);
  const evidence: TimelineEvidence[] = [
    ...before.map((a) => ev('tried first', attemptLine(a))),
    ev('connected', endpoint(up.target.host, up.target.port, up.tls.address)),
    ...after.map((a) => ev('also probed', attemptLine(a))),
  ];
  return step('connect', {
    status: before.length ? 'warning' : 'ok',
    source: 'probe',
    detail: before.length
      ? `Connected to ${hostPort(up.target.host, up.target.port)} after ${before.length} server(s) the client tries first did not accept the connection (the client waits for each)`
      : `${hostPort(up.target.host, up.target.port)} accepted the TCP connection`,
    evidence,
    articleId: before.length ? 'network-endpoint-unreachable' : null,
  });
}

function connectFromNetwork(probes: readonly TlsProbe[]): TimelineStep | null {
  const sip = probes.filter((p) => p.roles.some((r) => SIGN_IN_ROLES.includes(r)));
  const tried = sip.filter((p) => tcpOfProbe(p) !== 'not-tried');
  if (tried.length === 0) return null;
  const line = (p: TlsProbe): string => `${endpoint(p.host, p.port, p.address)}: ${p.message}`;
  const up = tried.filter((p) => tcpOfProbe(p) === 'up');
  const down = tried.filter((p) => tcpOfProbe(p) === 'failed');
  if (up.length === 0) {
    return step('connect', { status: 'failed', source: 'network', detail: `No SIP server accepted a TCP connection (${down.length} tried)`, evidence: down.map((p) => ev('tried', line(p))), articleId: 'network-endpoint-unreachable' });
  }
  const u = up[0] as TlsProbe;
  return step('connect', {
    status: 'ok',
    source: 'network',
    detail: `${hostPort(u.host, u.port)} accepted the TCP connection${down.length ? `; ${down.length} other SIP server(s) did not` : ''}`,
    evidence: [...up.map((p) => ev('connected', endpoint(p.host, p.port, p.address))), ...down.map((p) => ev('also probed', line(p)))],
  });
}

/** Logged HRESULTs that say a connection was refused, timed out or had no route (Winsock / Win32; not WinHTTP). */
export const CONNECT_FAILURE_HRESULTS: ReadonlySet<string> = new Set([
  '0x8007274D', // WSAECONNREFUSED
  '0x8007274C', // WSAETIMEDOUT
  '0x80072751', // WSAEHOSTUNREACH
  '0x80072743', // WSAENETUNREACH
  '0x800704C9', // ERROR_CONNECTION_REFUSED
  '0x800704CF', // ERROR_NETWORK_UNREACHABLE
  '0x800704D0', // ERROR_HOST_UNREACHABLE
]);

function connectFromLog(signIn: readonly LoggedSipMessage[], logs: LogsSection | undefined): TimelineStep | null {
  const sent = signIn.find((m) => m.kind === 'request');
  if (sent) return step('connect', { status: 'ok', source: 'log', detail: `The client sent REGISTER to ${sent.peer ?? 'the server'}, so its connection came up`, at: sent.timestamp, evidence: [proof(sent)] });
  // Stryker disable next-line ConditionalExpression: equivalent, no message here is a request (found above), so the first message is the first response
  const answered = signIn.find((m) => m.kind === 'response');
  if (answered) return step('connect', { status: 'ok', source: 'log', detail: 'The server answered a REGISTER, so the connection to it came up', at: answered.timestamp, evidence: [proof(answered)] });
  const errors = (logs?.errors ?? []).filter((e) => CONNECT_FAILURE_HRESULTS.has(`0x${e.hresult.slice(2).toUpperCase()}`));
  if (errors.length === 0) return null;
  const e0 = errors[0];
  return step('connect', {
    status: 'failed',
    source: 'log',
    detail: `No sign-in message in the log, and the client logged ${errors.map((e) => `${e.name ?? e.hresult}${e.count > 1 ? ` ×${e.count}` : ''}`).join(', ')}: a connection was refused or could not be made`,
    // Stryker disable next-line OptionalChaining: equivalent, errors is not empty here
    at: e0?.firstTimestamp ?? null,
    evidence: errors.map((e) => ev('line', `${baseName(e.firstFile)}:${e.firstLine} ${e.sample.trim()}`)),
    articleId: 'network-endpoint-unreachable',
  });
}

/**
 * The TCP connection to the SIP server: the probe's attempts; else the client's own sign-in in the log (as the TLS step
 * reads it, so the two never disagree); else the TLS section's SIP endpoints; else connection errors in the log.
 */
export function connectStep(s: Snapshot, sip: SipSection | undefined, signIn: readonly LoggedSipMessage[], logs: LogsSection | undefined): TimelineStep {
  if (sip) return connectFromProbe(sip);
  const probes = s.sections.tls?.data?.probes;
  return (
    connectFromLog(signIn, undefined) ??
    (probes ? connectFromNetwork(probes) : null) ??
    // Stryker disable next-line ArrayDeclaration: equivalent, a stray non-message element matches neither a request nor a response
    connectFromLog([], logs) ??
    step('connect', { status: 'not-observed', detail: 'No probe, no TLS check of the SIP servers and no logged sign-in' })
  );
}

function hostOf(url: string): string {
  return /^https?:\/\/([^/:?#]+)/i.exec(url)?.[1] ?? url;
}

function attemptEvidence(a: AutodiscoverAttempt): TimelineEvidence[] {
  return [
    ev(a.role, a.message),
    ...(a.hops.length > 1 ? [ev('requests', a.hops.join(' → '))] : []),
    ...(a.via ? [ev('through proxy', a.via)] : []),
  ];
}

const ASK_FAILED: Partial<Record<AutodiscoverAttempt['outcome'], string>> = {
  'http-error': 'answered with an HTTP error',
  'bad-answer': 'answered something that is not an autodiscover document',
  'redirect-loop': 'redirects in a loop',
  'too-large': 'answered more than an autodiscover document can be',
  unreachable: 'could not be reached',
  'tls-failed': 'failed the TLS handshake',
  'proxy-failed': 'could not be reached through the proxy',
};

function autodiscoverFromSection(s: Snapshot, attempts: readonly AutodiscoverAttempt[]): TimelineStep {
  const usable = attempts.find((a) => a.outcome === 'ok' && a.userUrl);
  const others = (x: AutodiscoverAttempt): TimelineEvidence[] => attempts.filter((a) => a !== x).map((a) => ev(a.role, a.message));
  if (usable) {
    const user = usable.user;
    const evidence: TimelineEvidence[] = [
      ...attemptEvidence(usable),
      ...(usable.status !== null ? [ev('HTTP status', `${usable.status}${usable.format ? ` (${usable.format})` : ''}`)] : []),
      ...(usable.accessLocation ? [ev('AccessLocation', usable.accessLocation)] : []),
      ev('User link', usable.userUrl as string),
      ...(user ? [ev('User link answer', user.message)] : []),
      ...others(usable),
    ];
    if (user && user.status !== 401) {
      return step('autodiscover', {
        status: 'warning',
        source: 'network',
        detail: `${hostOf(usable.url)} answered with a User link, but that link did not ask for a web ticket (401): ${user.message}`,
        evidence,
        articleId: 'lyncdiscover-mobility-discovery',
      });
    }
    const ticket = user ? `; its User link asks for a web ticket (401${user.authSchemes.length ? `; offers ${user.authSchemes.join(', ')}` : ''})` : '';
    return step('autodiscover', { status: 'ok', source: 'network', detail: `${hostOf(usable.url)} answered${usable.status !== null ? ` ${usable.status}` : ''} with a User link${usable.hops.length > 1 ? ` after ${usable.hops.length - 1} redirect(s)` : ''}${ticket}`, evidence });
  }
  const noUser = attempts.find((a) => a.outcome === 'ok');
  if (noUser) {
    return step('autodiscover', { status: 'failed', source: 'network', detail: `${hostOf(noUser.url)} answered without a User link: clients that discover through lyncdiscover cannot go on`, evidence: [...attemptEvidence(noUser), ...noUser.links.map((l) => ev('link', `${l.token} ${l.href}`)), ...others(noUser)], articleId: 'lyncdiscover-mobility-discovery' });
  }
  const proxied = attempts.find((a) => a.outcome === 'proxy-auth-required');
  if (proxied) {
    const target = `${hostOf(proxied.url)}:443`;
    const p407 = s.sections.proxyAuth?.data?.probes.find((p) => p.target === target && p.status === 407);
    return step('autodiscover', {
      status: 'warning',
      source: 'network',
      detail: `The proxy${proxied.via ? ` ${proxied.via}` : ''} answers 407 (authentication required) before ${hostOf(proxied.url)} is reached; the client can answer it with its Windows credentials, this check sends none — whether it gets through is not known`,
      evidence: [...attemptEvidence(proxied), ...(p407 ? [ev('proxy answer', p407.message)] : []), ...others(proxied)],
      articleId: 'authenticating-proxy-blocks-meeting-join',
    });
  }
  const broken = attempts.find((a) => ASK_FAILED[a.outcome] !== undefined);
  if (broken) {
    return step('autodiscover', {
      status: 'failed',
      source: 'network',
      detail: `${hostOf(broken.url)} ${ASK_FAILED[broken.outcome]}${broken.status !== null ? ` (HTTP ${broken.status})` : ''}`,
      evidence: [...attemptEvidence(broken), ...(broken.status !== null ? [ev('HTTP status', broken.status)] : []), ...others(broken)],
      articleId: 'lyncdiscover-mobility-discovery',
    });
  }
  const slow = attempts.find((a) => a.outcome === 'timeout');
  if (slow) {
    return step('autodiscover', { status: 'warning', source: 'network', detail: `${hostOf(slow.url)} gave no answer before the time limit`, evidence: [...attemptEvidence(slow), ...others(slow)], articleId: 'lyncdiscover-mobility-discovery' });
  }
  // Every attempt is "not-resolved": either DNS said the names do not exist, or DNS could not be asked.
  const unknown = attempts.filter((a) => /could not be asked/i.test(a.message));
  if (attempts.length === 0 || unknown.length > 0) {
    return step('autodiscover', { status: 'not-observed', source: 'network', detail: attempts.length ? 'DNS could not be asked for the lyncdiscover names, so autodiscover was not asked' : 'Autodiscover was not asked', evidence: attempts.map((a) => ev(a.role, a.message)) });
  }
  return step('autodiscover', {
    status: 'warning',
    source: 'network',
    detail: 'No lyncdiscover name resolves: autodiscover is not published (the desktop client falls back to the DNS SRV records; mobile clients cannot sign in)',
    evidence: attempts.map((a) => ev(a.role, a.message)),
    articleId: 'lyncdiscover-mobility-discovery',
  });
}

function autodiscoverFromLog(logs: LogsSection): TimelineStep | null {
  const calls = logs.webCalls.filter((w) => w.kind === 'autodiscover');
  if (calls.length === 0) return null;
  const last = [...calls].reverse().find((w) => w.httpStatus !== null) ?? (calls[calls.length - 1] as (typeof calls)[number]);
  const quote = ev('line', `${baseName(last.file)}:${last.line} ${last.url}${last.httpStatus !== null ? ` → HTTP ${last.httpStatus}` : ''}`);
  const code = last.httpStatus;
  const base = { source: 'log' as const, at: last.timestamp, evidence: [quote] };
  if (code === null) return step('autodiscover', { ...base, status: 'not-observed', detail: `The client asked ${hostOf(last.url)}; its answer is not in the log` });
  if (code === 407) return step('autodiscover', { ...base, status: 'warning', detail: `A proxy asked for authentication (407) on the way to ${hostOf(last.url)}`, articleId: 'authenticating-proxy-blocks-meeting-join' });
  if (code < 400 || code === 401) return step('autodiscover', { ...base, status: 'ok', detail: `${hostOf(last.url)} answered ${code}${code === 401 ? ' (asks for a web ticket)' : ''}` });
  return step('autodiscover', { ...base, status: 'failed', detail: `${hostOf(last.url)} answered HTTP ${code}`, articleId: 'lyncdiscover-mobility-discovery' });
}

/** Autodiscover: the autodiscover section (with the proxy's 407), else the client log's autodiscover calls. */
export function autodiscoverStep(s: Snapshot, logs: LogsSection | undefined): TimelineStep {
  const sec = s.sections.autodiscover;
  if (sec?.data) return autodiscoverFromSection(s, sec.data.attempts);
  const fromLog = logs ? autodiscoverFromLog(logs) : null;
  if (fromLog) return fromLog;
  return step('autodiscover', { status: 'not-observed', detail: sec ? `Autodiscover: ${sec.message}` : 'Autodiscover was not asked and no autodiscover call is in the log' });
}

/** The unauthenticated sign-in probe: TLS to each SIP server, a credential-less REGISTER, redirects, TLS-DSK web services. */
import { hostPort } from '../model/endpoint';
import { isIP } from 'node:net';
import type { SipAttempt, SipSection, SipTarget, WebServiceProbe } from '../model/sip';
import { mapConnect, type ProbeConnectOptions } from './connect';
import { exchange } from './exchange';
import { describeDiagnostic, type MsDiagnosticsTable } from './ms-diagnostics';
import { uriHostPort } from './parse';
import { buildRegister } from './register';
import { responseInfo } from './response';
import { openTls } from './tls-observe';
import { probeWebService, webServiceTargets } from './web-services';

export const MAX_TARGETS = 6;
export const MAX_REDIRECTS = 3;
export const TRUST_NOTE = 'Trust was not enforced for this probe: certificate chain and name problems are recorded, and the REGISTER was still sent to read the answer (like "ignore trust for SSL" in Remote Connectivity Analyzer). No credentials were sent.';

export interface ProbeOptions {
  /** --connect-to, --ca-file and --proxy, as the other probes apply them. */
  readonly connect?: ProbeConnectOptions;
  readonly sipAddress: string;
  readonly targets: readonly SipTarget[];
  /** Epoch ms by which everything must be finished. */
  readonly deadline: number;
  /** Cap on one connection + REGISTER exchange (the rest of the time goes to redirects and web services). */
  readonly attemptTimeoutMs: number;
  readonly signal?: AbortSignal;
  readonly table: MsDiagnosticsTable;
  readonly userAgent: string;
  /** Addresses for a host name (redirect targets, sts-uri hosts); empty: let the OS resolve. */
  readonly resolve: (host: string) => Promise<readonly string[]>;
  /** True when `resolve` is the only resolver allowed (a --dns-server lab): a name it cannot resolve is never handed to the OS. */
  readonly resolverOnly?: boolean;
  readonly now?: () => Date;
  readonly raw?: (name: string, content: string) => void;
  readonly concurrency?: number;
  /** Milliseconds kept back before the deadline to hand the result over. */
  readonly marginMs?: number;
}

const left = (o: ProbeOptions): number => Math.max(0, o.deadline - (o.marginMs ?? 100) - Date.now());

function label(t: SipTarget): string {
  return hostPort(t.host, t.port);
}

/** One target: TLS (trust not enforced), REGISTER without credentials, final response. */
export async function attemptTarget(target: SipTarget, o: ProbeOptions, dnsProblem?: string): Promise<SipAttempt> {
  const started = Date.now();
  const budget = Math.min(o.attemptTimeoutMs, left(o));
  const skipped = (message: string): SipAttempt => ({
    target,
    tls: { host: target.host, port: target.port, address: null, outcome: 'timeout', error: message, protocol: null, cipher: null, chainTrusted: null, chainError: null, nameMatches: null, nameError: null, certificate: null, trustEnforced: false, durationMs: 0 },
    outcome: 'skipped',
    response: null,
    message,
    redirectTo: null,
    durationMs: 0,
  });
  if (budget <= 0) return skipped(`${label(target)} not tried: no time left before the deadline`);
  const mapped = mapConnect(o.connect?.connectTo, target.host, target.port);
  const address = mapped?.address ?? target.addresses[0] ?? (isIP(target.host) ? target.host : null);
  if (address === null && o.resolverOnly) {
    // "Could not ask" is said as such, never as "does not resolve".
    const message = `${label(target)}: ${dnsProblem ?? `${target.host} does not resolve via the DNS server in use`}`;
    return { ...skipped(message), outcome: 'connect-failed', tls: { ...skipped(message).tls, outcome: 'unreachable' } };
  }
  const { socket, tls } = await openTls({
    host: target.host,
    port: target.port,
    address,
    timeoutMs: budget,
    signal: o.signal,
    ...(mapped ? { connectPort: mapped.port } : {}),
    ...(o.connect?.ca ? { ca: o.connect.ca } : {}),
  });
  if (!socket) {
    const outcome = tls.outcome === 'tls-error' ? 'tls-failed' : 'connect-failed';
    const why = tls.outcome === 'refused' ? 'connection refused' : tls.outcome === 'timeout' ? 'no TCP/TLS connection before the time limit' : tls.error ?? tls.outcome;
    return { target, tls, outcome, response: null, message: `${label(target)}: ${outcome === 'tls-failed' ? 'TLS handshake failed' : 'could not connect'} (${why})`, redirectTo: null, durationMs: Date.now() - started };
  }
  try {
    const request = buildRegister({ sipAddress: o.sipAddress, localAddress: socket.localAddress ?? '0.0.0.0', localPort: socket.localPort ?? 0, userAgent: o.userAgent });
    o.raw?.(`sip/${target.host}-${target.port}-register.txt`, request);
    const attemptEnds = started + budget;
    const r = await exchange(socket, request, Math.max(1, Math.min(attemptEnds - Date.now(), left(o))), o.signal, o.now);
    o.raw?.(`sip/${target.host}-${target.port}-answer.txt`, r.raw);
    if (r.kind !== 'response') {
      const outcome = r.kind === 'no-answer' ? 'no-answer' : r.kind;
      return { target, tls, outcome, response: null, message: `${label(target)}: ${r.detail}`, redirectTo: null, durationMs: Date.now() - started };
    }
    const response = responseInfo(r.message, o.table, r.receivedAt);
    let redirectTo: SipAttempt['redirectTo'] = null;
    if (response.statusCode >= 300 && response.statusCode < 400) {
      const to = response.contacts.map(uriHostPort).find((x) => x !== null);
      if (to) redirectTo = { host: to.host, port: to.port ?? 5061 };
    }
    const diag = response.diagnostics.map(describeDiagnostic).join('; ');
    const schemes = response.challenges.map((c) => c.scheme).join(', ');
    const message = `${label(target)} answered ${response.statusCode} ${response.reasonPhrase}${schemes ? `; offers ${schemes}` : ''}${redirectTo ? `; redirects to ${hostPort(redirectTo.host, redirectTo.port)}` : ''}${diag ? `; ${diag}` : ''}`;
    return { target, tls, outcome: 'response', response, message, redirectTo, durationMs: Date.now() - started };
  } finally {
    socket.destroy();
  }
}

async function inParallel<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Runs the whole probe; never throws, always returns what it saw. */
export async function probeSip(o: ProbeOptions): Promise<SipSection> {
  const targets = o.targets.slice(0, MAX_TARGETS);
  const attempts: SipAttempt[] = await inParallel(targets, o.concurrency ?? 4, (t) => attemptTarget(t, o));
  let final = attempts.findIndex((a) => a.outcome === 'response');
  const seen = new Set(targets.map(label));
  for (let hops = 0; final >= 0 && hops < MAX_REDIRECTS; hops++) {
    const cur = attempts[final] as SipAttempt;
    if (!cur.redirectTo) break;
    const key = hostPort(cur.redirectTo.host, cur.redirectTo.port);
    if (seen.has(key) && key !== label(cur.target)) {
      // already probed as a discovery target: reuse that attempt
      const again = attempts.findIndex((a) => label(a.target) === key);
      if (again >= 0 && again !== final) {
        final = again;
        continue;
      }
    }
    if (key === label(cur.target)) break; // redirect to itself: stop
    seen.add(key);
    let dnsProblem: string | undefined;
    const addresses = isIP(cur.redirectTo.host)
      ? [cur.redirectTo.host]
      : await o.resolve(cur.redirectTo.host).catch((e: Error) => {
          dnsProblem = e.message;
          return [] as string[];
        });
    const target: SipTarget = { host: cur.redirectTo.host, port: cur.redirectTo.port, source: 'redirect', addresses: [...addresses], redirectedFrom: label(cur.target) };
    const a = await attemptTarget(target, o, dnsProblem);
    attempts.push(a);
    final = attempts.length - 1;
    if (a.outcome !== 'response') break;
  }
  const finalAttempt = final >= 0 ? final : null;
  const answer = finalAttempt !== null ? attempts[finalAttempt]?.response : null;
  const webServices: WebServiceProbe[] = [];
  if (answer) {
    const wt = webServiceTargets(answer.challenges);
    const budget = left(o);
    if (wt.length && budget > 0) {
      webServices.push(...(await Promise.all(wt.map((t) => probeWebService(t, { timeoutMs: budget, signal: o.signal, userAgent: o.userAgent, resolve: o.resolve, resolverOnly: o.resolverOnly, connect: o.connect })))));
    }
  }
  return { sipAddress: o.sipAddress, targets, attempts, finalAttempt, webServices, trustEnforced: false, note: TRUST_NOTE };
}

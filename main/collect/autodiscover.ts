/** Autodiscover collector: GET https://lyncdiscover(internal).<domain>/?sipuri=<address>, follow, record the links or why not. */
import { hostPort } from '../model/endpoint';
import type { AutodiscoverAttempt, AutodiscoverOutcome, AutodiscoverSection } from '../model/autodiscover';
import { isDnsFact } from '../model/dns';
import { authSchemes, type ProxyRoute } from '../model/proxy';
import { findLink, parseAutodiscover } from './autodiscover-parse';
import { headerValues, httpExchange, type HttpAnswer } from './proxy-http';
import { NetError, netEnv, ProbeScope, type NetEnv, type NetFailure } from './proxy-net';
import { openRoute, type Route } from './proxy-tunnel';
import { describeCertificate } from './tls-chain';
import { tlsHandshake } from './tls-handshake';
import type { Collector } from './types';

export const MAX_AUTODISCOVER_BYTES = 256 * 1024;
const MAX_HOPS = 4;
/** Share of the diagnosis time one autodiscover request may use (the TLS probes run after it). */
const REQUEST_SHARE = 0.4;

const ROLES = ['lyncdiscoverinternal', 'lyncdiscover'] as const;

function routeOf(routes: readonly ProxyRoute[] | undefined, host: string, port: number): Route {
  const r = routes?.find((x) => x.host === host && x.port === port)?.chosen;
  return r?.kind === 'proxy' ? { kind: 'proxy', host: r.host, port: r.port } : { kind: 'direct' };
}

interface Got {
  readonly answer: HttpAnswer;
  readonly leafSha256: string | null;
  readonly via: string | null;
}

/** One GET over the client's route; TLS for https URLs (trust judged by the tls collector, not here). */
async function get(env: NetEnv, route: Route, url: URL, budget: () => number): Promise<Got> {
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const rs = await openRoute(env, route, url.hostname, port, budget());
  let socket = rs.socket;
  let leafSha256: string | null = null;
  if (url.protocol === 'https:') {
    const hs = await tlsHandshake(env.scope, rs.socket, url.hostname, budget());
    socket = hs.socket;
    leafSha256 = hs.chainDer[0] ? (describeCertificate(hs.chainDer[0])?.sha256 ?? null) : null;
  }
  const answer = await httpExchange(
    env.scope,
    socket,
    { method: 'GET', path: `${url.pathname}${url.search}`, host: url.host, headers: { Accept: 'application/json' }, maxBody: MAX_AUTODISCOVER_BYTES, timeoutMs: budget() },
    env.now,
  );
  socket.destroy();
  return { answer, leafSha256, via: rs.via };
}

const FAILURE: Record<NetFailure, AutodiscoverOutcome> = {
  timeout: 'timeout',
  refused: 'unreachable',
  unreachable: 'unreachable',
  'dns-failed': 'unreachable',
  reset: 'unreachable',
  'not-http': 'bad-answer',
  'not-tls': 'tls-failed',
  'handshake-failed': 'tls-failed',
  'too-large': 'too-large',
  'proxy-auth-required': 'proxy-auth-required',
  'proxy-refused': 'proxy-failed',
  'proxy-failed': 'proxy-failed',
};

/** Asks one autodiscover name and follows HTTP redirects and Redirect links (at most MAX_HOPS requests). */
export async function askAutodiscover(env: NetEnv, role: (typeof ROLES)[number], domain: string, sipAddress: string, routes: readonly ProxyRoute[] | undefined, capMs: number): Promise<AutodiscoverAttempt> {
  const started = Date.now();
  const first = `https://${role}.${domain}/?sipuri=${sipAddress}`;
  const route = routeOf(routes, `${role}.${domain}`, 443);
  const hops: string[] = [];
  let url = new URL(first);
  let leaf: string | null = null;
  let dates: { serverDate?: string; localDate?: string } = {};
  const base = (): Omit<AutodiscoverAttempt, 'outcome' | 'message' | 'status' | 'contentType' | 'format' | 'accessLocation' | 'links' | 'userUrl'> => ({
    role,
    url: first,
    hops,
    via: route.kind === 'proxy' ? hostPort(route.host, route.port) : null,
    durationMs: Date.now() - started,
    leafSha256: leaf,
    ...dates,
  });
  const empty = { status: null, contentType: null, format: null, accessLocation: null, links: [], userUrl: null } as const;
  const budget = (): number => env.scope.budget(capMs - (Date.now() - started));
  for (;;) {
    hops.push(url.href);
    let got: Got;
    try {
      got = await get(env, route, url, budget);
    } catch (e) {
      const err = e instanceof NetError ? e : new NetError('unreachable', String(e));
      return { ...base(), ...empty, outcome: FAILURE[err.kind], message: `${url.href}: ${err.message}` };
    }
    const a = got.answer;
    if (hops.length === 1) {
      leaf = got.leafSha256;
      const d = headerValues(a.rawHeaders, 'date')[0];
      if (d) dates = { serverDate: d, localDate: a.localDate.toISOString() };
    }
    const contentType = headerValues(a.rawHeaders, 'content-type')[0] ?? null;
    const withStatus = { ...empty, status: a.status, contentType };
    const location = headerValues(a.rawHeaders, 'location')[0];
    if (a.status >= 300 && a.status < 400) {
      if (!location) return { ...base(), ...withStatus, outcome: 'http-error', message: `${url.href} answered ${a.status} without a Location` };
      if (hops.length >= MAX_HOPS) return { ...base(), ...withStatus, outcome: 'redirect-loop', message: `more than ${MAX_HOPS - 1} redirects (last to ${location})` };
      url = new URL(location, url);
      continue;
    }
    if (a.truncated) return { ...base(), ...withStatus, outcome: 'too-large', message: `${url.href} sent more than ${MAX_AUTODISCOVER_BYTES} bytes; stopped reading` };
    if (a.status !== 200) return { ...base(), ...withStatus, outcome: 'http-error', message: `${url.href} answered ${a.status} ${a.statusText}` };
    if (a.incomplete) return { ...base(), ...withStatus, outcome: 'bad-answer', message: `${url.href}: the connection closed before the answer was complete` };
    const parsed = parseAutodiscover(a.body.toString('utf8'));
    if (!parsed.ok) return { ...base(), ...withStatus, outcome: 'bad-answer', message: `${url.href}: ${parsed.reason}` };
    const redirect = findLink(parsed.links, 'redirect');
    if (redirect && hops.length < MAX_HOPS) {
      try {
        url = new URL(redirect.href, url);
        continue;
      } catch {
        /* unreadable Redirect link: report the answer as is */
      }
    }
    const user = findLink(parsed.links, 'user');
    const result = { ...base(), status: a.status, contentType, format: parsed.format, accessLocation: parsed.accessLocation, links: parsed.links, userUrl: user?.href ?? null };
    if (!user) return { ...result, outcome: 'ok', message: `answer with ${parsed.links.length} link(s) and no User link` };
    let userInfo: AutodiscoverAttempt['user'];
    try {
      const u = new URL(user.href, url);
      const g = await get(env, route, u, budget);
      const schemes = authSchemes(headerValues(g.answer.rawHeaders, 'www-authenticate'));
      userInfo = { status: g.answer.status, authSchemes: schemes, message: `User link answered ${g.answer.status}${schemes.length ? ` offering ${schemes.join(', ')}` : ''} (no credentials sent)` };
    } catch (e) {
      userInfo = { status: null, authSchemes: [], message: `User link not reachable: ${(e as Error).message}` };
    }
    return { ...result, user: userInfo, outcome: 'ok', durationMs: Date.now() - started, message: `${parsed.format.toUpperCase()} answer with ${parsed.links.length} link(s); ${userInfo.message}` };
  }
}

export const autodiscoverCollector: Collector<'autodiscover'> = {
  id: 'autodiscover',
  title: 'Lync autodiscover (lyncdiscover) request',
  platforms: 'all',
  after: ['dns', 'proxy'],
  async collect(ctx) {
    const scope = new ProbeScope(ctx.signal, ctx.deadline);
    try {
      const env = netEnv(ctx, scope);
      const domain = ctx.input.sipDomain;
      const routes = ctx.sections.proxy?.data?.routes;
      const cap = Math.max(500, ctx.input.timeoutMs * REQUEST_SHARE);
      ctx.progress(`asking lyncdiscover(internal).${domain}`);
      const unasked: string[] = [];
      const attempts = await Promise.all(
        ROLES.map(async (role): Promise<AutodiscoverAttempt> => {
          const host = `${role}.${domain}`;
          const mapped = env.connectTo.some((c) => c.host === host && c.port === 443);
          if (!mapped && !env.known.has(host)) {
            const n = ctx.sections.dns?.data?.names.find((x) => x.role === role);
            const why = n && !isDnsFact(n.outcome) ? `DNS could not be asked for ${host} (${n.outcome}); not asked` : `${host} does not resolve; not asked`;
            if (n && !isDnsFact(n.outcome)) unasked.push(host);
            return { role, url: `https://${host}/?sipuri=${ctx.input.sipAddress}`, hops: [], via: null, outcome: 'not-resolved', status: null, contentType: null, format: null, accessLocation: null, links: [], userUrl: null, message: why, durationMs: 0, leafSha256: null };
          }
          return askAutodiscover(env, role, domain, ctx.input.sipAddress, routes, cap);
        }),
      );
      const data: AutodiscoverSection = { sipAddress: ctx.input.sipAddress, attempts };
      const asked = attempts.filter((a) => a.outcome !== 'not-resolved');
      const text = attempts.map((a) => `${a.role}: ${a.outcome}${a.status ? ` (${a.status})` : ''}`).join('; ');
      if (asked.length === 0 && unasked.length > 0) return { status: 'error', message: `autodiscover not asked: DNS could not be asked for ${unasked.join(', ')}`, data };
      if (asked.length === 0) return { status: 'not-applicable', message: `no lyncdiscover record resolves for ${domain}; nothing to ask`, data };
      if (asked.every((a) => a.outcome === 'timeout')) return { status: 'timeout', message: `${text} — no autodiscover answer before the deadline`, data };
      if (unasked.length > 0) return { status: 'partial', message: `${text}; DNS could not be asked for ${unasked.join(', ')}`, data };
      return { status: 'ok', message: text, data };
    } finally {
      scope.close();
    }
  },
};

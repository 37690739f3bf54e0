/** Proxy authentication probe: CONNECT through each proxy in use without credentials; TLS through the tunnel vs direct. */
import { hostPort } from '../model/endpoint';
import type { Socket } from 'node:net';
import type { DirectDns, InterceptionVerdict, LeafSummary, ProxyProbe, ProxyRoute } from '../model/proxy';
import { connectTarget, NetError, netEnv, openTcp, ProbeScope, resolveHost, type NetEnv } from './proxy-net';
import { proxyConnect, type TunnelAnswer } from './proxy-tunnel';
import { describeCertificate } from './tls-chain';
import { tlsHandshake } from './tls-handshake';
import type { Collector } from './types';

/** Share of the diagnosis time one probe may use. */
const PROBE_SHARE = 0.5;

interface Target {
  readonly proxy: { host: string; port: number };
  readonly host: string;
  readonly port: number;
  readonly roles: ProxyRoute['roles'];
}

/** One probe per (proxy, endpoint) pair among the routes that go through an HTTP proxy. */
export function proxyTargets(routes: readonly ProxyRoute[]): Target[] {
  const out = new Map<string, Target>();
  for (const r of routes) {
    if (r.chosen.kind !== 'proxy') continue;
    const key = `${hostPort(r.chosen.host, r.chosen.port)}>${hostPort(r.host, r.port)}`;
    const prev = out.get(key);
    out.set(key, { proxy: { host: r.chosen.host, port: r.chosen.port }, host: r.host, port: r.port, roles: [...new Set([...(prev?.roles ?? []), ...r.roles])] });
  }
  return [...out.values()];
}

async function leafVia(env: NetEnv, socket: Socket, host: string, budget: number): Promise<LeafSummary> {
  const hs = await tlsHandshake(env.scope, socket, host, budget);
  hs.socket.destroy();
  const leaf = hs.chainDer[0] ? describeCertificate(hs.chainDer[0]) : null;
  if (!leaf) throw new NetError('handshake-failed', `${host} sent no readable certificate`);
  return { subject: leaf.subject, issuer: leaf.issuer, sha256: leaf.sha256 };
}

function failure(e: unknown): { outcome: ProxyProbe['outcome']; message: string } {
  const err = e instanceof NetError ? e : new NetError('unreachable', String(e));
  switch (err.kind) {
    case 'timeout':
      return { outcome: 'timeout', message: err.message };
    case 'not-http':
      return { outcome: 'not-http', message: err.message };
    case 'refused':
    case 'unreachable':
    case 'dns-failed':
    case 'reset':
      return { outcome: 'unreachable', message: err.message };
    default:
      return { outcome: 'error', message: err.message };
  }
}

/** CONNECT host:port through the proxy with no Proxy-Authorization; records what the proxy says. */
export async function probeThroughProxy(env: NetEnv, t: Target, capMs: number): Promise<ProxyProbe> {
  const started = Date.now();
  const proxy = hostPort(t.proxy.host, t.proxy.port);
  const target = hostPort(t.host, t.port);
  const base = { proxy, target, roles: t.roles };
  const budget = (): number => env.scope.budget(capMs - (Date.now() - started));
  // The direct path runs alongside: our DNS says whether the name exists (a refusal for a name that does not is
  // not the proxy's fault), and the direct handshake gives a certificate to compare (often blocked where a proxy is mandatory).
  let directDns: DirectDns = 'could-not-ask';
  const direct = (async (): Promise<LeafSummary | NetError> => {
    let host = t.host;
    if (connectTarget(env, t.host, t.port).mapped) directDns = 'resolves';
    else {
      try {
        host = (await resolveHost(env, t.host, budget()))[0] ?? t.host;
        directDns = 'resolves';
      } catch (e) {
        const o = e instanceof NetError ? e.detail.dnsOutcome : undefined;
        directDns = o === 'nxdomain' || o === 'nodata' ? o : 'could-not-ask';
        return e instanceof NetError ? e : new NetError('dns-failed', String(e));
      }
    }
    try {
      const c = await openTcp(env, host, t.port, budget());
      return await leafVia(env, c.socket, t.host, budget());
    } catch (e) {
      return e instanceof NetError ? e : new NetError('unreachable', String(e));
    }
  })();
  let a: TunnelAnswer;
  try {
    a = await proxyConnect(env, t.proxy, target, budget());
  } catch (e) {
    await direct;
    return { ...base, ...failure(e), status: null, statusText: '', authSchemes: [], proxyAgent: null, interception: 'not-tested', directDns, durationMs: Date.now() - started };
  }
  const common = {
    ...base,
    status: a.status,
    statusText: a.statusText,
    authSchemes: a.authSchemes,
    proxyAgent: a.proxyAgent,
    ...(a.serverDate ? { serverDate: a.serverDate, localDate: a.localDate.toISOString() } : {}),
    ...(a.proxyError ? { proxyError: a.proxyError } : {}),
  };
  if (!a.tunnel) {
    await direct;
    const auth = a.status === 407;
    const code = a.proxyError ? ` (${a.proxyError})` : '';
    const why: Record<DirectDns, string> = {
      resolves: `, although ${t.host} resolves directly`,
      nxdomain: `; ${t.host} does not exist in DNS (NXDOMAIN), so no proxy could connect: not the proxy's fault`,
      nodata: `; ${t.host} has no address in DNS (NODATA), so no proxy could connect: not the proxy's fault`,
      'could-not-ask': `; DNS could not be asked for ${t.host}, so it is unknown whether the proxy or the name is at fault`,
    };
    return {
      ...common,
      outcome: auth ? 'auth-required' : 'refused',
      interception: 'not-tested',
      directDns,
      message: auth
        ? `proxy ${proxy} answered 407 to CONNECT ${target}; it offers ${a.authSchemes.join(', ') || 'no scheme'} (no credentials were sent)`
        : `proxy ${proxy} refused CONNECT ${target}: ${a.status} ${a.statusText}${code}${why[directDns]}`,
      durationMs: Date.now() - started,
    };
  }
  let proxied: LeafSummary | NetError;
  try {
    proxied = await leafVia(env, a.tunnel, t.host, budget());
  } catch (e) {
    proxied = e instanceof NetError ? e : new NetError('handshake-failed', String(e));
  }
  const d = await direct;
  let interception: InterceptionVerdict = 'unknown';
  let note: string;
  if (proxied instanceof NetError) note = `tunnel open, but the TLS handshake through it failed: ${proxied.message}`;
  else if (d instanceof NetError) note = `tunnel open; certificate through the proxy issued by ${proxied.issuer}; no direct connection to compare (${d.message})`;
  else if (d.sha256 === proxied.sha256) {
    interception = 'none';
    note = 'tunnel open; the certificate through the proxy is the server\'s own';
  } else {
    interception = 'detected';
    note = `tunnel open, but the proxy presents a different certificate (issuer ${proxied.issuer}) than the server does directly (issuer ${d.issuer})`;
  }
  return {
    ...common,
    outcome: 'tunnel',
    directDns,
    interception,
    ...(proxied instanceof NetError ? {} : { proxiedLeaf: proxied }),
    ...(d instanceof NetError ? {} : { directLeaf: d }),
    message: `proxy ${proxy} tunnels ${target} without authentication; ${note}`,
    durationMs: Date.now() - started,
  };
}

export const proxyAuthCollector: Collector<'proxyAuth'> = {
  id: 'proxyAuth',
  title: 'Proxy authentication and TLS interception probe',
  platforms: 'all',
  after: ['proxy'],
  async collect(ctx) {
    const routes = ctx.sections.proxy?.data?.routes;
    if (!routes) return { status: 'not-applicable', message: 'no proxy data (the proxy collector did not finish)' };
    const targets = proxyTargets(routes);
    if (targets.length === 0) return { status: 'not-applicable', message: 'no endpoint goes through an HTTP proxy', data: { probes: [] } };
    const scope = new ProbeScope(ctx.signal, ctx.deadline);
    try {
      const env = netEnv(ctx, scope);
      ctx.progress(`CONNECT through ${new Set(targets.map((t) => hostPort(t.proxy.host, t.proxy.port))).size} proxy(ies) to ${targets.length} endpoint(s)`);
      const cap = Math.max(800, ctx.input.timeoutMs * PROBE_SHARE);
      const probes = await Promise.all(targets.map((t) => probeThroughProxy(env, t, cap)));
      const count = (o: ProxyProbe['outcome']): number => probes.filter((p) => p.outcome === o).length;
      const parts = (['tunnel', 'auth-required', 'refused', 'not-http', 'unreachable', 'timeout', 'error'] as const).filter((o) => count(o) > 0).map((o) => `${count(o)} ${o}`);
      const intercepted = probes.filter((p) => p.interception === 'detected').length;
      const msg = `${probes.length} CONNECT probe(s): ${parts.join(', ')}${intercepted ? `; TLS interception seen on ${intercepted}` : ''}`;
      if (probes.every((p) => p.outcome === 'timeout')) return { status: 'timeout', message: `${msg} — no proxy answered in time`, data: { probes } };
      const unknown = probes.filter((p) => (p.outcome === 'refused' || p.outcome === 'auth-required') && p.directDns === 'could-not-ask').map((p) => p.target);
      if (unknown.length) return { status: 'partial', message: `${msg}; DNS could not be asked for ${unknown.join(', ')}, so whether the proxy is at fault there is unknown`, data: { probes } };
      return { status: 'ok', message: msg, data: { probes } };
    } finally {
      scope.close();
    }
  },
};

/** TLS collector: handshake with every discovered HTTPS / SIP-TLS endpoint; chain, trust path, names, TLS versions. */
import { hostPort } from '../model/endpoint';
import { readFile, stat } from 'node:fs/promises';
import type { NetworkEndpoint, ProxyRoute } from '../model/proxy';
import { isGap } from '../model/status';
import type { TlsOutcome, TlsProbe, TlsSection, VersionSupport } from '../model/tls';
import { endpointsFromDns, withAutodiscoverHosts } from './proxy-endpoints';
import { NetError, netEnv, ProbeScope, type NetEnv } from './proxy-net';
import { openRoute, type Route } from './proxy-tunnel';
import { buildTrustPath, describeCertificate, MAX_RECORDED_CHAIN, trustStore, type TrustStore } from './tls-chain';
import { tlsHandshake, type Handshake, type HandshakeOptions } from './tls-handshake';
import type { Collector } from './types';

const PROBE_SHARE = 0.6;
const MAX_CA_FILE = 1024 * 1024;
const TLS12: HandshakeOptions = { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' };
const LEGACY: HandshakeOptions = { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' };

function routeFor(routes: readonly ProxyRoute[] | undefined, e: NetworkEndpoint): Route {
  if (e.protocol !== 'https') return { kind: 'direct' }; // SIP-TLS: the client's first attempt is direct
  const r = routes?.find((x) => x.host === e.host && x.port === e.port)?.chosen;
  return r?.kind === 'proxy' ? { kind: 'proxy', host: r.host, port: r.port } : { kind: 'direct' };
}

const OUTCOME: Partial<Record<NetError['kind'], TlsOutcome>> = {
  timeout: 'timeout',
  refused: 'refused',
  unreachable: 'unreachable',
  'dns-failed': 'dns-failed',
  reset: 'reset',
  'not-tls': 'not-tls',
  'handshake-failed': 'handshake-failed',
  'proxy-auth-required': 'proxy-auth-required',
  'proxy-refused': 'proxy-refused',
  'proxy-failed': 'proxy-failed',
};

async function handshake(env: NetEnv, route: Route, e: NetworkEndpoint, budget: () => number, opts: HandshakeOptions = {}): Promise<{ hs: Handshake; address: string | null; via: string | null }> {
  const rs = await openRoute(env, route, e.host, e.port, budget());
  const hs = await tlsHandshake(env.scope, rs.socket, e.host, budget(), opts);
  hs.socket.destroy();
  return { hs, address: rs.address, via: rs.via };
}

/** 'yes' / 'no' for a restricted handshake; 'not-tested' when this machine's OpenSSL cannot offer it or time ran out. */
async function supports(env: NetEnv, route: Route, e: NetworkEndpoint, budget: () => number, opts: HandshakeOptions): Promise<VersionSupport> {
  if (budget() <= 0) return 'not-tested';
  try {
    await handshake(env, route, e, budget, opts);
    return 'yes';
  } catch (err) {
    if (!(err instanceof NetError)) return 'not-tested';
    if (/NO_PROTOCOLS_AVAILABLE|no protocols available|NO_CIPHERS_AVAILABLE/i.test(err.message)) return 'not-tested';
    return err.kind === 'handshake-failed' || err.kind === 'reset' || err.kind === 'not-tls' ? 'no' : 'not-tested';
  }
}

/** Probes one endpoint: default handshake (legacy-only fallback), then TLS 1.2-only and TLS 1.0/1.1-only. */
export async function probeTls(env: NetEnv, e: NetworkEndpoint, route: Route, store: TrustStore, capMs: number): Promise<{ probe: TlsProbe; chainDer: readonly Buffer[] }> {
  const started = Date.now();
  const budget = (): number => env.scope.budget(capMs - (Date.now() - started));
  const base = { host: e.host, port: e.port, roles: e.roles };
  let main: { hs: Handshake; address: string | null; via: string | null };
  let legacyFirst = false;
  try {
    main = await handshake(env, route, e, budget);
  } catch (err) {
    const ne = err instanceof NetError ? err : new NetError('handshake-failed', String(err));
    let fallback: typeof main | undefined;
    if (ne.kind === 'handshake-failed') {
      try {
        fallback = await handshake(env, route, e, budget, LEGACY);
        legacyFirst = true;
      } catch {
        fallback = undefined;
      }
    }
    if (!fallback) {
      const via = route.kind === 'proxy' ? hostPort(route.host, route.port) : null;
      const probe: TlsProbe = { ...base, address: null, via, outcome: OUTCOME[ne.kind] ?? 'handshake-failed', message: ne.message, durationMs: Date.now() - started, protocol: null, cipher: null, chain: [], chainLength: 0, trust: null, tls12: 'not-tested', legacy: 'not-tested', tls13: 'not-tested' };
      return { probe, chainDer: [] };
    }
    main = fallback;
  }
  const proto = main.hs.protocol;
  const [tls12, legacy] = await Promise.all([
    proto === 'TLSv1.2' ? Promise.resolve<VersionSupport>('yes') : legacyFirst ? Promise.resolve<VersionSupport>('no') : supports(env, route, e, budget, TLS12),
    legacyFirst ? Promise.resolve<VersionSupport>('yes') : supports(env, route, e, budget, LEGACY),
  ]);
  const tls13: VersionSupport = proto === 'TLSv1.3' ? 'yes' : legacyFirst ? 'no' : proto === 'TLSv1.2' ? 'no' : 'not-tested';
  const der = main.hs.chainDer;
  const chain = der.slice(0, MAX_RECORDED_CHAIN).map(describeCertificate).filter((c): c is NonNullable<typeof c> => c !== null);
  const trust = buildTrustPath(der, store);
  const leaf = chain[0];
  const probe: TlsProbe = {
    ...base,
    address: main.address,
    via: main.via,
    outcome: 'ok',
    message: `${proto ?? 'TLS'}; ${der.length} certificate(s) sent; leaf ${leaf ? `CN=${leaf.subjectCN} issued by ${leaf.issuerCN || leaf.issuer}` : 'unreadable'}; ${trust.trusted ? 'trusted' : `not trusted (${trust.problem})`}`,
    durationMs: Date.now() - started,
    protocol: proto,
    cipher: main.hs.cipher,
    chain,
    chainLength: der.length,
    trust,
    tls12,
    legacy,
    tls13,
  };
  return { probe, chainDer: der };
}

async function readCaFile(path: string | undefined): Promise<{ path: string; text: string | null; problem?: string } | null> {
  if (!path) return null;
  try {
    const st = await stat(path);
    if (st.size > MAX_CA_FILE) return { path, text: null, problem: `${path} is larger than ${MAX_CA_FILE} bytes` };
    return { path, text: await readFile(path, 'utf8') };
  } catch (e) {
    return { path, text: null, problem: `${path} could not be read: ${(e as Error).message}` };
  }
}

function pem(der: Buffer): string {
  return `-----BEGIN CERTIFICATE-----\n${(der.toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`;
}

export const tlsCollector: Collector<'tls'> = {
  id: 'tls',
  title: 'TLS probe of discovered endpoints',
  platforms: 'all',
  after: ['dns', 'proxy', 'autodiscover'],
  async collect(ctx) {
    const scope = new ProbeScope(ctx.signal, ctx.deadline);
    try {
      const env = netEnv(ctx, scope);
      const fromDns = endpointsFromDns(ctx.sections.dns?.data, ctx.input.sipDomain, env.connectTo.map((c) => c.host));
      const endpoints = withAutodiscoverHosts(fromDns, ctx.sections.autodiscover?.data).filter((e) => e.probe);
      const store = trustStore(await readCaFile(ctx.input.caFile));
      const dns = ctx.sections.dns;
      if (endpoints.length === 0 && dns && isGap(dns.status)) return { status: 'error', message: `no endpoint to probe: DNS could not be asked for the discovery names (dns ${dns.status}: see the dns section)`, data: { trustStore: store.info, probes: [] } };
      if (endpoints.length === 0) return { status: 'not-applicable', message: 'no HTTPS or SIP-TLS endpoint was discovered', data: { trustStore: store.info, probes: [] } };
      ctx.progress(`TLS handshakes with ${endpoints.length} endpoint(s)`);
      const routes = ctx.sections.proxy?.data?.routes;
      const cap = Math.max(800, ctx.input.timeoutMs * PROBE_SHARE);
      const results = await Promise.all(endpoints.map((e) => probeTls(env, e, routeFor(routes, e), store, cap)));
      for (const r of results) if (r.chainDer.length) ctx.raw(`tls-${r.probe.host}-${r.probe.port}.pem`, r.chainDer.slice(0, MAX_RECORDED_CHAIN).map(pem).join(''));
      const probes = results.map((r) => r.probe);
      const data: TlsSection = { trustStore: store.info, probes };
      const counts = new Map<string, number>();
      for (const p of probes) counts.set(p.outcome, (counts.get(p.outcome) ?? 0) + 1);
      const msg = `${probes.length} endpoint(s): ${[...counts.entries()].map(([k, n]) => `${n} ${k}`).join(', ')}${store.info.caFileProblem ? `; ${store.info.caFileProblem}` : ''}`;
      if (probes.every((p) => p.outcome === 'timeout')) return { status: 'timeout', message: `${msg} — no endpoint completed a handshake before the deadline`, data };
      return { status: 'ok', message: msg, data };
    } finally {
      scope.close();
    }
  },
};

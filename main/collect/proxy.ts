/** Proxy collector: WinINET/WinHTTP settings (Windows), env variables, PAC evaluation and the route chosen per endpoint. */
import { endpointUrl, type EnvProxySettings, type NetworkEndpoint, type PacReading, type ProxyChoice, type ProxyRoute, type ProxySection, type WinInetSettings } from '../model/proxy';
import { stripCredentialsDeep, stripCredentialsInText } from './credentials';
import { fetchPac } from './pac';
import { startPacWorker, type PacEngine } from './pac-engine';
import { endpointsFromDns } from './proxy-endpoints';
import { netEnv, ProbeScope, type NetEnv } from './proxy-net';
import { choiceText, envChoice, envProxySettings, parsePacAnswer, parseProxyAddress, staticChoice } from './proxy-route';
import { readWinHttp, readWinInet } from './proxy-windows';
import type { Collector, CollectorContext } from './types';

/** Share of the diagnosis time a PAC download may use. */
const PAC_FETCH_SHARE = 0.3;

type Policy =
  | { readonly kind: 'cli-proxy'; readonly host: string; readonly port: number }
  | { readonly kind: 'pac'; readonly source: 'cli-pac' | 'wininet-pac'; readonly engine: PacEngine | null; readonly reading: PacReading }
  | { readonly kind: 'wininet-static'; readonly w: WinInetSettings }
  | { readonly kind: 'env'; readonly env: EnvProxySettings }
  | { readonly kind: 'none' };

async function routeFor(p: Policy, e: NetworkEndpoint): Promise<ProxyRoute> {
  const url = endpointUrl(e);
  const base = { host: e.host, port: e.port, url, roles: e.roles };
  switch (p.kind) {
    case 'cli-proxy': {
      const chosen: ProxyChoice = { kind: 'proxy', host: p.host, port: p.port };
      return { ...base, source: 'cli-proxy', candidates: [chosen], chosen, reason: '--proxy given on the command line' };
    }
    case 'pac': {
      if (!p.engine) {
        return { ...base, source: p.source, candidates: [{ kind: 'error', reason: `PAC ${p.reading.outcome}` }], chosen: { kind: 'direct' }, reason: `PAC unusable (${p.reading.outcome}); clients then go direct` };
      }
      const r = await p.engine.call(url, e.host);
      if (!r.ok) {
        const error: ProxyChoice = { kind: 'error', reason: r.error };
        // not evaluated (deadline): the route is unknown, never shown as DIRECT; a script failure: WinHTTP falls back to direct
        if (/^not evaluated|^deadline reached/.test(r.error)) return { ...base, source: p.source, candidates: [error], chosen: error, reason: `PAC not evaluated for this URL (${r.error.replace(/^not evaluated: /, '')}); route unknown` };
        return { ...base, source: p.source, candidates: [error], chosen: { kind: 'direct' }, reason: `${r.error}; clients then go direct` };
      }
      const candidates = parsePacAnswer(r.result);
      const first = candidates[0] ?? { kind: 'direct' as const };
      const chosen: ProxyChoice = first.kind === 'error' ? { kind: 'direct' } : first;
      const pacResult = typeof r.result === 'string' ? r.result.slice(0, 300) : String(r.result);
      return { ...base, source: p.source, pacResult, candidates, chosen, reason: `FindProxyForURL("${url}") = "${pacResult}"` };
    }
    case 'wininet-static': {
      const c = staticChoice(p.w.servers, p.w.bypass, p.w.bypassLocal, e.host, e.port);
      return { ...base, source: 'wininet-static', candidates: [c.chosen], chosen: c.chosen, reason: c.reason };
    }
    case 'env': {
      const c = envChoice(p.env, e.host, e.port) ?? { chosen: { kind: 'direct' as const }, reason: 'no proxy variable' };
      return { ...base, source: 'env', candidates: [c.chosen], chosen: c.chosen, reason: c.reason };
    }
    case 'none':
      return { ...base, source: 'none', candidates: [{ kind: 'direct' }], chosen: { kind: 'direct' }, reason: 'no proxy configured' };
  }
}

async function pacPolicy(env: NetEnv, source: string, origin: PacReading['origin'], capMs: number, raw: CollectorContext['raw']): Promise<Policy> {
  const worker = startPacWorker(env); // loads the engine while the file downloads
  const fetched = await fetchPac(env, source, origin, capMs);
  const kind = origin === 'cli' ? 'cli-pac' : 'wininet-pac';
  if (!fetched.text) {
    worker.dispose();
    return { kind: 'pac', source: kind, engine: null, reading: fetched.reading };
  }
  raw(`proxy-${origin}.pac`, fetched.text.slice(0, 64 * 1024));
  const compiled = await worker.load(fetched.text);
  if (!compiled.ok) return { kind: 'pac', source: kind, engine: null, reading: { ...fetched.reading, outcome: compiled.outcome, message: compiled.message } };
  return { kind: 'pac', source: kind, engine: compiled.engine, reading: fetched.reading };
}

/** Picks the policy a Lync client follows: --proxy, --proxy-pac, WinINET PAC, WinINET static, env (non-Windows), none. */
async function choosePolicy(ctx: CollectorContext, env: NetEnv, wininet: WinInetSettings | null, envSettings: EnvProxySettings): Promise<Policy> {
  const cap = Math.max(500, ctx.input.timeoutMs * PAC_FETCH_SHARE);
  if (ctx.input.proxy) {
    try {
      return { kind: 'cli-proxy', ...parseProxyAddress(ctx.input.proxy) };
    } catch {
      /* the CLI validates; an unreadable value falls through to the PC's settings */
    }
  }
  if (ctx.input.proxyPac) return pacPolicy(env, ctx.input.proxyPac, 'cli', cap, ctx.raw);
  if (wininet?.outcome === 'ok' && wininet.autoConfigUrl) return pacPolicy(env, wininet.autoConfigUrl, 'wininet', cap, ctx.raw);
  if (wininet?.outcome === 'ok' && wininet.proxyEnable && wininet.servers.length) return { kind: 'wininet-static', w: wininet };
  if (ctx.platform !== 'win32' && (envSettings.httpsProxy || envSettings.httpProxy)) return { kind: 'env', env: envSettings };
  return { kind: 'none' };
}

function summary(routes: readonly ProxyRoute[]): string {
  const counts = new Map<string, number>();
  for (const r of routes) counts.set(choiceText(r.chosen), (counts.get(choiceText(r.chosen)) ?? 0) + 1);
  return [...counts.entries()].map(([k, n]) => `${n}× ${k}`).join(', ');
}

/** Builds the proxy collector (the environment is injectable for tests). */
export function makeProxyCollector(getEnv: () => Readonly<Record<string, string | undefined>> = () => process.env): Collector<'proxy'> {
  return {
    id: 'proxy',
    title: 'Proxy settings, PAC and route per endpoint',
    platforms: 'all',
    after: ['dns'],
    async collect(ctx) {
      const scope = new ProbeScope(ctx.signal, ctx.deadline);
      const env = netEnv(ctx, scope);
      let policy: Policy = { kind: 'none' };
      try {
        const win = ctx.platform === 'win32';
        ctx.progress(win ? 'reading WinINET and WinHTTP proxy settings' : 'reading proxy environment variables');
        const [wininet, winhttp] = win ? await Promise.all([readWinInet(ctx), readWinHttp(ctx)]) : [null, null];
        const envSettings = envProxySettings(getEnv());
        policy = await choosePolicy(ctx, env, wininet, envSettings);
        const endpoints = endpointsFromDns(ctx.sections.dns?.data, ctx.input.sipDomain, env.connectTo.map((c) => c.host));
        ctx.progress(`choosing the route for ${endpoints.length} endpoint(s)`);
        const routes: ProxyRoute[] = [];
        for (const e of endpoints) routes.push(await routeFor(policy, e)); // one PAC VM: calls run one at a time
        const pac = policy.kind === 'pac' ? policy.reading : null;
        if (policy.kind === 'pac' && policy.engine?.alerts.length) ctx.raw('pac-alerts.txt', policy.engine.alerts.join('\n'));
        // Credentials go here, where they are first seen: the PAC was fetched with the full URL, but no
        // user-info or secret query value reaches the Snapshot (env, WinINET/WinHTTP, PAC source, messages).
        const data: ProxySection = stripCredentialsDeep({
          wininet,
          winhttp,
          env: envSettings,
          cli: { proxy: ctx.input.proxy ?? null, pac: ctx.input.proxyPac ?? null },
          pac,
          routes,
        });
        const pacNote = pac ? `; PAC ${pac.outcome}${pac.outcome === 'ok' ? '' : ` (${pac.message})`}` : '';
        const msg = stripCredentialsInText(`${routes.length} endpoint(s): ${summary(routes) || 'none discovered'}${pacNote}`);
        if (win && wininet && winhttp && wininet.outcome !== 'ok' && wininet.outcome !== 'absent' && winhttp.outcome !== 'ok') return { status: 'error', message: stripCredentialsInText(`Windows proxy settings could not be read: ${wininet.message}`), data };
        if (scope.expired && routes.some((r) => r.candidates.some((c) => c.kind === 'error' && /deadline/.test(c.reason)))) return { status: 'timeout', message: `deadline reached while evaluating the PAC file; ${msg}`, data };
        return { status: 'ok', message: msg, data };
      } finally {
        if (policy.kind === 'pac') policy.engine?.dispose();
        scope.close();
      }
    },
  };
}

export const proxyCollector = makeProxyCollector();

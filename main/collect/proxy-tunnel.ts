/** CONNECT through an HTTP proxy without credentials, and "open a socket the way the client would" (direct or tunnel). */
import { hostPort } from '../model/endpoint';
import type { Socket } from 'node:net';
import { authSchemes } from '../model/proxy';
import { headerValues, httpExchange } from './proxy-http';
import { NetError, openTcp, type NetEnv } from './proxy-net';

export type Route = { readonly kind: 'direct' } | { readonly kind: 'proxy'; readonly host: string; readonly port: number };

export interface TunnelAnswer {
  readonly status: number;
  readonly statusText: string;
  /** Scheme names from Proxy-Authenticate (no challenge data). */
  readonly authSchemes: readonly string[];
  /** Server or Via header of the proxy, trimmed. */
  readonly proxyAgent: string | null;
  readonly serverDate: string | null;
  readonly localDate: Date;
  /** The proxy's own error code header (squid's X-Squid-Error), trimmed. */
  readonly proxyError: string | null;
  /** Open tunnel on 2xx. */
  readonly tunnel?: Socket;
}

/** Sends `CONNECT target` to the proxy and reports exactly what it answered. */
export async function proxyConnect(env: NetEnv, proxy: { host: string; port: number }, target: string, timeoutMs: number): Promise<TunnelAnswer> {
  const started = Date.now();
  const { socket } = await openTcp(env, proxy.host, proxy.port, timeoutMs);
  const left = Math.max(0, timeoutMs - (Date.now() - started));
  // the proxy answers a CONNECT (the target is only named in it): errors name the proxy, never the target
  const answerer = `proxy ${hostPort(proxy.host, proxy.port)} (asked to CONNECT ${target})`;
  const a = await httpExchange(env.scope, socket, { method: 'CONNECT', path: target, host: target, maxBody: 0, timeoutMs: left, answerer }, env.now);
  const agent = [...headerValues(a.rawHeaders, 'server'), ...headerValues(a.rawHeaders, 'via')].join('; ').slice(0, 120);
  return {
    status: a.status,
    statusText: a.statusText,
    authSchemes: authSchemes(headerValues(a.rawHeaders, 'proxy-authenticate')),
    proxyAgent: agent || null,
    serverDate: headerValues(a.rawHeaders, 'date')[0] ?? null,
    proxyError: headerValues(a.rawHeaders, 'x-squid-error')[0]?.trim().slice(0, 200) || null,
    localDate: a.localDate,
    ...(a.tunnel ? { tunnel: a.tunnel } : {}),
  };
}

export interface RouteSocket {
  readonly socket: Socket;
  /** ip:port when direct. */
  readonly address: string | null;
  /** proxy host:port when tunnelled. */
  readonly via: string | null;
}

/** Opens a byte stream to host:port: directly, or through a CONNECT tunnel; proxy refusals become NetErrors. */
export async function openRoute(env: NetEnv, route: Route, host: string, port: number, timeoutMs: number): Promise<RouteSocket> {
  if (route.kind === 'direct') {
    const c = await openTcp(env, host, port, timeoutMs);
    return { socket: c.socket, address: c.address, via: null };
  }
  const via = hostPort(route.host, route.port);
  let t: TunnelAnswer;
  try {
    t = await proxyConnect(env, route, hostPort(host, port), timeoutMs);
  } catch (e) {
    const err = e instanceof NetError ? e : new NetError('proxy-failed', String(e));
    // (proxyConnect's own answer errors name the proxy already; connection errors name only the address)
    throw new NetError(err.kind === 'timeout' ? 'timeout' : 'proxy-failed', err.message.startsWith(`proxy ${via} `) ? err.message : `proxy ${via}: ${err.message}`);
  }
  if (t.tunnel) return { socket: t.tunnel, address: null, via };
  if (t.status === 407) {
    throw new NetError('proxy-auth-required', `proxy ${via} demands authentication (407; offers ${t.authSchemes.join(', ') || 'no scheme'}) for ${hostPort(host, port)}`, {
      status: 407,
      authSchemes: t.authSchemes,
    });
  }
  throw new NetError('proxy-refused', `proxy ${via} refused CONNECT ${hostPort(host, port)} (${t.status} ${t.statusText})`, { status: t.status });
}

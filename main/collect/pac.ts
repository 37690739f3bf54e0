/** PAC files: fetched over http, https or from disk, with a size cap and the deadline; judged to be a PAC or not. */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { PacReading } from '../model/proxy';
import { headerValues, httpExchange } from './proxy-http';
import { NetError, openTcp, type NetEnv } from './proxy-net';
import { tlsHandshake } from './tls-handshake';

export const MAX_PAC_BYTES = 1024 * 1024;

export interface FetchedPac {
  readonly reading: PacReading;
  readonly text: string | null;
}

type Source = { kind: 'url'; url: URL } | { kind: 'file'; path: string } | { kind: 'bad'; why: string };

function sourceOf(source: string): Source {
  if (/^https?:\/\//i.test(source)) {
    try {
      return { kind: 'url', url: new URL(source) };
    } catch {
      return { kind: 'bad', why: `"${source}" is not a valid URL` };
    }
  }
  if (/^file:/i.test(source)) {
    try {
      return { kind: 'file', path: fileURLToPath(source) };
    } catch (e) {
      return { kind: 'bad', why: `"${source}" is not a file URL this system can open (${(e as Error).message})` };
    }
  }
  return { kind: 'file', path: source };
}

function reading(source: string, origin: PacReading['origin'], scheme: PacReading['scheme'], started: number, over: Partial<PacReading> & Pick<PacReading, 'outcome' | 'message'>): PacReading {
  return { source, origin, scheme, bytes: 0, sha256: null, httpStatus: null, durationMs: Date.now() - started, ...over };
}

function judgeText(text: string): { outcome: 'ok' | 'not-pac'; message: string } {
  if (!/FindProxyForURL/.test(text)) return { outcome: 'not-pac', message: 'the file has no FindProxyForURL function (an error or login page instead of a PAC file?)' };
  return { outcome: 'ok', message: `${Buffer.byteLength(text)} bytes` };
}

async function readLocal(path: string): Promise<{ text?: string; tooLarge?: number; error?: string }> {
  let fh;
  try {
    fh = await open(path, 'r');
    const st = await fh.stat();
    if (!st.isFile()) return { error: `${path} is not a file` };
    if (st.size > MAX_PAC_BYTES) return { tooLarge: st.size };
    const buf = Buffer.alloc(st.size);
    await fh.read(buf, 0, st.size, 0);
    return { text: buf.toString('utf8') };
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? `${path} does not exist` : (e as Error).message };
  } finally {
    await fh?.close();
  }
}

/** Fetches a PAC file from a URL or a path (redirects followed up to 3 times); never throws. */
export async function fetchPac(env: NetEnv, source: string, origin: PacReading['origin'], capMs: number): Promise<FetchedPac> {
  const started = Date.now();
  const src = sourceOf(source);
  if (src.kind === 'bad') return { reading: reading(source, origin, 'file', started, { outcome: 'fetch-failed', message: src.why }), text: null };
  if (src.kind === 'file') {
    const r = await readLocal(src.path);
    if (r.tooLarge) return { reading: reading(source, origin, 'file', started, { outcome: 'too-large', message: `${src.path} is ${r.tooLarge} bytes; a PAC file over ${MAX_PAC_BYTES} bytes is refused`, bytes: r.tooLarge }), text: null };
    if (r.text === undefined) return { reading: reading(source, origin, 'file', started, { outcome: 'fetch-failed', message: r.error ?? 'unreadable' }), text: null };
    const j = judgeText(r.text);
    return { reading: reading(source, origin, 'file', started, { ...j, bytes: Buffer.byteLength(r.text), sha256: createHash('sha256').update(r.text).digest('hex') }), text: j.outcome === 'ok' ? r.text : null };
  }
  let url = src.url;
  const scheme = url.protocol === 'https:' ? 'https' : 'http';
  for (let hop = 0; hop < 4; hop++) {
    const budget = env.scope.budget(capMs - (Date.now() - started));
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    try {
      const tcp = await openTcp(env, url.hostname, port, budget);
      let sock = tcp.socket;
      if (url.protocol === 'https:') sock = (await tlsHandshake(env.scope, tcp.socket, url.hostname, env.scope.budget(capMs - (Date.now() - started)))).socket;
      const a = await httpExchange(env.scope, sock, { method: 'GET', path: `${url.pathname}${url.search}`, host: url.host, maxBody: MAX_PAC_BYTES, timeoutMs: env.scope.budget(capMs - (Date.now() - started)) }, env.now);
      sock.destroy();
      const ct = headerValues(a.rawHeaders, 'content-type')[0];
      const dates = { ...(headerValues(a.rawHeaders, 'date')[0] ? { serverDate: headerValues(a.rawHeaders, 'date')[0] as string, localDate: a.localDate.toISOString() } : {}), ...(ct ? { contentType: ct.slice(0, 100) } : {}) };
      const location = headerValues(a.rawHeaders, 'location')[0];
      if (a.status >= 300 && a.status < 400 && location && hop < 3) {
        url = new URL(location, url);
        continue;
      }
      if (a.truncated) return { reading: reading(source, origin, scheme, started, { outcome: 'too-large', message: `${url.href} sent more than ${MAX_PAC_BYTES} bytes; stopped reading`, bytes: a.bodyBytes, httpStatus: a.status, ...dates }), text: null };
      if (a.status !== 200) return { reading: reading(source, origin, scheme, started, { outcome: 'fetch-failed', message: `${url.href} answered ${a.status} ${a.statusText}`, httpStatus: a.status, ...dates }), text: null };
      if (a.incomplete) return { reading: reading(source, origin, scheme, started, { outcome: 'fetch-failed', message: `${url.href}: the connection closed before the file was complete`, httpStatus: a.status, ...dates }), text: null };
      const text = a.body.toString('utf8');
      const j = judgeText(text);
      return { reading: reading(source, origin, scheme, started, { ...j, bytes: a.body.length, sha256: createHash('sha256').update(a.body).digest('hex'), httpStatus: a.status, ...dates }), text: j.outcome === 'ok' ? text : null };
    } catch (e) {
      const err = e instanceof NetError ? e : new NetError('proxy-failed', String(e));
      return { reading: reading(source, origin, scheme, started, { outcome: 'fetch-failed', message: `PAC file ${url.href} could not be fetched: ${err.message}` }), text: null };
    }
  }
  return { reading: reading(source, origin, scheme, started, { outcome: 'fetch-failed', message: `${source}: too many redirects` }), text: null };
}

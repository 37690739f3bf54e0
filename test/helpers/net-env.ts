/** A probe environment (NetEnv) for calling the network probes directly in tests, with an abort handle. */
import { makeProxyCollector } from '../../main/collect/proxy';
import { proxyAuthCollector } from '../../main/collect/proxy-auth';
import { netEnv, ProbeScope, type NetEnv } from '../../main/collect/proxy-net';
import { collect } from '../../main/diagnose';
import type { DnsSection } from '../../main/model/dns';
import type { Sections } from '../../main/model/snapshot';
import { fixedCollector } from './network-snapshot';

export interface TestNet {
  readonly env: NetEnv;
  readonly scope: ProbeScope;
  readonly abort: () => void;
}

/** `connectTo` entries in --connect-to form; DNS goes to a closed local port unless sections know the name. */
export function testNet(opts: { timeoutMs?: number; connectTo?: readonly string[]; sections?: Sections; now?: () => Date } = {}): TestNet {
  const controller = new AbortController();
  const timeoutMs = opts.timeoutMs ?? 5000;
  const deadline = Date.now() + timeoutMs;
  const scope = new ProbeScope(controller.signal, deadline);
  const env = netEnv(
    {
      signal: controller.signal,
      deadline,
      input: { sipAddress: 'alice@contoso.com', sipDomain: 'contoso.com', dnsServer: '127.0.0.1:9', timeoutMs, connectTo: opts.connectTo ?? [] },
      sections: opts.sections ?? {},
      now: opts.now ?? (() => new Date()),
    },
    scope,
  );
  return { env, scope, abort: () => controller.abort() };
}

/** A loopback port with nothing listening (bound, then released). */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * A diagnosis of alice@contoso.com running the DNS section given, the proxy collector with `proxyPort` as the
 * `--proxy` (none: no proxy) and the proxy-auth probe; other names go to the lab's DNS (127.0.0.1:9, never answers).
 */
export function collectProxyAuth(dns: DnsSection, proxyPort: number | null, timeoutMs = 3000): ReturnType<typeof collect> {
  return collect({
    input: { sipAddress: 'alice@contoso.com', sipDomain: 'contoso.com', dnsServer: '127.0.0.1:9', timeoutMs, ...(proxyPort === null ? {} : { proxy: `http://127.0.0.1:${proxyPort}` }) },
    collectors: [fixedCollector('dns', dns), makeProxyCollector(() => ({})), proxyAuthCollector],
    platform: 'linux',
  });
}

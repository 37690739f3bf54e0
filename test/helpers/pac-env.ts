/** A NetEnv for PAC engine tests: no dns section, an unreachable DNS server (the tests pass their own resolver). */
import { netEnv, ProbeScope, type NetEnv } from '../../main/collect/proxy-net';

/** Builds the environment and its scope (close the scope at the end of the test). */
export function pacTestEnv(timeoutMs = 60_000): { env: NetEnv; scope: ProbeScope } {
  const controller = new AbortController();
  const deadline = Date.now() + timeoutMs;
  const scope = new ProbeScope(controller.signal, deadline);
  const env = netEnv({ signal: controller.signal, deadline, input: { sipAddress: 'a@contoso.com', sipDomain: 'contoso.com', dnsServer: '127.0.0.1:9', timeoutMs }, sections: {}, now: () => new Date() }, scope);
  return { env, scope };
}

/** A resolver answering from a fixed table (IP literals resolve to themselves, as getaddrinfo does). */
export function tableResolver(table: Readonly<Record<string, readonly string[]>>): (host: string) => Promise<readonly string[]> {
  return async (host) => {
    const h = host.toLowerCase();
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(h) || h.includes(':')) return [h];
    if (h === 'localhost') return ['127.0.0.1'];
    return table[h] ?? [];
  };
}

/** The network-path flags of `diagnose`: --proxy, --proxy-pac, --connect-to, --ca-file (validated, usage errors on bad values). */
import { hostPort } from '../model/endpoint';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseConnectTo } from '../collect/proxy-net';
import { parseProxyAddress } from '../collect/proxy-route';
import type { DiagnoseInput } from '../model/snapshot';
import { list, str, UsageError, type Parsed } from './args';

/** The optional DiagnoseInput fields these flags set (absent flags add nothing). */
export function networkInputFromFlags(p: Parsed): Pick<DiagnoseInput, 'proxy' | 'proxyPac' | 'connectTo' | 'caFile'> {
  const out: { proxy?: string; proxyPac?: string; connectTo?: readonly string[]; caFile?: string } = {};
  const proxy = str(p, 'proxy');
  if (proxy !== undefined) {
    if (/^https:\/\//i.test(proxy)) throw new UsageError('--proxy: only http:// proxies are supported (e.g. --proxy http://proxy.contoso.com:8080)');
    if (/@/.test(proxy)) throw new UsageError('--proxy: leave credentials out; Lync Doctor never authenticates to a proxy');
    try {
      const a = parseProxyAddress(proxy);
      out.proxy = `http://${hostPort(a.host, a.port)}`;
    } catch (e) {
      throw new UsageError(`--proxy: ${(e as Error).message}`);
    }
  }
  const pac = str(p, 'proxy-pac');
  if (pac !== undefined) {
    if (/^(https?|file):/i.test(pac)) out.proxyPac = pac;
    else {
      const abs = resolve(pac);
      if (!existsSync(abs)) throw new UsageError(`--proxy-pac: ${pac} is neither an http(s):// or file:// URL nor an existing file`);
      out.proxyPac = abs;
    }
  }
  const connectTo = list(p, 'connect-to');
  for (const c of connectTo) {
    try {
      parseConnectTo(c);
    } catch (e) {
      throw new UsageError(`--connect-to: ${(e as Error).message}`);
    }
  }
  if (connectTo.length) out.connectTo = connectTo;
  const ca = str(p, 'ca-file');
  if (ca !== undefined) {
    const abs = resolve(ca);
    if (!existsSync(abs)) throw new UsageError(`--ca-file: ${ca} does not exist`);
    out.caFile = abs;
  }
  return out;
}

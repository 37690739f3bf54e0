/** SIP sign-in probe collector: credential-less REGISTER to the servers DNS found (or --server), trust not enforced. */
import { hostPort } from '../model/endpoint';
import { readFile, stat } from 'node:fs/promises';
import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import { isDnsFact } from '../model/dns';
import type { SipSection, SipTarget } from '../model/sip';
import { isGap } from '../model/status';
import { loadMsDiagnosticsTable } from '../sip/ms-diagnostics-file';
import type { ProbeConnectOptions } from '../sip/connect';
import { probeSip } from '../sip/probe';
import { finalAttempt } from '../sip/signin-facts';
import { parseServerOverride, targetsFromDns } from '../sip/targets';
import { TOOL_VERSION } from '../version';
import { DnsClient } from './dns-query';
import { parseConnectTo } from './proxy-net';
import { parseProxyAddress } from './proxy-route';
import type { Collector, CollectorContext } from './types';
import { remainingMs } from './types';

export const PROBE_USER_AGENT = `LyncDoctor/${TOOL_VERSION} (sign-in probe, no credentials)`;

/** Addresses for a host via the diagnosis's DNS server; empty when none (the OS then resolves at connect). */
export function dnsResolver(ctx: CollectorContext): (host: string) => Promise<string[]> {
  const client = new DnsClient({ server: ctx.input.dnsServer, timeoutMs: Math.max(50, remainingMs(ctx)), signal: ctx.signal, deadline: ctx.deadline });
  return async (host) => {
    if (isIP(host)) return [host];
    const [a, aaaa] = await Promise.all([client.query(host, 'A'), client.query(host, 'AAAA')]);
    const addresses = [...a.answers, ...aaaa.answers];
    const failed = [a, aaaa].find((q) => !isDnsFact(q.outcome));
    if (addresses.length === 0 && failed) throw new Error(`DNS could not be asked for ${host} (${failed.outcome}), so whether it exists is unknown`);
    return addresses;
  };
}

const MAX_CA_FILE = 1024 * 1024;

/** Certificates (PEM blocks) of a --ca-file, or a reason it could not be used. */
export async function caFileCertificates(path: string): Promise<{ pems: string[]; problem?: string }> {
  try {
    const st = await stat(path);
    if (st.size > MAX_CA_FILE) return { pems: [], problem: `${path} is larger than ${MAX_CA_FILE} bytes` };
    const pems = (await readFile(path, 'utf8')).match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    return pems.length ? { pems } : { pems, problem: `${path} holds no PEM certificate` };
  } catch (e) {
    return { pems: [], problem: `${path} could not be read: ${(e as Error).message}` };
  }
}

/** --connect-to, --ca-file and --proxy for the SIP probe, read exactly as the TLS and autodiscover probes read them. */
export async function probeConnectOptions(input: CollectorContext['input']): Promise<{ connect: ProbeConnectOptions; problems: string[] }> {
  const problems: string[] = [];
  const connectTo = (input.connectTo ?? []).flatMap((spec) => {
    try {
      return [parseConnectTo(spec)];
    } catch (e) {
      problems.push(`--connect-to ${spec}: ${(e as Error).message}`);
      return [];
    }
  });
  let ca: string[] | undefined;
  if (input.caFile) {
    const r = await caFileCertificates(input.caFile);
    if (r.problem) problems.push(`--ca-file: ${r.problem}`);
    ca = [...rootCertificates, ...r.pems];
  }
  let proxy: ProbeConnectOptions['proxy'];
  if (input.proxy) {
    try {
      proxy = parseProxyAddress(input.proxy);
    } catch (e) {
      problems.push(`--proxy: ${(e as Error).message}`);
    }
  }
  return { connect: { ...(connectTo.length ? { connectTo } : {}), ...(ca ? { ca } : {}), ...(proxy ? { proxy } : {}) }, problems };
}

/** The targets for this run: --server when given, else the DNS section's SRV targets and sip hosts. */
export function plannedTargets(ctx: CollectorContext): { targets: SipTarget[]; why: string } {
  if (ctx.input.sipServer) {
    const { host, port } = parseServerOverride(ctx.input.sipServer);
    return { targets: [{ host, port, source: 'override', addresses: isIP(host) ? [host] : [] }], why: `--server ${hostPort(host, port)}` };
  }
  const dns = ctx.sections.dns?.data;
  if (!dns) return { targets: [], why: `DNS discovery gave no data (${ctx.sections.dns?.status ?? 'not run'})` };
  const targets = targetsFromDns(dns);
  return { targets, why: targets.length ? `${targets.length} server(s) from DNS` : `no SIP SRV record or sip host of ${dns.domain} resolved` };
}

function summary(data: SipSection): string {
  const final = finalAttempt(data);
  if (!final?.response) return `no SIP server answered (${data.attempts.map((a) => a.message).join('; ')})`;
  const r = final.response;
  const schemes = r.challenges.map((c) => c.scheme).join(', ');
  return `${hostPort(final.target.host, final.target.port)} answered ${r.statusCode} ${r.reasonPhrase}${schemes ? ` offering ${schemes}` : ''}; trust not enforced for this probe`;
}

export const sipCollector: Collector<'sip'> = {
  id: 'sip',
  title: 'SIP sign-in probe (no credentials)',
  platforms: 'all',
  after: ['dns'],
  async collect(ctx) {
    let planned;
    try {
      planned = plannedTargets(ctx);
    } catch (e) {
      return { status: 'error', message: `--server: ${(e as Error).message}` };
    }
    if (planned.targets.length === 0) {
      const dns = ctx.sections.dns;
      // DNS could not be asked: no target is a gap, not "nothing to probe".
      if (dns && isGap(dns.status)) return { status: 'error', message: `No SIP server to probe: DNS could not be asked for the SIP servers (dns ${dns.status}: see the dns section). Pass --server host:port to probe one directly.` };
      return { status: 'not-applicable', message: `No SIP server to probe: ${planned.why}. Pass --server host:port to probe one directly.` };
    }
    ctx.progress(`REGISTER without credentials to ${planned.targets.map((t) => hostPort(t.host, t.port)).join(', ')}`);
    const { connect, problems } = await probeConnectOptions(ctx.input);
    const data = await probeSip({
      connect,
      sipAddress: ctx.input.sipAddress,
      targets: planned.targets,
      deadline: ctx.deadline,
      attemptTimeoutMs: Math.max(500, Math.floor(ctx.input.timeoutMs * 0.6)),
      signal: ctx.signal,
      table: loadMsDiagnosticsTable(),
      userAgent: PROBE_USER_AGENT,
      resolve: dnsResolver(ctx),
      resolverOnly: ctx.input.dnsServer !== null,
      now: ctx.now,
      raw: ctx.raw,
    });
    ctx.raw('sip-probe.txt', [data.note, ...problems, ...data.attempts.map((a) => a.message), ...data.webServices.map((w) => `${w.kind}: ${w.message}`)].join('\n'));
    const answered = data.finalAttempt !== null;
    const allTimedOut = !answered && data.attempts.every((a) => a.outcome === 'no-answer' || a.outcome === 'skipped' || a.tls.outcome === 'timeout');
    if (allTimedOut) return { status: 'timeout', message: `No SIP server answered within ${ctx.input.timeoutMs} ms — check the firewall/VPN, or raise --timeout-ms`, data };
    return { status: 'ok', message: `${summary(data)}${problems.length ? `; ${problems.join('; ')}` : ''}`, data };
  },
};

/** A real DNS server on loopback (UDP, dns-packet) serving test zones: answers, NXDOMAIN, SERVFAIL, silence, garbage. */
import { createSocket, type Socket } from 'node:dgram';
import * as packet from 'dns-packet';

export type ZoneRecord =
  | { readonly name: string; readonly type: 'A'; readonly data: string }
  | { readonly name: string; readonly type: 'AAAA'; readonly data: string }
  | { readonly name: string; readonly type: 'CNAME'; readonly data: string }
  | { readonly name: string; readonly type: 'SRV'; readonly data: { target: string; port: number; priority?: number; weight?: number } };

/** answer: serve the zone; blackhole: never reply; servfail / refused: that rcode to every query; garbage: bytes that are no DNS. */
export type ServerMode = 'answer' | 'blackhole' | 'servfail' | 'refused' | 'garbage';

export interface DnsLabOptions {
  readonly records: readonly ZoneRecord[];
  readonly mode?: ServerMode;
  /** Delay before each answer. */
  readonly latencyMs?: number;
  /** Names (lower-case) that get SERVFAIL even in answer mode. */
  readonly servfail?: readonly string[];
  readonly host?: '127.0.0.1' | '::1';
}

export interface DnsLab {
  /** host:port to pass as --dns-server. */
  readonly address: string;
  readonly queries: Array<{ name: string; type: string }>;
  close(): Promise<void>;
}

const lc = (s: string): string => s.toLowerCase().replace(/\.$/, '');

function answersFor(records: readonly ZoneRecord[], qname: string, qtype: string): packet.Answer[] {
  const out: packet.Answer[] = [];
  let name = lc(qname);
  for (let hops = 0; hops < 16; hops++) {
    const here = records.filter((r) => lc(r.name) === name);
    const direct = here.filter((r) => r.type === qtype);
    if (direct.length) {
      for (const r of direct) out.push({ name, type: r.type, ttl: 60, class: 'IN', data: r.data } as packet.Answer);
      return out;
    }
    const cname = here.find((r) => r.type === 'CNAME');
    if (!cname) return out;
    out.push({ name, type: 'CNAME', ttl: 60, class: 'IN', data: cname.data as string });
    name = lc(cname.data as string);
  }
  return out;
}

/** Starts a DNS server on a random loopback UDP port. */
export async function startDnsLab(opts: DnsLabOptions): Promise<DnsLab> {
  const host = opts.host ?? '127.0.0.1';
  const sock: Socket = createSocket(host === '::1' ? 'udp6' : 'udp4');
  const queries: Array<{ name: string; type: string }> = [];
  const timers = new Set<NodeJS.Timeout>();
  sock.on('message', (msg, rinfo) => {
    let q: packet.Packet;
    try {
      q = packet.decode(msg);
    } catch {
      return;
    }
    const question = q.questions?.[0];
    if (!question) return;
    queries.push({ name: question.name, type: question.type });
    const mode = opts.mode ?? 'answer';
    if (mode === 'blackhole') return;
    let reply: Buffer;
    if (mode === 'garbage') reply = Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01]);
    else {
      const fail = mode === 'servfail' || (opts.servfail ?? []).includes(lc(question.name));
      const refused = mode === 'refused';
      const answers = fail || refused ? [] : answersFor(opts.records, question.name, question.type);
      const exists = opts.records.some((r) => lc(r.name) === lc(question.name));
      const rcode = refused ? 'REFUSED' : fail ? 'SERVFAIL' : exists ? 'NOERROR' : 'NXDOMAIN';
      reply = packet.encode({
        id: q.id,
        type: 'response',
        flags: packet.RECURSION_DESIRED | packet.RECURSION_AVAILABLE | (rcode === 'SERVFAIL' ? 2 : rcode === 'NXDOMAIN' ? 3 : rcode === 'REFUSED' ? 5 : 0),
        questions: [question],
        answers,
      });
    }
    const send = (): void => {
      sock.send(reply, rinfo.port, rinfo.address);
    };
    if (opts.latencyMs) {
      const t = setTimeout(() => {
        timers.delete(t);
        send();
      }, opts.latencyMs);
      timers.add(t);
    } else send();
  });
  await new Promise<void>((resolve) => sock.bind(0, host, resolve));
  const port = sock.address().port;
  return {
    address: host === '::1' ? `[::1]:${port}` : `127.0.0.1:${port}`,
    queries,
    close: () =>
      new Promise((resolve) => {
        for (const t of timers) clearTimeout(t);
        sock.close(() => resolve());
      }),
  };
}

/**
 * A healthy split-brain-internal zone for `domain` (inside view). Every address is loopback (127.0.x.y):
 * the network and SIP collectors that follow DNS probe what it names, and tests reach only loopback.
 */
export function healthyZone(domain: string): ZoneRecord[] {
  return [
    { name: `lyncdiscoverinternal.${domain}`, type: 'A', data: '127.0.10.10' },
    { name: `lyncdiscover.${domain}`, type: 'CNAME', data: `webext.${domain}` },
    { name: `webext.${domain}`, type: 'A', data: '127.0.20.10' },
    { name: `sipinternal.${domain}`, type: 'A', data: '127.0.10.11' },
    { name: `sip.${domain}`, type: 'A', data: '127.0.20.11' },
    { name: `_sipinternaltls._tcp.${domain}`, type: 'SRV', data: { target: `pool01.${domain}`, port: 5061, priority: 0, weight: 0 } },
    { name: `_sip._tls.${domain}`, type: 'SRV', data: { target: `sip.${domain}`, port: 443, priority: 0, weight: 0 } },
    { name: `pool01.${domain}`, type: 'A', data: '127.0.10.12' },
  ];
}

/** Builds the first REGISTER a Lync client sends — never with credentials: there is no parameter for them. */
import { bracketHost } from '../model/endpoint';
import { randomBytes, randomUUID } from 'node:crypto';

export interface RegisterOptions {
  /** alice@contoso.com */
  readonly sipAddress: string;
  /** Local address and port of the TLS connection (for Via/Contact). */
  readonly localAddress: string;
  readonly localPort: number;
  readonly userAgent: string;
  readonly cseq?: number;
  /** Fixed identifiers for tests; random otherwise. */
  readonly ids?: { readonly callId: string; readonly tag: string; readonly epid: string; readonly branch: string; readonly instance: string };
}

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

function hostForHeader(address: string): string {
  return bracketHost(address.replace(/^::ffff:/, ''));
}

/** The REGISTER text (CRLF line ends, Content-Length 0), modelled on the client's first REGISTER. */
export function buildRegister(opts: RegisterOptions): string {
  const address = opts.sipAddress.replace(/^sip:/i, '').toLowerCase();
  const domain = address.slice(address.indexOf('@') + 1);
  const ids = opts.ids ?? { callId: hex(16), tag: hex(5), epid: hex(5), branch: `z9hG4bK${hex(8)}`, instance: randomUUID().toUpperCase() };
  const local = `${hostForHeader(opts.localAddress)}:${opts.localPort}`;
  const lines = [
    `REGISTER sip:${domain} SIP/2.0`,
    `Via: SIP/2.0/TLS ${local};branch=${ids.branch}`,
    'Max-Forwards: 70',
    `From: <sip:${address}>;tag=${ids.tag};epid=${ids.epid}`,
    `To: <sip:${address}>`,
    `Call-ID: ${ids.callId}`,
    `CSeq: ${opts.cseq ?? 1} REGISTER`,
    `Contact: <sip:${local};transport=tls>;methods="INVITE, MESSAGE, INFO, OPTIONS, BYE, CANCEL, NOTIFY, ACK, REFER, BENOTIFY";proxy=replace;+sip.instance="<urn:uuid:${ids.instance}>"`,
    `User-Agent: ${opts.userAgent}`,
    'Supported: gruu-10, adhoclist, msrtc-event-categories',
    'Supported: ms-forking',
    'Supported: ms-cluster-failover',
    'ms-keep-alive: UAC;hop-hop=yes',
    'Event: registration',
    'Content-Length: 0',
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

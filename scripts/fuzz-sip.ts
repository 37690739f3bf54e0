/**
 * Fuzzes the SIP parser, challenge/ms-diagnostics readers, the stream framer, the log analyzer, the
 * SIP checks and the timeline with mutated and random input: any exception is a crash, and so is a log chunk
 * the in-place reading (LogAnalyzer.lineAt) reads differently from the line path, and a message or chunk the
 * fast reading (parseSipHead, kept records built late) reads differently from the whole parse.
 * `npm run fuzz:sip` runs 10 000 messages and 10 000 log chunks; the test suite runs fewer.
 */
import { sipChecks } from '../main/checks/sip';
import { LogAnalyzer } from '../main/logs/analyzer';
import { LineFeeder } from '../main/logs/line-feeder';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from '../main/model/snapshot';
import { challengesOf, credentialsScheme } from '../main/sip/auth';
import { frameLength } from '../main/sip/exchange';
import { diagnosticsOf, tableFromJson } from '../main/sip/ms-diagnostics';
import { cseqOf, HEAD_NAMES, headerValues, parseSipHead, parseSipMessage, splitList, uriHostPort, type SipParseResult } from '../main/sip/parse';
import { buildRegister } from '../main/sip/register';
import { responseInfo } from '../main/sip/response';
import { buildTimeline, renderTimeline } from '../main/sip/timeline';
import { readInChunks } from '../test/helpers/chunked-log-read';
import { prng } from '../test/helpers/prng';

const TABLE = tableFromJson([{ code: 1033, header: 'ms-diagnostics', reason: 'r', meaning: 'm', likelyFix: 'f', context: '', research: [], articleId: 'sip-sign-in-flow', verified: true, sources: [] }, { code: 4005, header: 'ms-diagnostics', reason: 'r', meaning: 'm', likelyFix: 'f', context: '', research: ['SFB-KI-038'], articleId: 'x', verified: true, sources: [] }]);

const SAMPLES = [
  'SIP/2.0 401 Unauthorized\r\nms-user-logon-data: RemoteUser\r\nDate: Tue, 10 Sep 2013 14:07:51 GMT\r\nWWW-Authenticate: NTLM realm="SIP Communications Service", targetname="pool01.contoso.com", version=4\r\nWWW-Authenticate: TLS-DSK realm="SIP Communications Service", targetname="pool01.contoso.com", version=4,\r\n   sts-uri="https://webpool.contoso.com/CertProv/CertProvisioningService.svc"\r\nCall-ID: c1\r\nCSeq: 9 REGISTER\r\nContent-Length: 0\r\nms-diagnostics: 1033;reason="Previous hop";\r\n   Domain="contoso.com";PeerServer="pool01"\r\n\r\n',
  'SIP/2.0 301 Redirect request to Home Server\r\nContact: <sip:pool02.contoso.com:5061;transport=Tls>\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n',
  'SIP/2.0 403 Forbidden\r\nms-diagnostics: 4005;reason="Destination URI either not enabled for SIP or does not exist";source="pool01"\r\nms-diagnostics-public: 4003;reason="x"\r\nWarning: 313 lcs.microsoft.com "x"\r\nContent-Length: 5\r\n\r\nhello',
  buildRegister({ sipAddress: 'alice@contoso.com', localAddress: '10.0.0.1', localPort: 5000, userAgent: 'fuzz', ids: { callId: 'c', tag: 't', epid: 'e', branch: 'b', instance: 'i' } }),
  'INVITE sip:bob@fabrikam.com SIP/2.0\ni: abc\nm: <sip:a@b>;q=1, <sip:c@d>\nl: 3\nProxy-Authorization: NTLM qop="auth"\n\nv=0',
];
/** Server-side CLS / OCSLogger text records (shapes from Microsoft and Cisco published traces). */
const CLS_RECORDS = [
  'TL_INFO(TF_PROTOCOL) [0]06E4.0EB4::01/18/2012-05:00:43.101.00005386 (SIPStack,SIPAdminLog::TraceProtocolRecord:SIPAdminLog.cpp(125))$$begin_record\nDirection: incoming;source="internal edge"\nPeer: pool01.contoso.com:61182\nMessage-Type: request\nStart-Line: OPTIONS sip:u@fabrikam.com SIP/2.0\nCSeq: 1 OPTIONS\nCall-ID: 017b\nCONTENT-LENGTH: 0\nMessage-Body: -\n$$end_record',
  'TL_ERROR(TF_DIAG) [edge]0B60.0D6C::03/02/2017-06:30:40.025.00005602 (SIPStack,SIPAdminLog::WriteDiagnosticEvent:SIPAdminLog.cpp(833)) [3634190282] $$begin_record\nSeverity: error\nText: Message cannot be routed Result-Code: 0xc3e93d67 SIPPROXY_E_ROUTING_MSG_CERT_MISMATCH\nSIP-Start-Line: INVITE sip:a@b.lab SIP/2.0\nSIP-Call-ID: e144\nSIP-CSeq: 1 INVITE\n$$end_record',
];
const JUNK = ['\r', '\n', '\r\n', '"', ';', ',', '=', ':', '<', '>', '\\', ' ', '\t', '\u0000', '\uFFFD', 'é', '0x', 'SIP/2.0 ', '401', 'sts-uri=', 'ms-diagnostics: ', 'Content-Length: 99999999', '\r\n\r\n'];


function mutate(text: string, rnd: () => number): string {
  let s = text;
  const ops = 1 + Math.floor(rnd() * 8);
  for (let k = 0; k < ops; k++) {
    const at = Math.floor(rnd() * (s.length + 1));
    const r = rnd();
    if (r < 0.25) s = s.slice(0, at) + (JUNK[Math.floor(rnd() * JUNK.length)] as string) + s.slice(at);
    else if (r < 0.45) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rnd() * 20));
    else if (r < 0.6) s = s.slice(0, at);
    else if (r < 0.75) s = s.slice(0, at) + String.fromCharCode(Math.floor(rnd() * 0xffff)) + s.slice(at);
    else if (r < 0.9) {
      const line = s.split('\n')[Math.floor(rnd() * 6)] ?? '';
      s = s.slice(0, at) + line.repeat(1 + Math.floor(rnd() * 50)) + s.slice(at);
    } else s = Array.from({ length: Math.floor(rnd() * 400) }, () => String.fromCharCode(Math.floor(rnd() * 256))).join('');
    if (s.length > 300_000) s = s.slice(0, 300_000); // keep the fuzzer's own strings bounded
  }
  return s;
}

export interface FuzzResult {
  readonly messages: number;
  readonly chunks: number;
  readonly parsed: number;
  readonly crashes: ReadonlyArray<{ readonly kind: string; readonly index: number; readonly error: string; readonly input: string }>;
}

function snapshotWith(sections: Snapshot['sections']): Snapshot {
  return { schemaVersion: SNAPSHOT_SCHEMA_VERSION, tool: { name: 'lync-doctor', version: 'fuzz' }, createdAt: '2026-06-01T00:00:00.000Z', demo: false, host: { platform: 'linux', release: '', arch: '' }, input: { sipAddress: 'alice@contoso.com', sipDomain: 'contoso.com', dnsServer: null, timeoutMs: 1 }, sections, answers: {} };
}

/** Reads text through a LineFeeder cut at `cuts` (in place or line by line); the section and timestamps. */
const readThrough = (text: string, cuts: readonly number[], inPlace: boolean): unknown => readInChunks(TABLE, 'fuzz.UccApilog', text, cuts, inPlace);

/** A parse result with only the headers named in `names` (parseSipHead must read those exactly as parseSipMessage). */
function headView(r: SipParseResult, names: ReadonlySet<string> | null): string {
  if (!r.ok) return JSON.stringify(r);
  const m = r.message;
  return JSON.stringify([m.kind, m.method, m.requestUri, m.statusCode, m.reasonPhrase, m.headers.filter((h) => names === null || names.has(h.canon ?? '')).map((h) => [h.name, h.value, h.canon])]);
}

/** The fast reading (head parse, in place, cut at `cuts`) against the whole parse line by line: the sections as JSON. */
function fastAndWhole(text: string, cuts: readonly number[]): [string, string] {
  const run = (fast: boolean): string => {
    const a = new LogAnalyzer(TABLE, { wholeParse: !fast });
    a.beginFile('fuzz.UccApilog');
    const f = new LineFeeder(a, false, fast);
    let at = 0;
    for (const c of fast ? [...cuts, text.length] : [text.length]) {
      if (c > at) f.feed(text.slice(at, c));
      at = Math.max(at, c);
    }
    f.end();
    a.endFile();
    return JSON.stringify([a.section([]), a.firstTimestamp, a.lastTimestamp, f.lines]);
  };
  return [run(true), run(false)];
}

/** Runs `count` message cases and `count` log-chunk cases from `seed`. */
export function fuzzSip(count: number, seed = 20260601): FuzzResult {
  const rnd = prng(seed);
  const crashes: Array<FuzzResult['crashes'][number]> = [];
  let parsed = 0;
  for (let i = 0; i < count; i++) {
    const input = mutate(SAMPLES[i % SAMPLES.length] as string, rnd);
    try {
      frameLength(Buffer.from(input, 'latin1'));
      const r = parseSipMessage(input);
      if (headView(parseSipHead(input), null) !== headView(r, HEAD_NAMES)) crashes.push({ kind: 'head', index: i, error: 'parseSipHead reads the message differently from parseSipMessage', input: input.slice(0, 500) });
      if (r.ok) {
        parsed++;
        challengesOf(r.message);
        diagnosticsOf(r.message, TABLE);
        credentialsScheme(r.message);
        cseqOf(r.message);
        for (const c of headerValues(r.message, 'contact').flatMap(splitList)) uriHostPort(c);
        if (r.message.kind === 'response') {
          const info = responseInfo(r.message, TABLE, new Date());
          const attempt = { target: { host: 'h', port: 1, source: 'override' as const, addresses: [] }, tls: { host: 'h', port: 1, address: null, outcome: 'ok' as const, error: null, protocol: null, cipher: null, chainTrusted: null, chainError: null, nameMatches: null, nameError: null, certificate: null, trustEnforced: false as const, durationMs: 0 }, outcome: 'response' as const, response: info, message: '', redirectTo: null, durationMs: 0 };
          const s = snapshotWith({ sip: { status: 'ok', message: '', durationMs: 0, data: { sipAddress: 'alice@contoso.com', targets: [], attempts: [attempt], finalAttempt: 0, webServices: [], trustEnforced: false, note: '' } } });
          for (const c of sipChecks) c.evaluate(s, { now: new Date('2026-06-01T00:00:00Z') });
          renderTimeline(buildTimeline(s));
        }
      }
    } catch (e) {
      crashes.push({ kind: 'message', index: i, error: (e as Error).stack ?? String(e), input: input.slice(0, 500) });
    }
  }
  const logLine = (k: number): string => `09/10/2013|14:07:${String(k % 60).padStart(2, '0')}.000 1F68:C14 INFO  :: `;
  for (let i = 0; i < count; i++) {
    const parts: string[] = [];
    const n = 1 + Math.floor(rnd() * 6);
    for (let k = 0; k < n; k++) {
      const r = rnd();
      if (r < 0.3) parts.push(`${logLine(k)}${rnd() < 0.5 ? 'Sending Packet' : 'Data Received'} - 192.0.2.1:443 (From Local Address: 10.0.0.1:5) 9 bytes:`);
      if (r < 0.8) parts.push((rnd() < 0.2 ? '' : logLine(k)) + mutate(SAMPLES[Math.floor(rnd() * SAMPLES.length)] as string, rnd));
      else if (r < 0.86) parts.push(mutate(CLS_RECORDS[Math.floor(rnd() * CLS_RECORDS.length)] as string, rnd));
      else if (r < 0.9) parts.push(mutate((SAMPLES[Math.floor(rnd() * SAMPLES.length)] as string).replace(/\r\n/g, rnd() < 0.5 ? '#015#012' : '#015 '), rnd));
      else parts.push(mutate(`${logLine(k)}ERROR :: failed hr=0xC3E93EE4 TargetUri=https://w/CertProv/x status code 500 ms-diagnostics: 1000;reason="x"`, rnd));
      if (rnd() < 0.5) parts.push(`${logLine(k)}End of Data Received - 192.0.2.1:443`);
    }
    const chunk = parts.join(rnd() < 0.5 ? '\r\n' : '\n');
    try {
      const a = new LogAnalyzer(TABLE);
      a.beginFile(`fuzz-${i}.UccApilog`);
      let no = 0;
      for (const line of chunk.split(/\r?\n|\r/)) a.line(line, ++no);
      a.endFile();
      const section = a.section([]);
      const s = snapshotWith({ logs: { status: 'ok', message: '', durationMs: 0, data: section } });
      for (const c of sipChecks) c.evaluate(s, { now: new Date('2026-06-01T00:00:00Z') });
      renderTimeline(buildTimeline(s));
    } catch (e) {
      crashes.push({ kind: 'log', index: i, error: (e as Error).stack ?? String(e), input: chunk.slice(0, 500) });
    }
    try {
      // the in-place reading (cut into pieces at seeded places) must read exactly as the line path
      const cuts = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => Math.floor(rnd() * chunk.length)).sort((x, y) => x - y);
      const want = JSON.stringify(readThrough(chunk, [], false));
      if (JSON.stringify(readThrough(chunk, cuts, true)) !== want) crashes.push({ kind: 'in-place', index: i, error: `in-place reading differs from the line path (cuts ${cuts.join(',')})`, input: chunk.slice(0, 500) });
      const [fast, whole] = fastAndWhole(chunk, cuts);
      if (fast !== whole) crashes.push({ kind: 'head', index: i, error: `the fast reading differs from the whole parse (cuts ${cuts.join(',')})`, input: chunk.slice(0, 500) });
    } catch (e) {
      crashes.push({ kind: 'in-place', index: i, error: (e as Error).stack ?? String(e), input: chunk.slice(0, 500) });
    }
  }
  return { messages: count, chunks: count, parsed, crashes };
}

if (require.main === module) {
  const count = Number(process.argv[2] ?? 10_000);
  const started = Date.now();
  const r = fuzzSip(Number.isFinite(count) && count > 0 ? count : 10_000);
  console.log(`fuzz:sip ${r.messages} messages (${r.parsed} parsed as SIP) + ${r.chunks} log chunks in ${Date.now() - started} ms: ${r.crashes.length} crash(es)`);
  for (const c of r.crashes.slice(0, 5)) console.log(`${c.kind} #${c.index}: ${c.error}\ninput: ${JSON.stringify(c.input)}`);
  process.exitCode = r.crashes.length ? 1 : 0;
}

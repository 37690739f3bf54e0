/**
 * The TCP-connect and autodiscover steps of the sign-in timeline (issue 17), table-driven. Each row's expected
 * reading was written from the evidence it carries, before running the code: a refused/timed-out connection to every
 * server the client tries is a failed connect (and then TLS was never tried: not observed); a TLS failure or a SIP
 * answer proves TCP came up; a deadline that stopped us from trying proves nothing; servers the client tries before
 * the one that connected make a warning (it waits for each); a proxy's 407 on the way to lyncdiscover is a warning
 * (the client answers it with its Windows credentials, the check sends none); an HTTP error, an unreachable server or
 * an answer without a User link is a failed autodiscover; names that do not resolve are "not published" (warning),
 * names DNS could not be asked for are "not observed".
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeLogFiles } from '../../../../main/logs/read';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';
import type { LoggedError, LoggedWebCall } from '../../../../main/model/logs';
import type { SipAttempt, TimelineStatus, TimelineStep, TimelineStepId } from '../../../../main/model/sip';
import type { Sections } from '../../../../main/model/snapshot';
import type { TlsProbe } from '../../../../main/model/tls';
import { buildTimeline, renderTimeline } from '../../../../main/sip/timeline';
import { tcpOfAttempt, tcpOfProbe } from '../../../../main/sip/timeline-network';
import { attempt as adAttempt, ok, proxyProbe, tlsProbe } from '../../../helpers/network-snapshot';
import { attempt, challenges, KERBEROS, logsSection, NTLM, req, resp, response, sipSection, tlsOk } from '../../../helpers/sip-snapshot';
import { baseSnapshot, dnsSection, name, srv } from '../../../helpers/snapshot';

const dns = dnsSection({
  srv: [srv('sipinternaltls', '_sipinternaltls._tcp.contoso.com', [['pool01.contoso.com', 5061]]), srv('sip-tls', '_sip._tls.contoso.com', [['sip.contoso.com', 443]])],
  srvTargets: [name('srv-target', 'pool01.contoso.com', ['192.0.2.10']), name('srv-target', 'sip.contoso.com', ['192.0.2.20'])],
});
const a401 = (host = 'pool01.contoso.com', port = 5061): SipAttempt => attempt(host, port, response(401, { challenges: challenges(NTLM, KERBEROS) }));
/** A connection that never came up: the probe's own wording ("could not connect (…)"). */
const down = (host: string, port: number, outcome: 'refused' | 'timeout' | 'unreachable', error: string | null = null): SipAttempt =>
  attempt(host, port, null, {
    outcome: 'connect-failed',
    tls: { ...tlsOk(host, port), outcome, error, protocol: null, cipher: null, certificate: null, chainTrusted: null, nameMatches: null },
    message: `${host}:${port}: could not connect (${outcome === 'refused' ? 'connection refused' : 'no TCP/TLS connection before the time limit'})`,
  });
const handshakeFailed = (host: string, port: number): SipAttempt =>
  attempt(host, port, null, { outcome: 'tls-failed', tls: { ...tlsOk(host, port), outcome: 'tls-error', error: 'wrong version number', protocol: null, certificate: null }, message: `${host}:${port}: TLS handshake failed (wrong version number)` });
const skipped = (host: string, port: number): SipAttempt =>
  attempt(host, port, null, { outcome: 'skipped', tls: { ...tlsOk(host, port), outcome: 'timeout', error: `${host}:${port} not tried: no time left before the deadline`, certificate: null }, message: `${host}:${port} not tried: no time left before the deadline` });
const sipTls = (over: Partial<TlsProbe>): TlsProbe => tlsProbe({ host: 'pool01.contoso.com', port: 5061, roles: ['sipinternal-srv'], address: '192.0.2.10:5061', ...over });
const tlsSection = (...probes: TlsProbe[]): Sections['tls'] => ok<'tls'>({ trustStore: { sources: ['node'], anchors: 1, caFile: null }, probes });
const logError = (hresult: string, name: string | null, sample: string): LoggedError => ({ hresult, name, count: 2, firstLine: 42, firstFile: 'C:\\Users\\alice\\Tracing\\Lync-UccApi-0.UccApilog', firstTimestamp: '2026-05-31T09:00:00.000', sample });
const webCall = (url: string, httpStatus: number | null): LoggedWebCall => ({ file: 'C:\\t\\Lync-UccApi-0.UccApilog', line: 77, timestamp: '2026-05-31T09:00:02.000', kind: 'autodiscover', url, httpStatus, text: url });

interface Row {
  readonly name: string;
  readonly sections: Sections;
  readonly connect: TimelineStatus;
  readonly tls: TimelineStatus;
  readonly autodiscover?: TimelineStatus;
  readonly failedStepId: TimelineStepId | null;
  /** Evidence of the step named, as "label: value" lines, each matched in order of the step's evidence. */
  readonly evidence?: { readonly step: TimelineStepId; readonly lines: readonly RegExp[] };
  readonly detail?: { readonly step: TimelineStepId; readonly re: RegExp };
  readonly source?: { readonly step: TimelineStepId; readonly is: TimelineStep['source'] };
}

const ROWS: Row[] = [
  {
    name: 'probe: the first server the client tries answers 401 → connect ok, naming host:port and address',
    sections: { dns, sip: sipSection([a401()]) },
    connect: 'ok',
    tls: 'ok',
    failedStepId: null,
    evidence: { step: 'connect', lines: [/^connected: pool01\.contoso\.com:5061 \(192\.0\.2\.10\)$/] },
    detail: { step: 'connect', re: /^pool01\.contoso\.com:5061 accepted the TCP connection$/ },
    source: { step: 'connect', is: 'probe' },
  },
  {
    name: 'probe: the first server refuses, the second answers → connect warning (the client waits); TLS itself is fine',
    sections: { dns, sip: sipSection([down('pool01.contoso.com', 5061, 'refused'), a401('sip.contoso.com', 443)]) },
    connect: 'warning',
    tls: 'ok',
    failedStepId: null,
    evidence: { step: 'connect', lines: [/^tried first: pool01\.contoso\.com:5061 \(192\.0\.2\.10\): refused the connection — could not connect \(connection refused\)$/, /^connected: sip\.contoso\.com:443/] },
    detail: { step: 'connect', re: /Connected to sip\.contoso\.com:443 after 1 server/ },
  },
  {
    name: 'probe: the first answers, later ones refused → connect ok (the client never waits for those); they are listed',
    sections: { dns, sip: sipSection([a401(), down('sip.contoso.com', 443, 'refused')]) },
    connect: 'ok',
    tls: 'ok',
    failedStepId: null,
    evidence: { step: 'connect', lines: [/^connected: pool01\.contoso\.com:5061/, /^also probed: sip\.contoso\.com:443 \(192\.0\.2\.10\): refused the connection/] },
  },
  {
    name: 'probe: every server refuses → connect failed with each refusal; TLS not observed (never failed); first broken = connect',
    sections: { dns, sip: sipSection([down('pool01.contoso.com', 5061, 'refused'), down('sip.contoso.com', 443, 'refused')]) },
    connect: 'failed',
    tls: 'not-observed',
    failedStepId: 'connect',
    evidence: { step: 'connect', lines: [/^tried: pool01\.contoso\.com:5061 .*refused the connection/, /^tried: sip\.contoso\.com:443 .*refused the connection/] },
    detail: { step: 'connect', re: /^No SIP server accepted a TCP connection \(2 tried\)$/ },
  },
  {
    name: 'probe: the TCP connection times out → connect failed, said as a timeout',
    sections: { dns, sip: sipSection([down('pool01.contoso.com', 5061, 'timeout', 'TCP connection did not complete within 3000 ms')]) },
    connect: 'failed',
    tls: 'not-observed',
    failedStepId: 'connect',
    evidence: { step: 'connect', lines: [/^tried: pool01\.contoso\.com:5061 .*did not accept the connection in time/] },
    detail: { step: 'connect', re: /every one timed out/ },
  },
  {
    name: 'probe: TCP up, the TLS handshake timed out → connect ok, TLS failed',
    sections: { dns, sip: sipSection([down('pool01.contoso.com', 5061, 'timeout', 'TLS handshake did not complete within 3000 ms')]) },
    connect: 'ok',
    tls: 'failed',
    failedStepId: 'tls',
  },
  {
    name: 'probe: the server does not speak TLS → connect ok, TLS failed with the handshake error',
    sections: { dns, sip: sipSection([handshakeFailed('pool01.contoso.com', 5061)]) },
    connect: 'ok',
    tls: 'failed',
    failedStepId: 'tls',
    evidence: { step: 'tls', lines: [/^tried: pool01\.contoso\.com:5061: TLS handshake failed \(wrong version number\)$/] },
  },
  {
    name: 'probe: nothing tried before the deadline → connect and TLS not observed; nothing is failed without evidence',
    sections: { dns, sip: sipSection([skipped('pool01.contoso.com', 5061)]) },
    connect: 'not-observed',
    tls: 'not-observed',
    failedStepId: null,
    detail: { step: 'connect', re: /No SIP server was tried before the time limit/ },
  },
  {
    name: 'probe: the director redirects (301) to a pool that refuses → connect failed on that hop (it is on the path), TLS not observed',
    sections: {
      dns,
      sip: sipSection(
        [
          attempt('pool01.contoso.com', 5061, response(301, { contacts: ['<sip:pool02.contoso.com:5061;transport=tls>'] }), { redirectTo: { host: 'pool02.contoso.com', port: 5061 } }),
          { ...down('pool02.contoso.com', 5061, 'refused'), target: { host: 'pool02.contoso.com', port: 5061, source: 'redirect', addresses: ['192.0.2.30'], redirectedFrom: 'pool01.contoso.com:5061' } },
        ],
        [],
        1,
      ),
    },
    connect: 'failed',
    tls: 'not-observed',
    failedStepId: 'connect',
    detail: { step: 'connect', re: /^Redirected to pool02\.contoso\.com:5061, which did not accept the TCP connection$/ },
    evidence: { step: 'connect', lines: [/^redirect: pool01\.contoso\.com:5061 answered 301 → pool02\.contoso\.com:5061$/, /^tried: pool02\.contoso\.com:5061 .*refused the connection/] },
  },
  {
    name: 'probe: redirected to a pool whose TLS handshake fails → connect ok, TLS failed quoting that pool (not the director)',
    sections: {
      dns,
      sip: sipSection(
        [
          attempt('pool01.contoso.com', 5061, response(301, { contacts: ['<sip:pool02.contoso.com:5061;transport=tls>'] }), { redirectTo: { host: 'pool02.contoso.com', port: 5061 } }),
          { ...handshakeFailed('pool02.contoso.com', 5061), target: { host: 'pool02.contoso.com', port: 5061, source: 'redirect', addresses: ['192.0.2.30'] } },
        ],
        [],
        1,
      ),
    },
    connect: 'ok',
    tls: 'failed',
    failedStepId: 'tls',
    evidence: { step: 'tls', lines: [/^tried: pool02\.contoso\.com:5061: TLS handshake failed/] },
  },
  {
    name: 'network (no SIP probe): the internal SRV target connects, the external one refuses → connect ok from the TLS section',
    sections: { dns, tls: tlsSection(sipTls({}), sipTls({ host: 'sip.contoso.com', port: 443, roles: ['sip-srv'], address: null, outcome: 'refused', message: '192.0.2.20:443 refused the connection' })) },
    connect: 'ok',
    tls: 'not-observed',
    failedStepId: null,
    source: { step: 'connect', is: 'network' },
    evidence: { step: 'connect', lines: [/^connected: pool01\.contoso\.com:5061 \(192\.0\.2\.10:5061\)$/, /^also probed: sip\.contoso\.com:443: 192\.0\.2\.20:443 refused the connection$/] },
  },
  {
    name: 'network: every SIP endpoint refuses (a federation endpoint that connects does not count) → connect failed',
    sections: { dns, tls: tlsSection(sipTls({ outcome: 'refused', address: null, message: '192.0.2.10:5061 refused the connection' }), sipTls({ host: 'sipfed.contoso.com', roles: ['federation-srv'] })) },
    connect: 'failed',
    tls: 'not-observed',
    failedStepId: 'connect',
    source: { step: 'connect', is: 'network' },
    evidence: { step: 'connect', lines: [/^tried: pool01\.contoso\.com:5061: 192\.0\.2\.10:5061 refused the connection$/] },
  },
  {
    name: 'network: accepted but no TLS handshake in time → TCP was up (connect ok)',
    sections: { dns, tls: tlsSection(sipTls({ outcome: 'timeout', address: '192.0.2.10:5061', message: 'pool01.contoso.com:5061 accepted the connection but did not complete a TLS handshake within 3000 ms' })) },
    connect: 'ok',
    tls: 'not-observed',
    failedStepId: null,
  },
  {
    name: 'network: a SIP endpoint reached only through a proxy says nothing about the direct connection → not observed',
    sections: { dns, tls: tlsSection(sipTls({ via: 'proxy.contoso.com:8080', outcome: 'proxy-refused', address: null })) },
    connect: 'not-observed',
    tls: 'not-observed',
    failedStepId: null,
  },
  {
    name: 'log: the client sent REGISTER → the connection came up, proved by that line',
    sections: { logs: logsSection([req(1), resp(1, 401, { challenges: challenges(NTLM) })]) },
    connect: 'ok',
    tls: 'ok',
    failedStepId: null,
    source: { step: 'connect', is: 'log' },
    evidence: { step: 'connect', lines: [/^line: Lync-UccApi-0\.UccApilog:\d+ REGISTER sip:contoso\.com SIP\/2\.0 \(CSeq 1 REGISTER\)$/] },
  },
  {
    name: 'log: no sign-in message, WSAECONNREFUSED logged → connect failed, quoting file:line of the error',
    sections: { logs: logsSection([], { errors: [logError('0x8007274D', 'HRESULT_FROM_WIN32(WSAECONNREFUSED)', 'ERROR :: connect failed hr=0x8007274D')] }) },
    connect: 'failed',
    tls: 'not-observed',
    failedStepId: 'connect',
    evidence: { step: 'connect', lines: [/^line: Lync-UccApi-0\.UccApilog:42 ERROR :: connect failed hr=0x8007274D$/] },
    detail: { step: 'connect', re: /WSAECONNREFUSED\) ×2/ },
  },
  {
    name: 'log: a WinHTTP connect error (a web service, not SIP) proves nothing about the SIP connection → not observed',
    sections: { logs: logsSection([], { errors: [logError('0x80072EFD', 'ERROR_WINHTTP_CANNOT_CONNECT', 'ERROR :: WinHttp hr=0x80072EFD')] }) },
    connect: 'not-observed',
    tls: 'not-observed',
    failedStepId: null,
  },
  {
    name: 'log: a refused connection followed by a REGISTER that went out → the sign-in connection came up (ok)',
    sections: { logs: logsSection([req(1)], { errors: [logError('0x8007274D', null, 'ERROR :: hr=0x8007274D')] }) },
    connect: 'ok',
    tls: 'ok',
    failedStepId: null,
  },
  // Autodiscover
  {
    name: 'autodiscover: an answer with a User link that asks for a web ticket (401) → ok',
    sections: { autodiscover: ok<'autodiscover'>({ sipAddress: 'alice@contoso.com', attempts: [adAttempt({ message: 'lyncdiscover answered 200 (json)', user: { status: 401, authSchemes: ['Bearer'], message: 'User link answered 401; offers Bearer' } })] }) },
    connect: 'not-observed',
    tls: 'not-observed',
    autodiscover: 'ok',
    failedStepId: null,
    source: { step: 'autodiscover', is: 'network' },
    detail: { step: 'autodiscover', re: /^lyncdiscover\.contoso\.com answered 200 with a User link; its User link asks for a web ticket \(401; offers Bearer\)$/ },
  },
  {
    name: 'autodiscover: the User link answers 500 instead of 401 → warning with that answer',
    sections: { autodiscover: ok<'autodiscover'>({ sipAddress: 'alice@contoso.com', attempts: [adAttempt({ user: { status: 500, authSchemes: [], message: 'User link answered 500 Internal Server Error' } })] }) },
    connect: 'not-observed',
    tls: 'not-observed',
    autodiscover: 'warning',
    failedStepId: null,
    detail: { step: 'autodiscover', re: /did not ask for a web ticket \(401\): User link answered 500/ },
  },
  {
    name: 'autodiscover: an answer without a User link → failed (lyncdiscover clients cannot go on)',
    sections: { autodiscover: ok<'autodiscover'>({ sipAddress: 'alice@contoso.com', attempts: [adAttempt({ userUrl: null, links: [{ token: 'self', href: 'https://webext.contoso.com/x' }], message: 'answered 200 without a User link' })] }) },
    connect: 'not-observed',
    tls: 'not-observed',
    autodiscover: 'failed',
    failedStepId: 'autodiscover',
    evidence: { step: 'autodiscover', lines: [/^lyncdiscover: answered 200 without a User link$/, /^link: self https:\/\/webext\.contoso\.com\/x$/] },
  },
  {
    name: 'autodiscover: 407 from the authenticating proxy (internal name not published) → warning, quoting the proxy\'s 407',
    sections: {
      autodiscover: ok<'autodiscover'>({
        sipAddress: 'alice@contoso.com',
        attempts: [
          adAttempt({ role: 'lyncdiscoverinternal', url: 'https://lyncdiscoverinternal.contoso.com/?sipuri=alice@contoso.com', outcome: 'not-resolved', status: null, links: [], userUrl: null, message: 'lyncdiscoverinternal.contoso.com does not resolve; not asked' }),
          adAttempt({ via: 'proxy.contoso.com:8080', outcome: 'proxy-auth-required', status: null, links: [], userUrl: null, message: 'proxy proxy.contoso.com:8080 demands authentication (407; offers Negotiate, NTLM)' }),
        ],
      }),
      proxyAuth: ok<'proxyAuth'>({ probes: [proxyProbe({ outcome: 'auth-required', status: 407, authSchemes: ['Negotiate', 'NTLM'], message: 'proxy proxy.contoso.com:8080 answered 407 to CONNECT lyncdiscover.contoso.com:443' })] }),
    },
    connect: 'not-observed',
    tls: 'not-observed',
    autodiscover: 'warning',
    failedStepId: null,
    evidence: {
      step: 'autodiscover',
      lines: [/^lyncdiscover: proxy proxy\.contoso\.com:8080 demands authentication \(407/, /^through proxy: proxy\.contoso\.com:8080$/, /^proxy answer: proxy proxy\.contoso\.com:8080 answered 407 to CONNECT lyncdiscover\.contoso\.com:443$/, /^lyncdiscoverinternal: lyncdiscoverinternal\.contoso\.com does not resolve/],
    },
  },
  {
    name: 'autodiscover: internal unreachable, external 500 → failed',
    sections: {
      autodiscover: ok<'autodiscover'>({
        sipAddress: 'alice@contoso.com',
        attempts: [adAttempt({ role: 'lyncdiscover', outcome: 'http-error', status: 500, links: [], userUrl: null, message: 'answered HTTP 500' })],
      }),
    },
    connect: 'not-observed',
    tls: 'not-observed',
    autodiscover: 'failed',
    failedStepId: 'autodiscover',
    detail: { step: 'autodiscover', re: /^lyncdiscover\.contoso\.com answered with an HTTP error \(HTTP 500\)$/ },
  },
  {
    name: 'autodiscover: internal unreachable but external usable → ok (outside the network the internal name is not reached)',
    sections: {
      autodiscover: ok<'autodiscover'>({
        sipAddress: 'alice@contoso.com',
        attempts: [
          adAttempt({ role: 'lyncdiscoverinternal', url: 'https://lyncdiscoverinternal.contoso.com/?sipuri=alice@contoso.com', outcome: 'unreachable', status: null, links: [], userUrl: null, message: 'lyncdiscoverinternal.contoso.com:443 refused the connection' }),
          adAttempt({}),
        ],
      }),
    },
    connect: 'not-observed',
    tls: 'not-observed',
    autodiscover: 'ok',
    failedStepId: null,
  },
  {
    name: 'autodiscover: both names do not resolve → warning: not published',
    sections: {
      autodiscover: ok<'autodiscover'>({
        sipAddress: 'alice@contoso.com',
        attempts: [
          adAttempt({ role: 'lyncdiscoverinternal', outcome: 'not-resolved', status: null, links: [], userUrl: null, message: 'lyncdiscoverinternal.contoso.com does not resolve; not asked' }),
          adAttempt({ outcome: 'not-resolved', status: null, links: [], userUrl: null, message: 'lyncdiscover.contoso.com does not resolve; not asked' }),
        ],
      }),
    },
    connect: 'not-observed',
    tls: 'not-observed',
    autodiscover: 'warning',
    failedStepId: null,
    detail: { step: 'autodiscover', re: /not published/ },
  },
  {
    name: 'autodiscover: DNS could not be asked for the names → not observed (never "not published")',
    sections: {
      autodiscover: ok<'autodiscover'>({
        sipAddress: 'alice@contoso.com',
        attempts: [adAttempt({ outcome: 'not-resolved', status: null, links: [], userUrl: null, message: 'DNS could not be asked for lyncdiscover.contoso.com (servfail); not asked' })],
      }),
    },
    connect: 'not-observed',
    tls: 'not-observed',
    autodiscover: 'not-observed',
    failedStepId: null,
  },
  {
    name: 'autodiscover: no answer before the time limit → warning, not failed',
    sections: { autodiscover: ok<'autodiscover'>({ sipAddress: 'alice@contoso.com', attempts: [adAttempt({ outcome: 'timeout', status: null, links: [], userUrl: null, message: 'no answer within 2000 ms' })] }) },
    connect: 'not-observed',
    tls: 'not-observed',
    autodiscover: 'warning',
    failedStepId: null,
  },
  {
    name: 'autodiscover from the log: the newest call answered 500 → failed, quoting file:line, URL and status',
    sections: { logs: logsSection([], { webCalls: [webCall('https://lyncdiscover.contoso.com/?sipuri=alice@contoso.com', 200), webCall('https://lyncdiscover.contoso.com/?sipuri=alice@contoso.com', 500)] }) },
    connect: 'not-observed',
    tls: 'not-observed',
    autodiscover: 'failed',
    failedStepId: 'autodiscover',
    source: { step: 'autodiscover', is: 'log' },
    evidence: { step: 'autodiscover', lines: [/^line: Lync-UccApi-0\.UccApilog:77 https:\/\/lyncdiscover\.contoso\.com\/\?sipuri=alice@contoso\.com → HTTP 500$/] },
  },
  {
    name: 'autodiscover from the log: 401 (web ticket asked) → ok; 407 → warning',
    sections: { logs: logsSection([], { webCalls: [webCall('https://lyncdiscover.contoso.com/?sipuri=alice@contoso.com', 401)] }) },
    connect: 'not-observed',
    tls: 'not-observed',
    autodiscover: 'ok',
    failedStepId: null,
  },
  {
    name: 'autodiscover from the log: a proxy 407 → warning',
    sections: { logs: logsSection([], { webCalls: [webCall('https://lyncdiscover.contoso.com/?sipuri=alice@contoso.com', 407)] }) },
    connect: 'not-observed',
    tls: 'not-observed',
    autodiscover: 'warning',
    failedStepId: null,
  },
  {
    name: 'autodiscover from the log: a call without a logged status → not observed (asked is not answered)',
    sections: { logs: logsSection([], { webCalls: [webCall('https://lyncdiscover.contoso.com/?sipuri=alice@contoso.com', null)] }) },
    connect: 'not-observed',
    tls: 'not-observed',
    autodiscover: 'not-observed',
    failedStepId: null,
  },
  {
    name: 'both connect and autodiscover failed → the first broken step is the connect (sign-in order)',
    sections: {
      dns,
      sip: sipSection([down('pool01.contoso.com', 5061, 'refused')]),
      autodiscover: ok<'autodiscover'>({ sipAddress: 'alice@contoso.com', attempts: [adAttempt({ outcome: 'unreachable', status: null, links: [], userUrl: null, message: 'refused' })] }),
    },
    connect: 'failed',
    tls: 'not-observed',
    autodiscover: 'failed',
    failedStepId: 'connect',
  },
];

for (const row of ROWS) {
  test(row.name, () => {
    const t = buildTimeline(baseSnapshot(row.sections));
    const by = (id: TimelineStepId): TimelineStep => t.steps.find((s) => s.id === id) as TimelineStep;
    const text = renderTimeline(t);
    assert.equal(by('connect').status, row.connect, `connect\n${text}`);
    assert.equal(by('tls').status, row.tls, `tls\n${text}`);
    assert.equal(by('autodiscover').status, row.autodiscover ?? 'not-observed', `autodiscover\n${text}`);
    assert.equal(t.failedStepId, row.failedStepId, text);
    // failedStep (the index, kept for the CLI contract) names the same step.
    assert.equal(t.failedStep === null ? null : t.steps[t.failedStep]?.id, row.failedStepId);
    if (row.evidence) {
      const lines = by(row.evidence.step).evidence.map((e) => `${e.label}: ${e.value}`);
      assert.equal(lines.length >= row.evidence.lines.length, true, lines.join('\n'));
      row.evidence.lines.forEach((re, i) => assert.match(lines[i] ?? '', re, lines.join('\n')));
    }
    if (row.detail) assert.match(by(row.detail.step).detail, row.detail.re);
    if (row.source) assert.equal(by(row.source.step).source, row.source.is);
    // The rule: a step is never failed without the evidence that proves it.
    for (const s of t.steps) if (s.status === 'failed') assert.ok(s.evidence.length > 0, `${s.id} failed without evidence`);
  });
}

test('the order is discovery → TCP → TLS → autodiscover → REGISTER → 401 → certificate → credentials → result, and the text marks the broken TCP step', () => {
  const t = buildTimeline(baseSnapshot({ dns, sip: sipSection([down('pool01.contoso.com', 5061, 'refused')]) }));
  assert.deepEqual(t.steps.map((s) => s.id), ['discovery', 'connect', 'tls', 'autodiscover', 'register', 'challenge', 'certificate', 'register-auth', 'result']);
  assert.equal(t.failedStep, 1);
  const text = renderTimeline(t);
  assert.match(text, />> 2\. FAILED TCP connection to the SIP server {2}\(probe\)/);
  assert.match(text, / {3}3\. -- {5}TLS connection to the SIP server/);
  assert.match(t.summary, /^Sign-in breaks at "TCP connection to the SIP server": No SIP server accepted a TCP connection/);
});

test('tcpOfAttempt / tcpOfProbe read each outcome as the probes record it', () => {
  assert.equal(tcpOfAttempt(a401()), 'up');
  assert.equal(tcpOfAttempt(attempt('h', 1, null)), 'up', 'no SIP answer: TCP and TLS were up');
  assert.equal(tcpOfAttempt(down('h', 1, 'refused')), 'failed');
  assert.equal(tcpOfAttempt(down('h', 1, 'unreachable')), 'failed');
  assert.equal(tcpOfAttempt(down('h', 1, 'timeout', 'TCP connection did not complete within 10 ms')), 'failed');
  assert.equal(tcpOfAttempt(down('h', 1, 'timeout', 'TLS handshake did not complete within 10 ms')), 'up');
  assert.equal(tcpOfAttempt(down('h', 1, 'timeout', 'cancelled at the deadline')), 'not-tried');
  assert.equal(tcpOfAttempt(handshakeFailed('h', 1)), 'up');
  assert.equal(tcpOfAttempt(skipped('h', 1)), 'not-tried');
  const p = (outcome: TlsProbe['outcome'], message = 'x', via: string | null = null): string => tcpOfProbe(sipTls({ outcome, message, via }));
  assert.deepEqual(
    [p('ok'), p('handshake-failed'), p('not-tls'), p('reset'), p('refused'), p('unreachable'), p('timeout', 'no time left to connect to 192.0.2.10:5061'), p('timeout', 'connect timed out'), p('dns-failed'), p('skipped'), p('ok', 'x', 'proxy:8080')],
    ['up', 'up', 'up', 'up', 'failed', 'failed', 'not-tried', 'failed', 'not-tried', 'not-tried', 'not-tried'],
  );
});

test('a client log read by the real analyzer: a refused connection and no SIP message → connect failed, quoting the line (hand-written log, UccApilog format)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ld-tl-log-'));
  try {
    const file = join(dir, 'Lync-UccApi-0.UccApilog');
    const lines = [
      '09/10/2013|14:07:50.000 1F68:C14 TRACE :: CUccPlatform::Initialize - ENTER',
      '09/10/2013|14:07:50.100 1F68:1A0 INFO  :: CSIPAsyncSocket::Connect - connecting to 192.0.2.10:5061',
      '09/10/2013|14:07:51.100 1F68:1A0 ERROR :: CSIPAsyncSocket::OnConnectComplete - connect failed hr=0x8007274D',
      '09/10/2013|14:07:51.200 1F68:C14 ERROR :: CUccEndpoint::OnSignInFailed - sign-in failed hr=0x8007274D',
    ];
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const logs = await analyzeLogFiles([{ path: file, origin: 'given' }], loadMsDiagnosticsTable());
    const t = buildTimeline(baseSnapshot({ logs: { status: 'ok', message: 'x', durationMs: 1, data: logs } }));
    const c = t.steps.find((s) => s.id === 'connect') as TimelineStep;
    assert.equal(c.status, 'failed', renderTimeline(t));
    assert.equal(t.failedStepId, 'connect');
    // The proof: file:line of the first line with the code, and that line's text (after the trace prefix).
    assert.equal(c.evidence[0]?.value, 'Lync-UccApi-0.UccApilog:3 CSIPAsyncSocket::OnConnectComplete - connect failed hr=0x8007274D');
    assert.ok(lines[2]?.endsWith('CSIPAsyncSocket::OnConnectComplete - connect failed hr=0x8007274D'));
    assert.equal(by(t, 'tls').status, 'not-observed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function by(t: ReturnType<typeof buildTimeline>, id: TimelineStepId): TimelineStep {
  return t.steps.find((s) => s.id === id) as TimelineStep;
}

// Pins on the wording and the evidence lists (each one written from the facts given).
const labels = (st: TimelineStep): string[] => st.evidence.map((e) => e.label);
const tl = (sections: Sections) => buildTimeline(baseSnapshot(sections));

test('connect evidence is in the client\'s order: tried first, connected, also probed — each server once', () => {
  const t = tl({ dns, sip: sipSection([down('a.contoso.com', 5061, 'refused'), a401('b.contoso.com', 5061), down('c.contoso.com', 443, 'refused')]) });
  const c = by(t, 'connect');
  assert.deepEqual(labels(c), ['tried first', 'connected', 'also probed']);
  assert.deepEqual(c.evidence.map((e) => e.value.split(' ')[0]), ['a.contoso.com:5061', 'b.contoso.com:5061', 'c.contoso.com:443']);
  assert.equal(c.articleId, 'network-endpoint-unreachable');
  assert.equal(by(tl({ dns, sip: sipSection([a401()]) }), 'connect').articleId, null, 'nothing to explain when the first server connects');
});

test('"every one timed out" only when every server timed out', () => {
  const mixed = by(tl({ dns, sip: sipSection([down('a.contoso.com', 5061, 'timeout', 'TCP connection did not complete within 9 ms'), down('b.contoso.com', 443, 'refused')]) }), 'connect');
  assert.equal(mixed.detail, 'No SIP server accepted a TCP connection (2 tried)');
});

test('TLS section: an endpoint with a sign-in role among others counts; one without any sign-in role does not; no SIP endpoint → the log decides', () => {
  const shared = tl({ tls: tlsSection(sipTls({ roles: ['federation-srv', 'sip-srv'], outcome: 'refused', address: null, message: 'refused' })) });
  assert.equal(by(shared, 'connect').status, 'failed');
  const webOnly = tl({ tls: tlsSection(tlsProbe({ outcome: 'refused', message: 'refused' })), logs: logsSection([req(1)]) });
  assert.equal(by(webOnly, 'connect').source, 'log');
  assert.equal(by(webOnly, 'connect').status, 'ok');
  const up = by(tl({ tls: tlsSection(sipTls({}), sipTls({ host: 'sip.contoso.com', port: 443, roles: ['sip'], outcome: 'unreachable', address: null, message: 'no route' })) }), 'connect');
  assert.equal(up.detail, 'pool01.contoso.com:5061 accepted the TCP connection; 1 other SIP server(s) did not');
  const alone = by(tl({ tls: tlsSection(sipTls({})) }), 'connect');
  assert.equal(alone.detail, 'pool01.contoso.com:5061 accepted the TCP connection');
});

test('log: the REGISTER names its peer; a lone answer proves the connection by its own line; the error count, name and time are quoted', () => {
  const sent = by(tl({ logs: logsSection([req(1)]) }), 'connect');
  assert.equal(sent.detail, 'The client sent REGISTER to 192.0.2.10:443, so its connection came up');
  assert.equal(sent.at, '2026-05-31T09:00:00.000');
  const answered = by(tl({ logs: logsSection([resp(1, 401, { challenges: challenges(NTLM) })]) }), 'connect');
  assert.equal(answered.status, 'ok');
  assert.equal(answered.detail, 'The server answered a REGISTER, so the connection to it came up');
  assert.match(answered.evidence[0]?.value ?? '', /^Lync-UccApi-0\.UccApilog:\d+ SIP\/2\.0 401 x \(CSeq 1 REGISTER\)$/);
  const once = by(tl({ logs: logsSection([], { errors: [{ ...logError('0x8007274c', null, '  connect timed out hr=0x8007274C  '), count: 1 }] }) }), 'connect');
  assert.equal(once.status, 'failed', 'the code is matched whatever the case of its hex digits');
  assert.equal(once.detail, 'No sign-in message in the log, and the client logged 0x8007274c: a connection was refused or could not be made');
  assert.equal(once.at, '2026-05-31T09:00:00.000');
  assert.equal(once.evidence[0]?.value, 'Lync-UccApi-0.UccApilog:42 connect timed out hr=0x8007274C');
});

test('autodiscover ok: its evidence names what answered, how, the User link and its answer, then the other name', () => {
  const t = tl({
    autodiscover: ok<'autodiscover'>({
      sipAddress: 'alice@contoso.com',
      attempts: [
        adAttempt({ role: 'lyncdiscoverinternal', outcome: 'not-resolved', status: null, links: [], userUrl: null, message: 'lyncdiscoverinternal.contoso.com does not resolve; not asked' }),
        adAttempt({ hops: ['https://lyncdiscover.contoso.com/?sipuri=alice@contoso.com', 'https://webext.contoso.com/?sipuri=alice@contoso.com'], via: 'proxy.contoso.com:8080', accessLocation: 'External', message: 'answered', user: { status: 401, authSchemes: [], message: 'User link answered 401' } }),
      ],
    }),
  });
  const a = by(t, 'autodiscover');
  assert.deepEqual(labels(a), ['lyncdiscover', 'requests', 'through proxy', 'HTTP status', 'AccessLocation', 'User link', 'User link answer', 'lyncdiscoverinternal']);
  assert.equal(a.evidence[3]?.value, '200 (json)');
  assert.equal(a.detail, 'lyncdiscover.contoso.com answered 200 with a User link after 1 redirect(s); its User link asks for a web ticket (401)');
  const noUserProbe = by(tl({ autodiscover: ok<'autodiscover'>({ sipAddress: 'alice@contoso.com', attempts: [adAttempt({ status: null, format: null })] }) }), 'autodiscover');
  assert.equal(noUserProbe.status, 'ok');
  assert.equal(noUserProbe.detail, 'lyncdiscover.contoso.com answered with a User link');
  assert.deepEqual(labels(noUserProbe), ['lyncdiscover', 'User link']);
});

test('autodiscover 407: the proxy answer quoted is the one for lyncdiscover (not another target); without a proxy name the sentence still reads', () => {
  const attempts = [adAttempt({ via: null, outcome: 'proxy-auth-required', status: null, links: [], userUrl: null, message: '407' })];
  const probes = [
    proxyProbe({ target: 'autodiscover.contoso.com:443', outcome: 'auth-required', status: 407, message: 'other target' }),
    proxyProbe({ target: 'lyncdiscover.contoso.com:443', outcome: 'tunnel', status: 200, message: 'tunnel, not a 407' }),
    proxyProbe({ target: 'lyncdiscover.contoso.com:443', outcome: 'auth-required', status: 407, message: 'the one' }),
  ];
  const a = by(tl({ autodiscover: ok<'autodiscover'>({ sipAddress: 'alice@contoso.com', attempts }), proxyAuth: ok<'proxyAuth'>({ probes }) }), 'autodiscover');
  assert.deepEqual(a.evidence.filter((e) => e.label === 'proxy answer').map((e) => e.value), ['the one']);
  assert.match(a.detail, /^The proxy answers 407 \(authentication required\) before lyncdiscover\.contoso\.com is reached/);
  assert.equal(a.articleId, 'authenticating-proxy-blocks-meeting-join');
});

test('autodiscover failures and warnings: evidence with the status and the other name; the article', () => {
  const attempts = [
    adAttempt({ role: 'lyncdiscoverinternal', url: 'https://lyncdiscoverinternal.contoso.com/?sipuri=alice@contoso.com', outcome: 'tls-failed', status: null, links: [], userUrl: null, message: 'handshake failed' }),
    adAttempt({ outcome: 'timeout', status: null, links: [], userUrl: null, message: 'slow' }),
  ];
  const a = by(tl({ autodiscover: ok<'autodiscover'>({ sipAddress: 'alice@contoso.com', attempts }) }), 'autodiscover');
  assert.equal(a.status, 'failed');
  assert.equal(a.detail, 'lyncdiscoverinternal.contoso.com failed the TLS handshake');
  assert.deepEqual(labels(a), ['lyncdiscoverinternal', 'lyncdiscover']);
  assert.equal(a.articleId, 'lyncdiscover-mobility-discovery');
  const http = by(tl({ autodiscover: ok<'autodiscover'>({ sipAddress: 'alice@contoso.com', attempts: [adAttempt({ outcome: 'http-error', status: 404, links: [], userUrl: null, message: '404' })] }) }), 'autodiscover');
  assert.deepEqual(http.evidence.map((e) => `${e.label}=${e.value}`), ['lyncdiscover=404', 'HTTP status=404']);
  const slow = by(tl({ autodiscover: ok<'autodiscover'>({ sipAddress: 'alice@contoso.com', attempts: [attempts[1] as never, adAttempt({ role: 'lyncdiscoverinternal', outcome: 'not-resolved', status: null, links: [], userUrl: null, message: 'nx' })] }) }), 'autodiscover');
  assert.equal(slow.detail, 'lyncdiscover.contoso.com gave no answer before the time limit');
  assert.deepEqual(labels(slow), ['lyncdiscover', 'lyncdiscoverinternal']);
  const unpublished = by(tl({ autodiscover: ok<'autodiscover'>({ sipAddress: 'alice@contoso.com', attempts: [adAttempt({ outcome: 'not-resolved', status: null, links: [], userUrl: null, message: 'nx' })] }) }), 'autodiscover');
  assert.deepEqual([unpublished.articleId, unpublished.evidence.length], ['lyncdiscover-mobility-discovery', 1]);
  const none = by(tl({ autodiscover: ok<'autodiscover'>({ sipAddress: 'alice@contoso.com', attempts: [] }) }), 'autodiscover');
  assert.deepEqual([none.status, none.detail], ['not-observed', 'Autodiscover was not asked']);
  const failedSection = by(tl({ autodiscover: { status: 'error', message: 'boom', durationMs: 1 } }), 'autodiscover');
  assert.deepEqual([failedSection.status, failedSection.detail], ['not-observed', 'Autodiscover: boom']);
});

test('autodiscover from the log: the newest call with a status decides (a later call without one does not hide it); 3xx is ok', () => {
  const url = 'https://lyncdiscover.contoso.com/?sipuri=alice@contoso.com';
  const a = by(tl({ logs: logsSection([], { webCalls: [webCall(url, 500), webCall(url, null)] }) }), 'autodiscover');
  assert.equal(a.status, 'failed');
  assert.equal(a.detail, 'lyncdiscover.contoso.com answered HTTP 500');
  assert.equal(a.at, '2026-05-31T09:00:02.000');
  const other = logsSection([], { webCalls: [{ ...webCall('https://webpool.contoso.com/CertProv/x', 500), kind: 'cert-provisioning' }] });
  assert.equal(by(tl({ logs: other }), 'autodiscover').status, 'not-observed', 'only autodiscover calls count');
  const moved = by(tl({ logs: logsSection([], { webCalls: [webCall(url, 302)] }) }), 'autodiscover');
  assert.deepEqual([moved.status, moved.detail], ['ok', 'lyncdiscover.contoso.com answered 302']);
  const asked = by(tl({ logs: logsSection([], { webCalls: [webCall(url, null)] }) }), 'autodiscover');
  assert.equal(asked.evidence[0]?.value, `Lync-UccApi-0.UccApilog:77 ${url}`);
});

test('sources agree: the client\'s logged REGISTER decides TCP and TLS alike, before the TLS section; sections without data are read as absent', () => {
  const t = tl({ tls: tlsSection(sipTls({ outcome: 'refused', address: null, message: 'refused' })), logs: logsSection([req(1)]) });
  assert.deepEqual([by(t, 'connect').status, by(t, 'connect').source, by(t, 'tls').status, by(t, 'tls').source], ['ok', 'log', 'ok', 'log']);
  const noData = tl({ tls: { status: 'error', message: 'no tls', durationMs: 1 } });
  assert.equal(by(noData, 'connect').status, 'not-observed');
  const attempts = [adAttempt({ via: 'p:8080', outcome: 'proxy-auth-required', status: null, links: [], userUrl: null, message: '407' })];
  const noProbes = by(tl({ autodiscover: ok<'autodiscover'>({ sipAddress: 'alice@contoso.com', attempts }), proxyAuth: { status: 'error', message: 'x', durationMs: 1 } }), 'autodiscover');
  assert.deepEqual([noProbes.status, labels(noProbes)], ['warning', ['lyncdiscover', 'through proxy']]);
});

test('a redirect hop not tried before the deadline: TCP and TLS not observed, nothing failed', () => {
  const hop: SipAttempt = { ...skipped('pool02.contoso.com', 5061), target: { host: 'pool02.contoso.com', port: 5061, source: 'redirect', addresses: [] } };
  const t = tl({ dns, sip: sipSection([attempt('pool01.contoso.com', 5061, response(301), { redirectTo: { host: 'pool02.contoso.com', port: 5061 } }), hop], [], 1) });
  const c = by(t, 'connect');
  assert.deepEqual([c.status, c.detail], ['not-observed', 'Redirected to pool02.contoso.com:5061, which was not tried before the time limit']);
  assert.deepEqual(labels(c), ['redirect', 'not tried']);
  assert.equal(by(t, 'tls').status, 'not-observed');
  assert.equal(t.failedStepId, null);
});

test('wording: an answering server probed after the one used is listed without a failure reason; hosts read from http and odd URLs', () => {
  const c = by(tl({ dns, sip: sipSection([a401(), a401('b.contoso.com', 5061)], [], 0) }), 'connect');
  assert.equal(c.evidence[1]?.value, 'b.contoso.com:5061 (192.0.2.10): b.contoso.com:5061 answered 401');
  const url = 'http://lyncdiscover.contoso.com/?sipuri=alice@contoso.com';
  const bad = by(tl({ logs: logsSection([], { webCalls: [webCall(url, 400)] }) }), 'autodiscover');
  assert.deepEqual([bad.status, bad.detail], ['failed', 'lyncdiscover.contoso.com answered HTTP 400']);
  const odd = by(tl({ logs: logsSection([], { webCalls: [webCall('lyncdiscover', 200)] }) }), 'autodiscover');
  assert.deepEqual([odd.status, odd.detail], ['ok', 'lyncdiscover answered 200']);
  const outside = tl({
    autodiscover: ok<'autodiscover'>({
      sipAddress: 'alice@contoso.com',
      attempts: [adAttempt({ role: 'lyncdiscoverinternal', url: 'https://lyncdiscoverinternal.contoso.com/?sipuri=alice@contoso.com', outcome: 'unreachable', status: null, links: [], userUrl: null, message: 'refused' }), adAttempt({})],
    }),
  });
  assert.equal(by(outside, 'autodiscover').detail, 'lyncdiscover.contoso.com answered 200 with a User link');
});

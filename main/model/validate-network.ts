/**
 * Data schemas of the network-path sections (proxy, proxyAuth, autodiscover, tls, clock) for imported
 * bundles, in the vocabulary of schema.ts. Meant for validate-snapshot.ts's SECTION_SCHEMAS registry.
 */
import type { AutodiscoverAttempt, AutodiscoverLink, AutodiscoverSection } from './autodiscover';
import type { ClockObservation, ClockSection } from './clock';
import type { EnvProxySettings, LeafSummary, PacReading, ProxyAuthSection, ProxyProbe, ProxyRoute, ProxySection, ProxyServerEntry, WinHttpSettings, WinHttpView, WinInetSettings } from './proxy';
import { anyOf, arr, bool, isoDate, literal, nullable, num, obj, oneOf, opt, str, type Validator } from './schema';
import type { TlsCertificate, TlsProbe, TlsSection, TrustPath, TrustStoreInfo } from './tls';

const name = str({ max: 1024 });
const text = str({ max: 64 * 1024 });
const port = num({ int: true, min: 0, max: 65535 });
const ms = num({ min: 0 });
const roles = arr(oneOf(['lyncdiscoverinternal', 'lyncdiscover', 'sipinternal', 'sip', 'sipexternal', 'sip-srv', 'sipinternal-srv', 'federation-srv', 'web-services', 'exchange-autodiscover', 'office365']), 20);
const reading = oneOf(['ok', 'absent', 'access-denied', 'error']);
const server = obj<ProxyServerEntry>({ scheme: oneOf(['all', 'http', 'https', 'ftp', 'socks']), host: name, port });
const dateText = str({ max: 128 });

const choice = anyOf(
  obj({ kind: literal('direct') }),
  obj({ kind: literal('proxy'), host: name, port }),
  obj({ kind: literal('unsupported'), value: text }),
  obj({ kind: literal('error'), reason: text }),
);

const wininet = obj<WinInetSettings>({
  outcome: reading,
  message: text,
  keyPath: name,
  proxyEnable: bool,
  proxyServer: nullable(text),
  servers: arr(server, 100),
  bypass: arr(name, 1000),
  bypassLocal: bool,
  autoConfigUrl: nullable(text),
  autoDetect: nullable(bool),
  enableDetectProxyForAllConnections: nullable(num({ int: true, min: 0 })),
});

const winhttp = obj<WinHttpSettings>({
  outcome: reading,
  message: text,
  direct: bool,
  proxyServer: nullable(text),
  servers: arr(server, 100),
  bypass: arr(name, 1000),
  defaultSecureProtocols: nullable(num({ int: true, min: 0 })),
  view: opt(oneOf(['64-bit', '32-bit'])),
  clientBitness: opt(nullable(oneOf(['64-bit', '32-bit']))),
  views: opt(
    arr(
      obj<WinHttpView>({ view: oneOf(['64-bit', '32-bit']), outcome: reading, message: text, direct: bool, proxyServer: nullable(text), bypass: arr(name, 1000), defaultSecureProtocols: nullable(num({ int: true, min: 0 })), keyPath: name }),
      2,
    ),
  ),
});

const pac = obj<PacReading>({
  source: text,
  origin: oneOf(['cli', 'wininet']),
  scheme: oneOf(['http', 'https', 'file']),
  outcome: oneOf(['ok', 'fetch-failed', 'too-large', 'not-pac', 'script-error', 'timeout']),
  message: text,
  bytes: num({ int: true, min: 0 }),
  sha256: nullable(str({ max: 128 })),
  httpStatus: nullable(num({ int: true, min: 0, max: 999 })),
  contentType: opt(str({ max: 256 })),
  durationMs: ms,
  serverDate: opt(dateText),
  localDate: opt(isoDate),
});

const routeSchema = obj<ProxyRoute>({
  host: name,
  port,
  url: text,
  roles,
  source: oneOf(['cli-proxy', 'cli-pac', 'wininet-pac', 'wininet-static', 'env', 'none']),
  pacResult: opt(text),
  candidates: arr(choice, 100),
  chosen: choice,
  reason: text,
});

export const proxySchema: Validator = obj<ProxySection>({
  wininet: nullable(wininet),
  winhttp: nullable(winhttp),
  env: obj<EnvProxySettings>({ httpsProxy: nullable(text), httpProxy: nullable(text), noProxy: arr(name, 1000) }),
  cli: obj<ProxySection['cli']>({ proxy: nullable(text), pac: nullable(text) }),
  pac: nullable(pac),
  routes: arr(routeSchema, 1000),
});

const leaf = obj<LeafSummary>({ subject: text, issuer: text, sha256: str({ max: 128 }) });

export const proxyAuthSchema: Validator = obj<ProxyAuthSection>({
  probes: arr(
    obj<ProxyProbe>({
      proxy: name,
      target: name,
      roles,
      outcome: oneOf(['tunnel', 'auth-required', 'refused', 'not-http', 'timeout', 'unreachable', 'error']),
      status: nullable(num({ int: true, min: 0, max: 999 })),
      statusText: text,
      authSchemes: arr(str({ max: 64 }), 50),
      proxyAgent: nullable(text),
      interception: oneOf(['none', 'detected', 'unknown', 'not-tested']),
      proxiedLeaf: opt(leaf),
      directLeaf: opt(leaf),
      message: text,
      durationMs: ms,
      serverDate: opt(dateText),
      localDate: opt(isoDate),
      directDns: opt(oneOf(['resolves', 'nxdomain', 'nodata', 'could-not-ask'])),
      proxyError: opt(str({ max: 200 })),
    }),
    1000,
  ),
});

const link = obj<AutodiscoverLink>({ token: str({ max: 256 }), href: text });

export const autodiscoverSchema: Validator = obj<AutodiscoverSection>({
  sipAddress: name,
  attempts: arr(
    obj<AutodiscoverAttempt>({
      role: oneOf(['lyncdiscoverinternal', 'lyncdiscover']),
      url: text,
      hops: arr(text, 20),
      via: nullable(name),
      outcome: oneOf(['ok', 'not-resolved', 'http-error', 'redirect-loop', 'bad-answer', 'too-large', 'timeout', 'unreachable', 'tls-failed', 'proxy-auth-required', 'proxy-failed']),
      status: nullable(num({ int: true, min: 0, max: 999 })),
      contentType: nullable(str({ max: 256 })),
      format: nullable(oneOf(['json', 'xml'])),
      accessLocation: nullable(str({ max: 64 })),
      links: arr(link, 100),
      userUrl: nullable(text),
      user: opt(obj<NonNullable<AutodiscoverAttempt['user']>>({ status: nullable(num({ int: true, min: 0, max: 999 })), authSchemes: arr(str({ max: 64 }), 50), message: text })),
      message: text,
      durationMs: ms,
      leafSha256: nullable(str({ max: 128 })),
      serverDate: opt(dateText),
      localDate: opt(isoDate),
    }),
    10,
  ),
});

const cert = obj<TlsCertificate>({
  subject: text,
  subjectCN: text,
  issuer: text,
  issuerCN: text,
  dnsNames: arr(name, 1000),
  ipAddresses: arr(name, 1000),
  notBefore: isoDate,
  notAfter: isoDate,
  serialNumber: str({ max: 256 }),
  sha256: str({ max: 128 }),
  isCa: bool,
  selfIssued: bool,
  keyType: str({ max: 32 }),
  keyBits: opt(nullable(num({ int: true, min: 0, max: 1_000_000 }))),
  keyCurve: opt(str({ max: 64 })),
  signatureAlgorithm: opt(str({ max: 128 })),
  parsedWith: oneOf(['node-forge', 'node-crypto']),
});

const trust = obj<TrustPath>({
  trusted: bool,
  problem: oneOf(['none', 'self-signed', 'issuer-missing', 'untrusted-root', 'too-long', 'unparsable']),
  path: arr(text, 20),
  anchor: nullable(text),
  anchorSource: nullable(oneOf(['node-roots', 'system', 'ca-file'])),
  missingIssuer: opt(text),
  anchorIsRoot: opt(bool),
  rootSent: opt(bool),
  usedStoreIntermediate: bool,
});

const support = oneOf(['yes', 'no', 'not-tested']);

export const tlsSchema: Validator = obj<TlsSection>({
  trustStore: obj<TrustStoreInfo>({ sources: arr(text, 20), anchors: num({ int: true, min: 0 }), caFile: nullable(text), caFileProblem: opt(text) }),
  probes: arr(
    obj<TlsProbe>({
      host: name,
      port,
      roles,
      address: nullable(name),
      via: nullable(name),
      outcome: oneOf(['ok', 'timeout', 'refused', 'unreachable', 'dns-failed', 'reset', 'not-tls', 'handshake-failed', 'proxy-auth-required', 'proxy-refused', 'proxy-failed', 'skipped']),
      message: text,
      durationMs: ms,
      protocol: nullable(str({ max: 32 })),
      cipher: nullable(str({ max: 128 })),
      chain: arr(cert, 64),
      chainLength: num({ int: true, min: 0 }),
      trust: nullable(trust),
      tls12: support,
      legacy: support,
      tls13: support,
    }),
    1000,
  ),
});

export const clockSchema: Validator = obj<ClockSection>({
  observations: arr(obj<ClockObservation>({ source: str({ max: 64 }), server: text, serverDate: dateText, localDate: isoDate, skewMs: num() }), 1000),
  skewMs: nullable(num()),
  resolutionMs: num({ min: 0 }),
});

/** The five network sections by id, ready to spread into SECTION_SCHEMAS. */
export const NETWORK_SECTION_SCHEMAS = { proxy: proxySchema, proxyAuth: proxyAuthSchema, autodiscover: autodiscoverSchema, tls: tlsSchema, clock: clockSchema } as const;

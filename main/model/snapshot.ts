/** The Snapshot: the one typed, versioned contract between collectors and checks. */
import type { QuestionnaireAnswers } from './answers';
import type { CertificatesSection } from './certificates';
import type { DnsSection } from './dns';
import type { LogsSection } from './logs';
import type { PolicySection } from './policy';
import type { ProxyAuthSection, ProxySection } from './proxy';
import type { AutodiscoverSection } from './autodiscover';
import type { ClockSection } from './clock';
import type { TlsSection } from './tls';
import type { SipSection } from './sip';
import type { SectionResult } from './status';

export const SNAPSHOT_SCHEMA_VERSION = 1;

/** Every section a collector can produce, by collector id. Add one line per new collector. */
export interface SectionMap {
  dns: DnsSection;
  certificates: CertificatesSection;
  policy: PolicySection;
  sip: SipSection;
  logs: LogsSection;
  proxy: ProxySection;
  proxyAuth: ProxyAuthSection;
  autodiscover: AutodiscoverSection;
  tls: TlsSection;
  clock: ClockSection;
}

export type SectionId = keyof SectionMap;

export type Sections = { readonly [K in SectionId]?: SectionResult<SectionMap[K]> };

export interface DiagnoseInput {
  readonly sipAddress: string;
  readonly sipDomain: string;
  readonly dnsServer: string | null;
  readonly timeoutMs: number;
  /** SIP server to probe instead of the DNS-discovered ones (host:port). */
  readonly sipServer?: string;
  /** Client log files to analyse (--log), on every OS. */
  readonly logFiles?: readonly string[];
  /** Lab/helpdesk proxy override, http://host:port (--proxy). */
  readonly proxy?: string;
  /** PAC file to use instead of the PC's (--proxy-pac URL or path). */
  readonly proxyPac?: string;
  /** curl-style HOST:PORT:ADDR:PORT overrides for probe connections (--connect-to). */
  readonly connectTo?: readonly string[];
  /** Extra trusted CA certificates, PEM file (--ca-file). */
  readonly caFile?: string;
}

export interface HostInfo {
  readonly platform: string;
  readonly release: string;
  readonly arch: string;
}

export interface Snapshot {
  readonly schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  readonly tool: { readonly name: 'lync-doctor'; readonly version: string };
  readonly createdAt: string;
  /** True for the built-in demo (a recorded Snapshot of a broken PC). */
  readonly demo: boolean;
  readonly host: HostInfo;
  readonly input: DiagnoseInput;
  readonly sections: Sections;
  readonly answers: QuestionnaireAnswers;
}

/** A raw output kept for the bundle (command output, DNS answers, PEM): public data only. */
export interface RawArtifact {
  readonly collectorId: string;
  readonly name: string;
  readonly content: string;
}

/** The Snapshot: the one typed, versioned contract between collectors and checks. */
import type { QuestionnaireAnswers } from './answers';
import type { CertificatesSection } from './certificates';
import type { DnsSection } from './dns';
import type { PolicySection } from './policy';
import type { SectionResult } from './status';

export const SNAPSHOT_SCHEMA_VERSION = 1;

/** Every section a collector can produce, by collector id. Add one line per new collector. */
export interface SectionMap {
  dns: DnsSection;
  certificates: CertificatesSection;
  policy: PolicySection;
}

export type SectionId = keyof SectionMap;

export type Sections = { readonly [K in SectionId]?: SectionResult<SectionMap[K]> };

export interface DiagnoseInput {
  readonly sipAddress: string;
  readonly sipDomain: string;
  readonly dnsServer: string | null;
  readonly timeoutMs: number;
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

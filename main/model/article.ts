/** Knowledge article types (see knowledge/FORMAT.md). */

export type Verification = 'verified' | 'partial' | 'unverified';

export interface FixStep {
  readonly step: string;
  readonly shell?: 'powershell' | 'cmd' | 'registry' | 'none';
  readonly command?: string;
}

export interface Article {
  readonly id: string;
  readonly title: string;
  readonly research: readonly string[];
  readonly kb: readonly string[];
  readonly products: readonly string[];
  readonly versions: readonly string[];
  readonly category: string;
  readonly symptoms: readonly string[];
  readonly errors: readonly string[];
  readonly cause: string;
  readonly signals: { readonly local: readonly string[]; readonly mobile: readonly string[]; readonly server: readonly string[] };
  readonly fix: readonly FixStep[];
  readonly fixSummary: string;
  readonly sources: readonly string[];
  readonly verification: Verification;
  readonly verificationNote: string;
  readonly related: readonly string[];
  /** Markdown body after the front matter. */
  readonly body: string;
}

/** What a finding needs from its article. */
export interface ArticleRef {
  readonly id: string;
  readonly title: string;
  readonly fixSummary: string;
  readonly verification: Verification;
  /** The article's fix steps (templates for this case's steps); absent when the lookup does not carry them. */
  readonly fix?: readonly FixStep[];
}

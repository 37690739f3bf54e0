/** The knowledge-base verbs of the API (kbSearch, kbArticle, kbCodes), over the compiled knowledge base. */
import { defaultKnowledgeBase } from '../kb/default';
import type { KnowledgeBase } from '../kb/knowledge-base';
import type { Article } from '../model/article';
import { findHresult, loadHresults, type HresultEntry } from '../kb/hresults';
import type { KbCodeCard, KbHit, KbHresult, LyncDoctorApi, MsDiagnosticsEntry } from '../model/api';

/** The knowledge-base part of the API. */
export type KbVerbs = Pick<LyncDoctorApi, 'kbSearch' | 'kbArticle' | 'kbCodes'>;

/** The verbs over a given knowledge base (tests pass their own; the app uses the project's). */
export function createKbApi(knowledgeBase: () => KnowledgeBase = defaultKnowledgeBase, hresults: () => ReadonlyMap<string, HresultEntry> = () => loadHresults().entries): KbVerbs {
  return {
    async kbSearch(query: string, limit: number): Promise<readonly KbHit[]> {
      return knowledgeBase().search(query, limit);
    },
    async kbArticle(idOrCode: string): Promise<{ readonly article: Article | null; readonly msDiagnostics: MsDiagnosticsEntry | null; readonly hresult?: KbHresult }> {
      const kb = knowledgeBase();
      const r = kb.resolve(idOrCode);
      const hr = typeof idOrCode === 'string' && idOrCode.length <= 200 ? findHresult(idOrCode, hresults()).entry : null;
      if (!hr) return { article: r.article, msDiagnostics: r.msDiagnostics };
      // An HRESULT: its entry, and the article it links to when nothing else answered.
      return { article: r.article ?? (hr.articleId ? kb.article(hr.articleId) : null), msDiagnostics: r.msDiagnostics, hresult: hr };
    },
    async kbCodes(text: string): Promise<readonly KbCodeCard[]> {
      return knowledgeBase().codesIn(text);
    },
  };
}

const defaultVerbs = createKbApi();

/** Ranked articles for what the technician typed or pasted; odd input gives an empty list, never an error. */
export function kbSearch(query: string, limit: number): Promise<readonly KbHit[]> {
  return defaultVerbs.kbSearch(query, limit);
}

/** An article by id, SFB-KI id, KB number, HRESULT or error number, and/or an ms-diagnostics entry (unknown codes: "not documented"). */
export function kbArticle(idOrCode: string): ReturnType<LyncDoctorApi['kbArticle']> {
  return defaultVerbs.kbArticle(idOrCode);
}

/** The code cards for a typed or pasted text: the ms-diagnostics codes it names, with their table entries. */
export function kbCodes(text: string): Promise<readonly KbCodeCard[]> {
  return defaultVerbs.kbCodes(text);
}

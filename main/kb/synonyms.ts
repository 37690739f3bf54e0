/**
 * The field's synonym table: how helpdesk people name the same thing. A query word or phrase found in a
 * group is searched as any member of the group. Keep it small and obvious; every entry is a real habit.
 */
import { words } from './text';

export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['sfb', 'skype for business', 'lync', 's4b', 'skype4b'],
  ['push', 'notification'],
  ['407', 'proxy authentication'],
  ['password', 'credentials', 'authentication'],
  ['cert', 'certificate'],
  ['certs', 'certificates'],
  ['ios', 'iphone', 'ipad'],
  ['o365', 'office 365', 'microsoft 365', 'm365'],
  ['sign in', 'login', 'log in', 'logon', 'log on', 'signin', 'sign on'],
  ['meeting', 'conference'],
  ['im', 'instant message'],
  ['exch', 'exchange'],
  ['ews', 'exchange web services'],
  ['lpe', 'lync phone edition'],
  ['mfa', 'multi factor', 'two factor', '2fa'],
  ['fe', 'front end'],
  ['wifi', 'wi fi', 'wlan', 'wireless'],
  ['mobile data', 'carrier data', 'cellular', '3g', '4g', '5g', 'lte'],
  ['corporate', 'company'],
  ['av', 'audio video'],
];

/** A synonym group as word lists (each alternative is one or more words). */
export type SynonymGroup = readonly (readonly string[])[];

/** The table indexed by first word, longest alternatives first, for greedy phrase matching. */
export function synonymIndex(groups: readonly (readonly string[])[] = SYNONYM_GROUPS): ReadonlyMap<string, ReadonlyArray<{ phrase: readonly string[]; group: SynonymGroup }>> {
  const idx = new Map<string, Array<{ phrase: readonly string[]; group: SynonymGroup }>>();
  for (const g of groups) {
    const group: SynonymGroup = g.map((p) => words(p));
    for (const phrase of group) {
      const first = phrase[0];
      if (!first) continue;
      const list = idx.get(first) ?? [];
      list.push({ phrase, group });
      list.sort((a, b) => b.phrase.length - a.phrase.length);
      idx.set(first, list);
    }
  }
  return idx;
}

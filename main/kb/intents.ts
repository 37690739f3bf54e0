/**
 * General questions of the field and the overview article that answers each: "lync won't sign in" names
 * no symptom, so the article explaining the sign-in steps is the right start, not the first issue that
 * shares the words. A query is general when every word is the intent, the product or a way of saying
 * "it fails"; anything more specific and the normal ranking decides.
 */
import type { TermGroup } from './query';

/** One general question: the words that name it (as analysed groups hold them) and its overview article. */
export interface GeneralIntent {
  readonly name: string;
  /** A group naming the intent has one of these alternatives (words as the analyser splits them). */
  readonly phrases: readonly string[];
  readonly articleId: string;
}

export const GENERAL_INTENTS: readonly GeneralIntent[] = [
  { name: 'sign-in', phrases: ['sign in', 'sign', 'signs', 'signing', 'signed', 'login', 'logon', 'logging in', 'signin'], articleId: 'sip-sign-in-flow' },
];

/** Words that add nothing to a general question: the product, its clients and versions, and "it does not work". */
const GENERIC: ReadonlySet<string> = new Set(
  ('lync sfb s4b skype4b skype business microsoft office client clients desktop app application program user users my our ' +
    '2010 2013 2015 2016 2019 2021 365 o365 windows pc computer laptop ' +
    'fail fails failed failing failure problem problems issue issues error errors unable working work works broken ' +
    'trouble anymore keep keeps kept stopped stops suddenly still help please cannot cant can won wont not no t ' +
    'in into on to with for the a an is does doesn do will would').split(' '),
);

function has(g: TermGroup, phrase: string): boolean {
  return g.alts.some((a) => a.words.join(' ') === phrase);
}

/** The intent a query only names (plus generic words), or undefined when it says something more specific. */
export function generalIntent(groups: readonly TermGroup[]): GeneralIntent | undefined {
  if (groups.length === 0) return undefined;
  for (const intent of GENERAL_INTENTS) {
    let named = false;
    let other = false;
    for (const g of groups) {
      if (intent.phrases.some((p) => has(g, p))) named = true;
      else if (!g.alts.some((a) => a.words.every((w) => GENERIC.has(w)))) other = true;
    }
    if (named && !other) return intent;
  }
  return undefined;
}

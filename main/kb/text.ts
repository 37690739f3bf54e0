/** Text helpers shared by the index and the query side, so both split words the same way. */

/** Words too common to say anything about which article is meant (dropped from queries). */
export const STOPWORDS: ReadonlySet<string> = new Set(
  ('a an and are as at be been but by can could did do does for from had has have he her his how i if in into is it its ' +
    'me my no not of on or our she so than that the their them then there these they this to too was we were what when ' +
    'where which who why will with would you your after before again all also any because get got just only over same ' +
    'some such up very while s t don doesn isn wasn won didn cannot cant').split(' '),
);

/** Lower-cases, strips diacritics (like FTS5 remove_diacritics 2) and normalises compatibility forms. */
export function fold(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Splits text into word tokens the way FTS5 unicode61 does (letters and digits; everything else separates). */
export function words(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

/** Markdown to plain text for indexing and snippets: drops markup, keeps the words. */
export function stripMarkdown(md: string): string {
  return md
    .replace(/```[a-z]*\n?/gi, ' ')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s*[-*+]\s+/gm, '')
    .replace(/(\*\*|\*)(?=\S)([^*]+?)\1/g, '$2')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

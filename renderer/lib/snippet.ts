/** Splits a search snippet with «matches» into plain and highlighted parts (rendered as text, never HTML). */

export interface SnippetPart {
  readonly text: string;
  readonly mark: boolean;
}

/** "a «b» c" → [a ][b*][ c]; an unmatched « or » is kept as plain text. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = snippet;
  while (rest.length > 0) {
    const open = rest.indexOf('«');
    const close = open >= 0 ? rest.indexOf('»', open + 1) : -1;
    if (open < 0 || close < 0) {
      parts.push({ text: rest, mark: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), mark: false });
    if (close > open + 1) parts.push({ text: rest.slice(open + 1, close), mark: true });
    rest = rest.slice(close + 1);
  }
  // Merge neighbouring plain parts (keeps the DOM small and tests simple).
  return parts.reduce<SnippetPart[]>((acc, p) => {
    const last = acc[acc.length - 1];
    if (last && !last.mark && !p.mark) acc[acc.length - 1] = { text: last.text + p.text, mark: false };
    else acc.push(p);
    return acc;
  }, []);
}

/**
 * A tiny Markdown reader for knowledge articles: headings, paragraphs, (nested) lists, code, quotes,
 * tables, emphasis, inline code and links. Produces a tree that is rendered as React text nodes, so
 * nothing in an article can ever be injected as HTML.
 */

export type Inline =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'strong'; readonly children: readonly Inline[] }
  | { readonly kind: 'em'; readonly children: readonly Inline[] }
  | { readonly kind: 'link'; readonly href: string; readonly children: readonly Inline[] };

export type Block =
  | { readonly kind: 'heading'; readonly level: number; readonly inline: readonly Inline[] }
  | { readonly kind: 'paragraph'; readonly inline: readonly Inline[] }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly start: number; readonly items: ReadonlyArray<readonly Block[]> }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'quote'; readonly blocks: readonly Block[] }
  | { readonly kind: 'table'; readonly header: ReadonlyArray<readonly Inline[]>; readonly rows: ReadonlyArray<ReadonlyArray<readonly Inline[]>> }
  | { readonly kind: 'rule' };

const INLINE = /(`+)([\s\S]*?)\1|\*\*([\s\S]+?)\*\*|__([\s\S]+?)__|\*([^*\s](?:[^*]*[^*\s])?)\*|(?<![A-Za-z0-9])_([^_\s](?:[^_]*[^_\s])?)_(?![A-Za-z0-9])|\[([^\]]+)\]\(([^)\s]+)\)/;

/** Parses inline Markdown into text, code, strong, em and link nodes. */
export function parseInline(text: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  let rest = text;
  while (rest.length > 0) {
    const m = depth > 4 ? null : INLINE.exec(rest);
    if (!m) {
      out.push({ kind: 'text', text: rest });
      break;
    }
    if (m.index > 0) out.push({ kind: 'text', text: rest.slice(0, m.index) });
    if (m[1] !== undefined) out.push({ kind: 'code', text: (m[2] ?? '').trim() });
    else if (m[3] !== undefined || m[4] !== undefined) out.push({ kind: 'strong', children: parseInline((m[3] ?? m[4]) as string, depth + 1) });
    else if (m[5] !== undefined || m[6] !== undefined) out.push({ kind: 'em', children: parseInline((m[5] ?? m[6]) as string, depth + 1) });
    else out.push({ kind: 'link', href: m[8] as string, children: parseInline(m[7] as string, depth + 1) });
    rest = rest.slice(m.index + m[0].length);
  }
  return out;
}

const LIST_ITEM = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const FENCE = /^\s*(```|~~~)/;
const TABLE_SEP = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

const indentOf = (line: string): number => (/^\s*/.exec(line)?.[0] ?? '').replace(/\t/g, '    ').length;
const isBlank = (line: string): boolean => line.trim() === '';

function startsBlock(line: string): boolean {
  return HEADING.test(line) || FENCE.test(line) || /^\s*>/.test(line) || LIST_ITEM.test(line) || RULE.test(line);
}

function tableCells(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

function dedent(line: string, n: number): string {
  let i = 0;
  while (i < n && i < line.length && line[i] === ' ') i++;
  return line.slice(i);
}

/** Parses Markdown text into blocks. */
export function parseMarkdown(text: string, depth = 0): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (isBlank(line)) {
      i++;
      continue;
    }
    if (FENCE.test(line)) {
      const fence = (FENCE.exec(line) as RegExpExecArray)[1] as string;
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] as string).trim().startsWith(fence)) body.push(lines[i++] as string);
      i++;
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    const h = HEADING.exec(line);
    if (h) {
      blocks.push({ kind: 'heading', level: (h[1] as string).length, inline: parseInline(h[2] as string) });
      i++;
      continue;
    }
    if (RULE.test(line) && !LIST_ITEM.test(line)) {
      blocks.push({ kind: 'rule' });
      i++;
      continue;
    }
    if (line.trim().startsWith('|') && i + 1 < lines.length && TABLE_SEP.test(lines[i + 1] as string)) {
      const header = tableCells(line).map((c) => parseInline(c));
      i += 2;
      const rows: Inline[][][] = [];
      while (i < lines.length && (lines[i] as string).trim().startsWith('|')) rows.push(tableCells(lines[i++] as string).map((c) => parseInline(c)));
      blocks.push({ kind: 'table', header, rows });
      continue;
    }
    if (/^\s*>/.test(line)) {
      const body: string[] = [];
      while (i < lines.length && /^\s*>/.test(lines[i] as string)) body.push((lines[i++] as string).replace(/^\s*>\s?/, ''));
      blocks.push({ kind: 'quote', blocks: depth > 8 ? [{ kind: 'paragraph', inline: parseInline(body.join(' ')) }] : parseMarkdown(body.join('\n'), depth + 1) });
      continue;
    }
    const li = LIST_ITEM.exec(line);
    if (li) {
      const baseIndent = indentOf(line);
      const ordered = /\d/.test(li[2] as string);
      const start = ordered ? parseInt(li[2] as string, 10) : 1;
      const items: Block[][] = [];
      while (i < lines.length) {
        const cur = lines[i] as string;
        const m = LIST_ITEM.exec(cur);
        if (!m || indentOf(cur) !== baseIndent || /\d/.test(m[2] as string) !== ordered) break;
        const contentIndent = baseIndent + (m[2] as string).length + 1;
        const body: string[] = [m[3] as string];
        i++;
        while (i < lines.length) {
          const next = lines[i] as string;
          if (isBlank(next)) {
            // A blank line continues the item only when indented content follows.
            const after = lines.slice(i + 1).find((l) => !isBlank(l));
            if (after !== undefined && indentOf(after) > baseIndent) {
              body.push('');
              i++;
              continue;
            }
            break;
          }
          if (indentOf(next) > baseIndent) body.push(dedent(next, contentIndent));
          else if (!startsBlock(next) && body[body.length - 1] !== '') body.push(next.trim());
          else break;
          i++;
        }
        items.push(depth > 8 ? [{ kind: 'paragraph', inline: parseInline(body.join(' ')) }] : parseMarkdown(body.join('\n'), depth + 1));
        while (i < lines.length && isBlank(lines[i] as string)) {
          const after = lines.slice(i).find((l) => !isBlank(l));
          const am = after !== undefined ? LIST_ITEM.exec(after) : null;
          if (am && after !== undefined && indentOf(after) === baseIndent && /\d/.test(am[2] as string) === ordered) i++;
          else break;
        }
      }
      blocks.push({ kind: 'list', ordered, start, items });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && !isBlank(lines[i] as string) && (para.length === 0 || !startsBlock(lines[i] as string))) para.push((lines[i++] as string).trim());
    blocks.push({ kind: 'paragraph', inline: parseInline(para.join(' ')) });
  }
  return blocks;
}

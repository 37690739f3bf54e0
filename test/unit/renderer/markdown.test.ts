import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseInline, parseMarkdown, type Block, type Inline } from '../../../renderer/lib/markdown';
import { snippetParts } from '../../../renderer/lib/snippet';

test('inline: code, strong, em, links; HTML stays text', () => {
  assert.deepEqual(parseInline('use `lyncdiscover` and **not** *this* [doc](x.md) <script>'), [
    { kind: 'text', text: 'use ' },
    { kind: 'code', text: 'lyncdiscover' },
    { kind: 'text', text: ' and ' },
    { kind: 'strong', children: [{ kind: 'text', text: 'not' }] },
    { kind: 'text', text: ' ' },
    { kind: 'em', children: [{ kind: 'text', text: 'this' }] },
    { kind: 'text', text: ' ' },
    { kind: 'link', href: 'x.md', children: [{ kind: 'text', text: 'doc' }] },
    { kind: 'text', text: ' <script>' },
  ]);
  assert.deepEqual(parseInline('snake_case_name stays'), [{ kind: 'text', text: 'snake_case_name stays' }]);
});

test('blocks: headings, paragraphs joined across lines, nested lists, code, tables', () => {
  const md = [
    '## What happens',
    'First line',
    'second line.',
    '',
    '1. **Question?**',
    '   - Yes: go to 2.',
    '   - No: stop.',
    '2. Second',
    '',
    '```',
    'Get-Thing -Name x',
    '```',
    '',
    '| a | b |',
    '|---|---|',
    '| 1 | `2` |',
  ].join('\n');
  const blocks = parseMarkdown(md);
  assert.deepEqual(blocks.map((b) => b.kind), ['heading', 'paragraph', 'list', 'code', 'table']);
  assert.deepEqual((blocks[1] as Extract<Block, { kind: 'paragraph' }>).inline, [{ kind: 'text', text: 'First line second line.' }]);
  const list = blocks[2] as Extract<Block, { kind: 'list' }>;
  assert.equal(list.ordered, true);
  assert.equal(list.items.length, 2);
  assert.deepEqual(list.items[0]?.map((b) => b.kind), ['paragraph', 'list']);
  assert.equal((list.items[0]?.[1] as Extract<Block, { kind: 'list' }>).items.length, 2);
  assert.equal((blocks[3] as Extract<Block, { kind: 'code' }>).text, 'Get-Thing -Name x');
  assert.equal((blocks[4] as Extract<Block, { kind: 'table' }>).rows.length, 1);
});

test('every real article body parses, and no text is lost', () => {
  const dir = join(__dirname, '..', '..', '..', 'knowledge', 'articles');
  const words = (s: string): string[] => s.replace(/[`*_|#>\-[\]()]/g, ' ').split(/\s+/).filter((w) => /[A-Za-z]{4,}/.test(w));
  const flatten = (blocks: readonly Block[]): string => blocks.map((b): string => {
    const inl = (xs: readonly Inline[]): string => xs.map((x) => ('text' in x ? x.text : inl(x.children)) + ('href' in x ? ` ${x.href}` : '')).join('');
    switch (b.kind) {
      case 'heading': case 'paragraph': return inl(b.inline);
      case 'list': return b.items.map(flatten).join(' ');
      case 'code': return b.text;
      case 'quote': return flatten(b.blocks);
      case 'table': return [...b.header, ...b.rows.flat()].map(inl).join(' ');
      case 'rule': return '';
    }
  }).join(' ');
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.md'))) {
    const body = readFileSync(join(dir, f), 'utf8').replace(/^---[\s\S]*?\n---\n/, '');
    const text = flatten(parseMarkdown(body));
    for (const w of words(body)) assert.ok(text.includes(w), `${f}: "${w}" lost`);
  }
});

test('snippets: «matches» become marks; stray brackets stay text', () => {
  assert.deepEqual(snippetParts('…on an «iPhone» or «iPad» stopped'), [
    { text: '…on an ', mark: false },
    { text: 'iPhone', mark: true },
    { text: ' or ', mark: false },
    { text: 'iPad', mark: true },
    { text: ' stopped', mark: false },
  ]);
  assert.deepEqual(snippetParts('a « b'), [{ text: 'a « b', mark: false }]);
  assert.deepEqual(snippetParts('«<img src=x onerror=alert(1)>»'), [{ text: '<img src=x onerror=alert(1)>', mark: true }]);
  assert.deepEqual(snippetParts(''), []);
});

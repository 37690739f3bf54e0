import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeClixml, firstErrorLine } from '../../../../../main/collect/windows/clixml';
import { decodeConsole } from '../../../../../main/collect/windows/codepage';
import { classifyPowerShellError } from '../../../../../main/collect/windows/messages';
import { parseNetshWinHttp } from '../../../../../main/collect/windows/parse-netsh-winhttp';
import { classifyRegError, parseRegQuery } from '../../../../../main/collect/windows/parse-reg-query';
import { parseWinHttpShowProxy } from '../../../../../main/fix/parse-winhttp';
import { parseTasklist } from '../../../../../main/fix/parse-tasklist';

const DIR = join(process.cwd(), 'test', 'fixtures', 'windows', 'real');
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, { kind: string; expect: unknown; contains?: string; class?: string; image?: string; pids?: number[] }>;
const files = readdirSync(DIR).filter((f) => f.endsWith('.txt'));

test('every capture in the corpus has an expected reading, and every expected reading a capture', () => {
  assert.deepEqual(files.sort(), Object.keys(expected).filter((k) => !k.startsWith('_')).sort());
});

for (const f of files) {
  test(`real capture ${f}`, () => {
    const cp = Number(/\.cp(\d+)\.txt$/.exec(f)?.[1]);
    const bytes = readFileSync(join(DIR, f));
    assert.ok(bytes.includes(Buffer.from('\r\n')) || !bytes.includes(0x0a), 'CRLF line ends, as a console writes them');
    const text = decodeConsole(bytes, cp);
    assert.ok(!text.includes('\uFFFD'), 'no U+FFFD after decoding in the console code page');
    const e = expected[f] as { kind: string; expect: unknown; contains?: string; class?: string; image?: string; pids?: number[] };
    if (e.contains) assert.ok(text.includes(e.contains), `decoded text contains "${e.contains}"`);
    switch (e.kind) {
      case 'reg-error':
        assert.equal(classifyRegError(text), e.expect);
        break;
      case 'reg-values':
        assert.deepEqual(parseRegQuery(text), e.expect);
        break;
      case 'netsh': {
        const n = parseNetshWinHttp(text);
        assert.ok(n);
        const x = e.expect as { direct: boolean; proxyServer: string | null; bypass: string[]; bypassLocal: boolean };
        assert.deepEqual({ direct: n.direct, proxyServer: n.proxyServer, bypass: n.bypass, bypassLocal: n.bypassLocal }, x);
        // The fix reads the same output through its own wrapper.
        assert.equal(parseWinHttpShowProxy(text)?.kind, x.direct ? 'direct' : 'proxy');
        break;
      }
      case 'clixml':
        assert.equal(firstErrorLine(text), e.expect);
        assert.ok(!decodeClixml(text).includes('<Objs'), 'no XML left');
        assert.ok(!decodeClixml(text).includes('Preparing modules'), 'progress records are not errors');
        assert.equal(classifyPowerShellError(decodeClixml(text)), e.class);
        break;
      case 'tasklist': {
        const t = parseTasklist(text, e.image);
        assert.equal(t.state, e.expect);
        if (e.pids) assert.deepEqual(t.state === 'running' ? t.pids : [], e.pids);
        break;
      }
      default:
        assert.fail(`unknown kind ${e.kind}`);
    }
  });
}

test('decoding the non-ASCII captures as UTF-8 would have mangled them (the code page matters)', () => {
  const nonAscii = files.filter((f) => readFileSync(join(DIR, f)).some((b) => b > 0x7f));
  assert.ok(nonAscii.length >= 10);
  for (const f of nonAscii) {
    const utf8 = readFileSync(join(DIR, f)).toString('utf8');
    const cp = Number(/\.cp(\d+)\.txt$/.exec(f)?.[1]);
    assert.notEqual(utf8, decodeConsole(readFileSync(join(DIR, f)), cp), f);
  }
});

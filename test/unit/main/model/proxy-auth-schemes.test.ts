/** authSchemes on Proxy-Authenticate values taken from real answers (captured squid, published proxies, other projects' tests). */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { authSchemes } from '../../../../main/model/proxy';

const DIR = join(__dirname, '../../../fixtures/proxy/auth/real');
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as {
  answers: Record<string, { authSchemes: string[] }>;
  headerValues: { cases: Array<{ source: string; values: string[]; schemes: string[] }> };
};

test('published header values: schemes in order, parameters and tokens dropped', () => {
  for (const c of expected.headerValues.cases) assert.deepEqual(authSchemes(c.values), c.schemes, `${c.source}: ${JSON.stringify(c.values)}`);
});

/** Proxy-Authenticate values of a raw answer, read here with a plain line split (not our HTTP client). */
function rawValues(bytes: string): string[] {
  const head = bytes.split(/\r?\n\r?\n/)[0] as string;
  return head
    .split(/\r?\n/)
    .slice(1)
    .flatMap((l) => {
      const m = /^proxy-authenticate:\s*(.*)$/i.exec(l);
      return m ? [(m[1] as string).trim()] : [];
    });
}

test('every captured or published answer: authSchemes of its Proxy-Authenticate lines match the hand reading', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.http'));
  assert.deepEqual(files.sort(), Object.keys(expected.answers).sort(), 'expected.json covers every answer file');
  for (const f of files) assert.deepEqual(authSchemes(rawValues(readFileSync(join(DIR, f), 'latin1'))), expected.answers[f]?.authSchemes, f);
});

test('scheme names compare case-insensitively: the first spelling is kept', () => {
  assert.deepEqual(authSchemes(['NTLM', 'ntlm TlRMTVNTUAACAAAA', 'Negotiate']), ['NTLM', 'Negotiate']);
});

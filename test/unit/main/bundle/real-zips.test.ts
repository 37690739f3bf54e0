/**
 * Real archives nobody here wrote (Go's and CPython's zip test data, see test/fixtures/bundle/real/zips/SOURCES.md)
 * go through the importer: each must end as expected.json says (written by hand from the archive), never crash,
 * hang, leave an unhandled rejection or inflate a bomb, and the technician must get one clean line.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { BundleError } from '../../../../main/bundle/format';
import { importBundle } from '../../../../main/bundle/import';

interface Expectation {
  readonly file: string;
  readonly kind: string | readonly string[];
  readonly message: readonly string[];
  readonly why: string;
  readonly sha256: string;
}

const DIR = join(__dirname, '..', '..', '..', 'fixtures', 'bundle', 'real', 'zips');
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as {
  archives: Expectation[];
  notCommitted: { archives: Expectation[] };
};

/** Anything a terminal could act on or that breaks the one-line contract: C0, DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const TIME_LIMIT_MS = 10_000;
/** Growth of resident memory allowed for one import: the largest file here is 2 MB; a bomb would be gigabytes. */
const MEMORY_LIMIT = 256 * 1024 * 1024;

const stray: unknown[] = [];
const onStray = (e: unknown): void => {
  stray.push(e);
};
before(() => {
  process.on('unhandledRejection', onStray);
  process.on('uncaughtException', onStray);
});
after(() => {
  process.off('unhandledRejection', onStray);
  process.off('uncaughtException', onStray);
});

type Outcome = { readonly ok: true } | { readonly ok: false; readonly error: unknown } | { readonly timedOut: true };

async function importWithin(buf: Buffer, ms: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ timedOut: true }), ms);
  });
  try {
    return await Promise.race([
      importBundle(buf).then(
        () => ({ ok: true }) as const,
        (error: unknown) => ({ ok: false, error }) as const,
      ),
      limit,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function check(e: Expectation, buf: Buffer): Promise<void> {
  assert.equal(createHash('sha256').update(buf).digest('hex'), e.sha256, `${e.file}: not the file expected.json describes`);
  const rss = process.memoryUsage().rss;
  const outcome = await importWithin(buf, TIME_LIMIT_MS);
  for (let i = 0; i < 5; i++) await tick(); // let a late rejection surface
  assert.ok(process.memoryUsage().rss - rss < MEMORY_LIMIT, `${e.file}: memory grew by more than ${MEMORY_LIMIT} bytes`);
  assert.deepEqual(stray, [], `${e.file}: unhandled rejection or exception`);
  assert.ok(!('timedOut' in outcome), `${e.file}: no answer within ${TIME_LIMIT_MS} ms`);
  assert.ok('ok' in outcome && !outcome.ok, `${e.file}: imported, expected ${String(e.kind)}`);
  const err = outcome.error;
  assert.ok(err instanceof BundleError, `${e.file}: not a BundleError: ${String((err as Error)?.stack ?? err)}`);
  const kinds = typeof e.kind === 'string' ? [e.kind] : e.kind;
  assert.ok(kinds.includes(err.code), `${e.file}: ${err.code} (${err.message}); expected ${kinds.join(' or ')} because ${e.why}`);
  for (const p of e.message) assert.match(err.message, new RegExp(p, 'i'), `${e.file}: message does not say /${p}/ — ${e.why}`);
  assert.doesNotMatch(err.message, UNPRINTABLE, `${e.file}: control character in ${JSON.stringify(err.message)}`);
  assert.doesNotMatch(err.message, /\bat .*:\d+:\d+/, `${e.file}: stack frame in the message`);
  assert.ok(err.message.length <= 300, `${e.file}: message longer than 300 characters`);
  // A zip we cannot read leaves the technician one thing to do: get the file again (DESIGN.md, habit 12).
  if (err.code === 'not-a-zip') assert.match(err.message, /again/, `${e.file}: says what is wrong but not what to do next: ${err.message}`);
}

for (const e of expected.archives) {
  test(`real zip ${e.file}: ${typeof e.kind === 'string' ? e.kind : e.kind.join('|')}`, async () => {
    await check(e, readFileSync(join(DIR, e.file)));
  });
}

const extraDir = process.env.LYNCDOCTOR_EXTRA_ZIPS;
if (!extraDir) {
  test(`${expected.notCommitted.archives.length} archives read but not committed (SOURCES.md)`, { skip: 'set LYNCDOCTOR_EXTRA_ZIPS to run them' }, () => undefined);
} else {
  for (const e of expected.notCommitted.archives) {
    const path = join(extraDir, e.file);
    test(`real zip (not committed) ${e.file}`, { skip: existsSync(path) ? false : `${path} absent` }, async () => {
      await check(e, readFileSync(path));
    });
  }
}

test('expected.json covers every committed archive', () => {
  const listed = new Set(expected.archives.map((e) => e.file));
  for (const sub of ['go', 'python']) {
    for (const f of readdirSync(join(DIR, sub))) assert.ok(listed.has(`${sub}/${f}`), `${sub}/${f} has no expectation`);
  }
});

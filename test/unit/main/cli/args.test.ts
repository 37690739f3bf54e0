// The flag parser behind every command: each accepted form and each usage error (exit 2) pinned.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bool, list, num, parseArgs, str, UsageError } from '../../../../main/cli/args';

const SPEC = { json: 'boolean', name: 'string', limit: 'number', log: 'list' } as const;

const OK: ReadonlyArray<readonly [string[], Record<string, unknown>, string[]]> = [
  [[], {}, []],
  [['a', 'b'], {}, ['a', 'b']],
  [['--json'], { json: true }, []],
  [['--name', 'x'], { name: 'x' }, []],
  [['--name=x=y'], { name: 'x=y' }, []],
  [['--name='], { name: '' }, []],
  [['--name', '-x'], { name: '-x' }, []],
  [['--name=--x'], { name: '--x' }, []], // after "=" anything is the value, even "--…"; only a separate "--…" is the next flag
  [['--limit', '3'], { limit: 3 }, []],
  [['--limit=0.5'], { limit: 0.5 }, []],
  [['--log', 'a', '--log=b'], { log: ['a', 'b'] }, []],
  [['p', '--json', 'q'], { json: true }, ['p', 'q']],
  [['--', '--json', 'x'], {}, ['--json', 'x']],
  [['-j'], {}, ['-j']],
];
for (const [argv, flags, positional] of OK) {
  test(`parseArgs ${JSON.stringify(argv)}`, () => assert.deepEqual(parseArgs(argv, SPEC), { flags, positional }));
}

const BAD: ReadonlyArray<readonly [string[], string]> = [
  [['--nope'], 'unknown option --nope (known: --json, --name, --limit, --log)'],
  [['--nope=1'], 'unknown option --nope (known: --json, --name, --limit, --log)'],
  [['--json=1'], '--json takes no value'],
  [['--name'], '--name needs a value'],
  [['--name', '--json'], '--name needs a value'],
  [['--limit', '0'], '--limit must be a positive number, got "0"'],
  [['--limit', '-1'], '--limit must be a positive number, got "-1"'],
  [['--limit', 'ten'], '--limit must be a positive number, got "ten"'],
  [['--limit', 'Infinity'], '--limit must be a positive number, got "Infinity"'],
];
for (const [argv, msg] of BAD) {
  test(`parseArgs ${JSON.stringify(argv)} → UsageError`, () => {
    assert.throws(() => parseArgs(argv, SPEC), (e: unknown) => e instanceof UsageError && e.message === msg);
  });
}

test('an empty spec names "none"', () => {
  assert.throws(() => parseArgs(['--x'], {}), { message: 'unknown option --x (known: none)' });
});

test('typed getters return only their own type', () => {
  const p = parseArgs(['--json', '--name', 'n', '--limit', '2', '--log', 'l'], SPEC);
  assert.deepEqual([str(p, 'name'), str(p, 'limit'), num(p, 'limit'), num(p, 'name'), bool(p, 'json'), bool(p, 'name'), list(p, 'log'), list(p, 'name')], ['n', undefined, 2, undefined, true, false, ['l'], []]);
});

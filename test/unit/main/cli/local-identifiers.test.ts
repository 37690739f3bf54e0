/** The names a pseudonymised bundle replaces: this PC's user and computer, read from Windows' own variables first. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localIdentifiers } from '../../../../main/cli/bundle';

function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  try {
    for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
    return fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}

test('USERNAME and COMPUTERNAME (as Windows sets them) name the user and the PC; a FQDN gives its first label', () => {
  const ids = withEnv({ USERNAME: 'jsmith', COMPUTERNAME: 'PC-JS01.corp.contoso.com' }, localIdentifiers);
  assert.deepEqual(ids, { users: ['jsmith'], computers: ['PC-JS01'] });
});

test('without USERNAME the OS account name is used (never an empty list when the OS knows it)', () => {
  const ids = withEnv({ USERNAME: undefined, COMPUTERNAME: 'PC-JS01' }, localIdentifiers);
  assert.equal(ids.users.length, 1);
  assert.ok((ids.users[0] ?? '').length > 0);
  assert.deepEqual(ids.computers, ['PC-JS01']);
});

// The angle-bracket placeholders and example users the articles use, across the whole corpus (README "Steps for
// this case": example values are filled from the Snapshot; what the facts do not give stays a visible placeholder
// listed in `unfilled`). The table is written from what each placeholder means in the articles (a SIP domain, a
// SIP address, a pool FQDN: the internal SRV target or the pool that answered; the Access Edge: the federation
// SRV target), not from our slot table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseSteps, GENERIC as RULES } from '../../../../main/checks/case-steps';
import { articlesById } from '../../../../main/kb/lookup';
import type { Finding } from '../../../../main/model/finding';
import type { Snapshot } from '../../../../main/model/snapshot';
import { attempt, response, sipSection } from '../../../helpers/sip-snapshot';
import { baseSnapshot, dnsSection, srv } from '../../../helpers/snapshot';

const input = { sipAddress: 'kim@tailspintoys.com', sipDomain: 'tailspintoys.com', dnsServer: null, timeoutMs: 3000 };
const full = baseSnapshot(
  { dns: dnsSection({ domain: 'tailspintoys.com', srv: [srv('sipinternaltls', '_sipinternaltls._tcp.tailspintoys.com', [['pool01.tailspintoys.com', 5061]]), srv('sipfederationtls', '_sipfederationtls._tcp.tailspintoys.com', [['sipedge.tailspintoys.com', 5061]])] }) },
  { input },
);
const bare = baseSnapshot({}, { input });

/** [text in an article, value for the full snapshot, placeholder when the snapshot does not give it (null: always known)] */
const GENERIC: ReadonlyArray<readonly [string, string, string | null]> = [
  ['<sipdomain>', 'tailspintoys.com', null],
  ['<domain>', 'tailspintoys.com', null],
  ['<yourdomain>', 'tailspintoys.com', null],
  ['<sip_address>', 'kim@tailspintoys.com', null],
  ['user@contoso.com', 'kim@tailspintoys.com', null],
  ['alice@contoso.com', 'kim@tailspintoys.com', null],
  ['<pool FQDN>', 'pool01.tailspintoys.com', '<pool FQDN>'],
  ['<IntPoolFQDN>', 'pool01.tailspintoys.com', '<pool FQDN>'],
];

const finding = (articleId: string): Finding => ({ checkId: 'LD-X', severity: 'error', title: 't', message: 'm', evidence: [], articleId, research: [], fix: 'f', sections: [], ...{} });
const render = (articleId: string, s: Snapshot) => caseSteps(articleId, articlesById().get(articleId)!.fix, finding(articleId), s);

for (const [example, value, placeholder] of GENERIC) {
  test(`"${example}" in any article's steps is filled with ${value}${placeholder ? `, or stays ${placeholder} (listed as unfilled)` : ''}`, () => {
    const users = [...articlesById().values()].filter((a) => a.fix.some((st) => st.step.includes(example) || st.command?.includes(example)));
    assert.ok(users.length > 0, `some article uses ${example}`);
    for (const a of users) {
      const i = a.fix.findIndex((st) => st.step.includes(example) || st.command?.includes(example));
      const got = render(a.id, full)[i]!;
      // the field (text or command) that held the example now holds the value
      const field = a.fix[i]!.step.includes(example) ? got.text : (got.command as string);
      assert.ok(!field.includes(example), `${a.id}: ${example} replaced`);
      assert.ok(field.includes(value), `${a.id}: ${value} in ${field}`);
      if (placeholder) {
        const without = render(a.id, bare)[i]!;
        assert.ok(`${without.text}\n${without.command ?? ''}`.includes(placeholder), `${a.id}: ${placeholder}`);
        assert.ok(without.unfilled?.includes(placeholder), `${a.id}: ${placeholder} listed as unfilled`);
      }
    }
  });
}

test('every generic rule is used by some article\'s fix steps, and this table covers every rule (no stale rule)', () => {
  assert.deepEqual(RULES.map(([ex]) => ex).sort(), GENERIC.map(([ex]) => ex).sort());
});

test('the pool is the server that answered the REGISTER when there is one (before the SRV target)', () => {
  const s = baseSnapshot({ ...full.sections, sip: sipSection([attempt('fe01.tailspintoys.com', 5061, response(401))]) }, { input });
  const [a] = [...articlesById().values()].filter((x) => x.fix.some((st) => st.command?.includes('<pool FQDN>')));
  const i = a!.fix.findIndex((st) => st.command?.includes('<pool FQDN>'));
  assert.ok(render(a!.id, s)[i]!.command!.includes('fe01.tailspintoys.com'));
  assert.ok(!render(a!.id, s)[i]!.command!.includes('pool01.tailspintoys.com'));
});

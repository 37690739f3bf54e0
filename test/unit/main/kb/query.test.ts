import assert from 'node:assert/strict';
import { test } from 'node:test';
import { articleKeys, keysInText } from '../../../../main/kb/identifiers';
import { analyseQuery, andExpr, orExpr, MAX_QUERY_CHARS } from '../../../../main/kb/query';
import type { Article } from '../../../../main/model/article';

const alts = (q: ReturnType<typeof analyseQuery>): string[][] => q.groups.map((g) => g.alts.map((a) => `${a.words.join(' ')}${a.prefix ? '*' : ''}`));

test('user text never reaches MATCH as syntax: every word is quoted, the operators are ours', () => {
  for (const input of ['"', '*', 'NEAR(a b, 3)', 'title:cert', '^cert', '{title}: x', 'a AND (b OR', "cert' OR 1=1 --", 'x"y']) {
    const q = analyseQuery(input);
    const expr = orExpr(q);
    // Outside the quotes only our OR/AND, parentheses, spaces and the prefix star may appear.
    const outside = expr.replace(/"(?:[^"]|"")*"/g, '');
    assert.match(outside, /^[\s()*]*(?:(?:OR|AND)[\s()*]*)*$/, `${input} → ${expr}`);
    for (const g of q.groups) for (const a of g.alts) for (const w of a.words) assert.match(w, /^[\p{L}\p{N}]+$/u, `${input}: word "${w}"`);
  }
});

test('stopwords are dropped unless they are all there is; duplicates collapse', () => {
  assert.deepEqual(alts(analyseQuery('the proxy of the proxy ')), [['proxy']]);
  assert.deepEqual(alts(analyseQuery('can not ')).length, 2);
});

test('synonyms of the field: SfB, push, 407, cert join their group, multi-word phrases first', () => {
  const sfb = alts(analyseQuery('SfB '))[0] as string[];
  assert.ok(sfb.includes('skype for business') && sfb.includes('lync'));
  assert.deepEqual(alts(analyseQuery('skype for business '))[0], sfb);
  assert.ok((alts(analyseQuery('push '))[0] as string[]).includes('notification'));
  assert.ok((alts(analyseQuery('407 '))[0] as string[]).includes('proxy authentication'));
  assert.ok((alts(analyseQuery('proxy authentication required '))[0] as string[]).includes('407'));
  assert.ok((alts(analyseQuery('cert '))[0] as string[]).includes('certificate'));
  // "lync phone edition" is a phrase of its own, not "lync" + two words.
  assert.ok((alts(analyseQuery('lync phone edition '))[0] as string[]).includes('lpe'));
});

test('the word being typed gets a prefix alternative and known completions; a trailing space ends it', () => {
  const q = analyseQuery('expired certif', { completions: (p) => (p === 'certif' ? ['certificate', 'certification'] : []) });
  assert.deepEqual(alts(q)[1], ['certif', 'certif*', 'certificate', 'certification']);
  assert.equal(q.mode, 'short');
  assert.deepEqual(alts(analyseQuery('expired certif ')), [['expired'], ['certif']]);
  assert.match(andExpr(q), /^"expired" AND \("certif" OR "certif"\* OR /);
});

test('glued product-version words also search their spaced form', () => {
  assert.deepEqual(alts(analyseQuery('ios9 '))[0], ['ios9', 'ios 9']);
});

test('a pasted message is "pasted" mode without prefixes; very long input is cut, never an error', () => {
  const pasted = analyseQuery("You can't sign in with this version of Lync. Please install a newer version. If that doesn't work, contact your support team.");
  assert.equal(pasted.mode, 'pasted');
  assert.ok(pasted.groups.every((g) => g.alts.every((a) => !a.prefix)));
  const huge = analyseQuery('word '.repeat(200_000));
  assert.ok(huge.groups.length <= 48);
  assert.equal(analyseQuery('x'.repeat(MAX_QUERY_CHARS + 10)).groups.length, 0, 'a 4000-character "word" is noise');
  for (const odd of [undefined, null, {}, ['x'], '😀🔥', '\u0000']) assert.deepEqual(analyseQuery(odd).groups, []);
});

test('identifiers: KB numbers, research ids, HRESULTs, ms-diagnostics codes, bare numbers', () => {
  const keys = (t: string): string[] => keysInText(t).map((k) => `${k.key}/${k.strength}`);
  assert.ok(keys('KB2664650').includes('kb2664650/strong'));
  assert.ok(keys('kb 2664650').includes('kb2664650/strong'));
  assert.ok(keys('2664650').includes('kb2664650/strong'));
  assert.ok(keys('sfb-ki-2').includes('sfb-ki-002/strong'));
  assert.ok(keys('HRESULT=0xC3E93EE4(SIP_E_AUTH_NTLMMISMATCH)').includes('0xc3e93ee4/strong'));
  assert.ok(keys('HRESULT=0xC3E93EE4(SIP_E_AUTH_NTLMMISMATCH)').includes('sip_e_auth_ntlmmismatch/strong'));
  assert.ok(keys('ms-diagnostics: 1033;reason="x"').includes('msdiag:1033/strong'));
  assert.ok(keys('X-Ms-diagnostics: 28020').includes('msdiag:28020/strong'));
  assert.ok(keys('1033').includes('msdiag:1033/weak'));
  assert.ok(keys('error 12029').includes('12029/weak'));
  assert.ok(!keys('SFB-KI-002').some((k) => k.startsWith('002')), 'the digits of an id are not a bare number');
  assert.ok(!keys('iOS 9 and Lync 5.4').some((k) => /^\d/.test(k)), 'versions are not codes');
  assert.equal(analyseQuery('SFB-KI-999').idOnly, true);
  assert.equal(analyseQuery('KB2664650 push').idOnly, false);
});

test('an article answers to its id, KB numbers (with and without KB), research ids and error identifiers', () => {
  const a = { id: 'x-y', kb: ['KB2664650'], research: ['SFB-KI-002'], errors: ['12029', 'ms-diagnostics 1033', '0xC3E93EE4', 'HTTP 407'] } as unknown as Article;
  const k = articleKeys(a);
  for (const want of ['id:x-y', 'kb2664650', '2664650', 'sfb-ki-002', '12029', 'msdiag:1033', '0xc3e93ee4', '407']) assert.ok(k.includes(want), want);
});

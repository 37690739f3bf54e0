import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ios9ChineseSimplified, ios9LanguageRegion, isLync2013IosApp } from '../../../../main/checks/mobile';
import { imUrlFilterBreaksPush, pushNotFederated } from '../../../../main/checks/push';
import { languageMatchesRegion, normaliseLanguage, normaliseRegion } from '../../../../main/checks/locale';
import type { MobileDeviceAnswers, ServerAnswers } from '../../../../main/model/answers';
import { baseSnapshot, NOW } from '../../../helpers/snapshot';

const env = { now: NOW };
const device = (m: MobileDeviceAnswers) => baseSnapshot({}, { answers: { mobile: m } });
const server = (sv: ServerAnswers) => baseSnapshot({}, { answers: { server: sv } });
const lync = { platform: 'ios', osVersion: '9.0.2', app: 'Lync 2013 for iPhone', appVersion: '5.4.1' } as const;

test('LD-MOB-001: English + Sweden on iOS 9 with Lync 2013 fails; matching pairs pass', () => {
  const [f] = ios9LanguageRegion.evaluate(device({ ...lync, language: 'English', region: 'Sweden' }), env);
  assert.ok(f);
  assert.match(f.message, /does not belong to its region/);
  assert.ok(f.evidence.some((e) => e.label === 'region' && e.value === 'Sweden'));
  assert.deepEqual(ios9LanguageRegion.evaluate(device({ ...lync, language: 'Swedish', region: 'Sweden' }), env), []);
  assert.deepEqual(ios9LanguageRegion.evaluate(device({ ...lync, language: 'en-GB', region: 'GB' }), env), []);
});

test('LD-MOB-001 does not fire for the Skype for Business app, iOS 10, Android or missing answers', () => {
  for (const m of [{ ...lync, app: 'Skype for Business', appVersion: '6.0' }, { ...lync, osVersion: '10.1' }, { ...lync, platform: 'android' as const }, { ...lync, region: undefined }]) {
    assert.deepEqual(ios9LanguageRegion.evaluate(device({ language: 'English', region: 'Sweden', ...m }), env), []);
  }
  assert.deepEqual(ios9LanguageRegion.evaluate(baseSnapshot(), env), []);
});

test('LD-MOB-001: a language or region we do not know is an info finding, not a guess', () => {
  const [f] = ios9LanguageRegion.evaluate(device({ ...lync, language: 'Klingon', region: 'Qo\'noS' }), env);
  assert.equal(f?.severity, 'info');
});

test('LD-MOB-002: Chinese Simplified fails whatever the region', () => {
  assert.equal(ios9ChineseSimplified.evaluate(device({ ...lync, language: 'Chinese Simplified', region: 'China' }), env).length, 1);
  assert.deepEqual(ios9LanguageRegion.evaluate(device({ ...lync, language: 'zh-Hans', region: 'CN' }), env), []);
  assert.deepEqual(ios9ChineseSimplified.evaluate(device({ ...lync, language: 'English', region: 'US' }), env), []);
});

test('locale helpers', () => {
  assert.equal(normaliseLanguage('zh_Hans_CN'), 'zh-hans');
  assert.equal(normaliseRegion('se'), 'SE');
  assert.equal(languageMatchesRegion('en', 'SE'), false);
  assert.equal(languageMatchesRegion('xx', 'SE'), null);
  assert.ok(isLync2013IosApp({ appVersion: '5.2' }));
  assert.ok(!isLync2013IosApp({ app: 'Skype for Business', appVersion: '6.2' }));
});

test('LD-PUSH-001: warning prefix or convert-to-text breaks push; allow passes; block is a warning', () => {
  assert.equal(imUrlFilterBreaksPush.evaluate(server({ imUrlFilterEnabled: 'yes', imUrlFilterAction: 'warn', pushNotificationsConfigured: 'yes' }), env)[0]?.severity, undefined);
  assert.equal(imUrlFilterBreaksPush.evaluate(server({ imUrlFilterEnabled: 'yes', imUrlFilterAction: 'convert-to-text' }), env).length, 1);
  assert.equal(imUrlFilterBreaksPush.evaluate(server({ imUrlFilterEnabled: 'yes', imUrlFilterAction: 'block' }), env)[0]?.severity, 'warning');
  assert.deepEqual(imUrlFilterBreaksPush.evaluate(server({ imUrlFilterEnabled: 'yes', imUrlFilterAction: 'allow' }), env), []);
  assert.deepEqual(imUrlFilterBreaksPush.evaluate(server({ imUrlFilterEnabled: 'no', imUrlFilterAction: 'warn' }), env), []);
  assert.deepEqual(imUrlFilterBreaksPush.evaluate(server({ imUrlFilterEnabled: 'yes', imUrlFilterAction: 'warn', pushNotificationsConfigured: 'no' }), env), []);
});

test('LD-PUSH-002: push configured without push.lync.com federation', () => {
  assert.equal(pushNotFederated.evaluate(server({ pushNotificationsConfigured: 'yes', pushLyncComFederated: 'no' }), env).length, 1);
  assert.deepEqual(pushNotFederated.evaluate(server({ pushNotificationsConfigured: 'yes', pushLyncComFederated: 'yes' }), env), []);
  assert.deepEqual(pushNotFederated.evaluate(server({ pushNotificationsConfigured: 'yes' }), env), []);
});

/** Mobile device checks from questionnaire answers: the iOS 9 Language & Region sign-in failure. */
import type { MobileDeviceAnswers } from '../model/answers';
import type { Snapshot } from '../model/snapshot';
import { languageMatchesRegion, normaliseLanguage, normaliseRegion } from './locale';
import type { Check } from './types';
import { ev } from './types';

/** True for the old Lync 2013 iPhone/iPad app (not Skype for Business for iOS 6.x+). */
export function isLync2013IosApp(m: MobileDeviceAnswers): boolean {
  // Stryker disable next-line StringLiteral: any stand-in without "lync"/"skype" gives the same verdict
  const app = (m.app ?? '').toLowerCase();
  if (/skype/.test(app)) return false;
  if (/lync/.test(app)) return true;
  // Stryker disable next-line Regex,StringLiteral: a major of exactly 5 is one digit, so \d and \d+ agree; any stand-in for a missing version has no major
  const v = /^(\d+)\./.exec(m.appVersion ?? '');
  return v ? Number(v[1]) === 5 : false;
}

function iosMajor(m: MobileDeviceAnswers): number | null {
  const v = /^(\d+)/.exec((m.osVersion ?? '').trim().replace(/^i(?:pad|phone)?\s*os\s*/i, ''));
  return v ? Number(v[1]) : null;
}

function affectedDevice(s: Snapshot): MobileDeviceAnswers | undefined {
  const m = s.answers.mobile;
  if (!m || m.platform !== 'ios' || iosMajor(m) !== 9 || !isLync2013IosApp(m)) return undefined;
  return m;
}

function deviceEvidence(m: MobileDeviceAnswers) {
  return [ev('platform', `iOS ${m.osVersion ?? '?'}`), ev('app', `${m.app ?? '?'} ${m.appVersion ?? ''}`.trim()), ev('language', m.language ?? 'not given'), ev('region', m.region ?? 'not given')];
}

export const ios9LanguageRegion: Check = {
  id: 'LD-MOB-001',
  title: 'Lync 2013 on iOS 9: device Language and Region do not match',
  severity: 'error',
  articleId: 'ios9-language-region-sign-in',
  research: ['SFB-KI-001'],
  sections: ['answers'],
  description: 'On iOS 9 the Lync 2013 app cannot sign in when the device language does not belong to its region.',
  evaluate(s) {
    const m = affectedDevice(s);
    if (!m || !m.language || !m.region) return [];
    const lang = normaliseLanguage(m.language);
    const region = normaliseRegion(m.region);
    if (lang === 'zh-hans') return []; // LD-MOB-002
    if (!lang || !region) {
      return [{ severity: 'info', message: `Language "${m.language}" / region "${m.region}" are not in our table, so the match cannot be judged; check on the device that the language belongs to the region.`, evidence: deviceEvidence(m) }];
    }
    const match = languageMatchesRegion(lang, region);
    if (match !== false) return [];
    return [{ message: `The device runs iOS ${m.osVersion} with the Lync 2013 app, and its language (${m.language}) does not belong to its region (${m.region}); this combination makes sign-in fail with "You can't sign in with this version of Lync".`, evidence: deviceEvidence(m) }];
  },
};

export const ios9ChineseSimplified: Check = {
  id: 'LD-MOB-002',
  title: 'Lync 2013 on iOS 9 with Chinese Simplified: no workaround',
  severity: 'error',
  articleId: 'ios9-language-region-sign-in',
  research: ['SFB-KI-001'],
  sections: ['answers'],
  description: 'With language Chinese Simplified the Lync 2013 iOS app cannot sign in on iOS 9 whatever the region.',
  evaluate(s) {
    const m = affectedDevice(s);
    if (!m || !m.language || normaliseLanguage(m.language) !== 'zh-hans') return [];
    return [{ message: 'The device language is Chinese Simplified: the Lync 2013 app cannot sign in on iOS 9 regardless of region; the user must move to Skype for Business for iOS.', evidence: deviceEvidence(m) }];
  },
};

export const mobileChecks: readonly Check[] = [ios9LanguageRegion, ios9ChineseSimplified];

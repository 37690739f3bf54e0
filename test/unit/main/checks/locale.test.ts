// The language/region tables behind LD-MOB-001 (iOS 9 sign-in, SFB-KI-001). Names are checked against
// ICU's display names (Intl.DisplayNames, CLDR data shipped with node) — an independent source — plus a
// short list of common aliases; the language → regions table is pinned as written from CLDR's
// territory-language data (official or de facto official languages), so a slip in it turns this red.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { languageMatchesRegion, normaliseLanguage, normaliseRegion } from '../../../../main/checks/locale';

const LANGUAGE_REGIONS: Record<string, string[]> = {
  "en": ["US","GB","AU","CA","NZ","IE","IN","ZA","SG","PH","MT","JM","HK","NG","KE","GH","BZ","TT","BS","BB","PK","MY"],
  "sv": ["SE","FI","AX"],
  "de": ["DE","AT","CH","LI","LU","BE"],
  "fr": ["FR","BE","CH","CA","LU","MC","SN","CI","MA","DZ","TN","HT"],
  "es": ["ES","MX","AR","CO","CL","PE","VE","EC","GT","CU","BO","DO","HN","PY","SV","NI","CR","PA","UY","PR","US"],
  "pt": ["PT","BR","AO","MZ"],
  "it": ["IT","CH","SM","VA"],
  "nl": ["NL","BE","SR"],
  "da": ["DK","GL","FO"],
  "nb": ["NO"],
  "no": ["NO"],
  "fi": ["FI"],
  "pl": ["PL"],
  "cs": ["CZ"],
  "ru": ["RU","BY","KZ","KG"],
  "ja": ["JP"],
  "ko": ["KR"],
  "zh": ["CN","TW","HK","SG","MO"],
  "tr": ["TR","CY"],
  "el": ["GR","CY"],
  "hu": ["HU"],
  "he": ["IL"],
  "ar": ["SA","AE","EG","QA","KW","BH","OM","JO","LB","MA","DZ","TN","IQ"],
};
const LANGUAGE_NAMES: Record<string, string> = {
  "english": "en",
  "swedish": "sv",
  "svenska": "sv",
  "german": "de",
  "deutsch": "de",
  "french": "fr",
  "français": "fr",
  "francais": "fr",
  "spanish": "es",
  "español": "es",
  "espanol": "es",
  "portuguese": "pt",
  "italian": "it",
  "italiano": "it",
  "dutch": "nl",
  "nederlands": "nl",
  "danish": "da",
  "dansk": "da",
  "norwegian": "no",
  "norsk": "no",
  "norwegian bokmål": "nb",
  "finnish": "fi",
  "suomi": "fi",
  "polish": "pl",
  "czech": "cs",
  "russian": "ru",
  "japanese": "ja",
  "korean": "ko",
  "chinese": "zh",
  "chinese simplified": "zh-hans",
  "simplified chinese": "zh-hans",
  "chinese traditional": "zh-hant",
  "traditional chinese": "zh-hant",
  "turkish": "tr",
  "greek": "el",
  "hungarian": "hu",
  "hebrew": "he",
  "arabic": "ar",
};
const REGION_NAMES: Record<string, string> = {
  "united states": "US",
  "usa": "US",
  "united kingdom": "GB",
  "uk": "GB",
  "great britain": "GB",
  "australia": "AU",
  "canada": "CA",
  "new zealand": "NZ",
  "ireland": "IE",
  "india": "IN",
  "south africa": "ZA",
  "singapore": "SG",
  "sweden": "SE",
  "sverige": "SE",
  "finland": "FI",
  "germany": "DE",
  "deutschland": "DE",
  "austria": "AT",
  "österreich": "AT",
  "switzerland": "CH",
  "schweiz": "CH",
  "france": "FR",
  "belgium": "BE",
  "luxembourg": "LU",
  "spain": "ES",
  "españa": "ES",
  "mexico": "MX",
  "argentina": "AR",
  "portugal": "PT",
  "brazil": "BR",
  "italy": "IT",
  "italia": "IT",
  "netherlands": "NL",
  "nederland": "NL",
  "denmark": "DK",
  "danmark": "DK",
  "norway": "NO",
  "norge": "NO",
  "poland": "PL",
  "czech republic": "CZ",
  "czechia": "CZ",
  "russia": "RU",
  "japan": "JP",
  "south korea": "KR",
  "korea": "KR",
  "china": "CN",
  "china mainland": "CN",
  "taiwan": "TW",
  "hong kong": "HK",
  "turkey": "TR",
  "greece": "GR",
  "hungary": "HU",
  "israel": "IL",
  "saudi arabia": "SA",
  "united arab emirates": "AE",
  "egypt": "EG",
};

/** Names not in ICU's English or native display names, accepted as aliases. */
const REGION_ALIASES = new Set(['uk', 'great britain', 'czech republic', 'korea', 'china mainland', 'hong kong', 'turkey']);
const LANGUAGE_ALIASES = new Set(['francais', 'espanol', 'chinese simplified', 'chinese traditional']);
const LANGS = Object.keys(LANGUAGE_REGIONS);

function regionDisplayNames(code: string): Set<string> {
  return new Set(['en', ...LANGS].map((l) => new Intl.DisplayNames([l], { type: 'region' }).of(code)?.toLowerCase() ?? ''));
}
function languageDisplayNames(code: string): Set<string> {
  const icu = code === 'zh-hans' ? 'zh-Hans' : code === 'zh-hant' ? 'zh-Hant' : code;
  return new Set(['en', icu.split('-')[0]!].map((l) => new Intl.DisplayNames([l], { type: 'language' }).of(icu)?.toLowerCase() ?? ''));
}

test('region names map to their ISO code, and each is ICU\'s English or native name (or a listed alias)', () => {
  for (const [n, code] of Object.entries(REGION_NAMES)) {
    assert.equal(normaliseRegion(n), code, n);
    assert.equal(normaliseRegion(`  ${n.toUpperCase()} `), code, `${n} upper case, padded`);
    assert.ok(REGION_ALIASES.has(n) || regionDisplayNames(code).has(n), `${n} is not a display name of ${code}`);
  }
});

test('language names map to their key, and each is ICU\'s English or native name (or a listed alias)', () => {
  for (const [n, code] of Object.entries(LANGUAGE_NAMES)) {
    assert.equal(normaliseLanguage(n), code, n);
    assert.equal(normaliseLanguage(` ${n.toUpperCase()}`), code, `${n} upper case`);
    assert.ok(LANGUAGE_ALIASES.has(n) || languageDisplayNames(code).has(n), `${n} is not a display name of ${code}`);
  }
});

test('every listed language belongs to each of its regions, and to no other region code', () => {
  const allRegions = [...new Set(Object.values(LANGUAGE_REGIONS).flat())];
  for (const [lang, regions] of Object.entries(LANGUAGE_REGIONS)) {
    assert.equal(normaliseLanguage(lang), lang, `the code ${lang} itself is recognised`);
    for (const r of allRegions) assert.equal(languageMatchesRegion(lang, r), regions.includes(r), `${lang} in ${r}`);
    // ICU's most likely region for the language is among ours
    const likely = new Intl.Locale(lang).maximize().region!;
    assert.ok(regions.includes(likely), `${lang}: ICU's likely region ${likely} missing`);
  }
});

// BCP-47 and free-form inputs → normalised language (null = not in our table)
const LANG_INPUTS: ReadonlyArray<readonly [string, string | null]> = [
  ['en', 'en'], ['en-GB', 'en'], ['EN_us', 'en'], ['sv-SE', 'sv'], ['pt-BR', 'pt'],
  ['zh-Hans', 'zh-hans'], ['zh-CN', 'zh-hans'], ['zh_SG', 'zh-hans'], ['zh-Hans-HK', 'zh-hans'],
  ['zh-Hant', 'zh-hant'], ['zh-TW', 'zh-hant'], ['zh-HK', 'zh-hant'], ['zh-MO', 'zh-hant'], ['zh', 'zh'],
  ['xx', null], ['eng', null], ['nozh-cn', null], ['xzh-tw', null], ['xen', null], ['e', null], ['', null], ['   ', null], ['Klingon', null], ['english (uk)', null],
];
for (const [input, want] of LANG_INPUTS) test(`normaliseLanguage(${JSON.stringify(input)}) → ${want}`, () => assert.equal(normaliseLanguage(input), want));

const REGION_INPUTS: ReadonlyArray<readonly [string, string | null]> = [
  ['SE', 'SE'], ['se', 'SE'], [' gb ', 'GB'], ['Sweden', 'SE'], ['XX', 'XX'], ['SWE', null], ['xse', null], ['sex', null], ['S', null], ['', null], ['  ', null], ['Atlantis', null], ['s1', null],
];
for (const [input, want] of REGION_INPUTS) test(`normaliseRegion(${JSON.stringify(input)}) → ${want}`, () => assert.equal(normaliseRegion(input), want));

test('languageMatchesRegion: Chinese scripts share the zh regions; unknown language → null', () => {
  assert.equal(languageMatchesRegion('zh-hans', 'CN'), true);
  assert.equal(languageMatchesRegion('zh-hant', 'TW'), true);
  assert.equal(languageMatchesRegion('zh-hant', 'SE'), false);
  assert.equal(languageMatchesRegion('xx', 'SE'), null);
  assert.equal(languageMatchesRegion('en', 'XX'), false);
});

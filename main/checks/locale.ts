/** Language/region correspondence for the iOS 9 sign-in check: which regions a language belongs to. */

/** ISO 639-1 language → ISO 3166 regions where it is a national or widely official language. */
const LANGUAGE_REGIONS: Readonly<Record<string, readonly string[]>> = {
  en: ['US', 'GB', 'AU', 'CA', 'NZ', 'IE', 'IN', 'ZA', 'SG', 'PH', 'MT', 'JM', 'HK', 'NG', 'KE', 'GH', 'BZ', 'TT', 'BS', 'BB', 'PK', 'MY'],
  sv: ['SE', 'FI', 'AX'],
  de: ['DE', 'AT', 'CH', 'LI', 'LU', 'BE'],
  fr: ['FR', 'BE', 'CH', 'CA', 'LU', 'MC', 'SN', 'CI', 'MA', 'DZ', 'TN', 'HT'],
  es: ['ES', 'MX', 'AR', 'CO', 'CL', 'PE', 'VE', 'EC', 'GT', 'CU', 'BO', 'DO', 'HN', 'PY', 'SV', 'NI', 'CR', 'PA', 'UY', 'PR', 'US'],
  pt: ['PT', 'BR', 'AO', 'MZ'],
  it: ['IT', 'CH', 'SM', 'VA'],
  nl: ['NL', 'BE', 'SR'],
  da: ['DK', 'GL', 'FO'],
  nb: ['NO'],
  no: ['NO'],
  fi: ['FI'],
  pl: ['PL'],
  cs: ['CZ'],
  ru: ['RU', 'BY', 'KZ', 'KG'],
  ja: ['JP'],
  ko: ['KR'],
  zh: ['CN', 'TW', 'HK', 'SG', 'MO'],
  tr: ['TR', 'CY'],
  el: ['GR', 'CY'],
  hu: ['HU'],
  he: ['IL'],
  ar: ['SA', 'AE', 'EG', 'QA', 'KW', 'BH', 'OM', 'JO', 'LB', 'MA', 'DZ', 'TN', 'IQ'],
};

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  english: 'en', swedish: 'sv', svenska: 'sv', german: 'de', deutsch: 'de', french: 'fr', 'français': 'fr', francais: 'fr',
  spanish: 'es', 'español': 'es', espanol: 'es', portuguese: 'pt', italian: 'it', italiano: 'it', dutch: 'nl', nederlands: 'nl',
  danish: 'da', dansk: 'da', norwegian: 'no', norsk: 'no', 'norwegian bokmål': 'nb', finnish: 'fi', suomi: 'fi', polish: 'pl',
  czech: 'cs', russian: 'ru', japanese: 'ja', korean: 'ko', chinese: 'zh', 'chinese simplified': 'zh-hans', 'simplified chinese': 'zh-hans',
  'chinese traditional': 'zh-hant', 'traditional chinese': 'zh-hant', turkish: 'tr', greek: 'el', hungarian: 'hu', hebrew: 'he', arabic: 'ar',
};

const REGION_NAMES: Readonly<Record<string, string>> = {
  'united states': 'US', usa: 'US', 'united kingdom': 'GB', uk: 'GB', 'great britain': 'GB', australia: 'AU', canada: 'CA',
  'new zealand': 'NZ', ireland: 'IE', india: 'IN', 'south africa': 'ZA', singapore: 'SG', sweden: 'SE', sverige: 'SE', finland: 'FI',
  germany: 'DE', deutschland: 'DE', austria: 'AT', 'österreich': 'AT', switzerland: 'CH', schweiz: 'CH', france: 'FR', belgium: 'BE',
  luxembourg: 'LU', spain: 'ES', 'españa': 'ES', mexico: 'MX', argentina: 'AR', portugal: 'PT', brazil: 'BR', italy: 'IT', italia: 'IT',
  netherlands: 'NL', nederland: 'NL', denmark: 'DK', danmark: 'DK', norway: 'NO', norge: 'NO', poland: 'PL', 'czech republic': 'CZ',
  czechia: 'CZ', russia: 'RU', japan: 'JP', 'south korea': 'KR', korea: 'KR', china: 'CN', "china mainland": 'CN', taiwan: 'TW', 'hong kong': 'HK',
  turkey: 'TR', greece: 'GR', hungary: 'HU', israel: 'IL', 'saudi arabia': 'SA', 'united arab emirates': 'AE', egypt: 'EG',
};

/** Normalises "English", "en", "en-GB", "Chinese Simplified", "zh-Hans" to a language key. */
export function normaliseLanguage(value: string): string | null {
  const v = value.trim().toLowerCase().replace(/_/g, '-');
  // Stryker disable next-line ConditionalExpression: an empty string matches no name and no pattern below either
  if (!v) return null;
  if (LANGUAGE_NAMES[v]) return LANGUAGE_NAMES[v] as string;
  if (/^zh-(hans|cn|sg)/.test(v)) return 'zh-hans';
  if (/^zh-(hant|tw|hk|mo)/.test(v)) return 'zh-hant';
  const m = /^([a-z]{2})(?:-|$)/.exec(v);
  return m && LANGUAGE_REGIONS[m[1] as string] ? (m[1] as string) : null;
}

/** Normalises "Sweden", "SE", "se" to an ISO 3166 alpha-2 code. */
export function normaliseRegion(value: string): string | null {
  const v = value.trim().toLowerCase();
  // Stryker disable next-line ConditionalExpression: an empty string matches no name and not the pattern below either
  if (!v) return null;
  if (REGION_NAMES[v]) return REGION_NAMES[v] as string;
  return /^[a-z]{2}$/.test(v) ? v.toUpperCase() : null;
}

/** true/false when the pair can be judged; null when the language or region is not in our table. */
export function languageMatchesRegion(language: string, region: string): boolean | null {
  const base = language.startsWith('zh') ? 'zh' : language;
  const regions = LANGUAGE_REGIONS[base];
  return regions ? regions.includes(region) : null;
}

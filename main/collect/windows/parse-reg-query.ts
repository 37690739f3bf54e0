/** Parses `reg query` text output (any language) into values; tells absent keys from errors. */
import { ACCESS_DENIED, anyMatch, REG_NOT_FOUND } from './messages';

export interface RegQueryValue {
  readonly keyPath: string;
  readonly name: string;
  readonly type: string;
  readonly data: string;
}

const VALUE_LINE = /^\s{2,}(.+?)\s{2,}(REG_[A-Z_]+)(?:\s{2,}(.*))?$/;
const KEY_LINE = /^(HKEY_[A-Z_]+|HK(?:LM|CU|CR|U|CC))\\?(.*)$/;

/** Values under every key printed; `(Default)`-style names are kept as printed. */
export function parseRegQuery(text: string): RegQueryValue[] {
  const values: RegQueryValue[] = [];
  let key = '';
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, '');
    if (!line) continue;
    const k = KEY_LINE.exec(line);
    if (k && !line.startsWith(' ')) {
      key = line;
      continue;
    }
    const v = VALUE_LINE.exec(line);
    if (v) values.push({ keyPath: key, name: (v[1] as string).trim(), type: v[2] as string, data: (v[3] ?? '').trim() });
  }
  return values;
}

/**
 * reg.exe exits 1 for an absent key and for a denied one alike, with a localized one-line message:
 * the words are the only difference (9 display languages covered; anything else is "error", never a guess).
 */
export function classifyRegError(stderr: string): 'absent' | 'access-denied' | 'error' {
  if (anyMatch(REG_NOT_FOUND, stderr)) return 'absent';
  if (anyMatch(ACCESS_DENIED, stderr)) return 'access-denied';
  return 'error';
}

/** Parses `reg query` text output (any language) into values; tells absent keys from errors. */
import { ACCESS_DENIED, anyMatch, REG_NOT_FOUND } from './messages';

export interface RegQueryValue {
  readonly keyPath: string;
  readonly name: string;
  readonly type: string;
  readonly data: string;
}

// Stryker disable next-line Regex: equivalent for reg.exe output — columns are 4-space separated and only key lines are unindented, so ^/$ and one-space data separators never decide
const VALUE_LINE = /^\s{2,}(.+?)\s{2,}(REG_[A-Z_]+)(?:\s{2,}(.*))?$/;
// Stryker disable next-line Regex: equivalent — the whole line becomes the key, so the tail and the end anchor do not matter, and reg.exe prints hive names only at the start of unindented key lines
const KEY_LINE = /^(HKEY_[A-Z_]+|HK(?:LM|CU|CR|U|CC))\\?(.*)$/;

/** Values under every key printed; `(Default)`-style names are kept as printed. */
export function parseRegQuery(text: string): RegQueryValue[] {
  const values: RegQueryValue[] = [];
  let key = '';
  // Stryker disable next-line Regex: equivalent — U+FEFF only ever appears as a leading BOM in this output
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, '');
    // Stryker disable next-line ConditionalExpression: equivalent — an empty line matches neither the key nor the value pattern
    if (!line) continue;
    const k = KEY_LINE.exec(line);
    // Stryker disable next-line MethodExpression: equivalent — KEY_LINE is anchored at a hive name, so a key line never starts (or, after the trim, ends) with a space
    if (k && !line.startsWith(' ')) {
      key = line;
      continue;
    }
    const v = VALUE_LINE.exec(line);
    // Stryker disable next-line MethodExpression: equivalent — the greedy `\s{2,}` around the name and before the data leaves no space to trim
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

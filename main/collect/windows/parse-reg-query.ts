/** Parses `reg query` text output (any language) into values; tells absent keys from errors. */

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

/** reg.exe exits 1 with a localized "unable to find" message when a key is absent. */
export function classifyRegError(stderr: string): 'absent' | 'access-denied' | 'error' {
  if (/unable to find|nicht finden|nicht gefunden|introuvable|no se puede encontrar|impossibile trovare/i.test(stderr)) return 'absent';
  if (/access is denied|zugriff verweigert|accès refusé|acceso denegado/i.test(stderr)) return 'access-denied';
  return 'error';
}

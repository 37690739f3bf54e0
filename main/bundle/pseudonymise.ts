/**
 * Pseudonymisation (like `sos report --clean`): user names, SIP addresses, host names, domains, IP and
 * MAC addresses and certificate thumbprints are replaced consistently — the same input gives the same
 * token everywhere in the bundle — so the diagnosis still reads and re-analyses to the same findings.
 * Two phases: `learn` every string first (so a name seen only in a raw log is known when the Snapshot
 * is rewritten), then `apply`. The mapping stays with the caller (written next to the zip, never inside).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { mapStrings, visitStrings } from './json-walk';
import { KEEP_DOMAINS, KEEP_TLDS, PUBLIC_SUFFIXES, STOP_WORDS, TENANT_SUFFIXES, TLDS, WELL_KNOWN_LABELS } from './public-names';

export type PseudonymKind = 'user' | 'domain' | 'name' | 'ip' | 'mac' | 'hash' | 'serial';

export interface PseudonymEntry {
  readonly kind: PseudonymKind;
  readonly original: string;
  readonly token: string;
}

export interface PseudonymiserOptions {
  /** Key for hashed tokens (thumbprints, serials); random per export by default. */
  readonly key?: Buffer;
  /** Identifiers known on the exporting PC, replaced wherever they appear (e.g. os user name, computer name). */
  readonly users?: readonly string[];
  readonly computers?: readonly string[];
}

const LABEL = '(?:\\*|[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)';
const HOST_BODY = `(?:${LABEL}\\.)+[A-Za-z][A-Za-z0-9-]{0,62}(?![A-Za-z0-9_-]|\\.[A-Za-z0-9_])`;
const LOCAL = "[A-Za-z0-9._%+-]{1,64}";
const EMAIL = `(?<![A-Za-z0-9._%+-])(?<local>${LOCAL})@(?<domain>${HOST_BODY})`;
const HOST = `(?<![A-Za-z0-9_@*-])(?<![A-Za-z0-9_-]\\.)(?<host>${HOST_BODY})`;
const MAC = '(?<![0-9A-Fa-f:-])(?<mac>[0-9A-Fa-f]{2}(?<sep>[:-])(?:[0-9A-Fa-f]{2}\\k<sep>){4}[0-9A-Fa-f]{2})(?![0-9A-Fa-f:-])';
const IPV6 = '(?<![0-9A-Za-z:.])(?<ip6>(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f]{1,4})?)(?:%[A-Za-z0-9]+)?(?![0-9A-Za-z:])';
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = `(?<![0-9A-Za-z.])(?<ip4>(?:${OCTET}\\.){3}${OCTET})(?![0-9]|\\.[0-9])`;
const HEX = '(?<![0-9A-Za-z])(?<hex>[0-9A-Fa-f]{64}|[0-9A-Fa-f]{40})(?![0-9A-Za-z])';

const REMOVALS: ReadonlyArray<readonly [RegExp, string]> = [
  // Certificates carry names in their DER: a pseudonymised bundle keeps the parsed fields only.
  [/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g, '[REMOVED:pem]'],
  [/(?<![A-Za-z0-9+/])MI[IHGJ][A-Za-z0-9+/]{60,}={0,2}(?![A-Za-z0-9+/])/g, '[REMOVED:der]'],
];

/** Characters any identifier pattern can touch (including its look-around); text between runs is skipped. */
const RUN = /[A-Za-z0-9_.:%+@*-]+/g;
const EMAIL_RE = new RegExp(EMAIL, 'g');
const HOST_RE = new RegExp(HOST, 'g');

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Keys whose value the Snapshot means as a host name or domain (or a list of them). */
const HOST_KEY = /^(?:name|host|hostname|hostName|server|servers|target|fqdn|sipDomain|domain|domainName|targetname|pool|registrar|dnsNames?|noProxy|bypass|proxyServer|commonName|cn|computerName|machineName)$/i;
/** Of those, the ones whose plain single-label values are names too (lists and explicit host fields). */
const LIST_KEY = /^(?:noProxy|bypass|servers|dnsNames?)$/i;
const SINGLE_LABEL_KEY = /^(?:host|hostname|hostName|server|target|fqdn|computerName|machineName|pool|registrar)$/i;
/** Keys whose value is a user (sign-in name, account). */
const USER_KEY = /^(?:user|userName|username|account|samAccountName|logonName|upn)$/i;
/** Dotted words that are file names, not hosts. */
const FILE_EXTENSIONS = new Set(['log', 'txt', 'json', 'xml', 'pem', 'cer', 'crt', 'der', 'pfx', 'zip', 'html', 'htm', 'etl', 'pac', 'dat', 'ps1', 'exe', 'dll', 'uccapilog', 'md', 'csv', 'har', 'js', 'ts', 'svc', 'asmx', 'aspx', 'reg', 'cfg', 'ini', 'tmp', 'bak', 'sqlite', 'db', 'evtx']);

/** Keys whose value is a serial number: hashed like thumbprints. */
const SERIAL_KEY = /^serial(?:number)?$/i;

/** Splits a host name into the labels before its registrable domain and that domain (null: keep it). */
export function splitHost(host: string): { labels: string[]; root: string; tenantSuffix: string | null } | null {
  const h = host.toLowerCase().replace(/\.$/, '');
  const parts = h.split('.');
  const last = parts[parts.length - 1] ?? '';
  if (KEEP_TLDS.has(last) || KEEP_DOMAINS.some((k) => h === k || h.endsWith(`.${k}`)) || PUBLIC_SUFFIXES.includes(h)) return null;
  let suffix = parts.slice(-1).join('.');
  for (const s of PUBLIC_SUFFIXES) {
    if (h.endsWith(`.${s}`) && s.length > suffix.length) suffix = s;
  }
  const suffixLabels = suffix.split('.').length;
  if (parts.length <= suffixLabels) return null;
  const root = parts.slice(-(suffixLabels + 1)).join('.');
  return { labels: parts.slice(0, parts.length - suffixLabels - 1), root, tenantSuffix: TENANT_SUFFIXES.has(suffix) ? suffix : null };
}

function ipv4ToInt(a: string): number {
  return a.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}
function intToIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}
const inRange = (n: number, base: string, bits: number): boolean => Math.floor(n / 2 ** (32 - bits)) === Math.floor(ipv4ToInt(base) / 2 ** (32 - bits));

/** Token pools per address category, so private stays private and public stays public. */
const V4_POOLS: Record<string, ReadonlyArray<readonly [string, number]>> = {
  'private-10': [['10.99.0.0', 65_536 * 100]],
  'private-172': [['172.31.0.0', 65_536]],
  'private-192': [['192.168.99.0', 256 * 150]],
  cgnat: [['100.127.0.0', 65_536]],
  'link-local': [['169.254.99.0', 256 * 100]],
  public: [['198.51.100.0', 256], ['203.0.113.0', 256], ['192.0.2.0', 256], ['198.18.0.0', 131_072]],
};

function v4Category(n: number): string | null {
  if (inRange(n, '0.0.0.0', 32) || inRange(n, '127.0.0.0', 8) || inRange(n, '255.255.255.255', 32) || inRange(n, '224.0.0.0', 3)) return null;
  if (inRange(n, '10.0.0.0', 8)) return 'private-10';
  if (inRange(n, '172.16.0.0', 12)) return 'private-172';
  if (inRange(n, '192.168.0.0', 16)) return 'private-192';
  if (inRange(n, '100.64.0.0', 10)) return 'cgnat';
  if (inRange(n, '169.254.0.0', 16)) return 'link-local';
  return 'public';
}

/** Consistent, category-preserving replacement of identifying strings. */
export class Pseudonymiser {
  private readonly key: Buffer;
  private readonly map = new Map<string, PseudonymEntry>();
  private readonly counters = new Map<string, number>();
  private readonly users = new Set<string>();
  private readonly computers = new Set<string>();
  private readonly rootWords = new Map<string, string>();
  private readonly roots = new Set<string>();
  private pattern: RegExp | null = null;
  /** For text a host/IPv6 candidate declined (e.g. "My-<thumbprint>.pem"): the parts inside it. */
  private innerPattern: RegExp | null = null;

  constructor(opts: PseudonymiserOptions = {}) {
    this.key = opts.key ?? randomBytes(32);
    for (const u of opts.users ?? []) this.addUser(u);
    for (const c of opts.computers ?? []) this.addComputer(c);
  }

  /** This PC's name: like a user name, a common word ("server", "localhost") is never replaced as free text. */
  private addComputer(c: string): void {
    const v = c.trim().toLowerCase();
    if (v.length >= 3 && v !== 'localhost' && !STOP_WORDS.has(v) && !WELL_KNOWN_LABELS.has(v)) this.computers.add(v);
  }

  private addUser(u: string): void {
    const v = u.trim().toLowerCase();
    if (v.length >= 3 && !STOP_WORDS.has(v) && !WELL_KNOWN_LABELS.has(v)) this.users.add(v);
    for (const part of v.split(/[._-]/)) if (part.length >= 3 && part !== v && !STOP_WORDS.has(part) && !WELL_KNOWN_LABELS.has(part)) this.users.add(part);
  }

  private addRoot(host: string): void {
    const s = splitHost(host);
    if (!s) return;
    this.roots.add(s.root);
    const word = s.root.split('.')[0] ?? '';
    if (word.length >= 4 && !STOP_WORDS.has(word) && !WELL_KNOWN_LABELS.has(word) && !this.rootWords.has(word)) this.rootWords.set(word, s.root);
  }

  /** Phase 1: notes the identifiers in a text (SIP/e-mail addresses, host names, user folders). */
  learn(text: string): void {
    this.pattern = null;
    for (const run of text.match(RUN) ?? []) {
      if (!run.includes('.')) continue;
      if (run.includes('@')) {
        for (const m of run.matchAll(EMAIL_RE)) {
          this.addUser(m.groups?.local ?? '');
          this.addRoot(m.groups?.domain ?? '');
        }
      }
      for (const m of run.matchAll(HOST_RE)) {
        const host = m.groups?.host ?? '';
        const tld = host.toLowerCase().replace(/\.$/, '').split('.').pop() ?? '';
        if (TLDS.has(tld)) this.addRoot(host);
      }
    }
    for (const m of text.matchAll(/[\\/](?:Users|home|Documents and Settings)[\\/]([^\\/\s"'<>:]{3,64})/gi)) {
      const u = m[1] ?? '';
      if (!/^(public|default|all users|default user|shared|administrator)$/i.test(u)) this.addUser(u);
    }
  }

  /**
   * Phase 1 driven by what the Snapshot says is a host, user or domain (not by a TLD list): values under
   * host-like keys (any TLD, and single-label names from NO_PROXY / bypass lists), the host and user of
   * every URL, and DOMAIN\\user in credential shapes.
   */
  learnSnapshot(value: unknown): void {
    this.pattern = null;
    visitStrings(value, (s, key) => {
      const v = s.trim();
      if (!v || v.length > 2048) return;
      if (key !== undefined && HOST_KEY.test(key)) this.learnHostValue(v, LIST_KEY.test(key) || SINGLE_LABEL_KEY.test(key));
      if (key !== undefined && USER_KEY.test(key)) this.addUser(v.replace(/^.*[\\/]/, '').split('@')[0] ?? '');
      this.learnIdentifiersInText(v);
    });
  }

  /** Host and user of URLs and DOMAIN\\user credential shapes inside any text. */
  private learnIdentifiersInText(text: string): void {
    for (const m of text.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/(?:([^\s/?#@]*)@)?(\[[^\]\s]+\]|[^\s/?#:@"'<>]+)/gi)) {
      if (m[1]) this.learnUserInfo(m[1]);
      this.learnHostValue(m[2] ?? '', true);
    }
    for (const m of text.matchAll(/(?<![A-Za-z0-9._%+\\/:@-])([A-Za-z0-9._%+\\-]{2,128})(?::[^\s@"'<>/]*)?@(?=[A-Za-z0-9])/g)) {
      if (/[\\]|%5C/i.test(m[1] ?? '')) this.learnUserInfo(m[1] ?? '');
    }
  }

  private learnUserInfo(info: string): void {
    let plain = info;
    try {
      plain = decodeURIComponent(info);
    } catch {
      /* keep it raw */
    }
    const user = plain.split(':')[0] ?? '';
    const [dom, name] = user.includes('\\') ? (user.split('\\') as [string, string]) : ['', user];
    if (dom && dom.length >= 2 && !STOP_WORDS.has(dom.toLowerCase())) this.computers.add(dom.toLowerCase());
    if (name) this.addUser(name);
  }

  /** A value the Snapshot names as a host (or a list of them): its registrable domain, or the plain name. */
  private learnHostValue(value: string, allowSingle: boolean): void {
    for (const raw of value.split(/[\s,;]+/)) {
      const h = raw.replace(/^\*?\./, '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
      if (!h || isIPv4(h) || isIPv6(h) || h === 'localhost' || h.startsWith('<')) continue;
      if (!/^[a-z0-9_](?:[a-z0-9_-]{0,62})(?:\.[a-z0-9_](?:[a-z0-9_-]{0,62}))*\.?$/.test(h)) continue;
      const labels = h.replace(/\.$/, '').split('.');
      const tld = labels[labels.length - 1] ?? '';
      if (labels.length >= 2 && /^[a-z][a-z0-9-]{1,62}$/.test(tld) && !FILE_EXTENSIONS.has(tld)) this.addRoot(h);
      else if (labels.length === 1 && allowSingle && h.length >= 3 && !STOP_WORDS.has(h) && !WELL_KNOWN_LABELS.has(h)) this.computers.add(h);
    }
  }

  /** Phase 1 over every string and key of a JSON value. */
  learnValue(value: unknown): void {
    visitStrings(value, (s) => this.learn(s));
  }

  private token(kind: PseudonymKind, original: string, make: (n: number) => string, counterKey: string = kind): string {
    const k = `${kind}\u0000${original}`;
    const hit = this.map.get(k);
    if (hit) return hit.token;
    const n = (this.counters.get(counterKey) ?? 0) + 1;
    this.counters.set(counterKey, n);
    const token = make(n);
    this.map.set(k, { kind, original, token });
    return token;
  }

  private hashToken(kind: 'hash' | 'serial', original: string): string {
    const lower = original.toLowerCase();
    const token = this.token(kind, lower, () => {
      let h = '';
      for (let i = 0; h.length < lower.length; i++) h += createHmac('sha256', this.key).update(`${kind}:${i}:${lower}`).digest('hex');
      return h.slice(0, lower.length);
    });
    return /[a-f]/.test(original) ? token : token.toUpperCase();
  }

  private userToken(local: string): string {
    return this.token('user', local.toLowerCase(), (n) => `user${n}`);
  }

  private labelToken(label: string): string {
    const l = label.toLowerCase();
    if (l === '*' || WELL_KNOWN_LABELS.has(l)) return l;
    return this.token('name', l, (n) => `name${n}`);
  }

  private rootToken(root: string, tenantSuffix: string | null): string {
    return this.token('domain', root, (n) => (tenantSuffix ? `tenant${n}.${tenantSuffix}` : `domain${n}.example`));
  }

  private hostToken(host: string): string | null {
    const s = splitHost(host);
    if (!s) return null;
    const lower = host.toLowerCase();
    const tld = lower.replace(/\.$/, '').split('.').pop() ?? '';
    if (!this.roots.has(s.root) && !TLDS.has(tld)) return null;
    this.roots.add(s.root);
    const mapped = [...s.labels.map((l) => this.labelToken(l)), this.rootToken(s.root, s.tenantSuffix)].join('.');
    return lower.endsWith('.') ? `${mapped}.` : mapped;
  }

  private ipv4Token(addr: string): string {
    const n = ipv4ToInt(addr);
    const cat = v4Category(n);
    if (!cat) return addr;
    return this.token('ip', addr, (i) => {
      let left = i;
      for (const [base, size] of V4_POOLS[cat] ?? []) {
        if (left < size - 1) return intToIpv4(ipv4ToInt(base) + left);
        left -= size - 2;
      }
      return intToIpv4(ipv4ToInt('198.18.0.0') + (i % 131_000) + 1);
    }, `ip:${cat}`);
  }

  private ipv6Token(addr: string): string | null {
    if (!isIPv6(addr)) return null;
    let canonical: string;
    try {
      canonical = new URL(`http://[${addr}]/`).hostname.slice(1, -1);
    } catch {
      return null;
    }
    if (canonical === '::' || canonical === '::1') return addr;
    const mapped4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(addr);
    if (mapped4 && isIPv4(mapped4[1] as string)) return `::ffff:${this.ipv4Token(mapped4[1] as string)}`;
    const first = parseInt(canonical.split(':')[0] || '0', 16);
    if (first >= 0xff00) return addr; // multicast
    const cat = first >= 0xfe80 && first <= 0xfebf ? 'link-local' : first >= 0xfc00 && first <= 0xfdff ? 'unique-local' : 'global';
    const prefix = cat === 'link-local' ? 'fe80::' : cat === 'unique-local' ? 'fd00::' : '2001:db8:ffff::';
    return this.token('ip', canonical, (n) => `${prefix}${n.toString(16)}`, `ip6:${cat}`);
  }

  private macToken(mac: string, sep: string): string {
    const lower = mac.toLowerCase();
    if (/^(?:00[:-]){5}00$/.test(lower) || /^(?:ff[:-]){5}ff$/.test(lower)) return mac;
    return this.token('mac', lower.replace(/-/g, ':'), (n) => ['02', '00', '5e', ...[16, 8, 0].map((s) => ((n >> s) & 0xff).toString(16).padStart(2, '0'))].join(':')).replace(/:/g, sep);
  }

  private build(): void {
    const words = [...this.users, ...this.computers, ...this.rootWords.keys()].sort((a, b) => b.length - a.length).map(escapeRe);
    const wordAlt = words.length ? `|(?<![A-Za-z0-9_])(?<word>${words.join('|')})(?![A-Za-z0-9_])` : '';
    this.pattern = new RegExp(`${EMAIL}|${MAC}|${IPV6}|${IPV4}|${HOST}|${HEX}${wordAlt}`, 'gi');
    this.innerPattern = new RegExp(`${HEX}|${IPV4}${wordAlt}`, 'gi');
  }

  private wordToken(word: string): string {
    const w = word.toLowerCase();
    if (this.users.has(w)) return this.userToken(w);
    if (this.computers.has(w)) return this.labelToken(w);
    const root = this.rootWords.get(w);
    if (root) return (this.rootToken(root, splitHost(root)?.tenantSuffix ?? null).split('.')[0] as string);
    return word;
  }

  private inner(text: string): string {
    const re = this.innerPattern;
    if (!re) return text;
    re.lastIndex = 0;
    return text.replace(re, (m: string, ...args: unknown[]) => {
      const g = args[args.length - 1] as Record<string, string | undefined>;
      if (g.hex !== undefined) return this.hashToken('hash', g.hex);
      if (g.ip4 !== undefined) return this.ipv4Token(g.ip4);
      if (g.word !== undefined) return this.wordToken(g.word);
      return m;
    });
  }

  /** Phase 2: the pseudonymised text. */
  apply(text: string): string {
    if (!this.pattern) this.build();
    let out = text;
    for (const [re, by] of REMOVALS) out = out.replace(re, by);
    // Every pattern's boundaries are characters of RUN, so matching run by run gives the same result
    // as matching the whole text — and skips the prose between candidates quickly.
    out = out.replace(RUN, (run: string, runAt: number, full: string) => {
      if (!/[.:@]|[0-9A-Fa-f]{2}-[0-9A-Fa-f]{2}-/.test(run)) return run.length < 3 ? run : this.inner(run);
      const pattern = this.pattern as RegExp;
      pattern.lastIndex = 0;
      return run.replace(pattern, (m: string, ...args: unknown[]) => {
        const g = args[args.length - 1] as Record<string, string | undefined>;
        const offset = runAt + (args[args.length - 3] as number);
        let r: string | null = null;
        if (g.local !== undefined && g.domain !== undefined) {
          const host = this.hostToken(g.domain);
          r = `${this.userToken(g.local)}@${host ?? g.domain}`;
        } else if (g.mac !== undefined) r = this.macToken(g.mac, g.sep ?? ':');
        else if (g.ip6 !== undefined) {
          const t = this.ipv6Token(g.ip6);
          r = t === null ? null : m.replace(g.ip6, t);
        } else if (g.ip4 !== undefined) {
          const before = full.slice(Math.max(0, offset - 8), offset);
          r = /(?:ersion[=: ]?|[vV])$/.test(before) ? m : this.ipv4Token(g.ip4);
        } else if (g.host !== undefined) r = this.hostToken(g.host);
        else if (g.hex !== undefined) r = this.hashToken('hash', g.hex);
        else if (g.word !== undefined) r = this.wordToken(g.word);
        return r ?? this.inner(m);
      });
    });
    // A registrable domain glued to other text (e.g. "sip.contoso.com_old") escapes the host pattern's
    // boundaries: sweep the known ones once more.
    const sweep = this.rootSweep();
    return sweep ? out.replace(sweep, (m) => this.rootToken(m.toLowerCase(), splitHost(m)?.tenantSuffix ?? null)) : out;
  }

  private sweepPattern: RegExp | null | undefined;
  private sweepSize = -1;

  private rootSweep(): RegExp | null {
    if (this.sweepSize !== this.roots.size) {
      const roots = [...this.roots].sort((a, b) => b.length - a.length).map(escapeRe);
      this.sweepPattern = roots.length ? new RegExp(`(?<![A-Za-z0-9-])(?:${roots.join('|')})(?![A-Za-z0-9-])`, 'gi') : null;
      this.sweepSize = this.roots.size;
    }
    return this.sweepPattern ?? null;
  }

  /** Kinds of original identifier still present in a text (a guard: empty after `apply`). */
  residue(text: string): PseudonymKind[] {
    const sweep = this.rootSweep();
    if (!sweep) return [];
    sweep.lastIndex = 0;
    return sweep.test(text) ? ['domain'] : [];
  }

  /** Phase 2 over every string and key of a JSON value (serial numbers hashed by their key). */
  applyValue<T>(value: T): T {
    return mapStrings(
      value,
      (s, key) => (key !== undefined && SERIAL_KEY.test(key) && /^[0-9A-Fa-f:]{1,256}$/.test(s) ? this.hashToken('serial', s.replace(/:/g, '')) : this.apply(s)),
      (k) => this.apply(k),
    ) as T;
  }

  /** Original → token pairs (for the .map.json kept on the exporting PC). */
  mapping(): readonly PseudonymEntry[] {
    return [...this.map.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.token.localeCompare(b.token, undefined, { numeric: true }));
  }
}

/**
 * Secret redaction: the global pass every exported string goes through (Snapshot, findings, answers,
 * raw outputs, entry names). Secrets are replaced by "[REDACTED:<kind>]" so the bundle still reads.
 * Idempotent: redacting redacted text changes nothing.
 */
import { isSecretName } from '../model/secret-names';
import { mapStrings } from './json-walk';

export type SecretKind =
  | 'private-key'
  | 'authorization'
  | 'cookie'
  | 'web-ticket'
  | 'ntlm'
  | 'kerberos'
  | 'token'
  | 'jwt'
  | 'password'
  | 'url-password'
  | 'saml'
  /** Not a kind of secret: JSON nested deeper in JSON strings than redaction reads (MAX_STRING_DEPTH), removed whole. */
  | 'too-deep';

export const REDACTED_PREFIX = '[REDACTED:';
const mark = (kind: SecretKind): string => `${REDACTED_PREFIX}${kind}]`;
const isMarked = (s: string): boolean => s.trimStart().startsWith(REDACTED_PREFIX);
const MARK = /\[REDACTED:([a-z-]+)\]/g;

/** Told of each replacement's change in marks, per kind: n > 0 marks added, n < 0 marks it replaced (a secret inside a secret). */
type Found = (kind: SecretKind, n: number) => void;

/**
 * Tells `found` how a replacement changed the marks of each kind: a secret inside another one (a private key in a
 * header's value, a cookie after an Authorization value on its line) was marked first, then went with the outer one's
 * value — its mark is gone, so its count is taken back and the manifest counts what the bundle shows.
 */
function countMarks(before: string, after: string, found: Found): void {
  const delta = new Map<string, number>();
  for (const m of after.matchAll(MARK)) delta.set(m[1] as string, (delta.get(m[1] as string) ?? 0) + 1);
  for (const m of before.matchAll(MARK)) delta.set(m[1] as string, (delta.get(m[1] as string) ?? 0) - 1);
  // Stryker disable next-line ConditionalExpression: a zero change adds nothing to redactText's counts, and findLeaks takes n > 0 only
  for (const [kind, n] of delta) if (n !== 0) found(kind as SecretKind, n);
}

/** Counts per kind, for the manifest (how much was removed, never what). */
export type RedactionCounts = Partial<Record<SecretKind, number>>;

/** Object keys whose whole value is a secret, wherever they appear in a section. */
export const SENSITIVE_KEY =
  /^(?:password|passwd|pwd|pw|pass|passphrase|secret|client_?secret|authorization|proxy-?authorization|cookies?|set-?cookie|x-ms-webticket|web_?ticket|webticket|access_?token|refresh_?token|id_?token|token|bearer|private_?key|credentials?|gssapi-?data|sig|cwt|api_?key|samlresponse|[a-z]*(?:[a-z]Password|_password|-password|Passwd|Secret|_secret))$/i;


const AUTH_SCHEMES = 'Negotiate|Kerberos|NTLM|Bearer|Basic|Digest|MsRtcOAuth|TLS-DSK|OAuth';

/** A redaction rule (its replacer writes the mark, so the kind of secret is in the mark it writes). */
interface Rule {
  readonly re: RegExp;
  readonly replace: (m: string, groups: readonly (string | undefined)[], at: number, text: string) => string;
  /** Leave matches inside the body of a public PEM block (certificate, CSR, public key, CRL) alone. */
  readonly skipPublicPem?: boolean;
  /** Finds what `re` finds (same matches, same groups) in linear time, where the regular expression cannot. */
  readonly matches?: (text: string) => RuleMatch[];
  /** Leave matches that start inside a JSON string read whole before (see readStringContents): they would run past its end. */
  readonly skipReadStrings?: boolean;
}

interface RuleMatch {
  readonly at: number;
  readonly m: string;
  readonly groups: readonly string[];
}

/** `"cookies": [` — a HAR / JSON cookie list opens. */
const COOKIES_OPEN = /"cookies"\s*:\s*\[/gi;
const OUT = 1;
const IN = 2;

/**
 * The cookie lists /("cookies"\s*:\s*\[)((?:[^\]"]|"(?:[^"\\\r\n]|\\.)*")*)(\])/gi finds, in linear time. Its content
 * reading is deterministic (outside a string anything but `]` and `"`; a string ends at its first unescaped quote
 * and may not cross a line end), so a list that does not close fails wherever its reading goes; the regex reread
 * the rest of the text from every later opener (its length squared: 1 s on 40 KB of `"cookies":[`). Here a
 * reading that fails marks the places and states (outside or inside a string) it went through, and a later
 * reading that reaches a marked place in the same state stops: it would fail the same way.
 */
export function cookieListMatches(text: string): RuleMatch[] {
  const found: RuleMatch[] = [];
  let failed: Uint8Array | null = null;
  COOKIES_OPEN.lastIndex = 0;
  for (let open = COOKIES_OPEN.exec(text); open; open = COOKIES_OPEN.exec(text)) {
    const start = open.index + open[0].length;
    const end = readList(text, start, failed);
    if (end !== -1) {
      found.push({ at: open.index, m: text.slice(open.index, end + 1), groups: [open[0], text.slice(start, end), ']'] });
      // Stryker disable next-line ArithmeticOperator: no opener starts at end - 1 or end either (text[end] is the "]")
      COOKIES_OPEN.lastIndex = end + 1;
      continue;
    }
    // Stryker disable next-line ArithmeticOperator: a mark out of the array's range is dropped, which only costs time
    failed ??= new Uint8Array(text.length + 1);
    readList(text, start, failed, true);
    COOKIES_OPEN.lastIndex = open.index + 1;
  }
  return found;
}

/** Reads a list's content from `j`: the index of its closing `]`, or -1. With `mark`, marks each place and state read. */
function readList(text: string, j: number, failed: Uint8Array | null, mark = false): number {
  let state = OUT;
  // Stryker disable next-line EqualityOperator: at text.length charCodeAt is NaN, an ordinary character in either state: the loop ends one step later
  while (j < text.length) {
    // a place already read in this state by a reading that failed: this one fails too (and is marked from there on)
    if (failed && (failed[j] as number) & state) return -1;
    if (mark) (failed as Uint8Array)[j] = ((failed as Uint8Array)[j] as number) | state;
    const c = text.charCodeAt(j);
    if (state === OUT) {
      if (c === 0x5d) return j;
      if (c === 0x22) state = IN;
      j++;
    } else if (c === 0x22) {
      state = OUT;
      j++;
    } else if (c === 0x0a || c === 0x0d) return -1;
    else if (c === 0x5c) {
      const next = text.charCodeAt(j + 1);
      if (next === 0x0a || next === 0x0d || next === 0x2028 || next === 0x2029) return -1;
      j += 2;
    } else j++;
  }
  return -1;
}

const XML_TOKEN_NAMES = 'Assertion|BinarySecurityToken|RequestedSecurityToken|EncryptedData|EncryptedAssertion|CipherValue|UserToken|WebTicket|SecurityToken';
const XML_TOKEN_OPEN = new RegExp(`<((?:[\\w-]+:)?(?:${XML_TOKEN_NAMES}))\\b`, 'g');
const XML_TOKEN_CLOSE = new RegExp(`</((?:[\\w-]+:)?(?:${XML_TOKEN_NAMES}))>`, 'g');

/**
 * The XML security tokens /<((?:[\w-]+:)?(?:Assertion|…))\b([^>]*)>([\s\S]*?)<\/\1>/g finds, in linear time: the
 * element's name is read the one way it can be, its start tag ends at the next `>`, and its content at the next
 * end tag of the same name (all end tags are listed once). The regex looked for the end tag again from every
 * start tag (its length squared: 1.6 s on 160 KB of `<a:Assertion ` without an end).
 */
export function xmlTokenMatches(text: string): RuleMatch[] {
  const found: RuleMatch[] = [];
  // Stryker disable next-line ConditionalExpression,StringLiteral: a quick reject only; without an end tag nothing below matches
  if (!text.includes('</')) return found;
  const ends = new Map<string, number[]>();
  XML_TOKEN_CLOSE.lastIndex = 0;
  for (const e of text.matchAll(XML_TOKEN_CLOSE)) {
    const name = e[1] as string;
    const list = ends.get(name);
    if (list) list.push(e.index);
    else ends.set(name, [e.index]);
  }
  const next = new Map<string, number>(); // per name: index into its end tags, only ever moving forward
  // Stryker disable next-line UnaryOperator: any start below the first name's end is read again at once
  let gt = -1;
  XML_TOKEN_OPEN.lastIndex = 0;
  for (let open = XML_TOKEN_OPEN.exec(text); open; open = XML_TOKEN_OPEN.exec(text)) {
    const name = open[1] as string;
    const afterName = open.index + open[0].length;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: reading the next ">" again finds the same one (a quick path only)
    if (gt < afterName) gt = text.indexOf('>', afterName);
    // Stryker disable next-line EqualityOperator: gt is never 0 (it is past a name)
    if (gt < 0) break; // no ">" after here: no start tag can end
    const list = ends.get(name) ?? [];
    let k = next.get(name) ?? 0;
    // (an end tag starts with "<", so none is at gt itself)
    // Stryker disable next-line EqualityOperator: see above
    while ((list[k] ?? Infinity) <= gt) k++;
    next.set(name, k);
    const end = list[k];
    if (end === undefined) {
      XML_TOKEN_OPEN.lastIndex = open.index + 1;
      continue;
    }
    const stop = end + name.length + 3;
    found.push({ at: open.index, m: text.slice(open.index, stop), groups: [name, text.slice(afterName, gt), text.slice(gt + 1, end)] });
    XML_TOKEN_OPEN.lastIndex = stop;
  }
  return found;
}

/** Public PEM blocks (anything whose label does not say PRIVATE): their base64 is never a secret. */
const PUBLIC_PEM = /-----BEGIN ((?![A-Z0-9 ]*PRIVATE)[A-Z0-9 ]{1,40})-----[\s\S]*?-----END \1-----/g;

function publicPemRanges(text: string): Array<readonly [number, number]> {
  // Stryker disable next-line ConditionalExpression,StringLiteral,ArrayDeclaration: a quick reject only; the block regex finds nothing in such a text (and a range of strings never contains a match index)
  if (!text.includes('-----BEGIN ')) return [];
  PUBLIC_PEM.lastIndex = 0;
  return [...text.matchAll(PUBLIC_PEM)].map((m) => [m.index, m.index + m[0].length] as const);
}

/** One line of text, raw or inside a JSON string (stops at a real or escaped line break and at a closing quote). */
const LINE_SEP = /\r*\n|(?:\\r)*\\n/y;
const LINE_BODY = /(?:[^\r\n\\"]|\\(?![nr"]))*/y;
const PEM_KEY_HEADER = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?)-----/g;
const BODY_TAIL = /(?:^|[^A-Za-z0-9+/=])([A-Za-z0-9+/=]{4,})\s*$/;
/**
 * After a private key's header, on its own line: what a PEM body and its Proc-Type/DEK-Info lines hold (base64,
 * "\/" in a string read as text, ":", ",", "-", spaces), never an END line (nor the next header: many headers on one
 * line are each read to the next one only), then the END line if it is there.
 */
const SAME_LINE = /((?:(?!-----(?:END|BEGIN) )(?:[A-Za-z0-9+/=:,.() \t-]|\\\/))*)(-----END [A-Z0-9 ]*-----)?/y;
/** Spaces and tabs before a line break (raw or escaped). */
const TRAILING_BLANKS = /[ \t]+(?=\r*\n|(?:\\r)*\\n)/y;

/**
 * A PEM private key whose every line carries a log prefix ("09:15:02.123 [7] INFO :: MIIEvQ…"): from the
 * header, each following line that ends in base64 (or is a Proc-Type/DEK-Info/blank line) up to the END line
 * goes with it. Works on raw text and on JSON-escaped text alike.
 */
const shape = (line: string): string => line.replace(/\d/g, '0').trim();
/** Longest log prefix before a private key's header that is read as one. */
const PREFIX_MAX = 4096;

function redactPrefixedKeys(text: string, found: Found): string {
  // Stryker disable next-line ConditionalExpression,StringLiteral: a quick reject only; the header regex finds nothing in such a text
  if (!text.includes('PRIVATE KEY')) return text;
  let out = '';
  let last = 0;
  PEM_KEY_HEADER.lastIndex = 0;
  for (let m = PEM_KEY_HEADER.exec(text); m; m = PEM_KEY_HEADER.exec(text)) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a guard only — lastIndex is set to the end of each key, so the next header is never inside it
    if (m.index < last) continue;
    let end = m.index + m[0].length;
    // The rest of the header's line: a key pasted into one line (breaks turned into spaces or dropped) goes with its
    // header up to its END; white space before the line break is skipped (the body then starts on the next line).
    SAME_LINE.lastIndex = end;
    const same = SAME_LINE.exec(text) as RegExpExecArray;
    const sameLineKey = same[2] !== undefined || /[A-Za-z0-9+/=]{16}|Proc-Type:|DEK-Info:/.test(same[1] as string);
    if (sameLineKey) end = SAME_LINE.lastIndex;
    if (same[2] !== undefined) {
      out += `${text.slice(last, m.index)}${mark('private-key')}`;
      countMarks(text.slice(m.index, end), mark('private-key'), found);
      last = end;
      PEM_KEY_HEADER.lastIndex = end;
      continue;
    }
    // The lines after the header, read as far as the loop below asks (it stops at the first line that is no key
    // line: reading all 400 first made each of many headers on consecutive lines cost 400 lines).
    const lines: Array<{ body: string; end: number }> = [];
    TRAILING_BLANKS.lastIndex = end;
    let pos = TRAILING_BLANKS.test(text) ? TRAILING_BLANKS.lastIndex : end;
    let lastRead = false;
    const line = (i: number): { body: string; end: number } | undefined => {
      while (lines.length <= i && !lastRead) {
        LINE_SEP.lastIndex = pos;
        if (!LINE_SEP.exec(text)) {
          lastRead = true;
          break;
        }
        LINE_BODY.lastIndex = LINE_SEP.lastIndex;
        const body = (LINE_BODY.exec(text) as RegExpExecArray)[0];
        pos = LINE_BODY.lastIndex;
        lines.push({ body, end: pos });
        // Stryker disable next-line ConditionalExpression,Regex: stops the scan early only; the loop below ends the key at the same END line with its own test
        if (/-----END [A-Z0-9 ]*-----/.test(body)) lastRead = true;
        // (a cap on the scan, far above any key: a 16 384-bit RSA PEM has about 170 lines)
        // Stryker disable next-line ConditionalExpression: without the cap only 401+ key-like lines after one header read otherwise, and no key has them (a test pins that 400 are read)
        if (lines.length > 400) lastRead = true;
      }
      return lines[i];
    };
    // The log prefix of the header's line, digits ignored (each line of a logged key has its own timestamp). Read
    // only when needed, and at most PREFIX_MAX characters back: many headers on one long line stay linear (a longer
    // "prefix" is no log prefix, and no line's shape equals the NUL it stands for then).
    const header = m.index;
    let prefixShape: string | undefined;
    const prefix = (): string => {
      if (prefixShape === undefined) {
        const from = Math.max(0, header - PREFIX_MAX);
        const nl = text.slice(from, header).lastIndexOf('\n');
        prefixShape = nl < 0 && from > 0 ? '\0' : shape(text.slice(from + nl + 1, header));
      }
      return prefixShape;
    };
    // (a JSON writer may escape "/" as "\/": base64 still, in a string read as text)
    const tailOf = (i: number): number => (BODY_TAIL.exec((line(i)?.body ?? '').replaceAll('\\/', '/'))?.[1] ?? '').length;
    for (let i = 0; line(i) !== undefined; i++) {
      const { body, end: lineEnd } = line(i) as { body: string; end: number };
      if (/-----END [A-Z0-9 ]*-----/.test(body)) {
        end = lineEnd;
        break;
      }
      const tail = tailOf(i);
      // Stryker disable next-line StringLiteral: no line after the last: any fallback without "-----END " reads the same
      const next = line(i + 1)?.body ?? '';
      const nextIsEnd = /-----END /.test(next);
      // Cut off: a short line after a full-width one (PEM wraps at 64), or the first body line ends the text (or its JSON string).
      const atEnd = lineEnd === text.length || text[lineEnd] === '"';
      // (before the first line there is nothing: read as blank)
      const cutHere = tailOf(i - 1) >= 60 || (atEnd && (line(i - 1)?.body ?? '').trim() === '');
      // A blank line (or the header line's log prefix with nothing after it): the one PEM puts after Proc-Type/DEK-Info,
      // one a log writer put after the header, or double spacing.
      const blankLine = body.trim() === '' || shape(body) === prefix();
      const blank = blankLine && (i < 3 || nextIsEnd || tailOf(i + 1) >= 16);
      const isBody = tail >= 16 || (tail > 0 && (nextIsEnd || cutHere)) || /(?:Proc-Type|DEK-Info):/.test(body) || blank;
      if (!isBody) break;
      end = lineEnd;
    }
    out += `${text.slice(last, m.index)}${mark('private-key')}`;
    countMarks(text.slice(m.index, end), mark('private-key'), found);
    last = end;
    PEM_KEY_HEADER.lastIndex = end;
  }
  return out + text.slice(last);
}

/** A header name starts a word, or a line after a JSON escape (…\nCookie: in a string read as text). */
const NAME_START = '(?:\\b|(?<=\\\\[nrt]))';
/** A header value runs to the end of its line, but never across an XML/HTML tag or a JSON escape (\n, \"). */
const VALUE = '(?:[^\\r\\n<\\\\]|\\\\(?![nrt"\\\\/u]))';
/** A folded header line (RFC 7230 obs-fold, RFC 3261 LWS): a line break followed by spaces continues the value. */
const FOLD = '(?:\\r?\\n|\\\\r\\\\n|\\\\n)[ \\t]+';
/**
 * Header name–value separator: spaces and tabs only (a value never starts on the next header's line), or folds (a
 * folded line may hold only white space: RFC 7230 obs-fold = CRLF 1*(SP / HTAB); the value goes on after it).
 */
const HEADER_SEP = `([ \\t]*[:=][ \\t]*(?:${FOLD})*)`;
/** A header value with its folded continuation lines (blank ones included). */
const FOLDED_VALUE = `(?:${VALUE})+(?:(?:${FOLD})+(?:${VALUE})+)*`;

/** URI schemes and drive letters that look like "user:" but are not (sip:alice@contoso.com). */
const NOT_A_USER = /^(?:sips?|tel|mailto|urn|im|pres|xmpp|https?|ftp|socks[45]?|file|ldaps?|smtp|data|about|news|msrtc|ms-[a-z-]+|[a-z])(?::|%3A)$/i;

/** Last words of a parameter name that may mean a secret (a quick filter; isSecretName decides). */
const SECRET_TAIL = 'pass(?:wd|word|phrase)?|pwd|pw|secret|token|key|apikey|auth|sig|signature|ticket|cwt|creds?|credentials?|session|sessionid|sid|otp|pin|cookie|bearer|jwt|assertion|samlresponse|saml|nonce|hash|hmac|authorization|code';

/**
 * Longest user name (with its domain) and password the URL and scheme-less credential rules read: Windows passwords
 * are at most 256 characters, 768 once each is URL-encoded; longer runs are not credentials.
 */
export const USER_MAX = 256;
export const PASSWORD_MAX = 768;

/** Ends an authority's run: what the URL rule's password may not hold (/[/\s"'<>]/, read by character code: the scan's hot path). */
const RUN_END = /\s/;
/**
 * Where a WinINET/WinHTTP proxy list's next entry starts ("…:8080;https=…", "…:8080;next@host"; WINHTTP_PROXY_INFO:
 * "([<scheme>=][<scheme>"://"]<server>[":"<port>])" separated by semicolons or white space): no password reaches past it.
 */
const LIST_NEXT = ':\\d{1,5};|;(?:https?|ftp|gopher|socks)=';
/** A "password" that is an entry's port followed by the next entry (proxy:8080;bob@host) is none. */
const NOT_A_PORT = '(?!\\d{1,5};)';
/** The ";" of LIST_NEXT ends an authority's run. */
const LIST_BREAK = /(?<=:\d{1,5});|;(?=(?:https?|ftp|gopher|socks)=)/iy;
const HOST_START = /[A-Za-z0-9[]/;
const AT = /@|%40/gi;
const COLON = /:|%3A/i;
const ENCODED_SCHEME_END = /%3A%2F%2F/gi;
const USER_CHARS = /[A-Za-z0-9._%+\\-]/;
const SCHEME_CHARS = /[A-Za-z0-9+.-]/;

function runEndsAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  // "/", '"', "'", "<", ">", then white space (ASCII controls and spaces, or beyond ASCII)
  if (c === 0x2f || c === 0x22 || c === 0x27 || c === 0x3c || c === 0x3e) return true;
  if (
    c <= 0x20 ||
    // Stryker disable next-line EqualityOperator: "~" (0x7e) is no white space: RUN_END says false, as the lines below do
    c > 0x7e
  )
    return RUN_END.test(text[i] as string);
  // Stryker disable next-line ConditionalExpression: a quick path only (the hot loop): LIST_BREAK only matches at a ";"
  if (c !== 0x3b) return false;
  LIST_BREAK.lastIndex = i;
  return LIST_BREAK.test(text);
}

/**
 * Credentials the bounded URL and scheme-less rules leave because they are longer than their bounds (a scheme over 64,
 * a user over USER_MAX, a password over PASSWORD_MAX characters): what is a credential does not depend on its length.
 * Each run of characters an authority may hold (no "/", space, quote, "<" or ">"; a proxy list's next entry ends one)
 * that holds an "@" is read once, so the scan is linear: its userinfo ends at the last "@" (or %40) before a host, its
 * user at the first ":" (or %3A); after "://" (or %3A%2F%2F) the userinfo starts there, elsewhere at the user name
 * before that ":" (DOMAIN\user included; never a URI scheme or drive letter, see NOT_A_USER). The password is
 * matched; a userinfo within the bounds is the bounded rules' and left alone here.
 */
export function longUserinfoMatches(text: string): RuleMatch[] {
  const found: RuleMatch[] = [];
  let runEnd = 0;
  AT.lastIndex = 0;
  for (let a = AT.exec(text); a; a = AT.exec(text)) {
    // Stryker disable next-line EqualityOperator: the character at runEnd ends a run: it is never the "@" or "%" AT finds
    if (a.index < runEnd) continue; // this run is read already
    let start = a.index;
    while (start > 0 && !runEndsAt(text, start - 1)) start--;
    runEnd = a.index;
    while (runEnd < text.length && !runEndsAt(text, runEnd)) runEnd++;
    // the last "@" of the run that a host follows
    let at = -1;
    // Stryker disable next-line EqualityOperator,ArithmeticOperator: an "@" at 0 has nothing before it; the scan ends there anyway (i >= start); at runEnd is a character that ends the run, no "@" or "%40"
    for (let i = runEnd - 1; i >= start && at < 0; i--) {
      const len = text[i] === '@' ? 1 : text.startsWith('%40', i) ? 3 : 0;
      if (len && i + len < runEnd && HOST_START.test(text[i + len] as string)) at = i;
    }
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a quick path only: with at < 1 no password starts before it (passStart >= at below)
    if (at < 0) continue;
    // where the userinfo starts: after "://" before the run, after the run's last %3A%2F%2F before the "@", or at the user
    let from = start;
    let schemeLen = 0;
    if (text.startsWith('://', start - 3)) {
      while (start - 3 - schemeLen > 0 && SCHEME_CHARS.test(text[start - 4 - schemeLen] as string)) schemeLen++;
    } else {
      ENCODED_SCHEME_END.lastIndex = start;
      // Stryker disable next-line EqualityOperator: "%3A%2F%2F" never starts where the "@" or "%40" is
      for (let e = ENCODED_SCHEME_END.exec(text); e && e.index < at; e = ENCODED_SCHEME_END.exec(text)) from = e.index + e[0].length;
    }
    const colon = COLON.exec(text.slice(from, at));
    if (!colon) continue;
    const userEnd = from + colon.index;
    const passStart = userEnd + colon[0].length;
    if (passStart >= at) continue;
    if (from === start && !text.startsWith('://', start - 3)) {
      // scheme-less: the user is the name just before the ":", at the run's start or after a separator (=, ;, ( …)
      let u = userEnd;
      while (u > start && USER_CHARS.test(text[u - 1] as string)) u--;
      // (as the bounded rule's look-behind: never after "@" or "[", nor at the start of a path segment)
      if (u === userEnd || /[/@[]/.test(text.charAt(u - 1)) || NOT_A_USER.test(text.slice(u, passStart))) continue;
      from = u;
    }
    const overLong = schemeLen > 64 || userEnd - from > USER_MAX || at - passStart > PASSWORD_MAX;
    if (!overLong || text.slice(from, at).includes(REDACTED_PREFIX)) continue;
    // Stryker disable next-line ArrayDeclaration: this rule's replacer reads no group
    found.push({ at: passStart, m: text.slice(passStart, at), groups: [] });
  }
  return found;
}

const RULES: readonly Rule[] = [
  {
    // (Before the token rules: a wrapped line inside a blob may start like a Kerberos token.)
    // DER private keys and PKCS#12 (.pfx) files in base64 without PEM armour: PKCS#1 (version 0, INTEGER n),
    // PKCS#8 (version 0, AlgorithmIdentifier), PKCS#12 (version 3), SEC1 EC keys; wrapped lines included.
    re: /(?<!(?<!\\)[A-Za-z0-9+/])(?:MII[A-Za-z0-9+/]{2}[AQgw]IBA(?:z|DAN|AK)|MHcCAQEEI|MIGkAgEBBDA|MIHcAgEBBEI)[A-Za-z0-9+/]*={0,2}(?:(?:\r?\n|\\r\\n|\\n)[A-Za-z0-9+/]{4,}={0,2}(?![A-Za-z0-9+/]))*/g,
    replace: () => mark('private-key'),
  },
  {
    // XML security tokens and web tickets: keep the element, drop its content.
    re: /<((?:[\w-]+:)?(?:Assertion|BinarySecurityToken|RequestedSecurityToken|EncryptedData|EncryptedAssertion|CipherValue|UserToken|WebTicket|SecurityToken))\b([^>]*)>([\s\S]*?)<\/\1>/g,
    matches: xmlTokenMatches,
    replace: (m, g) => (isMarked(g[2] ?? '') ? m : `<${g[0]}>${mark('saml')}</${g[0]}>`),
  },
  {
    // Header lines whose whole value is a credential: Cookie, Set-Cookie, web tickets.
    re: new RegExp(`${NAME_START}((?:Set-)?Cookie2?|X-MS-WebTicket|X-Ms-Credential|X-Auth-Token|X-Api-Key)${HEADER_SEP}(${FOLDED_VALUE})`, 'gi'),
    skipReadStrings: true,
    replace: (m, g) => {
      // Stryker disable next-line StringLiteral: the capture group always takes part in a match; the fallback only satisfies the type
      const value = g[2] ?? '';
      if (!value.trim() || isMarked(value)) return m;
      return `${g[0]}${g[1]}${mark(/ticket/i.test(g[0] ?? '') ? 'web-ticket' : /cookie/i.test(g[0] ?? '') ? 'cookie' : 'token')}`;
    },
  },
  {
    // Credential headers as JSON keys in raw outputs: "Cookie": "…", "Authorization": "…".
    re: /"((?:Proxy-)?Authorization|(?:Set-)?Cookie2?|X-MS-WebTicket)"(\s*:\s*)"((?:[^"\\\r\n]|\\.)*)"/gi,
    replace: (m, g) => (!g[2] || isMarked(g[2]) ? m : `"${g[0]}"${g[1]}"${mark(/cookie/i.test(g[0] ?? '') ? 'cookie' : /ticket/i.test(g[0] ?? '') ? 'web-ticket' : 'authorization')}"`),
  },
  {
    // HAR-style header lists: {"name": "Cookie", "value": "…"} (either order).
    re: /("name"\s*:\s*"(?:(?:Proxy-)?Authorization|(?:Set-)?Cookie2?|X-MS-WebTicket)"\s*,\s*"value"\s*:\s*")((?:[^"\\\r\n]|\\.)*)(")|("value"\s*:\s*")((?:[^"\\\r\n]|\\.)*)("\s*,\s*"name"\s*:\s*"(?:(?:Proxy-)?Authorization|(?:Set-)?Cookie2?|X-MS-WebTicket)")/gi,
    replace: (m, g) => {
      // Stryker disable next-line StringLiteral: the capture group always takes part in a match; the fallback only satisfies the type
      const value = g[1] ?? g[4] ?? '';
      if (!value || isMarked(value)) return m;
      // Stryker disable next-line StringLiteral: the capture group always takes part in a match; the fallback only satisfies the type
      const name = g[0] ?? g[5] ?? '';
      const kind: SecretKind = /authori/i.test(name) ? 'authorization' : /ticket/i.test(name) ? 'web-ticket' : 'cookie';
      return g[0] !== undefined ? `${g[0]}${mark(kind)}${g[2]}` : `${g[3]}${mark(kind)}${g[5]}`;
    },
  },
  {
    // HAR / JSON cookie lists: "cookies": [ … ] keeps its brackets, loses its content.
    re: /("cookies"\s*:\s*\[)((?:[^\]"]|"(?:[^"\\\r\n]|\\.)*")*)(\])/gi,
    matches: cookieListMatches,
    replace: (m, g) => (!(g[1] ?? '').trim() || (g[1] ?? '').includes('[REDACTED') ? m : `${g[0]}"${mark('cookie')}"${g[2]}`),
  },
  {
    // Authorization / Proxy-Authorization: keep the scheme name, drop the credentials.
    re: new RegExp(`${NAME_START}((?:Proxy-)?Authorization)${HEADER_SEP}(?:(${AUTH_SCHEMES})\\b[ \\t]*(?:${FOLD})*)?((?:${FOLDED_VALUE})?)`, 'gi'),
    skipReadStrings: true,
    replace: (m, g) => {
      // Stryker disable next-line StringLiteral: the capture group always takes part in a match; the fallback only satisfies the type
      const rest = (g[3] ?? '').trim();
      if (!rest || isMarked(rest)) return m;
      return `${g[0]}${g[1]}${g[2] ? `${g[2]} ` : ''}${mark('authorization')}`;
    },
  },
  {
    // Raw NTLMSSP messages in base64 (type 1/2/3), wherever they appear.
    re: /TlRMTVNTUA[A-Za-z0-9+/]*={0,2}/g,
    replace: () => mark('ntlm'),
  },
  {
    // SPNEGO / Kerberos tokens in base64 (GSS-API 0x60 or negTokenResp 0xa1 headers).
    re: /(?<!(?<!\\)[A-Za-z0-9+/])(?:YI|oY|oR)[A-Za-z0-9+/]{30,}={0,2}(?![A-Za-z0-9+/])/g,
    replace: () => mark('kerberos'),
    skipPublicPem: true,
  },
  {
    // gssapi-data="…" in SIP WWW-Authenticate / Authorization / Authentication-Info (NTLM or Kerberos blobs).
    re: /\b(gssapi-data\s*=\s*)("[^"\r\n]*"|\\"(?:[^"\\\r\n]|\\(?!"))*\\"|[^\s,;"\\]+)/gi,
    replace: (m, g) => {
      // Stryker disable next-line StringLiteral: the capture group always takes part in a match; the fallback only satisfies the type
      const v = g[1] ?? '';
      // (a value read by "[^"\r\n]*" may end in \" — a test pins that its plain quotes stay)
      const q = v.startsWith('\\"')
        ? '\\"'
        : // Stryker disable next-line MethodExpression: a plain-quoted value ends with its quote and the unquoted one holds none, so endsWith reads the same
          v.startsWith('"')
          ? '"'
          : '';
      const inner = q ? v.slice(q.length, -q.length) : v;
      return !inner || isMarked(inner) ? m : `${g[0]}${q}${mark('kerberos')}${q}`;
    },
  },
  {
    // JSON Web Tokens (OAuth access tokens, id tokens).
    re: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
    replace: () => mark('jwt'),
  },
  {
    // "<scheme> <token>" in prose or logs without a header name.
    re: new RegExp(`\\b(${AUTH_SCHEMES})(\\s+)([A-Za-z0-9+/._~-]{16,}={0,2})(?![A-Za-z0-9+/=._~-])`, 'g'),
    replace: (m, g) => (/[0-9+/=]/.test(g[2] ?? '') || (g[2] ?? '').length >= 24 ? `${g[0]}${g[1]}${mark('token')}` : m),
  },
  {
    // key=value / key: value / "key": "value" secrets (query strings, forms, command lines, JSON, YAML).
    re: /(?<![A-Za-z0-9_-])(password|passwd|pwd|passphrase|client_secret|secret|access_token|refresh_token|id_token|token|cwt|webticket|web_ticket|apikey|api_key|sig|SAMLResponse)(["']?\s*[:=]\s*)("(?:[^"\\\r\n]|\\.)*"|'[^'\r\n]*'|[^\s&;,"'<>\\]+)/gi,
    replace: (m, g) => {
      // Stryker disable next-line StringLiteral: the capture group always takes part in a match; the fallback only satisfies the type
      const value = g[2] ?? '';
      // Stryker disable next-line MethodExpression: the pattern's quoted alternatives start and end with their quote and the unquoted one holds none, so endsWith reads the same
      const quote = value.startsWith('"') || value.startsWith("'") ? value[0] : '';
      const inner = quote ? value.slice(1, -1) : value;
      if (!inner || isMarked(inner)) return m;
      const kind: SecretKind = /pass|pwd|secret|sig/i.test(g[0] ?? '') ? 'password' : /cwt|ticket|saml/i.test(g[0] ?? '') ? 'web-ticket' : 'token';
      return `${g[0]}${g[1]}${quote}${mark(kind)}${quote}`;
    },
  },
  {
    // Command-line passwords: -Password x, --password x, /p:x, /password:x
    re: /(?<![A-Za-z0-9_-])(-{1,2}(?:Password|passwd|pwd|pass)|\/(?:p|pass|password|pwd))(\s+|:)(\\"(?:[^"\\\r\n]|\\(?!"))*\\"|"[^"\r\n]*"|'[^'\r\n]*'|[^\s"'<>\\]+)/gi,
    replace: (m, g) => {
      // Stryker disable next-line StringLiteral: the capture group always takes part in a match; the fallback only satisfies the type
      const value = g[2] ?? '';
      // (a value read by "[^"\r\n]*" may end in \" — a test pins that its plain quotes stay)
      const quote = value.startsWith('\\"')
        ? '\\"'
        : // Stryker disable next-line MethodExpression: a quoted value ends with its own quote and the unquoted one holds none, so endsWith reads the same
          value.startsWith('"') || value.startsWith("'")
          ? (value[0] as string)
          : '';
      const inner = quote ? value.slice(quote.length, -quote.length) : value;
      if (!inner || isMarked(inner) || inner.startsWith('-')) return m;
      return `${g[0]}${g[1]}${quote}${mark('password')}${quote}`;
    },
  },
  {
    // Digest response hashes (quoted as RFC 7616 writes them, or not: the quotes stay as they were — quotes added
    // inside a JSON string broke it).
    re: /\b(response)(\s*=\s*)("[0-9a-fA-F]{16,}"|[0-9a-fA-F]{16,})/g,
    // Stryker disable next-line StringLiteral,MethodExpression: the group always takes part; the quoted alternative starts and ends with its quote and the unquoted one holds none, so endsWith reads the same
    replace: (m, g) => ((g[2] ?? '').startsWith('"') ? `${g[0]}${g[1]}"${mark('password')}"` : `${g[0]}${g[1]}${mark('password')}`),
  },
  {
    // Passwords in URLs: scheme://user:password@host, also with a raw "@" in the password (the last "@"
    // before the host ends it) and URL-encoded as a whole (http%3A%2F%2Fuser%3Apass%40host).
    // (The scheme is at most 64 characters, the user USER_MAX and the password PASSWORD_MAX: without bounds, a long
    // run of "%3A" with no "@" after it, or of "x-x-…" (every "x" a start), cost its length squared — seconds on 40-60 KB.)
    re: new RegExp(`\\b([a-z][a-z0-9+.-]{0,63}(?::\\/\\/|%3A%2F%2F)[^/\\s:@"'<>]{1,${USER_MAX}}(?::|%3A))(${NOT_A_PORT}(?:(?!${LIST_NEXT})[^/\\s"'<>]){1,${PASSWORD_MAX}})(@|%40)(?=[A-Za-z0-9[])`, 'gi'),
    // Stryker disable next-line StringLiteral: the capture groups always take part in a match; the fallbacks only satisfy the type
    replace: (m, g) => (isMarked(g[1] ?? '') || (g[0] ?? '').includes(REDACTED_PREFIX) ? m : `${g[0]}${mark('url-password')}${g[2]}`),
  },
  {
    // The same credentials over those bounds (a linear scan, see longUserinfoMatches); also the scheme-less ones below.
    re: AT,
    matches: longUserinfoMatches,
    replace: () => mark('url-password'),
  },
  {
    // SIP/SIPS URIs with a password (RFC 3261 userinfo: user ":" password "@"): the user and host stay; a raw "@"
    // in the password is read like in URLs above (the last "@" before the host ends it).
    // (The scheme-less rule below leaves every sip: URI alone, and "://" is not in them.)
    // (The user ends at its first ":" and the password before the next "sip:", so each text is read once: no quadratic scan.)
    re: /\b(sips?(?::|%3A)(?:[^\s:@;<>"'/?%]|%(?!3A))+(?::|%3A))((?:(?!sips?(?::|%3A))[^\s<>"'/;?])+)(@|%40)(?=\[?[A-Za-z0-9])/gi,
    replace: (m, g) => (isMarked(g[1] ?? '') ? m : `${g[0]}${mark('url-password')}${g[2]}`),
  },
  {
    // Proxy credentials without a scheme, as Windows tools and users write them: DOMAIN\user:pass@host:port,
    // user:pass@host, http=user:p@ss@proxy:8080 (WinINET lists), encoded separators. Not sip:/tel:/mailto: URIs.
    // (Bounded like the URL rule: the domain and the user at most USER_MAX characters, the password PASSWORD_MAX.)
    re: new RegExp(`(?<![A-Za-z0-9._%+\\\\/:@[-])((?:[A-Za-z0-9._-]{1,${USER_MAX}}(?:\\\\{1,2}|%5C))?[A-Za-z0-9._%+-]{1,${USER_MAX}}(?::|%3A))(?<!(?<![A-Za-z0-9._%+-])(?:sips?|tel|mailto|urn|im|pres|xmpp|https?|ftp|socks[45]?|file|smtp|[a-z])(?::|%3A))(${NOT_A_PORT}(?:(?!${LIST_NEXT})[^\\s"'<>/]){1,${PASSWORD_MAX}})(@|%40)(?=\\[?[A-Za-z0-9])`, 'gi'),
    replace: (m, g) => (isMarked(g[1] ?? '') || (g[0] ?? '').includes(REDACTED_PREFIX) || NOT_A_USER.test(g[0] ?? '') ? m : `${g[0]}${mark('url-password')}${g[2]}`),
  },
  {
    // Any name=value whose name means a secret (query strings, forms, key=value logs): pass=, pw=, key=,
    // auth=, code=, sessionToken=, proxy_password=… (see isSecretName).
    // The match starts at the name's last word (a fast scan); the whole name is read backwards from there.
    re: new RegExp(`(${SECRET_TAIL})(=)("(?:[^"\\\\\\r\\n]|\\\\.)*"|'[^'\\r\\n]*'|[^\\s&;,"'<>\\\\]+)`, 'gi'),
    replace: (m, g, at, text) => {
      let start = at;
      // The whole name, however long (X-Vendor-Specific-…-Password=): each scan stops at the character before the
      // previous match's end at the latest (a value ends at a separator, a quote or the text's end), so the scans stay linear.
      while (start > 0 && /[A-Za-z0-9_.-]/.test(text[start - 1] as string)) start--;
      // Stryker disable next-line StringLiteral: the capture group always takes part in a match; the fallback only satisfies the type
      const name = text.slice(start, at) + (g[0] ?? '');
      if (!isSecretName(name)) return m;
      // Stryker disable next-line StringLiteral: the capture group always takes part in a match; the fallback only satisfies the type
      const value = g[2] ?? '';
      // Stryker disable next-line MethodExpression: the pattern's quoted alternatives start and end with their quote and the unquoted one holds none, so endsWith reads the same
      const quote = value.startsWith('"') || value.startsWith("'") ? value[0] : '';
      const inner = quote ? value.slice(1, -1) : value;
      if (!inner || isMarked(inner)) return m;
      return `${g[0]}${g[1]}${quote}${mark(nameKind(name))}${quote}`;
    },
  },
];

/** The kind a secret is marked with, from the name of its field, parameter or key. */
function nameKind(name: string): SecretKind {
  if (/cookie/i.test(name)) return 'cookie';
  if (/ticket|cwt|saml/i.test(name)) return 'web-ticket';
  if (/authori[sz]ation/i.test(name)) return 'authorization';
  if (/private_?key/i.test(name)) return 'private-key';
  if (/gssapi/i.test(name)) return 'kerberos';
  if (/token|bearer|jwt|api_?key/i.test(name)) return 'token';
  return 'password';
}

/**
 * Replaces every JSON string literal of a text (also one inside a log line) — what /"(?:[^"\\\r\n]|\\.)*"/g
 * finds — with `replace(literal)`, in linear time: when a literal opened at one quote does not close before its
 * line ends, no quote before that point can open one either (each was escaped in the same reading), so the scan
 * goes on from there; the regular expression retried from each of them (its length squared: seconds on 40 KB of \").
 */
export function replaceJsonStrings(text: string, replace: (literal: string, at: number) => string): string {
  let out = '';
  let done = 0;
  let i = text.indexOf('"');
  while (i >= 0) {
    let j = i + 1;
    let closed = false;
    // Stryker disable next-line EqualityOperator: at text.length charCodeAt is NaN, which reads as an ordinary character and ends the loop one step later
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c === 0x22) {
        closed = true;
        break;
      }
      if (c === 0x0a || c === 0x0d) break;
      if (c === 0x5c) {
        const next = text.charCodeAt(j + 1);
        // a backslash escapes any character but a line end (the regex's \\. : "." is no line terminator); a backslash
        // at the very end steps past it and the literal does not close
        if (next === 0x0a || next === 0x0d || next === 0x2028 || next === 0x2029) break;
        j += 2;
      } else j++;
    }
    if (!closed) {
      i = text.indexOf('"', j);
      continue;
    }
    out += text.slice(done, i) + replace(text.slice(i, j + 1), i);
    done = j + 1;
    i = text.indexOf('"', done);
  }
  return out + text.slice(done);
}

/** Only strings with escapes (\r\n, \", nested JSON) or a credential header need it: the rules see the others as they are. */
const STRING_NEEDS_DECODING = /\\|(?:cookie2?|authori[sz]ation|webticket|credential|auth-token|api-key)[ \t]*[:=]/i;
/**
 * How deep JSON strings holding JSON strings are read (each level costs a pass over its text). A string at this depth
 * that still holds a string (a quote once decoded) is replaced whole by [REDACTED:too-deep]: read as escaped text, its
 * secrets were missed and header values ran past its end (invalid JSON).
 */
export const MAX_STRING_DEPTH = 8;

const WORD_CHAR = /\w/;

/** The string literal decoded, when the rules must read it decoded (escapes, a credential header) and it is valid JSON. */
function decodeLiteral(literal: string): string | undefined {
  // Stryker disable next-line ConditionalExpression: a quick path only: a string with no escape and no header name reads the same raw (decoding it changes nothing the rules see)
  if (!STRING_NEEDS_DECODING.test(literal)) return undefined;
  try {
    return JSON.parse(literal) as string;
  } catch {
    // (not valid JSON: read as text)
  }
  return undefined;
}

function redactJsonStrings(text: string, found: Found, depth: number): string {
  // (a quick look first: most texts have neither, and the literal scan is the cost)
  // Stryker disable next-line StringLiteral,ConditionalExpression,LogicalOperator: a quick reject only; the literal scan finds no string in a text without a quote, and decodes none in a text that needs no decoding
  if (!text.includes('"') || !STRING_NEEDS_DECODING.test(text)) return text;
  return replaceJsonStrings(text, (literal, at) => {
    // (a letter, digit or "_" right after the closing quote: no JSON string ends there — in log: "Set-Cookie: id="abc"; …"
    // that quote opens the cookie's quoted value; read decoded, the string's end hid the value from the header rule)
    if (WORD_CHAR.test(text.charAt(at + literal.length))) return literal;
    const decoded = decodeLiteral(literal);
    if (decoded === undefined) return literal;
    if (depth >= MAX_STRING_DEPTH && decoded.includes('"')) {
      const whole = `"${mark('too-deep')}"`;
      countMarks(literal, whole, found);
      return whole;
    }
    // (one level past MAX_STRING_DEPTH the text holds no quote: the rules read it, no string in it is decoded)
    const redacted = redactWith(decoded, found, depth + 1);
    return redacted === decoded ? literal : JSON.stringify(redacted);
  });
}

/** After a string literal: what follows a JSON string (white space, then ",", ":", "]", "}" or the text's end). */
const JSON_STRING_END = /\s*(?:[,:\]}]|$)/y;

/**
 * The contents ([start, end), in order) of the string literals redactJsonStrings read decoded — their secrets are
 * gone already — that end like JSON strings: a header rule starting inside one would read past its closing quote
 * (["Set-Cookie:", "next"] lost "next"). One pass over the text.
 */
function readStringContents(text: string): Array<readonly [number, number]> {
  const ranges: Array<readonly [number, number]> = [];
  // Stryker disable next-line ConditionalExpression,StringLiteral,LogicalOperator: a quick reject only (as in redactJsonStrings)
  if (!text.includes('"') || !STRING_NEEDS_DECODING.test(text)) return ranges;
  replaceJsonStrings(text, (literal, at) => {
    JSON_STRING_END.lastIndex = at + literal.length;
    // Stryker disable next-line ArithmeticOperator: no header match starts at a quote, nor at the one character before the opening one or after the closing one (a name, then its separator)
    if (JSON_STRING_END.test(text) && decodeLiteral(literal) !== undefined) ranges.push([at + 1, at + literal.length - 1]);
    return literal;
  });
  return ranges;
}

/** Whether `at` is inside one of the ordered, disjoint ranges (a binary search: many strings, many matches). */
function inRanges(ranges: ReadonlyArray<readonly [number, number]>, at: number): boolean {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = ranges[mid] as readonly [number, number];
    if (at < a) hi = mid;
    else {
      // Stryker disable next-line EqualityOperator: b is a closing quote, where no header match starts
      if (at >= b) lo = mid + 1;
      else return true;
    }
  }
  return false;
}

/** Redacts one text; adds what it removed to `counts` (the marks it added, by kind: a mark the text held before is not counted). */
export function redactText(text: string, counts?: Record<string, number>): string {
  const net = new Map<SecretKind, number>();
  const out = redactWith(text, (kind, n) => net.set(kind, (net.get(kind) ?? 0) + n));
  if (counts) for (const [kind, n] of net) if (n > 0) counts[kind] = (counts[kind] ?? 0) + n;
  return out;
}

function redactWith(text: string, found: Found, depth = 0): string {
  // Header values and key=value pairs escaped inside JSON strings (HAR, logs serialised as JSON, JSON in JSON) first.
  let out = redactJsonStrings(text, found, depth);
  out = redactPrefixedKeys(out, found);
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    // Stryker disable next-line ArrayDeclaration: a range list of strings never holds a match index (comparisons with NaN are false)
    const pem = rule.skipPublicPem ? publicPemRanges(out) : [];
    let strings: Array<readonly [number, number]> | undefined;
    const apply = (m: string, groups: readonly (string | undefined)[], at: number, text: string): string => {
      // (b is just past the block's END line: a token there is no part of it, and a test pins that)
      const inPem = ([a, b]: readonly [number, number]): boolean =>
        // Stryker disable next-line EqualityOperator: a token never starts with the "-----BEGIN" of the block's first character
        at >= a &&
        at < b;
      if (pem.some(inPem)) return m;
      if (rule.skipReadStrings && inRanges((strings ??= readStringContents(text)), at)) return m;
      const r = rule.replace(m, groups, at, text);
      // Stryker disable next-line ConditionalExpression: a quick path only; a text compared with itself changes no marks
      if (r !== m) countMarks(m, r, found);
      return r;
    };
    if (rule.matches) {
      const text = out;
      let done = 0;
      out = '';
      for (const x of rule.matches(text)) {
        out += text.slice(done, x.at) + apply(x.m, x.groups, x.at, text);
        done = x.at + x.m.length;
      }
      out += text.slice(done);
      continue;
    }
    out = out.replace(rule.re, (m: string, ...rest: unknown[]) => {
      const at = rest.find((x) => typeof x === 'number') as number;
      const groups = rest.slice(0, -2).filter((x) => typeof x === 'string' || x === undefined) as Array<string | undefined>;
      return apply(m, groups, at, rest[rest.length - 1] as string);
    });
  }
  return out;
}

/** Redacts every string of a JSON value; values under sensitive keys are replaced whole. */
export function redactValue<T>(value: T, counts?: Record<string, number>): T {
  return mapStrings(value, (s, key) => {
    if (key !== undefined && SENSITIVE_KEY.test(key) && s !== '' && !isMarked(s)) {
      const kind = nameKind(key);
      if (counts) counts[kind] = (counts[kind] ?? 0) + 1;
      return mark(kind);
    }
    return redactText(s, counts);
  }, (k) => redactText(k, counts)) as T;
}

/** High-confidence secret signatures: the last guard before bytes leave the exporter. */
const LEAK_SIGNATURES: ReadonlyArray<readonly [SecretKind, RegExp]> = [
  ['private-key', /-----BEGIN [A-Z0-9 ]*PRIVATE KEY/],
  ['ntlm', /TlRMTVNTUA/],
  ['jwt', /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\./],
  // (within the header's own line or its folded continuation: "Authorization: Negotiate" then "Content-Length: 0" is no leak)
  ['authorization', new RegExp(`\\b(?:Proxy-)?Authorization[ \\t]*:[ \\t]*(?:${AUTH_SCHEMES})(?:[ \\t]|\\r?\\n[ \\t])+(?!\\[REDACTED)[A-Za-z0-9+/=._~-]{8,}`, 'i')],
  ['cookie', /\bSet-Cookie[ \t]*:(?:[ \t]|\r?\n[ \t])*(?!\[REDACTED)[^\s=;]+=/i],
];

/**
 * Names the kinds of secret still visible in a text (empty when clean): the high-confidence signatures,
 * plus every shape a redaction rule would still change — so the guard recognises all that redaction does.
 */
export function findLeaks(text: string): SecretKind[] {
  const kinds = new Set<SecretKind>(LEAK_SIGNATURES.filter(([, re]) => re.test(text)).map(([k]) => k));
  redactWith(text, (kind, n) => {
    // Stryker disable next-line EqualityOperator: countMarks never reports a zero change
    if (n > 0) kinds.add(kind);
  });
  return [...kinds];
}

/** Reads a Lync autodiscover answer: UCWA JSON (_links), Root.Links JSON, or the XML AutodiscoverResponse. */
import type { AutodiscoverLink } from '../model/autodiscover';

export type ParsedAutodiscover =
  | { readonly ok: true; readonly format: 'json' | 'xml'; readonly accessLocation: string | null; readonly links: readonly AutodiscoverLink[] }
  | { readonly ok: false; readonly reason: string };

const MAX_LINKS = 50;

function xmlUnescape(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (m, e: string) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    const code = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
    return Number.isFinite(code) && code < 0x110000 ? String.fromCodePoint(code) : m;
  });
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i').exec(tag);
  return m ? xmlUnescape((m[1] ?? m[2]) as string).trim() : null;
}

/** The title of an HTML page, for saying which page came back instead of an answer. */
function htmlTitle(body: string): string | null {
  const m = /<title[^>]*>([^<]*)<\/title>/i.exec(body);
  const t = m ? xmlUnescape(m[1] as string).replace(/\s+/g, ' ').trim() : '';
  return t ? t.slice(0, 100) : null;
}

// Elements that carry links, read in one pass so the links keep document order:
// <Link token href> (AutodiscoverResponse), <link rel href> (UCWA <resource>), and the SIP access points.
const XML_LINKS = /<(Link|SipClientInternalAccess|SipClientExternalAccess|SipServerInternalAccess|SipServerExternalAccess)\b[^>]*>/gi;

function xmlLinks(body: string, links: AutodiscoverLink[]): void {
  for (const m of body.matchAll(XML_LINKS)) {
    if (links.length >= MAX_LINKS) return;
    const name = m[1] as string;
    if (name.toLowerCase() === 'link') {
      const token = attr(m[0], 'token') ?? attr(m[0], 'rel');
      const href = attr(m[0], 'href');
      if (token && href) links.push({ token, href });
      continue;
    }
    const fqdn = attr(m[0], 'fqdn');
    const port = attr(m[0], 'port');
    if (fqdn) links.push({ token: name, href: port ? `${fqdn}:${port}` : fqdn });
  }
}

function parseXml(body: string): ParsedAutodiscover {
  const root = /<AutodiscoverResponse\b[^>]*>/i.exec(body);
  const links: AutodiscoverLink[] = [];
  if (root) {
    xmlLinks(body, links);
    return { ok: true, format: 'xml', accessLocation: attr(root[0], 'AccessLocation'), links };
  }
  // UCWA's XML form of the same resource (Accept: application/xml): its own href is the self link.
  const resource = /<resource\b[^>]*>/i.exec(body);
  if (resource && /\brel\s*=\s*["'](root|redirect|user)["']/i.test(resource[0])) {
    const self = attr(resource[0], 'href');
    if (self) links.push({ token: 'self', href: self });
    xmlLinks(body, links);
    return { ok: true, format: 'xml', accessLocation: null, links };
  }
  if (/^<!doctype\s+html\b/i.test(body) || /<html\b/i.test(body.slice(0, 4096))) {
    const title = htmlTitle(body);
    return { ok: false, reason: `HTML page, not an autodiscover answer${title ? ` (title "${title}")` : ''}: a web server or reverse proxy answered instead of the Lync web services` };
  }
  return { ok: false, reason: 'XML answer without an AutodiscoverResponse element' };
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function get(o: Record<string, unknown>, key: string): unknown {
  const k = Object.keys(o).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : o[k];
}

function parseJson(body: string): ParsedAutodiscover {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (e) {
    return { ok: false, reason: `JSON answer does not parse (${(e as Error).message.slice(0, 100)})` };
  }
  if (!isObj(doc)) return { ok: false, reason: 'JSON answer is not an object' };
  const links: AutodiscoverLink[] = [];
  const hal = get(doc, '_links');
  if (isObj(hal)) {
    for (const [rel, v] of Object.entries(hal)) {
      for (const item of Array.isArray(v) ? v : [v]) {
        const href = isObj(item) ? get(item, 'href') : undefined;
        if (typeof href === 'string' && links.length < MAX_LINKS) links.push({ token: rel, href });
      }
    }
  }
  const root = get(doc, 'Root');
  const rootLinks = isObj(root) ? get(root, 'Links') : undefined;
  if (Array.isArray(rootLinks)) {
    for (const l of rootLinks) {
      if (!isObj(l)) continue;
      const token = get(l, 'token');
      const href = get(l, 'href');
      if (typeof token === 'string' && typeof href === 'string' && links.length < MAX_LINKS) links.push({ token, href });
    }
  }
  if (!isObj(hal) && !Array.isArray(rootLinks)) return { ok: false, reason: 'JSON answer has neither _links nor Root.Links' };
  const loc = get(doc, 'AccessLocation');
  return { ok: true, format: 'json', accessLocation: typeof loc === 'string' ? loc : null, links };
}

/** Parses by content (JSON object or XML document), whatever the Content-Type says. */
export function parseAutodiscover(body: string): ParsedAutodiscover {
  const t = body.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('{')) return parseJson(t);
  if (t.startsWith('<')) return parseXml(t);
  if (!t) return { ok: false, reason: 'empty answer' };
  return { ok: false, reason: `answer is neither JSON nor XML (starts "${t.slice(0, 40).replace(/\s+/g, ' ')}")` };
}

/** The link with this token/rel (case-insensitive). */
export function findLink(links: readonly AutodiscoverLink[], token: string): AutodiscoverLink | undefined {
  return links.find((l) => l.token.toLowerCase() === token.toLowerCase());
}

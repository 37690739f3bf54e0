/** Decodes PowerShell's CLIXML error stream (`#< CLIXML` + `<Objs>`) to plain text; progress records are dropped. */

/** `_x000D_`-style escapes PowerShell writes for control characters (and `_x005F_` for a literal underscore). */
function unescapeXmlName(s: string): string {
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function unescapeEntities(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#x[0-9A-Fa-f]+|#\d+);/g, (_m, e: string) => {
    switch (e) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

/** True when the text is (or starts with) a serialized CLIXML stream. */
export function isClixml(text: string): boolean {
  return /^\uFEFF?\s*(#< CLIXML|<Objs\b)/.test(text);
}

/**
 * The error (and warning) text of a CLIXML stream, in order, as PowerShell would have printed it;
 * progress and verbose/debug/information records are left out. Text that is not CLIXML comes back as is.
 */
export function decodeClixml(text: string): string {
  if (!isClixml(text)) return text;
  const out: string[] = [];
  // Plain text before the marker (rare) is kept.
  const marker = text.indexOf('#< CLIXML');
  if (marker > 0) out.push(text.slice(0, marker));
  for (const m of text.matchAll(/<S S="(Error|warning)">([\s\S]*?)<\/S>/gi)) {
    out.push(unescapeXmlName(unescapeEntities(m[2] as string)));
  }
  return out.join('');
}

/** The first line that carries the error itself: not the `At line:` position, the `+ ~~~` pointer or a blank. */
export function firstErrorLine(text: string): string {
  const plain = decodeClixml(text);
  const line = plain
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l.length > 0 && !/^\+\s/.test(l) && !/^(At line:|In Zeile:|Au caractère|En línea:|Alla riga:|Na linha:|行:|位于 行:|строка:)/i.test(l) && !/^[~\s]+$/.test(l));
  return (line ?? '').slice(0, 300);
}

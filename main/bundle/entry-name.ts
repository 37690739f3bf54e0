/** How a zip entry's name is shown to a technician: decoded as the archive says, never raw control characters. */

/** Bytes 0x80–0xFF in code page 437, the encoding the zip specification gives names without the UTF-8 flag. */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

/** General purpose flag bit 11: the name and comment are UTF-8. */
export const UTF8_FLAG = 0x800;

/** Decodes a raw entry name: UTF-8 when the entry's flag says so, otherwise CP437. */
export function decodeEntryName(raw: Buffer, flags: number): string {
  if (flags & UTF8_FLAG) return new TextDecoder('utf-8', { fatal: false }).decode(raw);
  let s = '';
  for (const b of raw) s += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80];
  return s;
}

/** Characters a terminal may act on or that reorder text: C0, DEL, C1 and the bidirectional controls. */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A name quoted for a one-line message, unprintable characters as \uXXXX escapes. A name longer than `max`
 * keeps its start and its end (where a ../../../… path leads is at the end) around an ellipsis.
 */
export function quoteEntryName(name: string, max = 80): string {
  const chars = [...name];
  const half = Math.floor(max / 2);
  const cut = chars.length > max ? `${chars.slice(0, half - 1).join('')}…${chars.slice(-half).join('')}` : name;
  return `"${cut.replace(/["\\]/g, (c) => `\\${c}`).replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

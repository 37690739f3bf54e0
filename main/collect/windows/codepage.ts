/** Decodes console output in the code page the tool wrote it in (OEM: CP437, CP850, CP866, CP932, CP936, …). */
import iconv from 'iconv-lite';

/** The iconv name of a Windows code page number, or null when we cannot decode it. */
export function encodingOf(codePage: number): string | null {
  if (codePage === 65001) return 'utf8';
  if (codePage === 1200) return 'utf16le';
  const name = `cp${codePage}`;
  return iconv.encodingExists(name) ? name : null;
}

function validUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Bytes → text. A UTF-16LE or UTF-8 BOM wins (PowerShell may write one); plain ASCII is the same in every
 * code page; otherwise the console code page. With no known code page: UTF-8 when the bytes are valid
 * UTF-8, else CP437 (the US OEM code page) — never U+FFFD for a byte another code page would have shown.
 */
export function decodeConsole(bytes: Buffer, codePage: number | null): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if (!bytes.some((b) => b > 0x7f)) return bytes.toString('latin1');
  const enc = codePage === null ? null : encodingOf(codePage);
  if (enc) return iconv.decode(bytes, enc);
  return validUtf8(bytes) ? bytes.toString('utf8') : iconv.decode(bytes, 'cp437');
}

/** Text → bytes in a code page (tests and the replay file writer). */
export function encodeConsole(text: string, codePage: number): Buffer {
  const enc = encodingOf(codePage);
  if (!enc) throw new Error(`code page ${codePage} is not supported`);
  return iconv.encode(text, enc);
}

/** The registry value that names the OEM code page, and its reading from `reg query … /v OEMCP`. */
export const OEMCP_QUERY: readonly string[] = ['query', 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Nls\\CodePage', '/v', 'OEMCP'];

/** Reads the OEMCP value (REG_SZ, e.g. "850") from reg.exe's output; null when not there. */
export function parseOemCp(stdout: string): number | null {
  const m = /^\s+OEMCP\s+REG_SZ\s+(\d{3,5})\s*$/im.exec(stdout);
  return m ? Number(m[1]) : null;
}

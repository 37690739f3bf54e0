/**
 * The one output sanitiser for strings from outside (bundles, logs, servers, certificates): control
 * characters a terminal or viewer would act on — ESC/CSI/OSC sequences, C0 and C1 controls, BEL, DEL,
 * a lone CR that rewrites the line, Unicode line/paragraph separators and bidi overrides — are shown as
 * `\uXXXX` text instead. Newline, tab and CR LF stay. The escape is JSON's own, so `--json` output stays
 * valid JSON with the same meaning.
 */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;

/** The text with every dangerous control character shown escaped (idempotent on its own output). */
export function showControls(text: string): string {
  return text.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

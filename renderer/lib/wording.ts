/**
 * Texts written for the CLI (collector messages, finding messages, timeline details) read in the window:
 * command-line flags become the Diagnose page's inputs, and source notes meant for maintainers
 * ("Background article.", "(seed 002)") are left out.
 */

const FLAG_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bpass --log FILE\b/g, 'add the log under Diagnose → Advanced → Client logs'],
  [/\bpass --log\b/g, 'add the client log under Diagnose → Advanced'],
  [/\bany --log FILE\b/g, 'any client log added under Diagnose → Advanced'],
  [/\b[Pp]ass --server host:port\b/g, 'Enter a SIP server under Diagnose → Advanced'],
  [/--server\b/g, 'the SIP server input'],
  [/\bpass it with --ca-file\b/g, 'add it under Diagnose → Advanced → CA file'],
  [/--ca-file\b/g, 'the CA file input'],
  [/--proxy-pac\b/g, 'the proxy/PAC input'],
  [/--proxy\b/g, 'the proxy input'],
  [/\braise --timeout-ms\b/g, 'raise the time limit under Diagnose → Advanced'],
  [/--timeout-ms\b/g, 'the time limit'],
  [/--dns-server\b/g, 'the DNS server input'],
];

/** A CLI-worded message as the window says it. */
export function forWindow(text: string): string {
  let out = text;
  for (const [re, words] of FLAG_WORDS) out = out.replace(re, words);
  return out;
}

/** Removes maintainers' source notes: "Background article.", "(seed 002)", "seed 004's", "(seed 001, KB2664650)" → "(KB2664650)". */
export function withoutSourceNotes(text: string): string {
  return text
    .replace(/(^|\n)([ \t"]*)Background article\.\s*/gi, '$1$2')
    .replace(/\s*\(\s*(?:seed \d{3}\s*(?:,\s*|\band\s+)?)+\)/gi, '')
    .replace(/\(\s*(?:seed \d{3}\s*,\s*)+/gi, '(')
    .replace(/\bseed \d{3}'s\b/gi, "a field report's")
    .replace(/\bper seed \d{3}\b/gi, 'per a field report')
    .replace(/\b(?:one|a) field write-up \(seed \d{3}\)/gi, 'one field write-up')
    .replace(/\bseed \d{3}\b/gi, 'a field report');
}

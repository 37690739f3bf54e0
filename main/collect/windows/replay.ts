/**
 * Replay mode: a recorded Windows PC. Commands are answered from PC.json instead of being run —
 * how support reproduces a customer's PC and how tests run whole collectors on real captures.
 */
import type { RawCommandResult, RawCommandRunner } from './runner';

/** One recorded answer; base64 fields carry the raw bytes in the console's code page. */
export interface ReplayEntry {
  /** Case-insensitive substring of the command line (for powershell -EncodedCommand, of the decoded script). */
  readonly match: string;
  readonly exitCode: number;
  readonly stdout?: string;
  readonly stdoutBase64?: string;
  readonly stderr?: string;
  readonly stderrBase64?: string;
}

export interface ReplayPc {
  readonly platform: 'win32';
  readonly commands: readonly ReplayEntry[];
}

export type ReplayParse = { readonly ok: true; readonly pc: ReplayPc } | { readonly ok: false; readonly error: string };

const B64 = /^[A-Za-z0-9+/\r\n]*={0,2}$/;

/** Validates a parsed PC.json; every problem is named with the entry it is in. */
export function parseReplayPc(json: unknown): ReplayParse {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return { ok: false, error: 'the file must hold one JSON object {"platform":"win32","commands":[…]}' };
  const o = json as Record<string, unknown>;
  if (o.platform !== 'win32') return { ok: false, error: `"platform" must be "win32" (got ${JSON.stringify(o.platform)})` };
  if (!Array.isArray(o.commands)) return { ok: false, error: '"commands" must be an array' };
  const commands: ReplayEntry[] = [];
  for (const [i, raw] of o.commands.entries()) {
    const where = `commands[${i}]`;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, error: `${where} must be an object` };
    const e = raw as Record<string, unknown>;
    if (typeof e.match !== 'string' || e.match.trim() === '') return { ok: false, error: `${where}.match must be a non-empty string` };
    if (typeof e.exitCode !== 'number' || !Number.isInteger(e.exitCode)) return { ok: false, error: `${where}.exitCode must be an integer` };
    for (const k of ['stdout', 'stderr', 'stdoutBase64', 'stderrBase64'] as const) {
      if (e[k] !== undefined && typeof e[k] !== 'string') return { ok: false, error: `${where}.${k} must be a string` };
    }
    for (const k of ['stdoutBase64', 'stderrBase64'] as const) {
      if (typeof e[k] === 'string' && !B64.test(e[k] as string)) return { ok: false, error: `${where}.${k} is not base64` };
    }
    if (e.stdout !== undefined && e.stdoutBase64 !== undefined) return { ok: false, error: `${where}: give stdout or stdoutBase64, not both` };
    if (e.stderr !== undefined && e.stderrBase64 !== undefined) return { ok: false, error: `${where}: give stderr or stderrBase64, not both` };
    commands.push(e as unknown as ReplayEntry);
  }
  return { ok: true, pc: { platform: 'win32', commands } };
}

/** The text an entry's `match` is looked for in: the command line, with an -EncodedCommand script decoded. */
export function replayHaystack(command: string, args: readonly string[]): string {
  const i = args.findIndex((a) => /^-(e|ec|encodedcommand)$/i.test(a));
  const shown = args.map((a, j) => (i >= 0 && j === i + 1 ? Buffer.from(a, 'base64').toString('utf16le') : a));
  return [command, ...shown].join(' ');
}

/** Base64: the console's bytes as they are. Text: already Unicode, so non-ASCII text travels as UTF-8 with a BOM, which the decoder honours before any code page. */
function bytes(text: string | undefined, b64: string | undefined): Buffer {
  if (b64 !== undefined) return Buffer.from(b64, 'base64');
  const t = text ?? '';
  return /[^\x00-\x7f]/.test(t) ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]) : Buffer.from(t, 'latin1');
}

/** cmd.exe's answer for a program it cannot find (what a PC without that tool prints). */
export function notRecognized(command: string): RawCommandResult {
  const name = command.replace(/^.*[\\/]/, '').replace(/\.exe$/i, '');
  return {
    command,
    args: [],
    code: 9009,
    stdout: Buffer.alloc(0),
    stderr: Buffer.from(`'${name}' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n`, 'latin1'),
    timedOut: false,
    truncated: false,
  };
}

/** A raw runner answering from the recorded PC: the first entry whose match is found answers. */
export function replayRawRunner(pc: ReplayPc): RawCommandRunner & { readonly calls: string[] } {
  const calls: string[] = [];
  const run: RawCommandRunner = async (command, args) => {
    const hay = replayHaystack(command, args);
    calls.push(hay);
    const low = hay.toLowerCase();
    const e = pc.commands.find((c) => low.includes(c.match.toLowerCase()));
    if (!e) return { ...notRecognized(command), args };
    return { command, args, code: e.exitCode, stdout: bytes(e.stdout, e.stdoutBase64), stderr: bytes(e.stderr, e.stderrBase64), timedOut: false, truncated: false };
  };
  return Object.assign(run, { calls });
}

/** Reads and validates PC.json; throws an Error naming the file and the problem. */
export function loadReplayPc(file: string, read: (f: string) => string): ReplayPc {
  let text: string;
  try {
    text = read(file);
  } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`${file} is not valid JSON (${(e as Error).message})`);
  }
  const r = parseReplayPc(json);
  if (!r.ok) throw new Error(`${file}: ${r.error}`);
  return r.pc;
}

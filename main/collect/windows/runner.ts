/** The one seam through which Windows commands run: bounded in time and output, never throwing. */
import { spawn } from 'node:child_process';
import { decodeClixml, isClixml } from './clixml';
import { decodeConsole, OEMCP_QUERY, parseOemCp } from './codepage';

export interface CommandResult {
  readonly command: string;
  readonly args: readonly string[];
  /** Exit code, or null when killed or never started. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly truncated: boolean;
  /** Set when the command could not be started (e.g. not found). */
  readonly spawnError?: string;
}

export interface RunOptions {
  readonly timeoutMs: number;
  /** Cap on captured stdout+stderr bytes; output beyond it is dropped and `truncated` set. */
  readonly maxBytes?: number;
  readonly signal?: AbortSignal;
  readonly stdin?: string;
}

export type CommandRunner = (command: string, args: readonly string[], options: RunOptions) => Promise<CommandResult>;

const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

/** A command's result as bytes, before decoding (what a console program really wrote). */
export interface RawCommandResult extends Omit<CommandResult, 'stdout' | 'stderr'> {
  readonly stdout: Buffer;
  readonly stderr: Buffer;
}

export type RawCommandRunner = (command: string, args: readonly string[], options: RunOptions) => Promise<RawCommandResult>;

/** Runs a real process with a timeout, an output cap and abort support; output kept as bytes. */
export const spawnRawRunner: RawCommandRunner = (command, args, options) =>
  new Promise((resolve) => {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let bytes = 0;
    let truncated = false;
    let timedOut = false;
    let settled = false;
    const finish = (code: number | null, spawnError?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ command, args, code, stdout: Buffer.concat(out), stderr: Buffer.concat(err), timedOut, truncated, ...(spawnError ? { spawnError } : {}) });
    };
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(command, [...args], { windowsHide: true, stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (e) {
      finish(null, (e as Error).message);
      return;
    }
    const collect = (sink: Buffer[]) => (chunk: Buffer) => {
      if (bytes >= maxBytes) {
        truncated = true;
        return;
      }
      const room = maxBytes - bytes;
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      if (part.length < chunk.length) truncated = true;
      bytes += part.length;
      sink.push(part);
    };
    child.stdout?.on('data', collect(out));
    child.stderr?.on('data', collect(err));
    child.on('error', (e) => finish(null, e.message));
    child.on('close', (code) => finish(code));
    const kill = (): void => {
      try {
        child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs);
    const onAbort = (): void => {
      timedOut = true;
      kill();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.stdin !== undefined) child.stdin?.end(options.stdin);
    else child.stdin?.end();
  });

/** True for powershell.exe / pwsh.exe, whose redirected error stream is CLIXML. */
export function isPowerShell(command: string): boolean {
  return /(^|[\\/])(powershell|pwsh)(\.exe)?$/i.test(command);
}

/**
 * Decodes a raw runner's bytes in the console's OEM code page, asked once (reg query …\Nls\CodePage
 * /v OEMCP, whose answer is ASCII), and turns PowerShell's CLIXML error stream into plain text.
 * `codePage` skips the question (non-Windows hosts: 65001).
 */
export function decodingRunner(raw: RawCommandRunner, codePage?: number): CommandRunner & { readonly codePage: () => Promise<number | null> } {
  let cp: Promise<number | null> | null = codePage === undefined ? null : Promise.resolve(codePage);
  const ask = (): Promise<number | null> => {
    cp ??= raw('reg.exe', OEMCP_QUERY, { timeoutMs: 10_000, maxBytes: 64 * 1024 }).then(
      (r) => (r.code === 0 ? parseOemCp(r.stdout.toString('latin1')) : null),
      () => null,
    );
    return cp;
  };
  const run: CommandRunner = async (command, args, options) => {
    const r = await raw(command, args, options);
    const page = r.stdout.some((b) => b > 0x7f) || r.stderr.some((b) => b > 0x7f) ? await ask() : null;
    const stdout = decodeConsole(r.stdout, page);
    let stderr = decodeConsole(r.stderr, page);
    if (isPowerShell(command) && isClixml(stderr)) stderr = decodeClixml(stderr);
    return { ...r, stdout, stderr };
  };
  return Object.assign(run, { codePage: ask });
}

/** Runs real processes: on Windows decoded in the OEM code page, elsewhere as UTF-8. */
export const spawnRunner: CommandRunner = decodingRunner(spawnRawRunner, process.platform === 'win32' ? undefined : 65001);

/** A runner that records calls and answers from a table: for tests and for non-Windows fix dry runs. */
export function recordingRunner(
  answer: (command: string, args: readonly string[]) => Partial<CommandResult> | undefined = () => undefined,
): CommandRunner & { readonly calls: Array<{ command: string; args: readonly string[] }> } {
  const calls: Array<{ command: string; args: readonly string[] }> = [];
  const run: CommandRunner = async (command, args) => {
    calls.push({ command, args: [...args] });
    const a = answer(command, args) ?? {};
    return { command, args, code: 0, stdout: '', stderr: '', timedOut: false, truncated: false, ...a };
  };
  return Object.assign(run, { calls });
}

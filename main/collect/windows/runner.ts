/** The one seam through which Windows commands run: bounded in time and output, never throwing. */
import { spawn } from 'node:child_process';

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

/** Runs a real process with a timeout, an output cap and abort support. */
export const spawnRunner: CommandRunner = (command, args, options) =>
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
      resolve({
        command,
        args,
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        truncated,
        ...(spawnError ? { spawnError } : {}),
      });
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

/** Building the exact commands fixes run: PowerShell via -EncodedCommand (no quoting survives into cmd), tools with plain argv. */
import { encodePowerShell } from '../collect/certificates';
import type { CommandResult } from '../collect/windows/runner';
import type { CommandSpec, StepJudgement } from './types';

/** A PowerShell literal string: single quotes, with every quote PowerShell accepts as one doubled. */
export function psQuote(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, (q) => q + q)}'`;
}

/** A PowerShell script run with -EncodedCommand; `display` is the script itself. */
export function powershell(lines: readonly string[], timeoutMs?: number): CommandSpec {
  const script = lines.join('\n');
  return {
    command: 'powershell.exe',
    args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encodePowerShell(script)],
    display: script,
    shell: 'powershell',
    ...(timeoutMs ? { timeoutMs } : {}),
  };
}

/** Characters cmd.exe cannot carry inside a quoted argument: `"` ends the quotes (there is no `\\"` in cmd), `%` expands variables, line breaks end the command. */
const CMD_UNSAFE = /["%\r\n\x00]/;

/** True when the value can be pasted into cmd.exe as one argument. */
export function cmdSafe(arg: string): boolean {
  return !CMD_UNSAFE.test(arg);
}

/**
 * Quotes one argument the way a technician would type it into cmd.exe: in double quotes when it holds a
 * space or one of & | < > ^ ; , ( ) !. Throws for a value cmd.exe cannot carry (see cmdSafe) — never a
 * `\\"` that cmd would read as the end of the quotes.
 */
export function cmdQuote(arg: string): string {
  if (!cmdSafe(arg)) throw new Error(`"${arg.slice(0, 60)}" cannot be written on a cmd.exe command line (it holds " or % or a line break)`);
  return /[\s&|<>^;,()!]/.test(arg) || arg === '' ? `"${arg}"` : arg;
}

/** A cmd.exe line from a command and its arguments; a REM line saying why when one argument cannot be carried. */
export function cmdLine(command: string, args: readonly string[]): string {
  const bad = [command, ...args].findIndex((a) => !cmdSafe(a));
  if (bad >= 0) return `REM not shown: ${bad === 0 ? 'the program name' : `argument ${bad}`} of ${cmdSafe(command) ? command : 'this command'} holds a double quote, a percent sign or a line break, which cmd.exe cannot carry; Lync Doctor passes it to the program directly, without cmd.exe`;
  return [command, ...args].map(cmdQuote).join(' ');
}

/** A tool run with plain arguments (no shell); `display` is the same line for cmd.exe. */
export function tool(command: string, args: readonly string[], timeoutMs?: number): CommandSpec {
  return { command, args, display: cmdLine(command, args), shell: 'cmd', ...(timeoutMs ? { timeoutMs } : {}) };
}

/** Decodes the script of a PowerShell CommandSpec (tests and the recorded-mode printout). */
export function decodePowerShell(args: readonly string[]): string | null {
  const i = args.indexOf('-EncodedCommand');
  const b64 = i >= 0 ? args[i + 1] : undefined;
  return b64 === undefined ? null : Buffer.from(b64, 'base64').toString('utf16le');
}

/** First meaningful line of a command's error output, bounded. */
export function firstLine(text: string): string {
  return (text.split(/\r?\n/).map((l) => l.trim()).find((l) => l.length > 0) ?? '').slice(0, 300);
}

/** Last meaningful line (tools like ipconfig print a banner first and the error last), bounded. */
export function lastLine(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return (lines[lines.length - 1] ?? '').slice(0, 300);
}

/** Last non-empty stdout line: our scripts print one status word there. */
export function statusWord(stdout: string): string {
  const lines = stdout.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return (lines[lines.length - 1] ?? '').toLowerCase();
}

/** Why a command did not give a usable answer, or null when it ran to completion. */
export function notRun(r: CommandResult): string | null {
  if (r.spawnError) return `could not start ${r.command}: ${r.spawnError}`;
  if (r.timedOut) return `${r.command} did not finish in time`;
  return null;
}

/** Default judgement: exit 0 is a change made; anything else failed (timeouts: unknown, it may have run). */
export function judgeExitCode(r: CommandResult): StepJudgement {
  if (r.timedOut) return { outcome: 'unknown', message: `${r.command} did not finish in time; it may or may not have made the change` };
  const why = notRun(r);
  if (why) return { outcome: 'failed', message: why };
  if (r.code === 0) return { outcome: 'ok', message: firstLine(r.stdout) || 'done' };
  return { outcome: 'failed', message: firstLine(r.stderr) || lastLine(r.stdout) || `exit code ${String(r.code)}` };
}

/** Judgement for our scripts that print a status word: `words` maps it to an outcome. */
export function judgeStatusWord(words: Readonly<Record<string, 'ok' | 'no-change'>>): (r: CommandResult) => StepJudgement {
  return (r) => {
    const base = judgeExitCode(r);
    if (base.outcome !== 'ok') return base;
    const w = statusWord(r.stdout);
    const outcome = words[w];
    if (outcome) return { outcome, message: w };
    return { outcome: 'unknown', message: `unexpected output "${w.slice(0, 80)}"; the change may or may not have happened` };
  };
}

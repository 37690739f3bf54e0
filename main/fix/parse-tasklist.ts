/** Reads `tasklist /FI "IMAGENAME eq lync.exe" /FO CSV /NH` (any language): is the Lync client running? */
import type { CommandResult } from '../collect/windows/runner';
import { firstLine, notRun, tool } from './commands';
import type { CommandSpec, Preflight } from './types';

export type ProcessState =
  | { readonly state: 'running'; readonly pids: readonly number[] }
  | { readonly state: 'not-running'; readonly message: string }
  | { readonly state: 'unknown'; readonly reason: string };

/** The exact command (one filter, CSV, no header). */
export function tasklistCommand(image = 'lync.exe'): CommandSpec {
  return tool('tasklist.exe', ['/FI', `IMAGENAME eq ${image}`, '/FO', 'CSV', '/NH'], 15_000);
}

/** Splits one CSV line with double-quoted fields ("" inside a field is a quote). */
export function csvFields(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] !== '"') return null;
    let j = i + 1;
    let field = '';
    for (;;) {
      if (j >= line.length) return null;
      if (line[j] === '"') {
        if (line[j + 1] === '"') {
          field += '"';
          j += 2;
          continue;
        }
        break;
      }
      field += line[j];
      j++;
    }
    out.push(field);
    i = j + 1;
    if (i < line.length) {
      if (line[i] !== ',') return null;
      i++;
    }
  }
  return out;
}

/**
 * Parses the output. A CSV row naming the image means running; a message line such as
 * "INFO: No tasks are running…" (localized: "INFORMATION: …", "INFO : …") with no rows means not
 * running; anything else (empty, garbled) is unknown — callers must treat unknown as "do not touch".
 */
export function parseTasklist(stdout: string, image = 'lync.exe'): ProcessState {
  const lines = stdout.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const pids: number[] = [];
  let message: string | null = null;
  for (const line of lines) {
    const f = csvFields(line);
    if (f && f.length >= 2) {
      const pid = Number(f[1]);
      if ((f[0] ?? '').toLowerCase() === image.toLowerCase() && Number.isInteger(pid) && pid > 0) pids.push(pid);
      continue;
    }
    if (/^[^",]{2,40}?\s?:\s*\S/.test(line)) message ??= line;
  }
  if (pids.length) return { state: 'running', pids };
  if (message) return { state: 'not-running', message };
  return { state: 'unknown', reason: lines.length ? `unexpected tasklist output: "${(lines[0] ?? '').slice(0, 80)}"` : 'tasklist printed nothing' };
}

/** Judges a tasklist run, including a command that failed or never started. */
export function lyncProcessState(r: CommandResult): ProcessState {
  const why = notRun(r);
  if (why) return { state: 'unknown', reason: why };
  if (r.code !== 0) return { state: 'unknown', reason: `tasklist failed: ${firstLine(r.stderr) || firstLine(r.stdout) || `exit ${String(r.code)}`}` };
  return parseTasklist(r.stdout);
}

/** Preflight: the Lync / Skype for Business client (lync.exe) must not be running. */
export function lyncNotRunning(): Preflight {
  return {
    label: 'Lync / Skype for Business (lync.exe) is not running',
    command: tasklistCommand(),
    judge(r) {
      const s = lyncProcessState(r);
      switch (s.state) {
        case 'running':
          return { state: 'fail', message: `lync.exe is running (PID ${s.pids.join(', ')}): exit the client (File > Exit, or right-click the tray icon > Exit) and try again.` };
        case 'not-running':
          return { state: 'pass', message: `lync.exe is not running (tasklist: "${s.message}")` };
        case 'unknown':
          return { state: 'unknown', message: `could not tell whether lync.exe is running (${s.reason}); nothing was changed.` };
      }
    },
  };
}

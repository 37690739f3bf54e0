import { showControls } from '../model/show-controls';

/** Where a CLI command writes: injected so tests run commands in-process. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

/** A CLI command: returns the process exit code (0 ok, 1 error findings, 2 usage/internal). */
export type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

/** Wraps an io so every string printed has its control characters shown escaped (bundles, servers, logs are outside data). */
export function safeIo(io: CliIo): CliIo {
  return { out: (t) => io.out(showControls(t)), err: (t) => io.err(showControls(t)) };
}

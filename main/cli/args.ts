/** A small, strict flag parser: unknown flags and missing values are usage errors (exit 2). */

export class UsageError extends Error {}

export type FlagKind = 'string' | 'boolean' | 'number' | 'list';
export type FlagSpec = Readonly<Record<string, FlagKind>>;

export interface Parsed {
  readonly flags: Readonly<Record<string, string | boolean | number | string[] | undefined>>;
  readonly positional: readonly string[];
}

/** Parses `--name value`, `--name=value` and boolean `--name`; everything else is positional. */
export function parseArgs(argv: readonly string[], spec: FlagSpec): Parsed {
  const flags: Record<string, string | boolean | number | string[] | undefined> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    // Stryker disable next-line EqualityOperator: a starts with "--", so eq is -1 or at least 2: "> 0" and ">= 0" agree
    const inline = eq >= 0; // --name=value
    const name = a.slice(2, inline ? eq : undefined);
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option --${name} (known: ${Object.keys(spec).map((k) => `--${k}`).join(', ') || 'none'})`);
    if (kind === 'boolean') {
      if (inline) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
      continue;
    }
    const value = inline ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || (!inline && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    if (kind === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number, got "${value}"`);
      flags[name] = n;
    } else if (kind === 'list') {
      flags[name] = [...((flags[name] as string[] | undefined) ?? []), value];
    } else flags[name] = value;
  }
  return { flags, positional };
}

export function str(p: Parsed, name: string): string | undefined {
  const v = p.flags[name];
  return typeof v === 'string' ? v : undefined;
}

export function num(p: Parsed, name: string): number | undefined {
  const v = p.flags[name];
  return typeof v === 'number' ? v : undefined;
}

export function bool(p: Parsed, name: string): boolean {
  return p.flags[name] === true;
}

export function list(p: Parsed, name: string): string[] {
  const v = p.flags[name];
  return Array.isArray(v) ? v : [];
}

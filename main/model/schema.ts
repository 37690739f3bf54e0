/**
 * Tiny structural validators for JSON that arrives from outside (imported bundles, the bridge).
 * Pure: no node/DOM imports. A validator appends "path: problem" lines to `issues`; it never throws.
 */

export type Validator = (value: unknown, path: string, issues: string[]) => void;

/** Stops collecting after this many problems (the first ones are the useful ones). */
export const MAX_ISSUES = 20;

const full = (issues: string[]): boolean => issues.length >= MAX_ISSUES;

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function report(issues: string[], path: string, problem: string): void {
  if (!full(issues)) issues.push(`${path || '(root)'}: ${problem}`);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface StrOptions {
  readonly max?: number;
  readonly min?: number;
  readonly pattern?: RegExp;
}

/** A string, bounded in length (default 1 MB of characters). */
export function str(opts: StrOptions = {}): Validator {
  const max = opts.max ?? 1_048_576;
  return (v, path, issues) => {
    if (typeof v !== 'string') return report(issues, path, `expected a string, got ${kind(v)}`);
    if (v.length > max) return report(issues, path, `string longer than ${max} characters`);
    if (opts.min !== undefined && v.length < opts.min) return report(issues, path, `string shorter than ${opts.min} characters`);
    if (opts.pattern && !opts.pattern.test(v)) report(issues, path, `"${v.slice(0, 60)}" does not match ${String(opts.pattern)}`);
  };
}

/** One of a fixed set of string literals. */
export function oneOf(values: readonly string[]): Validator {
  return (v, path, issues) => {
    if (typeof v !== 'string' || !values.includes(v)) report(issues, path, `expected one of ${values.join('|')}, got ${JSON.stringify(v)?.slice(0, 60)}`);
  };
}

export function literal(value: string | number | boolean): Validator {
  return (v, path, issues) => {
    if (v !== value) report(issues, path, `expected ${JSON.stringify(value)}, got ${JSON.stringify(v)?.slice(0, 60)}`);
  };
}

export interface NumOptions {
  readonly int?: boolean;
  readonly min?: number;
  readonly max?: number;
}

export function num(opts: NumOptions = {}): Validator {
  return (v, path, issues) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return report(issues, path, `expected a number, got ${kind(v)}`);
    if (opts.int && !Number.isInteger(v)) return report(issues, path, 'expected an integer');
    if (opts.min !== undefined && v < opts.min) return report(issues, path, `must be ≥ ${opts.min}`);
    if (opts.max !== undefined && v > opts.max) report(issues, path, `must be ≤ ${opts.max}`);
  };
}

export const bool: Validator = (v, path, issues) => {
  if (typeof v !== 'boolean') report(issues, path, `expected true/false, got ${kind(v)}`);
};

/** An ISO-8601 timestamp that Date can read. */
export const isoDate: Validator = (v, path, issues) => {
  if (typeof v !== 'string' || v.length > 40 || !/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(Date.parse(v))) report(issues, path, `expected an ISO date, got ${JSON.stringify(v)?.slice(0, 60)}`);
};

/** Accepts undefined (field absent) or what `inner` accepts. */
export function opt(inner: Validator): Validator {
  return (v, path, issues) => {
    if (v !== undefined) inner(v, path, issues);
  };
}

export function nullable(inner: Validator): Validator {
  return (v, path, issues) => {
    if (v !== null) inner(v, path, issues);
  };
}

/** An array of `item`, at most `max` long. */
export function arr(item: Validator, max = 100_000): Validator {
  return (v, path, issues) => {
    if (!Array.isArray(v)) return report(issues, path, `expected an array, got ${kind(v)}`);
    if (v.length > max) return report(issues, path, `more than ${max} items`);
    for (let i = 0; i < v.length && !full(issues); i++) item(v[i], `${path}[${i}]`, issues);
  };
}

/**
 * An object with the listed fields (keys checked against T at compile time). Fields not listed are
 * allowed, so a bundle from a newer version with an added field still imports.
 */
export function obj<T>(fields: { readonly [K in keyof T]?: Validator }): Validator {
  return (v, path, issues) => {
    if (!isPlainObject(v)) return report(issues, path, `expected an object, got ${kind(v)}`);
    for (const [k, check] of Object.entries(fields) as Array<[string, Validator | undefined]>) {
      if (full(issues)) return;
      const value = Object.prototype.hasOwnProperty.call(v, k) ? v[k] : undefined;
      check?.(value, path ? `${path}.${k}` : k, issues);
    }
  };
}

/** An object used as a map: every value checked by `value`, at most `max` keys. */
export function record(value: Validator, max = 1000): Validator {
  return (v, path, issues) => {
    if (!isPlainObject(v)) return report(issues, path, `expected an object, got ${kind(v)}`);
    const keys = Object.keys(v);
    if (keys.length > max) return report(issues, path, `more than ${max} keys`);
    for (const k of keys) {
      if (full(issues)) return;
      value(v[k], `${path}.${k}`, issues);
    }
  };
}

/** Accepts a value any of the alternatives accepts. */
export function anyOf(...alternatives: readonly Validator[]): Validator {
  return (v, path, issues) => {
    const firsts: string[] = [];
    for (const a of alternatives) {
      const local: string[] = [];
      a(v, path, local);
      if (local.length === 0) return;
      if (local[0]) firsts.push(local[0]);
    }
    report(issues, path, `no alternative matched (${firsts.join('; ').slice(0, 200)})`);
  };
}

/** A JSON scalar (string/number/boolean/null). */
export const scalar: Validator = (v, path, issues) => {
  if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') report(issues, path, `expected a plain value, got ${kind(v)}`);
};

export interface JsonLimits {
  readonly maxDepth: number;
  readonly maxNodes: number;
  readonly maxStringLength: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = { maxDepth: 64, maxNodes: 2_000_000, maxStringLength: 16 * 1024 * 1024 };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Generic safety of a parsed JSON tree: bounded depth and size, no prototype-pollution keys.
 * Iterative, so a hostile 100 000-deep nesting cannot overflow the stack.
 */
export function checkJsonTree(root: unknown, path: string, issues: string[], limits: JsonLimits = DEFAULT_JSON_LIMITS): void {
  const stack: Array<{ v: unknown; p: string; d: number }> = [{ v: root, p: path, d: 0 }];
  let nodes = 0;
  while (stack.length > 0 && !full(issues)) {
    const { v, p, d } = stack.pop() as { v: unknown; p: string; d: number };
    if (++nodes > limits.maxNodes) return report(issues, path, `more than ${limits.maxNodes} values`);
    if (d > limits.maxDepth) return report(issues, p, `nested deeper than ${limits.maxDepth} levels`);
    if (typeof v === 'string') {
      if (v.length > limits.maxStringLength) report(issues, p, `string longer than ${limits.maxStringLength} characters`);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], p: `${p}[${i}]`, d: d + 1 });
    } else if (isPlainObject(v)) {
      for (const k of Object.keys(v)) {
        if (FORBIDDEN_KEYS.has(k)) report(issues, p, `forbidden key "${k}"`);
        else stack.push({ v: v[k], p: `${p}.${k}`, d: d + 1 });
      }
    } else if (v !== null && typeof v !== 'number' && typeof v !== 'boolean') {
      report(issues, p, `not a JSON value (${kind(v)})`);
    }
  }
}

/** Runs a validator; returns the problems (empty when valid). */
export function validate(value: unknown, validator: Validator, path = ''): string[] {
  const issues: string[] = [];
  validator(value, path, issues);
  return issues;
}

/** Shared unions and helpers for every layer (no node, electron or DOM imports here). */

/** Outcome of one collector run: "absent" is not-applicable, never an error. */
export type CollectorStatus = 'ok' | 'not-applicable' | 'error' | 'timeout';

/** Severity of a finding: exit code 1 when any finding is an error. */
export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Exhaustiveness guard for switch statements over unions. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}

/** Result envelope every collector produces, whatever happened. */
export interface SectionResult<T> {
  readonly status: CollectorStatus;
  /** Human message: what happened and, on trouble, what to do next. */
  readonly message: string;
  readonly durationMs: number;
  readonly data?: T;
}

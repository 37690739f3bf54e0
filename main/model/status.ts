/** Shared unions and helpers for every layer (no node, electron or DOM imports here). */

/**
 * Outcome of one collector run: "absent" is not-applicable, never an error. `partial`: some of the facts the
 * checks need were collected, others could not be asked (e.g. some DNS queries refused or unanswered).
 * `cancelled`: the user stopped the run before the collector finished (not a timeout: nothing was slow).
 */
export type CollectorStatus = 'ok' | 'partial' | 'not-applicable' | 'error' | 'timeout' | 'cancelled';

/** Every collector status, in display order (validators and renderers use it). */
export const COLLECTOR_STATUSES: readonly CollectorStatus[] = ['ok', 'partial', 'not-applicable', 'error', 'timeout', 'cancelled'];

/** True when a section could not collect everything its checks need ("could not ask", not "the answer is no"). */
export function isGap(status: CollectorStatus): boolean {
  return status === 'partial' || status === 'error' || status === 'timeout' || status === 'cancelled';
}

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

/** Clock check: local time against the Date headers of the servers contacted (Kerberos/TLS-DSK tolerate about 5 minutes). */
import type { Snapshot } from '../model/snapshot';
import type { Check } from './types';
import { ev } from './types';

export const SKEW_ERROR_S = 300;
export const SKEW_WARNING_S = 120;

export const clockSkew: Check = {
  id: 'LD-CLOCK-001',
  title: 'Computer clock differs from the servers',
  severity: 'error',
  articleId: 'clock-skew-sign-in',
  research: ['SFB-KI-011'],
  sections: ['clock'],
  description: `The local clock must be within ${SKEW_ERROR_S / 60} minutes of the servers' Date headers (warning from ${SKEW_WARNING_S / 60} minutes).`,
  evaluate(s: Snapshot) {
    const r = s.sections.clock;
    const d = r && r.status === 'ok' ? r.data : undefined;
    // Stryker disable next-line ConditionalExpression: a null skew without this guard gives |null| = 0 s, which passes anyway
    if (!d || d.skewMs === null) return [];
    const secs = Math.round(Math.abs(d.skewMs) / 1000);
    if (secs < SKEW_WARNING_S) return [];
    // Stryker disable next-line EqualityOperator: a skew of exactly 0 never reaches here (|skew| ≥ 120 s)
    const dir = d.skewMs > 0 ? 'ahead of' : 'behind';
    return [
      {
        severity: secs >= SKEW_ERROR_S ? 'error' : 'warning',
        message: `This PC's clock is ${Math.floor(secs / 60)} min ${secs % 60} s ${dir} the servers (median of ${d.observations.length} Date header(s)); authentication and certificates are refused from about 5 minutes of difference ("your computer clock is not set correctly").`,
        // Stryker disable next-line EqualityOperator: as above, the skew is never 0 here
        evidence: [ev('median skew', `${d.skewMs > 0 ? '+' : ''}${Math.round(d.skewMs / 1000)} s`), ...d.observations.slice(0, 5).map((o) => ev(o.server, `server ${o.serverDate}, local ${o.localDate}`))],
      },
    ];
  },
};

export const clockChecks: readonly Check[] = [clockSkew];

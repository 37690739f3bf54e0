/** The pieces every sign-in timeline step is made of: titles, the step shape, evidence and the log line that proves a step. */
import type { LoggedSipMessage } from '../model/logs';
import type { TimelineEvidence, TimelineStep, TimelineStepId } from '../model/sip';

export const FLOW_ARTICLE = 'sip-sign-in-flow';

export const TITLES: Record<TimelineStepId, string> = {
  discovery: 'Discovery (DNS)',
  connect: 'TCP connection to the SIP server',
  tls: 'TLS connection to the SIP server',
  autodiscover: 'Autodiscover (lyncdiscover)',
  register: 'REGISTER without credentials',
  challenge: '401 challenge: authentication methods offered',
  certificate: 'Certificate provisioning / web ticket (TLS-DSK)',
  'register-auth': 'REGISTER with credentials',
  result: 'Sign-in result',
};

export type StepInit = Partial<Omit<TimelineStep, 'id' | 'title'>> & Pick<TimelineStep, 'status' | 'detail'>;

export function step(id: TimelineStepId, init: StepInit): TimelineStep {
  return { id, title: TITLES[id], source: 'none', evidence: [], articleId: null, diagnostics: [], at: null, ...init };
}

export const ev = (label: string, value: string | number): TimelineEvidence => ({ label, value: String(value) });

/** The file name without its folder (Windows or POSIX path), as evidence quotes it. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** "403 Forbidden", or "403" when the answer had no reason phrase (no stray space). */
export function statusText(code: number | null, reason: string | null | undefined): string {
  return reason ? `${code} ${reason}` : String(code);
}

/** The line that proves a step: file:line and the start line as read. */
export function proof(m: LoggedSipMessage): TimelineEvidence {
  const file = baseName(m.file);
  const start = m.startLine ?? (m.kind === 'request' ? [m.method, m.requestUri, 'SIP/2.0'].filter(Boolean).join(' ') : `SIP/2.0 ${m.statusCode} ${m.reasonPhrase ?? ''}`);
  return ev('line', `${file}:${m.line} ${start.trim()}${m.cseq !== null ? ` (CSeq ${m.cseq}${m.cseqMethod ? ` ${m.cseqMethod}` : ''})` : ''}`);
}

/**
 * Symptom-first start: which collectors matter for what the user reports, and which questionnaire part
 * the window offers next. Sign-in needs the whole path; the others need the parts of it their known
 * issues rest on (research: push ⇐ autodiscover/webext and the mobile questionnaire — iOS 9
 * language/region, IM URL filter; meetings ⇐ web services, TLS and the proxy; a password prompt ⇐ the
 * proxy and its 407 schemes).
 */
import type { Symptom } from '../model/api';
import { assertNever } from '../model/status';

/** The collector ids each symptom runs (their `after` inputs are added by collectorsFor). */
export function collectorsForSymptom(s: Symptom): readonly string[] {
  switch (s) {
    case 'sign-in': return ['dns', 'certificates', 'policy', 'sip', 'logs', 'proxy', 'autodiscover', 'tls', 'proxyAuth', 'clock'];
    case 'push': return ['dns', 'autodiscover', 'tls', 'proxy', 'clock'];
    case 'meetings': return ['dns', 'autodiscover', 'tls', 'proxy', 'proxyAuth', 'policy'];
    case 'proxy-password': return ['dns', 'proxy', 'proxyAuth', 'autodiscover', 'tls'];
    default: return assertNever(s, 'symptom');
  }
}

/** The questionnaire part to answer for a symptom (facts the PC cannot see), or null. */
export function questionnaireForSymptom(s: Symptom): 'mobile' | 'server' | null {
  switch (s) {
    case 'push': return 'mobile';
    case 'sign-in': return 'server';
    case 'meetings': return null;
    case 'proxy-password': return null;
    default: return assertNever(s, 'symptom');
  }
}

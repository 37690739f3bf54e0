/** Reduces a parsed SIP response to the facts diagnosis needs (SipResponseInfo). */
import type { SipResponseInfo } from '../model/sip';
import { challengesOf } from './auth';
import { diagnosticsOf, type MsDiagnosticsTable } from './ms-diagnostics';
import { header, headerValues, splitList, type SipMessage } from './parse';
import { parseHttpDate } from '../model/http-date';

/** Local clock minus the server's Date header, in whole seconds; null when Date is missing or unreadable. */
export function clockSkewSeconds(date: string | null, receivedAt: Date): number | null {
  // read by the RFC 3261 / RFC 9110 grammar, in GMT (Date.parse reads some forms in the local time zone)
  const t = parseHttpDate(date, receivedAt);
  if (t === null) return null;
  return Math.round((receivedAt.getTime() - t) / 1000);
}

/** Summarises a response; `receivedAt` is the local time it arrived (for the clock comparison). */
export function responseInfo(msg: SipMessage, table: MsDiagnosticsTable, receivedAt: Date | null): SipResponseInfo {
  const date = header(msg, 'date');
  return {
    statusCode: msg.statusCode ?? 0,
    reasonPhrase: msg.reasonPhrase ?? '',
    challenges: challengesOf(msg),
    diagnostics: diagnosticsOf(msg, table),
    server: header(msg, 'server'),
    date,
    clockSkewSeconds: receivedAt ? clockSkewSeconds(date, receivedAt) : null,
    contacts: headerValues(msg, 'contact').flatMap(splitList).slice(0, 16),
    userLogonData: header(msg, 'ms-user-logon-data'),
    warning: header(msg, 'warning'),
  };
}

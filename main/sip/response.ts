/** Reduces a parsed SIP response to the facts diagnosis needs (SipResponseInfo). */
import type { SipResponseInfo } from '../model/sip';
import { challengesOf } from './auth';
import { diagnosticsOf, type MsDiagnosticsTable } from './ms-diagnostics';
import { header, headerValues, splitList, type SipMessage } from './parse';

/** Local clock minus the server's Date header, in whole seconds; null when Date is missing or unreadable. */
export function clockSkewSeconds(date: string | null, receivedAt: Date): number | null {
  // Stryker disable next-line ConditionalExpression: equivalent, Date.parse of '' or null is NaN and returns null below
  if (!date) return null;
  const t = Date.parse(date);
  if (!Number.isFinite(t)) return null;
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

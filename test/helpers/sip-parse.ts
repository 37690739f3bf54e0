/** The SIP parser's results as the parser tests read them: a parse that must succeed, and headers as name=value. */
import { parseSipHead, parseSipMessage, type SipMessage } from '../../main/sip/parse';

/** parseSipMessage's message; throws when it is not parsed. */
export const full = (text: string): SipMessage => {
  const r = parseSipMessage(text);
  if (!r.ok) throw new Error(`not parsed: ${r.error}`);
  return r.message;
};

/** parseSipHead's message (only the names given, when given); throws when it is not parsed. */
export const head = (text: string, names?: ReadonlySet<string>): SipMessage => {
  const r = parseSipHead(text, names);
  if (!r.ok) throw new Error(`not parsed: ${r.error}`);
  return r.message;
};

/** A message's headers as name=value, in order. */
export const pairs = (m: SipMessage): string[] => m.headers.map((h) => `${h.name}=${h.value}`);

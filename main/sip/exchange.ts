/** Sends one request over a connected socket and reads the final response: bounded in time and bytes. */
import type { Duplex } from 'node:stream';
import { parseSipMessage, type SipMessage } from './parse';

export const MAX_RESPONSE_BYTES = 64 * 1024;

export type ExchangeResult =
  | { readonly kind: 'response'; readonly message: SipMessage; readonly raw: string; readonly receivedAt: Date }
  | { readonly kind: 'no-answer' | 'closed' | 'garbage'; readonly raw: string; readonly detail: string };

const HEADER_END = /\r?\n\r?\n/;

/** Finds one complete message at the start of `buf`; returns its length, 0 if more bytes are needed, -1 if it is not SIP. */
export function frameLength(buf: Buffer): number {
  const head = buf.toString('latin1', 0, Math.min(buf.length, MAX_RESPONSE_BYTES));
  const trimmed = head.replace(/^(\r?\n)+/, '');
  const lead = head.length - trimmed.length;
  if (trimmed.length >= 8 && !trimmed.startsWith('SIP/2.0') && !/^[A-Z]{2,16} \S/.test(trimmed)) return -1;
  const m = HEADER_END.exec(trimmed);
  if (!m) return 0;
  const headers = trimmed.slice(0, m.index);
  // Stryker disable next-line Regex: equivalent, a start line comes first so Content-Length follows a \n; a text too short to be SIP (< 8 characters) ends as the same garbage either way
  const cl = /(?:^|\n)(?:content-length|l)[ \t]*:[ \t]*(\d{1,9})/i.exec(headers);
  const bodyLen = cl ? Number(cl[1]) : 0;
  const total = lead + m.index + m[0].length + bodyLen;
  if (total > MAX_RESPONSE_BYTES) return -1;
  return buf.length >= total ? total : 0;
}

/**
 * Writes `request` and waits for a final (non-1xx) response, at most `timeoutMs`.
 * Provisional responses are skipped; anything that is not SIP is reported as garbage.
 */
export function exchange(socket: Duplex, request: string, timeoutMs: number, signal?: AbortSignal, now: () => Date = () => new Date()): Promise<ExchangeResult> {
  return new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    let settled = false;
    let seen = '';
    const finish = (r: ExchangeResult): void => {
      // Stryker disable next-line ConditionalExpression,BooleanLiteral: equivalent, a second finish only repeats idempotent steps (clearTimeout, off, resolve of a settled promise)
      if (settled) return;
      // Stryker disable next-line BooleanLiteral: equivalent, see above
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.off('end', onClose);
      socket.off('error', onError);
      resolve(r);
    };
    const onAbort = (): void => finish({ kind: 'no-answer', raw: seen, detail: 'cancelled at the deadline' });
    const onClose = (): void =>
      finish(buf.length ? { kind: 'garbage', raw: seen, detail: `connection closed after ${buf.length} byte(s) of an incomplete message` } : { kind: 'closed', raw: seen, detail: 'the server closed the connection without answering' });
    const onError = (e: Error): void => finish({ kind: 'closed', raw: seen, detail: `connection error: ${e.message}` });
    const onData = (chunk: Buffer): void => {
      buf = Buffer.concat([buf, chunk]);
      // Stryker disable next-line ConditionalExpression,EqualityOperator: the test only skips decoding once raw is full (the slice caps it); its variants that drop text are killed by pin-exchange, the always-true/<= ones are equivalent
      if (seen.length < MAX_RESPONSE_BYTES) seen += chunk.toString('utf8').slice(0, MAX_RESPONSE_BYTES - seen.length);
      for (;;) {
        const len = frameLength(buf);
        if (len < 0) {
          finish({ kind: 'garbage', raw: seen, detail: `the server sent ${buf.length} byte(s) that are not a SIP message` });
          return;
        }
        if (len === 0) {
          if (buf.length >= MAX_RESPONSE_BYTES) finish({ kind: 'garbage', raw: seen, detail: `no complete SIP message within ${MAX_RESPONSE_BYTES} bytes` });
          return;
        }
        const text = buf.subarray(0, len).toString('utf8');
        buf = buf.subarray(len);
        const parsed = parseSipMessage(text);
        if (!parsed.ok) {
          finish({ kind: 'garbage', raw: seen, detail: parsed.error });
          return;
        }
        if (parsed.message.kind === 'response' && (parsed.message.statusCode ?? 0) >= 200) {
          finish({ kind: 'response', message: parsed.message, raw: text, receivedAt: now() });
          return;
        }
        // 1xx or a request from the server: keep reading
      }
    };
    const timer = setTimeout(() => finish({ kind: 'no-answer', raw: seen, detail: `no SIP answer within ${timeoutMs} ms` }), Math.max(1, timeoutMs));
    if (signal?.aborted) {
      onAbort();
      return;
    }
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent, finish removes the listener anyway
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('data', onData);
    socket.on('close', onClose);
    socket.on('end', onClose);
    socket.on('error', onError);
    socket.write(request);
  });
}

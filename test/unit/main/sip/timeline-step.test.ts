/** proof(): the evidence line a step quotes — file name without folder, line, start line, and the CSeq as RFC 3261 writes it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LoggedSipMessage } from '../../../../main/model/logs';
import { proof } from '../../../../main/sip/timeline-step';
import { resp } from '../../../helpers/sip-snapshot';

const msg = (over: Partial<LoggedSipMessage>): LoggedSipMessage =>
  resp(1, 401, { file: 'C:\\Users\\x\\AppData\\Local\\Microsoft\\Office\\16.0\\Lync\\Tracing\\Lync-UccApi-0.UccApilog', line: 12, reasonPhrase: 'Unauthorized', ...over });

test('proof quotes file:line, the start line and "CSeq <n> <method>"', () => {
  assert.deepEqual(proof(msg({})), { label: 'line', value: 'Lync-UccApi-0.UccApilog:12 SIP/2.0 401 Unauthorized (CSeq 1 REGISTER)' });
  assert.equal(proof(msg({ startLine: 'SIP/2.0 401 Unauthorized ' })).value, 'Lync-UccApi-0.UccApilog:12 SIP/2.0 401 Unauthorized (CSeq 1 REGISTER)');
});

test('a CSeq without its method reads "(CSeq 1)" — no stray space; without a CSeq nothing is added', () => {
  assert.equal(proof(msg({ cseqMethod: null })).value, 'Lync-UccApi-0.UccApilog:12 SIP/2.0 401 Unauthorized (CSeq 1)');
  assert.equal(proof(msg({ cseq: 0, cseqMethod: null })).value, 'Lync-UccApi-0.UccApilog:12 SIP/2.0 401 Unauthorized (CSeq 0)');
  assert.equal(proof(msg({ cseq: null, cseqMethod: null })).value, 'Lync-UccApi-0.UccApilog:12 SIP/2.0 401 Unauthorized');
  assert.equal(proof(msg({ kind: 'request', method: 'REGISTER', requestUri: 'sip:contoso.com', statusCode: null, file: '/tmp/logs/a.UccApilog' })).value, 'a.UccApilog:12 REGISTER sip:contoso.com SIP/2.0 (CSeq 1 REGISTER)');
});

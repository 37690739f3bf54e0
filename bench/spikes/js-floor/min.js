// Spike (issue 16), not product code: the cheapest JavaScript reading of bench/sip.bench.ts's 100 MB trace — what any
// JavaScript analyser costs at least. It leaves out every rule the product applies (see README.md); its counts are only
// roughly right. Usage: node bench/spikes/js-floor/min.js <bench.UccApilog>
const fs = require('fs');
const fd = fs.openSync(process.argv[2], 'r');
const CH = 96 * 1024;
const buf = Buffer.allocUnsafe(CH);
let pos = 0, n, carry = '', lines = 0;
const counts = new Map();
const ring = new Array(300); let ri = 0;
let inMsg = false, start = '', head = 0, kept = 0;
const HDR = /^(?:cseq|ms-diagnostics|www-authenticate|authorization|authentication-info)\s*:(.*)$/gim;
function bump(k) { counts.set(k, (counts.get(k) || 0) + 1); }
while ((n = fs.readSync(fd, buf, 0, CH, pos)) > 0) {
  pos += n;
  const t = carry + buf.toString('latin1', 0, n);
  let s = 0;
  for (;;) {
    const nl = t.indexOf('\n', s);
    if (nl < 0) break;
    lines++;
    const c = t.charCodeAt(s);
    if (c >= 48 && c <= 57) {
      // trace line: separator
      const sep = t.indexOf(' ::', s);
      const x = t.charCodeAt(sep + 4) === 32 ? sep + 5 : sep + 4;
      const c2 = t.charCodeAt(x);
      if (c2 === 83 && t.startsWith('Sending Packet', x) || c2 === 68 && t.startsWith('Data Received', x)) { inMsg = true; start = ''; }
      else if (inMsg && start === '') {
        start = t.slice(x, nl - 1);
        // header block: up to blank line
        const end = t.indexOf('\r\n\r\n', nl);
        if (end < 0) { s = nl + 1; continue; }
        let cseq = null;
        HDR.lastIndex = nl + 1;
        const block = t.slice(nl + 1, end + 2);
        HDR.lastIndex = 0;
        let m;
        while ((m = HDR.exec(block)) !== null) { if ((m[0].charCodeAt(0) | 32) === 99) cseq = m[1]; }
        let k = nl + 1; while (k < end) { k = t.indexOf('\n', k) + 1; lines++; }
        if (start.startsWith("SIP/2.0 ")) bump(start.slice(8, 11) + ' ' + (cseq || ''));
        else bump(start.slice(0, start.indexOf(' ')));
        if (cseq && cseq.endsWith('REGISTER')) { ring[ri++ % 300] = start + block; kept++; }
        s = end + 4; lines++;
        inMsg = false;
        continue;
      }
    }
    s = nl + 1;
  }
  carry = t.slice(s);
}
console.log(lines, counts.size, kept, [...counts].slice(0, 5));

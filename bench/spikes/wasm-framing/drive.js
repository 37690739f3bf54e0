const fs = require('fs');
const path = process.argv[2];
const mod = new WebAssembly.Module(fs.readFileSync(__dirname + '/scan.wasm'));
const inst = new WebAssembly.Instance(mod, {});
const x = inst.exports;
const mem = x.memory;
const IN = x.in_ptr(), OUTP = x.out_ptr();
const MAX = 1 << 20;
const view = Buffer.from(mem.buffer, IN, MAX + 16);
const out = new Int32Array(mem.buffer, OUTP, (1 << 16) * 8);
const fd = fs.openSync(path, 'r');
let pos = 0, carry = 0;
const counts = new Map();
const ring = []; let ringAt = 0;
const errors = new Map(); let web = 0;
const URL_RE = /https?:\/\/[^\s"'<>]+/gi;
const HR = /\b0x([89a-fA-F][0-9a-fA-F]{7})\b|\b(?:hr|hresult)\s*[=:]\s*(?:0x)?([89a-fA-F][0-9a-fA-F]{7})\b/;
const startMemo = new Map();
let lastTrace = '';
for (;;) {
  const n = fs.readSync(fd, view, carry, MAX - carry, pos);
  pos += n;
  const len = carry + n;
  if (len === 0) break;
  let cut = n === 0 ? len : view.lastIndexOf(10, len - 1) + 1;
  if (cut === 0) cut = len;
  const k = x.scan(cut);
  for (let i = 0; i < k; i++) {
    const o = i * 8, kind = out[o];
    if (kind === 1) {
      const sl = view.latin1Slice(out[o + 2], out[o + 3]);
      let parts = startMemo.get(sl);
      if (parts === undefined) {
        const m = /^SIP\/2\.0 (\d{3}) /.exec(sl);
        parts = m ? { status: Number(m[1]), method: null } : { status: 0, method: sl.slice(0, sl.indexOf(' ')) };
        if (startMemo.size > 4096) startMemo.clear();
        startMemo.set(sl, parts);
      }
      const cs = out[o + 4] >= 0 ? view.latin1Slice(out[o + 4], out[o + 5]) : '';
      const cm = cs.slice(cs.indexOf(' ') + 1);
      const key = parts.method ?? `${cm} ${parts.status}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (parts.method === 'REGISTER' || cm === 'REGISTER') { ring[ringAt] = view.latin1Slice(out[o + 2], out[o + 5] > 0 ? out[o + 5] : out[o + 3]); ringAt = (ringAt + 1) % 300; }
    } else if (kind === 2) {
      const line = view.latin1Slice(out[o + 2], out[o + 3]);
      const h = HR.exec(line);
      if (h) { const key = (h[1] ?? h[2]).toUpperCase(); errors.set(key, (errors.get(key) ?? 0) + 1); }
      if (line.includes('http')) { URL_RE.lastIndex = 0; for (const u of line.matchAll(URL_RE)) if (/\/webticket\//i.test(u[0])) web++; }
    } else lastTrace = view.latin1Slice(out[o + 2], out[o + 3]);
  }
  if (n === 0) break;
  view.copyWithin(0, cut, len);
  carry = len - cut;
}
console.log(JSON.stringify({ lines: x.line_count(), counts: Object.fromEntries(counts), errors: errors.size, web, lastTrace: lastTrace.slice(0, 40) }));

/**
 * The PAC helper library evaluated inside the sandbox before the PAC script (our own implementation of the
 * Netscape/Mozilla helper set and Microsoft's IPv6 "Ex" extensions, written to the semantics browsers and
 * pacparser share). DNS and the PC's address come from host functions (__ld_dns, __ld_myip) answered
 * synchronously by the worker, so the PAC script is run exactly as written: no source rewriting.
 * Date helpers read the global Date at call time (so a script or a test may replace it, as Chromium's
 * pac_library_unittest.js does).
 */
export const PAC_LIBRARY_SOURCE = String.raw`
(function (g) {
  var DNS = g.__ld_dns, MYIP = g.__ld_myip, ALERT = g.__ld_alert;
  delete g.__ld_dns; delete g.__ld_myip; delete g.__ld_alert;
  var WDAYS = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };
  var MONTHS = { JAN: 0, FEB: 1, MAR: 2, APR: 3, MAY: 4, JUN: 5, JUL: 6, AUG: 7, SEP: 8, OCT: 9, NOV: 10, DEC: 11 };
  function v4(s) {
    var m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
    return m !== null && +m[1] < 256 && +m[2] < 256 && +m[3] < 256 && +m[4] < 256;
  }
  function parse6(s) {
    // returns 8 groups (numbers) or null; accepts an embedded dotted quad at the end
    if (typeof s !== 'string' || !/^[0-9a-fA-F:.]+$/.test(s) || s.indexOf(':') < 0) return null;
    var lastColon = s.lastIndexOf(':');
    var last = s.slice(lastColon + 1);
    var tail = [];
    if (last.indexOf('.') >= 0) {
      if (!v4(last)) return null;
      var q = last.split('.');
      tail = [(+q[0] << 8) | +q[1], (+q[2] << 8) | +q[3]];
      s = s.slice(0, lastColon + 1);
      if (s.slice(-2) !== '::') s = s.slice(0, -1);
    }
    var parts = s.split('::');
    if (parts.length > 2) return null;
    function groups(x) {
      if (x === '') return [];
      var out = x.split(':');
      for (var i = 0; i < out.length; i++) {
        if (!/^[0-9a-fA-F]{1,4}$/.test(out[i])) return null;
        out[i] = parseInt(out[i], 16);
      }
      return out;
    }
    var head = groups(parts[0]);
    if (head === null) return null;
    var need = 8 - tail.length;
    if (parts.length === 1) {
      if (head.length !== need) return null;
      return head.concat(tail);
    }
    var rest = groups(parts[1]);
    if (rest === null || head.length + rest.length > need - 1) return null;
    var zeros = [];
    for (var z = 0; z < need - head.length - rest.length; z++) zeros.push(0);
    return head.concat(zeros, rest, tail);
  }
  function toBytes(ip) {
    // 16 bytes (IPv4 mapped into ::ffff:0:0/96) or null
    if (v4(ip)) {
      var q = ip.split('.');
      return [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, +q[0], +q[1], +q[2], +q[3]];
    }
    var g6 = parse6(ip);
    if (g6 === null) return null;
    var b = [];
    for (var i = 0; i < 8; i++) b.push(g6[i] >> 8, g6[i] & 255);
    return b;
  }
  function requireString(args) {
    if (args.length < 1 || typeof args[0] !== 'string') throw new TypeError('Requires 1 string parameter');
  }
  function dnsAll(host) {
    var r = DNS(String(host));
    return typeof r === 'string' && r !== '' ? r.split(';') : [];
  }
  function now() { return new g.Date(); }

  g.alert = function (m) { ALERT(String(m)); };
  g.isPlainHostName = function (host) {
    requireString(arguments);
    return host.indexOf('.') < 0 && parse6(host) === null;
  };
  g.dnsDomainIs = function (host, domain) {
    host = String(host); domain = String(domain);
    return host.length >= domain.length && host.substring(host.length - domain.length) === domain;
  };
  g.localHostOrDomainIs = function (host, hostdom) {
    host = String(host); hostdom = String(hostdom);
    return host === hostdom || hostdom.lastIndexOf(host + '.', 0) === 0;
  };
  g.dnsDomainLevels = function (host) { return String(host).split('.').length - 1; };
  g.convert_addr = function (ipchars) {
    var b = String(ipchars).split('.');
    return (((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff)) >>> 0;
  };
  g.shExpMatch = function (str, pattern) {
    var re = String(pattern).replace(/\./g, '\\.').replace(/\*/g, '.*').replace(/\?/g, '.');
    return new RegExp('^' + re + '$').test(String(str));
  };
  g.dnsResolve = function (host) {
    if (typeof host !== 'string') return undefined; // as Chromium: a non-string never reaches the resolver
    var all = dnsAll(host);
    for (var i = 0; i < all.length; i++) if (v4(all[i])) return all[i];
    return null;
  };
  g.isResolvable = function (host) { return g.dnsResolve(host) != null; };
  g.myIpAddress = function () { return MYIP(false); };
  g.isInNet = function (ipaddr, pattern, maskstr) {
    if (!v4(String(pattern)) || !v4(String(maskstr))) return false;
    if (ipaddr === null || ipaddr === undefined) return false;
    var ip = String(ipaddr);
    if (!v4(ip)) {
      ip = g.dnsResolve(ip);
      if (ip === null) return false;
    }
    var m = g.convert_addr(maskstr);
    return ((g.convert_addr(ip) & m) >>> 0) === ((g.convert_addr(pattern) & m) >>> 0);
  };
  // Microsoft's IPv6 extensions (FindProxyForURLEx family)
  g.dnsResolveEx = function (host) { return typeof host === 'string' ? dnsAll(host).join(';') : undefined; };
  g.isResolvableEx = function (host) { return typeof host === 'string' && dnsAll(host).length > 0; };
  g.myIpAddressEx = function () { return MYIP(true); };
  g.getClientVersion = function () { return '1.0'; };
  g.isInNetEx = function (ip, prefix) {
    if (typeof ip !== 'string' || typeof prefix !== 'string') return null;
    var slash = prefix.indexOf('/');
    if (slash < 0) return false;
    var net = prefix.slice(0, slash);
    var bitsText = prefix.slice(slash + 1);
    if (!/^\d{1,3}$/.test(bitsText)) return false;
    var bits = +bitsText;
    var a = toBytes(ip), n = toBytes(net);
    if (a === null || n === null) return false;
    if (v4(net)) bits += 96;
    if (bits > 128 || (v4(net) && +bitsText > 32)) return false;
    for (var i = 0; i < 16 && bits > 0; i++, bits -= 8) {
      var mask = bits >= 8 ? 255 : (0xff << (8 - bits)) & 255;
      if ((a[i] & mask) !== (n[i] & mask)) return false;
    }
    return true;
  };
  g.sortIpAddressList = function (list) {
    if (typeof list !== 'string') return null;
    var items = list.split(';');
    var parsed = [];
    for (var i = 0; i < items.length; i++) {
      var s = items[i].replace(/^[ \t]+|[ \t]+$/g, '');
      if (s === '') continue;
      var b = toBytes(s);
      if (b === null) return false;
      parsed.push({ text: s, six: !v4(s), bytes: b, at: parsed.length });
    }
    if (parsed.length === 0) return false;
    parsed.sort(function (x, y) {
      if (x.six !== y.six) return x.six ? -1 : 1;
      for (var k = 0; k < 16; k++) if (x.bytes[k] !== y.bytes[k]) return x.bytes[k] - y.bytes[k];
      return x.at - y.at;
    });
    return parsed.map(function (p) { return p.text; }).join(';');
  };
  // Date and time helpers: local time unless the last argument is "GMT"
  function gmtArgs(args) {
    var a = Array.prototype.slice.call(args);
    var gmt = a.length > 0 && a[a.length - 1] === 'GMT';
    if (gmt) a.pop();
    return { a: a, gmt: gmt };
  }
  function asLocal(d, gmt) {
    if (!gmt) return d;
    d.setFullYear(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    d.setHours(d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
    return d;
  }
  function within(lo, x, hi) { return lo <= hi ? lo <= x && x <= hi : x <= hi || x >= lo; }
  g.weekdayRange = function () {
    var p = gmtArgs(arguments);
    if (p.a.length < 1) return false;
    var d = now();
    var day = p.gmt ? d.getUTCDay() : d.getDay();
    var w1 = WDAYS.hasOwnProperty(p.a[0]) ? WDAYS[p.a[0]] : -1;
    var w2 = p.a.length === 2 ? (WDAYS.hasOwnProperty(p.a[1]) ? WDAYS[p.a[1]] : -1) : w1;
    if (w1 < 0 || w2 < 0) return false;
    return within(w1, day, w2);
  };
  g.dateRange = function () {
    var p = gmtArgs(arguments), a = p.a, n = a.length;
    if (n < 1) return false;
    var d = now();
    function month(x) { return MONTHS.hasOwnProperty(x) ? MONTHS[x] : -1; }
    if (n === 1) {
      var v = parseInt(a[0], 10);
      if (isNaN(v)) return (p.gmt ? d.getUTCMonth() : d.getMonth()) === month(a[0]);
      if (v < 32) return (p.gmt ? d.getUTCDate() : d.getDate()) === v;
      return (p.gmt ? d.getUTCFullYear() : d.getFullYear()) === v;
    }
    var y = d.getFullYear();
    var from = new g.Date(y, 0, 1, 0, 0, 0), to = new g.Date(y, 11, 31, 23, 59, 59);
    var sameMonth = false;
    function apply(target, x, first) {
      var t = parseInt(x, 10);
      if (isNaN(t)) {
        // keep the day inside the month: Dec 31 moved to February must not spill into March
        var day = target.getDate();
        target.setDate(1);
        target.setMonth(month(x));
        var last = new g.Date(target.getFullYear(), target.getMonth() + 1, 0).getDate();
        target.setDate(Math.min(day, last));
      }
      else if (t < 32) {
        if (first) sameMonth = n <= 2;
        target.setDate(t);
      } else target.setFullYear(t);
    }
    for (var i = 0; i < n >> 1; i++) apply(from, a[i], true);
    for (var j = n >> 1; j < n; j++) apply(to, a[j], false);
    if (sameMonth) {
      from.setMonth(d.getMonth());
      to.setMonth(d.getMonth());
    }
    asLocal(d, p.gmt);
    return within(from, d, to);
  };
  g.timeRange = function () {
    var p = gmtArgs(arguments), a = p.a, n = a.length;
    if (n < 1) return false;
    var d = now();
    var hour = p.gmt ? d.getUTCHours() : d.getHours();
    if (n === 1) return hour == a[0];
    if (n === 2) return a[0] <= hour && hour <= a[1];
    var from = now(), to = now();
    if (n === 6) {
      from.setSeconds(a[2]);
      to.setSeconds(a[5]);
    } else if (n !== 4) throw new Error('timeRange: bad number of arguments');
    var mid = n >> 1;
    from.setHours(a[0]);
    from.setMinutes(a[1]);
    to.setHours(a[mid]);
    to.setMinutes(a[mid + 1]);
    if (mid === 2) to.setSeconds(59);
    asLocal(d, p.gmt);
    return within(from, d, to);
  };
})(globalThis);
`;

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findLink, parseAutodiscover } from '../../../../main/collect/autodiscover-parse';
import { autodiscoverJson, autodiscoverXml } from '../../../helpers/autodiscover-lab';

test('UCWA JSON (_links) as Lync 2013 / SfB Online return it', () => {
  const r = parseAutodiscover(autodiscoverJson('webdir.online.lync.com', 'contoso.com'));
  assert.ok(r.ok);
  assert.equal(r.format, 'json');
  assert.deepEqual(r.links.map((l) => l.token), ['self', 'user', 'xframe']);
  assert.match(findLink(r.links, 'User')?.href ?? '', /root\/oauth\/user\?originalDomain=contoso\.com$/);
});

test('XML AutodiscoverResponse with Link tokens, entities and AccessLocation', () => {
  const r = parseAutodiscover(autodiscoverXml('lyncext.contoso.com', 'contoso.com'));
  assert.ok(r.ok);
  assert.equal(r.format, 'xml');
  assert.equal(r.accessLocation, 'External');
  assert.equal(findLink(r.links, 'user')?.href, 'https://lyncext.contoso.com/Autodiscover/AutodiscoverService.svc/root/user?originalDomain=contoso.com');
  assert.match(findLink(r.links, 'Self')?.href ?? '', /&sipuri=/);
});

test('Root.Links JSON, Redirect and SipClient access elements', () => {
  const r = parseAutodiscover(JSON.stringify({ AccessLocation: 'Internal', Root: { Links: [{ token: 'Redirect', href: 'https://next.contoso.com/x' }] } }));
  assert.ok(r.ok);
  assert.equal(r.accessLocation, 'Internal');
  assert.equal(findLink(r.links, 'redirect')?.href, 'https://next.contoso.com/x');
  const x = parseAutodiscover('<AutodiscoverResponse><User><SipClientExternalAccess fqdn="sip.contoso.com" port="443"/></User></AutodiscoverResponse>');
  assert.ok(x.ok);
  assert.deepEqual(x.links, [{ token: 'SipClientExternalAccess', href: 'sip.contoso.com:443' }]);
});

test('bad answers: reasons, not throws', () => {
  for (const [body, re] of [
    ['', /empty/],
    ['<html><body>Service Unavailable</body></html>', /^HTML page/],
    ['{"_links": ', /does not parse/],
    ['[1,2]', /neither JSON nor XML|not an object/],
    ['{"hello": 1}', /neither _links nor Root\.Links/],
    ['\u0000\u0001binary', /neither JSON nor XML/],
  ] as const) {
    const r = parseAutodiscover(body);
    assert.equal(r.ok, false, body);
    if (!r.ok) assert.match(r.reason, re);
  }
});

test('link count is capped', () => {
  const links = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`r${i}`, { href: `https://h/${i}` }]));
  const r = parseAutodiscover(JSON.stringify({ _links: links }));
  assert.ok(r.ok && r.links.length === 50);
});

// Hand-written edges of the UCWA XML form and of HTML pages (mutation survivors of session 12's reader).
test('UCWA XML resource: blanks around rel=, no href on the resource gives no self link', () => {
  const spaced = parseAutodiscover('<?xml version="1.0"?><resource rel = "root" href="https://webdir.contoso.com/Autodiscover/AutodiscoverService.svc/root"><link rel="user" href="https://webdir.contoso.com/user"/></resource>');
  assert.ok(spaced.ok);
  assert.deepEqual(spaced.links.map((l) => l.token), ['self', 'user']);
  const noHref = parseAutodiscover('<resource rel="root"><link rel="user" href="https://webdir.contoso.com/user"/></resource>');
  assert.ok(noHref.ok);
  assert.deepEqual(noHref.links, [{ token: 'user', href: 'https://webdir.contoso.com/user' }]);
});

test('HTML pages: a title with attributes, a long title cut at 100 characters, the doctype only at the start, <html> only early', () => {
  const attrs = parseAutodiscover('<!DOCTYPE html><html><head><title lang="en">Access Denied</title></head></html>');
  assert.ok(!attrs.ok && attrs.reason.includes('(title "Access Denied")'), attrs.ok ? '' : attrs.reason);
  const long = parseAutodiscover(`<html><head><title>${'x'.repeat(150)}</title></head></html>`);
  assert.ok(!long.ok && long.reason.includes(`(title "${'x'.repeat(100)}")`), long.ok ? '' : long.reason);
  const twoBlanks = parseAutodiscover(`<!DOCTYPE  html>${' '.repeat(5000)}<body>gateway</body>`);
  assert.ok(!twoBlanks.ok && twoBlanks.reason.startsWith('HTML page'), twoBlanks.ok ? '' : twoBlanks.reason);
  // XML that only mentions a doctype or an <html> tag deep inside is not a web page
  const mention = parseAutodiscover('<?xml version="1.0"?><Fault><Text><![CDATA[<!doctype html>]]></Text></Fault>');
  assert.ok(!mention.ok && mention.reason === 'XML answer without an AutodiscoverResponse element', mention.ok ? '' : mention.reason);
  const late = parseAutodiscover(`<?xml version="1.0"?><Fault>${' '.repeat(5000)}<html></html></Fault>`);
  assert.ok(!late.ok && late.reason === 'XML answer without an AutodiscoverResponse element', late.ok ? '' : late.reason);
});

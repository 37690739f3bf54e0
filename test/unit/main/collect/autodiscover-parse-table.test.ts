// Edge forms of the autodiscover answer parser, expected values from the documented formats (Lync
// autodiscover JSON "_links"/"Root.Links", the XML AutodiscoverResponse, XML 1.0 entity rules).
// Bodies are hand-written (labelled); real answers are covered in autodiscover-parse.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findLink, parseAutodiscover } from '../../../../main/collect/autodiscover-parse';

const CASES: ReadonlyArray<readonly [string, string, ReturnType<typeof parseAutodiscover>]> = [
  ['empty', '  \n', { ok: false, reason: 'empty answer' }],
  ['BOM + JSON', '\uFEFF {"_links":{"self":{"href":"https://a/x"}}}', { ok: true, format: 'json', accessLocation: null, links: [{ token: 'self', href: 'https://a/x' }] }],
  ['HTML', '<html>login</html>', { ok: false, reason: 'HTML page, not an autodiscover answer: a web server or reverse proxy answered instead of the Lync web services' }],
  ['HTML with a title', '<!DOCTYPE html>\n<title> 404 - File or\n directory not found. </title>', { ok: false, reason: 'HTML page, not an autodiscover answer (title "404 - File or directory not found."): a web server or reverse proxy answered instead of the Lync web services' }],
  ['XML, not autodiscover', '<?xml version="1.0"?><Error/>', { ok: false, reason: 'XML answer without an AutodiscoverResponse element' }],
  ['text', 'Service   Unavailable\r\nplease retry later, thank you very much for waiting', { ok: false, reason: 'answer is neither JSON nor XML (starts "Service Unavailable please retry late")' }],
  ['JSON array', '[1]', { ok: false, reason: 'answer is neither JSON nor XML (starts "[1]")' }],
  ['JSON without links', '{"a":1}', { ok: false, reason: 'JSON answer has neither _links nor Root.Links' }],
  ['JSON null', '{"_links":null}', { ok: false, reason: 'JSON answer has neither _links nor Root.Links' }],
  ['_links arrays, odd items, keys in any case', '{"_LINKS":{"redirect":[{"HREF":"https://r1/"},{"href":5},"x",{"href":"https://r2/"}]},"accesslocation":"External"}', { ok: true, format: 'json', accessLocation: 'External', links: [{ token: 'redirect', href: 'https://r1/' }, { token: 'redirect', href: 'https://r2/' }] }],
  ['Root.Links with bad entries', '{"Root":{"Links":[{"token":"User","href":"https://u/"},{"token":"X"},7,{"token":1,"href":"h"}]},"AccessLocation":3}', { ok: true, format: 'json', accessLocation: null, links: [{ token: 'User', href: 'https://u/' }] }],
  ['Root.Links not an array', '{"Root":{"Links":{}}}', { ok: false, reason: 'JSON answer has neither _links nor Root.Links' }],
  ['XML links, entities, single quotes, SIP access with and without port', `<AutodiscoverResponse AccessLocation='Internal'><Root><Link token="User" href="https://h/a?x=1&amp;y=&#50;&#x33;&lt;" /><Link href="nolink"/><Link token='Self' href='https://s/'/></Root><User><SipClientExternalAccess fqdn="sip.contoso.com" port="443"/><SipServerInternalAccess fqdn="pool.contoso.com"/><SipClientInternalAccess port="5061"/></User></AutodiscoverResponse>`, { ok: true, format: 'xml', accessLocation: 'Internal', links: [{ token: 'User', href: 'https://h/a?x=1&y=23<' }, { token: 'Self', href: 'https://s/' }, { token: 'SipClientExternalAccess', href: 'sip.contoso.com:443' }, { token: 'SipServerInternalAccess', href: 'pool.contoso.com' }] }],
  ['XML entities: quot, apos, gt, unknown, out of range', '<AutodiscoverResponse><Link token="T" href="&quot;&apos;&gt;&bogus;&#x110000;"/></AutodiscoverResponse>', { ok: true, format: 'xml', accessLocation: null, links: [{ token: 'T', href: `"'>&bogus;&#x110000;` }] }],
];
for (const [label, body, want] of CASES) test(`parseAutodiscover: ${label}`, () => assert.deepEqual(parseAutodiscover(body), want));

test('JSON that does not parse names the parser error', () => {
  const r = parseAutodiscover('{"_links": ');
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.reason, /^JSON answer does not parse \(.+\)$/);
});

test('at most 50 links, in every form', () => {
  const hal = JSON.stringify({ _links: { a: Array.from({ length: 60 }, (_, i) => ({ href: `https://h${i}/` })) } });
  const root = JSON.stringify({ Root: { Links: Array.from({ length: 60 }, (_, i) => ({ token: `t${i}`, href: `https://h${i}/` })) } });
  const xml = `<AutodiscoverResponse>${'<Link token="t" href="h"/>'.repeat(45)}${'<SipClientExternalAccess fqdn="f"/>'.repeat(10)}</AutodiscoverResponse>`;
  for (const body of [hal, root, xml]) {
    const r = parseAutodiscover(body);
    assert.equal(r.ok && r.links.length, 50);
  }
});

test('findLink is case-insensitive and undefined when missing', () => {
  const links = [{ token: 'User', href: 'u' }, { token: 'self', href: 's' }];
  assert.equal(findLink(links, 'user')?.href, 'u');
  assert.equal(findLink(links, 'SELF')?.href, 's');
  assert.equal(findLink(links, 'redirect'), undefined);
});

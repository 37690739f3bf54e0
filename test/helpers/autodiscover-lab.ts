/** A lab Lync autodiscover service: root answers in the real UCWA JSON / XML formats, User link answers 401 MsRtcOAuth. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface AutodiscoverSite {
  /** Web services host the links name, e.g. "webext.contoso.com". */
  readonly webHost: string;
  readonly domain: string;
  /** Answer format of the root. */
  readonly format?: 'json' | 'xml';
  /** Status to answer the root with instead (e.g. 500). */
  readonly failWith?: number;
}

/** The root answer as Lync Server 2013 / SfB Online return it to an anonymous GET (JSON, _links). */
export function autodiscoverJson(webHost: string, domain: string): string {
  const base = `https://${webHost}/Autodiscover/AutodiscoverService.svc/root`;
  return JSON.stringify({
    _links: {
      self: { href: `${base}?originalDomain=${domain}` },
      user: { href: `${base}/oauth/user?originalDomain=${domain}` },
      xframe: { href: `https://${webHost}/Autodiscover/XFrame/XFrame.html` },
    },
  });
}

/** The XML AutodiscoverResponse ([MS-OCDISCWS] Root with Link tokens). */
export function autodiscoverXml(webHost: string, domain: string): string {
  const base = `https://${webHost}/Autodiscover/AutodiscoverService.svc/root`;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<AutodiscoverResponse xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" AccessLocation="External">',
    '<Root>',
    `<Link token="Domain" href="${base}/domain?originalDomain=${domain}" />`,
    `<Link token="User" href="${base}/user?originalDomain=${domain}" />`,
    `<Link token="Self" href="${base}?originalDomain=${domain}&amp;sipuri=alice@${domain}" />`,
    `<Link token="OAuth" href="${base}/oauth/user?originalDomain=${domain}" />`,
    `<Link token="External/XFrame" href="https://${webHost}/Autodiscover/XFrame/XFrame.html" />`,
    '</Root>',
    '</AutodiscoverResponse>',
  ].join('');
}

/** Request handler for the lab server. */
export function autodiscoverHandler(site: AutodiscoverSite) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/';
    const date = { Date: new Date().toUTCString() };
    if (/\/autodiscover\/autodiscoverservice\.svc\/root\/(oauth\/)?user/i.test(url)) {
      res.writeHead(401, {
        ...date,
        'WWW-Authenticate': `MsRtcOAuth href="https://${site.webHost}/WebTicket/oauthtoken",grant_type="urn:microsoft.rtc:windows,urn:microsoft.rtc:anonmeeting,password"`,
        'X-MS-WebTicketURL': `https://${site.webHost}/WebTicket/WebTicketService.svc`,
        'Content-Length': '0',
      });
      res.end();
      return;
    }
    if (site.failWith) {
      res.writeHead(site.failWith, { ...date, 'Content-Type': 'text/html' });
      res.end('<html><body>Service Unavailable</body></html>');
      return;
    }
    if (url.startsWith('/?sipuri=') || url.startsWith('/?')) {
      const xml = site.format === 'xml';
      const body = xml ? autodiscoverXml(site.webHost, site.domain) : autodiscoverJson(site.webHost, site.domain);
      res.writeHead(200, { ...date, 'Content-Type': xml ? 'application/vnd.microsoft.rtc.autodiscover+xml; v=1' : 'application/json', 'Cache-Control': 'no-cache' });
      res.end(body);
      return;
    }
    res.writeHead(404, date);
    res.end();
  };
}

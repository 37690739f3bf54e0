/**
 * Proxy credentials in the forms real PCs hold them (hand-written, labelled as such): with and without a
 * scheme, DOMAIN\user, URL-encoded, a raw "@" in the password, encoded separators. Each form's password
 * pieces are unique, so a test can grep for them anywhere.
 */
export interface PlantedProxy {
  readonly label: string;
  /** The value as an environment variable / WinINET / netsh would hold it. */
  readonly value: string;
  /** Pieces of the password: none may survive. */
  readonly needles: readonly string[];
}

/** Host and port every form points at (a parser should still find them). */
export const PLANTED_PROXY_HOST = 'proxy.contoso.com';
export const PLANTED_PROXY_PORT = 8080;

export const PLANTED_PROXIES: readonly PlantedProxy[] = [
  { label: 'DOMAIN\\user:pass@host:port (no scheme)', value: 'CONTOSO\\alice:DomPwAa1!@proxy.contoso.com:8080', needles: ['DomPwAa1'] },
  { label: 'user:pass@host:port (no scheme)', value: 'alice:BarePwBb2@proxy.contoso.com:8080', needles: ['BarePwBb2'] },
  { label: 'http://DOMAIN\\user:pass@host:port', value: 'http://CONTOSO\\alice:SchDomCc3@proxy.contoso.com:8080', needles: ['SchDomCc3'] },
  { label: 'URL-encoded password (%40)', value: 'http://alice:EncPw%40Dd4x@proxy.contoso.com:8080', needles: ['EncPw', 'Dd4x'] },
  { label: 'raw @ inside the password (scheme)', value: 'http://alice:RawAtEe5@Ff6tail@proxy.contoso.com:8080', needles: ['RawAtEe5', 'Ff6tail'] },
  { label: 'raw @ inside the password (no scheme)', value: 'alice:NoSchGg7@Hh8tail@proxy.contoso.com:8080', needles: ['NoSchGg7', 'Hh8tail'] },
  { label: 'encoded backslash DOMAIN%5Cuser:pass@host', value: 'CONTOSO%5Calice:PctDomIi9@proxy.contoso.com:8080', needles: ['PctDomIi9'] },
];

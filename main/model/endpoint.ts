/** Endpoints as text: host:port with an IPv6 literal in brackets (RFC 3986 §3.2.2, RFC 5952 §6), one writer for every layer. */

/** A host as it stands before ":port" or in a URL: an IPv6 literal in brackets; names, IPv4 and an already bracketed literal unchanged. */
export function bracketHost(host: string): string {
  // Stryker disable next-line MethodExpression: equivalent, a bracketed literal has both brackets, so endsWith(']') tells the same
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** An endpoint as host:port, an IPv6 address in brackets ([::1]:5061): readable back without ambiguity (is 5061 the port?). */
export function hostPort(host: string, port: string | number): string {
  return `${bracketHost(host)}:${port}`;
}

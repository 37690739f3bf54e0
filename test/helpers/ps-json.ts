/** Formats certificate exports the way Windows PowerShell 5.1's ConvertTo-Json prints them. */

export interface PsCert {
  readonly store: string;
  readonly thumbprint: string;
  readonly hasPrivateKey: boolean;
  readonly derBase64: string;
}

function obj(c: PsCert, indent: string): string {
  return [
    `${indent}{`,
    `${indent}    "Store":  "${c.store}",`,
    `${indent}    "Thumbprint":  "${c.thumbprint}",`,
    `${indent}    "HasPrivateKey":  ${c.hasPrivateKey ? 'true' : 'false'},`,
    `${indent}    "Der":  "${c.derBase64}"`,
    `${indent}}`,
  ].join('\r\n');
}

/** PS 5.1: nothing for no items, a bare object for one, an array for several; CRLF line ends. */
export function psConvertToJson(certs: readonly PsCert[]): string {
  if (certs.length === 0) return '';
  if (certs.length === 1) return `${obj(certs[0] as PsCert, '')}\r\n`;
  return `[\r\n${certs.map((c) => obj(c, '    ')).join(',\r\n')}\r\n]\r\n`;
}

/** A lab PKI for TLS tests: root → intermediate → leaf chains made with node-forge, plus broken variants. */
import forge from 'node-forge';
import { fixtureKeys, makeCert, type MadeCert } from './forge-certs';

const DAY = 86_400_000;

let nextKey = 0;

/** The next committed fixture key (02–12 in turn, per process): deterministic, distinct within a lab. */
export function labKeys(): forge.pki.rsa.KeyPair {
  const n = 2 + (nextKey++ % 11);
  return fixtureKeys(n);
}

export interface ServerCert {
  /** PEM chain as the server sends it, leaf first. */
  readonly certPems: readonly string[];
  readonly keyPem: string;
  readonly leaf: MadeCert;
}

export interface LabPki {
  readonly root: MadeCert;
  readonly intermediate: MadeCert;
  /** Leaf for `names` signed by the intermediate; chain = leaf + intermediate unless told otherwise. */
  leaf(names: readonly string[], opts?: { notBefore?: Date; notAfter?: Date; sendIntermediate?: boolean; cn?: string }): ServerCert;
  /** A self-signed certificate for `names`. */
  selfSigned(names: readonly string[]): ServerCert;
  /** A chain of `length` certificates (leaf + length-1 CAs, the last self-signed) for `names`. */
  longChain(names: readonly string[], length: number): ServerCert;
}

/** Makes a fresh lab CA (three distinct fixture keys per call). */
export function labPki(name = 'Lab'): LabPki {
  const rootKeys = labKeys();
  const interKeys = labKeys();
  const leafKeys = labKeys();
  const rootCN = `${name} Root CA`;
  const interCN = `${name} Issuing CA`;
  const root = makeCert({ subjectCN: rootCN, ca: true, keys: rootKeys, signingKey: rootKeys.privateKey, notBefore: new Date(Date.now() - 365 * DAY), notAfter: new Date(Date.now() + 3650 * DAY) });
  const intermediate = makeCert({ subjectCN: interCN, issuerCN: rootCN, ca: true, keys: interKeys, signingKey: rootKeys.privateKey, notBefore: new Date(Date.now() - 365 * DAY), notAfter: new Date(Date.now() + 1825 * DAY) });
  const keyPem = forge.pki.privateKeyToPem(leafKeys.privateKey);
  return {
    root,
    intermediate,
    leaf(names, opts = {}) {
      const leaf = makeCert({
        subjectCN: opts.cn ?? names[0] ?? 'lab',
        issuerCN: interCN,
        dnsNames: names,
        keys: leafKeys,
        signingKey: interKeys.privateKey,
        ekus: ['serverAuth'],
        ...(opts.notBefore ? { notBefore: opts.notBefore } : {}),
        ...(opts.notAfter ? { notAfter: opts.notAfter } : {}),
      });
      return { certPems: opts.sendIntermediate === false ? [leaf.pem] : [leaf.pem, intermediate.pem], keyPem, leaf };
    },
    selfSigned(names) {
      const leaf = makeCert({ subjectCN: names[0] ?? 'lab', dnsNames: names, keys: leafKeys, signingKey: leafKeys.privateKey, ekus: ['serverAuth'] });
      return { certPems: [leaf.pem], keyPem, leaf };
    },
    longChain(names, length) {
      const pems: string[] = [];
      let leaf: MadeCert | undefined;
      for (let i = 0; i < length; i++) {
        const last = i === length - 1;
        const cn = i === 0 ? (names[0] ?? 'lab') : `${name} Level ${i}`;
        const issuer = last ? cn : `${name} Level ${i + 1}`;
        const c = makeCert({ subjectCN: cn, issuerCN: issuer, ca: i > 0, ...(i === 0 ? { dnsNames: names } : {}), keys: leafKeys, signingKey: leafKeys.privateKey });
        if (i === 0) leaf = c;
        pems.push(c.pem);
      }
      return { certPems: pems, keyPem, leaf: leaf as MadeCert };
    },
  };
}

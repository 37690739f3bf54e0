/** RSA key pairs from a fixed seed (node-forge's prime search fed by our PRNG): the same key on every run. */
import forge from 'node-forge';
import { prng } from './prng';

const cache = new Map<string, forge.pki.rsa.KeyPair>();

/** A deterministic RSA key pair for `seed` (2048 bits unless told), generated once per process. */
export function seededKeys(seed: number, bits = 2048): forge.pki.rsa.KeyPair {
  const id = `${seed}:${bits}`;
  const hit = cache.get(id);
  if (hit) return hit;
  const next = prng(seed);
  const source = { getBytesSync: (n: number): string => String.fromCharCode(...Array.from({ length: n }, () => Math.floor(next() * 256))) };
  const keys = forge.pki.rsa.generateKeyPair({ bits, e: 0x10001, prng: source as unknown as forge.random.Random, algorithm: 'PRIMEINC', workers: -1 } as forge.pki.rsa.GenerateKeyPairOptions);
  cache.set(id, keys);
  return keys;
}

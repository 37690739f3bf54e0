/** Walks every string (values and keys) of a JSON value: the one place redaction passes see data. */

/** Deeper than this is not a Snapshot we made: refuse instead of recursing forever. */
export const MAX_WALK_DEPTH = 200;

export class WalkDepthError extends Error {}

/** The string's key in its parent object (undefined for array items and the root). */
export type StringMapper = (value: string, key: string | undefined) => string;

/** Returns a copy of `value` with every string value and object key passed through `fn`. */
export function mapStrings(value: unknown, fn: StringMapper, keyFn: (key: string) => string = (k) => fn(k, undefined)): unknown {
  const walk = (v: unknown, key: string | undefined, depth: number): unknown => {
    if (depth > MAX_WALK_DEPTH) throw new WalkDepthError(`data nested deeper than ${MAX_WALK_DEPTH} levels`);
    if (typeof v === 'string') return fn(v, key);
    if (Array.isArray(v)) return v.map((x) => walk(x, key, depth + 1));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (x === undefined) continue;
        let nk = keyFn(k);
        while (Object.prototype.hasOwnProperty.call(out, nk)) nk = `${nk}_`;
        Object.defineProperty(out, nk, { value: walk(x, k, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return v;
  };
  return walk(value, undefined, 0);
}

/** Calls `fn` on every string value and key (read-only visit, same order as mapStrings). */
export function visitStrings(value: unknown, fn: (value: string, key: string | undefined) => void): void {
  mapStrings(value, (s, k) => {
    fn(s, k);
    return s;
  });
}

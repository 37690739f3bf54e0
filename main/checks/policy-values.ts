/** Reading policy values out of the Snapshot (shared by certificate and policy checks). */
import { dwordValue, type RegistryValue } from '../model/policy';
import type { Snapshot } from '../model/snapshot';

export const USE_LYNC_CERT_STORE = 'UseLyncCertStore';

/** All UseLyncCertStore values found, or undefined when the policy collector has no usable data. */
export function useLyncCertStoreValues(s: Snapshot): readonly RegistryValue[] | undefined {
  const p = s.sections.policy;
  if (!p || (p.status !== 'ok' && p.status !== 'partial') || !p.data) return undefined;
  return p.data.values.filter((v) => v.name.toLowerCase() === USE_LYNC_CERT_STORE.toLowerCase());
}

/** True when any UseLyncCertStore value is a DWORD 1. */
export function lyncCertStoreEnabled(values: readonly RegistryValue[]): boolean {
  return values.some((v) => dwordValue(v.type, v.data) === 1);
}

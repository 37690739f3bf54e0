/** Lync client policy values read from the registry (Policies\Microsoft\Office\{15.0,16.0}\Lync). */

export type RegistryHive = 'HKLM' | 'HKCU';

/** One registry value as `reg query` printed it. */
export interface RegistryValue {
  readonly hive: RegistryHive;
  readonly keyPath: string;
  readonly name: string;
  readonly type: string;
  /** Raw data text as printed (e.g. "0x1"). */
  readonly data: string;
}

export interface PolicyKeyReading {
  readonly hive: RegistryHive;
  readonly version: '15.0' | '16.0';
  readonly keyPath: string;
  readonly outcome: 'ok' | 'absent' | 'access-denied' | 'error';
  readonly message: string;
}

export interface PolicySection {
  readonly keys: readonly PolicyKeyReading[];
  readonly values: readonly RegistryValue[];
}

/** Reads a REG_DWORD data text ("0x1") as a number; null if it is not one. */
export function dwordValue(type: string, data: string): number | null {
  if (type !== 'REG_DWORD') return null;
  const m = /^0x([0-9a-f]{1,8})$/i.exec(data.trim());
  return m ? parseInt(m[1] as string, 16) : null;
}

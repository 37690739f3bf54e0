/** The fix registry: every fix in one list (ids unique, tested). */
import { flushDnsCache } from './flush-dns';
import { GUIDED_FIXES } from './guided';
import { lyncCertStoreClearMachine, lyncCertStoreClearUser, lyncCertStoreMachine, lyncCertStoreUser } from './lync-cert-store';
import { resetSignInCache } from './sign-in-cache';
import { removeStaleTlsDsk } from './tls-dsk-cleanup';
import type { Fix } from './types';
import { winHttpImportIe } from './winhttp-proxy';

export const ALL_FIXES: readonly Fix[] = [
  removeStaleTlsDsk,
  lyncCertStoreUser,
  lyncCertStoreMachine,
  lyncCertStoreClearUser,
  lyncCertStoreClearMachine,
  resetSignInCache,
  flushDnsCache,
  winHttpImportIe,
  ...GUIDED_FIXES,
];

export function findFix(id: string, fixes: readonly Fix[] = ALL_FIXES): Fix | undefined {
  return fixes.find((f) => f.id === id);
}

/** Client policy checks: UseLyncCertStore must be a DWORD 0 or 1. */
import { dwordValue } from '../model/policy';
import { useLyncCertStoreValues } from './policy-values';
import type { Check } from './types';
import { ev } from './types';

export const useLyncCertStoreInvalid: Check = {
  id: 'LD-POL-001',
  title: 'UseLyncCertStore policy has an unexpected type or value',
  severity: 'warning',
  articleId: 'lync-cert-store-policy',
  research: ['SFB-KI-006'],
  sections: ['policy'],
  description: 'UseLyncCertStore must be REG_DWORD 0 or 1; anything else is ignored by the client.',
  evaluate(s) {
    const values = useLyncCertStoreValues(s);
    if (!values) return [];
    return values
      .filter((v) => {
        const n = dwordValue(v.type, v.data);
        // Stryker disable next-line ConditionalExpression: null is neither 0 nor 1, so the second test alone gives the same answer
        return n === null || (n !== 0 && n !== 1);
      })
      .map((v) => ({
        message: `${v.keyPath}\\${v.name} is ${v.type} "${v.data}"; expected REG_DWORD 0x1 (or 0x0). The client ignores other values, so TLS-DSK certificates keep going to the Personal store.`,
        evidence: [ev('registry value', `${v.keyPath}\\${v.name}`), ev('type', v.type), ev('data', v.data), ev('expected', 'REG_DWORD 0x1')],
      }));
  },
};

export const policyChecks = [useLyncCertStoreInvalid] as const;

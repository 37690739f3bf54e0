/** The check registry: every check, in one list (ids are unique, tested). */
import { certificateChecks } from './certificates';
import { dnsChecks } from './dns';
import { policyChecks } from './policy';
import type { Check } from './types';

export const ALL_CHECKS: readonly Check[] = [...dnsChecks, ...certificateChecks, ...policyChecks];

/** The check registry: every check, in one list (ids are unique, tested). */
import { certificateChecks } from './certificates';
import { dnsChecks } from './dns';
import { mobileChecks } from './mobile';
import { policyChecks } from './policy';
import { pushChecks } from './push';
import type { Check } from './types';

export const ALL_CHECKS: readonly Check[] = [...dnsChecks, ...certificateChecks, ...policyChecks, ...mobileChecks, ...pushChecks];

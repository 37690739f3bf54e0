/** The check registry: every check, in one list (ids are unique, tested). */
import { autodiscoverChecks } from './autodiscover';
import { certificateChecks } from './certificates';
import { clockChecks } from './clock';
import { dnsChecks } from './dns';
import { gapChecks } from './gaps';
import { mobileChecks } from './mobile';
import { policyChecks } from './policy';
import { proxyChecks } from './proxy';
import { pushChecks } from './push';
import { sipChecks } from './sip';
import { tlsChecks } from './tls';
import type { Check } from './types';

export const ALL_CHECKS: readonly Check[] = [...gapChecks, ...dnsChecks, ...certificateChecks, ...policyChecks, ...mobileChecks, ...pushChecks, ...sipChecks, ...proxyChecks, ...tlsChecks, ...autodiscoverChecks, ...clockChecks];

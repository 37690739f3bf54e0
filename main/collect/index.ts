/** The collector registry: one entry per area. */
import { certificatesCollector } from './certificates';
import { dnsCollector } from './dns';
import { policyCollector } from './policy';
import type { Collector } from './types';

export const ALL_COLLECTORS: readonly Collector[] = [dnsCollector, certificatesCollector, policyCollector];

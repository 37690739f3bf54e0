/** The collector registry: one entry per area. */
import { autodiscoverCollector } from './autodiscover';
import { certificatesCollector } from './certificates';
import { clockCollector } from './clock';
import { dnsCollector } from './dns';
import { logsCollector } from './logs';
import { policyCollector } from './policy';
import { proxyCollector } from './proxy';
import { proxyAuthCollector } from './proxy-auth';
import { sipCollector } from './sip';
import { tlsCollector } from './tls';
import type { Collector } from './types';

export const ALL_COLLECTORS: readonly Collector[] = [dnsCollector, certificatesCollector, policyCollector, sipCollector, logsCollector, proxyCollector, autodiscoverCollector, tlsCollector, proxyAuthCollector, clockCollector];

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

/** The collectors asked for plus, transitively, those they wait for (`after`), in registry order. */
export function collectorsFor(all: readonly Collector[], ids: readonly string[]): readonly Collector[] {
  const wanted = new Set<string>();
  const add = (id: string): void => {
    if (wanted.has(id)) return;
    wanted.add(id);
    for (const dep of all.find((c) => c.id === id)?.after ?? []) add(dep);
  };
  ids.forEach(add);
  return all.filter((c) => wanted.has(c.id));
}

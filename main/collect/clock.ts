/** Clock collector: compares the local time with the Date headers the other network collectors recorded (no traffic of its own). */
import type { ClockObservation, ClockSection } from '../model/clock';
import type { Sections } from '../model/snapshot';
import type { Collector } from './types';
import { parseHttpDate } from '../model/http-date';

const RESOLUTION_MS = 1000;

function observation(source: string, server: string, serverDate: string | undefined, localDate: string | undefined): ClockObservation | null {
  if (!serverDate || !localDate) return null;
  const l = Date.parse(localDate); // our own ISO time (toISOString)
  if (!Number.isFinite(l)) return null;
  const s = parseHttpDate(serverDate, new Date(l)); // the header by its grammar: Date.parse reads some forms in local time
  if (s === null) return null;
  return { source, server, serverDate, localDate, skewMs: l - s };
}

/** Every Date header the autodiscover, proxy and proxy-auth sections kept, paired with the local time. */
export function clockObservations(sections: Sections): ClockObservation[] {
  const out: (ClockObservation | null)[] = [];
  for (const a of sections.autodiscover?.data?.attempts ?? []) out.push(observation('autodiscover', a.url, a.serverDate, a.localDate));
  for (const p of sections.proxyAuth?.data?.probes ?? []) out.push(observation('proxyAuth', `proxy ${p.proxy}`, p.serverDate, p.localDate));
  const pac = sections.proxy?.data?.pac;
  if (pac) out.push(observation('proxy', `PAC ${pac.source}`, pac.serverDate, pac.localDate));
  return out.filter((o): o is ClockObservation => o !== null);
}

/** Median of the skews (null for none). */
export function medianSkew(obs: readonly ClockObservation[]): number | null {
  if (obs.length === 0) return null;
  const s = obs.map((o) => o.skewMs).sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : Math.round(((s[mid - 1] as number) + (s[mid] as number)) / 2);
}

export const clockCollector: Collector<'clock'> = {
  id: 'clock',
  title: 'Local clock vs server Date headers',
  platforms: 'all',
  after: ['autodiscover', 'proxyAuth', 'proxy'],
  async collect(ctx) {
    const observations = clockObservations(ctx.sections);
    const data: ClockSection = { observations, skewMs: medianSkew(observations), resolutionMs: RESOLUTION_MS };
    if (data.skewMs === null) return { status: 'not-applicable', message: 'no server answered with a Date header, so the clock could not be compared', data };
    const secs = Math.round(data.skewMs / 1000);
    const within = Math.abs(data.skewMs) < 2 * RESOLUTION_MS;
    return { status: 'ok', message: `local clock ${within ? 'matches (within the 1 s resolution of Date headers)' : secs > 0 ? `is ${secs} s ahead of` : `is ${-secs} s behind`} ${observations.length} server(s)`, data };
  },
};

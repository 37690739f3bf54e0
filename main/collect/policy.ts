/** Lync client policies from HKLM/HKCU\SOFTWARE\Policies\Microsoft\Office\{15.0,16.0}\Lync via reg query. */
import type { PolicyKeyReading, PolicySection, RegistryHive, RegistryValue } from '../model/policy';
import type { Collector } from './types';
import { remainingMs } from './types';
import { classifyRegError, parseRegQuery } from './windows/parse-reg-query';

const VERSIONS = ['15.0', '16.0'] as const;
const HIVES: readonly RegistryHive[] = ['HKLM', 'HKCU'];

/** The registry key a policy version lives under. */
export function policyKey(hive: RegistryHive, version: string): string {
  return `${hive}\\SOFTWARE\\Policies\\Microsoft\\Office\\${version}\\Lync`;
}

export const policyCollector: Collector<'policy'> = {
  id: 'policy',
  title: 'Lync client policies (registry)',
  platforms: ['win32'],
  async collect(ctx) {
    ctx.progress('reading Lync policy keys');
    const jobs = HIVES.flatMap((hive) => VERSIONS.map((version) => ({ hive, version, keyPath: policyKey(hive, version) })));
    const results = await Promise.all(
      jobs.map(async (j) => {
        const res = await ctx.run('reg.exe', ['query', j.keyPath], { timeoutMs: remainingMs(ctx), maxBytes: 1024 * 1024, signal: ctx.signal });
        ctx.raw(`reg-query-${j.hive}-${j.version}.txt`, res.stdout + (res.stderr ? `\n[stderr]\n${res.stderr}` : ''));
        let reading: PolicyKeyReading;
        let values: RegistryValue[] = [];
        if (res.spawnError) reading = { ...j, outcome: 'error', message: `reg.exe could not be started: ${res.spawnError}` };
        else if (res.timedOut) reading = { ...j, outcome: 'error', message: 'reg query did not finish before the deadline' };
        else if (res.code !== 0) {
          const outcome = classifyRegError(res.stderr + res.stdout);
          reading = { ...j, outcome, message: outcome === 'absent' ? 'key not present (no policy set)' : (res.stderr.trim() || `reg query exited ${String(res.code)}`) };
        } else {
          values = parseRegQuery(res.stdout).map((v) => ({ hive: j.hive, keyPath: v.keyPath || j.keyPath, name: v.name, type: v.type, data: v.data }));
          reading = { ...j, outcome: 'ok', message: `${values.length} value(s)` };
        }
        return { reading, values };
      }),
    );
    const data: PolicySection = { keys: results.map((r) => r.reading), values: results.flatMap((r) => r.values) };
    const failed = data.keys.filter((k) => k.outcome === 'error' || k.outcome === 'access-denied');
    if (failed.length === data.keys.length) return { status: 'error', message: `no policy key could be read: ${failed[0]?.message ?? ''}`, data };
    const present = data.keys.filter((k) => k.outcome === 'ok').length;
    if (failed.length) return { status: 'partial', message: `${present} policy key(s) present, ${data.values.length} value(s); could not read ${failed.map((k) => `${k.keyPath} (${k.message})`).join(', ')}`, data };
    return { status: 'ok', message: `${present} policy key(s) present, ${data.values.length} value(s)`, data };
  },
};

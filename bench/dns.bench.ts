/** Full diagnosis (foundation collectors) against the loopback DNS lab: 50 ms latency and a black hole. */
import { diagnose } from '../main/diagnose';
import { articleLookup } from '../main/kb/lookup';
import { healthyZone, startDnsLab } from '../test/helpers/dns-server';
import { fakeWindowsRunner } from '../test/helpers/windows-pc';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function timeDiagnosis(dnsServer: string, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  await diagnose({
    input: { sipAddress: 'alice@contoso.com', sipDomain: 'contoso.com', dnsServer, timeoutMs },
    articles: articleLookup(),
    platform: 'win32',
    run: fakeWindowsRunner({ my: [] }),
  });
  return performance.now() - t0;
}

export async function run(): Promise<void> {
  articleLookup();
  const slow = await startDnsLab({ records: healthyZone('contoso.com'), latencyMs: 50 });
  const t: number[] = [];
  for (let i = 0; i < 5; i++) t.push(await timeDiagnosis(slow.address, 3000));
  await slow.close();
  console.log(`  full diagnosis, DNS lab with 50 ms latency: median ${median(t).toFixed(0)} ms over 5 runs (goal ≤ 1500 ms)`);
  const hole = await startDnsLab({ records: [], mode: 'blackhole' });
  const deadline = 1000;
  const b: number[] = [];
  for (let i = 0; i < 3; i++) b.push(await timeDiagnosis(hole.address, deadline));
  await hole.close();
  console.log(`  full diagnosis, black-holed DNS server, deadline ${deadline} ms: median ${median(b).toFixed(0)} ms, max ${Math.max(...b).toFixed(0)} ms (goal ≤ ${deadline + 300} ms)`);
}

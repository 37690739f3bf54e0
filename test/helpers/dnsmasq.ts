/**
 * Debian's dnsmasq as a real DNS server for tests: started on 127.0.0.1 with a free unprivileged port and a
 * generated configuration holding only local records and loopback upstreams, stopped (SIGTERM, then SIGKILL)
 * when the test is done. Tests skip with dnsmasqSkipReason() when the binary is missing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as packet from 'dns-packet';

/** Where dnsmasq is looked for (package dnsmasq-base); DNSMASQ_PATH overrides it. */
export const DNSMASQ_PATH = process.env.DNSMASQ_PATH ?? '/usr/sbin/dnsmasq';

/** Null when dnsmasq can run here, else why the tests that need it are skipped. */
export function dnsmasqSkipReason(): string | null {
  return existsSync(DNSMASQ_PATH) ? null : `dnsmasq not found at ${DNSMASQ_PATH} (install it: apt-get install -y dnsmasq-base, or set DNSMASQ_PATH)`;
}

export interface Dnsmasq {
  /** host:port to pass as --dns-server. */
  readonly address: string;
  readonly port: number;
  /** dnsmasq's own log so far (--log-queries): what it was asked and what it answered. */
  log(): string;
  /** Stops dnsmasq and waits for it to exit; its port is then closed. Safe to call twice. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
// A test process that dies without its after() hooks still takes its dnsmasq instances with it.
process.on('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

/** Only loopback may appear as an upstream: a `server=`/`local=` line naming any other address is refused. */
function assertLoopbackOnly(lines: readonly string[]): void {
  for (const l of lines) {
    const m = /^(?:server|local|rev-server)=(?:\/[^/]*\/)*(.*)$/.exec(l);
    if (!m || m[1] === '' || m[1] === undefined) continue;
    const host = m[1].replace(/#\d+$/, '');
    if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) && host !== '::1') throw new Error(`dnsmasq config: upstream ${m[1]} is not loopback (${l})`);
  }
}

/** A port free on 127.0.0.1 for both UDP and TCP at the time of asking. */
async function freePort(): Promise<number> {
  for (;;) {
    const udp = createSocket('udp4');
    await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r));
    const port = udp.address().port;
    const tcp = createServer();
    const ok = await new Promise<boolean>((r) => {
      tcp.once('error', () => r(false));
      tcp.listen(port, '127.0.0.1', () => r(true));
    });
    await new Promise<void>((r) => (ok ? tcp.close(() => r()) : r()));
    await new Promise<void>((r) => udp.close(() => r()));
    if (ok) return port;
  }
}

/** True once something answers a DNS question on 127.0.0.1:port (any rcode). */
async function answers(port: number): Promise<boolean> {
  const s = createSocket('udp4');
  try {
    return await new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(false), 200);
      s.once('message', () => {
        clearTimeout(t);
        resolve(true);
      });
      s.send(packet.encode({ id: 1, type: 'query', flags: packet.RECURSION_DESIRED, questions: [{ name: 'ready.invalid', type: 'A' }] }), port, '127.0.0.1');
    });
  } finally {
    s.close();
  }
}

/**
 * Starts dnsmasq with `lines` (configuration-file lines such as `srv-host=…`, `local=/contoso.com/`) after the
 * fixed ones that keep it on loopback and away from the PC's own resolver and hosts file.
 */
export async function startDnsmasq(lines: readonly string[]): Promise<Dnsmasq> {
  assertLoopbackOnly(lines);
  const dir = mkdtempSync(join(tmpdir(), 'ld-dnsmasq-'));
  const logFile = join(dir, 'dnsmasq.log');
  const conf = join(dir, 'dnsmasq.conf');
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    writeFileSync(conf, [`port=${port}`, 'listen-address=127.0.0.1', 'bind-interfaces', 'no-resolv', 'no-hosts', 'no-poll', 'pid-file=', 'log-queries', `log-facility=${logFile}`, ...lines, ''].join('\n'));
    const child = spawn(DNSMASQ_PATH, ['--keep-in-foreground', `--conf-file=${conf}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    running.add(child);
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    let gone = false;
    void exited.then(() => {
      gone = true;
      running.delete(child);
    });
    const stop = async (): Promise<void> => {
      if (!gone) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 2000);
        await exited;
        clearTimeout(t);
      }
    };
    const until = Date.now() + 5000;
    while (!gone && Date.now() < until && !(await answers(port)));
    if (!gone && Date.now() < until) {
      return {
        address: `127.0.0.1:${port}`,
        port,
        log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
        stop: async () => {
          await stop();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    await stop();
    // Another process took the port between the probe and dnsmasq's bind: try another one.
    if (attempt < 3 && /in use/i.test(stderr)) continue;
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`dnsmasq did not start on 127.0.0.1:${port}: ${stderr.trim() || 'no answer within 5 s'}`);
  }
}

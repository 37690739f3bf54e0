import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { parseArgs, UsageError } from '../../../../main/cli/args';
import { DIAGNOSE_FLAGS, inputFromFlags } from '../../../../main/cli/diagnose';

const dir = mkdtempSync(join(tmpdir(), 'ld-flags-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const parse = (...a: string[]) => inputFromFlags(parseArgs(['--sip-address', 'alice@contoso.com', ...a], DIAGNOSE_FLAGS));

test('no network flags: the input keeps its original shape', () => {
  const i = parse();
  assert.equal('proxy' in i, false);
  assert.equal('connectTo' in i, false);
});

test('--proxy: normalised http URL; https, credentials and junk refused', () => {
  assert.equal(parse('--proxy', 'Proxy.Contoso.com:8080').proxy, 'http://proxy.contoso.com:8080');
  assert.equal(parse('--proxy', 'http://[::1]:3128').proxy, 'http://[::1]:3128');
  assert.throws(() => parse('--proxy', 'https://p:443'), (e: unknown) => e instanceof UsageError && e.message === '--proxy: only http:// proxies are supported (e.g. --proxy http://proxy.contoso.com:8080)');
  assert.throws(() => parse('--proxy', 'HTTPS://p:443'), /only http:\/\/ proxies/);
  assert.throws(() => parse('--proxy', 'http://u:p@p:8080'), /credentials/);
  assert.throws(() => parse('--proxy', 'not a proxy'), (e: unknown) => e instanceof UsageError && e.message.startsWith('--proxy: "not a proxy" is not an HTTP proxy address'));
});

test('--proxy-pac: URLs kept, files made absolute, missing files refused', () => {
  assert.equal(parse('--proxy-pac', 'http://wpad/proxy.pac').proxyPac, 'http://wpad/proxy.pac');
  const f = join(dir, 'p.pac');
  writeFileSync(f, 'function FindProxyForURL(){return "DIRECT";}');
  assert.equal(parse('--proxy-pac', f).proxyPac, f);
  assert.throws(() => parse('--proxy-pac', join(dir, 'missing.pac')), /neither/);
  // a relative file whose name merely contains "file:" is a file, made absolute (only a leading scheme is a URL)
  const odd = join(dir, 'pac-file:1.pac');
  writeFileSync(odd, 'function FindProxyForURL(){return "DIRECT";}');
  assert.equal(parse('--proxy-pac', relative(process.cwd(), odd)).proxyPac, odd);
  assert.equal(parse('--proxy-pac', 'FILE:///etc/p.pac').proxyPac, 'FILE:///etc/p.pac');
});

test('--connect-to repeats; bad forms refused', () => {
  assert.deepEqual(parse('--connect-to', 'lyncdiscover.contoso.com:443:127.0.0.1:8443', '--connect-to', 'sip.contoso.com:5061:[::1]:5061').connectTo, ['lyncdiscover.contoso.com:443:127.0.0.1:8443', 'sip.contoso.com:5061:[::1]:5061']);
  assert.throws(() => parse('--connect-to', 'lyncdiscover.contoso.com=127.0.0.1:8443'), /HOST:PORT:ADDRESS:PORT/);
  assert.throws(() => parse('--connect-to', 'a:0:b:1'), /1-65535/);
});

test('--ca-file must exist', () => {
  const f = join(dir, 'ca.pem');
  writeFileSync(f, '');
  assert.equal(parse('--ca-file', f).caFile, f);
  assert.throws(() => parse('--ca-file', join(dir, 'none.pem')), /does not exist/);
});

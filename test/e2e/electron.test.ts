/**
 * E2E through Playwright's Electron launcher on the built app (dist/electron, dist/renderer), where an
 * Electron binary exists (ELECTRON_PATH or an installed electron package with its binary). Same steps as
 * ui.test.ts minus what needs a native dialog (bundle save). Otherwise each test is skipped with the
 * reason, so the summary counts them as skipped.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../main/built';
import { ensureBuilt } from '../helpers/cli';
import { API_VERBS } from '../../main/model/api';
import { healthyZone, startDnsLab, type DnsLab } from '../helpers/dns-server';
import { electronBinary } from './browser';

const SHOTS = join(__dirname, 'screenshots');
const bin = electronBinary();
const skip = 'skip' in bin ? bin.skip : null;
if (skip) console.log(`# e2e (Electron) skipped: ${skip}`);

const opts = { skip: skip ?? false, timeout: 180_000 };

describe('desktop UI end to end in Electron', () => {
  let lab: DnsLab;
  let work: string;
  let launches = 0;

  before(async () => {
    if (skip) return;
    work = mkdtempSync(join(tmpdir(), 'ld-e2e-electron-'));
    mkdirSync(SHOTS, { recursive: true });
    ensureBuilt();
    lab = await startDnsLab({ records: healthyZone('contoso.com').filter((r) => !r.name.startsWith('lyncdiscover.')) });
  });

  after(async () => {
    await lab?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** Each test starts its own app (own data folder), so no test depends on another or on their order. */
  async function launch(t: { after(fn: () => Promise<void>): void }): Promise<{ app: ElectronApplication; page: Page }> {
    const app = await _electron.launch({
      executablePath: 'path' in bin ? bin.path : '',
      args: [PROJECT_ROOT],
      env: { ...process.env, LYNC_DOCTOR_DATA_DIR: join(work, `data-${++launches}`), ELECTRON_DISABLE_SECURITY_WARNINGS: 'false' },
      timeout: 60_000,
    });
    t.after(async () => {
      await app.close();
    });
    return { app, page: await app.firstWindow() };
  }

  test('the window is hardened: only the typed verbs are exposed, no Node in the page', opts, async (t) => {
    const { app, page } = await launch(t);
    const surface = await page.evaluate(() => ({
      verbs: Object.keys((window as unknown as { lyncDoctor?: object }).lyncDoctor ?? {}).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      url: location.href,
    }));
    assert.deepEqual(surface.verbs, [...API_VERBS].sort());
    assert.equal(surface.require, 'undefined');
    assert.equal(surface.process, 'undefined');
    assert.match(surface.url, /^app:\/\/lyncdoctor\//);
    // Navigation away and new windows are blocked.
    await page.evaluate(() => window.open('https://example.com'));
    assert.equal(app.windows().length, 1);
  });

  test('demo, diagnosis against the DNS lab, guided fix, questionnaire and knowledge search', opts, async (t) => {
    const { page } = await launch(t);
    await page.getByRole('button', { name: 'Open the demo' }).first().click();
    await page.locator('.banner-demo').waitFor();
    await page.screenshot({ path: join(SHOTS, 'electron-01-demo.png'), fullPage: true });

    await page.getByRole('button', { name: 'Diagnose' }).click();
    await page.locator('#sip').fill('alice@contoso.com');
    await page.locator('details.advanced summary').click();
    await page.locator('#dns-server').fill(lab.address);
    await page.locator('#timeout').fill('1500');
    await page.getByRole('button', { name: 'Run diagnosis' }).click();
    await page.getByText('Diagnosis finished').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'See the findings' }).click();
    await page.locator('.cause-list .cause-item[data-check="LD-DNS-002"]').click();
    const c = page.locator('.finding-detail article.finding').filter({ has: page.locator('header code.check-id', { hasText: 'LD-DNS-002' }) });
    await c.waitFor();
    await c.getByRole('button', { name: 'Guided fix' }).click();
    await c.locator('.steps input[type="checkbox"]').first().check();
    await page.screenshot({ path: join(SHOTS, 'electron-02-findings.png'), fullPage: true });

    await page.getByRole('button', { name: 'Questionnaire' }).click();
    await page.locator('#q-platform').selectOption('ios');
    await page.locator('#q-os').fill('9.3');
    await page.locator('#q-app').fill('Lync 2013 for iPhone');
    await page.locator('#q-language').fill('English');
    await page.locator('#q-region').fill('Sweden');
    await page.getByRole('button', { name: 'Check with these answers' }).click();
    await page.getByRole('status').filter({ hasText: 'LD-MOB-001' }).waitFor();

    await page.getByRole('button', { name: 'Knowledge' }).click();
    await page.locator('#kb-query').fill('lyncdiscover');
    await page.locator('.hits mark').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'electron-03-knowledge.png'), fullPage: true });
  });
});

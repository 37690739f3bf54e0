/** Guided fixes show this case's names (from the finding and the Snapshot), not the article's examples. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { analyze } from '../../../../main/diagnose';
import { previewFix } from '../../../../main/fix/engine';
import { serverPushFederation } from '../../../../main/fix/guided';
import { articleLookup } from '../../../../main/kb/lookup';
import { baseSnapshot, dnsSection, srv } from '../../../helpers/snapshot';
import { fakePc } from './fake-pc';
import { makeDeps, tempDir } from './setup';

const t = tempDir();
after(t.cleanup);

test('push federation guide: Test-CsMcxPushNotification names the Access Edge from the federation SRV record', async () => {
  const snapshot = baseSnapshot(
    { dns: dnsSection({ domain: 'tailspintoys.com', srv: [srv('sipfederationtls', '_sipfederationtls._tcp.tailspintoys.com', [['sipedge.tailspintoys.com', 5061]])] }) },
    {
      input: { sipAddress: 'kim@tailspintoys.com', sipDomain: 'tailspintoys.com', dnsServer: null, timeoutMs: 3000 },
      answers: { server: { pushNotificationsConfigured: 'yes', pushLyncComFederated: 'no' } },
    },
  );
  const view = { snapshot, findings: analyze(snapshot, { articles: articleLookup() }).findings };
  const p = await previewFix(serverPushFederation, view, makeDeps(t.dir, fakePc().run));
  const all = p.commands.map((c) => c.display).join('\n');
  assert.match(all, /Test-CsMcxPushNotification -AccessEdgeFqdn sipedge\.tailspintoys\.com/);
  assert.doesNotMatch(all, /accessedge\.contoso\.com/);
});

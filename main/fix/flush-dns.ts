/** Fix: flush the Windows DNS client cache (`ipconfig /flushdns`) after DNS records were corrected. Nothing to back up. */
import { dnsChecks } from '../checks/dns';
import { obj } from '../model/schema';
import { tool } from './commands';
import { defineFix } from './types';

export type FlushDnsData = Record<string, never>;

export const flushDnsCache = defineFix<FlushDnsData, FlushDnsData>({
  kind: 'automated',
  id: 'flush-dns-cache',
  title: 'Flush the Windows DNS client cache',
  description: 'Runs ipconfig /flushdns so the PC asks the DNS servers again instead of using cached (possibly negative) answers.',
  articleId: 'dns-no-lync-server-found',
  // Verify re-runs the DNS checks (are the records right now?), but no DNS finding is a reason to offer it:
  // the records live on the DNS servers and our checks ask those servers directly, so a flush changes none of them.
  resolves: dnsChecks.map((c) => c.id),
  relevantTo: [],
  onRequest: true,
  needsAdmin: false,
  collectors: ['dns'],
  dataSchema: obj<FlushDnsData>({}),
  backupSchema: obj<FlushDnsData>({}),

  async plan() {
    return {
      applicable: true,
      plan: {
        summary: 'Empty the Windows DNS client cache so Lync resolves the discovery records afresh.',
        changes: ['The DNS client cache (cached answers, including "name does not exist") is emptied; Windows asks the DNS servers again at the next lookup.'],
        steps: [{ id: 'flushdns', label: 'flush the DNS client cache', command: tool('ipconfig.exe', ['/flushdns']) }],
        backup: 'Nothing to back up: the cache only holds copies of DNS answers.',
        undo: 'Not applicable: there is nothing to restore — Windows refills the cache from the DNS servers by itself.',
        notes: [
          'This helps only after the DNS records were corrected (or after joining the VPN / changing networks); it does not fix wrong records.',
          'Lync Doctor\'s own DNS check asks the DNS server directly, not through the Windows cache, so the re-check shows whether the records themselves are right now.',
        ],
        data: {},
      },
    };
  },

  async backup() {
    return { data: {}, files: [] };
  },

  undo() {
    return { available: false, reason: 'not applicable — flushing the DNS cache changes nothing that can or needs to be restored; Windows refills it from the DNS servers.' };
  },
});

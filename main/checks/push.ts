/** Push-notification checks from server facts the technician answers (IM URL filter, push.lync.com). */
import type { Check } from './types';
import { ev } from './types';

export const imUrlFilterBreaksPush: Check = {
  id: 'LD-PUSH-001',
  title: 'IM URL filter rewrites hyperlinks: mobile push notifications are rejected',
  severity: 'error',
  articleId: 'im-url-filter-breaks-push',
  research: ['SFB-KI-002'],
  sections: ['answers'],
  description: 'With push notifications in use, the IM URL filter must not prefix warnings to, convert or block hyperlinks (KB2664650).',
  evaluate(s) {
    const sv = s.answers.server;
    if (!sv || sv.imUrlFilterEnabled !== 'yes' || sv.pushNotificationsConfigured === 'no') return [];
    const action = sv.imUrlFilterAction ?? 'unknown';
    if (action === 'allow') return [];
    const evidence = [ev('IM URL filter', 'enabled'), ev('hyperlink action', action), ev('push notifications configured', sv.pushNotificationsConfigured ?? 'unknown')];
    if (action === 'warn' || action === 'convert-to-text') {
      return [{ message: `The IM URL filter is enabled with action "${action}": it alters the hyperlinks in the SIP message that carries the push notification, and the Push Notification service rejects it (KB2664650).`, evidence }];
    }
    return [
      {
        severity: 'warning',
        message: `The IM URL filter is enabled with action "${action}". KB2664650 documents the warning-prefix and convert-to-text actions breaking push; ${action === 'block' ? 'blocking hyperlinks is expected to stop the push message too (not verified by the sources)' : 'find out which action is set'}.`,
        evidence,
      },
    ];
  },
};

export const pushNotFederated: Check = {
  id: 'LD-PUSH-002',
  title: 'Push notifications configured but push.lync.com is not federated',
  severity: 'error',
  articleId: 'push-lync-com-not-federated',
  research: ['SFB-KI-003'],
  sections: ['answers'],
  description: 'Mobile push needs push.lync.com as an allowed federated domain / hosting provider.',
  evaluate(s) {
    const sv = s.answers.server;
    if (!sv || sv.pushNotificationsConfigured !== 'yes' || sv.pushLyncComFederated !== 'no') return [];
    return [{ message: 'Push notifications are configured, but push.lync.com is not federated, so notifications never leave the organisation.', evidence: [ev('push notifications configured', 'yes'), ev('push.lync.com federated', 'no')] }];
  },
};

export const pushChecks: readonly Check[] = [imUrlFilterBreaksPush, pushNotFederated];

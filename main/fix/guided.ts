/**
 * Guided fixes: server-side settings Lync Doctor never changes. Each shows the article's own fix steps
 * (the single source of their text and commands), filled with this case's values by checks/case-steps.ts, to hand to the
 * administrator who owns the setting.
 */
import type { FixStep } from '../model/article';
import type { GuidedFix } from './types';

const SERVER_ADMIN = 'Lync / Skype for Business Server administrator (Lync Server Management Shell)';

const withCommand = (pattern: RegExp) => (steps: readonly FixStep[]): FixStep[] => steps.filter((s) => s.command !== undefined && pattern.test(s.command));

export const serverPushFederation: GuidedFix = {
  kind: 'guided',
  id: 'server-push-federation',
  title: 'Server: federate push.lync.com and enable push notifications (admin)',
  description: 'New-CsHostingProvider (sipfed.online.lync.com), New-CsAllowedDomain push.lync.com, Set-CsPushNotificationConfiguration, then Test-CsMcxPushNotification.',
  articleId: 'push-lync-com-not-federated',
  resolves: ['LD-PUSH-002'],
  audience: SERVER_ADMIN,
  steps: (a) => a.fix,
};

export const serverImUrlFilter: GuidedFix = {
  kind: 'guided',
  id: 'server-im-url-filter',
  title: 'Server: stop the IM URL filter rewriting push notifications (admin)',
  description: 'Get-CsImFilterConfiguration / Set-CsImFilterConfiguration so hyperlinks in push traffic are not rewritten (KB2664650), then Test-CsMcxPushNotification.',
  articleId: 'im-url-filter-breaks-push',
  resolves: ['LD-PUSH-001'],
  audience: SERVER_ADMIN,
  steps: (a) => a.fix,
};

export const serverTlsDskValidity: GuidedFix = {
  kind: 'guided',
  id: 'server-tls-dsk-validity',
  title: 'Server: how long TLS-DSK certificates stay valid, and revoking them (admin)',
  description: 'Get-CsClientCertificate, Set-CsWebServiceConfiguration -DefaultValidityPeriodHours / -MaxValidityPeriodHours, Revoke-CsClientCertificate.',
  articleId: 'tls-dsk-certificates',
  resolves: [],
  relevantTo: ['LD-CERT-001', 'LD-CERT-002'],
  audience: SERVER_ADMIN,
  steps: (a) => withCommand(/CsClientCertificate|CsWebServiceConfiguration/)(a.fix),
};

export const GUIDED_FIXES: readonly GuidedFix[] = [serverPushFederation, serverImUrlFilter, serverTlsDskValidity];

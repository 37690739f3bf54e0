/** Questionnaire answers: facts the PC cannot see (mobile device, server-side settings). */

export type MobilePlatform = 'ios' | 'android' | 'windows-phone' | 'other';

export interface MobileDeviceAnswers {
  readonly platform?: MobilePlatform;
  /** OS version as the user reads it, e.g. "9.3.5". */
  readonly osVersion?: string;
  /** Client app, e.g. "Lync 2013 for iPhone" or "Skype for Business". */
  readonly app?: string;
  readonly appVersion?: string;
  /** Device language, e.g. "English" or BCP-47 "en". */
  readonly language?: string;
  /** Device region, e.g. "Sweden" or ISO 3166 "SE". */
  readonly region?: string;
}

export type Tri = 'yes' | 'no' | 'unknown';

export interface ServerAnswers {
  readonly imUrlFilterEnabled?: Tri;
  /**
   * What the IM URL filter does with hyperlinks: allow them, prefix a warning ("Send warning message"),
   * convert them to plain text (OCS 2007 R2), or block the message.
   */
  readonly imUrlFilterAction?: 'allow' | 'warn' | 'convert-to-text' | 'block' | 'unknown';
  readonly pushNotificationsConfigured?: Tri;
  readonly pushLyncComFederated?: Tri;
}

export interface QuestionnaireAnswers {
  readonly mobile?: MobileDeviceAnswers;
  readonly server?: ServerAnswers;
}

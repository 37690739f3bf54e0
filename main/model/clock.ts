/** Local clock compared with the Date headers of the servers contacted during the diagnosis. */

export interface ClockObservation {
  /** Which collector saw it: autodiscover, proxyAuth, proxy (PAC server). */
  readonly source: string;
  readonly server: string;
  /** The Date header as received (RFC 7231 IMF-fixdate). */
  readonly serverDate: string;
  /** Local time when the answer arrived (ISO). */
  readonly localDate: string;
  /** local − server, in milliseconds (positive: the PC is ahead). */
  readonly skewMs: number;
}

export interface ClockSection {
  readonly observations: readonly ClockObservation[];
  /** Median skew over the observations (null without any). */
  readonly skewMs: number | null;
  /** Date headers have a 1 s resolution; skew below this is noise. */
  readonly resolutionMs: number;
}

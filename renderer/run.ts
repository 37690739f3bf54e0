/** Drives one diagnosis run from the window: start, poll events by sequence number, cancel. */
import type { DiagnoseRequest, LyncDoctorApi, RunEvent, RunStatus } from '../main/model/api';

const POLL_MS = 120;

/** How long one poll may take before the window says the service is not answering. */
const POLL_TIMEOUT_MS = 15_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => window.setTimeout(r, ms));

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = window.setTimeout(() => reject(new Error(message)), ms);
    p.then((v) => { window.clearTimeout(t); resolve(v); }, (e: unknown) => { window.clearTimeout(t); reject(e); });
  });
}

export interface RunHandle {
  readonly runId: string;
  /** Resolves with the final status (done, cancelled or failed). */
  readonly finished: Promise<RunStatus>;
}

/** Starts a run and polls it until it ends; every new event goes to `onEvent` in order. */
export async function startRun(api: LyncDoctorApi, req: DiagnoseRequest, onEvent: (e: RunEvent) => void): Promise<RunHandle> {
  const { runId } = await api.startDiagnosis(req);
  const finished = (async (): Promise<RunStatus> => {
    let since = 0;
    for (;;) {
      const st = await withTimeout(api.runStatus(runId, since), POLL_TIMEOUT_MS, 'The diagnosis stopped reporting progress.');
      for (const e of st.events) {
        if (e.seq <= since) continue;
        since = e.seq;
        onEvent(e);
      }
      if (st.state !== 'running') return st;
      await sleep(POLL_MS);
    }
  })();
  return { runId, finished };
}

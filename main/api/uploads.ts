/**
 * Files the window picked (client logs, a CA PEM) arrive as contents; the collectors read paths. They are
 * staged in a private temporary folder (mode 0700, files 0600) for one run and removed when it ends.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { DiagnoseRequest, UploadedFile } from '../model/api';
import { ApiError } from './dispatch';

export interface StagedUploads {
  readonly logFiles: readonly string[];
  readonly caFile?: string;
  /** Removes the folder (safe to call twice). */
  cleanup(): Promise<void>;
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/** A safe name inside the staging folder: the picked name without any folder part, never "." or "..". */
function safeName(f: UploadedFile, i: number): string {
  const b = basename(f.fileName.replace(/\\/g, '/')).replace(/^\.+$/, '');
  return `${i + 1}-${b || 'file'}`;
}

/** Checks what was picked and writes it to a new private folder; nothing is written when there is nothing to stage. */
export async function stageUploads(req: Pick<DiagnoseRequest, 'logs' | 'caPem'>, base: string = tmpdir()): Promise<StagedUploads> {
  const logs = req.logs ?? [];
  if (req.caPem && !PEM_CERT.test(req.caPem.text)) {
    throw new ApiError('bad-request', `CA file: ${req.caPem.fileName} holds no PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)`);
  }
  if (req.caPem && /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(req.caPem.text)) {
    throw new ApiError('bad-request', `CA file: ${req.caPem.fileName} contains a private key; pick the CA certificate only`);
  }
  for (const l of logs) {
    if (l.text.trim() === '') throw new ApiError('bad-request', `Client log: ${l.fileName} is empty`);
  }
  if (logs.length === 0 && !req.caPem) return { logFiles: [], cleanup: async () => undefined };
  const dir = await fs.mkdtemp(join(base, 'lyncdoctor-upload-'));
  await fs.chmod(dir, 0o700);
  const cleanup = (): Promise<void> => fs.rm(dir, { recursive: true, force: true });
  try {
    const logFiles: string[] = [];
    for (const [i, l] of logs.entries()) {
      const p = join(dir, safeName(l, i));
      await fs.writeFile(p, l.text, { mode: 0o600 });
      logFiles.push(p);
    }
    let caFile: string | undefined;
    if (req.caPem) {
      caFile = join(dir, `ca-${safeName(req.caPem, 0)}`);
      await fs.writeFile(caFile, req.caPem.text, { mode: 0o600 });
    }
    return { logFiles, ...(caFile ? { caFile } : {}), cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

/** `lyncdoctor diagnose`: collect on this PC, check, print (text or --json); exit 0/1/2. */
import { diagnose, parseSipAddress, type DiagnosisResult } from '../diagnose';
import { normaliseServer } from '../collect/dns-query';
import { articleLookup } from '../kb/lookup';
import { readFileSync } from 'node:fs';
import { decodeConsole } from '../collect/windows/codepage';
import { loadReplayPc, replayRawRunner } from '../collect/windows/replay';
import { decodingRunner, type CommandRunner } from '../collect/windows/runner';
import type { QuestionnaireAnswers } from '../model/answers';
import type { DiagnoseInput } from '../model/snapshot';
import { validateAnswers } from '../model/validate-answers';
import { bool, list, num, parseArgs, str, UsageError, type FlagSpec } from './args';
import type { CliIo, Command } from './io';
import { networkInputFromFlags } from './network-flags';
import { exitCodeFor, renderJson, renderReport } from './render-text';

export const DIAGNOSE_FLAGS: FlagSpec = {
  'sip-address': 'string',
  'dns-server': 'string',
  'timeout-ms': 'number',
  json: 'boolean',
  bundle: 'string',
  pseudonymise: 'boolean',
  answers: 'string',
  log: 'list',
  proxy: 'string',
  'proxy-pac': 'string',
  'connect-to': 'list',
  'ca-file': 'string',
  replay: 'string',
};

export const DEFAULT_TIMEOUT_MS = 3000;

/** --replay PC.json: the Windows collectors answer from a recorded PC (platform win32) instead of this machine. */
export function replayFromFlags(p: ReturnType<typeof parseArgs>): { run: CommandRunner; platform: 'win32' } | null {
  const file = str(p, 'replay');
  if (!file) return null;
  try {
    return { run: decodingRunner(replayRawRunner(loadReplayPc(file, (f) => readFileSync(f, 'utf8')))), platform: 'win32' };
  } catch (e) {
    throw new UsageError(`--replay: ${(e as Error).message}`);
  }
}

/** Hooks later capabilities add (bundle export, extra inputs) without changing the contract. */
export interface DiagnoseHooks {
  afterDiagnosis?: (result: DiagnosisResult, flags: ReturnType<typeof parseArgs>, io: CliIo) => Promise<void>;
}
export const diagnoseHooks: DiagnoseHooks = {};

/** --dns-server, checked to be an IP address with optional port (null when absent). */
export function dnsServerFromFlags(p: ReturnType<typeof parseArgs>): string | null {
  const dnsServer = str(p, 'dns-server') ?? null;
  if (dnsServer) {
    try {
      normaliseServer(dnsServer);
    } catch (e) {
      throw new UsageError(`--dns-server: ${(e as Error).message}`);
    }
  }
  return dnsServer;
}

/** --timeout-ms (at most two minutes), or the command's default. */
export function timeoutFromFlags(p: ReturnType<typeof parseArgs>, fallback: number): number {
  const timeoutMs = num(p, 'timeout-ms') ?? fallback;
  if (timeoutMs > 120_000) throw new UsageError('--timeout-ms must be at most 120000');
  return timeoutMs;
}

/** Builds the DiagnoseInput from flags, with clear usage errors. */
export function inputFromFlags(p: ReturnType<typeof parseArgs>): DiagnoseInput {
  const sip = str(p, 'sip-address');
  if (!sip) throw new UsageError('--sip-address is required, e.g. --sip-address alice@contoso.com');
  let addr;
  try {
    addr = parseSipAddress(sip);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const dnsServer = dnsServerFromFlags(p);
  const timeoutMs = timeoutFromFlags(p, DEFAULT_TIMEOUT_MS);
  const logFiles = list(p, 'log');
  return { ...addr, dnsServer, timeoutMs, ...(logFiles.length ? { logFiles } : {}), ...networkInputFromFlags(p) };
}

/** Reads --answers FILE (questionnaire JSON: { mobile: {...}, server: {...} }). */
export function answersFromFlags(p: ReturnType<typeof parseArgs>): QuestionnaireAnswers {
  const file = str(p, 'answers');
  if (!file) return {};
  let text: string;
  try {
    // UTF-8, with or without a byte order mark (Windows PowerShell 5.1's and older Notepad's "UTF-8"), or UTF-16LE
    // with its mark (Notepad's "Unicode", PowerShell 5.1's Out-File default): the mark is no part of the JSON
    text = decodeConsole(readFileSync(file), 65001);
  } catch (e) {
    throw new UsageError(`--answers: cannot read ${file}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--answers: ${file} is not valid JSON (${(e as Error).message})`);
  }
  const r = validateAnswers(json);
  if (!r.ok) throw new UsageError(`--answers: ${r.error}`);
  return r.answers;
}

export const diagnoseCommand: Command = async (argv, io) => {
  const p = parseArgs(argv, DIAGNOSE_FLAGS);
  const input = inputFromFlags(p);
  const answers = answersFromFlags(p);
  const json = bool(p, 'json');
  const replay = replayFromFlags(p);
  const result = await diagnose({
    input,
    answers,
    ...(replay ?? {}),
    articles: articleLookup(),
    now: () => new Date(),
    onProgress: json ? undefined : (e) => {
      if (e.phase === 'done') io.err(`  ${e.collectorId}: ${e.status} (${e.durationMs} ms)`);
    },
  });
  if (diagnoseHooks.afterDiagnosis) await diagnoseHooks.afterDiagnosis(result, p, io);
  io.out(json ? renderJson(result.snapshot, result.findings) : renderReport(result.snapshot, result.findings, result.checkFailures));
  return exitCodeFor(result.findings);
};

/** `lyncdoctor demo`: the same checks on the built-in recorded Snapshot of a broken PC. */
import { analyze } from '../diagnose';
import { demoSnapshot } from '../demo/demo';
import { articleLookup } from '../kb/lookup';
import { bool, parseArgs } from './args';
import { answersFromFlags } from './diagnose';
import type { Command } from './io';
import { exitCodeFor, renderJson, renderReport } from './render-text';

export const demoCommand: Command = async (argv, io) => {
  const p = parseArgs(argv, { json: 'boolean', answers: 'string' });
  const answers = answersFromFlags(p);
  const demo = demoSnapshot();
  const snapshot = Object.keys(answers).length ? { ...demo, answers } : demo;
  const { findings, checkFailures } = analyze(snapshot, { articles: articleLookup() });
  io.out(bool(p, 'json') ? renderJson(snapshot, findings) : renderReport(snapshot, findings, checkFailures));
  return exitCodeFor(findings);
};

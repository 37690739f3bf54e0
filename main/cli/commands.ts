/**
 * The CLI's command table: one line per command, each loaded only when it runs, so `--help` and `demo`
 * do not load what `diagnose`, `bundle` or `kb` need (built code: see scripts/build.mjs).
 */
import type { Command } from './io';

/** Command name → loader of its implementation. */
export const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  diagnose: async () => {
    await import('./bundle'); // registers diagnose's --bundle hook (diagnoseHooks.afterDiagnosis)
    return (await import('./diagnose')).diagnoseCommand;
  },
  demo: async () => (await import('./demo')).demoCommand,
  analyze: async () => (await import('./analyze')).analyzeCommand,
  compare: async () => (await import('./compare')).compareCommand,
  bundle: async () => (await import('./bundle')).bundleCommand,
  kb: async () => (await import('./kb')).kbCommand,
  sip: async () => (await import('./sip')).sipCommand,
  fix: async () => (await import('./fix')).fixCommand,
};

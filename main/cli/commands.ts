/**
 * The CLI's command table: one line per command, each loaded only when it runs, so `--help` and `demo`
 * do not load what `diagnose`, `bundle` or `kb` need (built code: see scripts/build.mjs).
 */
import type { Command } from './io';

/** Command name → loader of its implementation. */
export const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  diagnose: async () => {
    await import('./bundle.js'); // registers diagnose's --bundle hook (diagnoseHooks.afterDiagnosis)
    return (await import('./diagnose.js')).diagnoseCommand;
  },
  demo: async () => (await import('./demo.js')).demoCommand,
  analyze: async () => (await import('./analyze.js')).analyzeCommand,
  compare: async () => (await import('./compare.js')).compareCommand,
  bundle: async () => (await import('./bundle.js')).bundleCommand,
  kb: async () => (await import('./kb.js')).kbCommand,
  sip: async () => (await import('./sip.js')).sipCommand,
  fix: async () => (await import('./fix.js')).fixCommand,
};

/** The CLI's command table: one line per command. */
import { analyzeCommand } from './analyze';
import { bundleCommand } from './bundle';
import { compareCommand } from './compare';
import { demoCommand } from './demo';
import { diagnoseCommand } from './diagnose';
import { fixCommand } from './fix';
import { kbCommand } from './kb';
import type { Command } from './io';
import { sipCommand } from './sip';

export const COMMANDS: Readonly<Record<string, Command>> = {
  diagnose: diagnoseCommand,
  demo: demoCommand,
  analyze: analyzeCommand,
  compare: compareCommand,
  bundle: bundleCommand,
  kb: kbCommand,
  sip: sipCommand,
  fix: fixCommand,
};

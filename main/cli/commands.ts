/** The CLI's command table: one line per command. */
import { demoCommand } from './demo';
import { diagnoseCommand } from './diagnose';
import type { Command } from './io';

export const COMMANDS: Readonly<Record<string, Command>> = {
  diagnose: diagnoseCommand,
  demo: demoCommand,
};

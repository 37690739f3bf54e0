/** lyncdoctor CLI entry: `diagnose | demo | analyze | kb | bundle | sip | compare | fix`. */
import { UsageError } from './cli/args';
import { COMMANDS } from './cli/commands';
import { processIo, safeIo, type CliIo } from './cli/io';

const USAGE = `usage: lyncdoctor <command> [options]
  diagnose --sip-address alice@contoso.com [--dns-server 127.0.0.1:5300] [--timeout-ms 3000] [--json]
           [--bundle out.zip [--pseudonymise]] [--answers answers.json] [--log FILE]...
           [--proxy http://host:port] [--proxy-pac URL|FILE] [--ca-file roots.pem] [--connect-to H:P:A:P]...
  demo [--json] [--answers answers.json]    the built-in demo: checks on a recorded snapshot of a broken PC
  analyze in.zip [--json]                   re-run the checks on a bundle
  compare before.zip after.zip [--json]     what changed between two bundles
  bundle export-demo out.zip | bundle inspect in.zip
  kb search "<text>" [--json] [--limit N] | kb show <articleId|SFB-KI-NNN|KBnnnnnnn|code> | kb check
  sip probe --sip-address a@b.com [--server host:port] [--json] | sip log FILE [--json]
  fix list|preview|journal|undo … | fix <id> … --yes    (without --yes a fix only previews)
commands: {COMMANDS}`;

/** Runs one CLI invocation; returns the exit code (never throws). */
export async function main(argv: readonly string[], rawIo: CliIo = processIo): Promise<number> {
  const io = safeIo(rawIo); // every byte the CLI prints passes the one output sanitiser
  const [name, ...rest] = argv;
  const usage = USAGE.replace('{COMMANDS}', Object.keys(COMMANDS).join(', '));
  if (!name) {
    io.err(usage); // a usage error: exit 2 with the message on stderr (the contract)
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(usage);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.err(`lyncdoctor: unknown command "${name}"\n${usage}`);
    return 2;
  }
  try {
    const command = await load();
    return await command(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`lyncdoctor ${name}: ${e.message}`);
      return 2;
    }
    io.err(`lyncdoctor ${name}: internal error: ${(e as Error).stack ?? String(e)}`);
    return 2;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

// The `corridor` command: a thin shell over the capabilities. Each capability registers its commands.
import { Command, CommanderError } from 'commander';
import { defaultTaxonomyCliIo, registerTaxonomyCommands } from '../taxonomy/import-cli.js';
import { registerServerCommands } from '../server/cli.js';
import { registerTaxonomyToolCommands } from '../taxonomy/cli.js';
import { registerMatchingCommands } from '../matching/cli.js';
import { registerLabourMarketCommands } from '../labour-market/cli.js';
import { cliRuntime, openMigratedStore } from './runtime.js';

export function buildProgram(): Command {
  const program = new Command('corridor')
    .description('Corridor — skills, recognition and matching for labour-migration corridors (ESCO-based).')
    .version('0.1.0')
    .showHelpAfterError()
    // Options after a subcommand belong to it (`taxonomy import --version 1.2.0` is not the program's --version).
    .enablePositionalOptions()
    .exitOverride();
  registerTaxonomyCommands(
    program,
    defaultTaxonomyCliIo(() => openMigratedStore(), cliRuntime),
  );
  registerServerCommands(program);
  registerTaxonomyToolCommands(program);
  registerMatchingCommands(program, cliRuntime);
  registerLabourMarketCommands(program, cliRuntime);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    // Known, user-facing failures carry a message; never print a stack trace to a user.
    process.stderr.write(`corridor: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.CORRIDOR_DEBUG) console.error(err);
    process.exitCode = 1;
  }
}

// The `corridor` command: a thin shell over the capabilities. Each capability registers its commands.
import { Command, CommanderError } from 'commander';
import { defaultTaxonomyCliIo, registerTaxonomyCommands, registerTaxonomyToolCommands } from '../taxonomy/index.js';
import { registerServerCommands } from '../server/cli.js';
import { registerMatchingCommands } from '../matching/index.js';
import { registerLabourMarketCommands } from '../labour-market/index.js';
import { PassportCliError, registerPassportCommands, registerRecognitionCommands } from '../recognition/index.js';
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
  registerPassportCommands(program, cliRuntime);
  registerRecognitionCommands(program, cliRuntime);
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
    process.exitCode = err instanceof PassportCliError ? err.exitCode : 1;
  }
}

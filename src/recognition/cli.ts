// `corridor recognition …`: qualification frameworks at the command line (the same all-or-nothing import as the API,
// run as the system through the command, so it is audited and in the change log).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { SYSTEM } from '../kernel/command.js';
import { DomainError } from '../kernel/errors.js';
import type { CommandLineRuntime, OpenRuntime } from '../kernel/runtime.js';
import { importFrameworks } from './commands.js';
import { listFrameworks } from './store.js';

class CliError extends Error {}

async function withRuntime<T>(runtime: CommandLineRuntime, f: (open: OpenRuntime) => Promise<T>): Promise<T> {
  const open = await runtime.open();
  try {
    return await f(open);
  } catch (err) {
    // Domain errors are the user's to fix: one line, no stack.
    if (err instanceof DomainError) throw new CliError(`${err.path ? `${err.path}: ` : ''}${err.message}`);
    throw err;
  } finally {
    await open.close();
  }
}

export function registerRecognitionCommands(program: Command, runtime: CommandLineRuntime): void {
  const rec = program.command('recognition').description('Recognition: qualification frameworks');
  const fw = rec.command('frameworks').description('Qualification frameworks (EQF, regional, national)');

  fw.command('list')
    .description('List the frameworks and their levels (example data marked)')
    .action(async () => {
      await withRuntime(runtime, async (open) => {
        for (const f of await listFrameworks(open.store.db)) {
          process.stdout.write(
            `${f.code}\t${f.kind}\t${f.country ?? '-'}\t${f.levels.length} levels${f.example ? '\texample data' : ''}\t${f.name}\n`,
          );
        }
      });
    });

  fw.command('import <file>')
    .description('Import frameworks from CSV (docs/RECOGNITION.md): all lines or none; a framework named is replaced')
    .action(async (file: string) => {
      let csv: string;
      try {
        csv = readFileSync(file, 'utf8');
      } catch (err) {
        throw new CliError(`${file}: ${(err as Error).message}`);
      }
      await withRuntime(runtime, async (open) => {
        const done = await open.kernel.execute(importFrameworks, SYSTEM, { csv });
        for (const f of done.frameworks) process.stdout.write(`imported ${f.code}: ${f.levels} levels\n`);
      });
    });
}

// The `corridor` command: a thin shell over the capabilities. Each capability registers its commands.
import { Command, CommanderError } from 'commander';
import { defaultTaxonomyCliIo, registerTaxonomyCommands, registerTaxonomyToolCommands } from '../taxonomy/index.js';
import { registerServerCommands } from '../server/cli.js';
import { registerMatchingCommands } from '../matching/index.js';
import { registerLabourMarketCommands } from '../labour-market/index.js';
import { PassportCliError, registerPassportCommands, registerRecognitionCommands } from '../recognition/index.js';
import { cliRuntime, openMigratedStore } from './runtime.js';
import {
  AuditKeyError,
  auditChainKeys,
  chainAll,
  formatChainReport,
  verifyAuditChains,
} from '../kernel/audit-chain.js';
import { loadConfig } from '../shared/config.js';

/** `corridor admin audit verify`: walks every audit hash chain; a broken one exits non-zero. */
function registerAuditVerify(program: Command): void {
  const admin =
    program.commands.find((c) => c.name() === 'admin') ??
    program.command('admin').description('Platform administration');
  const audit = admin.commands.find((c) => c.name() === 'audit') ?? admin.command('audit').description('The audit log');
  audit
    .command('verify')
    .description(
      "Check the audit log's hash chains (one per organisation) and name the first broken link of each: an entry " +
        'changed, deleted, or inserted outside the audit writer (e.g. back-dated). Prints every chain head (compare ' +
        'with the heads the server logs daily). Exits 1 when a chain is broken.',
    )
    .option('--json', 'print the report as JSON')
    .action(async (opts: { json?: boolean }) => {
      // The links are HMACs under a key derived from the instance secret, as the server derives it.
      const keys = auditChainKeys(loadConfig({ env: process.env }));
      const store = await openMigratedStore();
      let ok: boolean;
      try {
        // First link what servers have not linked yet (e.g. none runs): what is left is reported as not chained.
        // Under another secret the chainer links nothing and says why; the check then names the links it cannot open.
        await chainAll(store.db, keys).catch((err: unknown) => {
          if (!(err instanceof AuditKeyError)) throw err;
          process.stderr.write(`corridor: ${err.message}\n`);
        });
        const report = await verifyAuditChains(store.db, keys);
        process.stdout.write(opts.json ? JSON.stringify(report) + '\n' : formatChainReport(report));
        ok = report.ok;
      } finally {
        await store.close();
      }
      // After closing: the embedded store resets process.exitCode when it shuts down.
      if (!ok) process.exitCode = 1;
    });
}

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
  registerAuditVerify(program);
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

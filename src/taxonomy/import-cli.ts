// `corridor taxonomy import | versions | activate`: manage the ESCO versions in the store named by
// CORRIDOR_DATA_DIR (embedded, default ./data) or DATABASE_URL (PostgreSQL).
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { Store } from '../db/database.js';
import { readEscoSnapshot } from './esco/reader.js';
import { importEscoSnapshot } from './store/import.js';
import { terminalProgress, type ProgressReporter } from './store/progress.js';
import { listVersions } from './store/versions.js';
import { SYSTEM } from '../kernel/command.js';
import type { CommandLineRuntime, OpenRuntime } from '../kernel/runtime.js';
import { activateTaxonomyVersion } from './commands.js';

export interface TaxonomyCliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Opens (and migrates) the store; the command closes it. */
  openStore: () => Promise<Store>;
  /** Opens the store with a kernel: writes other than the bulk import run as commands (audit, change log). */
  openRuntime: () => Promise<Pick<OpenRuntime, 'kernel' | 'close'>>;
  progress: () => ProgressReporter;
}

/** The terminal's io over a store the CLI shell opens (configured and migrated). */
export function defaultTaxonomyCliIo(openStore: () => Promise<Store>, runtime: CommandLineRuntime): TaxonomyCliIo {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    openStore,
    openRuntime: () => runtime.open(),
    progress: () => terminalProgress(),
  };
}

async function withStore<T>(io: TaxonomyCliIo, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await io.openStore();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

const n = (x: number) => x.toLocaleString('en');

/**
 * The `taxonomy` parent command, shared by every taxonomy CLI module (import here, search/coding elsewhere):
 * returns the existing one or creates it, so registration order does not matter.
 */
export function taxonomyCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'taxonomy') ??
    program.command('taxonomy').description('ESCO taxonomy: import versions, list them, choose the active one')
  );
}

export function registerTaxonomyCommands(program: Command, io: TaxonomyCliIo): void {
  const taxonomy = taxonomyCommand(program);

  taxonomy
    .command('import')
    .description(
      'Import an ESCO version from the official CSV download (zip files or folders; add label packages of other ' +
        'languages as further sources). All or nothing: a bad file leaves the store as it was.',
    )
    .argument('<sources...>', 'ESCO CSV .zip files or folders')
    .option('--version <version>', 'taxonomy version (default: read from the file names, e.g. esco-1.2.0-…)')
    .option('--activate', 'make it the active version (the first version imported always is)')
    .option('--replace', 'replace the version if it is already imported')
    .action(async (sources: string[], opts: { version?: string; activate?: boolean; replace?: boolean }) => {
      const progress = io.progress();
      let result;
      let warnings: string[];
      try {
        const read = readEscoSnapshot(sources, {
          version: opts.version,
          onProgress: (stage, done, total) => progress.update('reading ESCO', stage, done, total),
        });
        warnings = read.warnings;
        result = await withStore(io, (store) =>
          importEscoSnapshot(store.db, read.snapshot, {
            activate: opts.activate,
            replace: opts.replace,
            source: sources.map((s) => basename(s)).join(', '),
            onProgress: (stage, done, total) => progress.update('writing taxonomy', stage, done, total),
          }),
        );
      } finally {
        progress.stop();
      }
      for (const w of warnings.slice(0, 20)) io.err(`warning: ${w}\n`);
      if (warnings.length > 20) io.err(`warning: … and ${warnings.length - 20} more\n`);
      io.out(
        `${result.replaced ? 'Replaced' : 'Imported'} ESCO ${result.version}: ${n(result.occupations)} occupations, ` +
          `${n(result.skills)} skills, ${n(result.relations)} relations in ${(result.ms / 1000).toFixed(1)} s` +
          `${result.activated ? ' — active' : ` — not active (run: corridor taxonomy activate ${result.version})`}\n`,
      );
    });

  taxonomy
    .command('versions')
    .description('List the imported taxonomy versions; * marks the active one')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const versions = await withStore(io, (store) => listVersions(store.db));
      if (opts.json) {
        io.out(`${JSON.stringify(versions, null, 2)}\n`);
        return;
      }
      if (!versions.length) {
        io.out('No taxonomy version imported yet (the server imports the shipped ESCO on first start).\n');
        return;
      }
      for (const v of versions) {
        io.out(
          `${v.active ? '*' : ' '} ${v.version.padEnd(10)} ${v.languages.join(',').padEnd(12)} ` +
            `${n(v.occupations).padStart(6)} occupations ${n(v.skills).padStart(7)} skills ` +
            `${n(v.relations).padStart(8)} relations  imported ${v.importedAt}\n`,
        );
      }
    });

  taxonomy
    .command('activate')
    .description('Make an imported version the active one (new profiles and searches use it; older codes stay valid)')
    .argument('<version>', 'an imported version (see: corridor taxonomy versions)')
    .action(async (version: string) => {
      const rt = await io.openRuntime();
      try {
        await rt.kernel.execute(activateTaxonomyVersion, SYSTEM, { version });
      } finally {
        await rt.close();
      }
      io.out(`ESCO ${version} is now the active taxonomy version. Restart running servers to serve it.\n`);
    });
}

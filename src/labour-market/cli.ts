// `corridor labour-market …`: protected figures at the command line (platform level, the same protection as the
// API), the minimum cell size, imports of outside figures, and a timed rebuild of the statistics model.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { SYSTEM } from '../kernel/command.js';
import { DomainError } from '../kernel/errors.js';
import type { CommandLineRuntime, OpenRuntime } from '../kernel/runtime.js';
import { importOutsideFigures, setMinimumCellSize } from './commands.js';
import { DIMENSIONS, MEASURES, type Dimension, type Measure } from './dimensions.js';
import { disclosurePolicy } from './disclosure.js';
import { toCsv } from './export.js';
import { table } from './figures.js';
import { IMPORT_KINDS, type ImportKind } from './imports.js';
import { DIMENSION_NAMES, labelLang, valueLabel } from './labels.js';
import { readSettings } from './store.js';
import { statisticsTaxonomy } from './taxonomy.js';

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

async function snapshotOf(open: OpenRuntime) {
  try {
    return (await open.services.get('taxonomy').current(open.store.db)).snapshot;
  } catch {
    throw new CliError('no ESCO taxonomy is loaded: run `corridor taxonomy import` (or start the server once) first');
  }
}

export function registerLabourMarketCommands(program: Command, runtime: CommandLineRuntime): void {
  const lm = program.command('labour-market').description('Labour-market figures (protected), settings and imports');

  lm.command('figures')
    .description('Print a protected table (platform level), as the API answers it')
    .requiredOption('--measure <m>', `${MEASURES.join(' | ')}`)
    .requiredOption('--rows <dimension>', DIMENSIONS.join(', '))
    .option('--cols <dimension>', 'a second dimension')
    .option('--filter <dimension=code...>', 'filters on predefined dimensions, e.g. region=ES:ES30')
    .option('--lang <lang>', 'en, es, fr or ar', 'en')
    .option('--format <format>', 'json or csv', 'json')
    .action(
      async (opts: {
        measure: string;
        rows: string;
        cols?: string;
        filter?: string[];
        lang: string;
        format: string;
      }) => {
        if (!(MEASURES as readonly string[]).includes(opts.measure)) {
          throw new CliError(`--measure: expected ${MEASURES.join(' or ')}, got "${opts.measure}"`);
        }
        const filters: Record<string, string> = {};
        for (const f of opts.filter ?? []) {
          const at = f.indexOf('=');
          if (at < 1) throw new CliError(`--filter: expected dimension=code, got "${f}"`);
          filters[f.slice(0, at)] = f.slice(at + 1);
        }
        await withRuntime(runtime, async (open) => {
          const snapshot = await snapshotOf(open);
          const { k } = await readSettings(open.store.db);
          const policy = disclosurePolicy({ k });
          const ctx = await open.services.get('labourMarket').figures(snapshot);
          const t = table(
            ctx,
            {
              measure: opts.measure as Measure,
              rows: opts.rows as Dimension,
              cols: (opts.cols as Dimension) ?? null,
              filters,
            },
            { organisationId: null },
            policy,
          );
          const lang = labelLang(opts.lang);
          const taxonomy = statisticsTaxonomy(snapshot);
          if (opts.format === 'csv') {
            const show = (v: { value: number | null; status: string }) => (v.status === 'suppressed' ? null : v.value);
            process.stdout.write(
              toCsv({
                title: opts.measure,
                header: [
                  DIMENSION_NAMES[t.rows][lang],
                  'code',
                  ...t.colCodes.map((c) => valueLabel(t.cols!, c, lang, taxonomy)),
                  'Total',
                ],
                rows: t.rowCodes.map((r, i) => [
                  valueLabel(t.rows, r, lang, taxonomy),
                  r,
                  ...(t.cols ? t.cells[i]!.map(show) : []),
                  show(t.rowTotals[i]!),
                ]),
                notes: [`k = ${policy.k}; empty = not published`],
              }),
            );
            return;
          }
          process.stdout.write(`${JSON.stringify({ k: policy.k, ...t }, null, 2)}\n`);
        });
      },
    );

  lm.command('settings')
    .description('Show or set the minimum cell size k (3 or more)')
    .option('--k <k>', 'new minimum cell size')
    .action(async (opts: { k?: string }) => {
      await withRuntime(runtime, async (open) => {
        if (opts.k !== undefined) {
          if (!/^\d+$/.test(opts.k)) throw new CliError(`--k: expected a whole number, got "${opts.k}"`);
          await open.kernel.execute(setMinimumCellSize, SYSTEM, { k: Number(opts.k) });
        }
        const { k } = await readSettings(open.store.db);
        process.stdout.write(`k = ${k}\n`);
      });
    });

  lm.command('import <file>')
    .description('Import outside figures from CSV (docs/LABOUR-MARKET.md): all lines or none')
    .requiredOption('--kind <kind>', IMPORT_KINDS.join(' | '))
    .requiredOption('--source <text>', 'publisher and table')
    .action(async (file: string, opts: { kind: string; source: string }) => {
      if (!(IMPORT_KINDS as readonly string[]).includes(opts.kind)) {
        throw new CliError(`--kind: expected ${IMPORT_KINDS.join(' or ')}, got "${opts.kind}"`);
      }
      let csv: string;
      try {
        csv = readFileSync(file, 'utf8');
      } catch (err) {
        throw new CliError(`${file}: ${(err as Error).message}`);
      }
      await withRuntime(runtime, async (open) => {
        const done = await open.kernel.execute(importOutsideFigures, SYSTEM, {
          kind: opts.kind as ImportKind,
          source: opts.source,
          csv,
        });
        process.stdout.write(`imported ${done.rows} lines (${done.kind}) as ${done.id}\n`);
      });
    });

  lm.command('rebuild')
    .description('Build the statistics model from the tables and report its size and time')
    .action(async () => {
      await withRuntime(runtime, async (open) => {
        const snapshot = await snapshotOf(open);
        const before = process.memoryUsage();
        const report = await open.services.get('labourMarket').rebuild(snapshot);
        const model = await open.services.get('labourMarket').model(snapshot);
        const after = process.memoryUsage();
        process.stdout.write(
          `rebuilt: ${report.people} job seekers, ${report.vacancies} vacancies in ${(report.ms / 1000).toFixed(1)} s; ` +
            `columns ${(model.bytes / 1e6).toFixed(0)} MB, heap +${((after.heapUsed - before.heapUsed) / 1e6).toFixed(0)} MB, RSS ${(after.rss / 1e6).toFixed(0)} MB\n`,
        );
      });
    });
}

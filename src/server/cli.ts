// `corridor serve`, `corridor demo` and `corridor admin …`: open the store, migrate, and run the server or seed.
import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { openStore, type Store } from '../db/database.js';
import { migrateToLatest } from '../migrations.js';
import { loadConfig, type Config } from '../shared/config.js';
import { SYSTEM } from '../kernel/command.js';
import { DomainError } from '../kernel/errors.js';
import {
  DEMO_PASSWORD,
  seedDemo,
  createOrganisationCommand,
  inviteCommand,
  emailIs,
  requestPasswordResetCommand,
  applyAuditRetention,
} from '../identity/index.js';
import { openRuntime } from '../cli/runtime.js';
import { buildServer } from './app.js';
import { ChangeFeed } from '../kernel/changes.js';
import { AuditChainer, auditChainKeys } from '../kernel/audit-chain.js';
import { CapabilitySet } from '../kernel/capability.js';
import { allCapabilities } from './routes.js';

export interface ServerCliIo {
  out(text: string): void;
  env: Record<string, string | undefined>;
}

const defaultIo = (): ServerCliIo => ({ out: (t) => process.stdout.write(t), env: process.env });

async function openMigrated(config: Config): Promise<Store> {
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(store.db);
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}

function storeLabel(config: Config): string {
  return config.databaseUrl ? `PostgreSQL ${new URL(config.databaseUrl).host}` : `embedded store in ${config.dataDir}`;
}

async function capabilityServices(store: Store, config: Config) {
  const set = new CapabilitySet({ db: store.db, config, feed: new ChangeFeed() });
  for (const c of allCapabilities) await c.setup(set);
  return set.view();
}

function parsePort(value: string): string {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535)
    throw new DomainError('invalid', 'cli', `--port: not a port number: ${value}`);
  return value;
}

/** How often the server applies the audit retention (also once at start). */
export const AUDIT_RETENTION_EVERY_MS = 24 * 60 * 60 * 1000;

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  /** Where it listens (the actual port when 0 was asked for). */
  url: string;
  close(): Promise<void>;
}

/**
 * Opens the store (unless given), migrates, runs the capabilities' start-up tasks, listens and prints the URL.
 * Tests pass their own store and skip the start-up tasks (the taxonomy import takes a while).
 */
export async function startServer(
  config: Config,
  options: {
    io?: Pick<ServerCliIo, 'out'>;
    store?: Store;
    runServeTasks?: boolean;
    demo?: boolean;
    /** Apply the audit retention at start and then daily (default true). */
    auditRetention?: boolean;
  } = {},
): Promise<RunningServer> {
  const out = options.io?.out ?? (() => {});
  const store = options.store ?? (await openMigrated(config));
  const app = await buildServer({ store, config });
  // The retention runs at start and then daily. A failed run is logged and tried again the next day: it must not
  // stop the server. Several servers on one database may each run it; a second run finds nothing left to do.
  let retentionTimer: NodeJS.Timeout | undefined;
  let retentionRun: Promise<void> = Promise.resolve();
  const retain = async () => {
    try {
      const result = await applyAuditRetention(store.db, {
        retentionDays: config.auditRetentionDays,
        ipDays: config.auditIpDays,
      });
      app.log.info({ auditRetention: result }, 'audit retention applied');
    } catch (err) {
      app.log.error({ err }, 'audit retention failed');
    }
  };
  // Links the audit entries requests write (unlinked, lock-free) into their hash chains, shortly after each commits.
  const chainer = new AuditChainer(store.db, auditChainKeys(config), {
    onError: (err) => app.log.error({ err }, 'audit chainer failed'),
  });
  const close = async () => {
    await chainer.stop();
    clearInterval(retentionTimer);
    await retentionRun;
    await app.close();
    if (!options.store) await store.close();
  };
  try {
    if (options.runServeTasks !== false) {
      for (const { name, task } of app.corridor.capabilities.serveTasks) {
        app.log.info({ task: name }, 'start-up task');
        await task({ store, config, services: app.corridor.services, log: app.log });
      }
    }
    if (options.auditRetention !== false) {
      await (retentionRun = retain());
      retentionTimer = setInterval(() => {
        retentionRun = retentionRun.then(retain);
      }, AUDIT_RETENTION_EVERY_MS);
      retentionTimer.unref();
    }
    chainer.start();
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new DomainError('invalid', 'cli', `port ${config.port} is in use; choose another with --port or PORT`);
    }
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.port === 0 ? `http://${config.host}:${port}` : config.publicUrl;
  out(`Corridor is running at ${url}  (${storeLabel(config)})\n`);
  if (options.demo) {
    const accounts = await seedDemo(store.db, app.corridor.services, DEMO_PASSWORD);
    printDemoAccounts({ out }, config, accounts, DEMO_PASSWORD, url);
  }
  const users = await store.db.selectFrom('app_user').select('id').limit(1).execute();
  if (!users.length) {
    out(
      'No accounts yet: restart with `npm start -- --demo` (or `corridor serve --demo`) for demo accounts, or stop ' +
        'the server and run `corridor admin init --email you@… --name …`.\n',
    );
  }
  return { app, store, url, close };
}

function printDemoAccounts(
  io: Pick<ServerCliIo, 'out'>,
  config: Config,
  accounts: Awaited<ReturnType<typeof seedDemo>>,
  password: string,
  url: string,
): void {
  io.out(`Demo accounts (${storeLabel(config)}), password: ${password}\n`);
  const w = Math.max(...accounts.map((a) => a.email.length));
  for (const a of accounts) {
    io.out(`  ${a.role.padEnd(15)} ${a.email.padEnd(w)}  ${a.organisation}${a.created ? '' : '  (existed)'}\n`);
  }
  io.out(`Sign in at ${url}\n`);
}

export function registerServerCommands(program: Command, io: ServerCliIo = defaultIo()): void {
  program
    .command('serve')
    .description('Run the Corridor server: applies migrations, loads the taxonomy, serves the API and web app')
    .option('--port <port>', 'port (default: PORT or 8080)', parsePort)
    .option('--host <host>', 'interface (default: HOST or 127.0.0.1)')
    .option(
      '--demo',
      'also create the demo organisations and accounts (as `corridor demo` does; the embedded store serves one ' +
        'process, so this is how to add them while the server runs). For trying Corridor out only.',
    )
    .action(async (opts: { port?: string; host?: string; demo?: boolean }) => {
      const config = loadConfig({
        env: { ...io.env, ...(opts.port ? { PORT: opts.port } : {}), ...(opts.host ? { HOST: opts.host } : {}) },
      });
      const running = await startServer(config, { io, demo: opts.demo === true });
      const stop = async (signal: string) => {
        running.app.log.info({ signal }, 'shutting down');
        await running.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
  program
    .command('demo')
    .description(
      'Create demo organisations and one account per role (idempotent; resets the demo accounts to the printed ' +
        'password). For trying Corridor out, never on a production database.',
    )
    .option('--password <password>', `password for every demo account (default: ${DEMO_PASSWORD})`)
    .action(async (opts: { password?: string }) => {
      const config = loadConfig({ env: io.env });
      const store = await openMigrated(config);
      try {
        const password = opts.password ?? DEMO_PASSWORD;
        const accounts = await seedDemo(store.db, await capabilityServices(store, config), password);
        printDemoAccounts(io, config, accounts, password, config.publicUrl);
      } finally {
        await store.close();
      }
    });

  const admin =
    program.commands.find((c) => c.name() === 'admin') ??
    program.command('admin').description('Platform administration');
  admin
    .command('init')
    .description('Create the platform organisation and an invitation for its first platform admin (prints the link)')
    .requiredOption('--email <email>', 'email of the first platform admin')
    .requiredOption('--name <name>', 'their name')
    .option('--organisation <name>', 'name of the platform organisation', 'Corridor platform')
    .action(async (opts: { email: string; name: string; organisation: string }) => {
      // Run as the system through identity's commands: the organisation and the invitation are audited and in the
      // change log, in one transaction (nothing is left of either when the other fails).
      const open = await openRuntime(io.env);
      try {
        const { kernel } = open;
        const { sent, trx } = await kernel.db.transaction().execute(async (trx) => {
          const existing = await trx
            .selectFrom('app_user')
            .select('id')
            .where('role', '=', 'platform_admin')
            .limit(1)
            .execute();
          if (existing.length)
            throw new DomainError('conflict', 'cli', 'a platform admin exists already; they invite others');
          const organisation = { name: opts.organisation, type: 'government' as const };
          const org = await kernel.execute(createOrganisationCommand, SYSTEM, organisation, { db: trx });
          // The invitation is issued by the platform itself (no actor yet); the invitee sets their own password.
          const invitee = { organisationId: org.id, email: opts.email, name: opts.name, role: 'platform_admin' };
          const sent = await kernel.execute(inviteCommand, SYSTEM, invitee, { db: trx });
          return { sent, trx };
        });
        kernel.committed(trx);
        io.out(`Open this link within 7 days to set the password:\n  ${sent.acceptUrl}\n`);
      } finally {
        await open.close();
      }
    });

  admin
    .command('reset-link')
    .description('Print a one-time password-reset link (24 h) for an account, e.g. a locked-out platform admin')
    .requiredOption('--email <email>', 'email of the account')
    .action(async (opts: { email: string }) => {
      const open = await openRuntime(io.env);
      try {
        const user = await open.store.db
          .selectFrom('app_user')
          .select(['id', 'disabled_at'])
          // Sealed addresses are found through the keyed index, rows not yet sealed by their clear column.
          .where(emailIs(open.services.has('accountSeal') ? open.services.get('accountSeal') : null, opts.email))
          .executeTakeFirst();
        if (!user || user.disabled_at)
          throw new DomainError('not_found', 'cli', `no active account with email ${opts.email}`);
        // Whoever runs the CLI on the server holds the data and key already: the system actor, and the audit entry
        // says it came from the command line.
        const { resetUrl } = await open.kernel.execute(requestPasswordResetCommand, SYSTEM, { userId: user.id });
        io.out(`Open this link within 24 hours to set a new password:\n  ${resetUrl}\n`);
      } finally {
        await open.close();
      }
    });

  admin
    .command('audit-retention')
    .description(
      'Apply the audit-log retention now (the server also does it at start and daily): delete entries older than ' +
        'CORRIDOR_AUDIT_RETENTION_DAYS, blank client addresses older than CORRIDOR_AUDIT_IP_DAYS, record the prune ' +
        'in the log, and print the counts as JSON',
    )
    .option('--dry-run', 'only count what would be deleted and blanked; change nothing')
    .action(async (opts: { dryRun?: boolean }) => {
      const config = loadConfig({ env: io.env });
      const store = await openMigrated(config);
      try {
        const result = await applyAuditRetention(store.db, {
          retentionDays: config.auditRetentionDays,
          ipDays: config.auditIpDays,
          dryRun: opts.dryRun === true,
        });
        io.out(JSON.stringify(result) + '\n');
      } finally {
        await store.close();
      }
    });
}

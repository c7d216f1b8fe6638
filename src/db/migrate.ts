// Forward-only migrations, applied on start. Each capability contributes its own list; names sort
// globally (NNNN_capability_what), so the order below is the order they run in.
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

export interface NamedMigration extends Migration {
  name: string;
}

/** Every capability's migrations, in the order they must apply. */
export async function allMigrations(): Promise<NamedMigration[]> {
  const lists: NamedMigration[][] = [
    (await import('../kernel/migrations.js')).migrations,
    (await import('../identity/migrations.js')).migrations,
    (await import('../taxonomy/migrations.js')).migrations,
    (await import('../profiles/migrations.js')).migrations,
    (await import('../vacancies/migrations.js')).migrations,
    (await import('../training/migrations.js')).migrations,
    (await import('../matching/migrations.js')).migrations,
    (await import('../protection/migrations.js')).migrations,
  ];
  return lists.flat();
}

class ListProvider implements MigrationProvider {
  constructor(private readonly list: NamedMigration[]) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(this.list.map((m) => [m.name, { up: m.up }]));
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const list = await allMigrations();
  const names = list.map((m) => m.name);
  const sorted = [...names].sort();
  if (names.join() !== sorted.join()) throw new Error(`migration names out of order: ${names.join(', ')}`);
  const migrator = new Migrator({
    db,
    provider: new ListProvider(list),
    migrationTableName: 'corridor_migration',
    migrationLockTableName: 'corridor_migration_lock',
    // A capability's later migration (e.g. 0130) may arrive after higher-numbered ones (0200+) ran; capabilities' tables are independent.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

// Forward-only migrations, applied on start. Each capability contributes its own list (composed in
// src/migrations.ts); names sort globally (NNNN_capability_what), which is the order they run in.
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

export interface NamedMigration extends Migration {
  name: string;
}

class ListProvider implements MigrationProvider {
  constructor(private readonly list: NamedMigration[]) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(this.list.map((m) => [m.name, { up: m.up }]));
  }
}

/** Applies the given migrations (every capability's, composed in src/migrations.ts) that have not run yet. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function runMigrations(db: Kysely<any>, list: NamedMigration[]): Promise<string[]> {
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

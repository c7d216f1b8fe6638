// The whole database as Kysely sees it: each capability owns its tables and declares them here.
import type { TaxonomyTables } from '../taxonomy/schema.js';

export type Database = TaxonomyTables;

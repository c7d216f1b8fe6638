// Taxonomy tables (reference data shared by every organisation; replicated, not sharded).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TaxonomyTables {}

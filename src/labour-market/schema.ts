// Labour-market tables as Kysely sees them: the statistics settings (k, the record-key salt) and imported outside
// figures (shortage-occupation lists, labour-force-survey aggregates). The statistics themselves live in memory,
// rebuilt from the profiles and vacancies (statistics.ts, engine.ts).
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface LmSettingTable {
  /** Always 1: one row. */
  id: number;
  /** Secret salt of the record keys (disclosure.ts): never published, never rotated (keys must stay stable). */
  salt: string;
  /** Minimum cell size; at least 3 (CHECK). */
  k: number;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface LmImportTable {
  id: string;
  /** The importing organisation (imports are platform-wide reference figures; this says who brought them). */
  organisation_id: string | null;
  /** 'shortage-list' | 'labour-force-survey' */
  kind: string;
  /** Publisher and table, e.g. "SEPE — Catálogo de ocupaciones de difícil cobertura 2026-Q1". */
  source: string;
  rows: number;
  imported_by: string | null;
  imported_at: Timestamp;
}

export interface LmShortageOccupationTable {
  import_id: string;
  line: number;
  country: string;
  /** '' = the whole country. */
  region: string;
  /** ISCO-08 code, 1 to 4 digits. */
  isco: string;
  /** The title as the list writes it. */
  title: string | null;
  period: string;
}

export interface LmOutsideFigureTable {
  import_id: string;
  line: number;
  country: string;
  indicator: string;
  period: string;
  /** '' = all. */
  isco: string;
  sex: string;
  age_group: string;
  isced_band: string;
  /** NUMERIC as text, so no float rounding. */
  value: ColumnType<string, string, string>;
  unit: string;
}

export interface LabourMarketTables {
  lm_setting: LmSettingTable;
  lm_import: LmImportTable;
  lm_shortage_occupation: LmShortageOccupationTable;
  lm_outside_figure: LmOutsideFigureTable;
}

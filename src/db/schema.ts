// The whole database as Kysely sees it: each capability owns its tables and declares them here.
import type { KernelTables } from '../kernel/schema.js';
import type { TaxonomyTables } from '../taxonomy/schema.js';
import type { IdentityTables } from '../identity/schema.js';
import type { ProfileTables } from '../profiles/schema.js';
import type { VacancyTables } from '../vacancies/schema.js';
import type { TrainingTables } from '../training/schema.js';
import type { MatchingTables } from '../matching/schema.js';
import type { ProtectionTables } from '../protection/schema.js';
import type { LabourMarketTables } from '../labour-market/schema.js';
import type { RecognitionTables } from '../recognition/schema.js';

export type Database = KernelTables &
  TaxonomyTables &
  IdentityTables &
  ProfileTables &
  VacancyTables &
  TrainingTables &
  MatchingTables &
  ProtectionTables &
  LabourMarketTables &
  RecognitionTables;

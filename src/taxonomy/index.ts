// The public entry of taxonomy: what the shells (server, CLI), tests elsewhere and the web (types only) use.
export * from './domain.js';
export { registerTaxonomyToolCommands } from './cli.js';
export { defaultTaxonomyCliIo, registerTaxonomyCommands } from './import-cli.js';
export { taxonomyCapability, taxonomyRoutes } from './routes.js';
export type {
  ConceptRef,
  EssentialSkill,
  ExtractAnswer,
  MatchedLabelKind,
  OccupationDetail,
  OccupationEvidence,
  OccupationSuggestion,
  ReferenceData,
  ReferenceLevel,
  SearchHit,
  SkillDetail,
  SkillSuggestion,
  VersionInfo,
} from './contract.js';

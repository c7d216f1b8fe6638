// The public entry of matching: what the shells (server, CLI), tests elsewhere and the web (types only) use.
export * from './domain.js';
export { registerMatchingCommands } from './cli.js';
export { deleteEligibilityRule, putEligibilityRule } from './commands.js';
export type {
  CandidateItem,
  ContactRequestInput,
  ContactRequestView,
  DecisionInput,
  Explanation,
  FairnessReport,
  Inbox,
  OrganisationRef,
  PlacementInput,
  SharedContact,
  Shortlist,
  SkillGap,
  TrainingItem,
  VacancyItem,
  VacancyMatches,
} from './contract.js';
export { matchingCapability, matchingRoutes } from './routes.js';

// The public entry of protection: what the shells (server, CLI), tests elsewhere and the web (types only) use.
export * from './domain.js';
export { protectionCapability, protectionRoutes } from './routes.js';
export type { TeamCase } from './contract.js';
export type {
  CaseSummary,
  CaseView,
  Fee,
  FeeLog,
  FlagList,
  FollowUp,
  Goal,
  HiringGuide,
  Recruiter,
  Referral,
  Report,
  Screening,
  ScreeningAnswer,
} from './model.js';

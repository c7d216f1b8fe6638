// The public entry of profiles: what the shells (server, CLI), tests elsewhere and the web (types only) use.
export * from './domain.js';
export { buildCv } from './cv/document.js';
export type { Profile, ProfileSummary } from './model.js';
export { profileRoutes, profilesCapability } from './routes.js';
export { eraseProfile, sealLegacyNames, sealLegacyProfiles } from './store.js';
export { INTERVIEW_STEPS } from './model.js';
// The API contract: the web imports its types (type-only).
export type * from './contract.js';

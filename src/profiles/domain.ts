// profiles as other capabilities see it: index.ts without the routes and CLI, so capabilities that use each
// other one way form no import cycle through them.
export { getProfiles } from './batch.js';
export {
  Country,
  Currency,
  DateString,
  Evidence,
  IscedField,
  IscedLevel,
  Lang,
  LanguageRequirement,
  OccupationUri,
  Place,
  Sector,
  SkillUri,
  Text,
  checkDate,
  checkUnique,
  isRealDate,
  pageOf,
} from './codes.js';
export { createProfile, profileChanged, setProfileSeeking, transferProfile, updateProfile } from './commands.js';
export {
  FALLBACK_SUBSETS,
  balanceIsolates,
  fallbackFile,
  fontFile,
  fontRuns,
  mainFont,
  recordLigaturesForExtraction,
  visualPieces,
  woffToSfnt,
  wrap,
} from './cv/pdf.js';
export { checkUrisExist, escoContext, exampleCodes, occupationFacts } from './esco.js';
export { CANDIDATE_FIELDS, CandidateView } from './model.js';
export type { CandidateField, ProfileCreate } from './model.js';
export type { ProfilingState } from './visibility.js';
export { mayReachProfile } from './policy.js';
export {
  candidateView,
  cardProfile,
  displayNameOf,
  displayNames,
  findCardRows,
  findProfileAccess,
  findProfileRow,
  getProfile,
  listProfilesForMatching,
  profileIdForUser,
  raiseSkillEvidence,
  openDisplayName,
  readProfile,
} from './store.js';
export {
  actsForSomeoneElse,
  employerConsents,
  fieldsOfScopes,
  requireProfiling,
  requireProfilingState,
  visibleFields,
} from './visibility.js';
export type { FontName } from './cv/pdf.js';

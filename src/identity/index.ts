// The public entry of identity: what the shells (server, CLI), tests elsewhere and the web (types only) use.
export * from './domain.js';
// The API contract: the web imports its types (type-only).
export type * from './contract.js';
export { checkCsrf, createSession, csrfTokenFor, normaliseEmail, resolveSession } from './auth.js';
export { createOrganisationCommand, inviteCommand, requestPasswordResetCommand } from './account-commands.js';
export { withdrawConsentCommand } from './commands.js';
export { withdrawConsent } from './consent.js';
export { DEMO_PASSWORD, seedDemo } from './demo.js';
export type { AuthUser, Role } from './model.js';
export { issuePasswordReset } from './password-reset.js';
export { AUDIT_RETENTION_ACTION, applyAuditRetention } from './retention.js';
export { emailIs } from './sealed.js';
export { identityCapability, identityRoutes } from './routes.js';

// The public entry of recognition: what the shells (server, CLI), tests elsewhere and the web (types only) use.
export * from './domain.js';
export { registerRecognitionCommands } from './cli.js';
export { PassportCliError, registerPassportCommands } from './passport/cli.js';
export type { Disclosure, PassportSummary, Share, VerificationReport } from './passport/model.js';
export { passportCapability, passportRoutes } from './passport/routes.js';
export { recognitionCapability, recognitionRoutes } from './routes.js';
// The API contract: the web imports its types (type-only).
export type * from './contract.js';

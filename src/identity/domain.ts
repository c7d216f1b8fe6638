// identity as other capabilities see it: index.ts without the routes and CLI, so capabilities that use each
// other one way form no import cycle through them.
export { recordConsent } from './commands.js';
export { activeConsent, activeConsents, giveConsent, hasConsent, withdrawConsent } from './consent.js';
export type { Consent } from './consent.js';
export { createOrganisation, createUser, getOrganisation, organisationsOfUsers } from './directory.js';
export { createInvitation, invite } from './invitations.js';
export { accountEmail, accountNames } from './sealed.js';
export type { OrganisationType } from './model.js';

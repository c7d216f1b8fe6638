// Test fixtures for contact requests, made through the commands. Production code never imports this file statically.
import type { MatrixWorld } from '../../kernel/route.js';
import { matchingExampleProfile, matchingExampleVacancy } from '../testing.js';
import { recordConsent } from '../../identity/domain.js';
import { decideContact, requestContact } from './commands.js';

/** Organisation A's migrant, consenting now to be shown to employers (the world may hold their profile already). */
export async function consentingCandidate(world: MatrixWorld): Promise<string> {
  const migrantId = await matchingExampleProfile(world);
  await world.kernel.execute(
    recordConsent,
    { user: world.orgA.users.advisor },
    { migrantId, purpose: 'matching_with_employers' },
  );
  return migrantId;
}

/** A request by organisation A's employer about A's consenting migrant, on a fresh vacancy; accepted if asked. */
export async function exampleContactRequest(world: MatrixWorld, options: { accepted?: boolean } = {}): Promise<string> {
  const migrantId = await consentingCandidate(world);
  const vacancyId = await matchingExampleVacancy(world);
  const { row } = await world.kernel.execute(
    requestContact,
    { user: world.orgA.users.employer },
    { vacancyId, migrantId, message: 'We would like to meet you.' },
  );
  if (options.accepted) {
    await world.kernel.execute(
      decideContact,
      { user: world.orgA.users.advisor },
      { requestId: row.id, accept: true, personAgreed: true, contact: { phone: '+34 600 000 000' } },
    );
  }
  return row.id;
}

// Test fixtures for contact requests, made through the commands. Production code never imports this file statically.
import type { MatrixWorld } from '../../kernel/route.js';
import { matchingExampleProfile, matchingExampleVacancy } from '../testing.js';
import { decideContact, requestContact } from './commands.js';

/** A request by organisation A's employer about A's consenting migrant, on a fresh vacancy; accepted if asked. */
export async function exampleContactRequest(world: MatrixWorld, options: { accepted?: boolean } = {}): Promise<string> {
  const migrantId = await matchingExampleProfile(world);
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

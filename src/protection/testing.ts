// Test fixtures for protection: records made through the commands (so they leave the same audit and change entries
// as real writes). Production code never imports this file statically.
import type { MatrixWorld } from '../kernel/route.js';
import { exampleProfile } from '../profiles/testing.js';
import { recordScreening, refer, saveRecruiter, scheduleFollowUp, setTeam } from './commands.js';

/**
 * Organisation A's migrant, with a case led by A's advisor (a follow-up opens it), and A's org admin as that
 * advisor's supervisor: every caller A has may read the confidential part.
 */
export async function exampleCase(world: MatrixWorld): Promise<string> {
  const migrantId = await exampleProfile(world);
  const advisor = world.orgA.users.advisor;
  await world.kernel.execute(
    scheduleFollowUp,
    { user: advisor },
    {
      migrantId,
      dueDate: '2026-01-15',
      purpose: 'Call about the interview',
    },
  );
  await world.kernel.execute(
    setTeam,
    { user: world.orgA.users.org_admin },
    {
      supervisorId: world.orgA.users.org_admin.id,
      advisorIds: [advisor.id],
    },
  );
  return migrantId;
}

export async function exampleScreenedCase(world: MatrixWorld): Promise<string> {
  const migrantId = await exampleCase(world);
  await world.kernel.execute(
    recordScreening,
    { user: world.orgA.users.advisor },
    {
      migrantId,
      screenedOn: '2025-06-01',
      answers: [{ question: 'documents-withheld', answer: 'yes', factor: 'risk', note: 'Employer keeps the passport' }],
    },
  );
  return migrantId;
}

export async function exampleReferral(world: MatrixWorld): Promise<string> {
  const migrantId = await exampleCase(world);
  const r = await world.kernel.execute(
    refer,
    { user: world.orgA.users.advisor },
    {
      migrantId,
      category: 'legal-aid',
      urgent: false,
    },
  );
  return r.id;
}

export async function exampleFollowUp(world: MatrixWorld): Promise<string> {
  const migrantId = await exampleProfile(world);
  const f = await world.kernel.execute(
    scheduleFollowUp,
    { user: world.orgA.users.advisor },
    {
      migrantId,
      dueDate: '2026-02-01',
      purpose: 'Check the contract',
    },
  );
  return f.id;
}

export async function exampleRecruiter(world: MatrixWorld): Promise<string> {
  const r = await world.kernel.execute(
    saveRecruiter,
    { user: world.orgA.users.advisor },
    {
      name: 'Agencia Ejemplo',
      licenceNumber: 'EX-1',
      country: 'MA',
      licenceStatus: 'licensed',
      complaints: [],
    },
  );
  return r.id;
}

export const sampleFee = (overrides: Record<string, unknown> = {}) => ({
  category: 'recruitment-fee',
  amount: 500,
  currency: 'EUR',
  paidOn: '2025-03-01',
  paidBy: 'worker',
  loan: false,
  loanInterest: 0,
  ...overrides,
});

// Demo organisations and one account per role, for trying Corridor out. Idempotent: running it again keeps the
// records and resets the demo accounts' password (and lock-out) to the one given.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Services } from '../kernel/capability.js';
import { hashPassword } from './auth.js';
import { createOrganisation, createUser } from './directory.js';
import { emailIs } from './sealed.js';
import type { OrganisationType, Role } from './model.js';

export const DEMO_PASSWORD = 'corridor-demo-password';

const ORGS: { key: string; name: string; type: OrganisationType; licenceNumber?: string; country: string }[] = [
  { key: 'pes', name: 'Demo Public Employment Service', type: 'public_employment_service', country: 'ES' },
  { key: 'ngo', name: 'Demo Migrant Support NGO', type: 'ngo', country: 'ES' },
  { key: 'employer', name: 'Demo Employer Ltd', type: 'employer', country: 'ES' },
  { key: 'training', name: 'Demo Training Centre', type: 'training_provider', country: 'ES' },
  {
    key: 'agency',
    name: 'Demo Recruitment Agency',
    type: 'recruitment_agency',
    licenceNumber: 'DEMO-LIC-0001',
    country: 'MA',
  },
  { key: 'assessment', name: 'Demo Assessment Body', type: 'assessment_body', country: 'ES' },
  { key: 'government', name: 'Demo Labour Ministry', type: 'government', country: 'ES' },
];

const USERS: { role: Role; org: string; name: string; email: string }[] = [
  { role: 'migrant', org: 'pes', name: 'Amina Diallo', email: 'migrant@demo.corridor.example' },
  { role: 'advisor', org: 'pes', name: 'Lucía Fernández', email: 'advisor@demo.corridor.example' },
  { role: 'employer', org: 'employer', name: 'Marc Dubois', email: 'employer@demo.corridor.example' },
  { role: 'training_provider', org: 'training', name: 'Inés Navarro', email: 'training@demo.corridor.example' },
  { role: 'assessor', org: 'assessment', name: 'Youssef El Amrani', email: 'assessor@demo.corridor.example' },
  { role: 'analyst', org: 'government', name: 'Sofia Romero', email: 'analyst@demo.corridor.example' },
  {
    role: 'labour_inspector',
    org: 'government',
    name: 'Tomás Herrera',
    email: 'inspector@demo.corridor.example',
  },
  { role: 'org_admin', org: 'pes', name: 'Carmen Ruiz', email: 'orgadmin@demo.corridor.example' },
  { role: 'platform_admin', org: 'government', name: 'Platform Admin', email: 'platformadmin@demo.corridor.example' },
];

export interface DemoAccount {
  role: Role;
  email: string;
  name: string;
  organisation: string;
  created: boolean;
}

export async function seedDemo(
  db: Kysely<Database>,
  services: Services,
  password = DEMO_PASSWORD,
): Promise<DemoAccount[]> {
  const passwordHash = await hashPassword(password);
  const seal = services.has('accountSeal') ? services.get('accountSeal') : null;
  return db.transaction().execute(async (trx) => {
    const orgIds = new Map<string, { id: string; name: string }>();
    for (const o of ORGS) {
      const existing = await trx.selectFrom('organisation').select('id').where('name', '=', o.name).executeTakeFirst();
      const id = existing?.id ?? (await createOrganisation(trx, o)).id;
      orgIds.set(o.key, { id, name: o.name });
    }
    const accounts: DemoAccount[] = [];
    for (const u of USERS) {
      const org = orgIds.get(u.org)!;
      const existing = await trx
        .selectFrom('app_user')
        .select(['id', 'role'])
        .where(emailIs(seal, u.email))
        .executeTakeFirst();
      if (existing && existing.role !== u.role) {
        throw new Error(`${u.email} exists with role ${existing.role}; remove it or use another data folder`);
      }
      const user = existing
        ? { id: existing.id, name: u.name, email: u.email, role: u.role, organisationId: org.id }
        : await createUser(trx, { organisationId: org.id, role: u.role, name: u.name, email: u.email }, seal);
      await trx
        .updateTable('app_user')
        .set({
          password_hash: passwordHash,
          failed_logins: 0,
          locked_until: null,
          disabled_at: null,
          updated_at: new Date(),
        })
        .where('id', '=', user.id)
        .execute();
      if (u.role === 'migrant') await services.get('migrants').ensureMigrantForUser(trx, user);
      accounts.push({ role: u.role, email: u.email, name: u.name, organisation: org.name, created: !existing });
    }
    return accounts;
  });
}

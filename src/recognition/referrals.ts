// Referrals as the screens show them: which organisation a case went to, from which, and whether the person's
// consent still lets that organisation see it.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { getOrganisation, hasConsent, organisationsOfUsers } from '../identity/domain.js';
import type { CaseView, ReferralView } from './model.js';
import { latestReferrals, toCase, type CaseRow, type ReferralRow } from './store.js';

type Db = Kysely<Database>;

export async function organisationName(db: Db, id: string, names = new Map<string, string>()): Promise<string> {
  let name = names.get(id);
  if (name === undefined) {
    name = (await getOrganisation(db, id))?.name ?? '';
    names.set(id, name);
  }
  return name;
}

export async function toReferral(db: Db, r: ReferralRow, names = new Map<string, string>()): Promise<ReferralView> {
  return {
    id: r.id,
    assessingOrganisationId: r.assessing_organisation_id,
    assessingOrganisationName: await organisationName(db, r.assessing_organisation_id, names),
    homeOrganisationName: await organisationName(db, r.organisation_id, names),
    status: r.status,
    note: r.note,
    referredAt: new Date(r.created_at).toISOString(),
    withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at).toISOString() : null,
    consentInForce:
      r.status === 'active' &&
      (await hasConsent(db, r.migrant_id, 'recognition_referral', { organisationId: r.assessing_organisation_id })),
  };
}

/**
 * Cases as views, each with its last referral and, when an assessor of another organisation decided it, that
 * organisation's name (read from who decided, so a decision by the home organisation is never credited elsewhere).
 */
export async function casesWithReferrals(db: Db, rows: readonly CaseRow[]): Promise<CaseView[]> {
  const referrals = await latestReferrals(
    db,
    rows.map((r) => r.id),
  );
  const deciders = await organisationsOfUsers(db, [
    ...new Set(rows.flatMap((r) => (r.decided_by && referrals.has(r.id) ? [r.decided_by] : []))),
  ]);
  const names = new Map<string, string>();
  const out: CaseView[] = [];
  for (const row of rows) {
    const r = referrals.get(row.id);
    if (!r) {
      out.push(toCase(row));
      continue;
    }
    const decidedIn = row.decided_by ? deciders.get(row.decided_by) : undefined;
    out.push({
      ...toCase(row),
      referral: await toReferral(db, r, names),
      decidedByOrganisationName:
        decidedIn && decidedIn !== row.organisation_id ? await organisationName(db, decidedIn, names) : null,
    });
  }
  return out;
}

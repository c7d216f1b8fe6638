// Protection storage: rows in and out, and the checks a schema cannot express. Commands (commands.ts) write through
// it inside their transaction; routes read through it.
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.js';
import { conflict, invalid, notFound } from '../kernel/errors.js';
import { displayNameOf as profileDisplayName, isRealDate, openDisplayName } from '../profiles/domain.js';
import { accountNames } from '../identity/domain.js';
import type { FieldCipher } from '../shared/crypto.js';
import type { Goal, Outcome, Referral, Service } from './model.js';
import { Opener } from './sealed.js';
import { question } from './screening.js';
import { isKnownCurrency, RateTable, recruitmentCostMonths, type CostEntry, type ExchangeRate } from './sdg.js';
import type { ProtectionTables } from './schema.js';

type Db = Kysely<Database>;
type Row<T extends keyof ProtectionTables> = Selectable<ProtectionTables[T]>;

/** Today as YYYY-MM-DD (UTC): the day against which "future" and "overdue" are judged. */
export function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** A real calendar day, not after today. */
export function checkPastDate(value: string, path: string, now: Date): void {
  if (!isRealDate(value)) throw invalid('Not a calendar date', path);
  if (value > dayOf(now)) throw invalid('This date is in the future', path, 'future_date');
}

export function checkCurrency(code: string, path: string): void {
  if (!isKnownCurrency(code)) throw invalid(`${code} is not an ISO 4217 currency`, path, 'unknown_currency');
}

const iso = (d: Date | string) => new Date(d).toISOString();
const money = (v: number) => v.toFixed(2);

// ---- the case ----

export type CaseRow = Row<'protection_case'>;

export async function findCase(db: Db, migrantId: string): Promise<CaseRow | undefined> {
  return db.selectFrom('protection_case').selectAll().where('migrant_id', '=', migrantId).executeTakeFirst();
}

/** The person's case, opened on first use; an advisor opening it becomes its lead advisor. */
export async function ensureCase(
  db: Db,
  input: { id: string; migrantId: string; organisationId: string; advisorId: string | null },
): Promise<{ row: CaseRow; created: boolean }> {
  const existing = await findCase(db, input.migrantId);
  if (existing) return { row: existing, created: false };
  const inserted = await db
    .insertInto('protection_case')
    .values({
      id: input.id,
      organisation_id: input.organisationId,
      migrant_id: input.migrantId,
      lead_advisor_id: input.advisorId,
      advisor_ids: JSON.stringify(input.advisorId ? [input.advisorId] : []),
      status: 'open',
    })
    .onConflict((oc) => oc.column('migrant_id').doNothing())
    .returningAll()
    .executeTakeFirst();
  // A concurrent first write opened it: use that one.
  return inserted ? { row: inserted, created: true } : { row: (await findCase(db, input.migrantId))!, created: false };
}

export async function setCaseAdvisors(db: Db, caseId: string, lead: string | null, advisors: string[]) {
  return db
    .updateTable('protection_case')
    .set((eb) => ({
      lead_advisor_id: lead,
      advisor_ids: JSON.stringify([...new Set(advisors)]),
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', caseId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function toCaseSummary(row: CaseRow) {
  return {
    migrantId: row.migrant_id,
    organisationId: row.organisation_id,
    leadAdvisorId: row.lead_advisor_id,
    advisorIds: row.advisor_ids,
    status: row.status,
    version: row.version,
  };
}

/** A user of the organisation who works on cases (advisor or org admin); else an error at `path`. */
export async function checkStaff(db: Db, organisationId: string, userId: string, path: string): Promise<void> {
  const u = await db
    .selectFrom('app_user')
    .select(['organisation_id', 'role', 'disabled_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!u || u.organisation_id !== organisationId || !['advisor', 'org_admin'].includes(u.role) || u.disabled_at) {
    throw invalid('Not an advisor of this organisation', path);
  }
}

export async function displayNameOf(db: Db, cipher: FieldCipher, migrantId: string): Promise<string> {
  return profileDisplayName(db, cipher, migrantId);
}

// ---- action plan ----

export function toGoal(r: Row<'protection_goal'>): Goal {
  return {
    id: r.id,
    title: r.title,
    steps: r.steps,
    owner: r.owner,
    ownerUserId: r.owner_user_id,
    dueDate: r.due_date,
    status: r.status,
    version: r.version,
    updatedAt: iso(r.updated_at),
  };
}

// ---- services and referrals ----

export function toService(r: Row<'protection_service'>): Service {
  return {
    id: r.id,
    name: r.name,
    category: r.category,
    country: r.country,
    region: r.region,
    contact: r.contact,
    languages: r.languages,
  };
}

export async function listServices(db: Db, organisationId: string): Promise<Service[]> {
  const rows = await db
    .selectFrom('protection_service')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('category')
    .orderBy('name')
    .execute();
  return rows.map(toService);
}

/** The organisation's first directory service of a category (for referrals raised by an alert). */
export async function serviceFor(db: Db, organisationId: string, category: string) {
  return db
    .selectFrom('protection_service')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('category', '=', category)
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
}

type ReferralRow = Row<'protection_referral'> & { service_name: string | null };

function referralQuery(db: Db) {
  return db
    .selectFrom('protection_referral as r')
    .leftJoin('protection_service as s', 's.id', 'r.service_id')
    .selectAll('r')
    .select('s.name as service_name');
}

export function toReferral(r: ReferralRow): Referral {
  return {
    id: r.id,
    migrantId: r.migrant_id,
    category: r.category,
    serviceId: r.service_id,
    serviceName: r.service_name,
    targetOrganisationId: r.target_organisation_id,
    note: r.note,
    status: r.status,
    urgent: r.urgent,
    source: r.source,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export async function getReferral(db: Db, id: string): Promise<Referral> {
  const r = await referralQuery(db).where('r.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('No such referral', 'referralId');
  return toReferral(r);
}

export async function findReferralRow(db: Db, id: string) {
  if (id.length > 100) return undefined;
  return db.selectFrom('protection_referral').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Referrals sent to an organisation on this instance, with the person's name (shared under their consent). */
export async function incomingReferrals(db: Db, cipher: FieldCipher, organisationId: string) {
  const rows = await referralQuery(db)
    .innerJoin('profile as p', 'p.id', 'r.migrant_id')
    .leftJoin('person_key as k', 'k.subject_id', 'p.id')
    .select(['p.display_name', 'p.display_name_enc', 'k.wrapped'])
    .where('r.target_organisation_id', '=', organisationId)
    .where('p.erased_at', 'is', null)
    .orderBy('r.created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({ ...toReferral(r), displayName: openDisplayName(cipher, { ...r, id: r.migrant_id }) }));
}

// ---- follow-ups ----

export function toFollowUp(r: Row<'protection_follow_up'>, today: string, displayName?: string) {
  return {
    id: r.id,
    migrantId: r.migrant_id,
    ...(displayName !== undefined ? { displayName } : {}),
    dueDate: r.due_date,
    purpose: r.purpose,
    assignedTo: r.assigned_to,
    doneAt: r.done_at ? iso(r.done_at) : null,
    doneNote: r.done_note,
    overdue: !r.done_at && r.due_date < today,
    version: r.version,
  };
}

/** Open follow-ups due before today that are the user's: assigned to them, or unassigned on a case they lead. */
export async function overdueFollowUps(
  db: Db,
  cipher: FieldCipher,
  user: { id: string; organisationId: string },
  today: string,
) {
  const rows = await db
    .selectFrom('protection_follow_up as f')
    .innerJoin('profile as p', 'p.id', 'f.migrant_id')
    .leftJoin('person_key as k', 'k.subject_id', 'p.id')
    .leftJoin('protection_case as c', 'c.migrant_id', 'f.migrant_id')
    .selectAll('f')
    .select(['p.display_name', 'p.display_name_enc', 'k.wrapped'])
    .where('f.organisation_id', '=', user.organisationId)
    .where('f.done_at', 'is', null)
    .where('f.due_date', '<', today)
    .where('p.erased_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('f.assigned_to', '=', user.id),
        eb.and([eb('f.assigned_to', 'is', null), eb('c.lead_advisor_id', '=', user.id)]),
      ]),
    )
    .orderBy('f.due_date')
    .orderBy('f.id')
    .limit(200)
    .execute();
  return rows.map((r) => toFollowUp(r, today, openDisplayName(cipher, { ...r, id: r.migrant_id })));
}

/** People on the user's cases who sent a report nobody has read yet. */
export async function unreadReports(db: Db, cipher: FieldCipher, userId: string) {
  const rows = await db
    .selectFrom('protection_report as r')
    .innerJoin('protection_case as c', 'c.migrant_id', 'r.migrant_id')
    .innerJoin('profile as p', 'p.id', 'r.migrant_id')
    .leftJoin('person_key as k', 'k.subject_id', 'p.id')
    .select(['r.migrant_id', 'p.display_name', 'p.display_name_enc', 'k.wrapped'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('r.seen_at', 'is', null)
    .where('c.lead_advisor_id', '=', userId)
    .where('p.erased_at', 'is', null)
    .groupBy(['r.migrant_id', 'p.display_name', 'p.display_name_enc', 'k.wrapped'])
    .execute();
  return rows.map((r) => ({
    migrantId: r.migrant_id,
    displayName: openDisplayName(cipher, { ...r, id: r.migrant_id }),
    count: Number(r.n),
  }));
}

// ---- outcomes ----

export function toOutcome(r: Row<'protection_outcome'>): Outcome {
  return {
    id: r.id,
    kind: r.kind,
    date: r.occurred_on,
    note: r.note,
    employment:
      r.kind === 'employed'
        ? {
            vacancyId: r.vacancy_id,
            employerName: r.employer_name ?? '',
            occupationUri: r.occupation_uri ?? '',
            isco: r.isco ?? '',
            sector: r.sector,
            contractType: r.contract_type ?? '',
            wage:
              r.wage_amount === null
                ? null
                : { amount: Number(r.wage_amount), currency: r.wage_currency ?? '', period: r.wage_period ?? '' },
          }
        : null,
    training: r.training_title ? { title: r.training_title } : null,
    returnedTo: r.returned_to,
    createdAt: iso(r.created_at),
  };
}

// ---- the whole case, as staff of the organisation see it ----

export async function caseView(db: Db, cipher: FieldCipher, migrantId: string, today: string) {
  const [c, goals, referrals, followUps, outcomes, transfers, screenings, reports, displayName] = await Promise.all([
    findCase(db, migrantId),
    db.selectFrom('protection_goal').selectAll().where('migrant_id', '=', migrantId).orderBy('created_at').execute(),
    referralQuery(db).where('r.migrant_id', '=', migrantId).orderBy('r.created_at', 'desc').execute(),
    db
      .selectFrom('protection_follow_up')
      .selectAll()
      .where('migrant_id', '=', migrantId)
      .orderBy('due_date')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('protection_outcome')
      .selectAll()
      .where('migrant_id', '=', migrantId)
      .orderBy('occurred_on', 'desc')
      .orderBy('created_at', 'desc')
      .execute(),
    db
      .selectFrom('protection_transfer')
      .selectAll()
      .where('migrant_id', '=', migrantId)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('protection_screening')
      .select(['id', 'screened_on'])
      .where('migrant_id', '=', migrantId)
      .orderBy('screened_on', 'desc')
      .orderBy('created_at', 'desc')
      .execute(),
    db
      .selectFrom('protection_report')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('migrant_id', '=', migrantId)
      .executeTakeFirst(),
    displayNameOf(db, cipher, migrantId),
  ]);
  return {
    case: c ? toCaseSummary(c) : null,
    displayName,
    goals: goals.map(toGoal),
    referrals: referrals.map(toReferral),
    followUps: followUps.map((f) => toFollowUp(f, today)),
    outcomes: outcomes.map(toOutcome),
    transfers: transfers.map((t) => ({
      id: t.id,
      fromOrganisationId: t.from_organisation_id,
      toOrganisationId: t.to_organisation_id,
      fromAdvisorId: t.from_advisor_id,
      toAdvisorId: t.to_advisor_id,
      note: t.note,
      createdAt: iso(t.created_at),
    })),
    screenings: screenings.map((s) => ({ id: s.id, screenedOn: s.screened_on })),
    reports: Number(reports?.n ?? 0),
  };
}

/** Decrypted screenings and reports of a person (the caller audits the read). */
export async function confidential(db: Db, cipher: FieldCipher, migrantId: string) {
  const [screenings, reports] = await Promise.all([
    db
      .selectFrom('protection_screening')
      .selectAll()
      .where('migrant_id', '=', migrantId)
      .orderBy('screened_on', 'desc')
      .orderBy('created_at', 'desc')
      .execute(),
    db
      .selectFrom('protection_report')
      .selectAll()
      .where('migrant_id', '=', migrantId)
      .orderBy('created_at', 'desc')
      .execute(),
  ]);
  const opener = await Opener.of(db, cipher, [migrantId]);
  return {
    screenings: screenings.map((s) => {
      const open = opener.screening(migrantId, s.id, s.sealed);
      return {
        id: s.id,
        screenedOn: s.screened_on,
        answers: open.answers.map((a) => ({ ...a, level: question(a.question)?.level ?? a.level })),
        judgement: open.judgement,
        alerts: open.alerts,
        createdAt: iso(s.created_at),
      };
    }),
    reports: reports.map((r) => ({
      id: r.id,
      kind: r.kind,
      text: opener.report(migrantId, r.id, r.sealed),
      createdAt: iso(r.created_at),
      seenAt: r.seen_at ? iso(r.seen_at) : null,
    })),
  };
}

// ---- supervision ----

/**
 * The cases a supervisor oversees: those of their team's advisors, and the organisation's unassigned ones; by name,
 * at most 1,000. Names are sealed under each person's key, so the database cannot sort by them: the filtered set's
 * names are opened (keys joined to the rows, one query) and sorted here, then the counts are read for the page only.
 */
export async function teamCaseload(
  db: Db,
  cipher: FieldCipher,
  user: { id: string; role: string; organisationId: string },
  today: string,
) {
  let q = db
    .selectFrom('protection_case as c')
    .innerJoin('profile as p', 'p.id', 'c.migrant_id')
    .leftJoin('person_key as k', 'k.subject_id', 'p.id')
    .select(['c.migrant_id', 'p.display_name', 'p.display_name_enc', 'k.wrapped'])
    .where('c.organisation_id', '=', user.organisationId)
    .where('p.erased_at', 'is', null);
  if (user.role !== 'org_admin') {
    const team = (
      await db.selectFrom('protection_supervision').select('advisor_id').where('supervisor_id', '=', user.id).execute()
    ).map((r) => r.advisor_id);
    q = q.where((eb) =>
      eb.or([eb('c.lead_advisor_id', 'is', null), ...(team.length ? [eb('c.lead_advisor_id', 'in', team)] : [])]),
    );
  }
  const named = (await q.execute())
    .map((r) => ({ id: r.migrant_id, name: openDisplayName(cipher, { ...r, id: r.migrant_id }) }))
    .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, 1000);
  if (named.length === 0) return [];
  const rows = await db
    .selectFrom('protection_case as c')
    .select(['c.migrant_id', 'c.lead_advisor_id', 'c.status'])
    .select((eb) => [
      eb
        .selectFrom('protection_follow_up as f')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('f.migrant_id', '=', 'c.migrant_id')
        .where('f.done_at', 'is', null)
        .where('f.due_date', '<', today)
        .as('overdue'),
      eb
        .selectFrom('protection_referral as r')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('r.migrant_id', '=', 'c.migrant_id')
        .where('r.status', 'in', ['raised', 'sent', 'accepted'])
        .as('open_referrals'),
      eb
        .selectFrom('protection_goal as g')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('g.migrant_id', '=', 'c.migrant_id')
        .where('g.status', '=', 'open')
        .as('open_goals'),
      eb
        .selectFrom('protection_outcome as o')
        .select('o.kind')
        .whereRef('o.migrant_id', '=', 'c.migrant_id')
        .orderBy('o.occurred_on', 'desc')
        .orderBy('o.created_at', 'desc')
        .limit(1)
        .as('last_outcome'),
    ])
    .where('c.organisation_id', '=', user.organisationId)
    .where(
      'c.migrant_id',
      'in',
      named.map((n) => n.id),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.migrant_id, r]));
  const leads = await accountNames(
    db,
    cipher,
    rows.flatMap((r) => (r.lead_advisor_id ? [r.lead_advisor_id] : [])),
  );
  return named.flatMap(({ id, name }) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        migrantId: r.migrant_id,
        displayName: name,
        leadAdvisorId: r.lead_advisor_id,
        leadAdvisorName: r.lead_advisor_id ? (leads.get(r.lead_advisor_id) ?? null) : null,
        status: r.status,
        overdueFollowUps: Number(r.overdue ?? 0),
        openReferrals: Number(r.open_referrals ?? 0),
        openGoals: Number(r.open_goals ?? 0),
        lastOutcome: r.last_outcome ?? null,
      },
    ];
  });
}

// ---- fair recruitment ----

export function toFee(r: Row<'protection_fee'>) {
  return {
    id: r.id,
    category: r.category,
    amount: Number(r.amount),
    currency: r.currency,
    paidOn: r.paid_on,
    paidBy: r.paid_by,
    loan: r.loan,
    loanInterest: Number(r.loan_interest),
    recruiterId: r.recruiter_id,
    vacancyId: r.vacancy_id,
    note: r.note,
    createdAt: iso(r.created_at),
  };
}

export async function loadRates(db: Db): Promise<RateTable> {
  const rows = await db.selectFrom('protection_exchange_rate').selectAll().execute();
  return new RateTable(rows.map(toRate));
}

export function toRate(r: Row<'protection_exchange_rate'>): ExchangeRate & { example: boolean } {
  return { currency: r.currency, validOn: r.valid_on, perUsd: Number(r.per_usd), example: r.example };
}

/** A person's fee log and their SDG 10.7.1 indicator (or why there is none yet). */
export async function feeLog(db: Db, migrantId: string, rates?: RateTable) {
  const [fees, earnings] = await Promise.all([
    db
      .selectFrom('protection_fee')
      .selectAll()
      .where('migrant_id', '=', migrantId)
      .orderBy('paid_on')
      .orderBy('created_at')
      .execute(),
    db.selectFrom('protection_earnings').selectAll().where('migrant_id', '=', migrantId).executeTakeFirst(),
  ]);
  const list = fees.map(toFee);
  const e = earnings
    ? { month: earnings.month, amount: Number(earnings.amount), currency: earnings.currency, country: earnings.country }
    : null;
  let indicator = null;
  let indicatorMissing = null;
  if (!e) indicatorMissing = { code: 'no_earnings', message: 'Record the first full month’s earnings' };
  else {
    try {
      indicator = recruitmentCostMonths(list.map(costOf), e, rates ?? (await loadRates(db)));
    } catch (err) {
      const d = err as { code?: string; message?: string };
      indicatorMissing = { code: d.code ?? 'invalid', message: d.message ?? String(err) };
    }
  }
  return { fees: list, earnings: e, indicator, indicatorMissing };
}

export function costOf(f: { amount: number; currency: string; paidOn: string; loanInterest: number }): CostEntry {
  return { amount: f.amount, currency: f.currency, paidOn: f.paidOn, loanInterest: f.loanInterest };
}

export async function insertFee(
  db: Db,
  row: { id: string; organisationId: string; migrantId: string; recordedBy: string | null },
  input: {
    category: string;
    amount: number;
    currency: string;
    paidOn: string;
    paidBy: string;
    loan: boolean;
    loanInterest: number;
    recruiterId?: string | null;
    vacancyId?: string | null;
    note?: string | null;
  },
) {
  const inserted = await db
    .insertInto('protection_fee')
    .values({
      id: row.id,
      organisation_id: row.organisationId,
      migrant_id: row.migrantId,
      category: input.category,
      amount: money(input.amount),
      currency: input.currency,
      paid_on: input.paidOn,
      paid_by: input.paidBy,
      loan: input.loan,
      loan_interest: money(input.loanInterest),
      recruiter_id: input.recruiterId ?? null,
      vacancy_id: input.vacancyId ?? null,
      note: input.note ?? null,
      recorded_by: row.recordedBy,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!inserted) throw conflict('A fee with this id exists already', 'id', 'exists');
  return toFee(inserted);
}

export function toRecruiter(r: Row<'protection_recruiter'>, workersPaying: number) {
  return {
    id: r.id,
    name: r.name,
    licenceNumber: r.licence_number,
    country: r.country,
    licenceStatus: r.licence_status,
    certification: r.certification,
    complaints: r.complaints,
    workersPaying,
    version: r.version,
  };
}

/** Workers who paid a non-zero cost linked to each recruiter / vacancy. */
async function payingWorkers(db: Db, column: 'recruiter_id' | 'vacancy_id'): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('protection_fee')
    .select(column)
    .select((eb) => eb.fn.count<number>('migrant_id').distinct().as('n'))
    .where(column, 'is not', null)
    .where((eb) => eb.or([eb('amount', '>', '0'), eb('loan_interest', '>', '0')]))
    .groupBy(column)
    .execute();
  return new Map(rows.map((r) => [(r as unknown as Record<string, string>)[column]!, Number(r.n)]));
}

export async function listRecruiters(db: Db) {
  const [rows, paying] = await Promise.all([
    db.selectFrom('protection_recruiter').selectAll().orderBy('name').orderBy('id').limit(1000).execute(),
    payingWorkers(db, 'recruiter_id'),
  ]);
  return rows.map((r) => toRecruiter(r, paying.get(r.id) ?? 0));
}

/** Vacancies and recruiters linked to costs that workers paid: what advisors are warned of and inspectors read. */
export async function fairRecruitmentFlags(db: Db) {
  const [byVacancy, byRecruiter] = await Promise.all([
    payingWorkers(db, 'vacancy_id'),
    payingWorkers(db, 'recruiter_id'),
  ]);
  const vacancyIds = [...byVacancy.keys()];
  const recruiterIds = [...byRecruiter.keys()];
  const [vacancies, recruiters] = await Promise.all([
    vacancyIds.length
      ? db
          .selectFrom('vacancy')
          .select(['id', 'title', 'organisation_id', 'country', 'employer_pays_recruitment_fees'])
          .where('id', 'in', vacancyIds)
          .orderBy('title')
          .execute()
      : [],
    recruiterIds.length
      ? db.selectFrom('protection_recruiter').selectAll().where('id', 'in', recruiterIds).orderBy('name').execute()
      : [],
  ]);
  return {
    vacancies: vacancies.map((v) => ({
      id: v.id,
      title: v.title,
      organisationId: v.organisation_id,
      country: v.country,
      employerPaysDeclared: v.employer_pays_recruitment_fees,
      workers: byVacancy.get(v.id) ?? 0,
    })),
    recruiters: recruiters.map((r) => ({
      id: r.id,
      name: r.name,
      country: r.country,
      licenceNumber: r.licence_number,
      licenceStatus: r.licence_status,
      workers: byRecruiter.get(r.id) ?? 0,
    })),
  };
}

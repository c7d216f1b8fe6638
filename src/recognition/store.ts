// Recognition storage (SQL only; no policy here). Document bytes and file names are stored encrypted; the rest is
// plain so assessors' queues can be filtered and sorted. The reads at the end are what other capabilities (the
// passport, profiles' displays) use: recognised qualifications and assessed skills with their provenance.
import type { Insertable, Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { compiledQuery } from '../db/compiled.js';
import type { FieldCipher } from '../shared/crypto.js';
import type {
  CaseEvent,
  CaseView,
  DocumentSummary,
  Framework,
  FrameworkLevel,
  Qualification,
  RecognisedQualification,
  RplAssessment,
  SkillProvenance,
} from './model.js';

type Db = Kysely<Database>;
export type QualificationRow = Selectable<Database['recognition_qualification']>;
export type DocumentRow = Selectable<Database['recognition_document']>;
export type CaseRow = Selectable<Database['recognition_case']>;
export type RplRow = Selectable<Database['recognition_rpl_assessment']>;
export type ReferralRow = Selectable<Database['recognition_referral']>;

const iso = (d: Date | string) => new Date(d).toISOString();
const day = (d: Date | string) => iso(d).slice(0, 10);

/** Encryption contexts bind each ciphertext to its row and column. */
export const documentContentContext = (id: string) => `recognition_document.content:${id}`;
export const documentNameContext = (id: string) => `recognition_document.file_name:${id}`;

// ---- qualifications ----

export async function insertQualification(
  db: Db,
  values: Insertable<Database['recognition_qualification']>,
): Promise<QualificationRow> {
  return db.insertInto('recognition_qualification').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findQualificationRow(db: Db, id: string): Promise<QualificationRow | undefined> {
  return db.selectFrom('recognition_qualification').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setQualificationStatus(
  db: Db,
  id: string,
  status: string,
  eqfLevel?: number | null,
): Promise<QualificationRow> {
  return db
    .updateTable('recognition_qualification')
    .set({
      status,
      ...(eqfLevel !== undefined ? { eqf_level: eqfLevel } : {}),
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The EQF level of a national framework level, when the framework table references one. */
export async function referencedEqf(db: Db, framework: string | null, level: string | null): Promise<number | null> {
  if (!framework || !level) return null;
  const row = await db
    .selectFrom('recognition_framework_level')
    .select('eqf_level')
    .where('framework', '=', framework)
    .where('level', '=', level)
    .executeTakeFirst();
  return row?.eqf_level ?? null;
}

export async function toQualification(db: Db, row: QualificationRow): Promise<Qualification> {
  return {
    id: row.id,
    migrantId: row.migrant_id,
    organisationId: row.organisation_id,
    originalTitle: row.original_title,
    titleTranslation: row.title_translation,
    translationLang: row.translation_lang,
    awardingBody: row.awarding_body,
    country: row.country,
    year: row.year,
    iscedField: row.isced_field,
    nationalFramework: row.national_framework,
    nationalLevel: row.national_level,
    referencedEqfLevel: await referencedEqf(db, row.national_framework, row.national_level),
    status: row.status,
    eqfLevel: row.eqf_level,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export async function listQualificationRows(db: Db, migrantId: string): Promise<QualificationRow[]> {
  return db
    .selectFrom('recognition_qualification')
    .selectAll()
    .where('migrant_id', '=', migrantId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

// ---- documents ----

export async function insertDocument(
  db: Db,
  cipher: FieldCipher,
  d: {
    id: string;
    organisationId: string;
    migrantId: string;
    qualificationId: string;
    kind: string;
    fileName: string;
    mediaType: string;
    content: Buffer;
    sha256: string;
    uploadedBy: string | null;
  },
): Promise<DocumentRow> {
  return db
    .insertInto('recognition_document')
    .values({
      id: d.id,
      organisation_id: d.organisationId,
      migrant_id: d.migrantId,
      qualification_id: d.qualificationId,
      kind: d.kind,
      file_name_enc: cipher.encrypt(d.fileName, documentNameContext(d.id)),
      media_type: d.mediaType,
      size_bytes: d.content.length,
      sha256: d.sha256,
      content_enc: cipher.encrypt(d.content.toString('base64'), documentContentContext(d.id)),
      uploaded_by: d.uploadedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findDocumentMeta(db: Db, id: string) {
  return db
    .selectFrom('recognition_document')
    .select([
      'id',
      'organisation_id',
      'migrant_id',
      'qualification_id',
      'kind',
      'file_name_enc',
      'media_type',
      'size_bytes',
      'sha256',
      'created_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The file's bytes (decrypted); null when there is no such document. */
export async function readDocumentContent(
  db: Db,
  cipher: FieldCipher,
  id: string,
): Promise<{ content: Buffer; mediaType: string; fileName: string } | null> {
  const row = await db.selectFrom('recognition_document').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return {
    content: Buffer.from(cipher.decrypt(row.content_enc, documentContentContext(id)), 'base64'),
    mediaType: row.media_type,
    fileName: cipher.decrypt(row.file_name_enc, documentNameContext(id)),
  };
}

export async function listDocumentSummaries(
  db: Db,
  cipher: FieldCipher,
  qualificationIds: readonly string[],
): Promise<Map<string, DocumentSummary[]>> {
  const out = new Map<string, DocumentSummary[]>();
  if (qualificationIds.length === 0) return out;
  const rows = await db
    .selectFrom('recognition_document')
    .select(['id', 'qualification_id', 'kind', 'file_name_enc', 'media_type', 'size_bytes', 'sha256', 'created_at'])
    .where('qualification_id', 'in', [...qualificationIds])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.qualification_id) ?? [];
    list.push({
      id: r.id,
      kind: r.kind,
      fileName: cipher.decrypt(r.file_name_enc, documentNameContext(r.id)),
      mediaType: r.media_type,
      sizeBytes: r.size_bytes,
      sha256: r.sha256,
      createdAt: iso(r.created_at),
    });
    out.set(r.qualification_id, list);
  }
  return out;
}

export async function deleteDocument(db: Db, id: string): Promise<boolean> {
  const r = await db.deleteFrom('recognition_document').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// ---- frameworks (reference data) ----

export async function listFrameworks(db: Db): Promise<Framework[]> {
  const [frameworks, levels] = await Promise.all([
    db.selectFrom('recognition_framework').selectAll().orderBy('kind').orderBy('code').execute(),
    db.selectFrom('recognition_framework_level').selectAll().orderBy('framework').orderBy('rank').execute(),
  ]);
  const byFramework = new Map<string, FrameworkLevel[]>();
  for (const l of levels) {
    const list = byFramework.get(l.framework) ?? [];
    list.push({
      level: l.level,
      rank: l.rank,
      title: l.title,
      descriptor: l.descriptor,
      eqfLevel: l.eqf_level,
      regionalFramework: l.regional_framework,
      regionalLevel: l.regional_level,
      example: l.example,
    });
    byFramework.set(l.framework, list);
  }
  return frameworks.map((f) => ({
    code: f.code,
    name: f.name,
    kind: f.kind,
    country: f.country,
    example: f.example,
    levels: byFramework.get(f.code) ?? [],
  }));
}

export async function frameworkExists(db: Db, code: string): Promise<boolean> {
  const row = await db.selectFrom('recognition_framework').select('code').where('code', '=', code).executeTakeFirst();
  return row !== undefined;
}

export async function frameworkLevelExists(db: Db, framework: string, level: string): Promise<boolean> {
  const row = await db
    .selectFrom('recognition_framework_level')
    .select('level')
    .where('framework', '=', framework)
    .where('level', '=', level)
    .executeTakeFirst();
  return row !== undefined;
}

/** Replaces each named framework whole (its levels too); frameworks not named stay. */
export async function replaceFrameworks(db: Db, frameworks: readonly Omit<Framework, 'example'>[]): Promise<void> {
  for (const f of frameworks) {
    await db.deleteFrom('recognition_framework_level').where('framework', '=', f.code).execute();
    await db
      .insertInto('recognition_framework')
      .values({ code: f.code, name: f.name, kind: f.kind, country: f.country, example: false })
      .onConflict((oc) =>
        oc
          .column('code')
          .doUpdateSet({ name: f.name, kind: f.kind, country: f.country, example: false, updated_at: sql`now()` }),
      )
      .execute();
    if (f.levels.length)
      await db
        .insertInto('recognition_framework_level')
        .values(
          f.levels.map((l) => ({
            framework: f.code,
            level: l.level,
            rank: l.rank,
            title: l.title,
            descriptor: l.descriptor,
            eqf_level: l.eqfLevel,
            regional_framework: l.regionalFramework,
            regional_level: l.regionalLevel,
            example: false,
          })),
        )
        .execute();
  }
}

// ---- cases ----

export async function insertCase(db: Db, values: Insertable<Database['recognition_case']>): Promise<CaseRow> {
  return db.insertInto('recognition_case').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findCaseRow(db: Db, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('recognition_case').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The case still open for a qualification (not decided), if any. */
export async function openCaseFor(db: Db, qualificationId: string): Promise<CaseRow | undefined> {
  return db
    .selectFrom('recognition_case')
    .selectAll()
    .where('qualification_id', '=', qualificationId)
    .where('status', '!=', 'decided')
    .executeTakeFirst();
}

export function toCase(row: CaseRow): CaseView {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    migrantId: row.migrant_id,
    qualificationId: row.qualification_id,
    status: row.status,
    requestedBy: row.requested_by,
    requestedByRole: row.requested_by_role,
    requestNote: row.request_note,
    destinationFramework: row.destination_framework,
    destinationCountry: row.destination_country,
    assessorId: row.assessor_id,
    documentsChecked: row.documents_checked,
    documentsNote: row.documents_note,
    interview: row.interview,
    comparisonNote: row.comparison_note,
    outcome: row.outcome,
    eqfLevel: row.eqf_level,
    destinationLevel: row.destination_level,
    comparableQualification: row.comparable_qualification,
    occupationUris: row.occupation_uris,
    missingSkills: row.missing_skills,
    compensation: row.compensation,
    reasons: row.reasons,
    decisionNote: row.decision_note,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at ? iso(row.decided_at) : null,
    appealReason: row.appeal_reason,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export async function listCaseRows(
  db: Db,
  q: { organisationId?: string; migrantId?: string; statuses?: readonly string[]; limit?: number },
): Promise<CaseRow[]> {
  let query = db.selectFrom('recognition_case').selectAll();
  if (q.organisationId) query = query.where('organisation_id', '=', q.organisationId);
  if (q.migrantId) query = query.where('migrant_id', '=', q.migrantId);
  if (q.statuses?.length) query = query.where('status', 'in', [...q.statuses]);
  return query
    .orderBy('created_at')
    .orderBy('id')
    .limit(q.limit ?? 200)
    .execute();
}

export async function addCaseEvent(
  db: Db,
  e: { id: string; organisationId: string; caseId: string; step: string; actorId: string | null; detail?: object },
): Promise<void> {
  await db
    .insertInto('recognition_case_event')
    .values({
      id: e.id,
      organisation_id: e.organisationId,
      case_id: e.caseId,
      step: e.step,
      actor_id: e.actorId,
      detail: JSON.stringify(e.detail ?? {}),
    })
    .execute();
}

export async function listCaseEvents(db: Db, caseId: string): Promise<CaseEvent[]> {
  const rows = await db
    .selectFrom('recognition_case_event')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ step: r.step, actorId: r.actor_id, at: iso(r.at), detail: r.detail }));
}

// ---- referrals ----

/** The case's referral in force (at most one), if any. */
export async function activeReferral(db: Db, caseId: string): Promise<ReferralRow | undefined> {
  return db
    .selectFrom('recognition_referral')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

/** The last referral of each case (active or withdrawn), for showing where a case went. */
export async function latestReferrals(db: Db, caseIds: readonly string[]): Promise<Map<string, ReferralRow>> {
  const out = new Map<string, ReferralRow>();
  if (caseIds.length === 0) return out;
  const rows = await db
    .selectFrom('recognition_referral')
    .selectAll()
    .where('case_id', 'in', [...caseIds])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const r of rows) out.set(r.case_id, r);
  return out;
}

/** Active referrals to an organisation, oldest first (its assessors' queue, before the consent check). */
export async function referralsTo(db: Db, organisationId: string, limit = 200): Promise<ReferralRow[]> {
  return db
    .selectFrom('recognition_referral')
    .selectAll()
    .where('assessing_organisation_id', '=', organisationId)
    .where('status', '=', 'active')
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The active referral to `organisationId` of a case about this qualification (a document's way in). */
export async function activeReferralForQualification(
  db: Db,
  qualificationId: string,
  organisationId: string,
): Promise<{ case: CaseRow; referral: ReferralRow } | undefined> {
  const row = await db
    .selectFrom('recognition_referral as r')
    .innerJoin('recognition_case as c', 'c.id', 'r.case_id')
    .select(['r.case_id'])
    .where('c.qualification_id', '=', qualificationId)
    .where('r.assessing_organisation_id', '=', organisationId)
    .where('r.status', '=', 'active')
    .executeTakeFirst();
  if (!row) return undefined;
  const c = await findCaseRow(db, row.case_id);
  const referral = await activeReferral(db, row.case_id);
  return c && referral ? { case: c, referral } : undefined;
}

export async function countActiveReferrals(db: Db, migrantId: string, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom('recognition_referral')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('migrant_id', '=', migrantId)
    .where('assessing_organisation_id', '=', organisationId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- RPL ----

export async function findRplRow(db: Db, id: string): Promise<RplRow | undefined> {
  return db.selectFrom('recognition_rpl_assessment').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getRplAssessment(db: Db, row: RplRow): Promise<RplAssessment> {
  const skills = await db
    .selectFrom('recognition_rpl_skill')
    .select(['skill_uri', 'method', 'result', 'note'])
    .where('assessment_id', '=', row.id)
    .orderBy('skill_uri')
    .execute();
  return {
    id: row.id,
    organisationId: row.organisation_id,
    migrantId: row.migrant_id,
    occupationUri: row.occupation_uri,
    caseId: row.case_id,
    assessorId: row.assessor_id,
    assessorName: row.assessor_name,
    status: row.status,
    completedOn: row.completed_on,
    version: row.version,
    skills: skills.map((s) => ({ skillUri: s.skill_uri, method: s.method, result: s.result, note: s.note })),
  };
}

export async function listRplRows(db: Db, q: { migrantId?: string; caseId?: string }): Promise<RplRow[]> {
  let query = db.selectFrom('recognition_rpl_assessment').selectAll();
  if (q.migrantId) query = query.where('migrant_id', '=', q.migrantId);
  if (q.caseId) query = query.where('case_id', '=', q.caseId);
  return query.orderBy('created_at').orderBy('id').execute();
}

export async function upsertRplSkills(
  db: Db,
  assessmentId: string,
  organisationId: string,
  skills: readonly { skillUri: string; method: string | null; result: string; note?: string | null }[],
): Promise<void> {
  if (!skills.length) return;
  await db
    .insertInto('recognition_rpl_skill')
    .values(
      skills.map((s) => ({
        assessment_id: assessmentId,
        organisation_id: organisationId,
        skill_uri: s.skillUri,
        method: s.method,
        result: s.result,
        note: s.note ?? null,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['assessment_id', 'skill_uri']).doUpdateSet((eb) => ({
        method: eb.ref('excluded.method'),
        result: eb.ref('excluded.result'),
        note: eb.ref('excluded.note'),
      })),
    )
    .execute();
}

// ---- public reads (the passport, profile displays) ----

// Read for every page of candidates (db/compiled.ts builds it once).
const demonstratedSkills = compiledQuery((db: Db, migrantIds: readonly string[]) =>
  db
    .selectFrom('recognition_rpl_skill as s')
    .innerJoin('recognition_rpl_assessment as a', 'a.id', 's.assessment_id')
    .select([
      'a.migrant_id',
      's.skill_uri',
      's.method',
      'a.id',
      'a.occupation_uri',
      'a.assessor_name',
      'a.completed_on',
    ])
    .where(sql<boolean>`a.migrant_id = any(${migrantIds}::text[])`)
    .where('a.status', '=', 'completed')
    .where('s.result', '=', 'demonstrated')
    .orderBy('a.completed_on', 'desc')
    .orderBy('a.created_at', 'desc'),
);

/**
 * Skills a completed RPL assessment found demonstrated, with provenance: per skill the latest assessment. For
 * several people at once (a page of candidates).
 */
export async function assessedSkillsFor(
  db: Db,
  migrantIds: readonly string[],
): Promise<Map<string, SkillProvenance[]>> {
  const out = new Map<string, SkillProvenance[]>();
  if (migrantIds.length === 0) return out;
  const rows = await demonstratedSkills(db, migrantIds);
  const seen = new Set<string>();
  for (const r of rows) {
    const key = `${r.migrant_id} ${r.skill_uri}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const list = out.get(r.migrant_id) ?? [];
    list.push({
      skillUri: r.skill_uri,
      evidence: 'assessed',
      assessmentId: r.id,
      occupationUri: r.occupation_uri,
      assessorName: r.assessor_name,
      assessedOn: r.completed_on ?? '',
      method: r.method ?? 'interview',
    });
    out.set(r.migrant_id, list);
  }
  for (const list of out.values()) list.sort((a, b) => (a.skillUri < b.skillUri ? -1 : 1));
  return out;
}

/** One person's assessed skills with provenance (see assessedSkillsFor). */
export async function assessedSkills(db: Db, migrantId: string): Promise<SkillProvenance[]> {
  return (await assessedSkillsFor(db, [migrantId])).get(migrantId) ?? [];
}

/** The person's qualifications whose latest decision recognised them (fully or partially), with the EQF level. */
export async function recognisedQualifications(db: Db, migrantId: string): Promise<RecognisedQualification[]> {
  const rows = await db
    .selectFrom('recognition_case as c')
    .innerJoin('recognition_qualification as q', 'q.id', 'c.qualification_id')
    .select([
      'q.id as qualification_id',
      'c.id as case_id',
      'q.original_title',
      'q.title_translation',
      'q.awarding_body',
      'q.country',
      'q.year',
      'q.isced_field',
      'c.outcome',
      'c.eqf_level',
      'c.destination_framework',
      'c.destination_level',
      'c.comparable_qualification',
      'c.occupation_uris',
      'c.decided_at',
      'c.decided_by',
    ])
    .where('c.migrant_id', '=', migrantId)
    .where('c.status', '=', 'decided')
    .where('c.outcome', 'in', ['recognised', 'partially_recognised'])
    .where('q.status', 'in', ['recognised', 'partially_recognised'])
    .orderBy('c.decided_at', 'desc')
    .execute();
  const seen = new Set<string>();
  const out: RecognisedQualification[] = [];
  for (const r of rows) {
    if (seen.has(r.qualification_id)) continue;
    seen.add(r.qualification_id);
    out.push({
      qualificationId: r.qualification_id,
      caseId: r.case_id,
      originalTitle: r.original_title,
      titleTranslation: r.title_translation,
      awardingBody: r.awarding_body,
      country: r.country,
      year: r.year,
      iscedField: r.isced_field,
      outcome: r.outcome as 'recognised' | 'partially_recognised',
      eqfLevel: r.eqf_level,
      destinationFramework: r.destination_framework,
      destinationLevel: r.destination_level,
      comparableQualification: r.comparable_qualification,
      occupationUris: r.occupation_uris,
      decidedAt: day(r.decided_at!),
      decidedBy: r.decided_by,
    });
  }
  return out;
}

// ---- personal data ----

/** Everything held about the person; documents as metadata (their bytes are downloadable one by one). */
export async function exportRecognition(db: Db, cipher: FieldCipher, migrantId: string) {
  const quals = await listQualificationRows(db, migrantId);
  const docs = await listDocumentSummaries(
    db,
    cipher,
    quals.map((q) => q.id),
  );
  const qualifications = [];
  for (const q of quals) qualifications.push({ ...(await toQualification(db, q)), documents: docs.get(q.id) ?? [] });
  const cases = (await listCaseRows(db, { migrantId, limit: 10_000 })).map(toCase);
  const assessments = [];
  for (const r of await listRplRows(db, { migrantId })) assessments.push(await getRplAssessment(db, r));
  const referrals = await db
    .selectFrom('recognition_referral')
    .select(['id', 'case_id', 'assessing_organisation_id', 'status', 'note', 'created_at', 'withdrawn_at'])
    .where('migrant_id', '=', migrantId)
    .execute();
  return { qualifications, cases, rplAssessments: assessments, referrals };
}

/** Erasure: documents, qualifications, cases (and their history) and RPL assessments go. */
export async function eraseRecognition(
  db: Db,
  migrantId: string,
): Promise<{ erased: number; ids: { entity: string; id: string; organisationId: string }[] }> {
  const ids: { entity: string; id: string; organisationId: string }[] = [];
  const docs = await db
    .deleteFrom('recognition_document')
    .where('migrant_id', '=', migrantId)
    .returning(['id', 'organisation_id'])
    .execute();
  for (const d of docs) ids.push({ entity: 'recognition_document', id: d.id, organisationId: d.organisation_id });
  const rpl = await db
    .deleteFrom('recognition_rpl_assessment')
    .where('migrant_id', '=', migrantId)
    .returning(['id', 'organisation_id'])
    .execute();
  for (const r of rpl) ids.push({ entity: 'recognition_rpl_assessment', id: r.id, organisationId: r.organisation_id });
  const referrals = await db
    .deleteFrom('recognition_referral')
    .where('migrant_id', '=', migrantId)
    .returning(['id', 'organisation_id'])
    .execute();
  for (const r of referrals) ids.push({ entity: 'recognition_referral', id: r.id, organisationId: r.organisation_id });
  const cases = await db
    .deleteFrom('recognition_case')
    .where('migrant_id', '=', migrantId)
    .returning(['id', 'organisation_id'])
    .execute();
  for (const c of cases) ids.push({ entity: 'recognition_case', id: c.id, organisationId: c.organisation_id });
  const quals = await db
    .deleteFrom('recognition_qualification')
    .where('migrant_id', '=', migrantId)
    .returning(['id', 'organisation_id'])
    .execute();
  for (const q of quals) ids.push({ entity: 'recognition_qualification', id: q.id, organisationId: q.organisation_id });
  return { erased: ids.length, ids };
}

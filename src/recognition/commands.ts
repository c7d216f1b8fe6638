// Recognition writes as commands: qualifications and their evidence documents, framework imports, recognition
// cases (request → assess → decide; reopen; appeal) and RPL assessments. Each runs in one transaction with its audit
// and change entries; a failing one leaves nothing.
import { createHash, randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { Updateable } from 'kysely';
import type { Database } from '../db/schema.js';
import { fileTypeFromBuffer } from 'file-type';
import { defineCommand, type CommandContext } from '../kernel/command.js';
import { conflict, invalid, notFound, staleVersion, tooLarge, unavailable } from '../kernel/errors.js';
import {
  profileChanged,
  checkUrisExist,
  escoContext,
  occupationFacts,
  raiseSkillEvidence,
} from '../profiles/domain.js';
import { activeConsent, getOrganisation, giveConsent, withdrawConsent } from '../identity/domain.js';
import { rankTraining } from '../matching/domain.js';
import { listTrainingOffersForPlanning } from '../training/domain.js';
import { CLOSED, Uuid } from '../shared/typebox.js';
import { lineErrors, parseFrameworkCsv } from './frameworks.js';
import { casesWithReferrals } from './referrals.js';
import {
  AssessInput,
  CaseRequestInput,
  DecideInput,
  DocumentInput,
  MAX_DOCUMENT_BYTES,
  QualificationInput,
  RplRecordInput,
  ReferInput,
  RplStartInput,
  type DocumentType,
} from './model.js';
import {
  ASSESSORS,
  FRAMEWORK_ADMINS,
  NOT_ASSESSING,
  REOPENERS,
  REQUESTERS,
  reachCase,
  reachPerson,
  reachRecord,
} from './policy.js';
import {
  activeReferral,
  addCaseEvent,
  countActiveReferrals,
  deleteDocument,
  findCaseRow,
  findDocumentMeta,
  findQualificationRow,
  findRplRow,
  frameworkExists,
  frameworkLevelExists,
  getRplAssessment,
  insertCase,
  insertDocument,
  insertQualification,
  listFrameworks,
  openCaseFor,
  replaceFrameworks,
  setQualificationStatus,
  toCase,
  toQualification,
  upsertRplSkills,
  type CaseRow,
  type ReferralRow,
  type QualificationRow,
} from './store.js';
import { auditReason } from '../shared/audit-reasons.js';

/** One change entry and one audit entry per changed record, both naming the person. */
function record(
  ctx: CommandContext,
  entity: string,
  id: string,
  op: 'create' | 'update' | 'delete',
  row: { organisation_id: string; migrant_id: string },
  extra: { fields?: string[]; reason?: string } = {},
): void {
  ctx.changed({ entity, id, op, organisationId: row.organisation_id, subjectId: row.migrant_id });
  ctx.audit({ action: op, entity, entityId: id, organisationId: row.organisation_id, ...extra });
}

async function organisationOf(ctx: CommandContext, migrantId: string): Promise<string> {
  const org = await ctx.services.get('migrants').organisationOf(ctx.db, migrantId);
  if (!org) throw notFound('No such person', 'migrantId');
  return org;
}

async function checkNationalLevel(ctx: CommandContext, input: QualificationInput): Promise<void> {
  const fw = input.nationalFramework ?? null;
  const level = input.nationalLevel ?? null;
  if (fw && !(await frameworkExists(ctx.db, fw))) throw invalid('No such qualification framework', 'nationalFramework');
  if (fw && level && !(await frameworkLevelExists(ctx.db, fw, level)))
    throw invalid(`Framework ${fw} has no level "${level}"`, 'nationalLevel');
  if (input.titleTranslation && !input.translationLang)
    throw invalid('Say which language the translation is in', 'translationLang');
}

function qualificationValues(input: QualificationInput) {
  return {
    original_title: input.originalTitle,
    title_translation: input.titleTranslation ?? null,
    translation_lang: input.titleTranslation ? (input.translationLang ?? null) : null,
    awarding_body: input.awardingBody,
    country: input.country,
    year: input.year ?? null,
    isced_field: input.iscedField ?? null,
    national_framework: input.nationalFramework ?? null,
    national_level: input.nationalFramework ? (input.nationalLevel ?? null) : null,
  };
}

const qualificationRule = async (ctx: CommandContext, input: { qualificationId: string }) =>
  reachRecord(ctx, await findQualificationRow(ctx.db, input.qualificationId));

// ---- qualifications ----

export const addQualification = defineCommand({
  name: 'recognition.addQualification',
  roles: REQUESTERS,
  input: Type.Composite([Type.Object({ id: Type.Optional(Uuid), migrantId: Uuid }), QualificationInput], CLOSED),
  rule: (ctx, input) => reachPerson(ctx, input.migrantId),
  run: async (ctx, input) => {
    const organisationId = await organisationOf(ctx, input.migrantId);
    await checkNationalLevel(ctx, input);
    const id = input.id ?? randomUUID();
    if (await findQualificationRow(ctx.db, id)) throw conflict('A qualification with this id exists', 'id');
    const row = await insertQualification(ctx.db, {
      id,
      organisation_id: organisationId,
      migrant_id: input.migrantId,
      ...qualificationValues(input),
      created_by: ctx.user?.id ?? null,
    });
    record(ctx, 'recognition_qualification', id, 'create', row);
    return toQualification(ctx.db, row);
  },
});

export const updateQualification = defineCommand({
  name: 'recognition.updateQualification',
  roles: REQUESTERS,
  input: Type.Composite(
    [Type.Object({ qualificationId: Uuid, version: Type.Integer({ minimum: 1 }) }), QualificationInput],
    CLOSED,
  ),
  rule: qualificationRule,
  run: async (ctx, input) => {
    const current = await findQualificationRow(ctx.db, input.qualificationId);
    if (!current) throw notFound('No such qualification', 'qualificationId');
    if (current.status === 'in_assessment')
      throw conflict(
        'The qualification is being assessed; it cannot change meanwhile',
        'qualificationId',
        'in_assessment',
      );
    await checkNationalLevel(ctx, input);
    const row = await ctx.db
      .updateTable('recognition_qualification')
      .set((eb) => ({
        ...qualificationValues(input),
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', '=', input.qualificationId)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw staleVersion('qualification');
    record(ctx, 'recognition_qualification', row.id, 'update', row);
    return toQualification(ctx.db, row);
  },
});

export const withdrawQualification = defineCommand({
  name: 'recognition.withdrawQualification',
  roles: REQUESTERS,
  input: Type.Object({ qualificationId: Uuid }, CLOSED),
  rule: qualificationRule,
  run: async (ctx, input) => {
    const open = await openCaseFor(ctx.db, input.qualificationId);
    if (open) throw conflict('A recognition case is open for this qualification', 'qualificationId', 'case_open');
    const row = await setQualificationStatus(ctx.db, input.qualificationId, 'withdrawn');
    record(ctx, 'recognition_qualification', row.id, 'update', row);
    return toQualification(ctx.db, row);
  },
});

// ---- documents ----

/** The type the content is, by its first bytes (never by its name), or null when it is none we accept. */
export async function detectDocumentType(content: Buffer): Promise<DocumentType | null> {
  const found = await fileTypeFromBuffer(content);
  const mime = found?.mime;
  return mime === 'application/pdf' || mime === 'image/jpeg' || mime === 'image/png' ? mime : null;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const uploadDocument = defineCommand({
  name: 'recognition.uploadDocument',
  roles: REQUESTERS,
  input: Type.Composite([Type.Object({ id: Type.Optional(Uuid) }), DocumentInput], CLOSED),
  rule: qualificationRule,
  run: async (ctx, input) => {
    const q = await findQualificationRow(ctx.db, input.qualificationId);
    if (!q) throw notFound('No such qualification', 'qualificationId');
    if (q.status === 'withdrawn') throw conflict('The qualification was withdrawn', 'qualificationId', 'withdrawn');
    const text = input.contentBase64.replace(/\s+/g, '');
    if (text.length % 4 !== 0 || !BASE64.test(text)) throw invalid('Not base64', 'contentBase64');
    const content = Buffer.from(text, 'base64');
    if (content.length === 0) throw invalid('The file is empty', 'contentBase64');
    if (content.length > MAX_DOCUMENT_BYTES)
      throw tooLarge(`The file is ${(content.length / 1048576).toFixed(1)} MB; at most 10 MB`, 'contentBase64');
    const detected = await detectDocumentType(content);
    if (!detected)
      throw invalid('The file is not a PDF, JPEG or PNG (checked by its content)', 'contentBase64', 'document_type');
    if (detected !== input.mediaType)
      throw invalid(
        `The file's content is ${detected}, not ${input.mediaType} as declared`,
        'contentBase64',
        'document_type_mismatch',
      );
    const id = input.id ?? randomUUID();
    const row = await insertDocument(ctx.db, ctx.cipher, {
      id,
      organisationId: q.organisation_id,
      migrantId: q.migrant_id,
      qualificationId: q.id,
      kind: input.kind,
      fileName: input.fileName,
      mediaType: detected,
      content,
      sha256: createHash('sha256').update(content).digest('hex'),
      uploadedBy: ctx.user?.id ?? null,
    });
    record(ctx, 'recognition_document', id, 'create', row, { fields: ['file_name', 'content'] });
    return {
      id,
      qualificationId: q.id,
      kind: row.kind,
      fileName: input.fileName,
      mediaType: row.media_type,
      sizeBytes: row.size_bytes,
      sha256: row.sha256,
      createdAt: new Date(row.created_at).toISOString(),
    };
  },
});

export const removeDocument = defineCommand({
  name: 'recognition.removeDocument',
  roles: REQUESTERS,
  input: Type.Object({ documentId: Uuid }, CLOSED),
  rule: async (ctx, input) => reachRecord(ctx, await findDocumentMeta(ctx.db, input.documentId)),
  run: async (ctx, input) => {
    const meta = await findDocumentMeta(ctx.db, input.documentId);
    if (!meta) throw notFound('No such document', 'documentId');
    const open = await openCaseFor(ctx.db, meta.qualification_id);
    if (open?.status === 'assessing')
      throw conflict('The document is being assessed; it cannot be removed now', 'documentId', 'in_assessment');
    await deleteDocument(ctx.db, input.documentId);
    record(ctx, 'recognition_document', input.documentId, 'delete', meta);
    return { removed: true };
  },
});

// ---- frameworks ----

export const importFrameworks = defineCommand({
  name: 'recognition.importFrameworks',
  roles: FRAMEWORK_ADMINS,
  input: Type.Object({ csv: Type.String({ minLength: 1, maxLength: 5_000_000 }) }, CLOSED),
  run: async (ctx, input) => {
    const parsed = parseFrameworkCsv(input.csv);
    // References to regional levels: in this file, or already stored.
    const inFile = new Map(parsed.map((f) => [f.code, new Set(f.levels.map((l) => l.level))]));
    const stored = new Map((await listFrameworks(ctx.db)).map((f) => [f.code, new Set(f.levels.map((l) => l.level))]));
    const errors: string[] = [];
    for (const f of parsed)
      f.levels.forEach((l, i) => {
        if (!l.regionalFramework) return;
        const levels = inFile.get(l.regionalFramework) ?? stored.get(l.regionalFramework);
        if (!levels?.has(l.regionalLevel!))
          errors.push(`line ${f.lines[i]}: regional level "${l.regionalFramework} ${l.regionalLevel}" does not exist`);
      });
    if (errors.length) throw lineErrors(errors);
    await replaceFrameworks(ctx.db, parsed);
    for (const f of parsed) {
      ctx.changed({ entity: 'recognition_framework', id: f.code, op: 'update', organisationId: null, subjectId: null });
      ctx.audit({ action: 'import', entity: 'recognition_framework', entityId: f.code });
    }
    return { frameworks: parsed.map((f) => ({ code: f.code, levels: f.levels.length })) };
  },
});

// ---- cases ----

function caseEvent(ctx: CommandContext, row: CaseRow, step: string, detail: object = {}) {
  return addCaseEvent(ctx.db, {
    id: randomUUID(),
    organisationId: row.organisation_id,
    caseId: row.id,
    step,
    actorId: ctx.user?.id ?? null,
    detail,
  });
}

/** The decision as it stands, kept in the history when a case is reopened or appealed. */
function decisionOf(row: CaseRow) {
  return {
    outcome: row.outcome,
    eqfLevel: row.eqf_level,
    destinationLevel: row.destination_level,
    comparableQualification: row.comparable_qualification,
    occupationUris: row.occupation_uris,
    missingSkills: row.missing_skills,
    reasons: row.reasons,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
  };
}

const NO_DECISION = {
  outcome: null,
  eqf_level: null,
  destination_level: null,
  comparable_qualification: null,
  occupation_uris: '[]',
  missing_skills: '[]',
  compensation: '[]',
  reasons: '[]',
  decision_note: null,
  decided_by: null,
  decided_at: null,
};

/** The home organisation's staff and the person, or assessors of an organisation the case is referred to. */
const caseRule = async (ctx: CommandContext, input: { caseId: string }) =>
  reachCase(ctx, await findCaseRow(ctx.db, input.caseId));
/** Only the home organisation and the person (referring, withdrawing a referral). */
const homeCaseRule = async (ctx: CommandContext, input: { caseId: string }) =>
  reachRecord(ctx, await findCaseRow(ctx.db, input.caseId));

async function updateCase(
  ctx: CommandContext,
  id: string,
  version: number | null,
  values: Updateable<Database['recognition_case']>,
): Promise<CaseRow> {
  let q = ctx.db
    .updateTable('recognition_case')
    .set({ ...values, updated_at: new Date() })
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id);
  if (version !== null) q = q.where('version', '=', version);
  const row = await q.returningAll().executeTakeFirst();
  if (!row) throw staleVersion('recognition case');
  return row;
}

async function caseAndQualification(ctx: CommandContext, caseId: string): Promise<[CaseRow, QualificationRow]> {
  const c = await findCaseRow(ctx.db, caseId);
  if (!c) throw notFound('No such case', 'caseId');
  const q = await findQualificationRow(ctx.db, c.qualification_id);
  if (!q) throw notFound('No such qualification', 'caseId');
  return [c, q];
}

export const requestRecognition = defineCommand({
  name: 'recognition.request',
  roles: REQUESTERS,
  input: CaseRequestInput,
  rule: qualificationRule,
  run: async (ctx, input) => {
    const q = await findQualificationRow(ctx.db, input.qualificationId);
    if (!q) throw notFound('No such qualification', 'qualificationId');
    if (q.status === 'withdrawn') throw conflict('The qualification was withdrawn', 'qualificationId', 'withdrawn');
    if (await openCaseFor(ctx.db, q.id))
      throw conflict('Recognition of this qualification is already requested', 'qualificationId', 'case_open');
    const framework = input.destinationFramework ?? 'EQF';
    if (!(await frameworkExists(ctx.db, framework)))
      throw invalid('No such qualification framework', 'destinationFramework');
    const row = await insertCase(ctx.db, {
      id: input.id ?? randomUUID(),
      organisation_id: q.organisation_id,
      migrant_id: q.migrant_id,
      qualification_id: q.id,
      status: 'requested',
      requested_by: ctx.user?.id ?? null,
      requested_by_role: ctx.user?.role ?? 'system',
      request_note: input.note ?? null,
      destination_framework: framework,
      destination_country: input.destinationCountry ?? null,
    });
    const qr = await setQualificationStatus(ctx.db, q.id, 'in_assessment');
    await caseEvent(ctx, row, 'requested');
    record(ctx, 'recognition_case', row.id, 'create', row);
    record(ctx, 'recognition_qualification', qr.id, 'update', qr);
    return toCase(row);
  },
});

export const assessCase = defineCommand({
  name: 'recognition.assess',
  roles: ASSESSORS,
  input: AssessInput,
  rule: caseRule,
  run: async (ctx, input) => {
    const [c] = await caseAndQualification(ctx, input.caseId);
    if (c.status === 'decided')
      throw conflict('The case is decided; reopen it to assess again', 'caseId', 'case_decided');
    const row = await updateCase(ctx, c.id, input.version, {
      status: 'assessing',
      assessor_id: ctx.user?.id ?? c.assessor_id,
      documents_checked: input.documentsChecked,
      documents_note: input.documentsNote ?? null,
      interview: JSON.stringify(input.interview ?? []),
      comparison_note: input.comparisonNote ?? null,
    });
    await caseEvent(ctx, row, 'assessed', {
      documentsChecked: input.documentsChecked,
      interviewTopics: (input.interview ?? []).length,
    });
    record(ctx, 'recognition_case', row.id, 'update', row, {
      fields: ['documents_note', 'interview', 'comparison_note'],
    });
    return toCase(row);
  },
});

export const decideCase = defineCommand({
  name: 'recognition.decide',
  roles: ASSESSORS,
  input: DecideInput,
  rule: caseRule,
  run: async (ctx, input) => {
    const [c, q] = await caseAndQualification(ctx, input.caseId);
    if (c.status !== 'assessing')
      throw conflict('Assess the case (documents checked) before deciding', 'caseId', 'not_assessing');
    if (!c.documents_checked) throw conflict('Check the documents before deciding', 'caseId', 'documents_unchecked');
    const outcome = input.outcome;
    const partial = outcome === 'partially_recognised';
    const recognised = outcome === 'recognised' || partial;
    if (recognised && !input.eqfLevel) throw invalid('Give the EQF level it is recognised at', 'eqfLevel');
    if (!recognised && input.eqfLevel) throw invalid('Only a recognition has an EQF level', 'eqfLevel');
    if (partial && !input.missingSkills?.length)
      throw invalid('Name the skills the compensation measures must cover', 'missingSkills');
    if (outcome === 'not_recognised' && !input.reasons?.length) throw invalid('Give the reasons', 'reasons');
    if (
      input.destinationLevel &&
      !(await frameworkLevelExists(ctx.db, c.destination_framework, input.destinationLevel))
    )
      throw invalid(
        `Framework ${c.destination_framework} has no level "${input.destinationLevel}"`,
        'destinationLevel',
      );
    const occupations = recognised ? [...new Set(input.occupationUris ?? [])] : [];
    const missing = partial ? [...new Set(input.missingSkills ?? [])] : [];
    const esco = await escoContext(ctx.db);
    await checkUrisExist(ctx.db, esco, [
      ...occupations.map((uri, i) => ({ uri, path: `occupationUris.${i}`, kind: 'occupation' as const })),
      ...missing.map((uri, i) => ({ uri, path: `missingSkills.${i}`, kind: 'skill' as const })),
    ]);
    // Compensation measures: training offers for the missing skills, ranked by the gap engine.
    let compensation: { offerId: string; title: string; covers: string[] }[] = [];
    if (partial) {
      const offers = await listTrainingOffersForPlanning(ctx.db, { skills: missing });
      const gap = { target: c.id, missingEssential: missing, nearOnly: [], missingOptional: [] };
      compensation = rankTraining(gap, offers)
        .slice(0, 10)
        .map((s) => ({ offerId: s.offer.id, title: s.offer.title, covers: s.covers }));
    }
    const row = await updateCase(ctx, c.id, input.version, {
      status: 'decided',
      outcome,
      eqf_level: recognised ? input.eqfLevel! : null,
      destination_level: recognised ? (input.destinationLevel ?? null) : null,
      comparable_qualification: recognised ? (input.comparableQualification ?? null) : null,
      occupation_uris: JSON.stringify(occupations),
      missing_skills: JSON.stringify(missing),
      compensation: JSON.stringify(compensation),
      reasons: JSON.stringify(outcome === 'recognised' ? [] : [...new Set(input.reasons ?? [])]),
      decision_note: input.note ?? null,
      decided_by: ctx.user?.id ?? null,
      decided_at: ctx.now,
    });
    const qr = await setQualificationStatus(ctx.db, q.id, outcome, recognised ? input.eqfLevel! : null);
    // Decided by the organisation it was referred to: the history says so; the decision is the home case's.
    const referral = await activeReferral(ctx.db, c.id);
    const byReferral = referral && referral.assessing_organisation_id === ctx.user?.organisationId;
    await caseEvent(ctx, row, 'decided', {
      ...decisionOf(row),
      ...(byReferral ? { assessingOrganisationId: referral.assessing_organisation_id } : {}),
    });
    record(ctx, 'recognition_case', row.id, 'update', row, { reason: outcome });
    record(ctx, 'recognition_qualification', qr.id, 'update', qr);
    return toCase(row);
  },
});

export const reopenCase = defineCommand({
  name: 'recognition.reopen',
  roles: REOPENERS,
  input: Type.Object(
    { caseId: Uuid, version: Type.Integer({ minimum: 1 }), reason: Type.String({ minLength: 1, maxLength: 2000 }) },
    CLOSED,
  ),
  rule: caseRule,
  run: async (ctx, input) => {
    const [c, q] = await caseAndQualification(ctx, input.caseId);
    if (c.status !== 'decided') throw conflict('Only a decided case can be reopened', 'caseId', 'not_decided');
    const row = await updateCase(ctx, c.id, input.version, { status: 'assessing', ...NO_DECISION });
    const qr = await setQualificationStatus(ctx.db, q.id, 'in_assessment', null);
    await caseEvent(ctx, row, 'reopened', { reason: input.reason, previous: decisionOf(c) });
    record(ctx, 'recognition_case', row.id, 'update', row, { reason: auditReason('reopened') });
    record(ctx, 'recognition_qualification', qr.id, 'update', qr);
    return toCase(row);
  },
});

export const appealCase = defineCommand({
  name: 'recognition.appeal',
  roles: REQUESTERS,
  input: Type.Object(
    { caseId: Uuid, version: Type.Integer({ minimum: 1 }), reason: Type.String({ minLength: 1, maxLength: 4000 }) },
    CLOSED,
  ),
  rule: caseRule,
  run: async (ctx, input) => {
    const [c, q] = await caseAndQualification(ctx, input.caseId);
    if (c.status !== 'decided') throw conflict('Only a decision can be appealed', 'caseId', 'not_decided');
    if (c.outcome === 'recognised') throw conflict('A full recognition needs no appeal', 'caseId', 'recognised');
    const row = await updateCase(ctx, c.id, input.version, {
      status: 'appealed',
      appeal_reason: input.reason,
      ...NO_DECISION,
    });
    const qr = await setQualificationStatus(ctx.db, q.id, 'in_assessment', null);
    await caseEvent(ctx, row, 'appealed', { previous: decisionOf(c) });
    record(ctx, 'recognition_case', row.id, 'update', row, {
      reason: auditReason('appealed'),
      fields: ['appeal_reason'],
    });
    record(ctx, 'recognition_qualification', qr.id, 'update', qr);
    return toCase(row);
  },
});

// ---- referral to an assessing organisation ----

async function withView(ctx: CommandContext, row: CaseRow) {
  return (await casesWithReferrals(ctx.db, [row]))[0]!;
}

export const referCase = defineCommand({
  name: 'recognition.refer',
  roles: REQUESTERS,
  input: ReferInput,
  rule: homeCaseRule,
  run: async (ctx, input) => {
    const [c] = await caseAndQualification(ctx, input.caseId);
    if (c.status === 'decided') throw conflict('The case is decided; reopen it to refer it', 'caseId', 'case_decided');
    if (await activeReferral(ctx.db, c.id))
      throw conflict('The case is already referred; withdraw that referral first', 'caseId', 'referral_active');
    const org = await getOrganisation(ctx.db, input.organisationId);
    if (!org) throw invalid('No such organisation', 'organisationId');
    if (org.id === c.organisation_id)
      throw invalid('The case is already with this organisation', 'organisationId', 'own_organisation');
    if ((NOT_ASSESSING as readonly string[]).includes(org.type))
      throw invalid(
        'Employers and recruitment agencies do not assess qualifications',
        'organisationId',
        'not_assessing',
      );
    // The person's consent, recorded with the referral: it decides what the assessing organisation sees.
    const consent = await giveConsent(ctx, {
      migrantId: c.migrant_id,
      organisationId: c.organisation_id,
      purpose: 'recognition_referral',
      targetOrganisationId: org.id,
      note: `recognition case ${c.id}`,
    });
    ctx.changed({
      entity: 'consent',
      id: consent.id,
      op: 'create',
      organisationId: c.organisation_id,
      subjectId: c.migrant_id,
    });
    const referral = await ctx.db
      .insertInto('recognition_referral')
      .values({
        id: randomUUID(),
        organisation_id: c.organisation_id,
        migrant_id: c.migrant_id,
        case_id: c.id,
        assessing_organisation_id: org.id,
        consent_id: consent.id,
        note: input.note ?? null,
        referred_by: ctx.user?.id ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await caseEvent(ctx, c, 'referred', { organisationId: org.id, organisationName: org.name });
    record(ctx, 'recognition_referral', referral.id, 'create', referral, {
      reason: auditReason('referredTo', { organisation: org.id }),
    });
    // The assessing organisation's queue changes too.
    ctx.changed({ entity: 'recognition_referral', id: referral.id, op: 'create', organisationId: org.id });
    return withView(ctx, c);
  },
});

/** Ends the referral and, unless another referral to the same organisation still needs it, the consent. */
async function endReferral(ctx: CommandContext, referral: ReferralRow): Promise<ReferralRow> {
  const row = await ctx.db
    .updateTable('recognition_referral')
    .set({ status: 'withdrawn', withdrawn_at: ctx.now, withdrawn_by: ctx.user?.id ?? null })
    .where('id', '=', referral.id)
    .where('status', '=', 'active')
    .returningAll()
    .executeTakeFirst();
  if (!row) throw conflict('The referral was already withdrawn', 'caseId', 'no_referral');
  if ((await countActiveReferrals(ctx.db, row.migrant_id, row.assessing_organisation_id)) === 0) {
    const consent = await activeConsent(ctx.db, row.migrant_id, 'recognition_referral', {
      organisationId: row.assessing_organisation_id,
    });
    if (consent) {
      await withdrawConsent(ctx, row.migrant_id, consent.id);
      ctx.changed({
        entity: 'consent',
        id: consent.id,
        op: 'update',
        organisationId: row.organisation_id,
        subjectId: row.migrant_id,
      });
    }
  }
  return row;
}

export const withdrawReferral = defineCommand({
  name: 'recognition.withdrawReferral',
  roles: REQUESTERS,
  input: Type.Object({ caseId: Uuid }, CLOSED),
  rule: homeCaseRule,
  run: async (ctx, input) => {
    const [c] = await caseAndQualification(ctx, input.caseId);
    const referral = await activeReferral(ctx.db, c.id);
    if (!referral) throw conflict('The case is not referred', 'caseId', 'no_referral');
    const row = await endReferral(ctx, referral);
    await caseEvent(ctx, c, 'referral_withdrawn', { organisationId: row.assessing_organisation_id });
    record(ctx, 'recognition_referral', row.id, 'update', row, {
      fields: ['status'],
      reason: auditReason('withdrawn'),
    });
    ctx.changed({
      entity: 'recognition_referral',
      id: row.id,
      op: 'update',
      organisationId: row.assessing_organisation_id,
    });
    return withView(ctx, c);
  },
});

// ---- RPL ----

export const startRpl = defineCommand({
  name: 'recognition.startRpl',
  roles: ASSESSORS,
  input: RplStartInput,
  rule: (ctx, input) => reachPerson(ctx, input.migrantId),
  run: async (ctx, input) => {
    const organisationId = await organisationOf(ctx, input.migrantId);
    if (input.caseId) {
      const c = await findCaseRow(ctx.db, input.caseId);
      if (!c || c.migrant_id !== input.migrantId) throw notFound('No such case for this person', 'caseId');
    }
    const esco = await escoContext(ctx.db);
    if (!esco.loaded) throw unavailable('No ESCO taxonomy is loaded', 'taxonomy_unavailable');
    const facts = await occupationFacts(ctx.db, esco, input.occupationUri);
    if (!facts) throw invalid(`Not an ESCO occupation in taxonomy version ${esco.version}`, 'occupationUri');
    if (!facts.essentialSkills.length)
      throw invalid('ESCO lists no essential skills for this occupation', 'occupationUri');
    const id = input.id ?? randomUUID();
    const row = await ctx.db
      .insertInto('recognition_rpl_assessment')
      .values({
        id,
        organisation_id: organisationId,
        migrant_id: input.migrantId,
        occupation_uri: input.occupationUri,
        case_id: input.caseId ?? null,
        assessor_id: ctx.user?.id ?? 'system',
        assessor_name: ctx.user?.name ?? 'system',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await upsertRplSkills(
      ctx.db,
      id,
      organisationId,
      facts.essentialSkills.map((skillUri) => ({ skillUri, method: null, result: 'pending' })),
    );
    record(ctx, 'recognition_rpl_assessment', id, 'create', row);
    return getRplAssessment(ctx.db, row);
  },
});

const rplRule = async (ctx: CommandContext, input: { assessmentId: string }) =>
  reachRecord(ctx, await findRplRow(ctx.db, input.assessmentId));

export const recordRpl = defineCommand({
  name: 'recognition.recordRpl',
  roles: ASSESSORS,
  input: RplRecordInput,
  rule: rplRule,
  run: async (ctx, input) => {
    const a = await findRplRow(ctx.db, input.assessmentId);
    if (!a) throw notFound('No such assessment', 'assessmentId');
    if (a.status !== 'in_progress') throw conflict('The assessment is completed', 'assessmentId', 'completed');
    const checklist = new Set(
      (
        await ctx.db.selectFrom('recognition_rpl_skill').select('skill_uri').where('assessment_id', '=', a.id).execute()
      ).map((r) => r.skill_uri),
    );
    input.skills.forEach((s, i) => {
      if (!checklist.has(s.skillUri)) throw invalid('Not an essential skill on this checklist', `skills.${i}.skillUri`);
      if (s.result !== 'pending' && !s.method) throw invalid('Say how the skill was assessed', `skills.${i}.method`);
    });
    const bumped = await ctx.db
      .updateTable('recognition_rpl_assessment')
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', a.id)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirst();
    if (!bumped) throw staleVersion('assessment');
    await upsertRplSkills(ctx.db, a.id, a.organisation_id, input.skills);
    record(ctx, 'recognition_rpl_assessment', a.id, 'update', a);
    return getRplAssessment(ctx.db, bumped);
  },
});

/**
 * Completes the assessment: skills still pending count as not yet demonstrated; demonstrated ones become
 * "assessed" on the person's profile (provenance: this assessment, its assessor, date and method).
 */
export const completeRpl = defineCommand({
  name: 'recognition.completeRpl',
  roles: ASSESSORS,
  input: Type.Object({ assessmentId: Uuid, version: Type.Integer({ minimum: 1 }) }, CLOSED),
  rule: rplRule,
  run: async (ctx, input) => {
    const a = await findRplRow(ctx.db, input.assessmentId);
    if (!a) throw notFound('No such assessment', 'assessmentId');
    if (a.status !== 'in_progress') throw conflict('The assessment is completed', 'assessmentId', 'completed');
    const row = await ctx.db
      .updateTable('recognition_rpl_assessment')
      .set((eb) => ({
        status: 'completed',
        completed_on: ctx.now.toISOString().slice(0, 10),
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', '=', a.id)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw staleVersion('assessment');
    await ctx.db
      .updateTable('recognition_rpl_skill')
      .set({ result: 'not_yet' })
      .where('assessment_id', '=', a.id)
      .where('result', '=', 'pending')
      .execute();
    const demonstrated = (
      await ctx.db
        .selectFrom('recognition_rpl_skill')
        .select('skill_uri')
        .where('assessment_id', '=', a.id)
        .where('result', '=', 'demonstrated')
        .execute()
    ).map((r) => r.skill_uri);
    record(ctx, 'recognition_rpl_assessment', a.id, 'update', row, { reason: auditReason('completed') });
    if (demonstrated.length) {
      const p = await raiseSkillEvidence(ctx.db, a.migrant_id, demonstrated, 'assessed', 'assessment');
      if (p) profileChanged(ctx, { id: p.id, organisationId: p.organisation_id, version: p.version }, 'update');
    }
    return getRplAssessment(ctx.db, row);
  },
});

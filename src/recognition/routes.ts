// Recognition over HTTP: thin adapters. Writes are commands (commandRoute); reads declare who may call them and
// audit every read of a person's record. Document bytes are answered only to the person and to staff (advisors,
// org admins, assessors) of the organisation holding them, and every view leaves an audit entry.
import { defineCapability, type PersonalDataContext } from '../kernel/capability.js';
import { notFound } from '../kernel/errors.js';
import { commandRoute, defineRoute, type AnyRoute, type MatrixWorld, type RouteContext } from '../kernel/route.js';
import { displayNameOf } from '../profiles/domain.js';
import {
  addQualification,
  appealCase,
  assessCase,
  completeRpl,
  decideCase,
  importFrameworks,
  recordRpl,
  referCase,
  removeDocument,
  reopenCase,
  requestRecognition,
  startRpl,
  updateQualification,
  uploadDocument,
  withdrawQualification,
  withdrawReferral,
} from './commands.js';
import {
  AppealBody,
  AssessBody,
  AssessedSkillsAnswer,
  AssessmentParams,
  CaseDetail,
  CaseParams,
  CaseRequestBody,
  CaseView,
  DecideBody,
  DocumentBody,
  DocumentFile,
  DocumentParams,
  DocumentRemoved,
  DocumentUploaded,
  FrameworkImportBody,
  FrameworkImported,
  FrameworkList,
  PersonParams,
  PersonRecognition,
  Qualification,
  QualificationBody,
  QualificationParams,
  QualificationUpdateBody,
  Queue,
  QueueQuery,
  ReferBody,
  ReopenBody,
  RplAssessment,
  RplCompleteBody,
  RplRecordBody,
  RplStartBody,
} from './contract.js';
import { MAX_DOCUMENT_BYTES } from './model.js';
import { READERS, reachCase, reachDocument, reachPerson, reachRecord, reachesByReferral } from './policy.js';
import { casesWithReferrals, organisationName } from './referrals.js';
import {
  assessedSkills,
  eraseRecognition,
  exportRecognition,
  findCaseRow,
  findDocumentMeta,
  findQualificationRow,
  findRplRow,
  getRplAssessment,
  listCaseEvents,
  listCaseRows,
  listDocumentSummaries,
  listFrameworks,
  listQualificationRows,
  listRplRows,
  readDocumentContent,
  referralsTo,
  toQualification,
} from './store.js';
import { auditReason } from '../shared/audit-reasons.js';

const fixtures = () => import('./testing.js');
const tags = ['recognition'];

async function displayName(ctx: Pick<RouteContext, 'db' | 'cipher'>, migrantId: string): Promise<string> {
  return displayNameOf(ctx.db, ctx.cipher, migrantId);
}

async function qualificationsWithDocuments(ctx: Pick<RouteContext, 'db' | 'cipher'>, migrantId: string) {
  const rows = await listQualificationRows(ctx.db, migrantId);
  const docs = await listDocumentSummaries(
    ctx.db,
    ctx.cipher,
    rows.map((r) => r.id),
  );
  const out: Qualification[] = [];
  for (const r of rows) out.push({ ...(await toQualification(ctx.db, r)), documents: docs.get(r.id) ?? [] });
  return out;
}

async function personRecognition(ctx: RouteContext, migrantId: string) {
  const assessments = [];
  for (const r of await listRplRows(ctx.db, { migrantId })) assessments.push(await getRplAssessment(ctx.db, r));
  return {
    migrantId,
    displayName: await displayName(ctx, migrantId),
    qualifications: await qualificationsWithDocuments(ctx, migrantId),
    cases: await casesWithReferrals(ctx.db, await listCaseRows(ctx.db, { migrantId, limit: 500 })),
    assessments,
    assessedSkills: await assessedSkills(ctx.db, migrantId),
  };
}

const personExample = async (world: MatrixWorld) => ({
  params: { migrantId: await (await fixtures()).examplePerson(world) },
});

export const recognitionRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/migrants/:migrantId/recognition',
    summary: "A person's qualifications (with documents), recognition cases, RPL assessments and assessed skills",
    tags,
    schema: { params: PersonParams, response: { 200: PersonRecognition } },
    access: { roles: READERS, rule: (ctx) => reachPerson(ctx, ctx.params.migrantId) },
    example: personExample,
    handler: (ctx) =>
      ctx.transaction(async (tx) => {
        const result = await personRecognition(tx, tx.params.migrantId);
        await tx.audit({
          action: 'read',
          entity: 'recognition_qualification',
          entityId: tx.params.migrantId,
          organisationId: await tx.services.get('migrants').organisationOf(tx.db, tx.params.migrantId),
        });
        return result;
      }),
  }),
  defineRoute({
    method: 'GET',
    url: '/migrants/:migrantId/assessed-skills',
    summary: "A person's assessed skills with provenance (assessor, date, method, assessment)",
    tags,
    schema: { params: PersonParams, response: { 200: AssessedSkillsAnswer } },
    access: { roles: READERS, rule: (ctx) => reachPerson(ctx, ctx.params.migrantId) },
    example: personExample,
    handler: async (ctx) => ({ skills: await assessedSkills(ctx.db, ctx.params.migrantId) }),
  }),
  commandRoute({
    method: 'POST',
    url: '/migrants/:migrantId/qualifications',
    summary: 'Record a qualification as written on the certificate',
    tags,
    schema: {
      params: PersonParams,
      body: QualificationBody,
      response: { 201: Qualification },
    },
    command: addQualification,
    input: (ctx) => ({ ...ctx.body, migrantId: ctx.params.migrantId }),
    example: async (world) => ({
      ...(await personExample(world)),
      body: { originalTitle: 'Diplôme de technicien', awardingBody: 'Ministère', country: 'MA' },
    }),
  }),
  commandRoute({
    method: 'PUT',
    url: '/recognition/qualifications/:qualificationId',
    summary: 'Correct a qualification (not while it is being assessed)',
    tags,
    schema: {
      params: QualificationParams,
      body: QualificationUpdateBody,
      response: { 200: Qualification },
    },
    command: updateQualification,
    input: (ctx) => ({ ...ctx.body, qualificationId: ctx.params.qualificationId }),
    example: async (world) => {
      const { qualificationId, version } = await (await fixtures()).exampleQualification(world);
      return {
        params: { qualificationId },
        body: { version, originalTitle: 'Diplôme', awardingBody: 'Ministère', country: 'MA' },
      };
    },
  }),
  commandRoute({
    method: 'POST',
    url: '/recognition/qualifications/:qualificationId/withdraw',
    summary: 'Withdraw a qualification (no open case)',
    tags,
    schema: { params: QualificationParams, response: { 200: Qualification } },
    command: withdrawQualification,
    input: (ctx) => ({ qualificationId: ctx.params.qualificationId }),
    example: async (world) => ({
      params: { qualificationId: (await (await fixtures()).exampleQualification(world)).qualificationId },
    }),
  }),
  commandRoute({
    method: 'POST',
    url: '/recognition/qualifications/:qualificationId/documents',
    summary: 'Upload an evidence document (PDF, JPEG or PNG up to 10 MB, base64; the type is checked by content)',
    tags,
    schema: {
      params: QualificationParams,
      body: DocumentBody,
      response: { 201: DocumentUploaded },
    },
    // base64 of 10 MB plus the JSON around it; a bigger file is refused by the command with a 413 that names it.
    bodyLimit: MAX_DOCUMENT_BYTES * 2 + 64 * 1024,
    command: uploadDocument,
    input: (ctx) => ({ ...ctx.body, qualificationId: ctx.params.qualificationId }),
    example: async (world) => ({
      params: { qualificationId: (await (await fixtures()).exampleQualification(world)).qualificationId },
      body: (await fixtures()).examplePngUpload(),
    }),
  }),
  defineRoute({
    method: 'GET',
    url: '/recognition/documents/:documentId',
    summary:
      'An evidence document’s file (the person, staff of the organisation holding them, assessors of an organisation its case is referred to); audited',
    tags,
    schema: { params: DocumentParams, response: { 200: DocumentFile } },
    access: {
      roles: READERS,
      rule: async (ctx) => reachDocument(ctx, await findDocumentMeta(ctx.db, ctx.params.documentId)),
    },
    example: async (world) => ({ params: { documentId: await (await fixtures()).exampleDocument(world) } }),
    handler: (ctx) =>
      ctx.transaction(async (tx) => {
        const meta = await findDocumentMeta(tx.db, tx.params.documentId);
        const doc = meta && (await readDocumentContent(tx.db, tx.cipher, meta.id));
        if (!meta || !doc) throw notFound('No such document', 'params.documentId');
        await tx.audit({
          action: 'read',
          entity: 'recognition_document',
          entityId: meta.id,
          organisationId: meta.organisation_id,
          fields: ['content'],
        });
        const ext = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }[doc.mediaType] ?? 'bin';
        tx.reply.header('content-type', doc.mediaType);
        // The stored name is personal and may hold anything: the download gets a neutral one.
        tx.reply.header('content-disposition', `attachment; filename="document-${meta.id}.${ext}"`);
        return doc.content;
      }),
  }),
  commandRoute({
    method: 'DELETE',
    url: '/recognition/documents/:documentId',
    summary: 'Remove an evidence document (not while its case is being assessed)',
    tags,
    schema: { params: DocumentParams, response: { 200: DocumentRemoved } },
    command: removeDocument,
    input: (ctx) => ({ documentId: ctx.params.documentId }),
    example: async (world) => ({ params: { documentId: await (await fixtures()).exampleDocument(world) } }),
  }),
  defineRoute({
    method: 'GET',
    url: '/recognition/frameworks',
    summary: 'Qualification frameworks and their levels (EQF, regional, national), with example data marked',
    tags,
    schema: { response: { 200: FrameworkList } },
    access: {
      roles: [
        'migrant',
        'advisor',
        'employer',
        'training_provider',
        'assessor',
        'analyst',
        'labour_inspector',
        'org_admin',
        'platform_admin',
      ],
    },
    handler: async (ctx) => ({ frameworks: await listFrameworks(ctx.db) }),
  }),
  commandRoute({
    method: 'POST',
    url: '/recognition/frameworks/import',
    summary: 'Import qualification frameworks from CSV (all or nothing; errors name the lines)',
    tags,
    schema: { body: FrameworkImportBody, response: { 200: FrameworkImported } },
    bodyLimit: 6 * 1024 * 1024,
    command: importFrameworks,
    input: (ctx) => ctx.body,
    example: async () => ({ body: { csv: (await fixtures()).EXAMPLE_FRAMEWORK_CSV } }),
  }),
  defineRoute({
    method: 'GET',
    url: '/recognition/cases',
    summary:
      'The assessors’ queue: recognition cases of your organisation, and cases other organisations referred to it ' +
      '(while the person’s consent holds), oldest first',
    tags,
    schema: { querystring: QueueQuery, response: { 200: Queue } },
    access: { roles: ['assessor', 'org_admin'] },
    handler: (ctx) =>
      ctx.transaction(async (tx) => {
        const statuses = tx.query.status ? [tx.query.status] : ['requested', 'assessing', 'appealed', 'decided'];
        const own = await listCaseRows(tx.db, { organisationId: tx.user.organisationId, statuses });
        // Referred cases: assessors only, each through the same rule as opening it (consent read now).
        const referred = [];
        if (tx.user.role === 'assessor') {
          for (const r of await referralsTo(tx.db, tx.user.organisationId)) {
            const c = await findCaseRow(tx.db, r.case_id);
            if (c && statuses.includes(c.status) && (await reachCase(tx, c)) === true) referred.push(c);
          }
        }
        const views = await casesWithReferrals(tx.db, [...own, ...referred]);
        const names = new Map<string, string>();
        const items = [];
        for (const view of views) {
          const q = await findQualificationRow(tx.db, view.qualificationId);
          const docs = await listDocumentSummaries(tx.db, tx.cipher, [view.qualificationId]);
          const fromElsewhere = view.organisationId !== tx.user.organisationId;
          items.push({
            case: view,
            referredFrom: fromElsewhere ? await organisationName(tx.db, view.organisationId, names) : null,
            displayName: await displayName(tx, view.migrantId),
            originalTitle: q?.original_title ?? '',
            country: q?.country ?? '',
            documents: docs.get(view.qualificationId)?.length ?? 0,
          });
        }
        if (items.length)
          await tx.audit({
            action: 'read',
            entity: 'recognition_case',
            reason: auditReason('recognitionQueue', { count: items.length }),
          });
        return { items };
      }),
  }),
  defineRoute({
    method: 'GET',
    url: '/recognition/cases/:caseId',
    summary:
      'A recognition case with its qualification, documents, history and RPL assessments (an organisation it is ' +
      'referred to sees the case and its documents only)',
    tags,
    schema: { params: CaseParams, response: { 200: CaseDetail } },
    access: {
      roles: READERS,
      rule: async (ctx) => reachCase(ctx, await findCaseRow(ctx.db, ctx.params.caseId)),
    },
    example: async (world) => ({ params: { caseId: await (await fixtures()).exampleCase(world) } }),
    handler: (ctx) =>
      ctx.transaction(async (tx) => {
        const c = await findCaseRow(tx.db, tx.params.caseId);
        const q = c && (await findQualificationRow(tx.db, c.qualification_id));
        if (!c || !q) throw notFound('No such case', 'params.caseId');
        const docs = await listDocumentSummaries(tx.db, tx.cipher, [q.id]);
        // The person's other records (RPL assessments) stay with the home organisation.
        const assessments = [];
        if (!(await reachesByReferral(tx, c)))
          for (const r of await listRplRows(tx.db, { migrantId: c.migrant_id }))
            assessments.push(await getRplAssessment(tx.db, r));
        await tx.audit({
          action: 'read',
          entity: 'recognition_case',
          entityId: c.id,
          organisationId: c.organisation_id,
        });
        return {
          case: (await casesWithReferrals(tx.db, [c]))[0]!,
          qualification: { ...(await toQualification(tx.db, q)), documents: docs.get(q.id) ?? [] },
          displayName: await displayName(tx, c.migrant_id),
          events: await listCaseEvents(tx.db, c.id),
          assessments,
        };
      }),
  }),
  commandRoute({
    method: 'POST',
    url: '/recognition/cases/:caseId/referral',
    summary:
      'Refer a case to an assessing organisation on this instance, with the person’s consent that it sees the case ' +
      'and its evidence documents (an advisor or the person)',
    tags,
    schema: {
      params: CaseParams,
      body: ReferBody,
      response: { 200: CaseView },
    },
    command: referCase,
    input: (ctx) => ({ ...ctx.body, caseId: ctx.params.caseId }),
    example: async (world) => ({
      params: { caseId: await (await fixtures()).exampleCase(world) },
      body: { organisationId: world.orgB.id, consent: true },
    }),
  }),
  commandRoute({
    method: 'POST',
    url: '/recognition/cases/:caseId/referral/withdraw',
    summary: 'Withdraw a referral: the assessing organisation no longer sees the case (its consent is withdrawn)',
    tags,
    schema: { params: CaseParams, response: { 200: CaseView } },
    command: withdrawReferral,
    input: (ctx) => ({ caseId: ctx.params.caseId }),
    example: async (world) => ({ params: { caseId: await (await fixtures()).exampleReferredCase(world) } }),
  }),
  commandRoute({
    method: 'POST',
    url: '/recognition/qualifications/:qualificationId/cases',
    summary: 'Request recognition of a qualification (an advisor or the person)',
    tags,
    schema: {
      params: QualificationParams,
      body: CaseRequestBody,
      response: { 201: CaseView },
    },
    command: requestRecognition,
    input: (ctx) => ({ ...ctx.body, qualificationId: ctx.params.qualificationId }),
    example: async (world) => ({
      params: { qualificationId: (await (await fixtures()).exampleQualification(world)).qualificationId },
      body: {},
    }),
  }),
  commandRoute({
    method: 'POST',
    url: '/recognition/cases/:caseId/assessment',
    summary: 'Record the assessment: documents checked, interview notes, comparison with the destination framework',
    tags,
    schema: {
      params: CaseParams,
      body: AssessBody,
      response: { 200: CaseView },
    },
    command: assessCase,
    input: (ctx) => ({ ...ctx.body, caseId: ctx.params.caseId }),
    example: async (world) => {
      const caseId = await (await fixtures()).exampleCase(world);
      return { params: { caseId }, body: { version: 1, documentsChecked: true } };
    },
  }),
  commandRoute({
    method: 'POST',
    url: '/recognition/cases/:caseId/decision',
    summary: 'Decide: recognised, partially recognised (compensation measures), not recognised, or referred to RPL',
    tags,
    schema: {
      params: CaseParams,
      body: DecideBody,
      response: { 200: CaseView },
    },
    command: decideCase,
    input: (ctx) => ({ ...ctx.body, caseId: ctx.params.caseId }),
    example: async (world) => {
      const { caseId, version } = await (await fixtures()).exampleAssessedCase(world);
      return { params: { caseId }, body: { version, outcome: 'recognised', eqfLevel: 4 } };
    },
  }),
  commandRoute({
    method: 'POST',
    url: '/recognition/cases/:caseId/reopen',
    summary: 'Reopen a decided case (the decision is kept in its history)',
    tags,
    schema: {
      params: CaseParams,
      body: ReopenBody,
      response: { 200: CaseView },
    },
    command: reopenCase,
    input: (ctx) => ({ ...ctx.body, caseId: ctx.params.caseId }),
    example: async (world) => {
      const { caseId, version } = await (await fixtures()).exampleDecidedCase(world, 'not_recognised');
      return { params: { caseId }, body: { version, reason: 'New documents' } };
    },
  }),
  commandRoute({
    method: 'POST',
    url: '/recognition/cases/:caseId/appeal',
    summary: 'Appeal a decision (the person or their advisor)',
    tags,
    schema: {
      params: CaseParams,
      body: AppealBody,
      response: { 200: CaseView },
    },
    command: appealCase,
    input: (ctx) => ({ ...ctx.body, caseId: ctx.params.caseId }),
    example: async (world) => {
      const { caseId, version } = await (await fixtures()).exampleDecidedCase(world, 'not_recognised');
      return { params: { caseId }, body: { version, reason: 'The course lasted three years' } };
    },
  }),
  commandRoute({
    method: 'POST',
    url: '/migrants/:migrantId/rpl-assessments',
    summary: 'Start an RPL assessment against an ESCO occupation: its essential skills become the checklist',
    tags,
    schema: {
      params: PersonParams,
      body: RplStartBody,
      response: { 201: RplAssessment },
    },
    command: startRpl,
    input: (ctx) => ({ ...ctx.body, migrantId: ctx.params.migrantId }),
    example: async (world) => ({
      ...(await personExample(world)),
      body: { occupationUri: await (await fixtures()).exampleOccupation(world) },
    }),
  }),
  defineRoute({
    method: 'GET',
    url: '/recognition/rpl-assessments/:assessmentId',
    summary: 'An RPL assessment with its checklist',
    tags,
    schema: { params: AssessmentParams, response: { 200: RplAssessment } },
    access: {
      roles: READERS,
      rule: async (ctx) => reachRecord(ctx, await findRplRow(ctx.db, ctx.params.assessmentId)),
    },
    example: async (world) => ({
      params: { assessmentId: (await (await fixtures()).exampleRpl(world)).assessmentId },
    }),
    handler: (ctx) =>
      ctx.transaction(async (tx) => {
        const row = await findRplRow(tx.db, tx.params.assessmentId);
        if (!row) throw notFound('No such assessment', 'params.assessmentId');
        await tx.audit({
          action: 'read',
          entity: 'recognition_rpl_assessment',
          entityId: row.id,
          organisationId: row.organisation_id,
        });
        return getRplAssessment(tx.db, row);
      }),
  }),
  commandRoute({
    method: 'POST',
    url: '/recognition/rpl-assessments/:assessmentId/skills',
    summary: 'Record skills of the checklist: method and result (demonstrated, not yet)',
    tags,
    schema: {
      params: AssessmentParams,
      body: RplRecordBody,
      response: { 200: RplAssessment },
    },
    command: recordRpl,
    input: (ctx) => ({ ...ctx.body, assessmentId: ctx.params.assessmentId }),
    example: async (world) => {
      const { assessmentId, version, skillUri } = await (await fixtures()).exampleRpl(world);
      return {
        params: { assessmentId },
        body: { version, skills: [{ skillUri, method: 'observation', result: 'demonstrated' }] },
      };
    },
  }),
  commandRoute({
    method: 'POST',
    url: '/recognition/rpl-assessments/:assessmentId/complete',
    summary: 'Complete an RPL assessment: demonstrated skills become "assessed" on the profile, with provenance',
    tags,
    schema: {
      params: AssessmentParams,
      body: RplCompleteBody,
      response: { 200: RplAssessment },
    },
    command: completeRpl,
    input: (ctx) => ({ ...ctx.body, assessmentId: ctx.params.assessmentId }),
    example: async (world) => {
      const { assessmentId, version } = await (await fixtures()).exampleRpl(world);
      return { params: { assessmentId }, body: { version } };
    },
  }),
];

async function subjectOf(ctx: PersonalDataContext): Promise<string | null> {
  if (ctx.subject.migrantId) return ctx.subject.migrantId;
  return ctx.subject.userId ? ctx.services.get('migrants').migrantIdForUser(ctx.db, ctx.subject.userId) : null;
}

export const recognitionCapability = defineCapability({
  name: 'recognition',
  setup(registry) {
    registry.personalData({
      name: 'recognition',
      exportPersonalData: async (ctx) => {
        const migrantId = await subjectOf(ctx);
        return migrantId ? exportRecognition(ctx.db, ctx.cipher, migrantId) : null;
      },
      // Documents, qualifications, cases and assessments all go: nothing of them is kept for statistics.
      erasePersonalData: async (ctx) => {
        const migrantId = await subjectOf(ctx);
        if (!migrantId) return { erased: 0 };
        const { erased, ids } = await eraseRecognition(ctx.db, migrantId);
        for (const r of ids)
          ctx.changed({
            entity: r.entity,
            id: r.id,
            op: 'delete',
            organisationId: r.organisationId,
            subjectId: migrantId,
          });
        return { erased };
      },
    });
  },
});

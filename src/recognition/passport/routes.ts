// The passport over HTTP. Holders and staff under /passports; anyone (no sign-in) under /credentials: verify,
// status lists, shared passports and this instance's DID document.
import { Type } from '@sinclair/typebox';
import { canReachMigrant } from '../../kernel/access.js';
import { defineCapability } from '../../kernel/capability.js';
import { notFound } from '../../kernel/errors.js';
import { commandRoute, defineRoute, type AnyRoute, type MatrixWorld } from '../../kernel/route.js';
import { hashToken } from '../../shared/crypto.js';
import { Uuid } from '../../shared/typebox.js';
import {
  derivePassport,
  exportIssuerList,
  importPassport,
  importTrustList,
  issuePassport,
  revokePassport,
  rotateIssuerKey,
  sharePassport,
  stopSharing,
  summaryOf,
} from './commands.js';
import { didDocument } from './contexts.js';
import { CredentialJson, Disclosure, PassportSummary, Share, TrustedIssuerView, VerificationReport } from './model.js';
import { conceptLabels } from './content.js';
import { PASSPORT_PDF_LANGS, passportConcepts, type PassportPdfJob } from './pdf.js';
import { HOLDERS, mayReachPassport } from './policy.js';
import { STATUS_LIST_TTL_SECONDS } from './status.js';
import { cachedStatusList, credentialRow, decryptCredential, loadTrust, ownKeysOf } from './store.js';
import { didWebFor } from './contexts.js';
import { verifySubmitted } from './check.js';
import { auditReason } from '../../shared/audit-reasons.js';

const PASSPORT_RENDERER = new URL('./pdf.ts', import.meta.url);

const TAGS = ['passport'];
const fixtures = () => import('./testing.js');
const PassportParams = Type.Object({ passportId: Uuid });
const Binary = (type: string) => Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: type });
/** The reader's language, for the PDF and for the labels the verification page shows. */
const ReaderLang = Type.Object(
  {
    lang: Type.Optional(
      Type.Union(
        PASSPORT_PDF_LANGS.map((l) => Type.Literal(l)),
        { description: 'en, es, fr or ar (ESCO labels in English where ESCO lacks the language)' },
      ),
    ),
  },
  { additionalProperties: false },
);
const passportExample = async (world: MatrixWorld) => ({
  params: { passportId: await (await fixtures()).examplePassport(world) },
});

async function readCredential(
  ctx: { db: Parameters<typeof credentialRow>[0]; cipher: Parameters<typeof decryptCredential>[0] },
  id: string,
) {
  const row = await credentialRow(ctx.db, id);
  const credential = row ? decryptCredential(ctx.cipher, row) : null;
  if (!row || !credential) throw notFound('No such passport', 'passportId');
  return { row, credential };
}

export const passportRoutes: AnyRoute[] = [
  commandRoute({
    method: 'POST',
    url: '/passports',
    summary: 'Issue a skills passport (W3C VC 2.0, eddsa-rdfc-2022) for a person, signed by the organisation',
    tags: TAGS,
    schema: {
      body: Type.Object(
        {
          id: Type.Optional(Uuid),
          migrantId: Uuid,
          validForDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
        },
        { additionalProperties: false },
      ),
      response: { 201: PassportSummary },
    },
    command: issuePassport,
    input: (ctx) => ({ ...ctx.body, validForDays: ctx.body.validForDays ?? 730 }),
    example: async (world) => ({ body: { migrantId: await (await fixtures()).exampleMigrant(world) } }),
  }),
  defineRoute({
    method: 'GET',
    url: '/migrants/:migrantId/passports',
    summary: 'A person’s passports (and the disclosure choices derived from them)',
    tags: TAGS,
    schema: { params: Type.Object({ migrantId: Uuid }), response: { 200: Type.Array(PassportSummary) } },
    access: { roles: [...HOLDERS], rule: (ctx) => canReachMigrant(ctx, ctx.params.migrantId) },
    example: async (world) => ({ params: { migrantId: await (await fixtures()).examplePassportHolder(world) } }),
    handler: async (ctx) => {
      let q = ctx.db
        .selectFrom('passport_credential')
        .selectAll()
        .where('migrant_id', '=', ctx.params.migrantId)
        .where('credential', 'is not', null);
      if (ctx.user.role !== 'migrant' && ctx.user.role !== 'platform_admin') {
        q = q.where('organisation_id', '=', ctx.user.organisationId);
      }
      const rows = await q.orderBy('issued_at', 'desc').execute();
      return rows.map((r) => summaryOf(r, decryptCredential(ctx.cipher, r)));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/passports/:passportId/credential.json',
    summary: 'The signed credential, to download or hand to a verifier',
    tags: TAGS,
    schema: { params: PassportParams, response: { 200: CredentialJson } },
    access: { roles: [...HOLDERS], rule: (ctx) => mayReachPassport(ctx, ctx.params.passportId) },
    example: passportExample,
    handler: (ctx) =>
      ctx.transaction(async (tx) => {
        const { row, credential } = await readCredential(tx, tx.params.passportId);
        await tx.audit({
          action: 'export',
          entity: 'passport_credential',
          entityId: row.id,
          organisationId: row.organisation_id,
        });
        tx.reply.header('content-disposition', `attachment; filename="skills-passport-${row.id}.json"`);
        return credential;
      }),
  }),
  defineRoute({
    method: 'GET',
    url: '/passports/:passportId/passport.pdf',
    summary:
      'The passport as a PDF whose QR code links to it (a new share link, valid 30 days, listed with the others)',
    tags: TAGS,
    schema: { params: PassportParams, querystring: ReaderLang, response: { 200: Binary('application/pdf') } },
    access: { roles: [...HOLDERS], rule: (ctx) => mayReachPassport(ctx, ctx.params.passportId) },
    rateLimitPerMinute: 30,
    example: passportExample,
    handler: async (ctx) => {
      const { credential } = await readCredential(ctx, ctx.params.passportId);
      const lang = ctx.query.lang ?? 'en';
      const labels = await conceptLabels(ctx.db, ctx.services, lang);
      const share = await ctx.execute(sharePassport, { passportId: ctx.params.passportId, days: 30 });
      const job: PassportPdfJob = {
        credential,
        link: share.url!,
        expiresAt: share.expiresAt,
        lang,
        labels: Object.fromEntries(passportConcepts(credential).map((uri) => [uri, labels.label(uri)])),
        labelLang: labels.lang,
      };
      // In a worker thread of the shared PDF pool (profiles): fonts are parsed and subset per document, ~0.1–0.2 s
      // of CPU that must not hold up anyone else's request; the pool's per-person and queue limits apply.
      const pdf = await ctx.services
        .get('pdfRender')
        .render(
          { kind: 'passport', what: 'passports', module: PASSPORT_RENDERER, renderer: 'renderPassportJob', input: job },
          ctx.user.id,
        );
      ctx.reply.header('content-type', 'application/pdf');
      ctx.reply.header('content-disposition', `attachment; filename="skills-passport-${ctx.params.passportId}.pdf"`);
      return pdf;
    },
  }),
  commandRoute({
    method: 'POST',
    url: '/passports/:passportId/derive',
    summary: 'A credential with only what the holder chooses to show (e.g. without origin or birth year)',
    tags: TAGS,
    schema: {
      params: PassportParams,
      body: Type.Object({ id: Type.Optional(Uuid), disclosure: Disclosure }, { additionalProperties: false }),
      response: { 201: PassportSummary },
    },
    command: derivePassport,
    input: (ctx) => ({ ...ctx.body, passportId: ctx.params.passportId }),
    example: async (world) => ({
      ...(await passportExample(world)),
      body: { disclosure: { name: false, originCountry: false, birthYear: false } },
    }),
  }),
  commandRoute({
    method: 'POST',
    url: '/passports/:passportId/revoke',
    summary: 'Revoke a passport (and the credentials derived from it); the status list is re-published at once',
    tags: TAGS,
    schema: {
      params: PassportParams,
      body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ revoked: Type.Integer() }) },
    },
    command: revokePassport,
    input: (ctx) => ({ passportId: ctx.params.passportId, reason: ctx.body.reason }),
    example: async (world) => ({ ...(await passportExample(world)), body: { reason: 'issued in error' } }),
  }),
  commandRoute({
    method: 'POST',
    url: '/passports/:passportId/shares',
    summary: 'A link that shows the passport to whoever opens it, until it expires or sharing stops',
    tags: TAGS,
    schema: {
      params: PassportParams,
      body: Type.Object(
        { days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })) },
        { additionalProperties: false },
      ),
      response: { 201: Share },
    },
    command: sharePassport,
    input: (ctx) => ({ passportId: ctx.params.passportId, days: ctx.body.days ?? 30 }),
    example: async (world) => ({ ...(await passportExample(world)), body: { days: 7 } }),
  }),
  defineRoute({
    method: 'GET',
    url: '/passports/:passportId/shares',
    summary: 'The passport’s share links (without the links themselves: only their hashes are kept)',
    tags: TAGS,
    schema: { params: PassportParams, response: { 200: Type.Array(Share) } },
    access: { roles: [...HOLDERS], rule: (ctx) => mayReachPassport(ctx, ctx.params.passportId) },
    example: passportExample,
    handler: async (ctx) => {
      const rows = await ctx.db
        .selectFrom('passport_share')
        .selectAll()
        .where('credential_id', '=', ctx.params.passportId)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        passportId: r.credential_id,
        createdAt: new Date(r.created_at).toISOString(),
        expiresAt: new Date(r.expires_at).toISOString(),
        stoppedAt: r.stopped_at ? new Date(r.stopped_at).toISOString() : null,
      }));
    },
  }),
  commandRoute({
    method: 'POST',
    url: '/passport-shares/:shareId/stop',
    summary: 'Stop sharing: the link answers 404 from now on',
    tags: TAGS,
    schema: {
      params: Type.Object({ shareId: Uuid }),
      body: Type.Object({}, { additionalProperties: false }),
      response: { 200: Type.Object({ stopped: Type.Boolean() }) },
    },
    command: stopSharing,
    input: (ctx) => ({ shareId: ctx.params.shareId }),
    example: async (world) => ({ params: { shareId: await (await fixtures()).exampleShare(world) }, body: {} }),
  }),
  commandRoute({
    method: 'POST',
    url: '/passports/keys/rotate',
    summary: 'Retire the organisation’s signing key and make a new one (old passports still verify)',
    tags: TAGS,
    schema: {
      body: Type.Object({}, { additionalProperties: false }),
      response: { 200: Type.Object({ verificationMethod: Type.String(), did: Type.String() }) },
    },
    command: rotateIssuerKey,
    input: () => ({}),
    example: async () => ({ body: {} }),
  }),
  commandRoute({
    method: 'POST',
    url: '/passports/issuer-list',
    summary: 'This instance’s issuers and keys as a signed issuer list, for other instances to import',
    tags: TAGS,
    schema: { body: Type.Object({}, { additionalProperties: false }), response: { 200: CredentialJson } },
    command: exportIssuerList,
    input: () => ({}),
    example: async () => ({ body: {} }),
  }),
  commandRoute({
    method: 'POST',
    url: '/passports/trust-list/import',
    summary: 'Import a signed issuer list: its issuers’ passports verify here as trusted',
    tags: TAGS,
    schema: {
      body: Type.Object({ list: CredentialJson }, { additionalProperties: false }),
      response: {
        200: Type.Object({ added: Type.Integer(), signedBy: Type.String(), issuers: Type.Array(Type.String()) }),
      },
    },
    command: importTrustList,
    input: (ctx) => ({ list: ctx.body.list }),
    example: async (world) => ({ body: { list: await (await fixtures()).exampleIssuerList(world) } }),
  }),
  defineRoute({
    method: 'GET',
    url: '/passports/trust-list',
    summary: 'Who this instance trusts: its organisations’ keys and imported issuers',
    tags: TAGS,
    schema: { response: { 200: Type.Array(TrustedIssuerView) } },
    access: { roles: ['advisor', 'assessor', 'org_admin'] },
    handler: async (ctx) =>
      (await loadTrust(ctx.db)).keys.map((k) => ({
        did: k.controller,
        verificationMethod: k.id,
        name: k.name,
        source: k.source,
      })),
  }),
  commandRoute({
    method: 'POST',
    url: '/migrants/:migrantId/passport-imports',
    summary: 'Import a verified passport from a trusted issuer: its skills become certified (issuer, date)',
    tags: TAGS,
    schema: {
      params: Type.Object({ migrantId: Uuid }),
      body: Type.Object({ credential: CredentialJson }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          certified: Type.Integer(),
          issuer: Type.String(),
          issuedOn: Type.String(),
          status: Type.String(),
        }),
      },
    },
    command: importPassport,
    input: (ctx) => ({ migrantId: ctx.params.migrantId, credential: ctx.body.credential }),
    example: async (world) => {
      const f = await fixtures();
      return {
        params: { migrantId: await f.exampleMigrant(world) },
        body: { credential: await f.exampleForeignPassport(world) },
      };
    },
  }),

  // ---- public: anyone may verify ----
  defineRoute({
    method: 'POST',
    url: '/credentials/verify',
    summary: 'Verify a credential: signature, issuer trusted or not, dates, revocation — each with its reason',
    description:
      'Body `{ verifiableCredential }` (as the W3C VC API). Answers 200 with the report for a credential that is ' +
      'well-formed, valid or not; 400 for what is not one (malformed JSON-LD, unknown context, wrong proof type), ' +
      '413 above 256 KB. Nothing is stored.',
    tags: TAGS,
    schema: {
      body: Type.Object({ verifiableCredential: CredentialJson }, { additionalProperties: false }),
      querystring: ReaderLang,
      response: { 200: VerificationReport },
    },
    access: { roles: 'public' },
    rateLimitPerMinute: 60,
    example: async (world) => ({ body: { verifiableCredential: await (await fixtures()).exampleCredential(world) } }),
    handler: (ctx) => verifySubmitted(ctx, ctx.body.verifiableCredential, ctx.query.lang),
  }),
  defineRoute({
    method: 'GET',
    url: '/credentials/status/:organisationId',
    summary: 'An organisation’s revocation list (BitstringStatusListCredential), cached for 5 minutes',
    tags: TAGS,
    schema: {
      params: Type.Object({ organisationId: Type.String({ maxLength: 100 }) }),
      response: { 200: CredentialJson },
    },
    access: { roles: 'public' },
    example: async (world) => {
      await (await fixtures()).examplePassport(world);
      return { params: { organisationId: world.orgA.id } };
    },
    handler: async (ctx) => {
      const cached = await cachedStatusList(ctx.db, ctx.cipher, ctx.config, ctx.params.organisationId);
      if (!cached) throw notFound('This organisation has issued no passports', 'organisationId');
      ctx.reply.header('cache-control', `public, max-age=${STATUS_LIST_TTL_SECONDS}`);
      ctx.reply.header('last-modified', cached.fetchedAt.toUTCString());
      return cached.credential;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/credentials/shared/:token',
    summary: 'A passport its holder shares by link (404 once expired or stopped)',
    tags: TAGS,
    schema: {
      params: Type.Object({ token: Type.String({ minLength: 20, maxLength: 100 }) }),
      response: { 200: CredentialJson },
    },
    access: { roles: 'public' },
    rateLimitPerMinute: 60,
    example: async (world) => ({ params: { token: await (await fixtures()).exampleShareToken(world) } }),
    handler: (ctx) =>
      ctx.transaction(async (tx) => {
        const share = await tx.db
          .selectFrom('passport_share')
          .selectAll()
          .where('token_hash', '=', hashToken(tx.params.token))
          .where('stopped_at', 'is', null)
          .where('expires_at', '>', new Date())
          .executeTakeFirst();
        if (!share) throw notFound('This link has expired or its holder stopped sharing', 'token');
        const { row, credential } = await readCredential(tx, share.credential_id);
        await tx.audit({
          action: 'read',
          entity: 'passport_credential',
          entityId: row.id,
          organisationId: row.organisation_id,
          reason: auditReason('passportShared', { share: share.id }),
        });
        return credential;
      }),
  }),
  defineRoute({
    method: 'GET',
    url: '/credentials/did.json',
    summary: 'This instance’s DID document (did:web): every organisation’s keys, current and retired',
    description: 'Also served at /.well-known/did.json. Empty of keys while the instance has no https public URL.',
    tags: TAGS,
    schema: { response: { 200: CredentialJson } },
    access: { roles: 'public' },
    handler: async (ctx) => {
      const did = didWebFor(ctx.config.publicUrl);
      if (!did) throw notFound('This instance has no https public URL: its issuers use did:key', 'did');
      return didDocument(did, await ownKeysOf(ctx.db, did)) as Record<string, unknown>;
    },
  }),
];

export const passportCapability = defineCapability({
  name: 'passport',
  setup(registry) {
    registry.personalData({
      name: 'passport',
      exportPersonalData: async (ctx) => {
        const migrantId = ctx.subject.migrantId;
        if (!migrantId) return null;
        const rows = await ctx.db
          .selectFrom('passport_credential')
          .selectAll()
          .where('migrant_id', '=', migrantId)
          .execute();
        return rows.map((r) => ({
          ...summaryOf(r, decryptCredential(ctx.cipher, r)),
          credential: decryptCredential(ctx.cipher, r),
        }));
      },
      // The signed credentials go (they name the person); the rows stay revoked so their status-list bits hold.
      erasePersonalData: async (ctx) => {
        const migrantId = ctx.subject.migrantId;
        if (!migrantId) return { erased: 0 };
        const rows = await ctx.db
          .updateTable('passport_credential')
          .set({ credential: null, migrant_id: 'erased', revoked_at: new Date(), revoked_reason: 'erased' })
          .where('migrant_id', '=', migrantId)
          .returning(['id', 'organisation_id'])
          .execute();
        await ctx.db
          .deleteFrom('passport_share')
          .where('credential_id', 'in', rows.length ? rows.map((r) => r.id) : [''])
          .execute();
        await ctx.db.deleteFrom('passport_import').where('migrant_id', '=', migrantId).execute();
        for (const r of rows)
          ctx.changed({ entity: 'passport_credential', id: r.id, op: 'delete', organisationId: r.organisation_id });
        return { erased: rows.length };
      },
    });
  },
});

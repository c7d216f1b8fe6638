// GET /api/v1/profiles/:profileId/cv.pdf?lang=en|es|fr|ar: the migrant's CV as a printable PDF in the chosen
// language. Same readers as the profile itself (the migrant, their organisation's advisors and org admins);
// employers get 404 and use the consented candidate view. Every export is audited.
import { Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { canReachMigrant } from '../../kernel/access.js';
import type { Services } from '../../kernel/capability.js';
import { defineRoute, type AnyRoute } from '../../kernel/route.js';
import { preferredLabel, type TaxonomyService } from '../../taxonomy/domain.js';
import type { Profile } from '../model.js';
import { getProfile } from '../store.js';
import { accountEmail } from '../../identity/domain.js';
import type { FieldCipher } from '../../shared/crypto.js';
import { assessedSkills } from '../../recognition/domain.js';
import { buildCv, type CvLabels } from './document.js';
import { CV_LANGS, type CvLang } from './labels.js';
import type { PdfRenderPool } from './pool.js';
import { auditReason } from '../../shared/audit-reasons.js';

declare module '../../kernel/capability.js' {
  interface ServiceMap {
    /** PDF rendering (CVs, passports) in worker threads (profiles provides it). */
    pdfRender: PdfRenderPool;
  }
}

/** The worker imports the renderer itself (pool.ts): the CV document crosses over as plain data. */
const CV_RENDERER = new URL('./pdf.ts', import.meta.url);

const CvParams = Type.Object({
  profileId: Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' }),
});
const CvQuery = Type.Object({
  lang: Type.Union(
    CV_LANGS.map((l) => Type.Literal(l)),
    { description: 'Language of the CV (ar is laid out right to left)' },
  ),
  /** The contact the person chose to show on this CV; none by default. */
  contact: Type.Optional(Type.Literal('email', { description: 'email: print the linked account’s email' })),
});

/** The taxonomy the profile was coded under (else the active one); null when none is loaded. */
async function taxonomyFor(
  db: Kysely<Database>,
  services: Services,
  profile: Profile,
): Promise<TaxonomyService | null> {
  const runtime = services.get('taxonomy');
  try {
    return await runtime.version(db, profile.taxonomyVersion);
  } catch {
    return runtime.current(db).catch(() => null);
  }
}

/** ESCO preferred labels in the CV language (English when ESCO has none in it). */
export function taxonomyLabels(service: TaxonomyService | null, lang: CvLang): CvLabels {
  const occupations = service?.snapshot.occupations;
  const skills = service?.snapshot.skills;
  return {
    occupation: (uri) => {
      const c = occupations?.get(uri);
      return c ? preferredLabel(c.labels, lang) || null : null;
    },
    skill: (uri) => {
      const c = skills?.get(uri);
      return c ? preferredLabel(c.labels, lang) || null : null;
    },
  };
}

async function linkedEmail(db: Kysely<Database>, cipher: FieldCipher, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  return (await accountEmail(db, cipher, userId)) || null;
}

export const cvRoute: AnyRoute = defineRoute({
  method: 'GET',
  url: '/profiles/:profileId/cv.pdf',
  summary: 'The profile as a printable CV (PDF) in en, es, fr or ar',
  description:
    'Answers application/pdf. Never shows migration status, permits or document numbers, sex, birth year or ' +
    'origin. contact=email prints the linked account’s email. Every export is audited.',
  tags: ['profiles'],
  schema: {
    params: CvParams,
    querystring: CvQuery,
    response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf' }) },
  },
  access: { roles: ['advisor', 'org_admin', 'migrant'], rule: (ctx) => canReachMigrant(ctx, ctx.params.profileId) },
  // Rendering takes 0.1–0.5 s of CPU: a client cannot keep the server busy with it.
  rateLimitPerMinute: 60,
  example: async (world) => ({
    params: { profileId: await (await import('../testing.js')).exampleProfile(world) },
    querystring: { lang: 'en' },
  }),
  handler: async (ctx) => {
    const lang = ctx.query.lang;
    const profile = await getProfile(ctx.db, ctx.cipher, ctx.params.profileId);
    const service = await taxonomyFor(ctx.db, ctx.services, profile);
    const email = ctx.query.contact === 'email' ? await linkedEmail(ctx.db, ctx.cipher, profile.userId) : null;
    const assessed = await assessedSkills(ctx.db, profile.id);
    const cv = buildCv(profile, lang, taxonomyLabels(service, lang), { email, generatedAt: new Date(), assessed });
    // In a worker thread: a large CV takes seconds of CPU, which must not hold up anyone else's request.
    const pdf = await ctx.services
      .get('pdfRender')
      .render({ kind: 'cv', what: 'CVs', module: CV_RENDERER, renderer: 'renderCvPdf', input: cv }, ctx.user.id);
    await ctx.audit({
      action: 'export',
      entity: 'profile',
      entityId: profile.id,
      organisationId: profile.organisationId,
      reason: auditReason('cvDownloaded', { lang }),
    });
    ctx.reply.header('content-type', 'application/pdf');
    ctx.reply.header('content-disposition', `inline; filename="cv-${profile.id}-${lang}.pdf"`);
    return pdf;
  },
});

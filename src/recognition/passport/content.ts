// What goes into a passport, from the records Corridor holds about the person: one function, so recognition's
// records (recognised qualifications with EQF levels, skills assessed with provenance) join it in one place.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Services } from '../../kernel/capability.js';
import type { FieldCipher } from '../../shared/crypto.js';
import { getProfile } from '../../profiles/domain.js';
import { preferredLabel } from '../../taxonomy/domain.js';
import { assessedSkills, recognisedQualifications } from '../store.js';
import type { PassportContent } from './credential.js';

type Db = Kysely<Database>;

/** What the holder chose to show. The name is replaced by a pseudonymous id when left out. */
export interface Disclosure {
  name: boolean;
  originCountry: boolean;
  birthYear: boolean;
}
export const FULL_DISCLOSURE: Disclosure = { name: true, originCountry: true, birthYear: true };

/** How each profile source established a skill, in the passport's words. */
const METHOD: Record<string, string> = {
  'self-declared': 'self-declaration',
  interview: 'interview',
  'work-experience': 'work experience',
  education: 'education record',
  assessment: 'assessment',
  certificate: 'certificate',
  extraction: 'extracted from a CV',
};

/** RPL methods (recognition's codes) in the passport's words. */
const RPL_METHOD: Record<string, string> = {
  interview: 'interview',
  observation: 'observation',
  practical_test: 'practical test',
  portfolio: 'portfolio',
  employer_attestation: 'employer attestation',
};

const sameTitle = (a: string | null | undefined, b: string) =>
  !!a && a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/**
 * ESCO preferred labels by URI in `lang` where the loaded ESCO has that language, else English (ESCO has no Arabic):
 * `lang` says which one the labels are in. With no taxonomy loaded, every label is null (shown by URI).
 */
export async function conceptLabels(
  db: Db,
  services: Services,
  lang = 'en',
): Promise<{ lang: string; label: (uri: string) => string | null }> {
  try {
    if (!services.has('taxonomy')) return { lang: 'en', label: () => null };
    const service = await services.get('taxonomy').current(db);
    const { skills, occupations } = service.snapshot;
    const used = service.languages.includes(lang) ? lang : 'en';
    return {
      lang: used,
      label: (uri) => {
        const concept = skills.get(uri) ?? occupations.get(uri);
        return concept ? preferredLabel(concept.labels, used) || null : null;
      },
    };
  } catch {
    // No taxonomy loaded: the passport still names every concept by its ESCO URI.
    return { lang: 'en', label: () => null };
  }
}

export async function passportContent(
  ctx: { db: Db; cipher: FieldCipher; services: Services },
  migrantId: string,
  disclosure: Disclosure,
): Promise<PassportContent> {
  const profile = await getProfile(ctx.db, ctx.cipher, migrantId);
  const { label } = await conceptLabels(ctx.db, ctx.services, 'en');
  const imports = await ctx.db
    .selectFrom('passport_import')
    .select(['issuer_name', 'valid_from', 'skills'])
    .where('migrant_id', '=', migrantId)
    .orderBy('imported_at')
    .execute();
  const certifiedBy = new Map<string, { by: string; on: string }>();
  for (const imp of imports) {
    const skills = typeof imp.skills === 'string' ? (JSON.parse(imp.skills) as string[]) : imp.skills;
    for (const uri of skills) certifiedBy.set(uri, { by: imp.issuer_name, on: imp.valid_from.slice(0, 10) });
  }
  // Recognition's records: what an assessor decided outranks what the profile says about the same thing.
  const [recognised, assessed] = await Promise.all([
    recognisedQualifications(ctx.db, migrantId),
    assessedSkills(ctx.db, migrantId),
  ]);
  const assessedBy = new Map(assessed.map((a) => [a.skillUri, a]));
  const declared = profile.qualifications.filter(
    (q) => !recognised.some((r) => sameTitle(r.originalTitle, q.title) || sameTitle(r.titleTranslation, q.title)),
  );
  const occupationUris = [
    ...new Set([...profile.experience.map((e) => e.occupationUri), ...profile.preferences.occupations]),
  ];
  return {
    name: disclosure.name ? profile.displayName : null,
    subjectId: `urn:uuid:${profile.id}`,
    originCountry: disclosure.originCountry && profile.originCountry !== 'ZZ' ? profile.originCountry : null,
    birthYear: disclosure.birthYear ? profile.birthYear : null,
    occupations: occupationUris.map((uri) => ({ uri, name: label(uri) })),
    skills: profile.skills.map((s) => {
      const cert = s.evidence === 'certified' ? certifiedBy.get(s.uri) : undefined;
      const rpl = s.evidence === 'assessed' ? assessedBy.get(s.uri) : undefined;
      return {
        uri: s.uri,
        name: label(s.uri),
        evidenceLevel: s.evidence,
        method: cert
          ? 'verified credential'
          : rpl
            ? (RPL_METHOD[rpl.method] ?? rpl.method)
            : (METHOD[s.source] ?? s.source),
        assessedBy: cert?.by ?? rpl?.assessorName ?? null,
        assessedOn: cert?.on ?? rpl?.assessedOn ?? null,
      };
    }),
    qualifications: [
      ...recognised.map((r) => ({
        title: r.originalTitle,
        titleTranslation: r.titleTranslation,
        awardingBody: r.awardingBody,
        country: r.country,
        year: r.year,
        eqfLevel: r.eqfLevel,
        recognition: r.outcome === 'recognised' ? ('recognised' as const) : ('partially-recognised' as const),
        recognisedOn: r.decidedAt,
        comparableQualification: r.comparableQualification,
      })),
      ...declared.map((q) => ({
        title: q.title,
        titleTranslation: null,
        awardingBody: q.awardingBody,
        country: q.country,
        year: q.year,
        eqfLevel: q.eqfLevel,
        recognition: 'declared' as const,
        recognisedOn: null,
        comparableQualification: null,
      })),
    ],
    languages: profile.languages.map((l) => ({
      lang: l.lang,
      native: l.native,
      listening: l.listening,
      reading: l.reading,
      speaking: l.speaking,
      writing: l.writing,
    })),
  };
}

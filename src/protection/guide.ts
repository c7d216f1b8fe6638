// The employer's hiring guide: one per eligibility rule (country × permit type), in versions. What the permit allows
// (sectors, occupations) is read from matching's rule itself, so the guide an employer reads and the eligibility
// matching applies are one source; the guide adds the steps, documents, obligations, incentives and where to get help.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { notFound } from '../kernel/errors.js';
import { GUIDE_LANGUAGES, type GuideText, type HiringGuide } from './model.js';

type Db = Kysely<Database>;

function guideQuery(db: Db) {
  // The newest version of each rule's guide, beside the rule (a rule without a guide still lists).
  return db
    .selectFrom('matching_eligibility_rule as r')
    .leftJoin('protection_hiring_guide as g', (join) =>
      join.onRef('g.rule_id', '=', 'r.id').on((eb) =>
        eb(
          'g.version',
          '=',
          eb
            .selectFrom('protection_hiring_guide as g2')
            .select((e) => e.fn.max('g2.version').as('v'))
            .whereRef('g2.rule_id', '=', 'r.id'),
        ),
      ),
    )
    .select([
      'r.id',
      'r.country',
      'r.permit_type',
      'r.sectors',
      'r.isco_prefixes',
      'r.description',
      'r.example as rule_example',
      'g.version',
      'g.hours_per_week',
      'g.change_of_employer',
      'g.duration_months',
      'g.review_by',
      'g.example',
      'g.text',
      'g.created_at',
    ]);
}

type GuideRow = Awaited<ReturnType<ReturnType<typeof guideQuery>['execute']>>[number];

function pickLanguage(text: Record<string, unknown> | null, lang: string): { lang: string; text: GuideText | null } {
  if (!text) return { lang: 'en', text: null };
  const want = (GUIDE_LANGUAGES as readonly string[]).includes(lang) && text[lang] ? lang : 'en';
  return { lang: want, text: (text[want] as GuideText | undefined) ?? null };
}

function toGuide(r: GuideRow, lang: string, today: string): HiringGuide {
  const picked = pickLanguage(r.text as Record<string, unknown> | null, lang);
  return {
    ruleId: r.id,
    country: r.country,
    permitType: r.permit_type,
    sectors: r.sectors,
    iscoPrefixes: r.isco_prefixes,
    ruleDescription: r.description,
    version: r.version ?? null,
    hoursPerWeek: r.hours_per_week ?? null,
    changeOfEmployer: r.change_of_employer ?? null,
    durationMonths: r.duration_months ?? null,
    reviewBy: r.review_by ?? null,
    reviewOverdue: r.review_by ? r.review_by < today : false,
    // Example data when either the rule or its guide is: an employer must never take either for the law.
    example: r.rule_example || r.example === true,
    lang: picked.lang,
    text: picked.text,
    updatedAt: r.created_at ? new Date(r.created_at).toISOString() : null,
  };
}

export async function guidesForCountry(db: Db, country: string, lang: string, today: string): Promise<HiringGuide[]> {
  const rows = await guideQuery(db).where('r.country', '=', country).orderBy('r.permit_type').execute();
  return rows.map((r) => toGuide(r, lang, today));
}

export async function guideForRule(db: Db, ruleId: string, lang: string, today: string): Promise<HiringGuide> {
  const row = await guideQuery(db).where('r.id', '=', ruleId).executeTakeFirst();
  if (!row) throw notFound(`No eligibility rule "${ruleId}"`, 'ruleId');
  return toGuide(row, lang, today);
}

export async function guideVersions(db: Db, ruleId: string) {
  const rows = await db
    .selectFrom('protection_hiring_guide')
    .selectAll()
    .where('rule_id', '=', ruleId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    hoursPerWeek: r.hours_per_week,
    changeOfEmployer: r.change_of_employer,
    durationMonths: r.duration_months,
    reviewBy: r.review_by,
    example: r.example,
    text: r.text,
    updatedBy: r.updated_by,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

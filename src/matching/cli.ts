// `corridor match`, `corridor match-rules` and `corridor generate`.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { createOrganisation, createUser, recordConsent } from '../identity/domain.js';
import { SYSTEM, type Kernel } from '../kernel/command.js';
import { DomainError } from '../kernel/errors.js';
import { instanceCipher } from '../kernel/person-keys.js';
import type { CommandLineRuntime, OpenRuntime } from '../kernel/runtime.js';
import { createProfile, type ProfileCreate } from '../profiles/domain.js';
import { createVacancy, type VacancyInput } from '../vacancies/domain.js';
import {
  type EscoSnapshot,
  readEscoSnapshot,
  shippedEscoSources,
  activeVersion,
  loadEscoSnapshot,
} from '../taxonomy/domain.js';
import { EXPLANATION_LANGUAGES, explanationText, snapshotLabels, type ExplanationLanguage } from './explain-text.js';
import { PopulationGenerator, type GeneratedProfile } from './generate.js';
import { generateBulk, givesStatisticsConsent } from './generate-bulk.js';
import type { EligibilityRule, MatchVacancy } from './model.js';
import { MatchInputError } from './scoring.js';
import { MatchingService, listRules } from './store.js';
import { deleteEligibilityRule, putEligibilityRule } from './commands.js';
import { auditAttributes, auditVacancies } from './fairness.js';
import { occupationTarget, rankTraining, skillGap, trainingPlan, vacancyTarget } from './gap.js';

/** A user-facing failure: main() prints the message on one line and exits non-zero. */
class CliError extends Error {}

function positiveInt(name: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 0 || n > max)
      throw new CliError(`${name}: expected an integer 0–${max}, got "${value}"`);
    return n;
  };
}

/** The active imported ESCO version, or the shipped copy when none is imported. */
async function taxonomy(db: Kysely<Database>): Promise<EscoSnapshot> {
  if (await activeVersion(db)) return loadEscoSnapshot(db);
  return readEscoSnapshot(shippedEscoSources()).snapshot;
}

async function withRuntime<T>(runtime: CommandLineRuntime, f: (open: OpenRuntime) => Promise<T>): Promise<T> {
  const open = await runtime.open();
  try {
    return await f(open);
  } finally {
    await open.close();
  }
}

function rethrow(err: unknown): never {
  if (err instanceof MatchInputError) throw new CliError(err.message);
  throw err;
}

export function registerMatchingCommands(program: Command, runtime: CommandLineRuntime): void {
  program
    .command('match')
    .description(
      'Rank candidates for a vacancy (--vacancy) or vacancies for a profile (--profile); prints JSON with explanations',
    )
    .option('--vacancy <id>', 'vacancy id')
    .option('--profile <id>', 'profile id')
    .option('--top <k>', 'number of results', positiveInt('--top', 1000), 20)
    .option('--as-of <date>', 'reference day for permits and availability (YYYY-MM-DD); default today')
    .option('--lang <lang>', `also render each explanation as text (${EXPLANATION_LANGUAGES.join(', ')})`)
    .action(async (opts: { vacancy?: string; profile?: string; top: number; asOf?: string; lang?: string }) => {
      if (!!opts.vacancy === !!opts.profile)
        throw new CliError('match: give exactly one of --vacancy <id> or --profile <id>');
      if (opts.lang && !EXPLANATION_LANGUAGES.includes(opts.lang as ExplanationLanguage))
        throw new CliError(`--lang: expected one of ${EXPLANATION_LANGUAGES.join(', ')}, got "${opts.lang}"`);
      await withRuntime(runtime, async ({ store, config }) => {
        const snapshot = await taxonomy(store.db);
        const { service, report } = await MatchingService.open(store.db, snapshot, { cipher: instanceCipher(config) });
        let results;
        try {
          results = opts.vacancy
            ? service.index.topCandidates(opts.vacancy, { k: opts.top, asOf: opts.asOf })
            : service.index.topVacancies(opts.profile!, { k: opts.top, asOf: opts.asOf });
        } catch (err) {
          rethrow(err);
        }
        const label = snapshotLabels(snapshot);
        const out = results.map((r) =>
          opts.lang ? { ...r, text: explanationText(r, opts.lang as ExplanationLanguage, label) } : r,
        );
        process.stdout.write(
          `${JSON.stringify({ indexed: { profiles: report.candidates, vacancies: report.vacancies, skipped: report.skipped.length }, results: out }, null, 2)}\n`,
        );
      });
    });

  program
    .command('match-gap')
    .description(
      'Skills a profile lacks for a vacancy (--vacancy) or an ESCO occupation (--occupation), and training that teaches them',
    )
    .requiredOption('--profile <id>', 'profile id')
    .option('--vacancy <id>', 'target vacancy id')
    .option('--occupation <uri>', 'target ESCO occupation URI')
    .option('--top <k>', 'number of training offers', positiveInt('--top', 1000), 10)
    .action(async (opts: { profile: string; vacancy?: string; occupation?: string; top: number }) => {
      if (!!opts.vacancy === !!opts.occupation)
        throw new CliError('match-gap: give exactly one of --vacancy <id> or --occupation <uri>');
      await withRuntime(runtime, async ({ store, config }) => {
        const snapshot = await taxonomy(store.db);
        const { service } = await MatchingService.open(store.db, snapshot, { cipher: instanceCipher(config) });
        const candidate = service.index.getCandidate(opts.profile);
        if (!candidate) throw new CliError(`match-gap: no profile "${opts.profile}" in the matching index`);
        let target;
        if (opts.vacancy) {
          const v = service.index.getVacancy(opts.vacancy);
          if (!v) throw new CliError(`match-gap: no vacancy "${opts.vacancy}" in the matching index`);
          target = vacancyTarget(v);
        } else {
          try {
            target = occupationTarget(snapshot, opts.occupation!);
          } catch (err) {
            rethrow(err);
          }
        }
        const gap = skillGap(candidate, target, service.index.graph);
        const wanted = [...gap.missingEssential, ...gap.nearOnly.map((x) => x.uri), ...gap.missingOptional];
        const { listTrainingOffersForPlanning } = await import('../training/domain.js');
        const offers = await listTrainingOffersForPlanning(store.db, { skills: wanted });
        process.stdout.write(
          `${JSON.stringify({ gap, training: rankTraining(gap, offers).slice(0, opts.top), plan: trainingPlan(gap, offers) }, null, 2)}\n`,
        );
      });
    });

  program
    .command('match-audit')
    .description('Fairness audit: shortlist rates by sex and nationality group vs the eligible pool (aggregates only)')
    .option('--vacancy <id>', 'one vacancy (default: every open vacancy)')
    .option(
      '--limit <n>',
      'audit at most n open vacancies (a deterministic sample)',
      positiveInt('--limit', 10_000_000),
    )
    .option('--top <k>', 'shortlist size', positiveInt('--top', 1000), 50)
    .option('--min-cell <n>', 'suppress groups smaller than this', positiveInt('--min-cell', 1_000_000), 10)
    .option('--as-of <date>', 'reference day (YYYY-MM-DD); default today')
    .action(async (opts: { vacancy?: string; limit?: number; top: number; minCell: number; asOf?: string }) => {
      await withRuntime(runtime, async ({ store, config }) => {
        const snapshot = await taxonomy(store.db);
        const { service } = await MatchingService.open(store.db, snapshot, { cipher: instanceCipher(config) });
        let ids = opts.vacancy
          ? [opts.vacancy]
          : service.index.vacancyIds().filter((id) => service.index.getVacancy(id)!.open);
        if (opts.vacancy && !service.index.hasVacancy(opts.vacancy))
          throw new CliError(`match-audit: no vacancy "${opts.vacancy}" in the matching index`);
        if (opts.limit !== undefined) ids = ids.sort().slice(0, opts.limit);
        // The attributes come from the profile store and meet the engine's output only here, in aggregate.
        const attrs = await auditAttributes(store.db);
        let report;
        try {
          report = auditVacancies(service.index, ids, (id) => attrs.get(id), {
            k: opts.top,
            minCell: opts.minCell,
            asOf: opts.asOf,
          });
        } catch (err) {
          rethrow(err);
        }
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      });
    });

  const rules = program.command('match-rules').description('Legal-eligibility rules used by matching (admin)');
  rules
    .command('list')
    .description('Print the rules as JSON')
    .action(async () => {
      await withRuntime(runtime, async ({ store }) =>
        process.stdout.write(`${JSON.stringify(await listRules(store.db), null, 2)}\n`),
      );
    });
  rules
    .command('put <json>')
    .description(
      'Create or replace one rule, given as a JSON object (fields: id, country, permitType, sectors, iscoPrefixes, description, example)',
    )
    .action(async (json: string) => {
      let rule: EligibilityRule;
      try {
        rule = JSON.parse(json) as EligibilityRule;
      } catch (err) {
        throw new CliError(`match-rules put: not valid JSON (${(err as Error).message})`);
      }
      await withRuntime(runtime, async ({ kernel }) => {
        try {
          await kernel.execute(putEligibilityRule, SYSTEM, rule);
        } catch (err) {
          rethrow(err);
        }
        process.stdout.write(`rule ${rule.id} saved\n`);
      });
    });
  rules
    .command('delete <id>')
    .description('Delete one rule')
    .action(async (id: string) => {
      await withRuntime(runtime, async ({ kernel }) => {
        try {
          await kernel.execute(deleteEligibilityRule, SYSTEM, { id });
        } catch (err) {
          if (err instanceof DomainError && err.kind === 'not_found') {
            throw new CliError(`match-rules delete: no rule "${id}"`);
          }
          throw err;
        }
        process.stdout.write(`rule ${id} deleted\n`);
      });
    });

  program
    .command('generate')
    .description(
      'Generate a synthetic population (profiles and vacancies from ESCO occupations, Zipf-skewed) and store it',
    )
    .requiredOption('--profiles <n>', 'number of job-seeker profiles', positiveInt('--profiles', 10_000_000))
    .requiredOption('--vacancies <m>', 'number of vacancies', positiveInt('--vacancies', 10_000_000))
    .option('--seed <s>', 'random seed', positiveInt('--seed', 2 ** 31), 42)
    .option('--out <file>', 'write JSON lines (matching projections + demographics) to a file instead of the store')
    .option(
      '--bulk',
      'write rows in one transaction with one audit entry and one reset change entry (benchmarks; see generate-bulk.ts)',
    )
    .action(async (opts: { profiles: number; vacancies: number; seed: number; out?: string; bulk?: boolean }) => {
      if (opts.out) {
        const gen = new PopulationGenerator(readEscoSnapshot(shippedEscoSources()).snapshot, { seed: opts.seed });
        const fd = openSync(opts.out, 'w');
        try {
          for (let i = 0; i < opts.profiles; i++) writeSync(fd, `${JSON.stringify({ profile: gen.profile(i) })}\n`);
          for (let j = 0; j < opts.vacancies; j++) writeSync(fd, `${JSON.stringify({ vacancy: gen.vacancy(j) })}\n`);
        } finally {
          closeSync(fd);
        }
        process.stdout.write(`wrote ${opts.profiles} profiles and ${opts.vacancies} vacancies to ${opts.out}\n`);
        return;
      }
      if (opts.bulk) {
        await withRuntime(runtime, async ({ store, kernel }) => {
          const started = Date.now();
          const written = await generateBulk(store.db, await taxonomy(store.db), opts, kernel.feed);
          process.stdout.write(
            `stored ${written.profiles} synthetic profiles (${written.consents} consents) in organisation ${written.organisationId} and ${written.vacancies} vacancies in ${written.employers} employer organisations in one transaction (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
          );
        });
        return;
      }
      await withRuntime(runtime, async ({ store, kernel }) => {
        const written = await generateIntoStore(kernel, await taxonomy(store.db), opts);
        process.stdout.write(
          `stored ${written.profiles} synthetic profiles in organisation ${written.organisationId} and ${written.vacancies} vacancies in ${written.employers} employer organisations\n`,
        );
      });
    });
}

/** Writes a synthetic population through the commands (validation, encryption, consent, audit, change log). */
export async function generateIntoStore(
  kernel: Kernel,
  snapshot: EscoSnapshot,
  opts: { profiles: number; vacancies: number; seed: number },
): Promise<{ profiles: number; vacancies: number; organisationId: string; employers: number }> {
  const gen = new PopulationGenerator(snapshot, { seed: opts.seed });
  const db = kernel.db;
  // Names must be unique; a run stamp keeps repeated runs apart.
  const run = new Date().toISOString();
  const org = await createOrganisation(db, {
    name: `Synthetic population (seed ${opts.seed}, ${run})`,
    type: 'ngo',
    country: 'ES',
  });
  // Profiles and consents are recorded by someone: a generator advisor account (no password, cannot sign in).
  const advisor = await createUser(db, {
    organisationId: org.id,
    email: `generator-${Date.now().toString(36)}@synthetic.invalid`,
    name: 'Synthetic population generator',
    role: 'advisor',
  });
  const employers: string[] = [];
  for (let e = 0; e < 5; e++)
    employers.push(
      (await createOrganisation(db, { name: `Synthetic employer ${e + 1} (${run})`, type: 'employer', country: 'ES' }))
        .id,
    );
  const asAdvisor = { user: advisor };
  // Each record is written whole by its own command; a failure stops the run and says how far it got.
  let i = 0;
  let j = 0;
  try {
    for (; i < opts.profiles; i++) {
      const g = gen.profile(i);
      const p = await kernel.execute(createProfile, asAdvisor, {
        ...(profileInput(g, i) as ProfileCreate),
        taxonomyVersion: snapshot.version,
      });
      if (g.candidate.consent.matching)
        await kernel.execute(recordConsent, asAdvisor, { migrantId: p.id, purpose: 'matching_with_employers' });
      if (givesStatisticsConsent(opts.seed, i))
        await kernel.execute(recordConsent, asAdvisor, { migrantId: p.id, purpose: 'anonymised_statistics' });
    }
    for (; j < opts.vacancies; j++)
      await kernel.execute(createVacancy, SYSTEM, {
        ...(vacancyInput(gen.vacancy(j), snapshot) as VacancyInput),
        organisationId: employers[j % employers.length]!,
      });
  } catch (err) {
    throw new CliError(
      `generate: stopped after ${i} profiles and ${j} vacancies: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return { profiles: opts.profiles, vacancies: opts.vacancies, organisationId: org.id, employers: employers.length };
}

const SOURCE = {
  certified: 'certificate',
  assessed: 'assessment',
  'advisor-checked': 'interview',
  'self-declared': 'self-declared',
} as const;

function profileInput(g: GeneratedProfile, i: number): Record<string, unknown> {
  const c = g.candidate;
  return {
    displayName: `Synthetic person ${i}`,
    profilingConsent: true,
    originCountry: g.demographics.nationality,
    citizenships: g.demographics.citizenships,
    currentCountry: c.location.country,
    currentRegion: c.location.region,
    sex: g.demographics.sex,
    birthYear: g.demographics.birthYear,
    languages: c.languages.map((l) =>
      l.level === 'native' ? { lang: l.lang, native: true } : { lang: l.lang, speaking: l.level, listening: l.level },
    ),
    education:
      c.iscedLevel === null
        ? []
        : [{ iscedLevel: c.iscedLevel, title: `ISCED ${c.iscedLevel} (synthetic)`, completed: true }],
    experience: c.experience.map((x) => ({
      occupationUri: x.occupationUri,
      country: g.demographics.nationality,
      months: 24,
      formal: true,
    })),
    skills: c.skills.map((s) => ({ uri: s.uri, evidence: s.evidence, source: SOURCE[s.evidence] })),
    workAuthorization: {
      permits: c.permits.map((p) => ({
        country: p.country,
        type: p.type,
        validUntil: p.validUntil,
        sectors: p.sectors,
      })),
    },
    preferences: { willingToRelocate: c.relocation.willing, relocationCountries: c.relocation.countries },
    seeking: c.seeking,
    availableFrom: c.availableFrom,
  };
}

function vacancyInput(v: MatchVacancy, snapshot: EscoSnapshot): Record<string, unknown> {
  const occ = snapshot.occupations.get(v.occupationUri);
  return {
    title: `${occ?.labels.en?.preferred ?? 'Job'} (synthetic)`,
    occupationUri: v.occupationUri,
    sector: v.sector,
    essentialSkills: v.essentialSkills,
    optionalSkills: v.optionalSkills,
    minIscedLevel: v.minIsced,
    languages: v.languages.map((l) => ({ lang: l.lang, level: l.level === 'native' ? 'C2' : l.level })),
    location: v.location,
    posts: 1,
    contractType: 'permanent',
    startDate: v.startDate,
    employerSponsorsPermit: true,
    employerPaysRecruitmentFees: true,
    status: v.open ? 'open' : 'closed',
  };
}

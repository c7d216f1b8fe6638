// Test and benchmark helpers: the synthetic population (src/matching/generate.ts) as statistics records, with the
// dates a registration log would have (registration month, publication month, days to close), all pure functions
// of (seed, i) so the true counts are known.
import { PopulationGenerator, syntheticDates } from '../matching/domain.js';
import type { EscoSnapshot } from '../taxonomy/domain.js';
import { recordKey } from './disclosure.js';
import {
  StatisticsModel,
  countedCitizenship,
  monthIndex,
  statusCategory,
  type JobSeekerRecord,
  type VacancyRecord,
} from './statistics.js';
import { statisticsTaxonomy } from './taxonomy.js';

export const TEST_SALT = 'test-statistics-salt';

export interface SyntheticPopulation {
  people: JobSeekerRecord[];
  vacancies: VacancyRecord[];
}

export function syntheticPopulation(
  snapshot: EscoSnapshot,
  opts: { profiles: number; vacancies: number; seed?: number; asOf?: string; salt?: string },
): SyntheticPopulation {
  const seed = opts.seed ?? 42;
  const asOf = new Date(`${opts.asOf ?? '2026-06-01'}T00:00:00Z`);
  const salt = opts.salt ?? TEST_SALT;
  const gen = new PopulationGenerator(snapshot, { seed, asOf: asOf.toISOString().slice(0, 10) });
  const people: JobSeekerRecord[] = [];
  for (let i = 0; i < opts.profiles; i++) {
    const { candidate: c, demographics: d } = gen.profile(i);
    const id = `p${i}`;
    people.push({
      id,
      organisationId: c.organisationId,
      key: recordKey(salt, id),
      sex: d.sex,
      birthYear: d.birthYear,
      isced: c.iscedLevel,
      originCountry: d.nationality,
      citizenship: countedCitizenship(d.citizenships, c.location.country),
      currentCountry: c.location.country,
      currentRegion: c.location.region,
      status: statusCategory(d.nationality, c.location.country, c.permits),
      occupationUri: c.experience[0]?.occupationUri ?? null,
      registeredMonth: monthIndex(syntheticDates(asOf, seed, i).registered),
      seeking: c.seeking,
      skills: c.skills.map((s) => s.uri),
    });
  }
  const vacancies: VacancyRecord[] = [];
  for (let j = 0; j < opts.vacancies; j++) {
    const v = gen.vacancy(j);
    const id = `v${j}`;
    const dates = syntheticDates(asOf, seed + 1, j);
    vacancies.push({
      id,
      organisationId: v.employerOrganisationId,
      key: recordKey(salt, id),
      occupationUri: v.occupationUri,
      isco: v.isco,
      country: v.location.country,
      region: v.location.region,
      postedMonth: monthIndex(dates.posted),
      open: v.open,
      daysToClose: v.open ? null : dates.daysToClose,
      essentialSkills: v.essentialSkills,
    });
  }
  return { people, vacancies };
}

export function modelOf(snapshot: EscoSnapshot, population: SyntheticPopulation): StatisticsModel {
  const model = new StatisticsModel(statisticsTaxonomy(snapshot));
  for (const p of population.people) model.upsertJobSeeker(p);
  for (const v of population.vacancies) model.upsertVacancy(v);
  return model;
}

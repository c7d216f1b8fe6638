// Synthetic population: job seekers and vacancies drawn from ESCO occupations and their essential/optional
// skills, with Zipf-skewed occupations (a few common, most rare). Record i is a pure function of (seed, i),
// so a benchmark can regenerate any record instead of keeping a million objects around.
// Demographics (sex, birth year, nationality, vulnerability) are generated beside the candidate, never in it:
// they exist only for fairness audits and for writing full profiles.
import type { EscoSnapshot } from '../taxonomy/domain.js';
import type {
  CandidateSkill,
  CefrLevel,
  EvidenceLevel,
  LanguageLevel,
  MatchCandidate,
  MatchVacancy,
  WorkPermit,
} from './model.js';
import { dayNumber } from './scoring.js';

export interface Demographics {
  sex: 'female' | 'male' | 'other';
  birthYear: number;
  nationality: string;
  /** Countries of citizenship: [] = stateless, null = not recorded. */
  citizenships: string[] | null;
  vulnerable: boolean;
}

export interface GeneratedProfile {
  candidate: MatchCandidate;
  demographics: Demographics;
}

export interface GeneratorOptions {
  seed?: number;
  /** Reference day the dates are drawn around (permit validity, availability, start dates). */
  asOf?: string;
  /** Zipf exponent of occupation frequency. */
  zipf?: number;
}

interface Occ {
  uri: string;
  isco: string;
  essential: string[];
  optional: string[];
}

/** Destination countries, their regions (NUTS-2) with weights, and the working language. */
const DESTINATIONS: Array<{ country: string; lang: string; regions: Array<[string, number]> }> = [
  {
    country: 'ES',
    lang: 'es',
    regions: [
      ['ES30', 5],
      ['ES51', 4],
      ['ES61', 3],
      ['ES52', 2],
      ['ES70', 1],
    ],
  },
  {
    country: 'FR',
    lang: 'fr',
    regions: [
      ['FR10', 5],
      ['FRK2', 3],
      ['FRL0', 2],
      ['FRJ2', 1],
    ],
  },
  {
    country: 'PT',
    lang: 'pt',
    regions: [
      ['PT17', 3],
      ['PT11', 2],
    ],
  },
  {
    country: 'DE',
    lang: 'de',
    regions: [
      ['DE30', 3],
      ['DE21', 2],
      ['DEA1', 2],
    ],
  },
];
const DEST_WEIGHTS = [4, 3, 1, 2];

/** Origin countries with a main language; origin-based candidates live in the capital region. */
const ORIGINS: Array<[string, string, number]> = [
  ['MA', 'ar', 5],
  ['SN', 'fr', 3],
  ['CO', 'es', 4],
  ['VE', 'es', 3],
  ['PH', 'en', 3],
  ['UA', 'uk', 3],
  ['SY', 'ar', 2],
  ['ET', 'am', 1],
];

const PERMITS_BY_COUNTRY: Record<string, Array<[string, number]>> = {
  ES: [
    ['work-general', 4],
    ['resident', 3],
    ['seasonal', 1],
    ['international-protection', 1],
    ['student', 1],
  ],
  FR: [
    ['work-general', 4],
    ['resident', 3],
    ['shortage-occupation', 1],
    ['seasonal', 1],
    ['international-protection', 1],
  ],
  PT: [
    ['work-general', 3],
    ['resident', 3],
    ['job-seeker', 2],
  ],
  DE: [
    ['skilled-worker', 3],
    ['resident', 3],
    ['temporary-protection', 2],
  ],
};

const EVIDENCE: Array<[EvidenceLevel, number]> = [
  ['self-declared', 50],
  ['advisor-checked', 25],
  ['assessed', 15],
  ['certified', 10],
];

const CEFR: CefrLevel[] = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];

/** Likely ISIC section of an ISCO sub-major group (for vacancies). */
function sectorOf(isco: string): string {
  const two = isco.slice(0, 2);
  const map: Record<string, string> = {
    '61': 'A',
    '62': 'A',
    '63': 'A',
    '92': 'A',
    '71': 'F',
    '74': 'F',
    '93': 'F',
    '72': 'C',
    '73': 'C',
    '75': 'C',
    '81': 'C',
    '82': 'C',
    '83': 'H',
    '91': 'N',
    '94': 'I',
    '95': 'N',
    '96': 'N',
    '51': 'I',
    '52': 'G',
    '53': 'Q',
    '54': 'N',
    '31': 'M',
    '32': 'Q',
    '33': 'K',
    '34': 'R',
    '35': 'J',
    '21': 'M',
    '22': 'Q',
    '23': 'P',
    '24': 'K',
    '25': 'J',
    '26': 'R',
  };
  if (map[two]) return map[two];
  const major = isco[0];
  return major === '0' ? 'O' : major === '1' ? 'M' : major === '4' ? 'N' : 'S';
}

function splitmix(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Small fast PRNG (mulberry32) seeded per record. */
class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  weighted<T>(items: Array<[T, number]>): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [x, w] of items) if ((r -= w) < 0) return x;
    return items[items.length - 1]![0];
  }
}

function dayString(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export class PopulationGenerator {
  private readonly occs: Occ[];
  private readonly cdf: Float64Array;
  private readonly transversal: string[];
  private readonly seed: number;
  private readonly asOfDay: number;

  constructor(snapshot: EscoSnapshot, opts: GeneratorOptions = {}) {
    this.seed = opts.seed ?? 42;
    this.asOfDay = dayNumber(opts.asOf ?? '2026-06-01', 'asOf');
    const byOcc = new Map<string, Occ>();
    for (const o of snapshot.occupations.values())
      if (/^\d{4}$/.test(o.isco)) byOcc.set(o.uri, { uri: o.uri, isco: o.isco, essential: [], optional: [] });
    for (const r of snapshot.occupationSkills) {
      const o = byOcc.get(r.occupationUri);
      if (!o) continue;
      (r.relation === 'essential' ? o.essential : o.optional).push(r.skillUri);
    }
    const occs = [...byOcc.values()].filter((o) => o.essential.length >= 2).sort((a, b) => (a.uri < b.uri ? -1 : 1));
    if (occs.length === 0) throw new Error('the taxonomy has no occupation with at least two essential skills');
    // A seeded shuffle decides which occupations are common.
    const rng = new Rng(splitmix(this.seed ^ 0x5eed));
    for (let i = occs.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [occs[i], occs[j]] = [occs[j]!, occs[i]!];
    }
    this.occs = occs;
    const s = opts.zipf ?? 1;
    this.cdf = new Float64Array(occs.length);
    let acc = 0;
    for (let r = 0; r < occs.length; r++) this.cdf[r] = acc += 1 / Math.pow(r + 1, s);
    for (let r = 0; r < occs.length; r++) this.cdf[r]! /= acc;
    this.transversal = [...snapshot.skills.values()]
      .filter((k) => k.reuseLevel === 'transversal' || k.collections.includes('transversal'))
      .map((k) => k.uri)
      .sort();
  }

  get occupationCount(): number {
    return this.occs.length;
  }

  /**
   * Citizenship, from a stream of its own (the other draws, and so earlier seeds' populations, are unchanged): 8 %
   * not recorded, 0.5 % stateless, 12 % of those living abroad also hold their country of residence, the rest the
   * citizenship of their origin country.
   */
  private citizenships(i: number, nationality: string, residence: string): string[] | null {
    const r = this.rng(3, i).next();
    if (r < 0.08) return null;
    if (r < 0.085) return [];
    if (residence !== nationality && r > 0.88) return [nationality, residence];
    return [nationality];
  }

  private rng(kind: number, i: number): Rng {
    return new Rng(splitmix(splitmix(this.seed * 31 + kind) ^ i));
  }

  private occupation(rng: Rng): Occ {
    const x = rng.next();
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return this.occs[lo]!;
  }

  private destination(rng: Rng): (typeof DESTINATIONS)[number] {
    return DESTINATIONS[rng.weighted(DESTINATIONS.map((d, i): [number, number] => [i, DEST_WEIGHTS[i]!]))]!;
  }

  profile(i: number): GeneratedProfile {
    const rng = this.rng(1, i);
    const occ = this.occupation(rng);
    const [nationality, originLang] = rng.weighted(
      ORIGINS.map((o): [[string, string], number] => [[o[0], o[1]], o[2]]),
    );
    const inDestination = rng.chance(0.7);
    const dest = this.destination(rng);
    const location = inDestination
      ? { country: dest.country, region: rng.weighted(dest.regions) }
      : { country: nationality, region: 'CAPITAL' };

    const skills: CandidateSkill[] = [];
    const evidence = (): EvidenceLevel => rng.weighted(EVIDENCE);
    for (const s of occ.essential) if (rng.chance(0.7)) skills.push({ uri: s, evidence: evidence() });
    for (const s of occ.optional) if (rng.chance(0.15)) skills.push({ uri: s, evidence: evidence() });
    if (this.transversal.length > 0)
      for (let t = 0; t < 2; t++)
        skills.push({ uri: this.transversal[rng.int(this.transversal.length)]!, evidence: 'self-declared' });

    const experience: MatchCandidate['experience'] = [];
    if (rng.chance(0.85)) experience.push({ occupationUri: occ.uri, isco: occ.isco });
    if (rng.chance(0.3)) {
      const other = this.occupation(rng);
      experience.push({ occupationUri: other.uri, isco: other.isco });
      for (const s of other.essential) if (rng.chance(0.3)) skills.push({ uri: s, evidence: evidence() });
    }

    // A profile lists each skill once (the first, i.e. main-occupation, evidence wins).
    const seen = new Set<string>();
    const uniqueSkills = skills.filter((s) => !seen.has(s.uri) && !!seen.add(s.uri));
    const languages: LanguageLevel[] = [{ lang: originLang, level: 'native' }];
    const destLang = inDestination ? dest.lang : rng.weighted(DESTINATIONS.map((d): [string, number] => [d.lang, 1]));
    if (destLang !== originLang)
      languages.push({ lang: destLang, level: CEFR[Math.min(5, rng.int(inDestination ? 6 : 4))]! });
    if (originLang !== 'en' && rng.chance(0.35)) languages.push({ lang: 'en', level: CEFR[rng.int(5)]! });

    const major = Number(occ.isco[0]);
    const baseIsced = major >= 1 && major <= 3 ? 6 : major === 9 ? 2 : 3;
    const iscedLevel = rng.chance(0.1) ? null : Math.max(0, Math.min(8, baseIsced + rng.int(3) - 1));

    const permits: WorkPermit[] = [];
    const permitCountry = inDestination ? dest.country : rng.chance(0.4) ? dest.country : null;
    if (permitCountry) {
      const type = rng.weighted(PERMITS_BY_COUNTRY[permitCountry]!);
      const r = rng.next();
      const validUntil = r < 0.2 ? null : dayString(this.asOfDay + (r < 0.3 ? -rng.int(200) - 1 : rng.int(900) + 1));
      permits.push({ country: permitCountry, type, validUntil, sectors: rng.chance(0.1) ? [sectorOf(occ.isco)] : [] });
    }

    const willing = rng.chance(inDestination ? 0.4 : 0.9);
    const relocation = {
      willing,
      countries: willing && rng.chance(0.5) ? [this.destination(rng).country] : [],
    };
    const candidate: MatchCandidate = {
      id: `p${i}`,
      organisationId: `org-${rng.int(20)}`,
      skills: uniqueSkills,
      experience,
      languages,
      iscedLevel,
      permits,
      location,
      relocation,
      seeking: rng.chance(0.9),
      availableFrom: rng.chance(0.7) ? null : dayString(this.asOfDay + rng.int(120)),
      consent: { matching: rng.chance(0.92), shareWithEmployers: rng.chance(0.8) },
    };
    const r = rng.next();
    const demographics: Demographics = {
      sex: r < 0.48 ? 'female' : r < 0.99 ? 'male' : 'other',
      birthYear: 1960 + rng.int(47),
      nationality,
      citizenships: this.citizenships(i, nationality, location.country),
      vulnerable: rng.chance(0.15),
    };
    return { candidate, demographics };
  }

  vacancy(i: number): MatchVacancy {
    const rng = this.rng(2, i);
    const occ = this.occupation(rng);
    const dest = this.destination(rng);
    const optional = occ.optional.filter(() => rng.chance(0.3)).slice(0, 8);
    const major = Number(occ.isco[0]);
    const minIsced = rng.chance(0.4) ? null : major >= 1 && major <= 3 ? 5 + rng.int(2) : major === 9 ? null : 3;
    const level: CefrLevel = major >= 2 && major <= 3 ? 'B2' : major >= 4 && major <= 5 ? 'B1' : 'A2';
    const languages: LanguageLevel[] = [{ lang: dest.lang, level }];
    if (rng.chance(0.2)) languages.push({ lang: 'en', level: 'B1' });
    return {
      id: `v${i}`,
      employerOrganisationId: `employer-${rng.int(2000)}`,
      occupationUri: occ.uri,
      isco: occ.isco,
      sector: sectorOf(occ.isco),
      essentialSkills: occ.essential,
      optionalSkills: optional,
      minIsced,
      languages,
      location: { country: dest.country, region: rng.weighted(dest.regions) },
      startDate: rng.chance(0.6) ? null : dayString(this.asOfDay + rng.int(90)),
      open: rng.chance(0.95),
    };
  }
}

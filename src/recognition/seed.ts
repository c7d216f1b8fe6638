// EXAMPLE DATA: qualification frameworks to try the workflow with. Level descriptors are short summaries written for
// Corridor, not the frameworks' official texts, and the national referencing is illustrative. An administrator
// replaces them with the authorities' own tables (CSV import, docs/RECOGNITION.md) before real use.

export interface SeedLevel {
  level: string;
  title: string;
  descriptor: string;
  eqfLevel: number | null;
  regionalFramework?: string;
  regionalLevel?: string;
}
export interface SeedFramework {
  code: string;
  name: string;
  kind: 'meta' | 'regional' | 'national';
  country: string | null;
  levels: SeedLevel[];
}

const EQF_DESCRIPTORS = [
  'Basic general knowledge; basic skills to carry out simple tasks; work under direct supervision.',
  'Basic factual knowledge of a field; basic cognitive and practical skills to use information and solve routine problems; some autonomy.',
  'Knowledge of facts, principles, processes in a field; skills to accomplish tasks by selecting methods and tools; responsibility for completing tasks.',
  'Factual and theoretical knowledge in broad contexts; skills to generate solutions to specific problems; self-management within guidelines, supervising routine work of others.',
  'Comprehensive, specialised knowledge and awareness of its limits; skills to develop creative solutions to abstract problems; manage and supervise in unpredictable contexts.',
  'Advanced knowledge with critical understanding of theories; advanced skills showing mastery and innovation; manage complex technical or professional activities.',
  'Highly specialised knowledge, some at the forefront of a field; specialised problem-solving skills in research or innovation; manage work contexts that are complex and unpredictable.',
  'Knowledge at the most advanced frontier of a field; the most advanced skills, including synthesis and evaluation; substantial authority, innovation and autonomy.',
];

const levels = (n: number, title: (i: number) => string, eqf: (i: number) => number | null, extra = {}): SeedLevel[] =>
  Array.from({ length: n }, (_, k) => {
    const i = k + 1;
    const e = eqf(i);
    return {
      level: String(i),
      title: title(i),
      descriptor: e ? EQF_DESCRIPTORS[e - 1]! : 'Level descriptor to be supplied by the framework authority.',
      eqfLevel: e,
      ...extra,
    };
  });

export const EXAMPLE_FRAMEWORKS: SeedFramework[] = [
  {
    code: 'EQF',
    name: 'European Qualifications Framework',
    kind: 'meta',
    country: null,
    levels: levels(
      8,
      (i) => `EQF level ${i}`,
      (i) => i,
    ),
  },
  {
    code: 'AQRF',
    name: 'ASEAN Qualifications Reference Framework',
    kind: 'regional',
    country: null,
    levels: levels(
      8,
      (i) => `AQRF level ${i}`,
      (i) => i,
    ),
  },
  {
    code: 'EACQF',
    name: 'East African Community Qualifications Framework for Higher Education',
    kind: 'regional',
    country: null,
    levels: levels(
      8,
      (i) => `EAC QF level ${i}`,
      (i) => i,
    ),
  },
  {
    code: 'SADCQF',
    name: 'Southern African Development Community Qualifications Framework',
    kind: 'regional',
    country: null,
    // Ten levels; 9 and 10 both reach the doctoral band.
    levels: levels(
      10,
      (i) => `SADCQF level ${i}`,
      (i) => (i <= 2 ? 1 : Math.min(8, i - 2)),
    ),
  },
  {
    code: 'PH-PQF',
    name: 'Philippine Qualifications Framework',
    kind: 'national',
    country: 'PH',
    levels: levels(
      8,
      (i) => `PQF level ${i}`,
      (i) => i,
    ).map((l) => ({
      ...l,
      regionalFramework: 'AQRF',
      regionalLevel: l.level,
    })),
  },
  {
    code: 'ZA-NQF',
    name: 'South African National Qualifications Framework',
    kind: 'national',
    country: 'ZA',
    levels: levels(
      10,
      (i) => `NQF level ${i}`,
      (i) => (i <= 2 ? 1 : Math.min(8, i - 2)),
    ).map((l) => ({
      ...l,
      regionalFramework: 'SADCQF',
      regionalLevel: l.level,
    })),
  },
];

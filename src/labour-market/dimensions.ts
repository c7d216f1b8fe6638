// The predefined dimensions: the only ways a figure may be cut or filtered. Each says which measures it applies to,
// whether a record has one value (sex, region) or several (the skills a person holds), which codes are valid, and
// how to read it from the statistics model's columns.
import { invalid } from '../kernel/errors.js';
import {
  AGE_GROUPS,
  COLLECTIONS,
  ISCED_BANDS,
  ISCED_CODES,
  SEX_CODES,
  STATUS_CATEGORIES,
  monthCode,
  type StatisticsModel,
} from './statistics.js';

export const MEASURES = ['supply', 'demand'] as const;
export type Measure = (typeof MEASURES)[number];

export const DIMENSIONS = [
  'isco1',
  'isco2',
  'isco3',
  'isco4',
  'occupation',
  'skill',
  'skillGroup',
  'skillCollection',
  'country',
  'region',
  'month',
  'sex',
  'ageGroup',
  'isced',
  'iscedBand',
  'originCountry',
  'citizenship',
  'migrationStatus',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Dimensions about people (ICLS 2018 disaggregation): they do not apply to vacancies. */
const PEOPLE_ONLY: readonly Dimension[] = [
  'sex',
  'ageGroup',
  'isced',
  'iscedBand',
  'originCountry',
  'citizenship',
  'migrationStatus',
];
export const MULTI_VALUED: readonly Dimension[] = ['skill', 'skillGroup', 'skillCollection'];

export function isDimension(value: string): value is Dimension {
  return (DIMENSIONS as readonly string[]).includes(value);
}

export function appliesTo(dimension: Dimension, measure: Measure): boolean {
  return measure === 'supply' || !PEOPLE_ONLY.includes(dimension);
}

const ESCO_URI = /^http:\/\/data\.europa\.eu\/esco\/(occupation|skill)\/[0-9a-f-]{36}$/;
const FORMATS: Record<Dimension, RegExp | readonly string[]> = {
  isco1: /^\d$/,
  isco2: /^\d{2}$/,
  isco3: /^\d{3}$/,
  isco4: /^\d{4}$/,
  occupation: ESCO_URI,
  skill: ESCO_URI,
  skillGroup: /^http:\/\/data\.europa\.eu\/esco\/(skill|isced-f)\/[0-9a-zA-Z.-]{1,40}$/,
  skillCollection: COLLECTIONS,
  country: /^[A-Z]{2}$/,
  region: /^[A-Z]{2}:[A-Z0-9-]{0,12}$/,
  month: /^20\d{2}-(0[1-9]|1[0-2])$/,
  sex: SEX_CODES,
  ageGroup: AGE_GROUPS,
  isced: ISCED_CODES,
  iscedBand: ISCED_BANDS,
  originCountry: /^[A-Z]{2}$/,
  // `unknown`: not recorded, a category of its own (a filter may ask for it like any other value).
  citizenship: /^([A-Z]{2}|stateless|unknown)$/,
  migrationStatus: STATUS_CATEGORIES,
};

/** Refuses a code the dimension can never hold (the path names the query parameter). */
export function checkCode(dimension: Dimension, code: string, path: string): void {
  const format = FORMATS[dimension];
  const ok = format instanceof RegExp ? format.test(code) : format.includes(code);
  if (!ok) {
    const allowed = format instanceof RegExp ? '' : ` (one of ${format.join(', ')})`;
    throw invalid(`"${code}" is not a ${dimension} code${allowed}`, path);
  }
}

export const UNKNOWN = 'unknown';

/** A single-valued dimension: one code column (−1 = unknown). */
export interface SingleAccessor {
  multi: false;
  /** Number of possible values (values are 0 … size−1, or −1). */
  size: number;
  column: Int32Array;
  code(value: number): string;
  /** The value of a code, or undefined when no record holds it. */
  find(code: string): number | undefined;
}

/** A multi-valued dimension over a record's skills: each skill maps to a value (or to a bit mask of values). */
export interface MultiAccessor {
  multi: true;
  size: number;
  /** Skill id → value (−1: none); null when `masks` applies. */
  map: Int32Array | null;
  /** Skill id → bit mask of values (collections). */
  masks: Uint8Array | null;
  code(value: number): string;
  find(code: string): number | undefined;
}

export type Accessor = SingleAccessor | MultiAccessor;

function enumCodes(codes: readonly string[]) {
  const known = codes.filter((c) => c !== UNKNOWN);
  return {
    size: known.length,
    code: (v: number) => (v < 0 ? UNKNOWN : known[v]!),
    find: (code: string) => (code === UNKNOWN ? -1 : known.indexOf(code) >= 0 ? known.indexOf(code) : undefined),
  };
}

const ENUMS: Partial<Record<Dimension, readonly string[]>> = {
  sex: SEX_CODES,
  ageGroup: AGE_GROUPS,
  isced: ISCED_CODES,
  iscedBand: ISCED_BANDS,
  migrationStatus: STATUS_CATEGORIES,
};

export function accessor(model: StatisticsModel, measure: Measure, dimension: Dimension): Accessor {
  const rows = measure === 'supply' ? model.people : model.vacancies;
  if (dimension === 'skill' || dimension === 'skillGroup' || dimension === 'skillCollection') {
    if (dimension === 'skillCollection') {
      return {
        multi: true,
        size: COLLECTIONS.length,
        map: null,
        masks: model.skillCollections,
        code: (v) => COLLECTIONS[v]!,
        find: (c) => {
          const i = COLLECTIONS.indexOf(c as (typeof COLLECTIONS)[number]);
          return i < 0 ? undefined : i;
        },
      };
    }
    const dict = dimension === 'skill' ? model.skills : model.skillGroups;
    let map = model.skillGroup;
    if (dimension === 'skill') {
      map = new Int32Array(model.skills.values.length);
      for (let i = 0; i < map.length; i++) map[i] = i;
    }
    return {
      multi: true,
      size: dict.values.length,
      map,
      masks: null,
      code: (v) => dict.values[v]!,
      find: (c) => dict.find(c),
    };
  }
  const column = rows.dim(dimension);
  const fixed = ENUMS[dimension];
  if (fixed) return { multi: false, column, ...enumCodes(fixed) };
  if (dimension === 'month') {
    let max = 0;
    for (let s = 0; s < rows.size; s++) if (column[s]! > max) max = column[s]!;
    return {
      multi: false,
      size: max + 1,
      column,
      code: (v) => (v < 0 ? UNKNOWN : monthCode(v)),
      find: (c) => {
        const m = /^(\d{4})-(\d{2})$/.exec(c);
        return m ? (Number(m[1]) - 2000) * 12 + Number(m[2]) - 1 : undefined;
      },
    };
  }
  const dict =
    dimension === 'occupation'
      ? model.occupations
      : dimension === 'region'
        ? model.regions
        : dimension === 'country' || dimension === 'originCountry' || dimension === 'citizenship'
          ? model.countries
          : model.iscoCodes;
  return {
    multi: false,
    size: dict.values.length,
    column,
    code: (v) => (v < 0 ? UNKNOWN : dict.values[v]!),
    find: (c) => (c === UNKNOWN ? -1 : dict.find(c)),
  };
}

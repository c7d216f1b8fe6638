// The statistics read model: one compact, columnar row per counted job seeker and per vacancy, held in memory and
// kept current by following the change log (engine.ts). It holds codes only — no names, no free text, nothing
// encrypted — and the permanent record key each row contributes to its cells (disclosure.ts).
//
// Cross-tabulations scan the columns (1 M people in a few milliseconds); the answers are true counts with cell keys,
// and nothing leaves this module without passing protectTable (figures.ts).
import { addKey, type CellCount } from './disclosure.js';
import { COLLECTIONS, type StatisticsTaxonomy } from './taxonomy.js';

export const SEX_CODES = ['female', 'male', 'other', 'undisclosed'] as const;
/** ILO standard age groups (ICLS), from the birth year at the reference year. */
export const AGE_GROUPS = ['15-24', '25-34', '35-44', '45-54', '55-64', '65+', 'under-15', 'unknown'] as const;
export const ISCED_CODES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', 'unknown'] as const;
/** ISCED bands as the ILO uses them: low 1–2, medium 3–4, high 5–8; level 0 on its own (less than basic). */
export const ISCED_BANDS = ['less-than-basic', 'low', 'medium', 'high', 'unknown'] as const;
/**
 * Migration status categories (ICLS 2018), derived from the permits recorded in the country of residence —
 * never from the encrypted migration-status text.
 */
// Profiles derive the category at write time (and seal it; the permits too), so the mapping lives in the shared
// vocabulary.
import { STATUS_CATEGORIES, type StatusCategory } from '../shared/projections.js';
export { STATUS_CATEGORIES, statusCategory, type StatusCategory } from '../shared/projections.js';

/** The code of the citizenship dimension for a person who holds none. */
export const STATELESS = 'stateless';

/**
 * The one citizenship a person is counted under, so the dimension adds up: the country of residence when the person
 * holds its citizenship (as the UN recommendations on migration statistics classify dual citizens), else the first
 * listed; STATELESS for none; null when not recorded.
 */
export function countedCitizenship(citizenships: readonly string[] | null, residence: string): string | null {
  if (citizenships === null) return null;
  if (citizenships.length === 0) return STATELESS;
  return citizenships.includes(residence) ? residence : citizenships[0]!;
}

export interface JobSeekerRecord {
  id: string;
  organisationId: string;
  /** The record key (disclosure.ts recordKey). */
  key: number;
  sex: string;
  birthYear: number | null;
  /** Highest completed ISCED level. */
  isced: number | null;
  originCountry: string;
  /** The citizenship counted (countedCitizenship): a country code, STATELESS, or null when not recorded. */
  citizenship: string | null;
  currentCountry: string;
  currentRegion: string;
  status: StatusCategory;
  /** The occupation the person is counted in (first preferred, else longest experience). */
  occupationUri: string | null;
  /** Months since 2000-01 of registration. */
  registeredMonth: number;
  seeking: boolean;
  skills: readonly string[];
}

export interface VacancyRecord {
  id: string;
  organisationId: string;
  key: number;
  occupationUri: string;
  /** The vacancy's stored ISCO unit group ('' when the taxonomy had none: then derived from the occupation). */
  isco: string;
  country: string;
  region: string;
  postedMonth: number;
  open: boolean;
  /** Days from publication to closing (closed vacancies). */
  daysToClose: number | null;
  essentialSkills: readonly string[];
}

export function monthIndex(date: Date): number {
  return (date.getUTCFullYear() - 2000) * 12 + date.getUTCMonth();
}

export function monthCode(index: number): string {
  const y = 2000 + Math.floor(index / 12);
  return `${y}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** String ↔ small integer. */
export class Dict {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }
  find(value: string): number | undefined {
    return this.ids.get(value);
  }
}

function grow<T extends Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array>(
  a: T,
  size: number,
): T {
  if (a.length >= size) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2, 1024));
  b.set(a);
  return b;
}

/** Skill lists of all rows in one pool (no object per person); a rewritten row's old span becomes garbage. */
class SkillPool {
  pool = new Int32Array(1 << 16);
  used = 0;
  garbage = 0;
  put(ids: readonly number[]): number {
    this.pool = grow(this.pool, this.used + ids.length);
    const at = this.used;
    this.pool.set(ids, at);
    this.used += ids.length;
    return at;
  }
}

/**
 * The slots holding each value of a column, so a scan restricted to one value reads only those rows. Slots keep
 * their value's list position (`at`, 1-based); an entry counts only while its slot still holds that value at that
 * position, so a slot that moved to another value (and perhaps back) leaves a stale entry that scans skip.
 */
export class SlotIndex {
  private lists: { slots: Int32Array; length: number }[] = [];
  private value = new Int32Array(1024).fill(-1);
  at = new Uint32Array(1024);
  private stale = 0;

  set(slot: number, value: number): void {
    if (slot >= this.at.length) {
      this.at = grow(this.at, slot + 1);
      const v = new Int32Array(this.at.length).fill(-1);
      v.set(this.value);
      this.value = v;
    }
    if (this.value[slot] === value) return;
    if (this.value[slot]! >= 0) this.stale++;
    this.value[slot] = value;
    const list = (this.lists[value] ??= { slots: new Int32Array(64), length: 0 });
    list.slots = grow(list.slots, list.length + 1);
    list.slots[list.length++] = slot;
    this.at[slot] = list.length;
    if (this.stale > 1 << 16) this.compact();
  }

  /** The slots listed under a value: entry i is current when `at[slots[i]] === i + 1` and the slot holds the value. */
  slots(value: number): { slots: Int32Array; length: number } {
    return this.lists[value] ?? { slots: new Int32Array(0), length: 0 };
  }

  /** The number of slots listed under a value (stale entries included): an upper bound for a scan's rows. */
  size(value: number): number {
    return this.lists[value]?.length ?? 0;
  }

  isCurrent(slot: number, value: number, i: number): boolean {
    return this.at[slot] === i + 1 && this.value[slot] === value;
  }

  private compact(): void {
    for (const [value, list] of this.lists.entries()) {
      if (!list) continue;
      let n = 0;
      for (let i = 0; i < list.length; i++) {
        const s = list.slots[i]!;
        if (!this.isCurrent(s, value, i)) continue;
        list.slots[n++] = s;
        this.at[s] = n;
      }
      list.length = n;
    }
    this.stale = 0;
  }

  get bytes(): number {
    return (
      this.at.byteLength + this.value.byteLength + this.lists.reduce((sum, l) => sum + (l?.slots.byteLength ?? 0), 0)
    );
  }
}

/** Columns shared by job seekers and vacancies. */
abstract class Columns {
  size = 0;
  live = 0;
  alive = new Uint8Array(1024);
  org = new Uint32Array(1024);
  key = new Uint32Array(1024);
  occupation = new Int32Array(1024);
  country = new Uint16Array(1024);
  region = new Uint16Array(1024);
  month = new Uint16Array(1024);
  skillAt = new Uint32Array(1024);
  skillLen = new Uint16Array(1024);
  readonly skills = new SkillPool();
  readonly slots = new Map<string, number>();
  /** Slots by organisation and by country: an organisation's or a country's figures read only those rows. */
  readonly byOrg = new SlotIndex();
  readonly byCountry = new SlotIndex();
  /** One code column per single-valued dimension (−1 = unknown): scans read typed arrays only. */
  readonly dims = new Map<string, Int32Array>();

  constructor(dimensions: readonly string[]) {
    for (const d of dimensions) this.dims.set(d, new Int32Array(1024));
  }

  dim(name: string): Int32Array {
    return this.dims.get(name)!;
  }

  protected ensure(n: number): void {
    for (const [d, a] of this.dims) this.dims.set(d, grow(a, n));
    this.alive = grow(this.alive, n);
    this.org = grow(this.org, n);
    this.key = grow(this.key, n);
    this.occupation = grow(this.occupation, n);
    this.country = grow(this.country, n);
    this.region = grow(this.region, n);
    this.month = grow(this.month, n);
    this.skillAt = grow(this.skillAt, n);
    this.skillLen = grow(this.skillLen, n);
  }

  /** Sets a row's organisation and lists the slot under it. */
  setOrg(slot: number, org: number): void {
    this.org[slot] = org;
    this.byOrg.set(slot, org);
  }

  setCountry(slot: number, country: number): void {
    this.country[slot] = country;
    this.byCountry.set(slot, country);
  }

  /** The slot of a record (a new one for a new id; an update rewrites its slot in place). */
  slotFor(id: string): number {
    let slot = this.slots.get(id);
    if (slot === undefined) {
      slot = this.size++;
      this.ensure(this.size);
      this.slots.set(id, slot);
    } else {
      this.skills.garbage += this.skillLen[slot]!;
    }
    if (!this.alive[slot]) this.live++;
    this.alive[slot] = 1;
    return slot;
  }

  remove(id: string): boolean {
    const slot = this.slots.get(id);
    if (slot === undefined || !this.alive[slot]) return false;
    this.alive[slot] = 0;
    this.live--;
    this.skills.garbage += this.skillLen[slot]!;
    this.skillLen[slot] = 0;
    return true;
  }

  has(id: string): boolean {
    const slot = this.slots.get(id);
    return slot !== undefined && this.alive[slot] === 1;
  }

  putSkills(slot: number, ids: readonly number[]): void {
    const len = Math.min(ids.length, 65535);
    this.skillAt[slot] = this.skills.put(len === ids.length ? ids : ids.slice(0, len));
    this.skillLen[slot] = len;
    if (this.skills.garbage > 1 << 20 && this.skills.garbage > this.skills.used / 2) this.compactSkills();
  }

  /** Rewrites the pool without the spans of rewritten or removed rows. */
  private compactSkills(): void {
    const fresh = new Int32Array(Math.max(1 << 16, this.skills.used - this.skills.garbage));
    let at = 0;
    for (let s = 0; s < this.size; s++) {
      const len = this.skillLen[s]!;
      if (!this.alive[s] || len === 0) continue;
      const from = this.skillAt[s]!;
      fresh.set(this.skills.pool.subarray(from, from + len), at);
      this.skillAt[s] = at;
      at += len;
    }
    this.skills.pool = fresh;
    this.skills.used = at;
    this.skills.garbage = 0;
  }

  /** Bytes held by the typed arrays (for the benchmark). */
  get bytes(): number {
    return (
      this.alive.byteLength +
      this.org.byteLength +
      this.key.byteLength +
      this.occupation.byteLength +
      this.country.byteLength +
      this.region.byteLength +
      this.month.byteLength +
      this.skillAt.byteLength +
      this.skillLen.byteLength +
      this.byOrg.bytes +
      this.byCountry.bytes +
      this.skills.pool.byteLength +
      [...this.dims.values()].reduce((sum, a) => sum + a.byteLength, 0)
    );
  }
}

/** Single-valued dimensions kept as columns, per population. */
export const PEOPLE_DIMENSIONS = [
  'isco1',
  'isco2',
  'isco3',
  'isco4',
  'occupation',
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
export const VACANCY_DIMENSIONS = [
  'isco1',
  'isco2',
  'isco3',
  'isco4',
  'occupation',
  'country',
  'region',
  'month',
] as const;

/** Age group index (AGE_GROUPS order) by age. */
export function ageGroupOf(age: number): number {
  if (age < 15) return 6;
  if (age >= 65) return 5;
  return Math.floor((age - 15) / 10);
}
/** ISCED level → band index (ISCED_BANDS order): less than basic (0), low (1–2), medium (3–4), high (5–8). */
const ISCED_BAND = [0, 1, 1, 2, 2, 3, 3, 3, 3];

export class JobSeekerColumns extends Columns {
  constructor() {
    super(PEOPLE_DIMENSIONS);
  }
  sex = new Uint8Array(1024);
  birthYear = new Uint16Array(1024);
  isced = new Int8Array(1024);
  origin = new Uint16Array(1024);
  status = new Uint8Array(1024);
  seeking = new Uint8Array(1024);

  protected override ensure(n: number): void {
    super.ensure(n);
    this.sex = grow(this.sex, n);
    this.birthYear = grow(this.birthYear, n);
    this.isced = grow(this.isced, n);
    this.origin = grow(this.origin, n);
    this.status = grow(this.status, n);
    this.seeking = grow(this.seeking, n);
  }

  override get bytes(): number {
    return (
      super.bytes +
      this.sex.byteLength +
      this.birthYear.byteLength +
      this.isced.byteLength +
      this.origin.byteLength +
      this.status.byteLength +
      this.seeking.byteLength
    );
  }
}

export class VacancyColumns extends Columns {
  constructor() {
    super(VACANCY_DIMENSIONS);
  }
  open = new Uint8Array(1024);
  /** Days to close, −1 while open. */
  daysToClose = new Int32Array(1024);

  protected override ensure(n: number): void {
    super.ensure(n);
    this.open = grow(this.open, n);
    this.daysToClose = grow(this.daysToClose, n);
  }

  override get bytes(): number {
    return super.bytes + this.open.byteLength + this.daysToClose.byteLength;
  }
}

export interface RowWatcher {
  leave(measure: 'supply' | 'demand', slot: number): void;
  enter(measure: 'supply' | 'demand', slot: number): void;
}

/** The whole read model: dictionaries shared by both populations, and derived lookups per occupation and skill. */
export class StatisticsModel {
  readonly organisations = new Dict();
  readonly countries = new Dict();
  /** `country:region` ('ES:ES30'; 'ES:' when no region was recorded). */
  readonly regions = new Dict();
  readonly occupations = new Dict();
  readonly skills = new Dict();
  readonly iscoCodes = new Dict();
  readonly skillGroups = new Dict();
  /** Per occupation id: the ISCO code id at 1, 2, 3 and 4 digits (−1 when unknown). */
  occupationIsco: Int32Array[] = [new Int32Array(256), new Int32Array(256), new Int32Array(256), new Int32Array(256)];
  /** Per skill id: top-level skill group id, collection mask. */
  skillGroup = new Int32Array(1024);
  skillCollections = new Uint8Array(1024);
  regionCountry = new Uint16Array(256);

  readonly people = new JobSeekerColumns();
  readonly vacancies = new VacancyColumns();
  /** Bumped by every change: answers are cached per version. */
  version = 0;
  /** Ages (age groups) are as of this year. */
  readonly referenceYear: number;

  constructor(
    readonly taxonomy: StatisticsTaxonomy,
    options: { referenceYear?: number } = {},
  ) {
    this.referenceYear = options.referenceYear ?? new Date().getUTCFullYear();
  }

  /** Writes the ISCO, occupation, place and month columns shared by both populations. */
  private placeColumns(
    cols: Columns,
    slot: number,
    occupation: number,
    country: number,
    region: number,
    month: number,
  ) {
    for (let level = 1; level <= 4; level++) {
      cols.dim(`isco${level}`)[slot] = occupation < 0 ? -1 : this.occupationIsco[level - 1]![occupation]!;
    }
    cols.dim('occupation')[slot] = occupation;
    cols.dim('country')[slot] = country;
    cols.dim('region')[slot] = region;
    cols.dim('month')[slot] = month;
  }

  occupationId(uri: string, storedIsco = ''): number {
    const id = this.occupations.id(uri);
    if (id >= this.occupationIsco[0]!.length) {
      this.occupationIsco = this.occupationIsco.map((a) => {
        const b = new Int32Array(a.length * 2).fill(-1);
        b.set(a);
        return b;
      });
    }
    if (id === this.occupations.values.length - 1) {
      const isco = this.taxonomy.iscoOf(uri) ?? (/^\d{4}$/.test(storedIsco) ? storedIsco : null);
      for (let level = 1; level <= 4; level++) {
        this.occupationIsco[level - 1]![id] = isco ? this.iscoCodes.id(isco.slice(0, level)) : -1;
      }
    }
    return id;
  }

  skillId(uri: string): number {
    const id = this.skills.id(uri);
    if (id === this.skills.values.length - 1) {
      this.skillGroup = grow(this.skillGroup, id + 1);
      this.skillCollections = grow(this.skillCollections, id + 1);
      const group = this.taxonomy.skillGroupOf(uri);
      this.skillGroup[id] = group ? this.skillGroups.id(group) : -1;
      this.skillCollections[id] = this.taxonomy.collectionsOf(uri);
    }
    return id;
  }

  regionId(country: string, region: string): number {
    const id = this.regions.id(`${country}:${region}`);
    this.regionCountry = grow(this.regionCountry, id + 1);
    this.regionCountry[id] = this.countries.id(country);
    return id;
  }

  /** Told before a row leaves the counts and after it enters them (incrementally maintained tables). */
  readonly watchers = new Set<RowWatcher>();

  private leaving(measure: 'supply' | 'demand', id: string): void {
    const cols = measure === 'supply' ? this.people : this.vacancies;
    const slot = cols.slots.get(id);
    if (slot === undefined || !cols.alive[slot]) return;
    for (const w of this.watchers) w.leave(measure, slot);
  }

  private entered(measure: 'supply' | 'demand', slot: number): void {
    for (const w of this.watchers) w.enter(measure, slot);
  }

  upsertJobSeeker(r: JobSeekerRecord): void {
    const p = this.people;
    this.leaving('supply', r.id);
    const slot = p.slotFor(r.id);
    p.setOrg(slot, this.organisations.id(r.organisationId));
    p.key[slot] = r.key;
    p.occupation[slot] = r.occupationUri ? this.occupationId(r.occupationUri) : -1;
    p.setCountry(slot, this.countries.id(r.currentCountry));
    p.region[slot] = this.regionId(r.currentCountry, r.currentRegion);
    p.month[slot] = r.registeredMonth;
    const sex = SEX_CODES.indexOf(r.sex as (typeof SEX_CODES)[number]);
    p.sex[slot] = sex < 0 ? 3 : sex;
    p.birthYear[slot] = r.birthYear ?? 0;
    p.isced[slot] = r.isced ?? -1;
    p.origin[slot] = this.countries.id(r.originCountry);
    p.status[slot] = STATUS_CATEGORIES.indexOf(r.status);
    p.seeking[slot] = r.seeking ? 1 : 0;
    this.placeColumns(p, slot, p.occupation[slot]!, p.country[slot]!, p.region[slot]!, r.registeredMonth);
    p.dim('sex')[slot] = p.sex[slot]!;
    p.dim('ageGroup')[slot] = r.birthYear ? ageGroupOf(this.referenceYear - r.birthYear) : -1;
    p.dim('isced')[slot] = r.isced ?? -1;
    p.dim('iscedBand')[slot] = r.isced === null || r.isced < 0 ? -1 : ISCED_BAND[r.isced]!;
    p.dim('originCountry')[slot] = p.origin[slot]!;
    p.dim('citizenship')[slot] = r.citizenship === null ? -1 : this.countries.id(r.citizenship);
    p.dim('migrationStatus')[slot] = p.status[slot]!;
    p.putSkills(
      slot,
      r.skills.map((s) => this.skillId(s)),
    );
    this.entered('supply', slot);
    this.version++;
  }

  upsertVacancy(r: VacancyRecord): void {
    const v = this.vacancies;
    this.leaving('demand', r.id);
    const slot = v.slotFor(r.id);
    v.setOrg(slot, this.organisations.id(r.organisationId));
    v.key[slot] = r.key;
    v.occupation[slot] = this.occupationId(r.occupationUri, r.isco);
    v.setCountry(slot, this.countries.id(r.country));
    v.region[slot] = this.regionId(r.country, r.region);
    v.month[slot] = r.postedMonth;
    v.open[slot] = r.open ? 1 : 0;
    v.daysToClose[slot] = r.daysToClose ?? -1;
    this.placeColumns(v, slot, v.occupation[slot]!, v.country[slot]!, v.region[slot]!, r.postedMonth);
    v.putSkills(
      slot,
      r.essentialSkills.map((s) => this.skillId(s)),
    );
    this.entered('demand', slot);
    this.version++;
  }

  removeJobSeeker(id: string): void {
    this.leaving('supply', id);
    if (this.people.remove(id)) this.version++;
  }

  removeVacancy(id: string): void {
    this.leaving('demand', id);
    if (this.vacancies.remove(id)) this.version++;
  }

  get bytes(): number {
    return this.people.bytes + this.vacancies.bytes;
  }
}

/** A cell accumulator: count and cell key. */
export function emptyCell(): CellCount {
  return { count: 0, key: 0 };
}

export function addTo(cell: CellCount, key: number): void {
  cell.count++;
  cell.key = addKey(cell.key, key);
}

export { COLLECTIONS };

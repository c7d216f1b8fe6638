// Matching against the database: eligibility rules as data, and the in-memory index kept in step with the
// stored profiles and vacancies (full load on start, then incremental upserts).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { FieldCipher } from '../shared/crypto.js';
import type { EscoSnapshot } from '../taxonomy/domain.js';
import { listProfilesForMatching } from '../profiles/domain.js';
import { listVacanciesForMatching } from '../vacancies/domain.js';
import { MatchIndex } from './match-index.js';
import type { EligibilityRule, MatchCandidate, MatchVacancy, MatchWeights } from './model.js';
import { MatchInputError } from './scoring.js';
import { SkillGraph } from './skill-graph.js';
import { validateRule } from './validate.js';

type Db = Kysely<Database>;

// ---- eligibility rules ----

export async function listRules(db: Db): Promise<EligibilityRule[]> {
  const rows = await db.selectFrom('matching_eligibility_rule').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    country: r.country,
    permitType: r.permit_type,
    sectors: r.sectors,
    iscoPrefixes: r.isco_prefixes,
    description: r.description,
    example: r.example,
  }));
}

/** Creates or replaces a rule (validated first: a bad rule is refused whole). */
export async function putRule(db: Db, rule: EligibilityRule): Promise<void> {
  validateRule(rule);
  const values = {
    id: rule.id,
    country: rule.country,
    permit_type: rule.permitType,
    sectors: JSON.stringify(rule.sectors),
    isco_prefixes: JSON.stringify(rule.iscoPrefixes),
    description: rule.description,
    example: rule.example,
    updated_at: new Date(),
  };
  await db
    .insertInto('matching_eligibility_rule')
    .values(values)
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

export async function deleteRule(db: Db, id: string): Promise<boolean> {
  const r = await db.deleteFrom('matching_eligibility_rule').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// ---- the index, loaded from the store ----

/** Profiles store the experience's ESCO occupation only; the ISCO unit comes from the taxonomy. */
export function withIsco(c: MatchCandidate, snapshot: EscoSnapshot): MatchCandidate {
  const experience = c.experience
    .map((x) => ({
      occupationUri: x.occupationUri,
      isco: x.isco || snapshot.occupations.get(x.occupationUri)?.isco || '',
    }))
    .filter((x) => /^\d{4}$/.test(x.isco));
  return { ...c, experience };
}

/** Vacancies stored before the taxonomy was imported may lack the ISCO unit; the taxonomy knows it. */
export function vacancyWithIsco(v: MatchVacancy, snapshot: EscoSnapshot): MatchVacancy {
  return v.isco ? v : { ...v, isco: snapshot.occupations.get(v.occupationUri)?.isco ?? '' };
}

/** Ids re-read in one query (an IN list of this many parameters) when many records changed since the last sync. */
export const REREAD_BATCH = 500;

/** Consecutive slices of at most `size` ids, in order. */
function batches(ids: readonly string[], size: number): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

export interface LoadReport {
  candidates: number;
  vacancies: number;
  /** Records the engine refused (one line each: id and reason); they stay out of matching until fixed. */
  skipped: string[];
  ms: number;
}

/**
 * The index of one node, loaded from the database, with the re-reads that keep it current: the engine
 * (engine.ts) calls profilesWritten / vacanciesWritten / reloadRules for the entries of the change log it follows.
 */
export class MatchingService {
  readonly index: MatchIndex;

  private constructor(
    private readonly db: Db,
    /** Opens the people's keys, which open their permits (profiles' listProfilesForMatching). */
    private readonly cipher: FieldCipher,
    readonly snapshot: EscoSnapshot,
    rules: EligibilityRule[],
    weights: MatchWeights | undefined,
    private readonly batchSize: number,
  ) {
    this.index = new MatchIndex({ graph: SkillGraph.fromSnapshot(snapshot), rules, weights });
  }

  /** batchSize: ids re-read per query when several records changed (sync, consents); tests make it small. */
  static async open(
    db: Db,
    snapshot: EscoSnapshot,
    opts: { cipher: FieldCipher; weights?: MatchWeights; batchSize?: number },
  ): Promise<{ service: MatchingService; report: LoadReport }> {
    const batchSize = opts.batchSize ?? REREAD_BATCH;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
    const service = new MatchingService(db, opts.cipher, snapshot, await listRules(db), opts.weights, batchSize);
    const report = await service.reload();
    return { service, report };
  }

  /** Full load: every profile and vacancy. */
  async reload(): Promise<LoadReport> {
    const t0 = Date.now();
    const skipped: string[] = [];
    const [candidates, vacancies] = await Promise.all([
      listProfilesForMatching(this.db, this.cipher),
      listVacanciesForMatching(this.db),
    ]);
    let nc = 0;
    let nv = 0;
    for (const c of candidates)
      if (this.tryUpsert(() => this.index.upsertCandidate(withIsco(c, this.snapshot)), c.id, skipped)) nc++;
    for (const v of vacancies)
      if (this.tryUpsert(() => this.index.upsertVacancy(vacancyWithIsco(v, this.snapshot)), v.id, skipped)) nv++;
    // A full reload (a follower that fell behind) also drops what is no longer there.
    const liveCandidates = new Set(candidates.map((c) => c.id));
    const liveVacancies = new Set(vacancies.map((v) => v.id));
    for (const id of this.index.candidateIds()) if (!liveCandidates.has(id)) this.index.removeCandidate(id);
    for (const id of this.index.vacancyIds()) if (!liveVacancies.has(id)) this.index.removeVacancy(id);
    this.index.compact(); // people grouped by partition: faster queries
    return { candidates: nc, vacancies: nv, skipped, ms: Date.now() - t0 };
  }

  private tryUpsert(f: () => void, id: string, skipped: string[]): boolean {
    try {
      f();
      return true;
    } catch (err) {
      if (!(err instanceof MatchInputError)) throw err;
      skipped.push(`${id}: ${err.message}`);
      return false;
    }
  }

  /** Re-reads the rules (after an admin edit). */
  async reloadRules(): Promise<void> {
    this.index.setRules(await listRules(this.db));
  }

  /** Call after a profile write commits: re-reads it and upserts, or removes it when gone/erased. */
  async profileWritten(id: string): Promise<void> {
    await this.profilesWritten([id]);
  }

  /**
   * profileWritten for many ids: one query per batch of ids, then each id in the order given is upserted, or
   * removed when gone/erased or refused by the engine.
   */
  async profilesWritten(ids: readonly string[]): Promise<void> {
    await this.reread(
      ids,
      (batch) => listProfilesForMatching(this.db, this.cipher, { ids: batch }),
      (c) => this.index.upsertCandidate(withIsco(c, this.snapshot)),
      (id) => this.index.removeCandidate(id),
    );
  }

  /** Call after a vacancy write (or delete) commits. */
  async vacancyWritten(id: string): Promise<void> {
    await this.vacanciesWritten([id]);
  }

  /** vacancyWritten for many ids: one query per batch, applied in the order given. */
  async vacanciesWritten(ids: readonly string[]): Promise<void> {
    await this.reread(
      ids,
      (batch) => listVacanciesForMatching(this.db, { ids: batch }),
      (v) => this.index.upsertVacancy(vacancyWithIsco(v, this.snapshot)),
      (id) => this.index.removeVacancy(id),
    );
  }

  /** Reads `ids` a batch per query and applies each in the order given: upsert when found and accepted, else remove. */
  private async reread<T extends { id: string }>(
    ids: readonly string[],
    read: (batch: string[]) => Promise<T[]>,
    upsert: (record: T) => void,
    remove: (id: string) => void,
  ): Promise<void> {
    for (const batch of batches(ids, this.batchSize)) {
      const found = new Map((await read(batch)).map((r) => [r.id, r]));
      for (const id of batch) {
        const r = found.get(id);
        if (!r || !this.tryUpsert(() => upsert(r), id, [])) remove(id);
      }
    }
  }
}

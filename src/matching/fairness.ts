// Fairness audit: shortlist rates by sex and by nationality group against the eligible pool (four-fifths
// rule), for one vacancy or many. The engine never sees these attributes; the audit joins them afterwards,
// from the profile store, and publishes aggregates only, with small cells suppressed.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { MatchIndex } from './match-index.js';

export interface AuditAttributes {
  sex: string | null;
  nationalityGroup: string | null;
}

export interface AuditRow {
  group: string;
  /** null when suppressed. */
  pool: number | null;
  shortlisted: number | null;
  rate: number | null;
  /** Rate divided by the highest published rate of the dimension. */
  ratio: number | null;
  /** Below the four-fifths threshold. */
  adverse: boolean;
  suppressed: boolean;
}

export interface AuditReport {
  vacancies: number;
  /** Eligible person–vacancy pairs and shortlisted pairs over all audited vacancies. */
  pool: number;
  shortlisted: number;
  minCell: number;
  threshold: number;
  sex: AuditRow[];
  nationalityGroup: AuditRow[];
}

export interface Shortlist {
  eligible: string[];
  shortlisted: string[];
}

export interface AuditOptions {
  /** Cells (pool or non-zero shortlist counts) smaller than this are not published. Default 10. */
  minCell?: number;
  /** Four-fifths rule by default. */
  threshold?: number;
}

const UNKNOWN = 'not recorded';

function rows(pool: Map<string, number>, short: Map<string, number>, minCell: number, threshold: number): AuditRow[] {
  const out: AuditRow[] = [];
  for (const [group, n] of [...pool].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const s = short.get(group) ?? 0;
    const suppressed = n < minCell || (s > 0 && s < minCell);
    out.push({
      group,
      pool: suppressed ? null : n,
      shortlisted: suppressed ? null : s,
      rate: suppressed ? null : s / n,
      ratio: null,
      adverse: false,
      suppressed,
    });
  }
  const best = Math.max(0, ...out.map((r) => r.rate ?? 0));
  for (const r of out)
    if (r.rate !== null && best > 0) {
      r.ratio = r.rate / best;
      r.adverse = r.ratio < threshold;
    }
  return out;
}

/** Aggregates shortlists (e.g. one per vacancy) into rates per group. */
export function fairnessAudit(
  shortlists: Shortlist[],
  attributes: (id: string) => AuditAttributes | undefined,
  opts: AuditOptions = {},
): AuditReport {
  const minCell = opts.minCell ?? 10;
  const threshold = opts.threshold ?? 0.8;
  const pool = { sex: new Map<string, number>(), nat: new Map<string, number>() };
  const short = { sex: new Map<string, number>(), nat: new Map<string, number>() };
  const inc = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
  let nPool = 0;
  let nShort = 0;
  for (const list of shortlists) {
    const eligible = new Set(list.eligible);
    for (const id of eligible) {
      const a = attributes(id);
      inc(pool.sex, a?.sex ?? UNKNOWN);
      inc(pool.nat, a?.nationalityGroup ?? UNKNOWN);
      nPool++;
    }
    for (const id of new Set(list.shortlisted)) {
      // A shortlist is drawn from the eligible pool; anything else is a caller error, not a statistic.
      if (!eligible.has(id)) throw new Error(`shortlisted ${id} is not in the eligible pool`);
      const a = attributes(id);
      inc(short.sex, a?.sex ?? UNKNOWN);
      inc(short.nat, a?.nationalityGroup ?? UNKNOWN);
      nShort++;
    }
  }
  return {
    vacancies: shortlists.length,
    pool: nPool,
    shortlisted: nShort,
    minCell,
    threshold,
    sex: rows(pool.sex, short.sex, minCell, threshold),
    nationalityGroup: rows(pool.nat, short.nat, minCell, threshold),
  };
}

/** Runs the engine for each vacancy (top k = the shortlist) and audits the result. */
export function auditVacancies(
  index: MatchIndex,
  vacancyIds: string[],
  attributes: (id: string) => AuditAttributes | undefined,
  opts: AuditOptions & { k?: number; asOf?: string } = {},
): AuditReport {
  const lists = vacancyIds.map((id) => ({
    eligible: index.eligibleCandidates(id, opts.asOf),
    shortlisted: index
      .topCandidates(id, { k: opts.k ?? 50, asOf: opts.asOf, explain: false })
      .map((r) => r.candidateId),
  }));
  return fairnessAudit(lists, attributes, opts);
}

/** Sex and nationality group (country of origin) of every profile not erased, read for an audit only. */
export async function auditAttributes(db: Kysely<Database>): Promise<Map<string, AuditAttributes>> {
  const rows = await db
    .selectFrom('profile')
    .select(['id', 'sex', 'origin_country'])
    .where('erased_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.id, { sex: r.sex || null, nationalityGroup: r.origin_country || null }]));
}

// Skills as small integers, and which skills are "near" each other (partial credit): direct broader/narrower
// skills, siblings under a small parent skill, and ESCO skill↔skill relations. Symmetric by construction, so
// the vacancy→candidates and candidate→vacancies directions see the same pairs.
import type { EscoSnapshot } from '../taxonomy/domain.js';
import type { NearKind } from './model.js';

export const NEAR_KINDS: readonly NearKind[] = ['broader', 'narrower', 'sibling', 'related'];
const KIND_CODE: Record<NearKind, number> = { broader: 0, narrower: 1, sibling: 2, related: 3 };
const INVERSE: Record<NearKind, NearKind> = {
  broader: 'narrower',
  narrower: 'broader',
  sibling: 'sibling',
  related: 'related',
};

/** Parents with more children than this are too generic for their children to count as near each other. */
export const MAX_SIBLING_FAMILY = 20;

export interface SkillEdges {
  /** [child, parent] pairs between skills (not skill groups). */
  broader: Array<[string, string]>;
  /** Undirected skill↔skill relations. */
  related: Array<[string, string]>;
}

export class SkillGraph {
  private readonly ids = new Map<string, number>();
  readonly uris: string[] = [];
  /** near[id]: [otherId, kindCode, otherId, kindCode, …] — from the point of view of `id`. */
  private near: number[][] = [];

  static fromEdges(edges: SkillEdges): SkillGraph {
    const g = new SkillGraph();
    const pairs = new Map<number, Map<number, NearKind>>();
    const add = (a: number, b: number, kind: NearKind): void => {
      if (a === b) return;
      // One kind per pair: the hierarchy wins over "related", broader/narrower over sibling (closer ties).
      const set = (x: number, y: number, k: NearKind): void => {
        let m = pairs.get(x);
        if (!m) pairs.set(x, (m = new Map()));
        const prev = m.get(y);
        if (prev === undefined || KIND_CODE[k] < KIND_CODE[prev]) m.set(y, k);
      };
      set(a, b, kind);
      set(b, a, INVERSE[kind]);
    };
    const children = new Map<number, number[]>();
    for (const [child, parent] of edges.broader) {
      const c = g.id(child);
      const p = g.id(parent);
      // P is broader than C: from C's view, P is 'broader'.
      add(c, p, 'broader');
      let list = children.get(p);
      if (!list) children.set(p, (list = []));
      if (!list.includes(c)) list.push(c);
    }
    for (const list of children.values()) {
      if (list.length > MAX_SIBLING_FAMILY) continue;
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++) add(list[i]!, list[j]!, 'sibling');
    }
    for (const [a, b] of edges.related) add(g.id(a), g.id(b), 'related');
    for (const [a, m] of pairs) {
      const flat: number[] = [];
      for (const [b, k] of [...m].sort((x, y) => x[0] - y[0])) flat.push(b, KIND_CODE[k]);
      g.near[a] = flat;
    }
    return g;
  }

  static fromSnapshot(snapshot: EscoSnapshot): SkillGraph {
    const broader: Array<[string, string]> = [];
    for (const skill of snapshot.skills.values()) {
      for (const parent of skill.broader) if (snapshot.skills.has(parent)) broader.push([skill.uri, parent]);
    }
    const related = snapshot.skillSkills.map((r): [string, string] => [r.fromUri, r.toUri]);
    const g = SkillGraph.fromEdges({ broader, related });
    // Every known skill gets an id, so ids are stable for the snapshot whatever the data indexed.
    for (const uri of snapshot.skills.keys()) g.id(uri);
    return g;
  }

  /** Id of a skill, allocated on first sight (skills outside the taxonomy simply have no near skills). */
  id(uri: string): number {
    let id = this.ids.get(uri);
    if (id === undefined) {
      id = this.uris.length;
      this.ids.set(uri, id);
      this.uris.push(uri);
    }
    return id;
  }

  lookup(uri: string): number | undefined {
    return this.ids.get(uri);
  }

  get size(): number {
    return this.uris.length;
  }

  /** Near skills of `id` as a flat [otherId, kindCode, …] list (kind from `id`'s point of view). */
  nearList(id: number): readonly number[] {
    return this.near[id] ?? EMPTY;
  }

  /** How `held` is near `asked`, from `asked`'s point of view (held is its broader/narrower/…); null if not. */
  nearKind(asked: string, held: string): NearKind | null {
    const a = this.ids.get(asked);
    const h = this.ids.get(held);
    if (a === undefined || h === undefined) return null;
    const list = this.nearList(a);
    for (let i = 0; i < list.length; i += 2) if (list[i] === h) return NEAR_KINDS[list[i + 1]!]!;
    return null;
  }
}

const EMPTY: readonly number[] = [];

export function kindFromCode(code: number): NearKind {
  return NEAR_KINDS[code]!;
}

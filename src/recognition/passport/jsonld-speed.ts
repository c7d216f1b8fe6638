// jsonld.js copies the whole active context (hundreds of term definitions from the VC 2.0 and Open Badges contexts)
// each time it enters or leaves a type- or property-scoped context: a deep copy, about half of the CPU time of a
// passport verification. A term definition is never changed once created (jsonld.js builds a new object and
// replaces the entry when a context redefines a term), so copying the map of definitions and sharing the
// definitions gives the same expansion — and so the same canonical N-Quads and signatures — at a fraction of the
// cost. `jsonld-speed.test.ts` checks the canonical form is the same with and without this.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// The CommonJS module jsonld's context processing calls `util.clone` on (one copy of jsonld in the tree).
const util = require('jsonld/lib/util.js') as { clone: (value: unknown) => unknown };
const deepClone = util.clone;

/** Term definitions shared, everything else copied as jsonld.js does (its Maps hold only term definitions). */
function cloneSharingTermDefinitions(value: unknown): unknown {
  if (value instanceof Map) return new Map(value);
  return deepClone(value);
}

/** Turns the shared copying on (the default once this module is loaded) or off (to compare, in tests). */
export function shareTermDefinitions(on: boolean): void {
  util.clone = on ? cloneSharingTermDefinitions : deepClone;
}

shareTermDefinitions(true);

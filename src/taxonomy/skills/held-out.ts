// The skill labels the bench holds out (bench/taxonomy-skills.ts: ~5 % of the skills with an alternative label in
// a language lose one of them, which must then bring the skill back from a CV sentence). Shared with the phrase
// model's trainer (phrase-model.ts), which never sees them, so the bench's held-out figures do not leak.
import type { EscoSnapshot } from '../model.js';

export const SKILL_HELD_OUT_LANGS = ['en', 'es', 'fr'] as const;

export interface HeldOutSkillLabel {
  uri: string;
  /** The alternative label held out, as ESCO writes it. */
  label: string;
  /** A number in [0, 1) that picks the sentence frame. */
  frame: number;
}

/** The draw for one language: seeded, three draws per skill in snapshot order, so it depends on ESCO only. */
export function heldOutSkillLabels(snapshot: EscoSnapshot, lang: string): HeldOutSkillLabel[] {
  let seed = 3;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const out: HeldOutSkillLabel[] = [];
  for (const skill of snapshot.skills.values()) {
    const l = skill.labels[lang];
    const [take, which, frame] = [rnd(), rnd(), rnd()];
    if (!l || !l.alt.length || take > 0.05) continue;
    out.push({ uri: skill.uri, label: l.alt[Math.floor(which * l.alt.length)]!, frame });
  }
  return out;
}

/** Every held-out skill label of every bench language, as `uri|lang|label`. */
export function benchHeldOutSkillLabels(snapshot: EscoSnapshot): Set<string> {
  const out = new Set<string>();
  for (const lang of SKILL_HELD_OUT_LANGS)
    for (const h of heldOutSkillLabels(snapshot, lang)) out.add(`${h.uri}|${lang}|${h.label}`);
  return out;
}

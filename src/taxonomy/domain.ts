// taxonomy as other capabilities see it: index.ts without the routes and CLI, so capabilities that use each
// other one way form no import cycle through them.
export { readEscoSnapshot, shippedEscoSources } from './esco/reader.js';
export type { EscoSnapshot, Occupation, Skill, SkillCollection } from './model.js';
export { referenceData } from './reference/levels.js';
export type { ReferenceLang } from './reference/levels.js';
export { preferredLabel } from './service.js';
export type { TaxonomyService } from './service.js';
export { importEscoSnapshot } from './store/import.js';
export { loadEscoSnapshot } from './store/load.js';
export { activeVersion } from './store/versions.js';
export { guessLanguage } from './text.js';

// recognition as other capabilities see it: index.ts without the routes and CLI, so capabilities that use each
// other one way form no import cycle through them.
export { assessedSkills, assessedSkillsFor } from './store.js';

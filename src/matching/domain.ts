// matching as other capabilities see it: index.ts without the routes and CLI, so capabilities that use each
// other one way form no import cycle through them.
export { rankTraining } from './gap.js';
export { syntheticDates } from './generate-bulk.js';
export { PopulationGenerator } from './generate.js';

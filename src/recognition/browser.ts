// What the web app loads of recognition at run time: pure modules only (no Node, no database).
export { PASSPORT_EVIDENCE, PASSPORT_METHODS } from './passport/labels.js';

// What the web app loads of profiles at run time: pure modules only (no Node, no database).
export { candidateView } from './candidate-view.js';

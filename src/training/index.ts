// The public entry of training: what the shells (server, CLI), tests elsewhere and the web (types only) use.
export * from './domain.js';
export { trainingRoutes } from './routes.js';

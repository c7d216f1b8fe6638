// The public entry of protection: what the shells (server, CLI), tests elsewhere and the web (types only) use.
export * from './domain.js';
export { protectionCapability, protectionRoutes } from './routes.js';

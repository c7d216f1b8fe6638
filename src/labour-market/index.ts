// The public entry of labour-market: what the shells (server, CLI), tests elsewhere and the web (types only) use.
export * from './domain.js';
export { registerLabourMarketCommands } from './cli.js';
export { buildModel } from './engine.js';
export { labourMarketCapability, labourMarketRoutes } from './routes.js';
export { readSettings } from './store.js';
export type {
  Coded,
  CorridorAnswer,
  CostAnswer,
  CountBySex,
  Disclosure,
  FigureValueSchema,
  OutsideFigure,
  ShortageAnswer,
  TableAnswer,
} from './routes.js';

// The public entry of labour-market: what the shells (server, CLI), tests elsewhere and the web (types only) use.
export * from './domain.js';
export { registerLabourMarketCommands } from './cli.js';
export { buildModel } from './engine.js';
export { labourMarketCapability, labourMarketRoutes } from './routes.js';
export { readSettings } from './store.js';
// The API's contract: the web imports these types (type-only), the server validates with the schemas.
export type {
  Coded,
  CorridorAnswer,
  CostAnswer,
  CountBySex,
  Disclosure,
  FigureValue,
  ImportInput,
  ImportRecord,
  OutsideFigure,
  OutsideFigures,
  PlacementAnswer,
  ShortageAnswer,
  SkillGapAnswer,
  TableAnswer,
  TimeToFillAnswer,
} from './contract.js';

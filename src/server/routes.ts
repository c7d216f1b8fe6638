// Every capability's routes and setup, gathered in one place. Add one line per capability.
import type { Capability } from '../kernel/capability.js';
import type { AnyRoute } from '../kernel/route.js';
import { identityCapability, identityRoutes } from '../identity/routes.js';
import { profileRoutes, profilesCapability } from '../profiles/routes.js';
import { vacancyRoutes } from '../vacancies/routes.js';
import { trainingRoutes } from '../training/routes.js';
import { taxonomyCapability, taxonomyRoutes } from '../taxonomy/routes.js';
import { matchingCapability, matchingRoutes } from '../matching/routes.js';
import { protectionCapability, protectionRoutes } from '../protection/routes.js';
import { labourMarketCapability, labourMarketRoutes } from '../labour-market/routes.js';
import { recognitionCapability, recognitionRoutes } from '../recognition/routes.js';

export const allRoutes: AnyRoute[] = [
  ...identityRoutes,
  ...profileRoutes,
  ...vacancyRoutes,
  ...trainingRoutes,
  ...taxonomyRoutes,
  ...matchingRoutes,
  ...protectionRoutes,
  ...labourMarketRoutes,
  ...recognitionRoutes,
];

export const allCapabilities: Capability[] = [
  identityCapability,
  profilesCapability,
  taxonomyCapability,
  matchingCapability,
  protectionCapability,
  labourMarketCapability,
  recognitionCapability,
];

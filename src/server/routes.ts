// Every capability's routes and setup, gathered in one place. Add one line per capability.
import type { Capability } from '../kernel/capability.js';
import type { AnyRoute } from '../kernel/route.js';
import { identityCapability, identityRoutes } from '../identity/index.js';
import { profileRoutes, profilesCapability } from '../profiles/index.js';
import { vacancyRoutes } from '../vacancies/index.js';
import { trainingRoutes } from '../training/index.js';
import { taxonomyCapability, taxonomyRoutes } from '../taxonomy/index.js';
import { matchingCapability, matchingRoutes } from '../matching/index.js';
import { protectionCapability, protectionRoutes } from '../protection/index.js';
import { labourMarketCapability, labourMarketRoutes } from '../labour-market/index.js';
import { recognitionCapability, recognitionRoutes, passportCapability, passportRoutes } from '../recognition/index.js';

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
  ...passportRoutes,
];

export const allCapabilities: Capability[] = [
  identityCapability,
  profilesCapability,
  taxonomyCapability,
  matchingCapability,
  protectionCapability,
  labourMarketCapability,
  recognitionCapability,
  passportCapability,
];

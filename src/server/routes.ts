// Every capability's routes and setup, gathered in one place. Add one line per capability.
import type { Capability } from './capability.js';
import type { AnyRoute } from './route.js';
import { identityCapability, identityRoutes } from '../identity/routes.js';

export const allRoutes: AnyRoute[] = [...identityRoutes];

export const allCapabilities: Capability[] = [identityCapability];

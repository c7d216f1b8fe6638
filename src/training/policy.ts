// Who may write a training offer: the staff of the organisation that provides it. Everyone signed in may read
// open offers (the gap planner shows them to migrants and advisors alike).
import type { AuthUser } from '../kernel/auth.js';

export const TRAINING_PROVIDERS = ['org_admin', 'advisor', 'training_provider'] as const;

export function mayManageOffer(user: AuthUser, offerOrganisationId: string): boolean {
  return (TRAINING_PROVIDERS as readonly string[]).includes(user.role) && user.organisationId === offerOrganisationId;
}

// Who may reach a job-seeker profile: the migrant it belongs to, and staff of the organisation holding it. One
// place for the rule that routes, commands, exports and matching all ask.
import type { AuthUser } from '../kernel/auth.js';

export function mayReachProfile(
  user: AuthUser,
  profile: { user_id: string | null; organisation_id: string; erased_at?: Date | string | null },
): boolean {
  if (profile.erased_at) return false;
  if (user.role === 'migrant') return profile.user_id === user.id;
  return user.role === 'platform_admin' || profile.organisation_id === user.organisationId;
}

// Responses of protection's routes that are compositions of its records (the records themselves are in model.ts).
// The routes declare them, the OpenAPI document shows them and the web imports their types (import type).
import { Type } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

/** One case in a supervisor's view of their team. */
export const TeamCase = Type.Object({
  migrantId: Type.String(),
  displayName: Type.String(),
  leadAdvisorId: Nullable(Type.String()),
  leadAdvisorName: Nullable(Type.String()),
  status: Type.String(),
  overdueFollowUps: Type.Integer(),
  openReferrals: Type.Integer(),
  openGoals: Type.Integer(),
  lastOutcome: Nullable(Type.String()),
});

// Input checking shared by profiles, vacancies and training offers: the TypeBox schema (defaults applied), then
// the first failure reported as an `invalid` domain error with its field path (`skills.3.uri`). The HTTP shell validates too;
// domain functions check again so the CLI and other callers get the same guarantees.
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { invalid } from '../kernel/errors.js';

export function parseInput<T extends TSchema>(schema: T, input: unknown): Static<T> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw invalid('Expected a JSON object', '');
  const value = Value.Default(schema, Value.Clone(input)) as unknown;
  const first = Value.Errors(schema, value).First();
  if (first) {
    const path = first.path.split('/').filter(Boolean).join('.');
    throw invalid(first.message, path);
  }
  return value as Static<T>;
}

// Input checking shared by profiles, vacancies and training offers: the TypeBox schema (defaults applied), then
// the first failure reported as a 400 with its field path (`body.skills.3.uri`). The HTTP shell validates too;
// domain functions check again so the CLI and other callers get the same guarantees.
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { badRequest } from '../shared/errors.js';
import { formatMessage } from '../shared/formats.js';

export function parseInput<T extends TSchema>(schema: T, input: unknown, prefix = 'body'): Static<T> {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw badRequest('Expected a JSON object', prefix);
  const value = Value.Default(schema, Value.Clone(input)) as unknown;
  const first = Value.Errors(schema, value).First();
  if (first) {
    const path = first.path ? `${prefix}${first.path.replaceAll('/', '.')}` : prefix;
    const format = (first.schema as { format?: unknown }).format;
    throw badRequest((typeof first.value === 'string' && formatMessage(format)) || first.message, path);
  }
  return value as Static<T>;
}

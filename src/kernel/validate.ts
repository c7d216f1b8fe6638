// Command input validation: the JSON Schema (TypeBox) of a command's input, checked by Ajv exactly as the HTTP edge
// checks request bodies (as sent, no type coercion; defaults applied), the first failure named by its path.
import type { Static, TSchema } from '@sinclair/typebox';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { addCorridorFormats, formatMessage } from '../shared/formats.js';
import { invalid } from './errors.js';

// ajv-formats is CommonJS: under NodeNext its function is the namespace's `default`.
const ajv = addCorridorFormats(
  ajvFormats.default(
    new Ajv({ allErrors: false, useDefaults: true, removeAdditional: false, coerceTypes: false, strict: false }),
  ),
);
const compiled = new WeakMap<TSchema, ValidateFunction>();

/** `/skills/0/uri` + a missing `level` → `skills.0.uri.level`. */
export function errorPath(e: Pick<ErrorObject, 'instancePath' | 'params'>): string {
  const parts = (e.instancePath ?? '')
    .split('/')
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const extra = (e.params as { missingProperty?: unknown; additionalProperty?: unknown } | undefined) ?? {};
  const named = extra.missingProperty ?? extra.additionalProperty;
  if (typeof named === 'string') parts.push(named);
  return parts.join('.');
}

export function errorMessage(path: string, e: Pick<ErrorObject, 'keyword' | 'message' | 'params'>): string {
  const subject = path || 'the input';
  if (e.keyword === 'required') return `${subject} is required`;
  if (e.keyword === 'additionalProperties') return `${subject} is not an allowed field`;
  const known =
    e.keyword === 'format' ? formatMessage((e.params as { format?: unknown } | undefined)?.format) : undefined;
  if (known) return `${subject} ${known}`;
  const allowed = (e.params as { allowedValues?: unknown } | undefined)?.allowedValues;
  if (e.keyword === 'enum' && Array.isArray(allowed)) return `${subject} must be one of: ${allowed.join(', ')}`;
  return `${subject} ${e.message ?? 'is invalid'}`;
}

/**
 * The input checked against its schema, with defaults applied to a copy: the first failure is an `invalid` error
 * naming its field in the input's terms (`skills.3.uri`).
 */
export function parseInput<T extends TSchema>(schema: T, input: unknown): Static<T> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw invalid('Expected a JSON object', '');
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  const value = structuredClone(input);
  if (!validate(value)) {
    const first = validate.errors?.[0];
    const path = first ? errorPath(first) : '';
    throw invalid(first ? errorMessage(path, first) : 'The input is not valid', path);
  }
  return value as Static<T>;
}

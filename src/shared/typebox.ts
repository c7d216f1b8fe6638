// Schema helpers shared by route declarations.
import { Type, type TUnsafe } from '@sinclair/typebox';

/**
 * A string from a fixed list, as a plain JSON Schema `enum` (a union of literals becomes `anyOf`, whose
 * validation message cannot name the allowed values; this one does).
 */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: { description?: string } = {},
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/** A record id: a UUID (lower-case hex), made by the server or — for idempotent creates — by the client. */
export const Uuid = Type.String({
  pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
  description: 'UUID',
});

/** Options of an object schema that refuses fields it does not name (Type.Composite drops the flag otherwise). */
export const CLOSED = { additionalProperties: false } as const;

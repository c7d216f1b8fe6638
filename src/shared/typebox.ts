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

// String formats of Corridor's own, each with the sentence a refused value gets. Registered in TypeBox's registry
// here (so the domain's parseInput checks them) and in the HTTP shell's ajv (addFormats below), so both layers
// refuse the same values with the same words.
import { FormatRegistry } from '@sinclair/typebox';
import { isCurrentCountry, UNKNOWN_COUNTRY_CODE } from './countries.js';

interface Format {
  check(value: string): boolean;
  /** Completes "<field> …". */
  message: string;
}

export const FORMATS: Readonly<Record<string, Format>> = {
  'country-code': {
    check: isCurrentCountry,
    message: 'is not a current ISO 3166-1 alpha-2 country code (withdrawn codes such as DD, CS or YD are refused)',
  },
  'country-code-or-unknown': {
    check: (v) => v === UNKNOWN_COUNTRY_CODE || isCurrentCountry(v),
    message: `is not a current ISO 3166-1 alpha-2 country code or ${UNKNOWN_COUNTRY_CODE} (not known yet)`,
  },
};

for (const [name, format] of Object.entries(FORMATS)) {
  if (!FormatRegistry.Has(name)) FormatRegistry.Set(name, format.check);
}

/** Adds the formats to an ajv instance (the HTTP shell's validators). */
export function addCorridorFormats<A extends { addFormat(name: string, f: (v: string) => boolean): unknown }>(
  ajv: A,
): A {
  for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format.check);
  return ajv;
}

/** The formats as ajv's `formats` option (the response serializer's ajv chooses anyOf branches with them). */
export function formatChecks(): Record<string, (value: string) => boolean> {
  return Object.fromEntries(Object.entries(FORMATS).map(([name, f]) => [name, f.check]));
}

/** The sentence for a value refused by one of these formats, or undefined for any other format. */
export function formatMessage(name: unknown): string | undefined {
  return typeof name === 'string' && Object.hasOwn(FORMATS, name) ? FORMATS[name]!.message : undefined;
}

// Profiles' API contract, begun with the code suggestions of src/profiles/routes.ts (issue 15). The server validates
// and serialises with these schemas, the OpenAPI document is generated from them, and the web app imports their types
// (type-only).
import { Type, type Static } from '@sinclair/typebox';
import { Text } from './codes.js';

/** POST /profiles/code-suggestions */
export const CodeSuggestionRequest = Type.Object(
  {
    kind: Type.Union([Type.Literal('occupation'), Type.Literal('skills')]),
    text: Text(5000, 1),
    /** Extra context for occupation coding (what the work involved). */
    description: Type.Optional(Text(5000)),
    /** Language of the text; omitted: told from the text itself (its stop words), else labelLang, else English. */
    lang: Type.Optional(Type.String({ pattern: '^[a-z]{2}$' })),
    /** Language of the returned labels (the reader's); omitted: the language of the text. */
    labelLang: Type.Optional(Type.String({ pattern: '^[a-z]{2}$' })),
    top: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
  },
  { additionalProperties: false },
);
export type CodeSuggestionRequest = Static<typeof CodeSuggestionRequest>;

export const CodeSuggestions = Type.Object({
  taxonomyVersion: Type.String(),
  /** The language the text was read in. */
  lang: Type.String(),
  /** True when Corridor told the language from the text (no lang was sent). */
  langDetected: Type.Boolean(),
  /** Always true: suggestions are never written to a record. */
  needsConfirmation: Type.Boolean(),
  suggestions: Type.Array(
    Type.Object({
      uri: Type.String(),
      label: Type.String(),
      score: Type.Number(),
      isco: Type.Optional(Type.String()),
      code: Type.Optional(Type.String()),
      /** For skills: the part of the text that suggested it. */
      evidence: Type.Optional(Type.String()),
    }),
  ),
});
export type CodeSuggestions = Static<typeof CodeSuggestions>;

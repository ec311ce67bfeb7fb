import { z } from "zod";
import { factsFileSchema, intentsFileSchema, lexiconFileSchema, messagesFileSchema } from "./schema.js";

/**
 * JSON Schemas generated from the zod schemas, one per content file, so curators' editors
 * validate and complete what they type. Written to schemas/ by `npm run schemas`; a test
 * keeps the committed files in step with the zod schemas.
 */
export function contentJsonSchemas(): Record<string, unknown> {
  // "input" describes the file as written (defaults may be omitted), not as parsed.
  const toJson = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  return {
    "facts.schema.json": toJson(factsFileSchema),
    "messages.schema.json": toJson(messagesFileSchema),
    "lexicon.schema.json": toJson(lexiconFileSchema),
    "intents.schema.json": toJson(intentsFileSchema),
  };
}

export const serializeSchema = (schema: unknown): string => `${JSON.stringify(schema, null, 2)}\n`;

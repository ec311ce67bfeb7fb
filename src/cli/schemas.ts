/** `npm run schemas`: regenerates schemas/*.schema.json from the zod schemas. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { contentJsonSchemas, serializeSchema } from "../content/json-schemas.js";
import { projectRoot } from "../project-root.js";

for (const [file, schema] of Object.entries(contentJsonSchemas())) {
  writeFileSync(join(projectRoot, "schemas", file), serializeSchema(schema));
  console.log(`wrote schemas/${file}`);
}

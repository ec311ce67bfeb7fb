import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./content.js";

/** Vitest global setup: compiles src/ to dist/ (`npm run build`), so end-to-end tests run the current code. */
export default function build(): void {
  execFileSync(process.execPath, [join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", join(repoRoot, "tsconfig.build.json")], { stdio: "inherit" });
}

// Fails when src/api/schema.d.ts is not what openapi-typescript makes of the committed docs/openapi.json today:
// the client must change in the same commit as the contract. Fix with `npm run generate`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const committed = join(root, "src/api/schema.d.ts");
const dir = mkdtempSync(join(tmpdir(), "newsapi-client-"));
try {
  const fresh = join(dir, "schema.d.ts");
  execFileSync(join(root, "node_modules/.bin/openapi-typescript"), [join(root, "../../docs/openapi.json"), "--output", fresh], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (readFileSync(fresh, "utf8") !== readFileSync(committed, "utf8")) {
    console.error("src/api/schema.d.ts is stale: docs/openapi.json changed since it was generated. Run `npm run generate` and commit the result.");
    process.exit(1);
  }
  console.log("The generated client matches docs/openapi.json.");
} finally {
  rmSync(dir, { recursive: true, force: true });
}

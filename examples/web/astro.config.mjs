// @ts-check
import node from "@astrojs/node";
import { defineConfig } from "astro/config";

// Server-rendered on every request: each page reads the API as it is now, and the API's output cache keeps that cheap.
export default defineConfig({
  output: "server",
  adapter: node({ mode: "standalone" }),
  // Astro's origin check guards form posts; this site only reads.
  security: { checkOrigin: false },
  devToolbar: { enabled: false },
  // One small stylesheet: inlined, it costs no extra round trip before the first paint.
  build: { inlineStylesheets: "always" },
  server: { port: Number(process.env.PORT ?? 4321) },
});

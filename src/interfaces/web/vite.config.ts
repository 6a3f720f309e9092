/**
 * Vite configuration of the web UI. `npm run build:web` builds it into dist/web, which the Fastify server
 * serves; `npx vite --config src/interfaces/web/vite.config.ts` runs it with hot reload, sending /api to a
 * server started with `cxpm serve --port 3000`.
 */
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: here,
  base: "/",
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("../../../dist/web", import.meta.url)),
    emptyOutDir: true,
    // ECharts alone is about 600 kB minified; the app is one page load on a local server.
    chunkSizeWarningLimit: 2000,
  },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
});

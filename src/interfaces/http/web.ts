/**
 * Serves the web UI built into dist/web (`npm run build:web`; `npm start` builds it when it is stale): files as
 * they are, hashed assets cached for good, and index.html for every other GET outside /api, so that a page's
 * URL (/summary?scopeLevel=location&scopeId=manila) can be reloaded or shared. /api stays the API's: an unknown
 * /api path gets the API's JSON 404.
 */
import { existsSync, statSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** Where `npm run build:web` puts the UI. */
export const WEB_ROOT = fileURLToPath(new URL("../../../dist/web", import.meta.url));

const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

export async function serveWeb(server: FastifyInstance, root: string = WEB_ROOT): Promise<void> {
  const base = resolve(root);
  // Only reply.sendFile: the routes below decide what is a file and what is a page of the app.
  await server.register(fastifyStatic, { root: base, serve: false });

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    let path: string;
    try {
      path = decodeURIComponent(request.url.split("?")[0] ?? "/");
    } catch {
      return reply.callNotFound();
    }
    if (path === "/api" || path.startsWith("/api/")) return reply.callNotFound();
    if (!existsSync(resolve(base, "index.html"))) {
      return reply
        .code(503)
        .type("text/plain; charset=utf-8")
        .send("The web UI is not built yet: run `npm run build:web` (npm start does it for you), then reload.");
    }
    const file = resolve(base, `.${path}`);
    if (file.startsWith(base + sep) && isFile(file)) {
      // Vite names assets by their content hash, so they never change under the same name.
      const hashed = path.startsWith("/assets/");
      return reply.sendFile(relative(base, file), { maxAge: hashed ? "365d" : 0, immutable: hashed });
    }
    return reply.sendFile("index.html", { maxAge: 0 });
  };
  server.get("/", { schema: { hide: true } }, handler);
  server.get("/*", { schema: { hide: true } }, handler);
}

/**
 * Serves the dashboard: the page at `/`, its script and stylesheet. Everything is in this package
 * (air-gapped sites have no CDN). The page and stylesheet are embedded in modules; the script is
 * the compiled browser module (browser/app.ts, built by `npm run build` into dist/).
 */
import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsync } from 'fastify';
import { FEATURE_STYLE } from './feature-style.js';
import { PAGE } from './page.js';
import { STYLE } from './style.js';

/**
 * Where the compiled script is: beside this module in dist/ (`browser/app.js`); when this module
 * runs from its TypeScript source (tests under tsx), the same place in the build, `src/` → `dist/`
 * as tsconfig.json's rootDir and outDir map them.
 */
function dashboardScriptUrl(moduleUrl: string = import.meta.url): URL {
  const here = new URL('./browser/app.js', moduleUrl);
  if (!moduleUrl.endsWith('.ts')) return here;
  const at = here.pathname.lastIndexOf('/src/');
  if (at < 0) return here;
  const built = new URL(here.href);
  built.pathname = here.pathname.slice(0, at) + '/dist/' + here.pathname.slice(at + '/src/'.length);
  return built;
}

async function readScript(url: URL): Promise<string> {
  try {
    return await readFile(url, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new Error(`the dashboard's script is not built: ${decodeURIComponent(url.pathname)} is missing (run \`npm run build\`)`, { cause: error });
  }
}

export const dashboardRoutes: FastifyPluginAsync = async (app) => {
  const script = await readScript(dashboardScriptUrl());
  const send = (path: string, type: string, body: string) =>
    app.get(path, async (_request, reply) => {
      reply.type(type).header('cache-control', 'no-cache');
      return body;
    });
  send('/', 'text/html; charset=utf-8', PAGE);
  send('/dashboard/app.js', 'text/javascript; charset=utf-8', script);
  send('/dashboard/app.css', 'text/css; charset=utf-8', STYLE + FEATURE_STYLE);
};

// Bundles page/ into dist/ with esbuild and copies Excalidraw's fonts beside it, so the page
// needs nothing from the network.
import { build } from "esbuild";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");

export async function buildPage({ quiet = false } = {}) {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  await build({
    entryPoints: { app: join(here, "page", "main.jsx") },
    outdir: dist,
    bundle: true,
    format: "iife",
    jsx: "automatic",
    minify: true,
    conditions: ["production"],
    define: { "process.env.NODE_ENV": '"production"', "process.env.IS_PREACT": '"false"' },
    loader: { ".woff2": "file", ".png": "file", ".svg": "file" },
    logLevel: quiet ? "error" : "warning",
  });
  cpSync(join(here, "page", "index.html"), join(dist, "index.html"));
  const pkgDir = join(here, "node_modules", "@excalidraw", "excalidraw");
  cpSync(join(pkgDir, "dist", "prod", "fonts"), join(dist, "fonts"), { recursive: true });
  return dist;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildPage();
  console.log(`built ${dist}`);
}

// Serves dist/ on a loopback port and opens it in headless Chromium through playwright-core.
import { createServer } from "node:http";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const distDir = join(here, "..", "dist");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".woff2": "font/woff2",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

function serve(root) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

export function chromiumPath() {
  return process.env.CHROMIUM || "/usr/bin/chromium";
}

// Opens the page and waits until the editor is mounted and the fonts are loaded.
// Returns { page, close }. `initScript` runs in the page before its own scripts.
export async function openPage({ fonts = ["Excalifont", "Nunito"], initScript, initArg } = {}) {
  if (!existsSync(join(distDir, "app.js"))) {
    throw new Error(`${distDir}/app.js is missing: run \`npm run build\` in ${join(here, "..")} first`);
  }
  const server = await serve(distDir);
  const userDataDir = mkdtempSync(join(tmpdir(), "excalidraw-page-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1600, height: 1000 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const page = context.pages()[0] || (await context.newPage());
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && process.env.PAGE_LOG) console.error(`[page] ${m.text()}`);
  });
  if (initScript) await page.addInitScript(initScript, initArg);
  const { port } = server.address();
  await page.goto(`http://127.0.0.1:${port}/index.html`);
  await page.waitForFunction(() => window.fixturePage !== undefined, null, { timeout: 60000 });
  const loaded = await page.evaluate((f) => window.fixturePage.ready(f), fonts);
  for (const f of fonts) {
    if (!loaded.fonts.includes(f)) throw new Error(`font ${f} did not load in the page (loaded: ${loaded.fonts.join(", ")})`);
  }
  const close = async () => {
    await context.close();
    server.close();
    rmSync(userDataDir, { recursive: true, force: true });
  };
  return { page, close, pageErrors };
}

// Renders .mmd files to SVG with mermaid-cli (`mmdc`, which drives the system Chromium through
// puppeteer) and prints what the SVG holds. Exits non-zero when any file fails to parse or
// render. See README.md beside this file.
//
//   node tests/tools/mermaid-check/check.mjs [--keep DIR] FILE_OR_FOLDER...

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const mmdc = join(here, "node_modules", ".bin", "mmdc");

const args = process.argv.slice(2);
let keep = null;
const inputs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--keep") keep = args[++i];
  else inputs.push(args[i]);
}
if (!inputs.length) {
  console.error("usage: node check.mjs [--keep DIR] FILE.mmd|FOLDER ...");
  process.exit(2);
}
if (!existsSync(mmdc)) {
  console.error(`${mmdc} is missing: run \`npm ci\` in ${here} first`);
  process.exit(2);
}

const files = [];
for (const input of inputs) {
  if (!existsSync(input)) {
    console.error(`${input}: no such file`);
    process.exit(2);
  }
  if (statSync(input).isDirectory()) {
    for (const f of readdirSync(input).sort()) if (f.endsWith(".mmd")) files.push(join(input, f));
  } else files.push(input);
}

const work = mkdtempSync(join(tmpdir(), "mermaid-check-"));
const outDir = keep || work;
mkdirSync(outDir, { recursive: true });

// The committed puppeteer config names Debian's Chromium; CHROMIUM=path overrides it.
let config = join(here, "puppeteer-config.json");
if (process.env.CHROMIUM) {
  const c = JSON.parse(readFileSync(config, "utf8"));
  c.executablePath = process.env.CHROMIUM;
  config = join(work, "puppeteer-config.json");
  writeFileSync(config, JSON.stringify(c));
}

// What a rendered diagram holds, read off the SVG that mermaid wrote.
function describe(svg) {
  const count = (re) => (svg.match(re) || []).length;
  const kind = (/aria-roledescription="([^"]+)"/.exec(svg) || [])[1] || "unknown";
  const labels = [...svg.matchAll(/<g class="edgeLabel"[^>]*>([\s\S]*?)<\/g><\/g>/g)].filter((m) => /<(p|span|tspan)[^>]*>[^<\s]/.test(m[1])).length;
  return {
    kind,
    nodes: count(/<g [^>]*class="node(?:\s[^"]*)?"/g),
    edges: count(/<path [^>]*class="[^"]*flowchart-link[^"]*"/g) || count(/<path [^>]*class="[^"]*(?:relation|transition|messageLine\d)[^"]*"/g),
    subgraphs: count(/<g [^>]*class="cluster(?:\s[^"]*)?"/g),
    edgeLabels: labels,
  };
}

let failed = 0;
for (const file of files) {
  const svgPath = join(outDir, basename(file).replace(/\.mmd$/, "") + ".svg");
  rmSync(svgPath, { force: true });
  const r = spawnSync(mmdc, ["-i", file, "-o", svgPath, "-p", config, "-q"], { encoding: "utf8", timeout: 120000 });
  const stderr = (r.stderr || "").trim();
  if (r.status !== 0 || !existsSync(svgPath)) {
    failed++;
    console.log(`${file}: FAILED (mmdc exit ${r.status ?? r.signal})`);
    const lines = stderr.split("\n").filter((l) => l.trim() && !/^\s+at /.test(l) && !/\(\S+:\d+:\d+\)\s*$/.test(l));
    for (const l of lines.slice(0, 8)) console.log(`  ${l}`);
    continue;
  }
  const svg = readFileSync(svgPath, "utf8");
  if (/Syntax error in text|class="error-icon"/.test(svg)) {
    failed++;
    console.log(`${file}: FAILED (mermaid drew its error diagram)`);
    continue;
  }
  const d = describe(svg);
  console.log(`${file}: ok (${d.kind}) nodes ${d.nodes}, edges ${d.edges}, subgraphs ${d.subgraphs}, edge labels ${d.edgeLabels}${keep ? `, svg ${svgPath}` : ""}`);
}
rmSync(work, { recursive: true, force: true });
console.log(`${files.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

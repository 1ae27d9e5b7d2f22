// Loads .excalidraw files into Excalidraw's own `restore` and `loadFromBlob` (and the editor)
// in headless Chromium, and checks that arrows and bound texts point at elements that exist
// and point back. Exits non-zero when any file fails. See README.md beside this file.
//
//   node tests/tools/excalidraw-check/check.mjs FILE_OR_FOLDER...

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { buildPage } from "../excalidraw-fixtures/build.mjs";
import { distDir, openPage } from "../excalidraw-fixtures/lib/page.mjs";

const args = process.argv.slice(2);
const rebuild = args.includes("--build");
const inputs = args.filter((a) => !a.startsWith("--"));
if (!inputs.length) {
  console.error("usage: node check.mjs [--build] FILE.excalidraw|FOLDER ...");
  process.exit(2);
}

const files = [];
for (const input of inputs) {
  if (!existsSync(input)) {
    console.error(`${input}: no such file`);
    process.exit(2);
  }
  if (statSync(input).isDirectory()) {
    for (const f of readdirSync(input).sort()) if (f.endsWith(".excalidraw")) files.push(join(input, f));
  } else files.push(input);
}

if (rebuild || !existsSync(join(distDir, "app.js"))) await buildPage({ quiet: true });

const { page, close, pageErrors } = await openPage({ fonts: [] });
let failed = 0;
try {
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const r = await page.evaluate(([n, t]) => window.fixturePage.checkFile(n, t), [basename(file), text]);
    const ok = r.errors.length === 0;
    if (!ok) failed++;
    console.log(`${file}: ${ok ? "ok" : "FAILED"}`);
    if (r.rawCounts) {
      const counts = Object.entries(r.rawCounts)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k} ${v}`)
        .join(", ");
      console.log(`  elements: ${counts}`);
    }
    if (r.stats) {
      const s = r.stats;
      const bindErrors = r.kinds.includes("binding");
      const textErrors = r.kinds.includes("text");
      console.log(`  arrows: ${s.arrows} (${s.boundBoth} bound at both ends, ${s.boundOne} at one end, ${s.unbound} unbound); bindings point at live elements that list them back: ${bindErrors ? "NO" : "yes"}`);
      console.log(`  bound texts: ${s.boundTexts} (${s.inShapes} in shapes, ${s.onArrows} on arrows), free texts: ${s.freeTexts}; every bound text's container exists and lists it: ${textErrors ? "NO" : "yes"}`);
      console.log(`  in frames: ${s.inFrames} elements${r.kinds.includes("frame") ? " (some frameIds name no frame)" : ""}; groups: ${s.groups}`);
    }
    if (r.restoreCounts && r.loadCounts) {
      const same = JSON.stringify(r.rawCounts) === JSON.stringify(r.restoreCounts) && JSON.stringify(r.rawCounts) === JSON.stringify(r.loadCounts);
      console.log(`  restore and loadFromBlob: ${same ? "same element counts as the file" : `counts differ: restore ${JSON.stringify(r.restoreCounts)}, loadFromBlob ${JSON.stringify(r.loadCounts)}`}`);
    }
    for (const w of r.warnings) console.log(`  warning: ${w}`);
    for (const e of r.errors) console.log(`  error: ${e}`);
  }
  if (pageErrors.length) {
    failed++;
    for (const e of pageErrors) console.log(`page error: ${e}`);
  }
} finally {
  await close();
}
console.log(`${files.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

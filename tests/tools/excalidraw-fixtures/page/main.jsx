// The page the generator and the checker drive. It mounts the real Excalidraw editor and
// exposes a few calls on `window.fixturePage`; everything that touches elements goes through
// the package's own API.
import React from "react";
import { createRoot } from "react-dom/client";
import {
  Excalidraw,
  CaptureUpdateAction,
  convertToExcalidrawElements,
  exportToBlob,
  loadFromBlob,
  restore,
  restoreElements,
  serializeAsJSON,
} from "@excalidraw/excalidraw";
import "@excalidraw/excalidraw/index.css";

let resolveApi;
const apiReady = new Promise((resolve) => {
  resolveApi = resolve;
});

function App() {
  return (
    <Excalidraw
      excalidrawAPI={(api) => resolveApi(api)}
      UIOptions={{ canvasActions: { saveToActiveFile: false } }}
    />
  );
}

createRoot(document.getElementById("root")).render(<App />);

const nextFrames = (n) =>
  new Promise((resolve) => {
    const step = () => (n-- <= 0 ? resolve() : requestAnimationFrame(step));
    requestAnimationFrame(step);
  });

const plain = (value) => JSON.parse(JSON.stringify(value));

async function ready(fontFamilies) {
  await apiReady;
  // Load the fonts before any text is measured, so widths match what the editor shows.
  await Promise.all(
    fontFamilies.flatMap((family) =>
      [16, 20, 28].map((size) => document.fonts.load(`${size}px ${family}`, "Aa")),
    ),
  );
  await document.fonts.ready;
  return { fonts: [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family) };
}

// Skeletons to elements, nothing else (used to measure texts and shapes before layout).
function convert(skeleton, regenerateIds = false) {
  return plain(convertToExcalidrawElements(skeleton, { regenerateIds }));
}

// Builds a scene the way the editor holds it: freedraw strokes are completed by
// `restoreElements` (the converter takes freedraw elements as they are), the skeletons are
// converted, the result is put into the mounted editor, and what the editor then holds is
// serialized as the editor's own "Save to disk" does.
async function buildScene(skeleton, appStatePatch) {
  const api = await apiReady;
  const completed = skeleton.map((s) =>
    s.type === "freedraw" ? restoreElements([s], null, { refreshDimensions: false, repairBindings: false })[0] : s,
  );
  const elements = convertToExcalidrawElements(completed, { regenerateIds: false });
  api.updateScene({
    elements,
    appState: { ...appStatePatch },
    captureUpdate: CaptureUpdateAction.IMMEDIATELY,
  });
  await nextFrames(3);
  api.scrollToContent(undefined, { fitToContent: true, animate: false });
  await nextFrames(3);
  const sceneElements = api.getSceneElementsIncludingDeleted();
  return serializeAsJSON(sceneElements, api.getAppState(), api.getFiles(), "local");
}

async function previewPng(json) {
  const data = JSON.parse(json);
  const blob = await exportToBlob({
    elements: data.elements,
    appState: { ...data.appState, exportBackground: true, exportWithDarkMode: false },
    files: data.files || {},
    mimeType: "image/png",
    exportPadding: 20,
  });
  const buf = new Uint8Array(await blob.arrayBuffer());
  let s = "";
  for (let i = 0; i < buf.length; i += 0x8000) s += String.fromCharCode(...buf.subarray(i, i + 0x8000));
  return btoa(s);
}

// ---- checking a file ----------------------------------------------------------------------

function integrity(elements) {
  const problems = [];
  const live = elements.filter((e) => !e.isDeleted);
  const byId = new Map(live.map((e) => [e.id, e]));
  const lists = (target, id, type) =>
    Array.isArray(target.boundElements) &&
    target.boundElements.some((b) => b && b.id === id && (!type || b.type === type));
  for (const el of live) {
    if (el.type === "arrow") {
      for (const end of ["startBinding", "endBinding"]) {
        const b = el[end];
        if (!b) continue;
        const target = byId.get(b.elementId);
        if (!target) problems.push(["binding", `arrow ${el.id}: ${end} points at missing element ${b.elementId}`]);
        else if (!lists(target, el.id, "arrow"))
          problems.push(["binding", `arrow ${el.id}: ${end} target ${target.type} ${target.id} does not list the arrow in boundElements`]);
      }
    }
    if (el.type === "text" && el.containerId) {
      const c = byId.get(el.containerId);
      if (!c) problems.push(["text", `text ${el.id}: container ${el.containerId} is missing`]);
      else if (!lists(c, el.id, "text"))
        problems.push(["text", `text ${el.id}: container ${c.type} ${c.id} does not list the text in boundElements`]);
    }
    for (const b of el.boundElements || []) {
      const other = b && byId.get(b.id);
      if (!other) {
        problems.push([b && b.type === "text" ? "text" : "binding", `${el.type} ${el.id}: boundElements lists missing element ${b && b.id}`]);
      } else if (b.type === "text" && other.containerId !== el.id) {
        problems.push(["text", `${el.type} ${el.id}: lists text ${other.id} whose containerId is ${other.containerId}`]);
      } else if (
        b.type === "arrow" &&
        !(other.startBinding && other.startBinding.elementId === el.id) &&
        !(other.endBinding && other.endBinding.elementId === el.id)
      ) {
        problems.push(["binding", `${el.type} ${el.id}: lists arrow ${other.id} that is not bound to it`]);
      }
    }
    if (el.frameId && !(byId.get(el.frameId) && byId.get(el.frameId).type === "frame"))
      problems.push(["frame", `${el.type} ${el.id}: frameId ${el.frameId} is not a frame`]);
  }
  return problems;
}

function bindingStats(elements) {
  const live = elements.filter((e) => !e.isDeleted);
  const byId = new Map(live.map((e) => [e.id, e]));
  const arrows = live.filter((e) => e.type === "arrow");
  const ends = (a) => [a.startBinding, a.endBinding].filter(Boolean).length;
  const texts = live.filter((e) => e.type === "text" && e.containerId);
  const containerType = (t) => (byId.get(t.containerId) || {}).type;
  return {
    arrows: arrows.length,
    boundBoth: arrows.filter((a) => ends(a) === 2).length,
    boundOne: arrows.filter((a) => ends(a) === 1).length,
    unbound: arrows.filter((a) => ends(a) === 0).length,
    boundTexts: texts.length,
    onArrows: texts.filter((t) => containerType(t) === "arrow").length,
    inShapes: texts.filter((t) => containerType(t) && containerType(t) !== "arrow").length,
    freeTexts: live.filter((e) => e.type === "text" && !e.containerId).length,
    inFrames: live.filter((e) => e.frameId).length,
    groups: new Set(live.flatMap((e) => e.groupIds || [])).size,
  };
}

function countByType(elements) {
  const counts = {};
  for (const el of elements) if (!el.isDeleted) counts[el.type] = (counts[el.type] || 0) + 1;
  return counts;
}

async function checkFile(name, text) {
  const out = { name, errors: [], warnings: [] };
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    out.errors.push(`not JSON: ${e.message}`);
    return out;
  }
  if (raw.type !== "excalidraw") out.errors.push(`"type" is ${JSON.stringify(raw.type)}, not "excalidraw"`);
  if (!Array.isArray(raw.elements)) {
    out.errors.push(`"elements" is not a list`);
    return out;
  }
  out.rawCounts = countByType(raw.elements);
  out.stats = bindingStats(raw.elements);
  out.kinds = [];
  for (const [kind, p] of integrity(raw.elements)) {
    out.errors.push(`in the file: ${p}`);
    if (!out.kinds.includes(kind)) out.kinds.push(kind);
  }

  try {
    const r = restore(raw, null, null, { repairBindings: false, refreshDimensions: false });
    out.restoreCounts = countByType(r.elements);
    const dropped = raw.elements.filter((e) => !e.isDeleted).length - r.elements.filter((e) => !e.isDeleted).length;
    if (dropped !== 0) out.errors.push(`restore dropped ${dropped} element(s)`);
    for (const [, p] of integrity(r.elements)) out.errors.push(`after restore: ${p}`);
  } catch (e) {
    out.errors.push(`restore threw: ${e && e.message}`);
  }

  try {
    const blob = new Blob([text], { type: "application/json" });
    const loaded = await loadFromBlob(blob, null, null);
    out.loadCounts = countByType(loaded.elements);
    for (const [, p] of integrity(loaded.elements)) out.errors.push(`after loadFromBlob: ${p}`);
    // Put it into the editor too, and let it render a frame.
    const api = await apiReady;
    api.updateScene({ elements: loaded.elements, captureUpdate: CaptureUpdateAction.NEVER });
    await nextFrames(2);
    const shown = api.getSceneElements().length;
    if (shown !== loaded.elements.filter((e) => !e.isDeleted).length)
      out.warnings.push(`the editor shows ${shown} elements of ${loaded.elements.length}`);
    api.resetScene();
  } catch (e) {
    out.errors.push(`loadFromBlob threw: ${e && e.message}`);
  }
  return out;
}

window.fixturePage = { ready, convert, buildScene, previewPng, checkFile };

// Redraws each case's native board (tests/fixtures/<case>.ron) as an Excalidraw scene the way
// a person draws one, with the real Excalidraw editor in headless Chromium, and saves it as
// tests/fixtures/excalidraw/<case>.excalidraw. See README.md beside this file.
//
//   node make.mjs                 all cases
//   node make.mjs visual-search   one case
//   node make.mjs --preview       also writes out/preview/<case>.png (not committed)

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPage } from "./build.mjs";
import {
  center,
  contains,
  inflate,
  inside,
  intersects,
  mulberry32,
  polylineBounds,
  polylineNear,
  rectDistance,
  route,
  union,
} from "./lib/geometry.mjs";
import { openPage } from "./lib/page.mjs";
import { readBoard } from "./lib/ron.mjs";
import { plans } from "./plans.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..", "..");
const boardsDir = join(repo, "tests", "fixtures");
const outDir = join(boardsDir, "excalidraw");
const previewDir = join(here, "out", "preview");

const args = process.argv.slice(2);
const preview = args.includes("--preview");
const only = args.filter((a) => !a.startsWith("--"));
const cases = only.length ? only : Object.keys(plans);

const FRAME_FILL = ["#a5d8ff", "#b2f2bb", "#ffec99"];
const ID_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";

// Seeds the page's random numbers and clock, so the same board gives the same file.
function pageDeterminism() {
  let state = 1;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  Math.random = next;
  const fill = (arr) => {
    const bytes = new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(next() * 256);
    return arr;
  };
  Object.defineProperty(window.crypto, "getRandomValues", { value: fill });
  let clock = Date.UTC(2026, 0, 12, 9, 0, 0);
  window.__reseed = (seed, start) => {
    state = seed >>> 0;
    clock = start;
  };
  Date.now = () => (clock += 7);
}

async function main() {
  await buildPage({ quiet: true });
  const { page, close, pageErrors } = await openPage({ initScript: pageDeterminism });
  mkdirSync(outDir, { recursive: true });
  if (preview) mkdirSync(previewDir, { recursive: true });
  const summaries = [];
  try {
    for (const name of cases) {
      const plan = plans[name];
      if (!plan) throw new Error(`no plan for case ${name}`);
      const board = readBoard(readFileSync(join(boardsDir, `${name}.ron`), "utf8"));
      const { skeleton, appState, summary } = await layout(page, name, board, plan);
      const json = await page.evaluate(
        ([seed, start, s, a]) => {
          window.__reseed(seed, start);
          return window.fixturePage.buildScene(s, a);
        },
        [plan.seed * 7919, Date.UTC(2026, 0, plan.seed, 9, 0, 0), skeleton, appState],
      );
      const file = join(outDir, `${name}.excalidraw`);
      writeFileSync(file, json.endsWith("\n") ? json : json + "\n");
      const check = await page.evaluate(([n, t]) => window.fixturePage.checkFile(n, t), [`${name}.excalidraw`, json]);
      if (check.errors.length) throw new Error(`${name}: ${check.errors.join("; ")}`);
      summary.counts = countFile(JSON.parse(json), summary);
      summaries.push(summary);
      if (preview) {
        const png = await page.evaluate((t) => window.fixturePage.previewPng(t), json);
        writeFileSync(join(previewDir, `${name}.png`), Buffer.from(png, "base64"));
      }
      console.log(`${name}: ${JSON.stringify(summary.counts)}`);
    }
    if (pageErrors.length) throw new Error(`page errors: ${pageErrors.join("; ")}`);
  } finally {
    await close();
  }
  if (!only.length) writeReadmeTable(summaries);
}

// ---- layout ---------------------------------------------------------------------------------

async function layout(page, name, board, plan) {
  const rand = mulberry32(plan.seed);
  const between = (a, b) => a + (b - a) * rand();
  const jitter = (d) => between(-d, d);
  const newId = () => Array.from({ length: 20 }, () => ID_CHARS[Math.floor(rand() * ID_CHARS.length)]).join("");
  const font = plan.font;
  const size = plan.size;
  const blockById = new Map(board.blocks.map((b) => [b.id, b]));
  for (const id of [...plan.ellipse, ...plan.diamond, ...plan.inside, plan.beside.block, plan.icon.block]) {
    if (!blockById.has(id)) throw new Error(`${name}: the plan names block ${id}, which the board lacks`);
  }

  // Which frame each block is drawn in: the board's rule (the block lies inside the frame).
  const frameOf = new Map();
  for (const b of board.blocks) {
    const f = board.frames.find((fr) => contains(fr, { x: b.x, y: b.y, w: b.w, h: b.h }));
    frameOf.set(b.id, f ? f.id : null);
  }
  const frameIds = new Map(board.frames.map((f) => [f.id, newId()]));
  const fillOf = (b) => {
    if (!plan.fill) return "transparent";
    const f = frameOf.get(b.id);
    return f === null ? FRAME_FILL[2] : FRAME_FILL[(board.frames.findIndex((fr) => fr.id === f)) % 2];
  };

  // Shapes: type, size and a slightly moved centre.
  const nodes = new Map();
  for (const b of board.blocks) {
    const type = plan.ellipse.includes(b.id) ? "ellipse" : plan.diamond.includes(b.id) ? "diamond" : "rectangle";
    const mode = plan.icon.block === b.id ? "icon" : plan.inside.includes(b.id) ? "inside" : "bound";
    let w = b.w + between(-14, 18);
    let h = b.h + between(-6, 10);
    if (type === "ellipse") {
      w = b.w + between(34, 52);
      h = b.h + between(18, 28);
    } else if (type === "diamond") {
      w = b.w + between(40, 60);
      h = b.h + between(30, 40);
    }
    const c = { x: b.x + b.w / 2 + jitter(8), y: b.y + b.h / 2 + jitter(6) };
    nodes.set(b.id, { block: b, type, mode, w, h, c, id: newId(), frame: frameOf.get(b.id) });
  }

  // Measure what the editor will make of labels and texts.
  const measureSkeleton = [];
  for (const n of nodes.values()) {
    if (n.mode === "bound") {
      measureSkeleton.push({ type: n.type, id: `m-${n.block.id}`, x: 0, y: 0, width: n.w, height: n.h, label: { text: n.block.label, fontSize: size, fontFamily: font } });
    } else {
      measureSkeleton.push({ type: "text", id: `t-${n.block.id}`, x: 0, y: 0, text: n.block.label, fontSize: size, fontFamily: font });
    }
  }
  const noteSize = 16;
  measureSkeleton.push({ type: "text", id: "beside", x: 0, y: 0, text: plan.beside.text, fontSize: noteSize, fontFamily: font });
  plan.notes.forEach((note, i) => measureSkeleton.push({ type: "text", id: `note-${i}`, x: 0, y: 0, text: note.text, fontSize: noteSize, fontFamily: font }));
  measureSkeleton.push({ type: "text", id: "title", x: 0, y: 0, text: board.title, fontSize: 28, fontFamily: font });
  const measured = new Map((await page.evaluate((s) => window.fixturePage.convert(s), measureSkeleton)).map((e) => [e.id, e]));
  const textSize = (id) => ({ w: measured.get(id).width, h: measured.get(id).height });

  for (const n of nodes.values()) {
    if (n.mode === "bound") {
      const m = measured.get(`m-${n.block.id}`);
      n.w = m.width;
      n.h = m.height; // the editor grows a shape whose label does not fit
    } else if (n.mode === "inside") {
      const t = textSize(`t-${n.block.id}`);
      n.w = Math.max(n.w, t.w + between(26, 40));
      n.h = Math.max(n.h, t.h + between(24, 34));
      n.text = { ...t, x: n.c.x - t.w / 2 + jitter(5), y: n.c.y - t.h / 2 + jitter(4) };
      n.text.x = Math.min(Math.max(n.text.x, n.c.x - n.w / 2 + 6), n.c.x + n.w / 2 - 6 - t.w);
      n.text.y = Math.min(Math.max(n.text.y, n.c.y - n.h / 2 + 5), n.c.y + n.h / 2 - 5 - t.h);
    }
    n.x = n.c.x - n.w / 2;
    n.y = n.c.y - n.h / 2;
    n.rect = { x: n.x, y: n.y, w: n.w, h: n.h };
    n.outline = { kind: n.type, ...n.rect };
  }

  // The icon: a few strokes and its label, grouped.
  const iconNode = nodes.get(plan.icon.block);
  const iconGroup = newId();
  const iconParts = drawIcon(plan.icon.kind, rand);
  {
    const t = textSize(`t-${iconNode.block.id}`);
    const drawing = iconParts.bounds;
    const totalH = drawing.h + 8 + t.h;
    const top = iconNode.c.y - totalH / 2;
    const left = iconNode.c.x - drawing.w / 2;
    iconNode.parts = iconParts.parts.map((p) => ({ ...p, x: p.x + left, y: p.y + top }));
    iconNode.drawingRect = { x: left, y: top, w: drawing.w, h: drawing.h };
    iconNode.text = { ...t, x: iconNode.c.x - t.w / 2 + jitter(3), y: top + drawing.h + 8 };
    iconNode.textRect = { x: iconNode.text.x, y: iconNode.text.y, w: t.w, h: t.h };
    iconNode.rect = union([iconNode.drawingRect, iconNode.textRect]);
    iconNode.outline = { kind: "rectangle", ...iconNode.rect };
    iconNode.textId = newId();
  }

  // The note beside a block, just to its right.
  const besideNode = nodes.get(plan.beside.block);
  const bt = textSize("beside");
  const beside = { id: newId(), text: plan.beside.text, w: bt.w, h: bt.h, x: besideNode.rect.x + besideNode.rect.w + between(9, 16), y: besideNode.c.y - bt.h / 2 + jitter(3) };
  const besideRect = { x: beside.x, y: beside.y, w: beside.w, h: beside.h };

  // Nothing may overlap: shapes, the icon and the beside note, with some air between.
  const solids = [...nodes.values()].map((n) => ({ rect: n.rect, who: `block ${n.block.id}` }));
  solids.push({ rect: besideRect, who: "beside note" });
  for (let i = 0; i < solids.length; i++) {
    for (let j = i + 1; j < solids.length; j++) {
      if (rectDistance(solids[i].rect, solids[j].rect) < 6) throw new Error(`${name}: ${solids[i].who} and ${solids[j].who} touch`);
    }
  }

  // Arrows.
  const unboundSet = new Set([...plan.unbound, ...plan.icon.unbound].map(([a, b]) => `${a}>${b}`));
  for (const [a, b] of [...plan.unbound, ...plan.icon.unbound]) {
    if (!board.edges.some((e) => e.from === a && e.to === b)) throw new Error(`${name}: no edge ${a} -> ${b} to leave unbound`);
  }
  const arrows = [];
  for (const e of board.edges) {
    const A = nodes.get(e.from);
    const B = nodes.get(e.to);
    const unbound = unboundSet.has(`${e.from}>${e.to}`);
    // An arrow bound to the icon ends at its label; a loose one ends near the strokes.
    const endOutline = (n) => (n.mode !== "icon" ? n.outline : { kind: "rectangle", ...(unbound ? n.drawingRect : n.textRect) });
    const oa = endOutline(A);
    const ob = endOutline(B);
    const reverse = board.edges.some((o) => o.from === e.to && o.to === e.from);
    const ca = center(oa);
    const cb = center(ob);
    const d = Math.hypot(cb.x - ca.x, cb.y - ca.y);
    const normal = { x: -(cb.y - ca.y) / d, y: (cb.x - ca.x) / d };
    const aimAt = (o, c, shift) => {
      let s = shift;
      for (let k = 0; k < 20; k++) {
        const p = { x: c.x + normal.x * s, y: c.y + normal.y * s };
        if (inside(inflate(o, -2), p)) return p;
        s *= 0.7;
      }
      return c;
    };
    const pairShift = reverse ? 13 : 0;
    const aimA = aimAt(oa, ca, pairShift + jitter(7));
    const aimB = aimAt(ob, cb, pairShift + jitter(7));
    const obstacles = [...nodes.values()].filter((n) => n !== A && n !== B).map((n) => inflate(n.rect, 6));
    obstacles.push(inflate(besideRect, 3));
    const r = route({
      A: oa,
      B: ob,
      aimA,
      aimB,
      gapStart: unbound ? between(1, 6) : between(3, 8),
      gapEnd: unbound ? between(5, 20) : between(3, 8),
      obstacles,
      elbow: e.routing === "Elbow",
    });
    if (!r) throw new Error(`${name}: no clear route for ${e.from} -> ${e.to}`);
    arrows.push({ edge: e, A, B, unbound, ...r, id: newId() });
  }

  // Frames hold their blocks (and a note written inside them), grown to fit the drawing.
  // A frame keeps the board's rectangle where that leaves room, and gives way to its neighbour.
  const frames = board.frames.map((f) => {
    const members = [...nodes.values()].filter((n) => n.frame === f.id);
    const rects = members.map((n) => inflate(n.rect, 10));
    if (besideNode.frame === f.id) rects.push(inflate(besideRect, 10));
    const base = rects.length ? union(rects) : { x: f.x, y: f.y, w: f.w, h: f.h };
    return { board: f, id: frameIds.get(f.id), base, members };
  });
  for (const fr of frames) {
    let x0 = Math.min(fr.board.x, fr.base.x);
    let y0 = Math.min(fr.board.y, fr.base.y);
    let x1 = Math.max(fr.board.x + fr.board.w, fr.base.x + fr.base.w);
    let y1 = Math.max(fr.board.y + fr.board.h, fr.base.y + fr.base.h);
    for (const other of frames) {
      if (other === fr) continue;
      const o = other.base;
      const room = 18; // a frame gives way to within its own content, to keep apart from the next
      if (o.y >= fr.base.y + fr.base.h) y1 = Math.max(fr.base.y + fr.base.h, Math.min(y1, o.y - room));
      else if (o.y + o.h <= fr.base.y) y0 = Math.min(fr.base.y, Math.max(y0, o.y + o.h + room));
      else if (o.x >= fr.base.x + fr.base.w) x1 = Math.max(fr.base.x + fr.base.w, Math.min(x1, o.x - room));
      else if (o.x + o.w <= fr.base.x) x0 = Math.min(fr.base.x, Math.max(x0, o.x + o.w + room));
    }
    fr.rect = { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
  }
  for (let i = 0; i < frames.length; i++) {
    for (let j = i + 1; j < frames.length; j++) {
      const gap = rectDistance(frames[i].rect, frames[j].rect);
      if (gap < 16) throw new Error(`${name}: frames ${frames[i].board.label} and ${frames[j].board.label} are ${gap.toFixed(1)} apart (${JSON.stringify([frames[i], frames[j]].map((f) => f.members.map((n) => [n.block.id, Math.round(n.rect.y), Math.round(n.rect.y + n.rect.h)])))})`);
    }
  }
  const frameContaining = (rect) => {
    const f = frames.find((fr) => contains(inflate(fr.rect, -4), rect));
    return f ? f.id : null;
  };
  for (const a of arrows) {
    const bounds = polylineBounds(a.points);
    const fa = a.A.frame;
    a.frameId = fa !== null && fa === a.B.frame && contains(frames.find((f) => f.board.id === fa).rect, bounds) ? frameIds.get(fa) : null;
  }

  // The title above everything, and free notes where nothing else is.
  const all = union([
    ...frames.map((f) => f.rect),
    ...[...nodes.values()].map((n) => n.rect),
    ...arrows.map((a) => inflate(polylineBounds(a.points), 24)),
  ]);
  const tt = textSize("title");
  const title = { id: newId(), text: board.title, w: tt.w, h: tt.h, x: all.x + between(0, 30), y: all.y - tt.h - between(38, 50) };
  const placed = [{ x: title.x, y: title.y, w: title.w, h: title.h }];
  const notes = plan.notes.map((note, i) => {
    const t = textSize(`note-${i}`);
    const spot = findClearSpot({ w: t.w, h: t.h }, { x: note.at[0], y: note.at[1] }, {
      solids: [...solids.map((s) => s.rect), ...[...nodes.values()].filter((n) => n.text).map((n) => n.text)],
      arrows,
      frames: frames.map((f) => f.rect),
      placed,
    });
    if (!spot) throw new Error(`${name}: no clear place for note "${note.text}"`);
    placed.push({ ...spot, w: t.w, h: t.h });
    return { id: newId(), text: note.text, x: spot.x, y: spot.y, w: t.w, h: t.h, frameId: frameContaining({ ...spot, w: t.w, h: t.h }) };
  });

  // ---- the skeleton, in the order a person would have drawn it ----
  const fid = (n) => (n.frame === null ? null : frameIds.get(n.frame));
  const skeleton = [];
  const insideIds = new Set();
  skeleton.push({ type: "text", id: title.id, x: title.x, y: title.y, text: title.text, fontSize: 28, fontFamily: font });
  for (const f of frames) {
    skeleton.push({ type: "frame", id: f.id, children: [], name: f.board.label, x: f.rect.x, y: f.rect.y, width: f.rect.w, height: f.rect.h });
  }
  const roundness = (type) => (type === "rectangle" ? (plan.sharp ? null : { type: 3 }) : type === "diamond" ? { type: 2 } : null);
  const order = [...nodes.values()].sort((p, q) => p.block.id - q.block.id);
  for (const n of order) {
    const common = { frameId: fid(n) };
    if (n.mode === "icon") {
      for (const part of n.parts) {
        skeleton.push(iconSkeleton(part, newId(), iconGroup, common.frameId));
      }
      skeleton.push({ type: "text", id: n.textId, x: n.text.x, y: n.text.y, text: n.block.label, fontSize: size, fontFamily: font, groupIds: [iconGroup], ...common });
      continue;
    }
    const shape = {
      type: n.type,
      id: n.id,
      x: n.x,
      y: n.y,
      width: n.w,
      height: n.h,
      backgroundColor: fillOf(n.block),
      roundness: roundness(n.type),
      ...common,
    };
    if (n.mode === "bound") shape.label = { text: n.block.label, fontSize: size, fontFamily: font, ...common };
    skeleton.push(shape);
    if (n.mode === "inside") {
      const tid = newId();
      insideIds.add(tid);
      skeleton.push({ type: "text", id: tid, x: n.text.x, y: n.text.y, text: n.block.label, fontSize: size, fontFamily: font, ...common });
    }
    if (n === besideNode) {
      skeleton.push({ type: "text", id: beside.id, x: beside.x, y: beside.y, text: beside.text, fontSize: noteSize, fontFamily: font, ...common });
    }
  }
  for (const a of arrows) {
    const p0 = a.points[0];
    const rel = a.points.map((p) => [p.x - p0.x, p.y - p0.y]);
    const arrow = {
      type: "arrow",
      id: a.id,
      x: p0.x,
      y: p0.y,
      points: rel,
      width: Math.max(...rel.map((p) => p[0])) - Math.min(...rel.map((p) => p[0])),
      height: Math.max(...rel.map((p) => p[1])) - Math.min(...rel.map((p) => p[1])),
      roundness: a.sharp ? null : { type: 2 },
      endArrowhead: "arrow",
      startArrowhead: null,
      frameId: a.frameId,
    };
    if (!a.unbound) {
      // An icon's arrows bind to its label text; giving the text's place keeps it where it is.
      const endRef = (n) => (n.mode === "icon" ? { id: n.textId, x: n.text.x, y: n.text.y } : { id: n.id });
      arrow.start = endRef(a.A);
      arrow.end = endRef(a.B);
    }
    if (a.edge.label) arrow.label = { text: a.edge.label, fontSize: 16, fontFamily: font, frameId: a.frameId };
    skeleton.push(arrow);
  }
  for (const note of notes) {
    skeleton.push({ type: "text", id: note.id, x: note.x, y: note.y, text: note.text, fontSize: noteSize, fontFamily: font, frameId: note.frameId });
  }

  const appState = {
    viewBackgroundColor: "#ffffff",
    currentItemFontFamily: font,
    currentItemFontSize: size,
    currentItemRoundness: plan.sharp ? "sharp" : "round",
    gridModeEnabled: false,
  };

  const summary = {
    name,
    fileIds: {
      inside: insideIds,
      beside: new Set([beside.id]),
      free: new Set([title.id, ...notes.map((n) => n.id)]),
      iconText: new Set([iconNode.textId]),
      iconArrows: new Set(arrows.filter((a) => a.A.mode === "icon" || a.B.mode === "icon").map((a) => a.id)),
    },
    detail: {
      ellipses: order.filter((n) => n.type === "ellipse").map((n) => n.block.label),
      diamonds: order.filter((n) => n.type === "diamond").map((n) => n.block.label),
      inside: order.filter((n) => n.mode === "inside").map((n) => n.block.label),
      beside: { block: besideNode.block.label, text: beside.text },
      icon: { kind: plan.icon.kind, label: iconNode.block.label },
      unbound: arrows.filter((a) => a.unbound).map((a) => `${a.A.block.label} -> ${a.B.block.label}`),
      iconBound: arrows.filter((a) => !a.unbound && (a.A.mode === "icon" || a.B.mode === "icon")).map((a) => `${a.A.block.label} -> ${a.B.block.label}`),
      free: [title.text, ...notes.map((n) => n.text)],
      curved: arrows.filter((a) => a.detour && !a.sharp).length,
      elbow: arrows.filter((a) => a.sharp).length,
    },
  };
  return { skeleton, appState, summary };
}

function iconSkeleton(part, id, group, frameId) {
  const p0 = part.points[0];
  const rel = part.points.map((p) => [p[0] - p0[0], p[1] - p0[1]]);
  const xs = rel.map((p) => p[0]);
  const ys = rel.map((p) => p[1]);
  const base = {
    id,
    x: part.x + p0[0],
    y: part.y + p0[1],
    width: Math.max(...xs) - Math.min(...xs),
    height: Math.max(...ys) - Math.min(...ys),
    points: rel,
    groupIds: [group],
    frameId,
  };
  if (part.type === "freedraw") {
    return { type: "freedraw", ...base, pressures: [], simulatePressure: true, strokeWidth: 1, roughness: 1, strokeColor: "#1e1e1e", backgroundColor: "transparent", lastCommittedPoint: null };
  }
  return { type: "line", ...base, roundness: part.round ? { type: 2 } : null, startArrowhead: null, endArrowhead: null };
}

// Strokes of a small icon, in coordinates of the drawing's top-left corner.
function drawIcon(kind, rand) {
  const wobble = (p) => [p[0] + (rand() - 0.5) * 2.4, p[1] + (rand() - 0.5) * 2.4];
  const parts = [];
  const ellipse = (cx, cy, rx, ry, from, to, n) =>
    Array.from({ length: n + 1 }, (_, i) => {
      const a = from + ((to - from) * i) / n;
      return [cx + rx * Math.cos(a), cy + ry * Math.sin(a)];
    });
  if (kind === "person") {
    // head: one freehand loop that overshoots a little where it closes
    parts.push({ type: "freedraw", x: 0, y: 0, points: ellipse(20, 11, 11, 11.5, -Math.PI / 2, Math.PI * 1.62, 26).map(wobble) });
    parts.push({ type: "line", x: 0, y: 0, points: [[20, 22], [20.5, 47]].map(wobble) });
    parts.push({ type: "line", x: 0, y: 0, points: [[3, 36], [20, 29], [37, 36]].map(wobble) });
    parts.push({ type: "line", x: 0, y: 0, points: [[6, 68], [20.5, 47], [34, 68]].map(wobble) });
    return { parts, bounds: { x: 0, y: 0, w: 40, h: 68 } };
  }
  if (kind === "cylinder") {
    // lid: a freehand ellipse; body: one line down, round the bottom and up again
    parts.push({ type: "freedraw", x: 0, y: 0, points: ellipse(32, 10, 31, 9, Math.PI, Math.PI * 3.08, 30).map(wobble) });
    const body = [[1, 10], [1, 60], ...ellipse(32, 60, 31, 9, Math.PI, 0, 12).slice(1, -1).map(([x, y]) => [x, 120 - y]), [63, 60], [63, 10]];
    parts.push({ type: "line", x: 0, y: 0, round: true, points: body.map(wobble) });
    parts.push({ type: "line", x: 0, y: 0, round: true, points: ellipse(32, 27, 31, 8, Math.PI * 0.97, Math.PI * 0.03, 10).map(([x, y]) => [x, y]).map(wobble) });
    return { parts, bounds: { x: 0, y: 0, w: 64, h: 70 } };
  }
  throw new Error(`unknown icon ${kind}`);
}

// The free spot nearest `hint` for a note of `size`: far from shapes and texts, off arrows,
// wholly inside one frame or outside all of them, and apart from what is already placed.
function findClearSpot(size, hint, { solids, arrows, frames, placed }) {
  const spots = [];
  for (let dy = -400; dy <= 400; dy += 10) {
    for (let dx = -500; dx <= 500; dx += 10) spots.push({ x: hint.x + dx, y: hint.y + dy, d: Math.hypot(dx, dy) });
  }
  spots.sort((a, b) => a.d - b.d);
  for (const s of spots) {
    const r = { x: s.x, y: s.y, w: size.w, h: size.h };
    if (solids.some((o) => rectDistance(o, r) < 60)) continue;
    if (placed.some((o) => rectDistance(o, r) < 30)) continue;
    if (arrows.some((a) => polylineNear(a.points, r, 16))) continue;
    const inFrames = frames.filter((f) => intersects(inflate(r, 10), f));
    if (inFrames.length > 1 || (inFrames.length === 1 && !contains(inflate(inFrames[0], -10), r))) continue;
    return { x: s.x, y: s.y };
  }
  return null;
}

// ---- what ended up in the file ----------------------------------------------------------------

function countFile(data, summary) {
  const els = data.elements.filter((e) => !e.isDeleted);
  const byId = new Map(els.map((e) => [e.id, e]));
  const ids = summary.fileIds;
  const shapes = els.filter((e) => ["rectangle", "ellipse", "diamond"].includes(e.type));
  const texts = els.filter((e) => e.type === "text");
  const arrows = els.filter((e) => e.type === "arrow");
  const iconGroups = new Set(els.filter((e) => e.groupIds.length).map((e) => e.groupIds[0]));
  const boundTo = (a, end) => a[end] && byId.get(a[end].elementId);
  return {
    rectangle: shapes.filter((e) => e.type === "rectangle").length,
    ellipse: shapes.filter((e) => e.type === "ellipse").length,
    diamond: shapes.filter((e) => e.type === "diamond").length,
    boundLabels: texts.filter((t) => t.containerId && shapes.some((s) => s.id === t.containerId)).length,
    insideTexts: texts.filter((t) => ids.inside.has(t.id)).length,
    besideTexts: texts.filter((t) => ids.beside.has(t.id)).length,
    freeTexts: texts.filter((t) => ids.free.has(t.id)).length,
    arrows: arrows.length,
    arrowsBoundBoth: arrows.filter((a) => boundTo(a, "startBinding") && boundTo(a, "endBinding")).length,
    arrowsBoundToIconText: arrows.filter((a) => [boundTo(a, "startBinding"), boundTo(a, "endBinding")].some((t) => t && t.type === "text")).length,
    arrowsUnbound: arrows.filter((a) => !a.startBinding && !a.endBinding).length,
    arrowLabels: texts.filter((t) => t.containerId && arrows.some((a) => a.id === t.containerId)).length,
    iconGroups: iconGroups.size,
    iconStrokes: els.filter((e) => e.groupIds.length && (e.type === "line" || e.type === "freedraw")).length,
    frames: els.filter((e) => e.type === "frame").length,
    inFrames: els.filter((e) => e.frameId).length,
    elements: els.length,
  };
}

function writeReadmeTable(summaries) {
  const readme = join(outDir, "README.md");
  const lines = [];
  lines.push("| file | shapes (rect / ellipse / diamond) | bound labels | inside texts (unbound) | beside texts | free annotations | arrows bound at both ends (of them to an icon's text) | unbound arrows | arrow labels | icon groups (strokes) | frames (elements in them) | elements |");
  lines.push("|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const s of summaries) {
    const c = s.counts;
    lines.push(
      `| \`${s.name}.excalidraw\` | ${c.rectangle + c.ellipse + c.diamond} (${c.rectangle} / ${c.ellipse} / ${c.diamond}) | ${c.boundLabels} | ${c.insideTexts} | ${c.besideTexts} | ${c.freeTexts} | ${c.arrowsBoundBoth} (${c.arrowsBoundToIconText}) | ${c.arrowsUnbound} | ${c.arrowLabels} | ${c.iconGroups} (${c.iconStrokes}) | ${c.frames} (${c.inFrames}) | ${c.elements} |`,
    );
  }
  lines.push("");
  lines.push("What each file draws in a way the importer has to work out:");
  lines.push("");
  for (const s of summaries) {
    const d = s.detail;
    const q = (t) => `"${t}"`;
    lines.push(`- \`${s.name}\`: ellipses ${d.ellipses.map(q).join(", ") || "none"}; diamonds ${d.diamonds.map(q).join(", ") || "none"}; label typed inside without binding: ${d.inside.map(q).join(", ")}; note beside ${q(d.beside.block)}: ${q(d.beside.text)}; icon (${d.icon.kind}): ${q(d.icon.label)}${d.iconBound.length ? `, its arrows ${d.iconBound.map(q).join(", ")} bound to the icon's text` : ""}; unbound arrows: ${d.unbound.map(q).join(", ")}; free texts: ${d.free.map(q).join(", ")}.`);
  }
  const table = lines.join("\n");
  let text;
  try {
    text = readFileSync(readme, "utf8");
  } catch {
    text = "<!-- table -->\n<!-- /table -->\n";
  }
  const start = text.indexOf("<!-- table -->");
  const end = text.indexOf("<!-- /table -->");
  if (start < 0 || end < 0) throw new Error(`${readme} lacks the <!-- table --> markers`);
  writeFileSync(readme, `${text.slice(0, start)}<!-- table -->\n${table}\n${text.slice(end)}`);
}

await main();

// Plane geometry for laying out a redrawn board: outlines, where a line leaves a shape,
// arrow routes that go around other shapes, and clear places for free notes.

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const center = (r) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });
export const inflate = (r, d) => ({ x: r.x - d, y: r.y - d, w: r.w + 2 * d, h: r.h + 2 * d });
export const union = (rs) => {
  const x0 = Math.min(...rs.map((r) => r.x));
  const y0 = Math.min(...rs.map((r) => r.y));
  const x1 = Math.max(...rs.map((r) => r.x + r.w));
  const y1 = Math.max(...rs.map((r) => r.y + r.h));
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
};
export const contains = (outer, inner) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
export const intersects = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
export const rectDistance = (a, b) => {
  const dx = Math.max(0, a.x - (b.x + b.w), b.x - (a.x + a.w));
  const dy = Math.max(0, a.y - (b.y + b.h), b.y - (a.y + a.h));
  return Math.hypot(dx, dy);
};

// Is point p inside the outline {kind: rectangle | ellipse | diamond, x, y, w, h}?
export function inside(o, p) {
  const c = center(o);
  const dx = (p.x - c.x) / (o.w / 2);
  const dy = (p.y - c.y) / (o.h / 2);
  if (o.kind === "ellipse") return dx * dx + dy * dy <= 1;
  if (o.kind === "diamond") return Math.abs(dx) + Math.abs(dy) <= 1;
  return Math.abs(dx) <= 1 && Math.abs(dy) <= 1;
}

// The point where the segment from `from` (inside o) to `to` (outside) crosses o's outline.
export function crossing(o, from, to) {
  let lo = 0;
  let hi = 1;
  for (let k = 0; k < 40; k++) {
    const mid = (lo + hi) / 2;
    const p = { x: from.x + (to.x - from.x) * mid, y: from.y + (to.y - from.y) * mid };
    if (inside(o, p)) lo = mid;
    else hi = mid;
  }
  return { x: from.x + (to.x - from.x) * hi, y: from.y + (to.y - from.y) * hi };
}

const unit = (a, b) => {
  const d = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  return { x: (b.x - a.x) / d, y: (b.y - a.y) / d };
};

function polylineHits(points, obstacles, step = 3) {
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    const n = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / step));
    for (let k = 0; k <= n; k++) {
      const p = { x: a.x + ((b.x - a.x) * k) / n, y: a.y + ((b.y - a.y) * k) / n };
      for (const r of obstacles) {
        if (p.x > r.x && p.x < r.x + r.w && p.y > r.y && p.y < r.y + r.h) return true;
      }
    }
  }
  return false;
}

// Points of an arrow from outline A to outline B that keeps off `obstacles` (rectangles).
// aimA / aimB are points inside A and B the person aimed at; gaps are the distances left
// between the arrow's ends and the outlines. `elbow` asks for horizontal and vertical legs.
export function route({ A, B, aimA, aimB, gapStart, gapEnd, obstacles, elbow }) {
  const candidates = [];
  if (elbow) {
    candidates.push({ mids: [{ x: aimA.x, y: aimB.y }], sharp: true });
    candidates.push({ mids: [{ x: aimB.x, y: aimA.y }], sharp: true });
    for (const f of [0.5, 0.35, 0.65, 0.2, 0.8]) {
      const ym = aimA.y + (aimB.y - aimA.y) * f;
      candidates.push({ mids: [{ x: aimA.x, y: ym }, { x: aimB.x, y: ym }], sharp: true });
      const xm = aimA.x + (aimB.x - aimA.x) * f;
      candidates.push({ mids: [{ x: xm, y: aimA.y }, { x: xm, y: aimB.y }], sharp: true });
    }
  }
  candidates.push({ mids: [], sharp: false });
  const dir = unit(aimA, aimB);
  const normal = { x: -dir.y, y: dir.x };
  const mid = { x: (aimA.x + aimB.x) / 2, y: (aimA.y + aimB.y) / 2 };
  for (const d of [40, -40, 70, -70, 100, -100, 130, -130, 170, -170, 220, -220, 280, -280]) {
    candidates.push({ mids: [{ x: mid.x + normal.x * d, y: mid.y + normal.y * d }], sharp: false });
  }
  // Two bends: out sideways into a free lane, along it, and back in.
  for (const d of [90, -90, 120, -120, 150, -150, 190, -190, 240, -240]) {
    candidates.push({ mids: [{ x: aimA.x + d, y: aimA.y }, { x: aimB.x + d, y: aimB.y }], sharp: true });
    candidates.push({ mids: [{ x: aimA.x, y: aimA.y + d }, { x: aimB.x, y: aimB.y + d }], sharp: true });
  }
  for (const c of candidates) {
    const first = c.mids.length ? c.mids[0] : aimB;
    const last = c.mids.length ? c.mids[c.mids.length - 1] : aimA;
    if (inside(A, first) || inside(B, last)) continue;
    if (c.mids.some((m) => inside(A, m) || inside(B, m))) continue;
    const exitA = crossing(A, aimA, first);
    const entryB = crossing(B, aimB, last);
    const u0 = unit(aimA, first);
    const u1 = unit(last, aimB);
    const start = { x: exitA.x + u0.x * gapStart, y: exitA.y + u0.y * gapStart };
    const end = { x: entryB.x - u1.x * gapEnd, y: entryB.y - u1.y * gapEnd };
    const points = [start, ...c.mids, end];
    if (!polylineHits(points, obstacles)) return { points, sharp: c.sharp, detour: c.mids.length > 0 };
  }
  return null;
}

export function polylineBounds(points) {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) };
}

export function polylineNear(points, rect, margin) {
  return polylineHits(points, [inflate(rect, margin)], 2);
}

// A small reader for the board files (the RON subset they use: structs and tuples in
// parentheses, lists, strings, numbers, bare identifiers such as `Elbow`, and `Some(...)`).
// Structs come back as objects, tuples as arrays.

export function parseRon(src) {
  let i = 0;
  const fail = (msg) => {
    const line = src.slice(0, i).split("\n").length;
    throw new Error(`${msg} at line ${line}`);
  };
  const ws = () => {
    for (;;) {
      while (i < src.length && /\s/.test(src[i])) i++;
      if (src.startsWith("//", i)) {
        while (i < src.length && src[i] !== "\n") i++;
      } else if (src.startsWith("/*", i)) {
        const end = src.indexOf("*/", i + 2);
        i = end < 0 ? src.length : end + 2;
      } else return;
    }
  };
  const ident = () => {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (!m) fail("expected a name");
    i += m[0].length;
    return m[0];
  };
  const string = () => {
    i++; // opening quote
    let out = "";
    while (i < src.length && src[i] !== '"') {
      if (src[i] === "\\") {
        const c = src[i + 1];
        const map = { n: "\n", t: "\t", r: "\r", '"': '"', "\\": "\\", "0": "\0" };
        if (c === "u") {
          const m = /^\{([0-9a-fA-F]+)\}/.exec(src.slice(i + 2));
          if (!m) fail("bad \\u escape");
          out += String.fromCodePoint(parseInt(m[1], 16));
          i += 2 + m[0].length;
          continue;
        }
        if (!(c in map)) fail(`unknown escape \\${c}`);
        out += map[c];
        i += 2;
      } else out += src[i++];
    }
    if (src[i] !== '"') fail("unterminated string");
    i++;
    return out;
  };
  const seq = (close) => {
    const items = [];
    let isStruct = null;
    const obj = {};
    for (;;) {
      ws();
      if (src[i] === close) {
        i++;
        break;
      }
      const save = i;
      if (close === ")" && /[A-Za-z_]/.test(src[i])) {
        const name = ident();
        ws();
        if (src[i] === ":") {
          i++;
          isStruct = true;
          obj[name] = value();
        } else {
          i = save;
          items.push(value());
        }
      } else items.push(value());
      ws();
      if (src[i] === ",") i++;
      else if (src[i] !== close) fail(`expected , or ${close}`);
    }
    return isStruct ? obj : items;
  };
  const value = () => {
    ws();
    const c = src[i];
    if (c === '"') return string();
    if (c === "(") {
      i++;
      return seq(")");
    }
    if (c === "[") {
      i++;
      return seq("]");
    }
    const num = /^[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+)/.exec(src.slice(i));
    if (num) {
      i += num[0].length;
      return Number(num[0]);
    }
    const name = ident();
    if (name === "true") return true;
    if (name === "false") return false;
    if (name === "None") return null;
    ws();
    if (src[i] === "(") {
      i++;
      const inner = seq(")");
      if (name === "Some") return Array.isArray(inner) ? inner[0] : inner;
      return { [name]: inner };
    }
    return name;
  };
  const v = value();
  ws();
  if (i !== src.length) fail("trailing text");
  return v;
}

// The board with defaults filled in, as the generator uses it.
export function readBoard(src) {
  const b = parseRon(src);
  return {
    title: b.title || "",
    case: b.case || null,
    blocks: (b.blocks || []).map((k) => ({
      id: k.id,
      kind: k.kind,
      label: k.label || "",
      x: k.pos[0],
      y: k.pos[1],
      w: k.size ? k.size[0] : 180,
      h: k.size ? k.size[1] : 64,
      note: k.note || "",
    })),
    edges: (b.edges || []).map((e) => ({ from: e.from, to: e.to, label: e.label || "", routing: e.routing || "Straight" })),
    frames: (b.frames || []).map((f) => ({ id: f.id, label: f.label || "", x: f.pos[0], y: f.pos[1], w: f.size[0], h: f.size[1] })),
  };
}

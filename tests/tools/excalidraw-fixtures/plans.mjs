// How each case's board is redrawn, the way one person might draw it in Excalidraw.
// Block and edge references use the ids of the native board (tests/fixtures/<case>.ron).
//
//   font       Excalidraw font family (5 Excalifont, the editor's default; 6 Nunito)
//   size       font size of labels (the editor's S = 16, M = 20)
//   sharp      rectangles with sharp corners instead of the editor's rounded default
//   fill       shapes filled with a light colour per frame
//   ellipse / diamond   blocks drawn as that shape instead of a rectangle
//   inside     blocks whose label is a free text typed inside the shape (not bound to it)
//   beside     a free note written just to the right of a block (the block keeps its label)
//   icon       one block drawn as a small group of strokes with its label (shared groupIds);
//              its arrows bind to the label text unless listed in `unbound`
//   unbound    arrows drawn by hand without binding: from near the source's edge to a little
//              short of the target
//   notes      free annotations away from every shape; `at` is where the person roughly
//              wrote it (the generator moves it to the nearest clear place)

export const plans = {
  "visual-search": {
    seed: 11, font: 5, size: 20, fill: true,
    ellipse: [8, 10], diamond: [],
    inside: [3, 7],
    beside: { block: 4, text: "drop private/NSFW, collapse near-dupes" },
    icon: { block: 1, kind: "person", unbound: [] },
    unbound: [[4, 7], [6, 9]],
    notes: [{ text: "re-embed the whole corpus when the encoder changes", at: [560, 300] }],
  },
  "ad-click-prediction": {
    seed: 12, font: 5, size: 16, sharp: true,
    ellipse: [7, 14], diamond: [2],
    inside: [4, 10],
    beside: { block: 11, text: "keeps last 3 versions" },
    icon: { block: 12, kind: "cylinder", unbound: [[12, 8]] },
    unbound: [[9, 10], [13, 14]],
    notes: [{ text: "online path: < 50 ms end to end", at: [1060, 200] }],
  },
  "event-recommendation": {
    seed: 13, font: 5, size: 20, fill: true,
    ellipse: [5, 8], diamond: [2],
    inside: [12, 13],
    beside: { block: 7, text: "online store: Redis" },
    icon: { block: 1, kind: "person", unbound: [] },
    unbound: [[9, 10], [11, 12]],
    notes: [{ text: "cold start: popular events nearby", at: [100, 230] }],
  },
  "harmful-content-detection": {
    seed: 14, font: 6, size: 16,
    ellipse: [11], diamond: [7],
    inside: [2, 8, 10],
    beside: { block: 12, text: "label UI + policy guidelines" },
    icon: { block: 1, kind: "person", unbound: [[1, 2]] },
    unbound: [[10, 3], [8, 9]],
    notes: [{ text: "precision over recall for takedowns", at: [1060, 30] }],
  },
  "news-feed": {
    seed: 15, font: 5, size: 20,
    ellipse: [5, 8], diamond: [],
    inside: [4, 10],
    beside: { block: 12, text: "every 30 min" },
    icon: { block: 6, kind: "cylinder", unbound: [[6, 2]] },
    unbound: [[4, 5], [10, 11]],
    notes: [{ text: "online path", at: [40, 10] }],
  },
  "people-you-may-know": {
    seed: 16, font: 6, size: 16, fill: true,
    ellipse: [4, 7], diamond: [],
    inside: [3, 10],
    beside: { block: 6, text: "writes top 50 per member" },
    icon: { block: 1, kind: "person", unbound: [] },
    unbound: [[9, 10], [7, 8]],
    notes: [{ text: "graph changes daily, scores refreshed nightly", at: [820, 150] }],
  },
  "similar-listings": {
    seed: 17, font: 6, size: 16, sharp: true,
    ellipse: [5, 8], diamond: [4],
    inside: [3, 10],
    beside: { block: 7, text: "~7M rows" },
    icon: { block: 1, kind: "person", unbound: [[4, 1]] },
    unbound: [[5, 6], [9, 10]],
    notes: [{ text: "same-city listings only", at: [900, 320] }],
  },
  "street-view-blurring": {
    seed: 18, font: 5, size: 16, fill: true,
    ellipse: [3, 15], diamond: [7],
    inside: [9, 12],
    beside: { block: 2, text: "CDN in front" },
    icon: { block: 13, kind: "cylinder", unbound: [[13, 10]] },
    unbound: [[3, 4], [16, 15]],
    notes: [{ text: "faces + license plates", at: [300, 120] }],
  },
  "video-recommendation": {
    seed: 19, font: 5, size: 20,
    ellipse: [8, 11], diamond: [],
    inside: [3, 6],
    beside: { block: 10, text: "daily" },
    icon: { block: 1, kind: "person", unbound: [] },
    unbound: [[6, 4], [11, 9]],
    notes: [{ text: "funnel: millions -> 1k -> 20", at: [1000, 420] }],
  },
  "video-search": {
    seed: 20, font: 5, size: 16, sharp: true,
    ellipse: [9, 10], diamond: [12],
    inside: [2, 6],
    beside: { block: 11, text: "ViT on sampled frames, averaged" },
    icon: { block: 7, kind: "cylinder", unbound: [] },
    unbound: [[3, 4], [12, 13]],
    notes: [{ text: "text + visual results fused", at: [1000, 240] }],
  },
};

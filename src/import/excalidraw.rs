//! Excalidraw scenes (JSON, every version the app has written): shapes become blocks, their
//! bound or contained text their labels, arrows and lines between shapes arrows (bound, or
//! by where their ends lie), a group of strokes with one text (an icon) one block, frame
//! elements frames; the rest is noted.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::notes::Thing;
use super::sketch::{Connector, End, Heads, Shape, Sketch, SketchFrame, Text};
use super::spatial::Grid;
use super::{ImportError, MAX_ELEMENTS, REACH};
use crate::model::{Pos, Rect, Routing};

/// One element's fields, read leniently: a missing or mistyped field is its default.
struct Element<'a> {
    id: &'a str,
    kind: &'a str,
    rect: Rect,
    value: &'a Value,
}

fn number(v: &Value, key: &str) -> f32 {
    v.get(key).and_then(Value::as_f64).unwrap_or(0.0) as f32
}

fn text_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

impl<'a> Element<'a> {
    fn of(value: &'a Value) -> Option<Element<'a>> {
        let id = text_of(value, "id")?;
        let kind = text_of(value, "type")?;
        let (x, y) = (number(value, "x"), number(value, "y"));
        let (w, h) = (number(value, "width"), number(value, "height"));
        // Excalidraw keeps a flipped element's size negative in some versions.
        let rect = Rect::from_corners(Pos::new(x, y), Pos::new(x + w, y + h));
        Some(Element {
            id,
            kind,
            rect,
            value,
        })
    }

    fn deleted(&self) -> bool {
        self.value.get("isDeleted").and_then(Value::as_bool) == Some(true)
    }

    fn container(&self) -> Option<&'a str> {
        text_of(self.value, "containerId")
    }

    /// Its text: the text as typed (before wrapping), else as shown.
    fn text(&self) -> &'a str {
        text_of(self.value, "originalText")
            .filter(|t| !t.trim().is_empty())
            .or_else(|| text_of(self.value, "text"))
            .unwrap_or("")
    }

    /// The ids of its groups, innermost first.
    fn groups(&self) -> Vec<&'a str> {
        self.value
            .get("groupIds")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }

    /// The ids of the texts bound to it (`boundElements`, or the older `boundElementIds`).
    fn bound(&self) -> Vec<&'a str> {
        let new = self
            .value
            .get("boundElements")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter(|b| text_of(b, "type") == Some("text"))
            .filter_map(|b| text_of(b, "id"));
        let old = self
            .value
            .get("boundElementIds")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str);
        new.chain(old).collect()
    }

    /// The points of a line or arrow, in drawing coordinates.
    fn points(&self) -> Vec<Pos> {
        let origin = self.rect_origin();
        self.value
            .get("points")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|p| {
                let p = p.as_array()?;
                let x = p.first()?.as_f64()? as f32;
                let y = p.get(1)?.as_f64()? as f32;
                Some(Pos::new(origin.x + x, origin.y + y))
            })
            .collect()
    }

    fn rect_origin(&self) -> Pos {
        Pos::new(number(self.value, "x"), number(self.value, "y"))
    }

    fn binding(&self, key: &str) -> Option<&'a str> {
        self.value.get(key).and_then(|b| text_of(b, "elementId"))
    }

    /// Whether the arrowhead at `key` is drawn; an arrow from before arrowheads could be
    /// chosen has one at its end.
    fn head(&self, key: &str, default: bool) -> bool {
        match self.value.get(key) {
            None => default,
            Some(v) => !v.is_null(),
        }
    }
}

fn is_shape(kind: &str) -> bool {
    matches!(kind, "rectangle" | "ellipse" | "diamond")
}

/// The point halfway along a polyline.
fn halfway(points: &[Pos]) -> Option<Pos> {
    let lengths: Vec<f32> = points.windows(2).map(|w| w[0].distance(w[1])).collect();
    let total: f32 = lengths.iter().sum();
    let mut left = total / 2.0;
    for (w, len) in points.windows(2).zip(&lengths) {
        if left <= *len && *len > 0.0 {
            let t = left / len;
            return Some(Pos::new(
                w[0].x + (w[1].x - w[0].x) * t,
                w[0].y + (w[1].y - w[0].y) * t,
            ));
        }
        left -= len;
    }
    points.first().copied()
}

/// Reads an Excalidraw scene's JSON.
pub(crate) fn read(json: &str) -> Result<Sketch, ImportError> {
    let scene: Value = serde_json::from_str(json).map_err(|e| ImportError::Json(e.to_string()))?;
    let kind = scene.get("type").and_then(Value::as_str);
    if kind.is_some_and(|k| !k.starts_with("excalidraw")) {
        return Err(ImportError::NotExcalidraw(format!(
            "its type is \"{}\", not \"excalidraw\"",
            kind.unwrap_or_default()
        )));
    }
    let Some(values) = scene.get("elements").and_then(Value::as_array) else {
        return Err(ImportError::NotExcalidraw(
            "it has no list of `elements`".to_owned(),
        ));
    };
    if values.len() > MAX_ELEMENTS {
        return Err(ImportError::TooManyElements {
            count: values.len(),
            max: MAX_ELEMENTS,
        });
    }
    let mut sketch = Sketch::default();
    let mut elements = Vec::new();
    for value in values {
        match Element::of(value) {
            Some(e) if e.deleted() => sketch.skips.add(Thing::DeletedElement, e.id),
            Some(e) => elements.push(e),
            None => sketch.skips.add(Thing::Unreadable, ""),
        }
    }
    let files = scene.get("files").and_then(Value::as_object);
    let used_files: BTreeSet<&str> = elements
        .iter()
        .filter_map(|e| text_of(e.value, "fileId"))
        .collect();
    for name in files.into_iter().flat_map(|f| f.keys()) {
        if !used_files.contains(name.as_str()) {
            sketch.skips.add(Thing::EmbeddedFile, name);
        }
    }
    Reader::new(&elements).read(&mut sketch);
    Ok(sketch)
}

/// The elements of one scene and what each has become.
struct Reader<'e, 'a> {
    elements: &'e [Element<'a>],
    by_id: BTreeMap<&'a str, usize>,
    /// Which element a text is bound to (its container), from either side of the binding.
    container_of: BTreeMap<usize, usize>,
    /// Element -> the sketch shape it is, or is part of.
    shape_of: BTreeMap<usize, usize>,
    /// Elements already taken (bound texts, icon parts).
    taken: BTreeSet<usize>,
}

impl<'e, 'a> Reader<'e, 'a> {
    fn new(elements: &'e [Element<'a>]) -> Self {
        let by_id: BTreeMap<&str, usize> = elements
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id, i))
            .collect();
        // Only shapes, arrows and lines hold text; a text bound to anything else is loose.
        let holds = |c: usize| {
            let kind = elements[c].kind;
            is_shape(kind) || kind == "arrow" || kind == "line"
        };
        let mut container_of = BTreeMap::new();
        for (i, e) in elements.iter().enumerate() {
            if e.kind == "text"
                && let Some(&c) = e.container().and_then(|c| by_id.get(c))
                && holds(c)
            {
                container_of.insert(i, c);
            }
            if !holds(i) {
                continue;
            }
            for text in e.bound() {
                if let Some(&t) = by_id.get(text)
                    && elements[t].kind == "text"
                    && t != i
                {
                    container_of.entry(t).or_insert(i);
                }
            }
        }
        let taken = container_of.keys().copied().collect();
        Reader {
            elements,
            by_id,
            container_of,
            shape_of: BTreeMap::new(),
            taken,
        }
    }

    /// The texts bound to element `i`, joined.
    fn bound_label(&self, i: usize) -> String {
        let texts: Vec<&str> = self
            .container_of
            .iter()
            .filter(|&(_, &c)| c == i)
            .map(|(&t, _)| self.elements[t].text())
            .collect();
        texts.join(" ")
    }

    fn read(mut self, sketch: &mut Sketch) {
        self.icons(sketch);
        let elements = self.elements;
        for (i, e) in elements.iter().enumerate() {
            if self.taken.contains(&i) {
                continue;
            }
            match e.kind {
                kind if is_shape(kind) => {
                    let kind = e
                        .value
                        .get("customData")
                        .and_then(|d| text_of(d, "kind"))
                        .map(str::to_owned);
                    self.shape_of.insert(i, sketch.shapes.len());
                    sketch.shapes.push(Shape {
                        key: e.id.to_owned(),
                        rect: e.rect,
                        label: self.bound_label(i),
                        note: String::new(),
                        keep: kind.is_some(),
                        kind,
                    });
                }
                "text" => sketch.texts.push(Text {
                    rect: e.rect,
                    text: e.text().to_owned(),
                }),
                "frame" | "magicframe" => sketch.frames.push(SketchFrame {
                    rect: e.rect,
                    label: text_of(e.value, "name").unwrap_or("").to_owned(),
                }),
                "arrow" | "line" => {}
                "freedraw" => sketch.skips.add(Thing::Freehand, e.id),
                "image" => sketch.skips.add(Thing::Image, e.id),
                "embeddable" | "iframe" => sketch.skips.add(Thing::WebEmbed, e.id),
                _ => sketch.skips.add(Thing::UnknownElement, e.kind),
            }
        }
        // Bound texts whose container is a shape: arrows bound to the text reach the shape.
        for (&t, &c) in &self.container_of {
            if let Some(&s) = self.shape_of.get(&c) {
                self.shape_of.insert(t, s);
            }
        }
        for (i, e) in elements.iter().enumerate() {
            if self.taken.contains(&i) || !matches!(e.kind, "arrow" | "line") {
                continue;
            }
            let points = e.points();
            let (Some(&first), Some(&last)) = (points.first(), points.last()) else {
                sketch.skips.add(Thing::Unreadable, e.id);
                continue;
            };
            let arrow = e.kind == "arrow";
            let end = |key: &str, at: Pos| {
                e.binding(key)
                    .and_then(|id| self.by_id.get(id))
                    .and_then(|b| self.shape_of.get(b))
                    .map_or(End::Point(at), |&s| End::Shape(s))
            };
            sketch.connectors.push(Connector {
                key: e.id.to_owned(),
                start: end("startBinding", first),
                end: end("endBinding", last),
                label: self.bound_label(i),
                heads: Heads::of((
                    e.head("startArrowhead", false),
                    e.head("endArrowhead", arrow),
                )),
                // An elbow arrow, or one an archdrill export marked as such.
                routing: if e.value.get("elbowed").and_then(Value::as_bool) == Some(true)
                    || e.value
                        .get("customData")
                        .and_then(|d| text_of(d, "routing"))
                        == Some("elbow")
                {
                    Routing::Elbow
                } else {
                    Routing::Straight
                },
                middle: halfway(&points),
                loose: if arrow {
                    Thing::LooseArrow
                } else {
                    Thing::FreeLine
                },
            });
        }
    }

    /// Groups of strokes with one text become one shape labelled by it (an icon with its
    /// name), the largest such groups first; a group of strokes with no text takes the loose
    /// text just beside it as its name.
    fn icons(&mut self, sketch: &mut Sketch) {
        let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, e) in self.elements.iter().enumerate() {
            if self.taken.contains(&i) {
                continue;
            }
            for g in e.groups() {
                groups.entry(g).or_default().push(i);
            }
        }
        let mut icons: Vec<(&str, Vec<usize>)> = groups
            .into_iter()
            .filter(|(_, members)| self.is_icon(members))
            .collect();
        icons.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.1[0].cmp(&b.1[0])));
        let mut bare = Vec::new();
        for (group, members) in icons {
            if members.iter().any(|m| self.taken.contains(m)) {
                continue;
            }
            let mut rect = self.elements[members[0]].rect;
            for &m in &members {
                rect = rect.union(&self.elements[m].rect);
            }
            let label = members
                .iter()
                .find(|&&m| self.elements[m].kind == "text")
                .map(|&m| self.elements[m].text().to_owned());
            let shape = sketch.shapes.len();
            for &m in &members {
                self.taken.insert(m);
                self.shape_of.insert(m, shape);
            }
            if label.is_none() {
                bare.push(shape);
            }
            sketch.shapes.push(Shape {
                key: group.to_owned(),
                rect,
                keep: label.is_some(),
                label: label.unwrap_or_default(),
                note: String::new(),
                kind: None,
            });
        }
        self.name_bare_icons(sketch, &bare);
    }

    /// Gives each icon without a text the nearest loose text within reach of it.
    fn name_bare_icons(&mut self, sketch: &mut Sketch, bare: &[usize]) {
        let rects: Vec<Rect> = bare.iter().map(|&s| sketch.shapes[s].rect).collect();
        let grid = Grid::new(&rects, REACH);
        for (i, e) in self.elements.iter().enumerate() {
            if e.kind != "text" || self.taken.contains(&i) || !e.groups().is_empty() {
                continue;
            }
            let nearest = grid
                .meeting(&e.rect)
                .into_iter()
                .filter(|&k| sketch.shapes[bare[k]].label.is_empty())
                .map(|k| (gap(&rects[k], &e.rect), k))
                .filter(|(d, _)| *d <= REACH)
                .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            if let Some((_, k)) = nearest {
                let shape = &mut sketch.shapes[bare[k]];
                e.text().clone_into(&mut shape.label);
                shape.rect = shape.rect.union(&e.rect);
                shape.keep = true;
                self.taken.insert(i);
                self.shape_of.insert(i, bare[k]);
            }
        }
    }

    /// An icon: at most one free text, strokes or unlabelled shapes, and nothing else.
    fn is_icon(&self, members: &[usize]) -> bool {
        let (mut texts, mut strokes, mut shapes) = (0, 0, 0);
        for &m in members {
            let e = &self.elements[m];
            match e.kind {
                "text" => texts += 1,
                "line" | "freedraw" => {
                    let bound =
                        e.binding("startBinding").is_some() || e.binding("endBinding").is_some();
                    if bound {
                        return false;
                    }
                    strokes += 1;
                }
                kind if is_shape(kind) && self.bound_label(m).trim().is_empty() => shapes += 1,
                _ => return false,
            }
        }
        texts <= 1 && (strokes >= 1 || shapes >= 2)
    }
}

/// The distance between two rectangles (0 when they touch or overlap).
fn gap(a: &Rect, b: &Rect) -> f32 {
    let (a1, b1) = (a.max(), b.max());
    let dx = (a.min.x - b1.x).max(b.min.x - a1.x).max(0.0);
    let dy = (a.min.y - b1.y).max(b.min.y - a1.y).max(0.0);
    (dx * dx + dy * dy).sqrt()
}

#[cfg(test)]
mod tests;

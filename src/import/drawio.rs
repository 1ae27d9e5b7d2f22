//! draw.io / diagrams.net diagrams: vertices become blocks (a child's place is relative to
//! its parent), edges between them arrows (edge labels, also as child cells), containers and
//! swimlanes frames, text cells labels or notes, HTML labels plain text.

use std::collections::{BTreeMap, BTreeSet};

use roxmltree::Node;

use super::drawio_page::{decode, parse};
use super::notes::{ImportNote, Thing};
use super::sketch::{Connector, End, Heads, Shape, Sketch, SketchFrame, Text};
use super::{ImportError, MAX_ELEMENTS, html};
use crate::model::{Pos, Rect, Routing, Vec2};

/// Deepest chain of parents followed; a longer one (or a loop) is cut there.
const MAX_DEPTH: usize = 64;

/// One `mxCell`, with the label and id of an `<object>` or `<UserObject>` around it.
struct Cell<'a> {
    id: String,
    value: String,
    style: BTreeMap<&'a str, &'a str>,
    vertex: bool,
    edge: bool,
    parent: Option<&'a str>,
    source: Option<&'a str>,
    target: Option<&'a str>,
    geometry: Geometry,
}

#[derive(Default)]
struct Geometry {
    rect: Rect,
    source_point: Option<Pos>,
    target_point: Option<Pos>,
    points: Vec<Pos>,
}

fn attr_f32(node: Node<'_, '_>, name: &str) -> Option<f32> {
    node.attribute(name)
        .and_then(|v| v.trim().parse::<f32>().ok())
        .filter(|v| v.is_finite())
}

fn point(node: Node<'_, '_>) -> Pos {
    Pos::new(
        attr_f32(node, "x").unwrap_or(0.0),
        attr_f32(node, "y").unwrap_or(0.0),
    )
}

fn geometry(cell: Node<'_, '_>) -> Geometry {
    let Some(g) = cell.children().find(|n| n.has_tag_name("mxGeometry")) else {
        return Geometry::default();
    };
    let mut out = Geometry {
        rect: Rect::new(
            point(g),
            Vec2::new(
                attr_f32(g, "width").unwrap_or(0.0),
                attr_f32(g, "height").unwrap_or(0.0),
            ),
        ),
        ..Geometry::default()
    };
    for child in g.children().filter(Node::is_element) {
        match (child.tag_name().name(), child.attribute("as")) {
            ("mxPoint", Some("sourcePoint")) => out.source_point = Some(point(child)),
            ("mxPoint", Some("targetPoint")) => out.target_point = Some(point(child)),
            ("Array", Some("points")) => {
                out.points = child
                    .children()
                    .filter(|n| n.has_tag_name("mxPoint"))
                    .map(point)
                    .collect();
            }
            _ => {}
        }
    }
    out
}

/// A style string as keys and values; a bare first word ("text", "swimlane") is a key with
/// an empty value.
fn style(text: &str) -> BTreeMap<&str, &str> {
    text.split(';')
        .filter(|p| !p.trim().is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect()
}

impl<'a> Cell<'a> {
    /// Reads an `mxCell`, or an `<object>`/`<UserObject>` wrapping one.
    fn of(node: Node<'a, '_>) -> Option<Cell<'a>> {
        let (outer, cell) = if node.has_tag_name("mxCell") {
            (node, node)
        } else {
            (node, node.children().find(|n| n.has_tag_name("mxCell"))?)
        };
        let id = outer.attribute("id").or_else(|| cell.attribute("id"))?;
        let value = outer
            .attribute("label")
            .or_else(|| cell.attribute("value"))
            .unwrap_or("");
        let style = style(cell.attribute("style").unwrap_or(""));
        let value = if style.get("html") == Some(&"1") || value.contains('<') {
            html::to_text(value)
        } else {
            value.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        Some(Cell {
            id: id.to_owned(),
            value,
            vertex: cell.attribute("vertex") == Some("1"),
            edge: cell.attribute("edge") == Some("1"),
            parent: cell.attribute("parent"),
            source: cell.attribute("source"),
            target: cell.attribute("target"),
            geometry: geometry(cell),
            style,
        })
    }

    fn has(&self, key: &str) -> bool {
        self.style.contains_key(key)
    }

    fn is(&self, key: &str, value: &str) -> bool {
        self.style.get(key) == Some(&value)
    }

    fn is_edge_label(&self) -> bool {
        self.has("edgeLabel")
    }

    fn is_text(&self) -> bool {
        self.has("text") && !self.is("shape", "table")
    }

    fn is_group(&self) -> bool {
        self.has("group")
    }

    fn is_table(&self) -> bool {
        self.is("shape", "table") || self.is("childLayout", "tableLayout")
    }

    fn is_frame(&self) -> bool {
        !self.is_table() && (self.has("swimlane") || self.is("container", "1"))
    }

    /// Whether an arrowhead is drawn at `key`; `default` when the style says nothing.
    fn head(&self, key: &str, default: bool) -> bool {
        self.style
            .get(key)
            .map_or(default, |v| *v != "none" && !v.is_empty())
    }
}

/// Reads the chosen page (from 1; the first when `None`) of a draw.io file.
pub(crate) fn read(
    text: &str,
    page: Option<usize>,
) -> Result<(Sketch, Option<ImportNote>), ImportError> {
    let doc = parse(text)?;
    let root = doc.root_element();
    let asked = page.unwrap_or(1);
    if root.has_tag_name("mxGraphModel") {
        if asked != 1 {
            return Err(ImportError::NoSuchPage { asked, count: 1 });
        }
        return Ok((read_model(root)?, None));
    }
    if !root.has_tag_name("mxfile") {
        return Err(ImportError::NotDrawIo(format!(
            "its root element is <{}>, not <mxfile> or <mxGraphModel>",
            root.tag_name().name()
        )));
    }
    let pages: Vec<Node<'_, '_>> = root
        .children()
        .filter(|n| n.has_tag_name("diagram"))
        .collect();
    if pages.is_empty() {
        return Err(ImportError::NotDrawIo("the file has no pages".to_owned()));
    }
    let chosen =
        *asked
            .checked_sub(1)
            .and_then(|i| pages.get(i))
            .ok_or(ImportError::NoSuchPage {
                asked,
                count: pages.len(),
            })?;
    let note = (pages.len() > 1).then(|| ImportNote::Page {
        index: asked,
        names: pages
            .iter()
            .enumerate()
            .map(|(i, p)| {
                p.attribute("name")
                    .map_or_else(|| format!("Page-{}", i + 1), str::to_owned)
            })
            .collect(),
    });
    let title = chosen.attribute("name").unwrap_or("").to_owned();
    let mut sketch = if let Some(model) = chosen.children().find(|n| n.has_tag_name("mxGraphModel"))
    {
        read_model(model)?
    } else {
        let packed = chosen.text().unwrap_or("").trim();
        if packed.is_empty() {
            Sketch::default()
        } else {
            let xml = decode(asked, packed)?;
            let page_doc = parse(&xml).map_err(|e| ImportError::BadPage {
                page: asked,
                why: e.to_string(),
            })?;
            let model = page_doc.root_element();
            if !model.has_tag_name("mxGraphModel") {
                return Err(ImportError::BadPage {
                    page: asked,
                    why: "it holds no <mxGraphModel>".to_owned(),
                });
            }
            read_model(model)?
        }
    };
    if pages.len() > 1 {
        sketch.title = title;
    }
    Ok((sketch, note))
}

/// Reads one page's model into a sketch.
fn read_model(model: Node<'_, '_>) -> Result<Sketch, ImportError> {
    let nodes: Vec<Node<'_, '_>> = model
        .children()
        .filter(|n| n.has_tag_name("root"))
        .flat_map(|r| r.children().filter(Node::is_element))
        .collect();
    if nodes.len() > MAX_ELEMENTS {
        return Err(ImportError::TooManyElements {
            count: nodes.len(),
            max: MAX_ELEMENTS,
        });
    }
    let mut sketch = Sketch::default();
    let mut cells = Vec::new();
    for node in nodes {
        match Cell::of(node) {
            Some(cell) => cells.push(cell),
            None => sketch.skips.add(Thing::Unreadable, node.tag_name().name()),
        }
    }
    Model::new(&cells).read(&mut sketch);
    Ok(sketch)
}

/// The cells of one page and what each has become.
struct Model<'c, 'a> {
    cells: &'c [Cell<'a>],
    by_id: BTreeMap<&'c str, usize>,
    /// Each cell's offset: where its parent's corner is on the page.
    offsets: Vec<Pos>,
    shape_of: BTreeMap<usize, usize>,
}

impl<'c, 'a> Model<'c, 'a> {
    fn new(cells: &'c [Cell<'a>]) -> Self {
        let by_id: BTreeMap<&str, usize> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let mut model = Model {
            cells,
            by_id,
            offsets: Vec::new(),
            shape_of: BTreeMap::new(),
        };
        model.offsets = (0..cells.len()).map(|i| model.offset(i)).collect();
        model
    }

    fn parent(&self, i: usize) -> Option<usize> {
        self.cells[i]
            .parent
            .and_then(|p| self.by_id.get(p))
            .copied()
    }

    /// The sum of the corners of the vertices above cell `i`; a loop or a chain past
    /// `MAX_DEPTH` stops where it is seen.
    fn offset(&self, i: usize) -> Pos {
        let mut seen = BTreeSet::from([i]);
        let (mut x, mut y) = (0.0_f32, 0.0_f32);
        let mut at = i;
        while let Some(p) = self.parent(at) {
            if !seen.insert(p) || seen.len() > MAX_DEPTH {
                break;
            }
            let parent = &self.cells[p];
            if parent.vertex {
                x += parent.geometry.rect.min.x;
                y += parent.geometry.rect.min.y;
            }
            at = p;
        }
        Pos::new(x, y)
    }

    /// A vertex's rectangle on the page.
    fn page_rect(&self, i: usize) -> Rect {
        let r = self.cells[i].geometry.rect;
        let o = self.offsets[i];
        Rect::new(Pos::new(r.min.x + o.x, r.min.y + o.y), r.size)
    }

    /// The table cell `i` is part of, if any.
    fn table_of(&self, i: usize) -> Option<usize> {
        let mut at = i;
        for _ in 0..MAX_DEPTH {
            let p = self.parent(at)?;
            if self.cells[p].is_table() {
                return Some(p);
            }
            at = p;
        }
        None
    }

    /// The container above cell `i` that is drawn as one block (its texts are its note).
    fn block_container_of(&self, i: usize, boxes: &BTreeSet<usize>) -> Option<usize> {
        let mut at = i;
        for _ in 0..MAX_DEPTH {
            let p = self.parent(at)?;
            if boxes.contains(&p) {
                return Some(p);
            }
            at = p;
        }
        None
    }

    /// The header of a swimlane or container: the strip its title is drawn in.
    fn header(&self, i: usize) -> Rect {
        let cell = &self.cells[i];
        let rect = self.page_rect(i);
        let default = if cell.has("swimlane") { 23.0 } else { 30.0 };
        let size = cell
            .style
            .get("startSize")
            .and_then(|v| v.parse::<f32>().ok())
            .filter(|v| v.is_finite() && *v > 0.0)
            .unwrap_or(default);
        if cell.is("horizontal", "0") {
            Rect::new(rect.min, Vec2::new(size.min(rect.size.x), rect.size.y))
        } else {
            Rect::new(rect.min, Vec2::new(rect.size.x, size.min(rect.size.y)))
        }
    }

    fn read(mut self, sketch: &mut Sketch) {
        let cells = self.cells;
        let is_shape_like = |c: &Cell<'_>| c.vertex && !c.is_text() && !c.is_edge_label();
        // Containers holding shapes are frames; those holding only text (a table drawn as a
        // swimlane of rows) are blocks, their texts the block's note.
        let mut holds_shapes = BTreeSet::new();
        for (i, cell) in cells.iter().enumerate() {
            if is_shape_like(cell)
                && let Some(p) = self.parent(i)
                && p != i
            {
                holds_shapes.insert(p);
            }
        }
        let boxes: BTreeSet<usize> = (0..cells.len())
            .filter(|&i| cells[i].vertex && cells[i].is_frame() && !holds_shapes.contains(&i))
            .collect();
        let attached: BTreeSet<&str> = cells
            .iter()
            .filter(|c| c.edge)
            .flat_map(|c| [c.source, c.target])
            .flatten()
            .collect();
        let mut edge_labels: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for (i, cell) in cells.iter().enumerate() {
            if !cell.vertex {
                continue;
            }
            let parent_edge = self.parent(i).filter(|&p| cells[p].edge);
            if let Some(edge) = parent_edge.filter(|_| !cell.value.is_empty()) {
                edge_labels
                    .entry(edge)
                    .or_default()
                    .push(cell.value.clone());
            } else if parent_edge.is_some() || cell.is_group() {
                // An empty edge label, or an invisible group: nothing to draw.
            } else if cell.is_edge_label() || cell.is_text() {
                if cell.value.is_empty() {
                    continue;
                }
                if let Some(b) = self.block_container_of(i, &boxes)
                    && let Some(&s) = self.shape_of.get(&b)
                {
                    let note = &mut sketch.shapes[s].note;
                    if !note.is_empty() {
                        note.push('\n');
                    }
                    note.push_str(&cell.value);
                } else {
                    sketch.texts.push(Text {
                        rect: self.page_rect(i),
                        text: cell.value.clone(),
                    });
                }
            } else if self.table_of(i).is_some() {
                sketch.skips.add(Thing::TableCell, &cell.value);
            } else if cell.is_frame() && !boxes.contains(&i) {
                sketch.frames.push(SketchFrame {
                    rect: self.page_rect(i),
                    label: cell.value.clone(),
                });
                // Arrows drawn to a frame reach its title.
                if attached.contains(cell.id.as_str()) {
                    self.shape_of.insert(i, sketch.shapes.len());
                    sketch.shapes.push(Shape {
                        key: cell.id.clone(),
                        rect: self.header(i),
                        label: cell.value.clone(),
                        note: String::new(),
                        kind: None,
                        keep: true,
                    });
                }
            } else {
                self.shape_of.insert(i, sketch.shapes.len());
                sketch.shapes.push(Shape {
                    key: cell.id.clone(),
                    rect: self.page_rect(i),
                    label: cell.value.clone(),
                    note: String::new(),
                    kind: None,
                    keep: false,
                });
            }
        }
        // An end on a part of a block (a table's row, a text in a box) reaches the block.
        for i in 0..cells.len() {
            if self.shape_of.contains_key(&i) {
                continue;
            }
            let mut at = i;
            for _ in 0..MAX_DEPTH {
                let Some(p) = self.parent(at) else { break };
                if let Some(&s) = self.shape_of.get(&p) {
                    if !cells[p].is_frame() || boxes.contains(&p) || cells[p].is_table() {
                        self.shape_of.insert(i, s);
                    }
                    break;
                }
                at = p;
            }
        }
        for (i, cell) in cells.iter().enumerate().filter(|(_, c)| c.edge) {
            let offset = self.offsets[i];
            let on_page = |p: Pos| Pos::new(p.x + offset.x, p.y + offset.y);
            let end = |id: Option<&str>, at: Option<Pos>| {
                let attached = id.and_then(|id| self.by_id.get(id));
                match (attached.and_then(|c| self.shape_of.get(c)), attached, at) {
                    (Some(&s), ..) => End::Shape(s),
                    // Attached to a loose text: where it stands.
                    (None, Some(&c), _) if cells[c].vertex => {
                        End::Point(self.page_rect(c).center())
                    }
                    (None, Some(_), _) | (None, None, None) => End::Loose,
                    (None, None, Some(p)) => End::Point(on_page(p)),
                }
            };
            let g = &cell.geometry;
            let mut label = cell.value.clone();
            for more in edge_labels.get(&i).into_iter().flatten() {
                if !label.is_empty() {
                    label.push(' ');
                }
                label.push_str(more);
            }
            let middle = match (g.source_point, g.target_point) {
                (Some(s), Some(t)) if cell.source.is_none() && cell.target.is_none() => {
                    let mut line = vec![on_page(s)];
                    line.extend(g.points.iter().map(|p| on_page(*p)));
                    line.push(on_page(t));
                    line.get(line.len() / 2).copied().map(|m| {
                        let before = line[(line.len() - 1) / 2];
                        Pos::new(f32::midpoint(m.x, before.x), f32::midpoint(m.y, before.y))
                    })
                }
                _ => None,
            };
            let elbow = cell
                .style
                .get("edgeStyle")
                .is_some_and(|s| s.contains("orthogonal") || s.contains("elbow"));
            sketch.connectors.push(Connector {
                key: cell.id.clone(),
                start: end(cell.source, g.source_point),
                end: end(cell.target, g.target_point),
                label,
                heads: Heads::of((cell.head("startArrow", false), cell.head("endArrow", true))),
                routing: if elbow {
                    Routing::Elbow
                } else {
                    Routing::Straight
                },
                middle,
                loose: Thing::LooseArrow,
            });
        }
    }
}

#[cfg(test)]
mod tests;

//! The drawing compared with its case's reference: beside it in a second pane that follows
//! the drawing's zoom and pan, or faintly under it. Reference blocks are marked by the grade:
//! matched, missed, or drawn the wrong way.

use egui::{Align2, FontId};

use super::canvas::CanvasState;
use super::theme::Palette;
use crate::cases::{CaseLibrary, CaseStudy};
use crate::document::Document;
use crate::grader::GradeReport;
use crate::model::{Board, Pos, Vec2};

/// Where the reference goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareLayout {
    /// In a second pane to the right, with the same zoom and pan.
    Beside,
    /// Faintly under the drawing, on the same canvas.
    Overlaid,
}

/// A reference shown next to (or under) the user's drawing.
#[derive(Debug)]
pub struct Compare {
    pub case_id: String,
    pub layout: CompareLayout,
    pub(super) reference: Document,
    /// The reference laid over the drawing (the overlaid layout): its blocks moved onto the
    /// drawing's spacing by [`Fit`], its stage frames redrawn around them.
    pub(super) overlaid: Box<Board>,
    /// The overlaid reference's arrow routes.
    pub(super) overlaid_routes: crate::model::routes::Routes,
    /// The reference pane: read-only; its camera follows the drawing's.
    pub pane: CanvasState,
    /// Where the reference sits against the drawing beside it: drawing point = reference
    /// point + shift.
    pub shift: Vec2,
    /// Frame the drawing and the reference together on the next frame.
    pub(super) fit_pending: bool,
    /// Beside: the share of the width the drawing's pane takes (set when framing, so that a
    /// wide reference gets the room it needs).
    pub(super) split: f32,
}

impl Compare {
    pub fn reference(&self) -> &Board {
        self.reference.board()
    }
}

/// The centres of matched pairs: (reference block, drawn block).
fn matched_centres(
    drawing: &Board,
    reference: &Board,
    case: &CaseStudy,
    report: Option<&GradeReport>,
) -> Vec<(Pos, Pos)> {
    report
        .into_iter()
        .flat_map(|r| &r.matched)
        .filter_map(|m| {
            let drawn = drawing.block(m.block)?.rect().center();
            let shown = reference
                .block(case.reference_block(&m.reference)?)?
                .rect()
                .center();
            Some((shown, drawn))
        })
        .collect()
}

/// The shift that lays the reference beside the drawing: the mean offset between matched
/// blocks and their reference nodes, or the offset between the two boards' corners.
pub fn alignment(
    drawing: &Board,
    reference: &Board,
    case: &CaseStudy,
    report: Option<&GradeReport>,
) -> Vec2 {
    let pairs = matched_centres(drawing, reference, case, report);
    if !pairs.is_empty() {
        let n = pairs.len() as f32;
        let sum = pairs
            .iter()
            .fold(Vec2::ZERO, |a, (shown, drawn)| a + (*drawn - *shown));
        return Vec2::new(sum.x / n, sum.y / n);
    }
    match (drawing.bounds(), reference.bounds()) {
        (Some(d), Some(r)) => d.min - r.min,
        _ => Vec2::ZERO,
    }
}

/// How the reference is laid over a drawing: reference point (x, y) goes to
/// (x * scale.x + shift.x, y * scale.y + shift.y), each axis fitted by least squares to the
/// matched pairs, so a drawing spaced wider, narrower or flatter than the reference still
/// has each reference block on its drawn block.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    pub scale: Vec2,
    pub shift: Vec2,
}

/// Scales the fit allows: a drawing is not spaced more than this many times closer or wider.
const MIN_SCALE: f32 = 0.25;
const MAX_SCALE: f32 = 4.0;

impl Fit {
    /// The fit of the reference to the drawing by the grade's matched pairs; with fewer than
    /// two pairs apart on an axis, that axis keeps its scale and is only shifted.
    pub fn of(
        drawing: &Board,
        reference: &Board,
        case: &CaseStudy,
        report: Option<&GradeReport>,
    ) -> Fit {
        let pairs = matched_centres(drawing, reference, case, report);
        if pairs.is_empty() {
            return Fit {
                scale: Vec2::new(1.0, 1.0),
                shift: alignment(drawing, reference, case, report),
            };
        }
        let axis = |coord: fn(&Pos) -> f32| {
            let n = pairs.len() as f32;
            let mean_r = pairs.iter().map(|(r, _)| coord(r)).sum::<f32>() / n;
            let mean_d = pairs.iter().map(|(_, d)| coord(d)).sum::<f32>() / n;
            let var = pairs
                .iter()
                .map(|(r, _)| (coord(r) - mean_r).powi(2))
                .sum::<f32>();
            let cov = pairs
                .iter()
                .map(|(r, d)| (coord(r) - mean_r) * (coord(d) - mean_d))
                .sum::<f32>();
            // Pairs all in one column (or row) say nothing about the spacing on that axis;
            // a mirrored drawing is not turned round either.
            let scale = if var > 1.0 && cov > 0.0 {
                (cov / var).clamp(MIN_SCALE, MAX_SCALE)
            } else {
                1.0
            };
            (scale, mean_d - scale * mean_r)
        };
        let (sx, tx) = axis(|p| p.x);
        let (sy, ty) = axis(|p| p.y);
        Fit {
            scale: Vec2::new(sx, sy),
            shift: Vec2::new(tx, ty),
        }
    }

    /// Where a reference point lands on the drawing.
    pub fn apply(&self, p: Pos) -> Pos {
        Pos::new(
            p.x * self.scale.x + self.shift.x,
            p.y * self.scale.y + self.shift.y,
        )
    }

    /// The reference moved onto the drawing: each block centred where the fit puts its
    /// centre (blocks keep their size, so labels stay readable), and each frame redrawn around
    /// the blocks it held with the margins it had.
    pub fn lay_over(&self, reference: &Board) -> Board {
        let mut out = reference.clone();
        for block in out.blocks.values_mut() {
            let centre = self.apply(block.rect().center());
            block.pos = centre - block.size * 0.5;
        }
        let bounds = |board: &Board, members: &[crate::model::BlockId]| {
            members
                .iter()
                .filter_map(|id| board.block(*id))
                .map(crate::model::Block::rect)
                .reduce(|a, b| a.union(&b))
        };
        let mut frames = out.frames.clone();
        for frame in frames.values_mut() {
            let members: Vec<_> = reference
                .blocks
                .values()
                .filter(|b| frame.rect.contains_rect(&b.rect()))
                .map(|b| b.id)
                .collect();
            if let (Some(before), Some(after)) =
                (bounds(reference, &members), bounds(&out, &members))
            {
                let low = before.min - frame.rect.min;
                let high = frame.rect.max() - before.max();
                frame.rect = crate::model::Rect::from_corners(after.min - low, after.max() + high);
            }
        }
        out.frames = frames;
        out
    }
}

impl Compare {
    /// `case`'s reference compared with `drawing` in `layout`, aligned by the grade's matches
    /// when there is a grade, and framed with the drawing on the next frame.
    pub fn new(
        case: &CaseStudy,
        drawing: &Board,
        report: Option<&GradeReport>,
        layout: CompareLayout,
        grid: bool,
    ) -> Compare {
        let reference = case.reference_board();
        let shift = alignment(drawing, &reference, case, report);
        let overlaid = Box::new(Fit::of(drawing, &reference, case, report).lay_over(&reference));
        let overlaid_routes = crate::model::routes::Routes::of(&overlaid);
        Compare {
            case_id: case.id.clone(),
            layout,
            overlaid,
            overlaid_routes,
            reference: Document::new(reference, None),
            pane: CanvasState {
                read_only: true,
                fit_pending: false,
                show_grid: grid,
                ..CanvasState::default()
            },
            shift,
            fit_pending: true,
            split: 0.5,
        }
    }
}

/// Why the board answering `case` cannot be compared with its reference now, if it cannot:
/// `alone` while a reference is shown on its own, `hidden` while an attempt at that case is
/// not graded yet.
pub fn blocker(
    case: Option<&str>,
    (alone, hidden): (bool, bool),
    cases: &CaseLibrary,
) -> Option<String> {
    if alone {
        return Some("A reference is already shown".to_owned());
    }
    let case = case?;
    if hidden {
        return Some("The reference stays hidden until this attempt is graded".to_owned());
    }
    if cases.get(case).is_none() {
        return Some(format!("The case `{case}` is not installed"));
    }
    None
}

/// What the user asked of a comparison from its strip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BannerAsk {
    Close,
    Layout(CompareLayout),
}

/// The strip above a comparison: which reference, the layout switch, and the way out.
pub fn banner_ui(ui: &mut egui::Ui, compare: &Compare, cases: &CaseLibrary) -> Option<BannerAsk> {
    let title = cases
        .get(&compare.case_id)
        .map_or_else(|| compare.case_id.clone(), |c| c.title.clone());
    let mut layout = compare.layout;
    let mut close = false;
    super::theme::banner_frame(ui.visuals()).show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.strong(format!("Reference: {title}"));
            ui.separator();
            ui.selectable_value(&mut layout, CompareLayout::Beside, "Beside")
                .on_hover_text("The reference in a second pane with the same zoom and pan");
            ui.selectable_value(&mut layout, CompareLayout::Overlaid, "Overlaid")
                .on_hover_text("The reference faintly under your drawing");
            ui.separator();
            let palette = Palette::for_dark_mode(ui.visuals().dark_mode);
            for (text, color, tip) in [
                ("matched", palette.matched, "You drew this block"),
                ("missing", palette.missing, "Not in your drawing (dashed)"),
                (
                    "wrong way",
                    palette.wrong_way,
                    "You drew this arrow reversed",
                ),
            ] {
                ui.label(egui::RichText::new(text).color(color))
                    .on_hover_text(tip);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                close = ui
                    .button("Close reference")
                    .on_hover_text("Back to your drawing alone")
                    .clicked();
            });
        });
    });
    if close {
        Some(BannerAsk::Close)
    } else {
        (layout != compare.layout).then_some(BannerAsk::Layout(layout))
    }
}

/// Least share of the width either pane gets beside the other.
const LEAST_SPLIT: f32 = 0.3;
/// Room left around what is framed, in screen points.
const FIT_MARGIN: f32 = 40.0;

/// Zooms and pans so that the drawing and the shifted reference are both in view: overlaid,
/// on the one canvas; beside, in `whole` split between the two panes in proportion to how
/// wide each side is (the drawing's pane is then `canvas`'s viewport).
pub(super) fn fit_both(
    canvas: &mut CanvasState,
    drawing: &Board,
    compare: &mut Compare,
    whole: egui::Rect,
) {
    if compare.layout == CompareLayout::Overlaid {
        canvas.camera.viewport = whole;
        if let Some(area) = drawing
            .bounds()
            .into_iter()
            .chain(compare.overlaid.bounds())
            .reduce(|a, b| a.union(&b))
        {
            canvas.camera.fit(&area);
        }
        return;
    }
    // Side by side, both sides start at the same left edge (the matched pairs still set how
    // high the reference sits): each pane then needs only its own side's width.
    if let (Some(drawn), Some(reference)) = (drawing.bounds(), compare.reference.board().bounds()) {
        compare.shift.x = drawn.min.x - reference.min.x;
    }
    let reference = compare
        .reference
        .board()
        .bounds()
        .map(|r| r.translate(compare.shift));
    let Some(area) = drawing
        .bounds()
        .into_iter()
        .chain(reference)
        .reduce(|a, b| a.union(&b))
    else {
        compare.split = 0.5;
        canvas.camera.viewport = panes(whole, 0.5).0;
        return;
    };
    // Both panes show the board from the same left edge and at the same zoom: each needs
    // the width from there to the right edge of its side.
    let reach = |r: Option<crate::model::Rect>| r.map_or(0.0, |r| r.max().x - area.min.x).max(1.0);
    let (left, right) = (reach(drawing.bounds()), reach(reference));
    compare.split = (left / (left + right)).clamp(LEAST_SPLIT, 1.0 - LEAST_SPLIT);
    let (drawn, _) = panes(whole, compare.split);
    let width = |pane: f32| (pane - 2.0 * FIT_MARGIN).max(50.0);
    let zoom = (width(drawn.width()) / left)
        .min(width(whole.width() - drawn.width()) / right)
        .min(width(whole.height()) / area.size.y.max(1.0))
        .clamp(super::canvas::camera::MIN_ZOOM, 1.0);
    let camera = &mut canvas.camera;
    camera.viewport = drawn;
    camera.zoom = zoom;
    camera.offset = crate::model::Pos::new(
        area.min.x - FIT_MARGIN / zoom,
        area.center().y - whole.height() * 0.5 / zoom,
    );
}

/// The drawing's pane and the reference's, side by side in `whole` with a gap between,
/// the first taking `split` of the width.
pub(super) fn panes(whole: egui::Rect, split: f32) -> (egui::Rect, egui::Rect) {
    let gap = 4.0;
    let mid = whole.min.x + whole.width() * split;
    (
        egui::Rect::from_min_max(whole.min, egui::pos2(mid - gap, whole.max.y)),
        egui::Rect::from_min_max(egui::pos2(mid + gap, whole.min.y), whole.max),
    )
}

/// A small label in a pane's top-left corner.
pub(super) fn pane_tag(painter: &egui::Painter, pane: egui::Rect, text: &str, palette: &Palette) {
    let galley = painter.layout_no_wrap(
        text.to_owned(),
        FontId::proportional(12.0),
        palette.weak_text,
    );
    let at = pane.min + egui::vec2(10.0, 8.0);
    let back = Align2::LEFT_TOP
        .anchor_size(at, galley.size())
        .expand2(egui::vec2(6.0, 3.0));
    painter.rect_filled(back, 4.0, palette.canvas.gamma_multiply(0.9));
    painter.galley(at, galley, palette.weak_text);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::CaseLibrary;
    use crate::catalog::Catalog;
    use crate::grader::{self, GradeConfig};

    fn catalog() -> Catalog {
        Catalog::builtin().expect("the built-in catalog loads")
    }

    fn case(id: &str) -> CaseStudy {
        CaseLibrary::load(&catalog(), Vec::new())
            .get(id)
            .cloned()
            .expect("built-in case")
    }

    #[test]
    fn the_reference_aligns_on_matched_blocks() {
        let case = case("visual-search");
        let reference = case.reference_board();
        // The reference itself, moved: every block matches, so the shift is the move.
        let mut drawing = reference.clone();
        for block in drawing.blocks.values_mut() {
            block.pos = block.pos + Vec2::new(500.0, -120.0);
        }
        let report = grader::grade(&drawing, &case, &catalog(), &GradeConfig::default());
        let shift = alignment(&drawing, &reference, &case, Some(&report));
        assert!(
            (shift.x - 500.0).abs() < 0.01 && (shift.y + 120.0).abs() < 0.01,
            "{shift:?}"
        );
        // Without a grade, the corners line up.
        let shift = alignment(&drawing, &reference, &case, None);
        let d = drawing.bounds().expect("blocks").min;
        let r = reference.bounds().expect("blocks").min;
        assert_eq!(Pos::new(r.x + shift.x, r.y + shift.y), d);
    }
}

#[cfg(test)]
mod fit_tests {
    use super::*;
    use crate::cases::CaseLibrary;
    use crate::catalog::Catalog;
    use crate::grader::{self, GradeConfig};

    #[test]
    fn the_overlaid_reference_lies_on_a_drawing_of_another_spacing() {
        let catalog = Catalog::builtin().expect("the built-in catalog loads");
        let library = CaseLibrary::load(&catalog, Vec::new());
        let case = library.get("video-recommendation").expect("built-in case");
        let reference = case.reference_board();
        // The reference drawn 1.6 times wider and 0.7 times as tall, somewhere else.
        let mut drawing = reference.clone();
        for block in drawing.blocks.values_mut() {
            let c = block.rect().center();
            let moved = Pos::new(c.x * 1.6 + 300.0, c.y * 0.7 - 90.0);
            block.pos = moved - block.size * 0.5;
        }
        let report = grader::grade(&drawing, case, &catalog, &GradeConfig::default());
        let fit = Fit::of(&drawing, &reference, case, Some(&report));
        assert!(
            (fit.scale.x - 1.6).abs() < 0.01 && (fit.scale.y - 0.7).abs() < 0.01,
            "{fit:?}"
        );
        let laid = fit.lay_over(&reference);
        for (id, block) in &drawing.blocks {
            let over = laid.blocks[id].rect().center();
            let drawn = block.rect().center();
            assert!((over.x - drawn.x).abs() < 0.5 && (over.y - drawn.y).abs() < 0.5);
        }
        // The stage frames still hold their blocks.
        for frame in laid.frames.values() {
            let held = laid
                .blocks
                .values()
                .filter(|b| frame.rect.contains_rect(&b.rect()));
            assert!(held.count() > 0, "{frame:?}");
        }
    }
}

//! The board↔screen transform: a pan offset and a zoom factor.

use egui::{Pos2, Rect as ScreenRect, Vec2 as ScreenVec};

use crate::model::{Pos, Rect, Vec2};

/// Smallest and largest zoom factors.
pub const MIN_ZOOM: f32 = 0.1;
pub const MAX_ZOOM: f32 = 4.0;

/// Where the canvas looks: the board point at the canvas's top-left corner, and the zoom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    pub offset: Pos,
    pub zoom: f32,
    /// The canvas's rectangle on screen, from the last frame.
    pub viewport: ScreenRect,
}

impl Default for Camera {
    fn default() -> Self {
        Camera {
            offset: Pos::new(-40.0, -40.0),
            zoom: 1.0,
            viewport: ScreenRect::from_min_size(Pos2::ZERO, ScreenVec::new(800.0, 600.0)),
        }
    }
}

impl Camera {
    pub fn screen_from_board(&self, p: Pos) -> Pos2 {
        let o = self.viewport.min;
        Pos2::new(
            o.x + (p.x - self.offset.x) * self.zoom,
            o.y + (p.y - self.offset.y) * self.zoom,
        )
    }

    pub fn board_from_screen(&self, p: Pos2) -> Pos {
        let o = self.viewport.min;
        Pos::new(
            self.offset.x + (p.x - o.x) / self.zoom,
            self.offset.y + (p.y - o.y) / self.zoom,
        )
    }

    pub fn screen_rect(&self, r: &Rect) -> ScreenRect {
        ScreenRect::from_min_max(
            self.screen_from_board(r.min),
            self.screen_from_board(r.max()),
        )
    }

    /// The part of the board that is visible.
    pub fn visible_board_rect(&self) -> Rect {
        Rect::from_corners(
            self.board_from_screen(self.viewport.min),
            self.board_from_screen(self.viewport.max),
        )
    }

    /// Moves the view by a screen-space drag.
    pub fn pan_by_screen(&mut self, delta: ScreenVec) {
        self.offset = self.offset - Vec2::new(delta.x / self.zoom, delta.y / self.zoom);
    }

    /// Zooms by `factor`, keeping the board point under `anchor` (screen) where it is.
    pub fn zoom_around(&mut self, anchor: Pos2, factor: f32) {
        let before = self.board_from_screen(anchor);
        self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let after = self.board_from_screen(anchor);
        self.offset = self.offset + (before - after);
    }

    /// Frames `content` in the view with a margin, never zooming in past 100 %.
    pub fn fit(&mut self, content: &Rect) {
        let margin = 48.0;
        let avail = (self.viewport.width() - 2.0 * margin).max(50.0);
        let avail_h = (self.viewport.height() - 2.0 * margin).max(50.0);
        let zoom = (avail / content.size.x.max(1.0)).min(avail_h / content.size.y.max(1.0));
        self.zoom = zoom.clamp(MIN_ZOOM, 1.0);
        let center = content.center();
        let half = Vec2::new(
            self.viewport.width() * 0.5 / self.zoom,
            self.viewport.height() * 0.5 / self.zoom,
        );
        self.offset = center - half;
    }

    /// Brings `area` into view as gently as it can: nothing when it is visible, a pan at the
    /// same zoom when it fits, and only otherwise a zoom out that frames it.
    pub fn reveal(&mut self, area: &Rect) {
        let margin = 24.0 / self.zoom;
        let visible = self.visible_board_rect();
        if visible.contains_rect(area) {
            return;
        }
        let wanted = area.expand(margin);
        if wanted.size.x > visible.size.x || wanted.size.y > visible.size.y {
            self.fit(area);
            return;
        }
        // The least pan that brings the area's far side in, on each axis.
        let shift = |lo: f32, hi: f32, view_lo: f32, view_hi: f32| {
            if lo < view_lo {
                lo - view_lo
            } else if hi > view_hi {
                hi - view_hi
            } else {
                0.0
            }
        };
        let (max, view_max) = (wanted.max(), visible.max());
        self.offset = self.offset
            + Vec2::new(
                shift(wanted.min.x, max.x, visible.min.x, view_max.x),
                shift(wanted.min.y, max.y, visible.min.y, view_max.y),
            );
    }

    /// The board point at the centre of the view.
    pub fn center(&self) -> Pos {
        self.board_from_screen(self.viewport.center())
    }
}

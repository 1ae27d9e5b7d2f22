//! Laid-out text kept between frames: a block's label and kind, an arrow's label. A galley is
//! laid out again only when its text, size, wrap width or colour changes, so a steady frame
//! lays out nothing and allocates nothing for text.

use std::collections::HashMap;
use std::sync::Arc;

use egui::{Color32, FontId, Galley, Painter};

use crate::model::{BlockId, EdgeId};

/// Which piece of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TextKey {
    BlockLabel(BlockId),
    BlockKind(BlockId),
    EdgeLabel(EdgeId),
}

/// How it is laid out; any change lays it out again.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub size: f32,
    pub wrap: f32,
    pub color: Color32,
    /// Extra input that changes the result (e.g. the height a label must fit in).
    pub fit: f32,
}

#[derive(Debug)]
struct Entry {
    text: String,
    style: Style,
    galley: Arc<Galley>,
    /// Asked for since the last trim.
    used: bool,
}

/// Galleys from earlier frames.
#[derive(Debug, Default)]
pub struct TextCache {
    entries: HashMap<TextKey, Entry>,
    /// Lookups since the last trim.
    uses: usize,
    /// A galley egui keeps in its own cache while it is asked for every frame: when egui
    /// hands back another one, it has thrown its galleys away (the font atlas was rebuilt,
    /// as a switch of theme does, or filled up), and so must this cache, whose galleys point
    /// into the old atlas.
    probe: Option<Arc<Galley>>,
}

impl TextCache {
    /// The galley for `text` in `style`, from the cache or laid out by `layout`.
    pub fn get(
        &mut self,
        key: TextKey,
        text: &str,
        style: Style,
        layout: impl FnOnce() -> Arc<Galley>,
    ) -> Arc<Galley> {
        self.uses += 1;
        if let Some(entry) = self.entries.get_mut(&key)
            && entry.style == style
            && entry.text == text
        {
            entry.used = true;
            return Arc::clone(&entry.galley);
        }
        let galley = layout();
        self.entries.insert(
            key,
            Entry {
                text: text.to_owned(),
                style,
                galley: Arc::clone(&galley),
                used: true,
            },
        );
        galley
    }

    /// Call once a frame, before any `get`: forgets everything when egui has rebuilt its
    /// font atlas since the last frame.
    pub fn begin_frame(&mut self, painter: &Painter) {
        let probe = painter.layout_no_wrap(
            "archdrill".to_owned(),
            FontId::proportional(13.0),
            Color32::WHITE,
        );
        if self
            .probe
            .as_ref()
            .is_some_and(|old| !Arc::ptr_eq(old, &probe))
        {
            self.entries.clear();
        }
        self.probe = Some(probe);
    }

    /// Call once a frame: when the cache holds well more than the frame used (items deleted
    /// or scrolled away), forgets what the frame did not use.
    pub fn end_frame(&mut self) {
        if self.entries.len() > 2 * self.uses.max(64) {
            self.entries.retain(|_, e| e.used);
        }
        // Order does not matter: every entry is reset.
        self.entries.values_mut().for_each(|e| e.used = false);
        self.uses = 0;
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Lays out `text` wrapped at `wrap` in the proportional font of `size`.
pub fn layout(painter: &Painter, text: &str, size: f32, color: Color32, wrap: f32) -> Arc<Galley> {
    painter.layout(text.to_owned(), FontId::proportional(size), color, wrap)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(size: f32) -> Style {
        Style {
            size,
            wrap: 100.0,
            color: Color32::WHITE,
            fit: 0.0,
        }
    }

    #[test]
    fn text_is_laid_out_again_only_when_it_or_its_style_changes() {
        let ctx = egui::Context::default();
        let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
            let painter = ui.painter();
            let mut cache = TextCache::default();
            let layouts = std::cell::Cell::new(0);
            let key = TextKey::BlockLabel(BlockId(1));
            let get = |cache: &mut TextCache, text: &str, size: f32| {
                cache.get(key, text, style(size), || {
                    layouts.set(layouts.get() + 1);
                    layout(painter, text, size, Color32::WHITE, 100.0)
                })
            };
            let first = get(&mut cache, "Ranker", 14.0);
            let again = get(&mut cache, "Ranker", 14.0);
            assert!(Arc::ptr_eq(&first, &again));
            get(&mut cache, "Re-ranker", 14.0);
            get(&mut cache, "Re-ranker", 16.0);
            assert_eq!(layouts.get(), 3);
            assert_eq!(cache.len(), 1);
        });
        out.textures_delta.clear();
    }

    #[test]
    fn entries_no_frame_uses_are_dropped_once_the_cache_outgrows_the_frames() {
        let ctx = egui::Context::default();
        let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
            let painter = ui.painter();
            let mut cache = TextCache::default();
            for i in 0..200 {
                cache.get(TextKey::BlockLabel(BlockId(i)), "x", style(14.0), || {
                    layout(painter, "x", 14.0, Color32::WHITE, 100.0)
                });
            }
            cache.end_frame();
            assert_eq!(cache.len(), 200, "all used in that frame");
            // The next frames draw only ten blocks.
            for _ in 0..2 {
                for i in 0..10 {
                    cache.get(TextKey::BlockLabel(BlockId(i)), "x", style(14.0), || {
                        layout(painter, "x", 14.0, Color32::WHITE, 100.0)
                    });
                }
                cache.end_frame();
            }
            assert_eq!(cache.len(), 10);
            assert!(!cache.is_empty());
        });
        out.textures_delta.clear();
    }

    #[test]
    fn a_rebuilt_font_atlas_empties_the_cache() {
        let ctx = egui::Context::default();
        let layouts = std::cell::Cell::new(0);
        let mut cache = TextCache::default();
        let frame = |ctx: &egui::Context, cache: &mut TextCache| {
            let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
                let painter = ui.painter();
                cache.begin_frame(painter);
                cache.get(
                    TextKey::BlockLabel(BlockId(1)),
                    "Ranker",
                    style(14.0),
                    || {
                        layouts.set(layouts.get() + 1);
                        layout(painter, "Ranker", 14.0, Color32::WHITE, 100.0)
                    },
                );
                cache.end_frame();
            });
            out.textures_delta.clear();
        };
        ctx.set_visuals(egui::Visuals::dark());
        frame(&ctx, &mut cache);
        frame(&ctx, &mut cache);
        assert_eq!(layouts.get(), 1, "a steady frame lays nothing out");
        // The light theme renders text differently, so egui rebuilds its atlas.
        ctx.set_visuals(egui::Visuals::light());
        frame(&ctx, &mut cache);
        frame(&ctx, &mut cache);
        assert_eq!(layouts.get(), 2, "laid out again once, for the new atlas");
    }
}

//! Property tests of the board file and of editing: save then load is the identity, damaged
//! files fail with a typed error and never panic, and undo and redo retrace every edit.

use std::path::{Path, PathBuf};

use archdrill::catalog::Catalog;
use archdrill::document::{Document, Selection};
use archdrill::model::{
    Block, BlockId, Board, Edge, EdgeId, Edit, Frame, FrameId, FrameworkNotes, MAX_COORD, Pos,
    Rect, Routing, Vec2,
};
use archdrill::store::{self, LoadErrorKind};
use proptest::prelude::*;
use proptest::sample::Index;

use crate::project_dir;

fn catalog() -> Catalog {
    Catalog::builtin().unwrap()
}

/// Short text from every corner of Unicode: quotes, backslashes, `#`, brackets, control
/// characters, combining marks, emoji.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ]{0,12}",
        prop::collection::vec(
            prop_oneof![
                prop::sample::select(vec![
                    '"', '\\', '#', '(', ')', '[', ']', '{', '}', '/', '*', '\'', 'r', 'b', '\n',
                    '\t', '\r', '\0', '\u{1b}', '\u{7f}', '\u{85}', '\u{200b}', '\u{301}', 'é',
                    '漢', '🔍', '\u{feff}', ',', ':'
                ]),
                any::<char>(),
            ],
            0..16
        )
        .prop_map(|chars| chars.into_iter().collect()),
    ]
}

/// Text an edit sets: as [`text`], or around the label limit (edits must refuse what a file
/// could not hold).
fn label_text() -> impl Strategy<Value = String> {
    prop_oneof![4 => text(), 1 => (990_usize..1010).prop_map(|n| "é".repeat(n))]
}

/// Text for notes: as [`text`], or around the note limit.
fn note_text() -> impl Strategy<Value = String> {
    prop_oneof![4 => text(), 1 => (9990_usize..10_010).prop_map(|n| "n".repeat(n))]
}

/// A coordinate anywhere in the allowed range, with the awkward values made likely.
fn coordinate() -> impl Strategy<Value = f32> {
    prop_oneof![
        -MAX_COORD..=MAX_COORD,
        -2000.0f32..2000.0,
        prop::sample::select(vec![
            0.0,
            -0.0,
            0.1,
            -1e-45,
            f32::MIN_POSITIVE,
            MAX_COORD,
            -MAX_COORD,
            123_456.79,
        ]),
    ]
}

fn length() -> impl Strategy<Value = f32> {
    prop_oneof![
        1e-3f32..=MAX_COORD,
        1.0f32..400.0,
        prop::sample::select(vec![1e-45, f32::MIN_POSITIVE, 0.5, MAX_COORD]),
    ]
}

/// Ids anywhere in their range, the largest one included.
fn id() -> impl Strategy<Value = u32> {
    prop_oneof![0u32..50, any::<u32>(), Just(u32::MAX)]
}

fn rect() -> impl Strategy<Value = Rect> {
    (coordinate(), coordinate(), length(), length())
        .prop_map(|(x, y, w, h)| Rect::new(Pos::new(x, y), Vec2::new(w, h)))
}

/// The parts of a random valid board; block kinds are indexes into the catalog.
type BlockParts = (Index, String, String, Rect);
type EdgeParts = (Index, Index, String, bool);

#[derive(Debug, Clone)]
struct Parts {
    blocks: Vec<(u32, BlockParts)>,
    edges: Vec<EdgeParts>,
    frames: Vec<(u32, (String, Rect))>,
    title: String,
    case: Option<String>,
    notes: Vec<String>,
    stamps: (Option<String>, Option<String>),
}

fn parts(max_blocks: usize) -> impl Strategy<Value = Parts> {
    (
        prop::collection::btree_map(
            id(),
            (any::<Index>(), text(), text(), rect()),
            0..max_blocks,
        ),
        prop::collection::vec(
            (any::<Index>(), any::<Index>(), text(), any::<bool>()),
            0..max_blocks * 2,
        ),
        prop::collection::btree_map(id(), (text(), rect()), 0..4),
        text(),
        prop::option::of(text()),
        prop::collection::vec(text(), 7),
        (prop::option::of(text()), prop::option::of(text())),
    )
        .prop_map(
            |(blocks, edges, frames, title, case, notes, stamps)| Parts {
                blocks: blocks.into_iter().collect(),
                edges,
                frames: frames.into_iter().collect(),
                title,
                case,
                notes,
                stamps,
            },
        )
}

/// A board that passes every check: unique ids, catalog kinds, arrows between distinct
/// existing blocks without repeats (numbered 1, 2, … as loading numbers them), frames, notes.
fn build(parts: Parts, catalog: &Catalog) -> Board {
    let kinds = catalog.kinds();
    let mut board = Board {
        title: parts.title,
        case: parts.case,
        created: parts.stamps.0,
        modified: parts.stamps.1,
        ..Board::default()
    };
    for (id, (kind, label, note, rect)) in parts.blocks {
        let id = BlockId(id);
        let block = Block {
            id,
            kind: kinds[kind.index(kinds.len())].id.clone(),
            label,
            pos: rect.min,
            size: rect.size,
            note,
        };
        board.blocks.insert(id, block);
    }
    let ids: Vec<BlockId> = board.blocks.keys().copied().collect();
    for (from, to, label, elbow) in parts.edges {
        if ids.len() < 2 {
            break;
        }
        let (from, to) = (ids[from.index(ids.len())], ids[to.index(ids.len())]);
        if from == to || board.find_edge(from, to).is_some() {
            continue;
        }
        let id = EdgeId(board.edges.len() as u32 + 1);
        let routing = if elbow {
            Routing::Elbow
        } else {
            Routing::Straight
        };
        board.edges.insert(
            id,
            Edge {
                id,
                from,
                to,
                label,
                routing,
                undirected: false,
            },
        );
    }
    for (id, (label, rect)) in parts.frames {
        let id = FrameId(id);
        board.frames.insert(id, Frame { id, label, rect });
    }
    for (index, note) in parts.notes.into_iter().enumerate() {
        if let Some(step) = board.notes.step_mut(index) {
            *step = note;
        }
    }
    board
}

/// Valid board texts to damage: the example boards and the version-1 fixtures.
fn sample_texts() -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = store::list_boards(&project_dir().join("boards"));
    files.extend(store::list_boards(&project_dir().join("tests/fixtures/v1")));
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

/// Whatever loads must survive a save and a load unchanged; whatever fails must say why.
fn check_outcome(outcome: Result<store::Loaded, LoadErrorKind>, catalog: &Catalog) {
    match outcome {
        Ok(loaded) => {
            let text = store::board_to_text(&loaded.board).unwrap();
            let again = store::parse_board(&text, catalog)
                .unwrap_or_else(|e| panic!("a loaded board does not reload: {e}\n{text}"));
            assert_eq!(again.board, loaded.board);
        }
        Err(kind) => assert!(!kind.to_string().trim().is_empty(), "{kind:?}"),
    }
}

/// Loads bytes through a file, as the app does, and checks the file is not changed.
fn load_bytes(dir: &Path, bytes: &[u8], catalog: &Catalog) -> Result<store::Loaded, LoadErrorKind> {
    let path = dir.join("damaged.ron");
    std::fs::write(&path, bytes).unwrap();
    let outcome = store::load_board(&path, catalog).map_err(|e| e.kind);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "loading changed the file"
    );
    outcome
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(Index, u8),
    Insert(Index, u8),
    Delete(Index),
    Truncate(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let structural = prop::sample::select(b"()[]{}\",:\\'/*#-+.0123456789eE \nNaif".to_vec());
    prop_oneof![
        (any::<Index>(), 0u8..8).prop_map(|(at, bit)| Mutation::Flip(at, bit)),
        (any::<Index>(), prop_oneof![any::<u8>(), structural])
            .prop_map(|(at, byte)| Mutation::Insert(at, byte)),
        any::<Index>().prop_map(Mutation::Delete),
        any::<Index>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(bytes: &mut Vec<u8>, mutation: &Mutation) {
    if bytes.is_empty() {
        return;
    }
    match mutation {
        Mutation::Flip(at, bit) => {
            let at = at.index(bytes.len());
            bytes[at] ^= 1 << bit;
        }
        Mutation::Insert(at, byte) => bytes.insert(at.index(bytes.len() + 1), *byte),
        Mutation::Delete(at) => {
            bytes.remove(at.index(bytes.len()));
        }
        Mutation::Truncate(at) => bytes.truncate(at.index(bytes.len())),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn saving_then_loading_gives_back_the_same_board(parts in parts(12)) {
        let catalog = catalog();
        let board = build(parts, &catalog);
        let text = store::board_to_text(&board).unwrap();
        let loaded = store::parse_board(&text, &catalog)
            .unwrap_or_else(|e| panic!("a valid board was refused: {e}\n{text}"));
        prop_assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        prop_assert_eq!(&loaded.board, &board, "{}", text);
        // And the text is stable: a second save writes the same bytes.
        prop_assert_eq!(store::board_to_text(&loaded.board).unwrap(), text);
    }

    #[test]
    fn damaged_files_load_or_fail_with_a_typed_error_never_a_panic(
        sample in any::<Index>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let catalog = catalog();
        let samples = sample_texts();
        let (_, original) = &samples[sample.index(samples.len())];
        let mut bytes = original.clone();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        let dir = tempfile::tempdir().unwrap();
        let from_file = load_bytes(dir.path(), &bytes, &catalog);
        match std::str::from_utf8(&bytes) {
            Ok(text) => {
                // The file and the text paths agree.
                let from_text = store::parse_board(text, &catalog);
                prop_assert_eq!(
                    from_file.as_ref().map(|l| &l.board).map_err(ToString::to_string),
                    from_text.as_ref().map(|l| &l.board).map_err(ToString::to_string)
                );
                check_outcome(from_text, &catalog);
            }
            Err(e) => prop_assert_eq!(
                from_file.map(|_| ()),
                Err(LoadErrorKind::NotText { offset: e.valid_up_to() })
            ),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_valid_boards_survive_random_damage_without_a_panic(
        parts in parts(6),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let catalog = catalog();
        let mut bytes = store::board_to_text(&build(parts, &catalog)).unwrap().into_bytes();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        if let Ok(text) = std::str::from_utf8(&bytes) {
            check_outcome(store::parse_board(text, &catalog), &catalog);
        }
    }
}

#[test]
fn every_prefix_of_a_valid_board_loads_whole_or_is_refused() {
    let catalog = catalog();
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in sample_texts() {
        let full = store::load_board(&path, &catalog).unwrap().board;
        // The board is complete once its closing parenthesis is there.
        let complete = bytes.iter().rposition(|b| *b == b')').unwrap() + 1;
        for cut in 0..bytes.len() {
            let prefix = &bytes[..cut];
            let outcome = match std::str::from_utf8(prefix) {
                Ok(text) => store::parse_board(text, &catalog),
                // Cut inside a character: the file path reports where.
                Err(_) => load_bytes(dir.path(), prefix, &catalog),
            };
            match outcome {
                Ok(loaded) => assert!(
                    cut >= complete && loaded.board == full,
                    "{} cut at {cut} loaded as another board",
                    path.display()
                ),
                Err(kind) => {
                    assert!(cut < complete, "{} cut at {cut}: {kind}", path.display());
                    assert!(!kind.to_string().is_empty());
                }
            }
        }
    }
}

/// One step of editing, with items picked by index among those on the board at that moment.
#[derive(Debug, Clone)]
enum Command {
    AddBlock(Index, String, Pos),
    AddFrame(String, Rect),
    FrameAround(Vec<Index>, String),
    Move(Vec<Index>, Vec<Index>, Vec2),
    Rename(Index, String),
    SetKind(Index, Index),
    SetNote(Index, String),
    SetRect(Index, Rect),
    Connect(Index, Index),
    Reverse(Index),
    EdgeLabel(Index, String),
    Routing(Index, bool),
    FrameLabel(Index, String),
    FrameRect(Index, Rect),
    Delete(Vec<Index>, Vec<Index>, Vec<Index>),
    Duplicate(Vec<Index>),
    Paste(Vec<Index>, Vec2),
    Title(String),
    Case(Option<String>),
    Notes(usize, String),
    /// A rename and a move as one undo step.
    Batch(Index, String, Vec2),
}

/// Offsets and positions, sometimes far enough to leave the allowed range.
fn offset() -> impl Strategy<Value = Vec2> {
    prop_oneof![
        4 => (-500.0f32..500.0, -500.0f32..500.0),
        1 => (-3e6f32..3e6, -3e6f32..3e6),
    ]
    .prop_map(|(x, y)| Vec2::new(x, y))
}

/// Rectangles, sometimes out of range or without area (the edit must then be refused).
fn any_rect() -> impl Strategy<Value = Rect> {
    prop_oneof![
        4 => rect(),
        1 => (-3e6f32..3e6, -3e6f32..3e6, -10.0f32..3e6, -10.0f32..3e6)
            .prop_map(|(x, y, w, h)| Rect::new(Pos::new(x, y), Vec2::new(w, h))),
    ]
}

fn picks() -> impl Strategy<Value = Vec<Index>> {
    prop::collection::vec(any::<Index>(), 0..3)
}

fn command() -> impl Strategy<Value = Command> {
    let pos = offset().prop_map(|v| Pos::new(v.x, v.y));
    prop_oneof![
        (any::<Index>(), label_text(), pos).prop_map(|(k, l, p)| Command::AddBlock(k, l, p)),
        (label_text(), any_rect()).prop_map(|(l, r)| Command::AddFrame(l, r)),
        (picks(), label_text()).prop_map(|(b, l)| Command::FrameAround(b, l)),
        (picks(), picks(), offset()).prop_map(|(b, f, d)| Command::Move(b, f, d)),
        (any::<Index>(), label_text()).prop_map(|(b, l)| Command::Rename(b, l)),
        (any::<Index>(), any::<Index>()).prop_map(|(b, k)| Command::SetKind(b, k)),
        (any::<Index>(), note_text()).prop_map(|(b, n)| Command::SetNote(b, n)),
        (any::<Index>(), any_rect()).prop_map(|(b, r)| Command::SetRect(b, r)),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Command::Connect(a, b)),
        any::<Index>().prop_map(Command::Reverse),
        (any::<Index>(), label_text()).prop_map(|(e, l)| Command::EdgeLabel(e, l)),
        (any::<Index>(), any::<bool>()).prop_map(|(e, b)| Command::Routing(e, b)),
        (any::<Index>(), label_text()).prop_map(|(f, l)| Command::FrameLabel(f, l)),
        (any::<Index>(), any_rect()).prop_map(|(f, r)| Command::FrameRect(f, r)),
        (picks(), picks(), picks()).prop_map(|(b, e, f)| Command::Delete(b, e, f)),
        picks().prop_map(Command::Duplicate),
        (picks(), offset()).prop_map(|(b, d)| Command::Paste(b, d)),
        label_text().prop_map(Command::Title),
        prop::option::of(label_text()).prop_map(Command::Case),
        (0usize..7, note_text()).prop_map(|(s, t)| Command::Notes(s, t)),
        (any::<Index>(), label_text(), offset()).prop_map(|(b, l, d)| Command::Batch(b, l, d)),
    ]
}

fn pick<T: Copy>(items: &[T], index: Index) -> Option<T> {
    (!items.is_empty()).then(|| items[index.index(items.len())])
}

fn pick_all<T: Copy + Ord>(items: &[T], indexes: &[Index]) -> std::collections::BTreeSet<T> {
    indexes.iter().filter_map(|i| pick(items, *i)).collect()
}

/// Applies one command to the document; the outcome of the edit does not matter here.
fn run(doc: &mut Document, catalog: &Catalog, command: Command) {
    let blocks: Vec<BlockId> = doc.board().blocks.keys().copied().collect();
    let edges: Vec<EdgeId> = doc.board().edges.keys().copied().collect();
    let frames: Vec<FrameId> = doc.board().frames.keys().copied().collect();
    let kinds = catalog.kinds();
    let kind = |k: &Index| kinds[k.index(kinds.len())].id.clone();
    let selection = |b: &[Index], e: &[Index], f: &[Index]| Selection {
        blocks: pick_all(&blocks, b),
        edges: pick_all(&edges, e),
        frames: pick_all(&frames, f),
    };
    let _ = match command {
        Command::AddBlock(k, label, pos) => doc
            .add_block(catalog, &kind(&k), Some(&label), pos)
            .map(|_| ()),
        Command::AddFrame(label, rect) => doc.add_frame(&label, rect).map(|_| ()),
        Command::FrameAround(b, label) => doc
            .frame_around(&selection(&b, &[], &[]), &label)
            .map(|_| ()),
        Command::Move(b, f, delta) => doc.move_items(&selection(&b, &[], &f), delta),
        Command::Connect(a, b) => match (pick(&blocks, a), pick(&blocks, b)) {
            (Some(a), Some(b)) => doc.connect(a, b).map(|_| ()),
            _ => Ok(()),
        },
        Command::Delete(b, e, f) => doc.delete(&selection(&b, &e, &f)),
        Command::Duplicate(b) => doc.duplicate(&selection(&b, &[], &[])).map(|_| ()),
        Command::Paste(b, offset) => {
            let items = doc.copy(&selection(&b, &[], &[]));
            doc.paste(&items, offset).map(|_| ())
        }
        other => match single_edit(other, &blocks, &edges, &frames, &kind) {
            Some(edit) => doc.apply(edit),
            None => Ok(()),
        },
    };
}

/// The commands that are one `Edit` each, or `None` when there is nothing to pick.
fn single_edit(
    command: Command,
    blocks: &[BlockId],
    edges: &[EdgeId],
    frames: &[FrameId],
    kind: &dyn Fn(&Index) -> String,
) -> Option<Edit> {
    Some(match command {
        Command::Rename(b, label) => Edit::SetBlockLabel {
            id: pick(blocks, b)?,
            label,
        },
        Command::SetKind(b, k) => Edit::SetBlockKind {
            id: pick(blocks, b)?,
            kind: kind(&k),
        },
        Command::SetNote(b, note) => Edit::SetBlockNote {
            id: pick(blocks, b)?,
            note,
        },
        Command::SetRect(b, rect) => Edit::SetBlockRect {
            id: pick(blocks, b)?,
            rect,
        },
        Command::Reverse(e) => Edit::ReverseEdge {
            id: pick(edges, e)?,
        },
        Command::EdgeLabel(e, label) => Edit::SetEdgeLabel {
            id: pick(edges, e)?,
            label,
        },
        Command::Routing(e, elbow) => Edit::SetEdgeRouting {
            id: pick(edges, e)?,
            routing: if elbow {
                Routing::Elbow
            } else {
                Routing::Straight
            },
        },
        Command::FrameLabel(f, label) => Edit::SetFrameLabel {
            id: pick(frames, f)?,
            label,
        },
        Command::FrameRect(f, rect) => Edit::SetFrameRect {
            id: pick(frames, f)?,
            rect,
        },
        Command::Title(title) => Edit::SetTitle { title },
        Command::Case(case) => Edit::SetCase { case },
        Command::Notes(step, text) => {
            let mut notes = FrameworkNotes::default();
            *notes.step_mut(step)? = text;
            Edit::SetNotes { notes }
        }
        Command::Batch(b, label, delta) => {
            let id = pick(blocks, b)?;
            Edit::Batch(vec![
                Edit::SetBlockLabel { id, label },
                Edit::Move {
                    blocks: vec![id],
                    frames: vec![],
                    delta,
                },
            ])
        }
        _ => return None,
    })
}

/// A board an edit made can be saved and opened again, as the same board.
fn saves_and_reloads(board: &Board, catalog: &Catalog) {
    let text = store::board_to_text(board).unwrap();
    let loaded = store::parse_board(&text, catalog)
        .unwrap_or_else(|e| panic!("an edited board does not load: {e}\n{text}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.board.blocks, board.blocks);
    assert_eq!(loaded.board.frames, board.frames);
    // Arrows are numbered afresh on loading; everything else about them is kept, in order.
    let arrows = |b: &Board| -> Vec<(BlockId, BlockId, String, Routing)> {
        b.edges
            .values()
            .map(|e| (e.from, e.to, e.label.clone(), e.routing))
            .collect()
    };
    assert_eq!(arrows(&loaded.board), arrows(board));
    assert_eq!(store::board_to_text(&loaded.board).unwrap(), text);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn undo_walks_back_through_every_edit_and_redo_replays_them(
        parts in parts(6),
        commands in prop::collection::vec(command(), 1..30),
    ) {
        let catalog = catalog();
        let original = build(parts, &catalog);
        let mut doc = Document::new(original.clone(), None);
        let mut states = vec![original];
        for command in commands {
            let revision = doc.revision();
            run(&mut doc, &catalog, command);
            if doc.revision() == revision {
                // A refused or empty edit changes nothing.
                prop_assert_eq!(doc.board(), states.last().unwrap());
            } else {
                states.push(doc.board().clone());
            }
        }
        // Whatever editing makes can be saved and opened again.
        for state in &states {
            saves_and_reloads(state, &catalog);
        }
        for state in states.iter().rev().skip(1) {
            prop_assert!(doc.undo());
            prop_assert_eq!(doc.board(), state);
        }
        prop_assert!(!doc.undo(), "more undo steps than edits");
        prop_assert!(!doc.is_dirty());
        for state in states.iter().skip(1) {
            prop_assert!(doc.redo());
            prop_assert_eq!(doc.board(), state);
        }
        prop_assert!(!doc.redo(), "more redo steps than edits");
    }
}

//! Excalidraw drawings kept in Obsidian notes (`.excalidraw.md`): the scene's JSON in a
//! ```json block, or LZ-String compressed in a ```compressed-json block.

use super::lzstring::{self, LzError};
use super::{ImportError, MAX_DECODED_BYTES};

/// Whether a Markdown text is an Obsidian Excalidraw note rather than plain Markdown.
pub(crate) fn is_drawing(text: &str) -> bool {
    text.contains("excalidraw-plugin")
        || text.contains("```compressed-json")
        || text.contains("# Drawing") && text.contains("```json") && text.contains("\"excalidraw")
}

/// The contents of the first fenced block opened by `fence` (up to the closing fence, or
/// the end of the text).
fn block<'t>(text: &'t str, fence: &str) -> Option<&'t str> {
    let mut at = 0;
    while let Some(found) = text[at..].find(fence) {
        let start = at + found + fence.len();
        // The fence's own line must end here (```json, not ```jsonc).
        let rest = &text[start..];
        let line_end = rest.find('\n').unwrap_or(rest.len());
        if rest[..line_end].trim().is_empty() {
            let body = rest[line_end..].strip_prefix('\n').unwrap_or("");
            let end = body.find("\n```").map_or(body.len(), |e| e + 1);
            return Some(&body[..end]);
        }
        at = start;
    }
    None
}

/// The drawing's JSON, decompressed if need be.
pub(crate) fn drawing_json(text: &str) -> Result<String, ImportError> {
    if let Some(compressed) = block(text, "```compressed-json") {
        return lzstring::decompress_base64(compressed, MAX_DECODED_BYTES).map_err(|e| match e {
            LzError::TooLarge => ImportError::TooLarge {
                what: "the compressed drawing",
                max: MAX_DECODED_BYTES,
            },
            LzError::BadCharacter(at) => ImportError::BadCompressed(format!(
                "character {} is not part of its base64 alphabet",
                at + 1
            )),
            LzError::Corrupt => {
                ImportError::BadCompressed("the data is cut off or damaged".to_owned())
            }
            LzError::NotText => ImportError::BadCompressed("it does not decode to text".to_owned()),
        });
    }
    if let Some(json) = block(text, "```json") {
        return Ok(json.to_owned());
    }
    Err(ImportError::NoObsidianDrawing)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTE: &str = "---\nexcalidraw-plugin: parsed\ntags: [excalidraw]\n---\n# Text Elements\nFAISS ^abc\n\n%%\n# Drawing\n```json\n{\"type\":\"excalidraw\",\"elements\":[]}\n```\n%%\n";

    #[test]
    fn finds_the_json_block_and_the_compressed_one() {
        assert!(is_drawing(NOTE));
        assert_eq!(
            drawing_json(NOTE).unwrap(),
            "{\"type\":\"excalidraw\",\"elements\":[]}\n"
        );
        let compressed = lz_str::compress_to_base64("{\"type\":\"excalidraw\",\"elements\":[]}");
        // The plugin breaks the base64 text into lines.
        let (a, b) = compressed.split_at(10);
        let note = format!(
            "---\nexcalidraw-plugin: parsed\n---\n%%\n# Drawing\n```compressed-json\n{a}\n{b}\n```\n%%\n"
        );
        assert_eq!(
            drawing_json(&note).unwrap(),
            "{\"type\":\"excalidraw\",\"elements\":[]}"
        );
        assert_eq!(
            drawing_json("# Just notes\n```jsonc\n{}\n```\n"),
            Err(ImportError::NoObsidianDrawing)
        );
        assert!(!is_drawing(
            "# A README\n```mermaid\ngraph LR\nA-->B\n```\n"
        ));
    }
}

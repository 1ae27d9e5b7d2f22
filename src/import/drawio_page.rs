//! The pages of a draw.io file: an `<mxfile>` of `<diagram>` pages, each plain
//! `<mxGraphModel>` XML or compressed (base64 of raw deflate of URI-encoded XML), or a bare
//! `<mxGraphModel>`. Every decoding step is capped at the board size limit.

use std::io::Read as _;

use base64::Engine as _;

use super::{ImportError, MAX_DECODED_BYTES};

/// Most XML nodes parsed from one file or page: far more than a board of the largest size
/// needs, so the parser's memory stays bounded.
const MAX_NODES: u32 = 4_000_000;

/// Parses XML text with no DTD (so no entity expansion) and a bound on its nodes.
pub(crate) fn parse(text: &str) -> Result<roxmltree::Document<'_>, ImportError> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, options)
        .map_err(|e| ImportError::Xml(e.to_string()))
}

/// A compressed page's XML: base64, then raw deflate (zlib-wrapped data is accepted too),
/// then URI decoding, each stopped at the cap.
pub(crate) fn decode(page: usize, text: &str) -> Result<String, ImportError> {
    let bad = |why: &str| ImportError::BadPage {
        page,
        why: why.to_owned(),
    };
    let packed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(packed.as_bytes())
        .map_err(|_| bad("its compressed text is not base64"))?;
    let inflated = match inflate(flate2::read::DeflateDecoder::new(&bytes[..])) {
        Err(Inflate::Bad) => inflate(flate2::read::ZlibDecoder::new(&bytes[..])),
        done => done,
    }
    .map_err(|e| match e {
        Inflate::TooLarge => ImportError::TooLarge {
            what: "a compressed page",
            max: MAX_DECODED_BYTES,
        },
        Inflate::Bad => bad("its compressed data is damaged"),
    })?;
    // Newer files store the XML URI-encoded; a few older ones store it as it is.
    let decoded: Vec<u8> = percent_encoding::percent_decode(&inflated).collect();
    String::from_utf8(decoded).map_err(|_| bad("it does not decode to UTF-8 text"))
}

enum Inflate {
    TooLarge,
    Bad,
}

/// Reads a decompressing stream up to one byte past the cap.
fn inflate(stream: impl std::io::Read) -> Result<Vec<u8>, Inflate> {
    let mut out = Vec::new();
    stream
        .take(MAX_DECODED_BYTES as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|_| Inflate::Bad)?;
    if out.len() > MAX_DECODED_BYTES {
        return Err(Inflate::TooLarge);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;

    fn compress(xml: &str) -> String {
        let encoded: String =
            percent_encoding::utf8_percent_encode(xml, percent_encoding::NON_ALPHANUMERIC)
                .to_string();
        let mut deflate =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        deflate.write_all(encoded.as_bytes()).unwrap();
        base64::engine::general_purpose::STANDARD.encode(deflate.finish().unwrap())
    }

    #[test]
    fn a_compressed_page_decodes_to_its_xml() {
        let xml = "<mxGraphModel><root><mxCell id=\"0\"/></root></mxGraphModel>";
        assert_eq!(decode(1, &compress(xml)).unwrap(), xml);
        assert!(matches!(
            decode(2, "not base64!"),
            Err(ImportError::BadPage { page: 2, .. })
        ));
    }

    #[test]
    fn a_page_that_inflates_past_the_cap_is_refused() {
        // 60 MB of one letter deflates to some 60 KB.
        let mut deflate =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        let chunk = vec![b'a'; 1 << 20];
        for _ in 0..60 {
            deflate.write_all(&chunk).unwrap();
        }
        let packed = base64::engine::general_purpose::STANDARD.encode(deflate.finish().unwrap());
        assert!(packed.len() < 200_000);
        assert!(matches!(
            decode(1, &packed),
            Err(ImportError::TooLarge { .. })
        ));
    }

    #[test]
    fn a_doctype_is_refused() {
        let text = "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><mxfile>&a;</mxfile>";
        assert!(matches!(parse(text), Err(ImportError::Xml(_))));
    }
}

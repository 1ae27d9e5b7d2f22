//! LZ-String's base64 form, as Obsidian's Excalidraw plugin compresses a drawing, decoded
//! with a cap on the output. The decoder keeps its dictionary as spans of the output (each
//! entry is an earlier stretch of it plus one character), so memory stays linear in the
//! output however the input repeats itself, and the cap stops a bomb before it grows.

/// Why a compressed text could not be decoded.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum LzError {
    /// A character outside LZ-String's base64 alphabet, at this character index.
    BadCharacter(usize),
    /// The data refers to a dictionary entry that does not exist, or ends mid-code.
    Corrupt,
    /// The output would pass the cap.
    TooLarge,
    /// The output is not valid UTF-16 text.
    NotText,
}

/// The 64 characters of LZ-String's base64 form, in value order ('=' pads and reads as 0).
const KEY: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// A dictionary entry: one character, or a stretch of the output.
#[derive(Clone, Copy)]
enum Entry {
    Char(u16),
    Span { start: usize, len: usize },
}

/// Reads the bits of 6-bit values, most significant first within each value.
struct Bits<'a> {
    values: &'a [u8],
    next: usize,
    value: u8,
    mask: u8,
}

impl Bits<'_> {
    fn bit(&mut self) -> Option<u32> {
        if self.mask == 0 {
            self.value = *self.values.get(self.next)?;
            self.next += 1;
            self.mask = 32;
        }
        let bit = u32::from(self.value & self.mask != 0);
        self.mask >>= 1;
        Some(bit)
    }

    /// `n` bits, least significant first.
    fn read(&mut self, n: u32) -> Option<u32> {
        let mut out = 0;
        for i in 0..n {
            out |= self.bit()? << i;
        }
        Some(out)
    }
}

/// Decodes LZ-String base64 text (white space ignored) into at most `max_units` UTF-16
/// units, as a string.
pub(crate) fn decompress_base64(text: &str, max_units: usize) -> Result<String, LzError> {
    let mut values = Vec::with_capacity(text.len());
    for (at, c) in text.chars().enumerate() {
        if c.is_whitespace() {
            continue;
        }
        if c == '=' {
            values.push(0);
            continue;
        }
        let value = u8::try_from(c)
            .ok()
            .and_then(|b| KEY.iter().position(|k| *k == b))
            .ok_or(LzError::BadCharacter(at))?;
        values.push(value as u8);
    }
    let units = decompress(&values, max_units)?;
    String::from_utf16(&units).map_err(|_| LzError::NotText)
}

/// The LZ-String decoder over 6-bit values.
fn decompress(values: &[u8], max_units: usize) -> Result<Vec<u16>, LzError> {
    let mut bits = Bits {
        values,
        next: 0,
        value: 0,
        mask: 0,
    };
    let mut out: Vec<u16> = Vec::new();
    // Codes 0, 1 and 2 are reserved: an 8-bit character, a 16-bit one, the end.
    let mut dictionary: Vec<Entry> = vec![Entry::Char(0); 3];
    let literal = |bits: &mut Bits<'_>, code: u32| -> Result<u16, LzError> {
        let width = if code == 0 { 8 } else { 16 };
        let c = bits.read(width).ok_or(LzError::Corrupt)?;
        u16::try_from(c).map_err(|_| LzError::Corrupt)
    };
    let first = match bits.read(2) {
        None | Some(2) => return Ok(out),
        Some(code @ (0 | 1)) => literal(&mut bits, code)?,
        Some(_) => return Err(LzError::Corrupt),
    };
    dictionary.push(Entry::Char(first));
    out.push(first);
    // The entry emitted last, as a stretch of the output.
    let mut last = (0_usize, 1_usize);
    let mut width: u32 = 3;
    let mut enlarge_in: u64 = 4;
    loop {
        let Some(mut code) = bits.read(width) else {
            return Err(LzError::Corrupt);
        };
        match code {
            0 | 1 => {
                let c = literal(&mut bits, code)?;
                dictionary.push(Entry::Char(c));
                code = (dictionary.len() - 1) as u32;
                enlarge_in -= 1;
            }
            2 => return Ok(out),
            _ => {}
        }
        if enlarge_in == 0 {
            enlarge_in = 1 << width;
            width += 1;
        }
        let start = out.len();
        let code = code as usize;
        let len = match dictionary.get(code) {
            Some(Entry::Char(c)) => {
                grow(&out, 1, max_units)?;
                out.push(*c);
                1
            }
            Some(&Entry::Span { start: s, len }) => {
                grow(&out, len, max_units)?;
                out.extend_from_within(s..s + len);
                len
            }
            None if code == dictionary.len() => {
                // The entry being defined: the last one and its own first character.
                let (s, len) = last;
                grow(&out, len + 1, max_units)?;
                out.extend_from_within(s..s + len);
                out.push(out[s]);
                len + 1
            }
            None => return Err(LzError::Corrupt),
        };
        // The last entry and this one's first character: a stretch of the output, since
        // this entry follows the last one there.
        dictionary.push(Entry::Span {
            start: last.0,
            len: last.1 + 1,
        });
        enlarge_in -= 1;
        last = (start, len);
        if enlarge_in == 0 {
            enlarge_in = 1 << width;
            width += 1;
        }
        // Codes wider than this would need a dictionary no input under the cap makes.
        if width > 30 {
            return Err(LzError::Corrupt);
        }
    }
}

fn grow(out: &[u16], more: usize, max_units: usize) -> Result<(), LzError> {
    if out.len() + more > max_units {
        Err(LzError::TooLarge)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_what_the_reference_compressor_writes() {
        let samples = [
            String::new(),
            "a".to_owned(),
            "The quick brown fox jumps over the lazy dog".to_owned(),
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".to_owned(),
            "{\"type\":\"excalidraw\",\"elements\":[]} ünïcödé ✓ 日本".to_owned(),
            "abcabcabcabcabcabcabc".repeat(300),
        ];
        for sample in samples {
            let compressed = lz_str::compress_to_base64(&sample);
            assert_eq!(decompress_base64(&compressed, 1 << 20), Ok(sample));
        }
    }

    #[test]
    fn white_space_between_lines_is_ignored_and_bad_characters_are_named() {
        let compressed = lz_str::compress_to_base64("hello hello hello");
        let (a, b) = compressed.split_at(5);
        assert_eq!(
            decompress_base64(&format!("{a}\n  {b}\n"), 100),
            Ok("hello hello hello".to_owned())
        );
        assert_eq!(
            decompress_base64("AB$C", 100),
            Err(LzError::BadCharacter(2))
        );
    }

    #[test]
    fn a_bomb_stops_at_the_cap() {
        let big = "x".repeat(200_000);
        let compressed = lz_str::compress_to_base64(&big);
        assert!(compressed.len() < 2_000, "{}", compressed.len());
        assert_eq!(
            decompress_base64(&compressed, 100_000),
            Err(LzError::TooLarge)
        );
        assert_eq!(
            decompress_base64(&compressed, 200_000).map(|s| s.len()),
            Ok(200_000)
        );
    }

    #[test]
    fn junk_is_refused_without_a_panic() {
        for junk in [
            "////////",
            "AAAA",
            "zzzzzzzzzzzzzzzzzzzz",
            "+",
            "Q",
            "gAAAAA",
        ] {
            let _ = decompress_base64(junk, 1000);
        }
    }
}

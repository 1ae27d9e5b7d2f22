//! Chains typed in one line: "query image -> encoder -> FAISS" read as the names of blocks
//! joined left to right.

/// The names of a chain typed in one line, split on arrows and trimmed, empty parts
/// dropped: `->`, `-->`, `=>` (any run of `-`, `=`, `–` or `—` before a `>`), `→` and `⟶`.
/// `None` unless there are at least two names, so a plain name is never a chain. An arrow
/// is always a separator, so no name contains one.
pub fn parse(text: &str) -> Option<Vec<String>> {
    let chars: Vec<char> = text.chars().collect();
    let mut names = Vec::new();
    let mut current = String::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c == '→' || c == '⟶' {
            finish(&mut current, &mut names);
            i += 1;
        } else if is_shaft(c) {
            let end = i + chars[i..].iter().take_while(|&&c| is_shaft(c)).count();
            if chars.get(end) == Some(&'>') {
                finish(&mut current, &mut names);
                i = end + 1;
            } else {
                // Dashes that lead to no head are part of the name ("A - B", "pre-filter").
                current.extend(&chars[i..end]);
                i = end;
            }
        } else {
            current.push(c);
            i += 1;
        }
    }
    finish(&mut current, &mut names);
    (names.len() >= 2).then_some(names)
}

/// A character an arrow's shaft is drawn with.
fn is_shaft(c: char) -> bool {
    matches!(c, '-' | '=' | '–' | '—')
}

/// Ends the name being read: kept trimmed unless it is empty.
fn finish(current: &mut String, names: &mut Vec<String>) {
    let name = current.trim();
    if !name.is_empty() {
        names.push(name.to_owned());
    }
    current.clear();
}

#[cfg(test)]
mod tests {
    use super::parse;

    /// Names as `parse` returns them.
    fn owned(names: &[&str]) -> Vec<String> {
        names.iter().map(|&n| n.to_owned()).collect()
    }

    #[test]
    fn every_arrow_splits_and_names_are_trimmed() {
        assert_eq!(
            parse("query image -> encoder -> FAISS -> re-rank"),
            Some(owned(&["query image", "encoder", "FAISS", "re-rank"]))
        );
        assert_eq!(
            parse("a→b ⟶ c --> d => e —> f"),
            Some(owned(&["a", "b", "c", "d", "e", "f"]))
        );
        assert_eq!(parse("  Kafka->Flink  "), Some(owned(&["Kafka", "Flink"])));
    }

    #[test]
    fn empty_parts_are_dropped_and_one_name_is_no_chain() {
        assert_eq!(parse("a -> -> b ->"), Some(owned(&["a", "b"])));
        assert_eq!(parse("-> a ->"), None);
        assert_eq!(parse("re-rank"), None);
        assert_eq!(parse("A - B > C"), None);
        assert_eq!(parse(""), None);
        assert_eq!(parse("->"), None);
    }

    #[test]
    fn dashes_without_a_head_stay_in_the_name() {
        assert_eq!(
            parse("pre-filter -> A -- B"),
            Some(owned(&["pre-filter", "A -- B"]))
        );
    }
}

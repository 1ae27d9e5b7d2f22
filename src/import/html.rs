//! HTML labels (draw.io's `html=1`, Mermaid's `<br/>` and `<b>`) as plain text: tags
//! dropped, line breaks and blocks as spaces, character references decoded.

/// The text of an HTML fragment.
pub(crate) fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            let Some(end) = rest.find('>') else {
                // A lone '<' is text.
                out.push('<');
                rest = &rest[1..];
                continue;
            };
            let tag = rest[1..end].trim_start_matches('/').to_ascii_lowercase();
            let name = tag
                .split(|c: char| !c.is_ascii_alphanumeric())
                .next()
                .unwrap_or("");
            if matches!(
                name,
                "br" | "div" | "p" | "li" | "tr" | "td" | "h1" | "h2" | "h3" | "h4" | "hr"
            ) {
                out.push(' ');
            }
            rest = &rest[end + 1..];
        } else {
            let (decoded, used) = entity(rest);
            out.push_str(&decoded);
            rest = &rest[used..];
        }
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The character reference at the start of `text` and how many bytes it takes; a lone '&'
/// is itself.
fn entity(text: &str) -> (String, usize) {
    let Some(end) = text[1..].find(';').map(|e| e + 1).filter(|&e| e <= 12) else {
        return ("&".to_owned(), 1);
    };
    let name = &text[1..end];
    let named = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => None,
    };
    let numeric = || {
        let code = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
            u32::from_str_radix(hex, 16).ok()
        } else {
            name.strip_prefix('#').and_then(|d| d.parse::<u32>().ok())
        };
        code.and_then(char::from_u32)
    };
    match named.or_else(numeric) {
        Some(c) => (c.to_string(), end + 1),
        None => ("&".to_owned(), 1),
    }
}

#[cfg(test)]
mod tests {
    use super::to_text;

    #[test]
    fn tags_go_and_entities_are_decoded() {
        assert_eq!(
            to_text("<div><b>Feature</b>&nbsp;store<br>(Feast)</div>"),
            "Feature store (Feast)"
        );
        assert_eq!(
            to_text("a &amp; b &lt;c&gt; &#233;&#x41; &bogus; 1 < 2"),
            "a & b <c> éA &bogus; 1 < 2"
        );
        assert_eq!(to_text("x&"), "x&");
        assert_eq!(to_text("<span style=\"color: red\">Kafka</span>"), "Kafka");
    }
}

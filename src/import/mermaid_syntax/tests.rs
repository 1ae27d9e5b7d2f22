//! The Mermaid statement parser, one syntax each.

use super::*;

fn node(id: &str, label: Option<&str>) -> NodeRef {
    NodeRef {
        id: id.to_owned(),
        label: label.map(str::to_owned),
        class: None,
    }
}

/// A link as (start head, end head, label).
type Heads = (bool, bool, Option<String>);

/// The statement's nodes (with labels) and links.
fn chain(text: &str) -> (Vec<Vec<NodeRef>>, Vec<Heads>) {
    match statement(text).unwrap_or_else(|e| panic!("{text}: {e}")) {
        Statement::Chain { groups, links } => (
            groups,
            links
                .into_iter()
                .map(|l| (l.start_head, l.end_head, l.label))
                .collect(),
        ),
        other => panic!("{text}: {other:?}"),
    }
}

#[test]
fn every_node_shape_gives_its_label() {
    for (text, label) in [
        ("A[Box]", "Box"),
        ("A(Round)", "Round"),
        ("A([Stadium])", "Stadium"),
        ("A[[Subroutine]]", "Subroutine"),
        ("A[(Database)]", "Database"),
        ("A((Circle))", "Circle"),
        ("A(((Double)))", "Double"),
        ("A>Flag]", "Flag"),
        ("A{Decision?}", "Decision?"),
        ("A{{Hexagon}}", "Hexagon"),
        ("A[/Slant/]", "Slant"),
        ("A[\\Back\\]", "Back"),
        ("A[/Trapezoid\\]", "Trapezoid"),
        ("A[\\Inverted/]", "Inverted"),
        (
            "A[\"Quoted (with) [brackets]\"]",
            "Quoted (with) [brackets]",
        ),
        (
            "A[\"Line one<br/>line #quot;two#quot;\"]",
            "Line one line \"two\"",
        ),
        ("A[\"`**Bold** text`\"]", "Bold text"),
        (
            "A@{ shape: cyl, label: \"Feature store\" }",
            "Feature store",
        ),
        ("my-node_2[Dash id]", "Dash id"),
    ] {
        let (groups, _) = chain(text);
        assert_eq!(groups[0][0].label.as_deref(), Some(label), "{text}");
    }
}

#[test]
fn every_link_gives_its_heads_and_label() {
    let t = Some("text".to_owned());
    for (text, link) in [
        ("A-->B", (false, true, None)),
        ("A --> B", (false, true, None)),
        ("A---B", (false, false, None)),
        ("A-.->B", (false, true, None)),
        ("A-.-B", (false, false, None)),
        ("A==>B", (false, true, None)),
        ("A===B", (false, false, None)),
        ("A<-->B", (true, true, None)),
        ("A --x B", (false, true, None)),
        ("A o--o B", (true, true, None)),
        ("A---->B", (false, true, None)),
        ("A -- text --> B", (false, true, t.clone())),
        ("A -- text --- B", (false, false, t.clone())),
        ("A == text ==> B", (false, true, t.clone())),
        ("A -. text .-> B", (false, true, t.clone())),
        ("A -.text.-> B", (false, true, t.clone())),
        ("A--text-->B", (false, true, t.clone())),
        ("A -->|text| B", (false, true, t.clone())),
        ("A-->|\"text\"|B", (false, true, t.clone())),
        ("A ---|text| B", (false, false, t.clone())),
    ] {
        let (groups, links) = chain(text);
        assert_eq!(links, [link], "{text}");
        assert_eq!(groups[1][0].id, "B", "{text}");
    }
}

#[test]
fn chains_ampersands_and_classes() {
    let (groups, links) = chain("A & B[Two] --> C:::ranker --> D");
    assert_eq!(groups[0], [node("A", None), node("B", Some("Two"))]);
    assert_eq!(groups[1][0].class.as_deref(), Some("ranker"));
    assert_eq!(links.len(), 2);
    let Ok(Statement::Chain { links, .. }) = statement("A ~~~ B") else {
        panic!("~~~ is a link");
    };
    assert!(links[0].invisible);
}

#[test]
fn subgraphs_classes_and_styling() {
    assert_eq!(
        statement("subgraph online [Online serving]"),
        Ok(Statement::Subgraph {
            id: "online".into(),
            title: "Online serving".into()
        })
    );
    assert_eq!(
        statement("subgraph \"Batch jobs\""),
        Ok(Statement::Subgraph {
            id: "Batch jobs".into(),
            title: "Batch jobs".into()
        })
    );
    assert_eq!(
        statement("subgraph Offline training"),
        Ok(Statement::Subgraph {
            id: "Offline training".into(),
            title: "Offline training".into()
        })
    );
    assert_eq!(statement("end"), Ok(Statement::End));
    assert_eq!(
        statement("class a,b ann_index"),
        Ok(Statement::Class {
            ids: vec!["a".into(), "b".into()],
            class: "ann_index".into()
        })
    );
    for ignored in [
        "classDef store fill:#f9f",
        "style A fill:#bbf",
        "linkStyle 0 stroke:red",
        "click A href \"x\"",
        "direction LR",
    ] {
        assert_eq!(statement(ignored), Ok(Statement::Ignored), "{ignored}");
    }
    assert!(statement("A --> ").is_err());
    assert!(statement("-->").is_err());
}

#[test]
fn statements_split_at_semicolons_outside_labels() {
    assert_eq!(
        split_statements("A-->B; B[\"x; y\"]-->C;"),
        ["A-->B", "B[\"x; y\"]-->C"]
    );
    assert!(looks_like_flowchart(
        "%%{init: {'theme':'dark'}}%%\n%% note\nflowchart LR\nA-->B"
    ));
    assert!(looks_like_flowchart("---\ntitle: X\n---\ngraph TD;A-->B"));
    assert!(!looks_like_flowchart("sequenceDiagram\nA->>B: hi"));
}

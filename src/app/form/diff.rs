//! What a form changes against the record it started from, field by field, and the part of a
//! long value that changed, so a question about unsaved edits can show them.

use super::row::value_text;
use super::{FieldPath, Form};

/// One changed field: its label and its text before and after (`None`: the row did not
/// exist, or no longer does).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The changed part of a value with a little of what surrounds it; `…` stands for text left
/// out at either end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub lead: String,
    pub removed: String,
    pub added: String,
    pub tail: String,
}

fn cut_middle(chars: &[char], max: usize) -> String {
    if chars.len() <= max {
        return chars.iter().collect();
    }
    let half = max.saturating_sub(1) / 2;
    let head: String = chars[..half].iter().collect();
    let tail: String = chars[chars.len() - half..].iter().collect();
    format!("{head}…{tail}")
}

/// The difference of two texts: the common start and end are trimmed to `context`
/// characters, and the removed and added middles to `max` each (cut in their middle).
pub fn excerpt(before: &str, after: &str, context: usize, max: usize) -> Excerpt {
    let a: Vec<char> = before.chars().collect();
    let b: Vec<char> = after.chars().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    let lead_from = prefix.saturating_sub(context);
    let mut lead: String = a[lead_from..prefix].iter().collect();
    if lead_from > 0 {
        lead.insert(0, '…');
    }
    let tail_end = (a.len() - suffix + context).min(a.len());
    let mut tail: String = a[a.len() - suffix..tail_end].iter().collect();
    if tail_end < a.len() {
        tail.push('…');
    }
    Excerpt {
        lead,
        removed: cut_middle(&a[prefix..a.len() - suffix], max),
        added: cut_middle(&b[prefix..b.len() - suffix], max),
        tail,
    }
}

impl Form {
    /// True when a field holds something other than what the form started from.
    pub fn changed(&self, path: FieldPath) -> bool {
        match path {
            FieldPath::Name => self.name.text() != self.base.name,
            FieldPath::Type => self.record_type.text() != self.base.record_type,
            FieldPath::MetadataKey(i) => self
                .rows
                .get(i)
                .is_some_and(|r| r.original.as_ref().is_none_or(|(k, _)| *k != r.key.text())),
            FieldPath::MetadataValue(i) => self.rows.get(i).is_some_and(|r| match &r.original {
                Some((k, v)) => {
                    r.key.text() != *k
                        || r.kind != super::ValueKind::of(v)
                        || r.value.text() != value_text(v)
                }
                None => true,
            }),
        }
    }

    /// Every change against the form's base, in form order; removed keys last.
    pub fn changes(&self) -> Vec<Change> {
        let mut out = Vec::new();
        let mut field = |field: &str, before: &str, after: String| {
            if before != after {
                out.push(Change {
                    field: field.to_owned(),
                    before: Some(before.to_owned()),
                    after: Some(after),
                });
            }
        };
        field("name", &self.base.name, self.name.text());
        field("type", &self.base.record_type, self.record_type.text());
        for row in &self.rows {
            let key = row.key.text();
            let now = row.value.text();
            let before = self.base.metadata.get(&key).map(value_text);
            let same_kind = self
                .base
                .metadata
                .get(&key)
                .is_some_and(|v| super::ValueKind::of(v) == row.kind);
            if before.as_deref() != Some(now.as_str()) || !same_kind {
                out.push(Change {
                    field: key,
                    before,
                    after: Some(format!("{now}{}", kind_note(row.kind))),
                });
            }
        }
        let keys: Vec<String> = self.rows.iter().map(|r| r.key.text()).collect();
        out.extend(
            self.base
                .metadata
                .iter()
                .filter(|(k, _)| !keys.contains(k))
                .map(|(k, v)| Change {
                    field: k.clone(),
                    before: Some(value_text(v)),
                    after: None,
                }),
        );
        out
    }
}

/// A value that is not a string says its type: `5` the number and `5` the text differ.
fn kind_note(kind: super::ValueKind) -> String {
    match kind {
        super::ValueKind::String => String::new(),
        other => format!(" [{}]", other.label()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_deep_in_a_long_value_is_shown_with_its_surroundings() {
        let before = format!("{}needle{}", "a".repeat(500), "z".repeat(500));
        let after = format!("{}pin{}", "a".repeat(500), "z".repeat(500));
        let e = excerpt(&before, &after, 5, 20);
        assert_eq!(e.lead, "…aaaaa");
        assert_eq!((e.removed.as_str(), e.added.as_str()), ("needle", "pin"));
        assert_eq!(e.tail, "zzzzz…");
    }

    #[test]
    fn long_insertions_are_cut_in_the_middle() {
        let e = excerpt("ab", &format!("a{}b", "x".repeat(100)), 3, 11);
        assert_eq!(e.removed, "");
        assert_eq!(e.added, "xxxxx…xxxxx");
        assert_eq!((e.lead.as_str(), e.tail.as_str()), ("a", "b"));
    }

    #[test]
    fn repeated_letters_do_not_overlap_prefix_and_suffix() {
        let e = excerpt("aa", "aaa", 3, 10);
        assert_eq!((e.removed.as_str(), e.added.as_str()), ("", "a"));
    }
}

//! How the loaded rows are arranged: which metadata columns show (`:columns`) and the order
//! of the loaded rows (`:sort`). Both work on what is loaded; the server is not asked.

use super::list::{ListState, MetaColumn};
use super::row::Row;
use std::cmp::Ordering;

/// `:sort KEY [desc]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sort {
    pub key: String,
    pub desc: bool,
}

impl Sort {
    pub fn new(key: &str, desc: bool) -> Self {
        Self {
            key: key.to_owned(),
            desc,
        }
    }

    /// As typed at `:sort` (and stored in a view): `priority` or `priority desc`.
    pub fn text(&self) -> String {
        if self.desc {
            format!("{} desc", self.key)
        } else {
            self.key.clone()
        }
    }

    /// Reads [`Sort::text`] back.
    pub fn parse(text: &str) -> Option<Self> {
        let mut words = text.split_whitespace();
        let key = words.next()?;
        let desc = words.next().is_some_and(|w| w.eq_ignore_ascii_case("desc"));
        Some(Self::new(key, desc))
    }
}

/// The value a row sorts by: the columns every row has, else its metadata.
fn sort_value<'a>(row: &'a Row, key: &str) -> Option<&'a str> {
    match key {
        "name" => Some(&row.name),
        "type" => Some(&row.record_type),
        "id" => Some(&row.id),
        "updatedAt" => Some(&row.updated_at),
        other => row.field(other),
    }
}

/// Numbers compare as numbers, everything else as text; rows without the key go last in
/// either direction, so `desc` never buries the ones that have it.
fn compare(a: Option<&str>, b: Option<&str>, desc: bool) -> Ordering {
    let (a, b) = match (a, b) {
        (Some(a), Some(b)) => (a, b),
        (Some(_), None) => return Ordering::Less,
        (None, Some(_)) => return Ordering::Greater,
        (None, None) => return Ordering::Equal,
    };
    let order = match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
        _ => a.to_lowercase().cmp(&b.to_lowercase()),
    };
    if desc { order.reverse() } else { order }
}

impl ListState {
    /// Shows exactly these metadata keys (`:columns`); none goes back to the choice from the
    /// data. The local filter searches what is shown, so its index follows.
    pub fn set_columns(&mut self, keys: Vec<String>) {
        self.chosen_columns = (!keys.is_empty()).then_some(keys);
        self.columns = self.pick_columns();
        self.reindex();
    }

    /// The user's columns, else the common keys of the loaded rows.
    pub(super) fn pick_columns(&self) -> Vec<MetaColumn> {
        match &self.chosen_columns {
            Some(keys) => keys
                .iter()
                .map(|key| MetaColumn {
                    key: key.clone(),
                    label: self.labels.get(key).cloned().unwrap_or_else(|| key.clone()),
                })
                .collect(),
            None => super::list::common_columns(&self.records, &self.labels),
        }
    }

    /// Orders the loaded rows (`None`: keeps the current order; a reload restores the
    /// server's). The selected record stays selected.
    pub fn set_sort(&mut self, sort: Option<Sort>, rows: usize) {
        self.sort = sort;
        self.apply_sort(rows);
    }

    /// Sorts the loaded rows by the sort in effect, if any; stable, so equal rows keep the
    /// server's order.
    pub(super) fn apply_sort(&mut self, rows: usize) {
        let Some(sort) = self.sort.clone() else {
            return;
        };
        let keep = self.selected_record().map(|r| r.id.clone());
        self.records.sort_by(|a, b| {
            compare(
                sort_value(a, &sort.key),
                sort_value(b, &sort.key),
                sort.desc,
            )
        });
        self.reindex();
        self.selected = keep
            .and_then(|id| (0..self.len()).find(|&i| self.row(i).is_some_and(|r| r.id == id)))
            .unwrap_or(0);
        self.scroll_into_view(rows);
    }

    /// Drops deleted records from the loaded rows (and the total), keeping the view in range.
    pub fn remove_rows(&mut self, ids: &std::collections::HashSet<&str>, rows: usize) {
        let before = self.records.len();
        self.records.retain(|r| !ids.contains(&*r.id));
        let removed = (before - self.records.len()) as u64;
        self.total = self.total.map(|t| t.saturating_sub(removed));
        self.reindex();
        self.selected = self.selected.min(self.len().saturating_sub(1));
        self.scroll_into_view(rows);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::tests::page;

    fn list() -> ListState {
        let mut l = ListState::default();
        l.accept(page(0..6, None));
        l
    }

    fn names(l: &ListState) -> Vec<String> {
        (0..l.len())
            .filter_map(|i| l.row(i))
            .map(|r| r.name.to_string())
            .collect()
    }

    #[test]
    fn sort_orders_numbers_as_numbers_and_keeps_the_selection() {
        let mut l = list();
        l.selected = 2;
        let picked = l.selected_record().map(|r| r.id.clone());
        l.set_sort(Some(Sort::new("name", true)), 10);
        assert_eq!(
            names(&l),
            [
                "Record 5", "Record 4", "Record 3", "Record 2", "Record 1", "Record 0"
            ]
        );
        assert_eq!(l.selected_record().map(|r| r.id.clone()), picked);
        assert_eq!(compare(Some("9"), Some("10"), false), Ordering::Less);
        assert_eq!(compare(None, Some("a"), true), Ordering::Greater);
    }

    #[test]
    fn chosen_columns_survive_a_reload_and_feed_the_local_filter() {
        let mut l = list();
        l.set_columns(vec!["seats".into(), "price".into()]);
        let keys: Vec<&str> = l.columns.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["seats", "price"]);
        l.accept(page(0..3, None));
        assert_eq!(l.columns.len(), 2, "a new page keeps the user's columns");
        l.filter_locally("1.50", 10);
        assert_eq!(l.len(), 3, "the shown price column is searched");
        l.set_columns(Vec::new());
        assert_eq!(l.columns[0].key, "status", "back to the automatic choice");
    }

    #[test]
    fn sort_text_round_trips() {
        let s = Sort::new("priority", true);
        assert_eq!(Sort::parse(&s.text()), Some(s));
        assert_eq!(Sort::parse("  "), None);
    }
}

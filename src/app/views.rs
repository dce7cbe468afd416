//! Saved views: a name for the list's filter, search, type, columns and sort. The app keeps
//! them as data; the runtime reads and writes the file.

use super::arrange::Sort;
use super::{App, Effect, filter_expr};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One saved view; every part is optional, so a view may only set columns, say.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedView {
    /// The `:filter` line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub columns: Option<Vec<String>>,
    /// As typed at `:sort`: `priority desc`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
}

/// All saved views of a profile and the one in use (restored at the next start).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewBook {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<String>,
    #[serde(default)]
    pub views: BTreeMap<String, SavedView>,
}

impl App {
    /// What the list shows now, as a view.
    fn view_of_now(&self) -> SavedView {
        let f = &self.list.filter;
        SavedView {
            filter: f.expr.as_ref().map(|e| e.text.clone()),
            search: Some(f.search.clone()).filter(|s| !s.is_empty()),
            record_type: f.record_type.clone(),
            columns: self.list.chosen_columns.clone(),
            sort: self.list.sort.as_ref().map(Sort::text),
        }
    }

    /// `:view save NAME`.
    pub(super) fn save_view(&mut self, name: String) -> Vec<Effect> {
        let view = self.view_of_now();
        self.views.views.insert(name.clone(), view);
        self.notice = Some(format!("Saved the view {name}"));
        self.views.current = Some(name);
        vec![self.store_views()]
    }

    fn store_views(&self) -> Effect {
        Effect::SaveViews {
            book: Box::new(self.views.clone()),
        }
    }

    /// `:view NAME`: replaces filter, search, type, columns and sort, and reloads.
    pub(super) fn apply_view(&mut self, name: &str) -> Vec<Effect> {
        if !self.views.views.contains_key(name) {
            self.notice = Some(format!("No view named {name}; :views lists them"));
            return Vec::new();
        }
        self.set_view(name);
        self.views.current = Some(name.to_owned());
        vec![self.store_views(), self.load_first_page()]
    }

    /// Puts a saved view's parts into the list state (no request). A filter line that no
    /// longer parses is dropped with a notice rather than blocking the view.
    pub(super) fn set_view(&mut self, name: &str) {
        let Some(view) = self.views.views.get(name).cloned() else {
            return;
        };
        let f = &mut self.list.filter;
        f.search = view.search.unwrap_or_default();
        f.record_type = view.record_type;
        f.expr = None;
        if let Some(text) = view.filter {
            match filter_expr::parse(&text) {
                Ok(expr) => self.set_filter_expr(text, &expr),
                Err(e) => self.notice = Some(format!("The view's filter was left out: {e}")),
            }
        }
        self.list.set_columns(view.columns.unwrap_or_default());
        self.list.sort = view.sort.as_deref().and_then(Sort::parse);
    }

    /// Puts a `:filter` line in effect without asking anything: without a type it is left
    /// out (a saved view has nobody to ask at start).
    fn set_filter_expr(&mut self, text: String, expr: &filter_expr::FilterExpr) {
        let in_effect = self.list.filter.record_type.as_deref();
        let Some(filter) = expr.to_filter(in_effect) else {
            self.notice = Some("The view's filter was left out: it names no type".into());
            return;
        };
        self.list.filter.record_type = Some(filter.record_type.clone());
        self.list.filter.expr = Some(super::list::ActiveFilter {
            text,
            own_type: expr.record_type.is_some(),
            filter,
        });
    }

    /// `:views`: the names, the one in use marked.
    pub(super) fn list_views(&mut self) -> Vec<Effect> {
        if self.views.views.is_empty() {
            self.notice = Some("No saved views yet: :view save NAME saves the current one".into());
            return Vec::new();
        }
        let current = self.views.current.as_deref();
        let names: Vec<String> = self
            .views
            .views
            .keys()
            .map(|n| {
                if Some(n.as_str()) == current {
                    format!("{n} (in use)")
                } else {
                    n.clone()
                }
            })
            .collect();
        self.notice = Some(format!(
            "Views: {}  (:view NAME applies one)",
            names.join(", ")
        ));
        Vec::new()
    }

    /// Clearing every filter leaves the view: the next start shows the plain list.
    pub(super) fn leave_view(&mut self) -> Option<Effect> {
        self.views.current.take()?;
        Some(self.store_views())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_book_reads_back_from_its_toml() {
        let mut book = ViewBook::default();
        book.views.insert(
            "urgent".into(),
            SavedView {
                filter: Some("status=open priority=urgent".into()),
                record_type: Some("ticket".into()),
                columns: Some(vec!["status".into(), "assignee".into()]),
                sort: Some("priority desc".into()),
                ..SavedView::default()
            },
        );
        book.current = Some("urgent".into());
        let text = toml::to_string(&book).expect("toml");
        assert!(text.contains("[views.urgent]"), "{text}");
        assert!(text.contains("type = \"ticket\""), "{text}");
        assert_eq!(toml::from_str::<ViewBook>(&text).expect("reads"), book);
    }
}

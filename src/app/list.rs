//! The record list: loaded pages, selection and scroll, filters, and which columns to show.

use super::Ticket;
use super::local::{LocalFilter, SearchIndex};
use super::remote::Remote;
use super::row::{Row, RowPage};
use crate::api::{ApiError, ListQuery, Record, RecordFilter, RecordFilters};
use std::collections::{BTreeSet, HashMap, HashSet};

/// Records per request. The API's maximum: fewer round trips while scrolling.
pub const PAGE_SIZE: u32 = 100;
/// Smaller page sizes to fall back to, in order, when a server answers 400 for the limit
/// (the contract leaves the maximum open; other Runtype lists document 50, the SDK 20).
pub const SMALLER_PAGE_SIZES: [u32; 2] = [50, 20];
/// Start loading the next page when the selection is this close to the end.
pub const PREFETCH_ROWS: usize = 30;

/// What the list is narrowed to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListFilter {
    pub search: String,
    pub record_type: Option<String>,
    /// The `:filter` in effect, sent as `recordFilter`.
    pub expr: Option<ActiveFilter>,
}

/// A `:filter` line as typed and as sent.
#[derive(Debug, Clone, PartialEq)]
pub struct ActiveFilter {
    pub text: String,
    /// The line named its type (`type=...`); otherwise the type filter in effect is used.
    pub own_type: bool,
    pub filter: RecordFilter,
}

impl ListFilter {
    pub fn is_empty(&self) -> bool {
        self.search.is_empty() && self.record_type.is_none() && self.expr.is_none()
    }
}

/// Why the list stopped asking for more although the server said there was more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PagingStop {
    /// `hasMore: true` with an empty `data`: asking again would only loop.
    EmptyPage,
    /// A `nextCursor` that was already asked for: the next page would repeat an earlier one.
    RepeatedCursor,
}

impl PagingStop {
    pub fn describe(self) -> &'static str {
        match self {
            Self::EmptyPage => "paging stopped: the server sent an empty page",
            Self::RepeatedCursor => "paging stopped: the server repeated a cursor",
        }
    }
}

/// An extra column taken from a common metadata key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaColumn {
    pub key: String,
    pub label: String,
}

#[derive(Debug, Clone, Default)]
pub struct ListState {
    pub records: Vec<Row>,
    /// Display labels of metadata keys seen so far.
    pub labels: HashMap<String, String>,
    pub selected: usize,
    /// Index of the first visible row.
    pub offset: usize,
    /// The current load: `Loading(ticket)` while a page is on its way.
    pub load: Remote<()>,
    /// True while the pending load appends a page rather than replacing the list.
    pub appending: bool,
    pub next_cursor: Option<String>,
    pub has_more: bool,
    pub total: Option<u64>,
    /// The filter of the records on screen.
    pub filter: ListFilter,
    /// Items of the last pages the client could not read.
    pub skipped: usize,
    pub columns: Vec<MetaColumn>,
    /// The keys picked with `:columns`; `None`: chosen from the data.
    pub chosen_columns: Option<Vec<String>>,
    /// `:sort`: the loaded rows are kept in this order as pages arrive.
    pub sort: Option<super::arrange::Sort>,
    pub types_seen: BTreeSet<String>,
    /// Page size in use: `PAGE_SIZE`, or a smaller one a server insisted on (kept for the
    /// session). Zero means not decided yet, i.e. `PAGE_SIZE`.
    pub page_size: u32,
    /// Row index of each loaded id: a record sent twice is listed once.
    pub ids: HashMap<Box<str>, usize>,
    /// Records the server sent again on a later page (merged into their first row).
    pub duplicates: usize,
    /// Cursors already asked for in this listing.
    pub cursors_seen: HashSet<String>,
    pub stopped: Option<PagingStop>,
    /// `G` asked for the real last record: pages load one after another until the end.
    pub to_end: bool,
    /// Pending search debounce.
    pub debounce: Option<Ticket>,
    /// Narrowing of the loaded rows as typed (`f`); `selected` and `offset` count matches then.
    pub local: Option<LocalFilter>,
    /// What the local filter searches, kept in step with `records`.
    pub index: SearchIndex,
}

/// How many rows the list shows at a terminal height: title, header and status bar aside.
pub fn visible_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(3)).max(1)
}

/// Metadata keys with short scalar values in most loaded rows, most common first.
pub(super) fn common_columns(rows: &[Row], labels: &HashMap<String, String>) -> Vec<MetaColumn> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for r in rows.iter().take(500) {
        for (k, _) in r.fields.iter() {
            *counts.entry(k).or_default() += 1;
        }
    }
    let mut keys: Vec<(&str, usize)> = counts
        .into_iter()
        .filter(|(_, n)| *n * 3 >= rows.len().min(500))
        .collect();
    let preferred = |k: &str| {
        ["status", "priority"]
            .iter()
            .position(|p| *p == k)
            .unwrap_or(usize::MAX)
    };
    keys.sort_by(|a, b| {
        preferred(a.0)
            .cmp(&preferred(b.0))
            .then(b.1.cmp(&a.1))
            .then(a.0.cmp(b.0))
    });
    keys.into_iter()
        .take(2)
        .map(|(key, _)| MetaColumn {
            key: key.to_owned(),
            label: labels.get(key).cloned().unwrap_or_else(|| key.to_owned()),
        })
        .collect()
}

impl ListState {
    /// How many rows the list shows: all loaded records, or those matching the local filter.
    pub fn len(&self) -> usize {
        self.local
            .as_ref()
            .map_or(self.records.len(), |l| l.matches.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The record on row `i` of what the list shows.
    pub fn row(&self, i: usize) -> Option<&Row> {
        match &self.local {
            Some(l) => l.matches.get(i).and_then(|&r| self.records.get(r)),
            None => self.records.get(i),
        }
    }

    pub fn selected_record(&self) -> Option<&Row> {
        self.row(self.selected)
    }

    fn column_keys(&self) -> Vec<String> {
        self.columns.iter().map(|c| c.key.clone()).collect()
    }

    /// Sets (or with an empty query, clears) the local filter and keeps the view in range.
    pub fn filter_locally(&mut self, query: &str, rows: usize) {
        if query.is_empty() {
            let keep = self
                .local
                .as_ref()
                .and_then(|l| l.matches.get(self.selected).copied());
            self.local = None;
            self.selected = keep.unwrap_or(0);
        } else {
            self.local
                .get_or_insert_with(LocalFilter::default)
                .update(query, &self.index);
            self.selected = 0;
        }
        self.offset = 0;
        self.scroll_into_view(rows);
    }

    /// The query for the first page (`cursor == None`) or the next one.
    pub fn query(&self, cursor: Option<String>) -> ListQuery {
        ListQuery {
            filters: RecordFilters {
                record_type: self.filter.record_type.clone(),
                search: Some(self.filter.search.clone()).filter(|s| !s.is_empty()),
                record_filter: self.filter.expr.as_ref().map(|e| e.filter.clone()),
                ..RecordFilters::default()
            },
            limit: Some(self.limit()),
            include_count: cursor.is_none(),
            cursor,
            ..ListQuery::default()
        }
    }

    /// The page size to ask for.
    pub fn limit(&self) -> u32 {
        if self.page_size == 0 {
            PAGE_SIZE
        } else {
            self.page_size
        }
    }

    /// After a 400 for the limit: the next smaller page size, remembered; `None` when the
    /// smallest was refused too.
    pub fn smaller_page_size(&mut self) -> Option<u32> {
        let next = SMALLER_PAGE_SIZES.into_iter().find(|&n| n < self.limit())?;
        self.page_size = next;
        Some(next)
    }

    /// Takes a page in: replaces the list (keeping the selected record if it is still there)
    /// or appends to it. Returns how many new rows it added.
    pub fn accept(&mut self, page: RowPage) -> usize {
        let keep = self.selected_record().map(|r| r.id.clone());
        if self.appending {
            self.skipped += page.skipped;
            self.cursors_seen.extend(self.next_cursor.take());
        } else {
            self.skipped = page.skipped;
            self.records.clear();
            self.ids.clear();
            self.duplicates = 0;
            self.cursors_seen.clear();
            self.total = page.pagination.total_count;
        }
        self.types_seen
            .extend(page.rows.iter().map(|r| r.record_type.to_string()));
        for (k, l) in page.labels {
            self.labels.entry(k).or_insert(l);
        }
        let start = self.records.len();
        let sent = page.rows.len() + page.skipped;
        let replaced = self.merge_rows(page.rows);
        self.follow(page.pagination, sent);
        if !self.appending {
            self.columns = self.pick_columns();
            self.index.clear();
        }
        let keys = self.column_keys();
        for i in replaced.into_iter().filter(|&i| i < start) {
            self.index.replace(i, &self.records[i], &keys);
        }
        self.index.extend(&self.records[start..], &keys);
        if let Some(local) = self.local.as_mut() {
            if self.appending {
                local.extend(&self.index, start);
            } else {
                // A reloaded list is filtered from scratch with the same text.
                let query = std::mem::take(&mut local.query);
                local.update(&query, &self.index);
            }
        }
        if !self.appending {
            self.selected = keep
                .and_then(|id| (0..self.len()).find(|&i| self.row(i).is_some_and(|r| r.id == id)))
                .unwrap_or(0);
        }
        self.load = Remote::Loaded(());
        self.records.len() - start
    }

    /// Appends rows, one per id: a record sent again replaces its row when it is at least as
    /// new (`updatedAt`), and is counted. Returns the earlier rows that were replaced.
    fn merge_rows(&mut self, rows: Vec<Row>) -> Vec<usize> {
        let mut replaced = Vec::new();
        for row in rows {
            match self.ids.get(&row.id) {
                Some(&i) => {
                    self.duplicates += 1;
                    if row.updated_at >= self.records[i].updated_at {
                        self.records[i] = row;
                        replaced.push(i);
                    }
                }
                None => {
                    self.ids.insert(row.id.clone(), self.records.len());
                    self.records.push(row);
                }
            }
        }
        replaced
    }

    /// Whether to page on: not past an empty page or a cursor already asked for, whatever
    /// `hasMore` says, so a broken server cannot make the list ask forever.
    fn follow(&mut self, pagination: crate::api::Pagination, sent: usize) {
        let next = pagination.next_cursor;
        self.has_more = pagination.has_more && next.is_some();
        self.stopped = None;
        if self.has_more && sent == 0 {
            self.stopped = Some(PagingStop::EmptyPage);
        } else if next.as_ref().is_some_and(|c| self.cursors_seen.contains(c)) {
            self.stopped = Some(PagingStop::RepeatedCursor);
        }
        if self.stopped.is_some() {
            self.has_more = false;
        }
        self.next_cursor = next;
    }

    pub fn fail(&mut self, e: ApiError) {
        self.load = Remote::Failed(e);
    }

    /// Moves the selection by `delta` rows, clamped, and scrolls it into view.
    pub fn move_by(&mut self, delta: isize, rows: usize) {
        let last = self.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.scroll_into_view(rows);
    }

    pub fn scroll_into_view(&mut self, rows: usize) {
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        let len = self.len();
        self.offset = self.offset.min(len.saturating_sub(rows.min(len)));
    }

    /// Whether the next page should be fetched now. Not while filtering locally: a narrow
    /// filter would otherwise pull in every page.
    pub fn wants_more(&self) -> bool {
        self.has_more
            && self.local.is_none()
            && !self.load.is_loading()
            && self.selected + PREFETCH_ROWS >= self.records.len()
    }

    /// Replaces a record in place after a save (no reload).
    /// A record created here goes first, where a newest-first list would show it.
    pub fn insert_first(&mut self, record: &Record) {
        if self.ids.contains_key(record.id.as_str()) {
            return self.replace(record);
        }
        self.records.insert(0, Row::of(record));
        self.types_seen.insert(record.record_type.clone());
        self.total = self.total.map(|t| t + 1);
        self.reindex();
        self.selected = 0;
        self.offset = 0;
    }

    /// Row positions moved (a create, a delete, a sort) or the columns changed: the id map
    /// and the search index are built again, and a local filter searches afresh.
    pub(super) fn reindex(&mut self) {
        self.ids = self
            .records
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        let keys = self.column_keys();
        self.index = SearchIndex::default();
        self.index.extend(&self.records, &keys);
        if let Some(local) = self.local.as_mut() {
            let query = std::mem::take(&mut local.query);
            local.matches.clear();
            local.update(&query, &self.index);
        }
    }

    pub fn replace(&mut self, record: &Record) {
        if let Some(&i) = self.ids.get(record.id.as_str()) {
            self.records[i] = Row::of(record);
            let keys = self.column_keys();
            self.index.replace(i, &self.records[i], &keys);
        }
        self.types_seen.insert(record.record_type.clone());
    }
}

//! Query parameters of the list-like endpoints, with their exact wire names (a mix of
//! camelCase and snake_case, as the API has them). Every value goes on the wire as a string.

use super::filter::RecordFilter;

/// Query pairs ready for a URL.
pub type Pairs = Vec<(&'static str, String)>;

/// The filters shared by list and export.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecordFilters {
    pub record_type: Option<String>,
    /// Free text over name and metadata.
    pub search: Option<String>,
    pub name: Option<String>,
    pub owner_id: Option<String>,
    /// Undocumented in the API; passed through as given.
    pub distinct: Option<String>,
    pub include_fields: Option<bool>,
    pub product_surface_id: Option<String>,
    /// Records having any of these metadata keys.
    pub metadata_keys: Vec<String>,
    /// Records having all of these metadata keys.
    pub metadata_keys_all: Vec<String>,
    pub min_fields: Option<u64>,
    pub max_fields: Option<u64>,
    pub metadata_types: Option<String>,
    pub has_large_fields: Option<bool>,
    pub min_size_kb: Option<f64>,
    pub max_size_kb: Option<f64>,
    pub record_filter: Option<RecordFilter>,
}

fn push_opt(pairs: &mut Pairs, name: &'static str, value: Option<impl ToString>) {
    if let Some(v) = value {
        pairs.push((name, v.to_string()));
    }
}

fn push_list(pairs: &mut Pairs, name: &'static str, values: &[String]) {
    if !values.is_empty() {
        pairs.push((name, values.join(",")));
    }
}

impl RecordFilters {
    pub fn to_pairs(&self) -> Pairs {
        let mut p = Pairs::new();
        push_opt(&mut p, "type", self.record_type.as_ref());
        push_opt(&mut p, "search", self.search.as_ref());
        push_opt(&mut p, "name", self.name.as_ref());
        push_opt(&mut p, "ownerId", self.owner_id.as_ref());
        push_opt(&mut p, "distinct", self.distinct.as_ref());
        push_opt(&mut p, "includeFields", self.include_fields);
        push_opt(
            &mut p,
            "product_surface_id",
            self.product_surface_id.as_ref(),
        );
        push_list(&mut p, "metadata_keys", &self.metadata_keys);
        push_list(&mut p, "metadata_keys_all", &self.metadata_keys_all);
        push_opt(&mut p, "min_fields", self.min_fields);
        push_opt(&mut p, "max_fields", self.max_fields);
        push_opt(&mut p, "metadata_types", self.metadata_types.as_ref());
        push_opt(&mut p, "has_large_fields", self.has_large_fields);
        push_opt(&mut p, "min_size_kb", self.min_size_kb);
        push_opt(&mut p, "max_size_kb", self.max_size_kb);
        push_opt(
            &mut p,
            "recordFilter",
            self.record_filter
                .as_ref()
                .map(RecordFilter::to_query_value),
        );
        p
    }
}

/// Which way to page from a cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Next,
    Prev,
}

impl Direction {
    pub fn wire_name(self) -> &'static str {
        match self {
            Self::Next => "next",
            Self::Prev => "prev",
        }
    }
}

/// `view=compact` cuts long strings to 100 characters plus `…`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Full,
    Compact,
}

impl View {
    pub fn wire_name(self) -> &'static str {
        match self {
            Self::Full => "full",
            Self::Compact => "compact",
        }
    }
}

/// `GET /v1/records`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListQuery {
    pub filters: RecordFilters,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
    pub direction: Option<Direction>,
    pub include_count: bool,
    pub view: Option<View>,
}

impl ListQuery {
    pub fn to_pairs(&self) -> Pairs {
        let mut p = Pairs::new();
        push_opt(&mut p, "limit", self.limit);
        push_opt(&mut p, "cursor", self.cursor.as_ref());
        push_opt(
            &mut p,
            "direction",
            self.direction.map(Direction::wire_name),
        );
        if self.include_count {
            p.push(("includeCount", "true".to_owned()));
        }
        push_opt(&mut p, "view", self.view.map(View::wire_name));
        p.extend(self.filters.to_pairs());
        p
    }
}

/// Sort direction for results and step results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    Asc,
    Desc,
}

impl SortOrder {
    pub fn wire_name(self) -> &'static str {
        match self {
            Self::Asc => "asc",
            Self::Desc => "desc",
        }
    }
}

/// `GET /v1/records/{id}/results` (page-number pagination, 1-based).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResultsQuery {
    pub page: Option<u32>,
    pub limit: Option<u32>,
    pub status: Option<String>,
    pub prompt_id: Option<String>,
    pub flow_id: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub sort_by: Option<String>,
    pub sort_order: Option<SortOrder>,
    pub include_count: bool,
}

impl ResultsQuery {
    pub fn to_pairs(&self) -> Pairs {
        let mut p = Pairs::new();
        push_opt(&mut p, "page", self.page);
        push_opt(&mut p, "limit", self.limit);
        push_opt(&mut p, "status", self.status.as_ref());
        push_opt(&mut p, "promptId", self.prompt_id.as_ref());
        push_opt(&mut p, "flowId", self.flow_id.as_ref());
        push_opt(&mut p, "from", self.from.as_ref());
        push_opt(&mut p, "to", self.to.as_ref());
        push_opt(&mut p, "sortBy", self.sort_by.as_ref());
        push_opt(
            &mut p,
            "sortOrder",
            self.sort_order.map(SortOrder::wire_name),
        );
        if self.include_count {
            p.push(("includeCount", "true".to_owned()));
        }
        p
    }
}

/// `GET /v1/records/{id}/step-results` (limit/offset pagination).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StepResultsQuery {
    pub flow_id: Option<String>,
    pub batch_id: Option<String>,
    pub status: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub sort_by: Option<String>,
    pub sort_order: Option<SortOrder>,
    pub limit: Option<u32>,
    pub offset: Option<u64>,
}

impl StepResultsQuery {
    pub fn to_pairs(&self) -> Pairs {
        let mut p = Pairs::new();
        push_opt(&mut p, "flowId", self.flow_id.as_ref());
        push_opt(&mut p, "batchId", self.batch_id.as_ref());
        push_opt(&mut p, "status", self.status.as_ref());
        push_opt(&mut p, "from", self.from.as_ref());
        push_opt(&mut p, "to", self.to.as_ref());
        push_opt(&mut p, "sortBy", self.sort_by.as_ref());
        push_opt(
            &mut p,
            "sortOrder",
            self.sort_order.map(SortOrder::wire_name),
        );
        push_opt(&mut p, "limit", self.limit);
        push_opt(&mut p, "offset", self.offset);
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_query_uses_exact_wire_names() {
        let q = ListQuery {
            filters: RecordFilters {
                record_type: Some("customer".into()),
                search: Some("acme".into()),
                name: Some("Acme".into()),
                owner_id: Some("o1".into()),
                distinct: Some("x".into()),
                include_fields: Some(true),
                product_surface_id: Some("ps".into()),
                metadata_keys: vec!["a".into(), "b".into()],
                metadata_keys_all: vec!["c".into()],
                min_fields: Some(1),
                max_fields: Some(9),
                metadata_types: Some("string".into()),
                has_large_fields: Some(false),
                min_size_kb: Some(0.5),
                max_size_kb: Some(2.0),
                record_filter: Some(RecordFilter::of_type("customer")),
            },
            limit: Some(100),
            cursor: Some("c1".into()),
            direction: Some(Direction::Prev),
            include_count: true,
            view: Some(View::Compact),
        };
        let names: Vec<&str> = q.to_pairs().iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            [
                "limit",
                "cursor",
                "direction",
                "includeCount",
                "view",
                "type",
                "search",
                "name",
                "ownerId",
                "distinct",
                "includeFields",
                "product_surface_id",
                "metadata_keys",
                "metadata_keys_all",
                "min_fields",
                "max_fields",
                "metadata_types",
                "has_large_fields",
                "min_size_kb",
                "max_size_kb",
                "recordFilter"
            ]
        );
        let pairs = q.to_pairs();
        let get = |n: &str| pairs.iter().find(|(k, _)| *k == n).map(|(_, v)| v.as_str());
        assert_eq!(get("direction"), Some("prev"));
        assert_eq!(get("metadata_keys"), Some("a,b"));
        assert_eq!(get("includeFields"), Some("true"));
        assert_eq!(get("recordFilter"), Some(r#"{"type":"customer"}"#));
    }

    #[test]
    fn empty_query_sends_nothing() {
        assert!(ListQuery::default().to_pairs().is_empty());
    }
}

//! A typed client for the Runtype Records API: wire types, the filter language, errors, and an
//! HTTP client with timeouts, retries and size caps. Knows HTTP and JSON, nothing about screens.

mod body;
pub mod client;
mod endpoints;
pub mod error;
pub mod exact;
pub mod filter;
pub mod filter_expr;
pub mod ops;
mod page;
pub mod query;
pub mod raw;
pub mod retry;
pub mod secret;
pub mod types;

pub use client::{Client, ClientConfig, check_base_url};
pub use endpoints::{parse_page, record_from};
pub use error::{ApiError, ErrorBody, ErrorDetail, MalformedKind, SchemaViolation, TimeoutPhase};
pub use filter::{Combinator, Condition, Group, Node, Op, RecordFilter, SubGroup, Where};
pub use page::parse_page_bytes;
pub use query::{
    Direction, ListQuery, RecordFilters, ResultsQuery, SortOrder, StepResultsQuery, View,
};
pub use retry::RetryPolicy;
pub use secret::ApiKey;
pub use types::{
    Message, Metadata, MetadataSchema, NewRecord, Page, Pagination, Patch, Record, RecordUpdate,
};

//! Wire types of the bulk, CSV, discovery and execution endpoints.

use super::filter::RecordFilter;
use super::types::{Metadata, WriteWarning};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `POST /v1/records/bulk-delete` response.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkDeleteResult {
    #[serde(default)]
    pub success: bool,
    #[serde(default)]
    pub deleted: u64,
    #[serde(default)]
    pub deleted_ids: Vec<String>,
    #[serde(default)]
    pub not_found_ids: Vec<String>,
}

/// The legacy simple condition of bulk edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LegacyCondition {
    pub field: String,
    pub operator: LegacyOperator,
    pub value: Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegacyOperator {
    Equals,
    EqualsCi,
    NotEquals,
    Contains,
    NotContains,
}

/// `POST /v1/records/bulk-edit` body. Every selector is optional; see the sandbox for how
/// they combine.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkEditRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_ids: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_filter: Option<RecordFilter>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conditions: Option<Vec<LegacyCondition>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub apply_to_all: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updates: Option<Metadata>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete_fields: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
}

/// One record's metadata before and after a bulk edit.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BulkEditDiff {
    pub id: String,
    #[serde(default)]
    pub before: Metadata,
    #[serde(default)]
    pub after: Metadata,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordSchemaWarnings {
    pub record_id: String,
    #[serde(default)]
    pub errors: Vec<super::types::SchemaWarning>,
}

/// `POST /v1/records/bulk-edit` response.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkEditResult {
    #[serde(default)]
    pub data: Vec<BulkEditDiff>,
    #[serde(default)]
    pub record_ids: Vec<String>,
    #[serde(default)]
    pub warnings: Vec<WriteWarning>,
    #[serde(default)]
    pub schema_warnings: Vec<RecordSchemaWarnings>,
}

/// What an export wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportOutcome {
    /// 204: no record passed the filters; nothing was written.
    NothingMatched,
    Written {
        bytes: u64,
    },
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct FieldValueCount {
    /// Left out by a server for a bucket of records without the key; `None` then, so one such
    /// bucket does not make the whole answer unreadable.
    /// A JSON `null` value is `Some(Value::Null)`: it is the bucket of records whose value is null.
    #[serde(default, deserialize_with = "present")]
    pub value: Option<Value>,
    #[serde(default)]
    pub count: u64,
}

/// A field that is there, `null` included (plain `Option` would read `null` as absent).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

/// `GET /v1/records/field-values` response. Only `values` matters; the echoed query is optional.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct FieldValues {
    #[serde(rename = "type", default)]
    pub record_type: String,
    #[serde(default)]
    pub field: String,
    #[serde(default)]
    pub values: Vec<FieldValueCount>,
    #[serde(default)]
    pub truncated: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct FilterSample {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub metadata: Metadata,
}

/// `POST /v1/records/preview-filter` response.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FilterPreview {
    #[serde(rename = "type")]
    pub record_type: String,
    pub matched_count: u64,
    #[serde(default)]
    pub samples: Vec<FilterSample>,
    #[serde(default)]
    pub truncated: bool,
}

/// `GET /v1/records/schema` response. `fields` items are untyped in the API.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SchemaReport {
    #[serde(rename = "type")]
    pub record_type: String,
    pub total_records: u64,
    pub sampled_records: u64,
    #[serde(default)]
    pub sampled_at: Option<String>,
    #[serde(default)]
    pub fields: Vec<Value>,
}

/// A CSV file to upload and how to read it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CsvUpload {
    pub file_name: String,
    pub contents: Vec<u8>,
    pub name_column: Option<String>,
    pub type_column: Option<String>,
    /// One type for every row; wins over `type_column`.
    pub type_value: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct UploadedRecord {
    pub id: String,
    #[serde(rename = "type")]
    pub record_type: String,
    pub name: String,
    #[serde(default)]
    pub metadata: Metadata,
}

/// `POST /v1/records/upload-csv` response. Failed rows do not fail the request.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CsvUploadResult {
    #[serde(default)]
    pub success: bool,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub created: u64,
    #[serde(default)]
    pub errors: u64,
    #[serde(default)]
    pub error_details: Vec<String>,
    #[serde(default)]
    pub records: Vec<UploadedRecord>,
    #[serde(default)]
    pub warnings: Vec<WriteWarning>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ModelCost {
    pub model: String,
    pub cost: f64,
    pub tokens: u64,
    pub count: u64,
}

/// `GET /v1/records/{id}/costs` response.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordCosts {
    pub total_cost: f64,
    pub total_tokens: u64,
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
    pub execution_count: u64,
    #[serde(default)]
    pub model_breakdown: Vec<ModelCost>,
}

/// One execution result of a record. Costs are decimal strings; a null `tool_cost` means
/// unknown, not zero.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExecutionResult {
    pub id: String,
    pub record_id: String,
    pub status: String,
    pub created_at: String,
    #[serde(default)]
    pub prompt_id: Option<String>,
    #[serde(default)]
    pub prompt_name: Option<String>,
    #[serde(default)]
    pub flow_id: Option<String>,
    #[serde(default)]
    pub flow_name: Option<String>,
    #[serde(default)]
    pub result: Option<Value>,
    #[serde(default)]
    pub model_used: Option<String>,
    #[serde(default)]
    pub total_tokens: Option<u64>,
    #[serde(default)]
    pub execution_time_ms: Option<u64>,
    #[serde(default)]
    pub model_cost: Option<String>,
    #[serde(default)]
    pub tool_cost: Option<String>,
    #[serde(default)]
    pub estimated_cost: Option<String>,
    #[serde(default)]
    pub execution_engine: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PageNumberPagination {
    pub page: u64,
    pub limit: u64,
    pub has_more: bool,
    pub has_prev: bool,
    pub total: Option<u64>,
    pub total_pages: Option<u64>,
    pub has_next_page: Option<bool>,
    pub has_prev_page: Option<bool>,
}

/// `GET /v1/records/{id}/results` response.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ResultsPage {
    #[serde(default)]
    pub data: Vec<ExecutionResult>,
    #[serde(default)]
    pub pagination: PageNumberPagination,
}

/// One per-step execution result. Only the always-present fields are typed; the many
/// optional ones stay as JSON in `extra`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StepResult {
    pub id: String,
    pub user_id: String,
    pub step_name: String,
    pub step_type: String,
    pub status: String,
    pub created_at: String,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default)]
pub struct OffsetPagination {
    pub limit: u64,
    pub offset: u64,
    pub returned: u64,
    #[serde(rename = "hasMore")]
    pub has_more: bool,
}

/// `GET /v1/records/{id}/step-results` response.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct StepResultsPage {
    #[serde(default)]
    pub data: Vec<StepResult>,
    #[serde(default)]
    pub pagination: OffsetPagination,
}

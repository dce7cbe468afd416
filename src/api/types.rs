//! Wire types of records: what the API sends and what we send back.

use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

/// Metadata as the API holds it. `preserve_order` keeps key order and `arbitrary_precision`
/// keeps numbers exactly as sent, so an untouched value round-trips byte for byte.
pub type Metadata = Map<String, Value>;

/// A record as returned by get, list, create and update.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    pub id: String,
    #[serde(rename = "type")]
    pub record_type: String,
    pub name: String,
    #[serde(default)]
    pub metadata: Metadata,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messages: Option<Vec<Message>>,
    /// Display names for metadata keys. The runtime store allows `null` values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata_labels: Option<Map<String, Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata_schema: Option<MetadataSchema>,
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_surface_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_valid: Option<bool>,
    pub created_at: String,
    pub updated_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available_fields: Option<Vec<String>>,
    /// Keys the server renamed on write (create/update only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<WriteWarning>,
    /// Collection-schema problems reported without rejecting the write.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schema_warnings: Vec<SchemaWarning>,
    /// Fields this client does not know, kept so the detail view can show them.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Record {
    /// A record with nothing in it: what a form for a new record starts from.
    pub fn empty() -> Self {
        Self {
            id: String::new(),
            record_type: String::new(),
            name: String::new(),
            metadata: Metadata::new(),
            messages: None,
            metadata_labels: None,
            metadata_schema: None,
            user_id: None,
            organization_id: None,
            owner_id: None,
            product_surface_id: None,
            schema_valid: None,
            created_at: String::new(),
            updated_at: String::new(),
            available_fields: None,
            warnings: Vec::new(),
            schema_warnings: Vec::new(),
            extra: Map::new(),
        }
    }

    /// The display label of a metadata key, when the record has a non-empty one.
    pub fn label_for(&self, key: &str) -> Option<&str> {
        self.metadata_labels
            .as_ref()?
            .get(key)?
            .as_str()
            .filter(|l| !l.is_empty())
    }
}

/// One conversation item. The API documents `{role, content}`, but older stores send bare
/// strings; anything else is kept as it came.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Message {
    Text(String),
    Turn {
        role: String,
        content: Value,
        #[serde(flatten)]
        extra: Map<String, Value>,
    },
    Other(Value),
}

/// `metadataSchema`: the SDK pins `{keys: [...]}`, staging samples show a key-to-type map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum MetadataSchema {
    Keys { keys: Vec<String> },
    Map(Map<String, Value>),
}

/// A write-time warning such as `KEY_RENAMED`. The code enum is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriteWarning {
    pub code: String,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

/// A collection-schema issue that did not block the write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchemaWarning {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub field: String,
    #[serde(default)]
    pub message: String,
}

/// A field that can be left out, set, or explicitly cleared with `null`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Patch<T> {
    #[default]
    Absent,
    Null,
    Set(T),
}

impl<T> Patch<T> {
    pub fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            // Only reached if a caller forgets `skip_serializing_if`; null is the safe reading.
            Self::Absent | Self::Null => s.serialize_none(),
            Self::Set(v) => v.serialize(s),
        }
    }
}

/// The body of `PUT /v1/records/{id}`: only the fields that are set are sent.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub messages: Patch<Vec<Value>>,
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub owner_id: Patch<String>,
}

impl RecordUpdate {
    /// True when the update would send `{}`: nothing to save.
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.record_type.is_none()
            && self.metadata.is_none()
            && self.messages.is_absent()
            && self.owner_id.is_absent()
    }
}

/// The body of `POST /v1/records`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewRecord {
    #[serde(rename = "type")]
    pub record_type: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub messages: Patch<Vec<Value>>,
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub owner_id: Patch<String>,
}

/// The `pagination` object of a list page. Every field is defaulted so that a server that
/// leaves one out does not make the whole page unreadable.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Pagination {
    pub has_more: bool,
    pub has_prev: bool,
    pub limit: u64,
    pub current_offset: u64,
    pub next_cursor: Option<String>,
    pub prev_cursor: Option<String>,
    pub total_count: Option<u64>,
    pub total_pages: Option<u64>,
    pub current_page: Option<u64>,
}

/// An item of a list page that could not be read as a record; the rest of the page still shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedItem {
    pub index: usize,
    /// The item's `id`, when it had a readable one.
    pub id: Option<String>,
    pub reason: String,
}

/// One page of `GET /v1/records`.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub records: Vec<Record>,
    pub skipped: Vec<SkippedItem>,
    pub pagination: Pagination,
    pub filters_applied: Option<Value>,
}

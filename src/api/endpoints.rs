//! One method per endpoint of the Records API (contract section 4, all sixteen).

use super::body::{body_error, from_value};
use super::client::{Client, to_body};
use super::error::{ApiError, MalformedKind};
use super::filter::RecordFilter;
use super::ops::*;
use super::query::{ListQuery, RecordFilters, ResultsQuery, StepResultsQuery};
use super::types::{NewRecord, Page, Pagination, Record, RecordUpdate, SkippedItem};
use reqwest::Method;
use serde_json::{Value, json};
use tokio::io::{AsyncWrite, AsyncWriteExt};

impl Client {
    /// `GET /v1/records`. Items that are not readable records are reported in `skipped`
    /// and the rest of the page is kept.
    pub async fn list_records(&self, query: &ListQuery) -> Result<Page, ApiError> {
        let url = self.endpoint(&[], &query.to_pairs());
        self.call_with(Method::GET, url, None, super::page::parse_page_bytes)
            .await
    }

    /// `GET /v1/records/{id}`.
    pub async fn get_record(&self, id: &str) -> Result<Record, ApiError> {
        let url = self.endpoint(&[id], &[]);
        self.call_record(Method::GET, url, None).await
    }

    /// Where `get_record` fetches `id` from (for a curl command the user can run).
    pub fn record_url(&self, id: &str) -> url::Url {
        self.endpoint(&[id], &[])
    }

    /// `POST /v1/records`. Never retried automatically.
    pub async fn create_record(&self, record: &NewRecord) -> Result<Record, ApiError> {
        let url = self.endpoint(&[], &[]);
        self.call_record(Method::POST, url, Some(to_body(record)))
            .await
    }

    /// `PUT /v1/records/{id}` with only the fields set in `update`. Never retried
    /// automatically: after a timeout, read the record back instead.
    pub async fn update_record(&self, id: &str, update: &RecordUpdate) -> Result<Record, ApiError> {
        let url = self.endpoint(&[id], &[]);
        self.call_record(Method::PUT, url, Some(to_body(update)))
            .await
    }

    /// `DELETE /v1/records/{id}`. Any 2xx is success; the body is ignored.
    pub async fn delete_record(&self, id: &str) -> Result<(), ApiError> {
        self.call_unit(Method::DELETE, self.endpoint(&[id], &[]), None)
            .await
    }

    /// `POST /v1/records/bulk-delete`.
    pub async fn bulk_delete(&self, ids: &[String]) -> Result<BulkDeleteResult, ApiError> {
        let url = self.endpoint(&["bulk-delete"], &[]);
        let body = to_body(&json!({ "ids": ids }));
        self.call(Method::POST, url, Some(body)).await
    }

    /// `POST /v1/records/bulk-edit`, dry run or for real.
    pub async fn bulk_edit(&self, request: &BulkEditRequest) -> Result<BulkEditResult, ApiError> {
        let url = self.endpoint(&["bulk-edit"], &[]);
        self.call(Method::POST, url, Some(to_body(request))).await
    }

    /// `GET /v1/records/export`, streamed into `out` as it arrives (no size cap: it is not
    /// held in memory). 204 means nothing matched and nothing is written.
    pub async fn export_csv<W: AsyncWrite + Unpin>(
        &self,
        filters: &RecordFilters,
        out: &mut W,
    ) -> Result<ExportOutcome, ApiError> {
        let url = self.endpoint(&["export"], &filters.to_pairs());
        let mut resp = self.send(Method::GET, url, None).await?;
        if resp.status().as_u16() == 204 {
            return Ok(ExportOutcome::NothingMatched);
        }
        let expected = resp.content_length();
        let mut written = 0u64;
        loop {
            let chunk = match resp.chunk().await {
                Ok(Some(chunk)) => chunk,
                Ok(None) => break,
                Err(e) => return Err(body_error(&e, written, expected)),
            };
            out.write_all(&chunk).await.map_err(write_error)?;
            written += chunk.len() as u64;
        }
        out.flush().await.map_err(write_error)?;
        Ok(ExportOutcome::Written { bytes: written })
    }

    /// `GET /v1/records/field-values`: the most common values of one metadata key.
    pub async fn field_values(
        &self,
        record_type: &str,
        field: &str,
        limit: Option<u32>,
    ) -> Result<FieldValues, ApiError> {
        let mut query = vec![
            ("type", record_type.to_owned()),
            ("field", field.to_owned()),
        ];
        if let Some(l) = limit {
            query.push(("limit", l.to_string()));
        }
        let url = self.endpoint(&["field-values"], &query);
        self.call(Method::GET, url, None).await
    }

    /// `POST /v1/records/preview-filter`: match count and samples; nothing is written.
    pub async fn preview_filter(&self, filter: &RecordFilter) -> Result<FilterPreview, ApiError> {
        let url = self.endpoint(&["preview-filter"], &[]);
        self.call(Method::POST, url, Some(to_body(filter))).await
    }

    /// `GET /v1/records/schema`: which metadata fields records of a type use.
    pub async fn discover_schema(
        &self,
        record_type: &str,
        sample: Option<u32>,
    ) -> Result<SchemaReport, ApiError> {
        let mut query = vec![("type", record_type.to_owned())];
        if let Some(s) = sample {
            query.push(("sample", s.to_string()));
        }
        let url = self.endpoint(&["schema"], &query);
        self.call(Method::GET, url, None).await
    }

    /// `POST /v1/records/upload-csv` as multipart with a real file part. Never retried.
    pub async fn upload_csv(&self, upload: CsvUpload) -> Result<CsvUploadResult, ApiError> {
        use reqwest::multipart::{Form, Part};
        let part = Part::bytes(upload.contents)
            .file_name(upload.file_name)
            .mime_str("text/csv")
            .map_err(|e| ApiError::Transport {
                detail: e.to_string(),
            })?;
        let mut form = Form::new().part("file", part);
        for (name, value) in [
            ("nameColumn", upload.name_column),
            ("typeColumn", upload.type_column),
            ("typeValue", upload.type_value),
        ] {
            if let Some(v) = value {
                form = form.text(name, v);
            }
        }
        let url = self.endpoint(&["upload-csv"], &[]);
        let req = self.builder(Method::POST, url, None).multipart(form);
        let resp = self.attempt(req).await?;
        from_value(self.read_value(resp).await?)
    }

    /// `GET /v1/records/{id}/costs`.
    pub async fn record_costs(&self, id: &str) -> Result<RecordCosts, ApiError> {
        let url = self.endpoint(&[id, "costs"], &[]);
        self.call(Method::GET, url, None).await
    }

    /// `GET /v1/records/{id}/results` (page-number pagination).
    pub async fn record_results(
        &self,
        id: &str,
        query: &ResultsQuery,
    ) -> Result<ResultsPage, ApiError> {
        let url = self.endpoint(&[id, "results"], &query.to_pairs());
        self.call(Method::GET, url, None).await
    }

    /// `DELETE /v1/records/{id}/results` with the JSON body `{resultId}`.
    pub async fn delete_record_result(&self, id: &str, result_id: &str) -> Result<(), ApiError> {
        let url = self.endpoint(&[id, "results"], &[]);
        let body = to_body(&json!({ "resultId": result_id }));
        self.call_unit(Method::DELETE, url, Some(body)).await
    }

    /// `GET /v1/records/{id}/step-results` (limit/offset pagination).
    pub async fn record_step_results(
        &self,
        id: &str,
        query: &StepResultsQuery,
    ) -> Result<StepResultsPage, ApiError> {
        let url = self.endpoint(&[id, "step-results"], &query.to_pairs());
        self.call(Method::GET, url, None).await
    }
}

fn write_error(e: std::io::Error) -> ApiError {
    ApiError::Write {
        detail: e.to_string(),
    }
}

fn wrong_shape(detail: impl Into<String>) -> ApiError {
    ApiError::Malformed {
        kind: MalformedKind::WrongShape,
        detail: detail.into(),
    }
}

/// A record from a get/create/update answer. Tolerates the legacy `{"data": record}` wrapper.
pub fn record_from(value: Value) -> Result<Record, ApiError> {
    let value = match value {
        Value::Object(mut obj)
            if !obj.contains_key("id") && obj.get("data").is_some_and(Value::is_object) =>
        {
            obj.remove("data").unwrap_or_default()
        }
        other => other,
    };
    from_value(value)
}

/// A list page, keeping every readable record and naming the ones that are not.
pub fn parse_page(value: Value) -> Result<Page, ApiError> {
    let Value::Object(mut obj) = value else {
        return Err(wrong_shape("a list page must be a JSON object"));
    };
    let items = match obj.remove("data") {
        Some(Value::Array(items)) => items,
        _ => return Err(wrong_shape("a list page must have a `data` array")),
    };
    let pagination: Pagination = match obj.remove("pagination") {
        Some(p) => from_value(p)?,
        None => Pagination::default(),
    };
    let mut records = Vec::with_capacity(items.len());
    let mut skipped = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        let id = item.get("id").and_then(Value::as_str).map(str::to_owned);
        match serde_json::from_value::<Record>(item) {
            Ok(r) => records.push(r),
            Err(e) => skipped.push(SkippedItem {
                index,
                id,
                reason: e.to_string(),
            }),
        }
    }
    Ok(Page {
        records,
        skipped,
        pagination,
        filters_applied: obj.remove("filtersApplied"),
    })
}

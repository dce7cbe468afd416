//! What `:import FILE.csv` would send, worked out before anything is sent: how each column
//! maps (name, type, metadata), the first rows, and the rows the API's limits would refuse.

use crate::api::ops::CsvUpload;
use crate::app::form::{NAME_MAX, TYPE_MAX, char_len};

/// The largest file `:import` reads: the client's cap on an answer, so one import is never
/// bigger than what the app accepts back.
pub const MAX_IMPORT_BYTES: u64 = 32 * 1024 * 1024;

/// How many rows the preview shows.
pub const SHOWN_ROWS: usize = 5;

/// Where one column of the file goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Name,
    Type,
    Metadata(String),
}

/// One row refused locally: its number as the API counts them (the header is row 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    pub row: usize,
    pub reason: String,
}

/// The parsed file and what uploading it would do.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// Each header with where it goes.
    pub columns: Vec<(String, Target)>,
    /// One type for every row (the file has no type column; the type in effect is used).
    pub type_value: Option<String>,
    /// The first rows readable, each with its number, cell by cell.
    pub first: Vec<(usize, Vec<String>)>,
    pub rows: usize,
    pub bad: Vec<BadRow>,
    /// Rows with more fields than the header: uploaded, but the fields past the header are
    /// not (they have no column name), so the user is told.
    pub extra: Vec<BadRow>,
    /// What goes to `upload-csv` on Enter.
    pub upload: CsvUpload,
}

/// Reads `bytes` as a CSV to upload. A file the API could not read at all (not UTF-8, no
/// header, no name column, no type) is an error; a bad row is only listed.
pub fn build(
    file_name: &str,
    bytes: Vec<u8>,
    type_in_effect: Option<&str>,
) -> Result<Preview, String> {
    if std::str::from_utf8(&bytes).is_err() {
        return Err("the file is not UTF-8 text".into());
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(bytes.as_slice());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format!("not a CSV file: {e}"))?
        .iter()
        .map(str::to_owned)
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err("the file has no header row".into());
    }
    let check = Check::find(&headers, type_in_effect)?;
    let columns = check.columns(&headers);
    let (first, bad, extra, rows) = check.scan(reader.records());
    let (name_at, type_at, type_value) = (check.name_at, check.type_at, check.type_value);
    let upload = CsvUpload {
        file_name: file_name.to_owned(),
        contents: bytes,
        name_column: Some(headers[name_at].clone()),
        type_column: type_at.map(|at| headers[at].clone()),
        type_value: type_value.clone(),
    };
    Ok(Preview {
        columns,
        type_value,
        first,
        rows,
        bad,
        extra,
        upload,
    })
}

/// Where the name and type sit in a row, or the one type for every row.
struct Check {
    /// Fields in the header.
    width: usize,
    name_at: usize,
    type_at: Option<usize>,
    type_value: Option<String>,
}

/// The first rows, the failing rows, the rows too wide, and how many rows there are.
type Scanned = (Vec<(usize, Vec<String>)>, Vec<BadRow>, Vec<BadRow>, usize);

impl Check {
    /// The name and type columns (any case); without a type column, the type in effect.
    fn find(headers: &[String], type_in_effect: Option<&str>) -> Result<Self, String> {
        let find = |want: &str| {
            headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(want))
        };
        let name_at = find("name")
            .ok_or("the file has no `name` column (the header row names the columns)")?;
        let type_at = find("type");
        let type_value = match (type_at, type_in_effect) {
            (Some(_), _) => None,
            (None, Some(t)) => Some(t.to_owned()),
            (None, None) => {
                return Err(
                    "the file has no `type` column: add one, or pick a type with t first".into(),
                );
            }
        };
        Ok(Self {
            width: headers.len(),
            name_at,
            type_at,
            type_value,
        })
    }

    fn columns(&self, headers: &[String]) -> Vec<(String, Target)> {
        let target = |i: usize, h: &String| {
            if i == self.name_at {
                Target::Name
            } else if Some(i) == self.type_at {
                Target::Type
            } else {
                Target::Metadata(h.clone())
            }
        };
        headers
            .iter()
            .enumerate()
            .map(|(i, h)| (h.clone(), target(i, h)))
            .collect()
    }

    fn scan(&self, records: impl Iterator<Item = csv::Result<csv::StringRecord>>) -> Scanned {
        let (mut first, mut bad, mut extra, mut rows) = (Vec::new(), Vec::new(), Vec::new(), 0);
        for (i, record) in records.enumerate() {
            rows += 1;
            // Numbered as the API numbers them: the header is row 1.
            let row = i + 2;
            let cells: Vec<String> = match record {
                Ok(r) => r.iter().map(str::to_owned).collect(),
                Err(e) => {
                    let reason = format!("not readable as CSV: {e}");
                    bad.push(BadRow { row, reason });
                    continue;
                }
            };
            if let Some(reason) = self.row(&cells) {
                bad.push(BadRow { row, reason });
            }
            if cells.len() > self.width {
                let (n, w) = (cells.len(), self.width);
                let reason = format!(
                    "{n} fields, the header {w}: the last {} are not sent",
                    n - w
                );
                extra.push(BadRow { row, reason });
            }
            if first.len() < SHOWN_ROWS {
                first.push((row, cells));
            }
        }
        (first, bad, extra, rows)
    }

    /// Why the API would refuse the row, if it would (lengths in characters, as it counts).
    fn row(&self, cells: &[String]) -> Option<String> {
        let mut fields = vec![("name", self.name_at, NAME_MAX)];
        fields.extend(self.type_at.map(|at| ("type", at, TYPE_MAX)));
        fields.into_iter().find_map(|(label, at, max)| {
            let value = cells.get(at).map(String::as_str).unwrap_or_default();
            let n = char_len(value);
            // Only an empty cell breaks the API's 1-character minimum; a name of spaces is
            // accepted by the server, so it is not predicted to fail.
            if value.is_empty() {
                Some(format!("{label} is missing"))
            } else if n > max {
                Some(format!("{label} is {n} characters; the limit is {max}"))
            } else {
                None
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preview(text: &str, ty: Option<&str>) -> Result<Preview, String> {
        build("x.csv", text.as_bytes().to_vec(), ty)
    }

    #[test]
    fn columns_map_to_name_type_and_metadata() {
        let p = preview("Name,type,status\nA,ticket,open\n", None).expect("reads");
        assert_eq!(
            p.columns,
            [
                ("Name".into(), Target::Name),
                ("type".into(), Target::Type),
                ("status".into(), Target::Metadata("status".into()))
            ]
        );
        assert_eq!(p.upload.name_column.as_deref(), Some("Name"));
        assert_eq!(p.upload.type_column.as_deref(), Some("type"));
        assert_eq!((p.rows, p.bad.len()), (1, 0));
    }

    #[test]
    fn without_a_type_column_the_type_in_effect_is_every_rows_type() {
        let p = preview("name,status\nA,open\n", Some("ticket")).expect("reads");
        assert_eq!(p.type_value.as_deref(), Some("ticket"));
        assert_eq!(p.upload.type_value.as_deref(), Some("ticket"));
        let e = preview("name,status\nA,open\n", None).expect_err("no type");
        assert!(e.contains("no `type` column"), "{e}");
    }

    /// A name of spaces (row 4) is not predicted to fail: the server accepts it.
    #[test]
    fn rows_over_the_limits_or_missing_are_listed_counting_characters() {
        let long_name = "é".repeat(NAME_MAX); // 1000 bytes, 500 characters: fine
        let too_long = "é".repeat(NAME_MAX + 1);
        let long_type = "t".repeat(TYPE_MAX + 1);
        let text = format!(
            "name,type\n{long_name},ticket\n{too_long},ticket\n  ,ticket\nB,\nC,{long_type}\nD\n"
        );
        let p = preview(&text, None).expect("reads");
        let bad: Vec<(usize, &str)> = p.bad.iter().map(|b| (b.row, b.reason.as_str())).collect();
        assert_eq!(
            bad,
            [
                (3, "name is 501 characters; the limit is 500"),
                (5, "type is missing"),
                (6, "type is 256 characters; the limit is 255"),
                (7, "type is missing"),
            ]
        );
        assert_eq!(p.rows, 6);
        assert_eq!(p.first.len(), SHOWN_ROWS);
    }

    #[test]
    fn unreadable_files_are_refused_with_the_reason() {
        let e = build("x.csv", vec![b'n', 0xff, b'\n'], None).expect_err("binary");
        assert!(e.contains("not UTF-8"), "{e}");
        let e = preview("id,status\n1,open\n", Some("t")).expect_err("no name");
        assert!(e.contains("no `name` column"), "{e}");
        let e = preview("", Some("t")).expect_err("empty");
        assert!(e.contains("no header row"), "{e}");
        let p = preview("name,type\n\"A,ticket\n", None).expect("header reads");
        assert_eq!(p.rows, 1);
    }
}

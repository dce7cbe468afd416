//! Timestamps and ids for the sandbox: ISO-8601 with milliseconds, and ULID-style record ids.

use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

/// `2025-03-04T10:15:30.000Z`, the API's timestamp form.
pub fn iso(ms: i64) -> String {
    let fmt =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&fmt).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00.000Z".to_owned())
}

/// Parses an RFC 3339 timestamp (or a bare `YYYY-MM-DD`) into milliseconds.
pub fn parse_iso(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Ok(t) = OffsetDateTime::parse(text, &Rfc3339) {
        return i64::try_from(t.unix_timestamp_nanos() / 1_000_000).ok();
    }
    let date = time::Date::parse(text, format_description!("[year]-[month]-[day]")).ok()?;
    Some(date.midnight().assume_utc().unix_timestamp() * 1000)
}

const CROCKFORD: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// The last id made, so ids made in the same millisecond still sort in creation order.
static LAST: Mutex<(i64, u128)> = Mutex::new((i64::MIN, 0));

/// A new id: `prefix_` plus 26 base32 characters (48 bits of time, 80 random), so ids sort by
/// creation time like the API's TypeIDs; within one millisecond they count up.
pub fn new_id(prefix: &str, ms: i64) -> String {
    let mut last = LAST.lock().unwrap_or_else(|p| p.into_inner());
    let value = if last.0 == ms {
        last.1 + 1
    } else {
        let random = (u128::from(fastrand::u64(..)) << 16) | u128::from(fastrand::u16(..));
        // Leave headroom so counting up within the millisecond never carries into the time.
        ((ms.max(0) as u128 & 0xFFFF_FFFF_FFFF) << 80) | (random & ((1u128 << 79) - 1))
    };
    *last = (ms, value);
    drop(last);
    let mut out = String::with_capacity(prefix.len() + 27);
    out.push_str(prefix);
    out.push('_');
    for i in (0..26).rev() {
        let idx = ((value >> (i * 5)) & 0x1F) as usize;
        out.push(char::from(CROCKFORD[idx]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_round_trips() {
        let ms = 1_741_083_330_123;
        assert_eq!(iso(ms), "2025-03-04T10:15:30.123Z");
        assert_eq!(parse_iso(&iso(ms)), Some(ms));
        assert_eq!(parse_iso("2025-03-04"), Some(1_741_046_400_000));
        assert_eq!(parse_iso("yesterday"), None);
    }

    #[test]
    fn ids_have_prefix_and_sort_by_time() {
        let a = new_id("record", 1_000);
        let b = new_id("record", 2_000);
        assert!(a.starts_with("record_") && a.len() == 33, "{a}");
        assert!(a < b);
        let same: Vec<String> = (0..50).map(|_| new_id("record", 5_000)).collect();
        assert!(
            same.windows(2).all(|w| w[0] < w[1]),
            "same millisecond still counts up"
        );
    }
}

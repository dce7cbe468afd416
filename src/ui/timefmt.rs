//! Timestamps for people: relative ("3m ago") beside absolute.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Milliseconds since the epoch of an RFC 3339 timestamp.
pub fn parse_ms(text: &str) -> Option<i64> {
    let t = OffsetDateTime::parse(text.trim(), &Rfc3339).ok()?;
    i64::try_from(t.unix_timestamp_nanos() / 1_000_000).ok()
}

/// `just now`, `3m ago`, `5h ago`, `2d ago`, `4mo ago`, `1y ago`, or `in 3m` for the future.
pub fn relative(then_ms: i64, now_ms: i64) -> String {
    let secs = (now_ms - then_ms) / 1000;
    let (n, future) = (secs.abs(), secs < 0);
    let amount = match n {
        0..45 => return "just now".to_owned(),
        45..3600 => format!("{}m", (n / 60).max(1)),
        3600..86_400 => format!("{}h", n / 3600),
        86_400..2_592_000 => format!("{}d", n / 86_400),
        2_592_000..31_536_000 => format!("{}mo", n / 2_592_000),
        _ => format!("{}y", n / 31_536_000),
    };
    if future {
        format!("in {amount}")
    } else {
        format!("{amount} ago")
    }
}

/// `relative` of a timestamp string, or the string itself when it does not parse.
pub fn relative_text(text: &str, now_ms: i64) -> String {
    parse_ms(text).map_or_else(|| text.to_owned(), |ms| relative(ms, now_ms))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(0, "just now")]
    #[case(44, "just now")]
    #[case(45, "1m ago")]
    #[case(3 * 60, "3m ago")]
    #[case(5 * 3600, "5h ago")]
    #[case(2 * 86_400, "2d ago")]
    #[case(65 * 86_400, "2mo ago")]
    #[case(400 * 86_400, "1y ago")]
    #[case(-180, "in 3m")]
    fn relative_times(#[case] secs_ago: i64, #[case] want: &str) {
        assert_eq!(
            relative(1_000_000_000_000 - secs_ago * 1000, 1_000_000_000_000),
            want
        );
    }

    #[test]
    fn parses_api_timestamps() {
        assert_eq!(
            parse_ms("2025-03-04T10:15:30.123Z"),
            Some(1_741_083_330_123)
        );
        assert_eq!(relative_text("garbage", 0), "garbage");
    }
}

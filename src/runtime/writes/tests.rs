use super::*;

#[test]
fn entries_append_privately_and_read_back_in_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = WriteLog::at(dir.path().join("journal/sandbox.jsonl"), "sandbox");
    for i in 0..3 {
        let e = entry(
            "PUT",
            format!("/records/r{i}"),
            None,
            Vec::new(),
            None,
            "ok".into(),
        );
        log.append(e).expect("append");
    }
    std::fs::OpenOptions::new()
        .append(true)
        .open(dir.path().join("journal/sandbox.jsonl"))
        .and_then(|mut f| f.write_all(b"{not json\n"))
        .expect("a torn line");
    let read = log.recent().expect("read");
    let paths: Vec<&str> = read.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["/records/r0", "/records/r1", "/records/r2"]);
    assert!(read.iter().all(|e| e.profile == "sandbox"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("journal/sandbox.jsonl"))
            .map(|m| m.permissions().mode() & 0o777);
        assert_eq!(mode.ok(), Some(0o600));
    }
}

#[test]
fn a_missing_journal_is_empty_not_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = WriteLog::at(dir.path().join("none.jsonl"), "x");
    assert_eq!(log.recent(), Ok(Vec::new()));
}

use super::*;
use crate::app::form::Form;
use crate::app::tests::record;

fn draft_of(i: usize, name: &str) -> Draft {
    let mut f = Form::open(&record(i));
    f.name = crate::app::form::TextField::new(name, false);
    f.to_draft()
}

#[test]
fn writes_privately_atomically_and_reads_back_after_the_writer_is_gone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("drafts/sandbox");
    let journal = Journal::open(root.clone()).expect("journal");
    let draft = draft_of(1, "mine");
    let path = journal.write(&draft).expect("written");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).map(|m| m.permissions().mode() & 0o777).ok();
        assert_eq!(mode(&path), Some(0o600));
        assert_eq!(mode(&root), Some(0o700));
    }
    let leftovers: Vec<_> = fs::read_dir(path.parent().expect("dir"))
        .expect("dir")
        .flatten()
        .filter(|e| e.path().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temp file left behind");
    let other = Journal::open(root.clone()).expect("second instance");
    assert!(
        other.list().0.is_empty(),
        "a running instance's drafts are its own"
    );
    drop(journal);
    let (found, problems) = other.list();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(found.len(), 1, "offered once its writer is gone");
    assert_eq!(found[0].name, "mine");
    let origin = found[0].origin.clone().expect("origin");
    other.delete_file(&origin).expect("deleted");
    assert!(other.list().0.is_empty());
    assert!(
        !Path::new(&origin).parent().expect("dir").exists(),
        "the dead instance's empty directory goes"
    );
}

#[test]
fn each_instance_deletes_only_its_own_draft() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("d");
    let a = Journal::open(root.clone()).expect("a");
    let b = Journal::open(root.clone()).expect("b");
    a.write(&draft_of(1, "from A")).expect("a writes");
    b.write(&draft_of(1, "from B")).expect("b writes");
    a.delete("record_0001").expect("a saved");
    drop(b); // B is killed with its edit open
    let c = Journal::open(root).expect("c");
    let (found, _) = c.list();
    let names: Vec<&str> = found.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["from B"], "B's edits survive A's save");
}

#[test]
fn many_writes_of_one_record_never_collide() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = std::sync::Arc::new(Journal::open(dir.path().join("d")).expect("journal"));
    let writers: Vec<_> = (0..8)
        .map(|i| {
            let j = journal.clone();
            std::thread::spawn(move || {
                (0..20)
                    .map(|k| j.write(&draft_of(1, &format!("w{i}-{k}"))).map(|_| ()))
                    .collect::<io::Result<Vec<()>>>()
            })
        })
        .collect();
    for w in writers {
        w.join().expect("thread").expect("every write succeeds");
    }
    let raw = fs::read(journal.path_of("record_0001")).expect("file");
    assert!(Draft::from_json(&raw).is_ok(), "the file is whole");
}

#[test]
fn an_unreadable_draft_is_reported_with_its_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("d");
    fs::create_dir_all(root.join("12-34")).expect("dead instance dir");
    fs::write(root.join("12-34/record_x.json"), "{").expect("broken");
    let journal = Journal::open(root).expect("journal");
    let (found, problems) = journal.list();
    assert!(found.is_empty());
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains("record_x.json"), "{problems:?}");
}

#[test]
fn an_unwritable_directory_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let blocker = dir.path().join("file");
    fs::write(&blocker, "").expect("write");
    assert!(Journal::open(blocker.join("drafts")).is_err());
}

#[test]
fn drafts_of_two_servers_on_one_host_never_meet() {
    let a = server_dir_name(false, "http://127.0.0.1:8787/v1");
    let b = server_dir_name(false, "http://127.0.0.1:8788/v1");
    let c = server_dir_name(false, "http://127.0.0.1:8787/v2");
    assert!(a != b && a != c && b != c, "{a} {b} {c}");
    assert_eq!(
        server_dir_name(true, "http://127.0.0.1:40123/v1"),
        "sandbox"
    );
    assert!(!a.contains('/'), "one directory, not a path: {a}");
}

#[test]
fn instances_that_end_without_drafts_leave_nothing_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("d");
    let a = Journal::open(root.clone()).expect("a");
    a.write(&draft_of(1, "x")).expect("write");
    a.delete("record_0001").expect("saved");
    drop(a);
    drop(Journal::open(root.clone()).expect("b, never writes"));
    let left: Vec<_> = fs::read_dir(&root).expect("dir").flatten().collect();
    assert!(left.is_empty(), "{left:?}");
    // A killed instance's empty directory and lock are swept by the next one.
    fs::create_dir_all(root.join("9-9")).expect("dead dir");
    fs::write(root.join("9-9.lock"), "").expect("dead lock");
    fs::write(root.join("8-8.lock"), "").expect("dead lock without a directory");
    let c = Journal::open(root.clone()).expect("c");
    assert!(c.list().0.is_empty());
    let names: Vec<String> = fs::read_dir(&root)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1, "only c's own lock: {names:?}");
}

//! The journal's own thread: draft writes and deletes run one at a time, in the order the app
//! asked for them, so a delete can never be overtaken by an older write and two writes of one
//! record never race. At exit the runtime waits for the queue to drain.

use super::drafts::Journal;
use crate::app::{Effect, Msg};
use std::sync::mpsc;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedSender;

enum Job {
    Run(Box<Effect>),
    Flush(mpsc::Sender<()>),
}

/// A handle on the journal thread.
pub struct JournalWorker {
    jobs: mpsc::Sender<Job>,
    dir: String,
}

impl JournalWorker {
    /// Starts the thread; its answers (written, failed, found) come back as messages.
    pub fn start(journal: Journal, msgs: UnboundedSender<Msg>) -> std::io::Result<Self> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let dir = journal.dir().display().to_string();
        std::thread::Builder::new()
            .name("draft-journal".into())
            .spawn(move || {
                for job in queue {
                    match job {
                        Job::Run(effect) => {
                            if let Some(msg) = handle(&journal, *effect) {
                                let _ = msgs.send(msg);
                            }
                        }
                        Job::Flush(done) => {
                            let _ = done.send(());
                        }
                    }
                }
            })?;
        Ok(Self { jobs, dir })
    }

    /// Where the drafts are kept, for messages.
    pub fn dir(&self) -> &str {
        &self.dir
    }

    pub fn run(&self, effect: Effect) {
        let _ = self.jobs.send(Job::Run(Box::new(effect)));
    }

    /// Waits until everything queued so far is on disk (or `limit` passes).
    pub fn flush(&self, limit: Duration) -> bool {
        let (done, wait) = mpsc::channel();
        self.jobs.send(Job::Flush(done)).is_ok() && wait.recv_timeout(limit).is_ok()
    }
}

/// True for the effects the journal thread carries out.
pub fn is_journal_effect(effect: &Effect) -> bool {
    matches!(
        effect,
        Effect::WriteDraft { .. }
            | Effect::DeleteDraft { .. }
            | Effect::DeleteDraftFile { .. }
            | Effect::ListDrafts
    )
}

/// Only a real failure is reported; a written draft needs no message.
fn handle(j: &Journal, effect: Effect) -> Option<Msg> {
    let failed = |what: &str, e: std::io::Error| {
        Some(Msg::DraftWritten {
            result: Err(format!("cannot {what} in {}: {e}", j.dir().display())),
        })
    };
    match effect {
        Effect::WriteDraft { draft } => j
            .write(&draft)
            .err()
            .and_then(|e| failed("write drafts", e)),
        Effect::DeleteDraft { id } => j
            .delete(&id)
            .err()
            .and_then(|e| failed("remove a draft", e)),
        Effect::DeleteDraftFile { path } => j
            .delete_file(&path)
            .err()
            .and_then(|e| failed("remove a draft", e)),
        Effect::ListDrafts => {
            let (drafts, problems) = j.list();
            Some(Msg::DraftsFound { drafts, problems })
        }
        _ => None,
    }
}

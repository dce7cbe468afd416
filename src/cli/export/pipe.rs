//! Standard output that notices when its reader has gone (`export … | head`): the export
//! then stops quietly with success, as `cat` or `grep` do, instead of failing with
//! "Broken pipe".

use std::io::{ErrorKind, Write};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};

/// Set once a write found the pipe closed.
#[derive(Clone, Default)]
pub struct ReaderGone(Arc<AtomicBool>);

impl ReaderGone {
    pub fn happened(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    fn note<T>(&self, result: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &result
            && e.kind() == ErrorKind::BrokenPipe
        {
            self.0.store(true, Ordering::Relaxed);
        }
        result
    }

    fn note_poll<T>(&self, poll: Poll<std::io::Result<T>>) -> Poll<std::io::Result<T>> {
        poll.map(|r| self.note(r))
    }
}

/// A writer that reports a closed pipe to `ReaderGone`.
pub struct Watched<W> {
    inner: W,
    gone: ReaderGone,
}

impl<W> Watched<W> {
    pub fn new(inner: W, gone: &ReaderGone) -> Self {
        Self {
            inner,
            gone: gone.clone(),
        }
    }
}

impl<W: Write> Write for Watched<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = self.inner.write(buf);
        self.gone.note(r)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let r = self.inner.flush();
        self.gone.note(r)
    }
}

impl<W: tokio::io::AsyncWrite + Unpin> tokio::io::AsyncWrite for Watched<W> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let poll = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.gone.note_poll(poll)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let poll = Pin::new(&mut self.inner).poll_flush(cx);
        self.gone.note_poll(poll)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let poll = Pin::new(&mut self.inner).poll_shutdown(cx);
        self.gone.note_poll(poll)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Closed;

    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Err(ErrorKind::Other.into())
        }
    }

    #[test]
    fn only_a_closed_pipe_is_noted() {
        let gone = ReaderGone::default();
        let mut w = Watched::new(Closed, &gone);
        assert!(w.flush().is_err());
        assert!(!gone.happened(), "another error is not a reader gone");
        assert!(w.write(b"x").is_err());
        assert!(gone.happened());
    }
}

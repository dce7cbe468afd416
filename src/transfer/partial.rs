//! Where an export goes: a temporary file beside the target, renamed into place only when
//! complete, and a writer that reports the bytes through it.

use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::task::{Context, Poll};

/// A file being written under a temporary name; removed unless [`Partial::commit`]ted, so a
/// failed or interrupted export never leaves a file that looks complete.
pub struct Partial {
    temp: PathBuf,
    target: PathBuf,
    done: bool,
}

impl Partial {
    pub fn create(target: &Path) -> Result<Self, String> {
        let name = target
            .file_name()
            .ok_or_else(|| format!("{} is not a file name", target.display()))?;
        let dir = target.parent().unwrap_or(Path::new(""));
        let temp = dir.join(format!(
            ".{}.{}.partial",
            name.to_string_lossy(),
            std::process::id()
        ));
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(|e| format!("cannot create {}: {e}", temp.display()))?;
        Ok(Self {
            temp,
            target: target.to_owned(),
            done: false,
        })
    }

    /// The temporary file, opened for writing.
    pub fn file(&self) -> Result<std::fs::File, String> {
        std::fs::OpenOptions::new()
            .write(true)
            .open(&self.temp)
            .map_err(|e| format!("cannot open {}: {e}", self.temp.display()))
    }

    /// Puts the finished file in place (atomically: same directory).
    pub fn commit(mut self) -> Result<(), String> {
        std::fs::rename(&self.temp, &self.target)
            .map_err(|e| format!("cannot write {}: {e}", self.target.display()))?;
        self.done = true;
        Ok(())
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// An async writer that reports how many bytes went through it.
pub struct Counting<W, F> {
    inner: W,
    on_bytes: F,
    total: u64,
}

impl<W, F: FnMut(u64)> Counting<W, F> {
    pub fn new(inner: W, on_bytes: F) -> Self {
        Self {
            inner,
            on_bytes,
            total: 0,
        }
    }
}

impl<W: tokio::io::AsyncWrite + Unpin, F: FnMut(u64) + Unpin> tokio::io::AsyncWrite
    for Counting<W, F>
{
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_write(cx, buf);
        if let Poll::Ready(Ok(n)) = polled {
            this.total += n as u64;
            (this.on_bytes)(this.total);
        }
        polled
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

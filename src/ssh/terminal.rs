//! A ratatui backend for a remote terminal: drawing is delegated to crossterm's backend writing
//! into a shared byte buffer, while the size comes from the client's pty (never from the
//! server's tty) and the cursor position is never queried.

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use std::io::{self, Write};
use std::sync::{Arc, Mutex, PoisonError};

/// Smallest usable size; a 0×0 pty counts as 80×24.
pub fn effective_size(cols: u32, rows: u32) -> Size {
    if cols == 0 || rows == 0 {
        Size::new(80, 24)
    } else {
        Size::new(cols.min(1000) as u16, rows.min(500) as u16)
    }
}

/// The bytes written by the backend; taken after each frame.
#[derive(Clone, Default)]
pub struct Sink(Arc<Mutex<Vec<u8>>>);

impl Sink {
    /// Takes everything written so far.
    pub fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The backend of one SSH session.
pub struct RemoteBackend {
    inner: CrosstermBackend<Sink>,
    size: Size,
    cursor: Position,
}

impl RemoteBackend {
    pub fn new(sink: Sink, size: Size) -> RemoteBackend {
        RemoteBackend {
            inner: CrosstermBackend::new(sink),
            size,
            cursor: Position::ORIGIN,
        }
    }

    pub fn set_size(&mut self, size: Size) {
        self.size = size;
    }
}

impl Backend for RemoteBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }
    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        self.cursor = p;
        self.inner.set_cursor_position(p)
    }
    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }
    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::new(0, 0),
        })
    }
    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

/// Bytes that put a client's terminal into the app's modes: alternate screen, bracketed paste,
/// hidden cursor, cleared.
pub const ENTER: &[u8] = b"\x1b[?1049h\x1b[?2004h\x1b[?25l\x1b[2J\x1b[H";
/// Bytes that restore it: paste mode off, attributes reset, cursor shown, main screen back.
pub const LEAVE: &[u8] = b"\x1b[?2004l\x1b[0m\x1b[?25h\x1b[?1049l";

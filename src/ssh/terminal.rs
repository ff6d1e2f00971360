//! A ratatui backend for a remote terminal: drawing is delegated to crossterm's backend writing
//! into a shared byte buffer, while the size comes from the client's pty (never from the
//! server's tty) and the cursor position is never queried. A frame that changes nothing sends
//! nothing: no cells means no bytes (not even a style reset), and the cursor is hidden, shown
//! or moved only when that changes what the client shows.

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
    /// Whether the client's cursor is shown, when known (`ENTER` hides it).
    visible: Option<bool>,
    /// Cells were written since the cursor was last placed (writing moves it).
    moved: bool,
}

impl RemoteBackend {
    pub fn new(sink: Sink, size: Size) -> RemoteBackend {
        RemoteBackend {
            inner: CrosstermBackend::new(sink),
            size,
            cursor: Position::ORIGIN,
            visible: Some(false),
            moved: true,
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
        let mut content = content.peekable();
        if content.peek().is_none() {
            return Ok(());
        }
        self.moved = true;
        self.inner.draw(content)
    }
    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.visible == Some(false) {
            return Ok(());
        }
        self.visible = Some(false);
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> io::Result<()> {
        if self.visible == Some(true) {
            return Ok(());
        }
        self.visible = Some(true);
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        if p == self.cursor && !self.moved {
            return Ok(());
        }
        self.cursor = p;
        self.moved = false;
        self.inner.set_cursor_position(p)
    }
    fn clear(&mut self) -> io::Result<()> {
        self.moved = true;
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.moved = true;
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

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::widgets::Paragraph;
    use ratatui::{Terminal, TerminalOptions, Viewport};

    #[test]
    fn an_unchanged_frame_sends_nothing() {
        let sink = Sink::default();
        let size = Size::new(20, 3);
        let backend = RemoteBackend::new(sink.clone(), size);
        let options = TerminalOptions {
            viewport: Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 20, 3)),
        };
        let mut term = Terminal::with_options(backend, options).unwrap();
        let frame = |t: &mut Terminal<RemoteBackend>, text: &str, cursor: bool| {
            t.draw(|f| {
                f.render_widget(Paragraph::new(text.to_string()), f.area());
                if cursor {
                    f.set_cursor_position((2, 1));
                }
            })
            .unwrap();
            sink.take()
        };
        assert!(!frame(&mut term, "12:00", false).is_empty());
        assert!(
            frame(&mut term, "12:00", false).is_empty(),
            "nothing changed"
        );
        assert!(
            !frame(&mut term, "12:01", false).is_empty(),
            "the clock moved"
        );
        let shown = frame(&mut term, "12:01", true);
        assert!(String::from_utf8_lossy(&shown).contains("\x1b[?25h"));
        assert!(
            frame(&mut term, "12:01", true).is_empty(),
            "cursor already there"
        );
        // Writing cells moves the terminal's cursor: it is placed again.
        let again = frame(&mut term, "12:02", true);
        assert!(
            String::from_utf8_lossy(&again).contains("\x1b[2;3H"),
            "{again:?}"
        );
    }
}

//! One interactive session: a thread that owns the app, the input parser and the terminal. It
//! receives raw input bytes, window sizes and notices over a channel, draws after each event,
//! and hands the bytes to the connection's writer task. A panic ends this session only, after
//! restoring the client's terminal.

use super::keys::{ESC_TIMEOUT, Input, Parser};
use super::terminal::{ENTER, LEAVE, RemoteBackend, Sink, effective_size};
use crate::service::Service;
use crate::service::hub::{Hub, Notice};
use crate::strings::ui;
use crate::tui::{App, Event, Outcome, Session};
use ratatui::layout::{Rect, Size};
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Messages to a session thread.
#[derive(Debug)]
pub enum Msg {
    Bytes(Vec<u8>),
    Resize(u32, u32),
    Notice(Notice),
    /// The client closed the channel.
    Closed,
}

/// How a session ended, for the exit status and the audit trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Quit,
    Idle,
    Disconnected,
    Crashed,
}

/// Everything a session thread needs.
pub struct Start {
    pub session: Session,
    pub svc: Service,
    pub hub: Arc<Hub>,
    pub size: (u32, u32),
    pub idle: Duration,
    /// Sends bytes to the client; false when the connection is gone.
    pub out: Box<dyn Fn(Vec<u8>) -> bool + Send>,
}

fn rect(s: Size) -> Rect {
    Rect::new(0, 0, s.width, s.height)
}

/// Runs the session until it ends; restores the client's terminal on every path.
pub fn run(start: Start, rx: Receiver<Msg>) -> End {
    let lang = start.session.lang;
    let out = start.out;
    let end = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let sink = Sink::default();
        let size = effective_size(start.size.0, start.size.1);
        let backend = RemoteBackend::new(sink.clone(), size);
        let Ok(mut term) = Terminal::with_options(
            backend,
            TerminalOptions {
                viewport: Viewport::Fixed(rect(size)),
            },
        ) else {
            return End::Crashed;
        };
        let mut app = App::new(start.session, start.svc, start.hub);
        let mut parser = Parser::default();
        out(ENTER.to_vec());
        let mut last_input = Instant::now();
        let mut dirty = true;
        loop {
            if dirty {
                if term.draw(|f| app.view(f)).is_err() {
                    return End::Crashed;
                }
                let bytes = sink.take();
                if !bytes.is_empty() && !out(bytes) {
                    return End::Disconnected;
                }
                dirty = false;
            }
            let events = match next_events(&rx, &mut parser, &mut term, &mut last_input) {
                Ok((events, resized)) => {
                    dirty |= resized;
                    events
                }
                Err(end) => return end,
            };
            if last_input.elapsed() > start.idle {
                return End::Idle;
            }
            for ev in events {
                dirty = true;
                match app.update(ev) {
                    Outcome::Continue => {}
                    Outcome::Redraw => {
                        if term.clear().is_err() {
                            return End::Crashed;
                        }
                    }
                    Outcome::Quit => return End::Quit,
                }
            }
        }
    }))
    .unwrap_or(End::Crashed);
    let farewell = match end {
        End::Quit => ui::bye(lang),
        End::Idle => ui::idle_logout(lang),
        End::Crashed => ui::crashed(lang),
        End::Disconnected => "",
    };
    let mut bytes = LEAVE.to_vec();
    bytes.extend_from_slice(farewell.as_bytes());
    out(bytes);
    end
}

/// Waits for the next input, resize or notice (or a tick) and turns it into the app's events;
/// a resize is applied to the terminal at once (and said, so the screen is drawn again).
/// `Err` ends the session.
fn next_events(
    rx: &Receiver<Msg>,
    parser: &mut Parser,
    term: &mut Terminal<RemoteBackend>,
    last_input: &mut Instant,
) -> Result<(Vec<Event>, bool), End> {
    let wait = if parser.pending() {
        ESC_TIMEOUT
    } else {
        Duration::from_secs(1)
    };
    let mut events = Vec::new();
    let mut resized = false;
    match rx.recv_timeout(wait) {
        Ok(Msg::Bytes(b)) => {
            *last_input = Instant::now();
            events.extend(parser.feed(&b).into_iter().map(to_event));
        }
        Ok(Msg::Resize(w, h)) => {
            let s = effective_size(w, h);
            term.backend_mut().set_size(s);
            if term.resize(rect(s)).is_err() {
                return Err(End::Crashed);
            }
            resized = true;
        }
        Ok(Msg::Notice(n)) => events.push(Event::Notice(n)),
        Ok(Msg::Closed) | Err(RecvTimeoutError::Disconnected) => return Err(End::Disconnected),
        Err(RecvTimeoutError::Timeout) => {
            if parser.pending() {
                events.extend(parser.timeout().into_iter().map(to_event));
            } else {
                events.push(Event::Tick);
            }
        }
    }
    Ok((events, resized))
}

fn to_event(i: Input) -> Event {
    match i {
        Input::Key(k) => Event::Key(k),
        Input::Paste(s) => Event::Paste(s),
    }
}

//! Tests of `keys`.

use super::*;
use ratatui::crossterm::event::{KeyEventKind, KeyEventState};

const NONE: KeyModifiers = KeyModifiers::NONE;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const ALT: KeyModifiers = KeyModifiers::ALT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

fn k(code: KeyCode, mods: KeyModifiers) -> Input {
    Input::Key(KeyEvent::new(code, mods))
}

fn c(ch: char) -> Input {
    k(KeyCode::Char(ch), NONE)
}

fn ctrl(ch: char) -> Input {
    k(KeyCode::Char(ch), CTRL)
}

fn alt(ch: char) -> Input {
    k(KeyCode::Char(ch), ALT)
}

fn paste(s: &str) -> Input {
    Input::Paste(s.to_owned())
}

fn text(s: &str) -> Vec<Input> {
    s.chars()
        .map(|ch| {
            let mods = if ch.is_uppercase() { SHIFT } else { NONE };
            k(KeyCode::Char(ch), mods)
        })
        .collect()
}

/// Strict comparison: KeyEvent's own `==` ignores SHIFT on letters.
fn show(events: &[Input]) -> String {
    format!("{events:?}")
}

/// Checks the parser's own invariants after a call.
fn check_state(p: &Parser) {
    assert!(
        p.buf.len() <= MAX_SEQUENCE + 1,
        "buffer grew to {}",
        p.buf.len()
    );
    assert!(p.paste.len() <= PASTE_LIMIT);
    assert!(p.paste_matched < PASTE_END.len());
}

/// Feeds the chunks in order, then resolves what is pending as the caller's timer would.
fn feed_chunks(chunks: &[&[u8]]) -> Vec<Input> {
    let mut p = Parser::default();
    let mut out = Vec::new();
    for chunk in chunks {
        out.extend(p.feed(chunk));
        check_state(&p);
    }
    out.extend(p.timeout());
    check_state(&p);
    assert!(!p.pending(), "still pending after timeout");
    for event in &out {
        if let Input::Key(key) = event {
            assert_eq!(key.kind, KeyEventKind::Press);
            assert_eq!(key.state, KeyEventState::NONE);
        }
    }
    out
}

/// Parses `input` whole, split once at every position, byte by byte, and (when short)
/// split twice at every pair of positions; all must agree. Returns the events.
fn parse_all_splits(input: &[u8]) -> Vec<Input> {
    let whole = feed_chunks(&[input]);
    let expect = show(&whole);
    for cut in 0..=input.len() {
        let (a, b) = input.split_at(cut);
        assert_eq!(
            show(&feed_chunks(&[a, b])),
            expect,
            "{input:?} cut at {cut}"
        );
    }
    let bytes: Vec<&[u8]> = input.chunks(1).collect();
    assert_eq!(show(&feed_chunks(&bytes)), expect, "{input:?} byte by byte");
    if input.len() <= 40 {
        for i in 0..=input.len() {
            for j in i..=input.len() {
                let parts = [&input[..i], &input[i..j], &input[j..]];
                assert_eq!(show(&feed_chunks(&parts)), expect, "{input:?} cut {i},{j}");
            }
        }
    }
    whole
}

fn check_table(table: &[(&[u8], Vec<Input>)]) {
    for (input, want) in table {
        let got = parse_all_splits(input);
        assert_eq!(show(&got), show(want), "input {input:?}");
    }
}

#[test]
fn printable_ascii() {
    let all: Vec<u8> = (0x20..=0x7e).collect();
    let want: Vec<Input> = all
        .iter()
        .map(|&b| {
            let ch = char::from(b);
            let mods = if ch.is_ascii_uppercase() { SHIFT } else { NONE };
            k(KeyCode::Char(ch), mods)
        })
        .collect();
    assert_eq!(show(&parse_all_splits(&all)), show(&want));
}

#[test]
fn uppercase_carries_shift() {
    let got = parse_all_splits(b"aA");
    let Input::Key(upper) = got[1] else {
        panic!("not a key: {got:?}")
    };
    assert_eq!(upper.code, KeyCode::Char('A'));
    assert_eq!(upper.modifiers, SHIFT);
}

#[test]
fn utf8_chinese_and_emoji() {
    check_table(&[
        ("中文".as_bytes(), text("中文")),
        ("双随机、一公开".as_bytes(), text("双随机、一公开")),
        ("😀👍🏽".as_bytes(), text("😀👍🏽")),
        ("aé中😀z".as_bytes(), text("aé中😀z")),
    ]);
}

#[test]
fn chinese_split_inside_characters() {
    let bytes = "环境局".as_bytes();
    let mut p = Parser::default();
    assert!(p.feed(&bytes[..1]).is_empty());
    assert!(p.pending());
    assert_eq!(show(&p.feed(&bytes[1..4])), show(&text("环")));
    assert_eq!(show(&p.feed(&bytes[4..8])), show(&text("境")));
    assert_eq!(show(&p.feed(&bytes[8..])), show(&text("局")));
    assert!(!p.pending());
    assert_eq!(show(&parse_all_splits(bytes)), show(&text("环境局")));
}

#[test]
fn invalid_utf8_becomes_replacement() {
    let r = char::REPLACEMENT_CHARACTER;
    check_table(&[
        (b"\xff", vec![c(r)]),
        (b"a\x80b", vec![c('a'), c(r), c('b')]),
        // GBK 中文 from a client not set to UTF-8.
        (b"\xd6\xd0\xce\xc4", vec![c(r), c(r), c(r), c(r)]),
        // Truncated 3-byte character followed by ASCII: one replacement.
        (b"\xe4\xb8x", vec![c(r), c('x')]),
        // Surrogate encoding and overlong forms are invalid.
        (b"\xed\xa0\x80", vec![c(r), c(r), c(r)]),
        (b"\xc0\xaf", vec![c(r), c(r)]),
        // Truncated character at the end: U+FFFD after the timeout.
        (b"\xe4\xb8", vec![c(r)]),
        // A C1 control encoded in UTF-8 is dropped.
        (b"\xc2\x9bA", text("A")),
    ]);
}

#[test]
fn enter_variants() {
    let enter = k(KeyCode::Enter, NONE);
    check_table(&[
        (b"\r", vec![enter.clone()]),
        (b"\n", vec![enter.clone()]),
        (b"\r\n", vec![enter.clone()]),
        (b"\r\n\r\n", vec![enter.clone(), enter.clone()]),
        (b"\r\r", vec![enter.clone(), enter.clone()]),
        (b"\n\n", vec![enter.clone(), enter.clone()]),
        (b"\n\r", vec![enter.clone(), enter.clone()]),
        (b"a\r\nb", vec![c('a'), enter.clone(), c('b')]),
        (
            b"\r\x1b[A\n",
            vec![enter.clone(), k(KeyCode::Up, NONE), enter],
        ),
    ]);
}

#[test]
fn crlf_split_across_packets_is_one_enter() {
    let mut p = Parser::default();
    assert_eq!(show(&p.feed(b"\r")), show(&[k(KeyCode::Enter, NONE)]));
    assert!(!p.pending());
    assert!(p.feed(b"\n").is_empty());
    assert_eq!(show(&p.feed(b"\n")), show(&[k(KeyCode::Enter, NONE)]));
}

#[test]
fn control_bytes() {
    check_table(&[
        (b"\t", vec![k(KeyCode::Tab, NONE)]),
        (b"\x7f", vec![k(KeyCode::Backspace, NONE)]),
        (b"\x08", vec![k(KeyCode::Backspace, NONE)]),
        (b"\x00", vec![ctrl(' ')]),
        (b"\x01", vec![ctrl('a')]),
        (b"\x03", vec![ctrl('c')]),
        (b"\x1a", vec![ctrl('z')]),
        (b"\x1c", vec![ctrl('4')]),
        (b"\x1f", vec![ctrl('7')]),
    ]);
}

#[test]
fn every_ctrl_letter() {
    for byte in 0x01u8..=0x1a {
        let got = parse_all_splits(&[byte]);
        let want = match byte {
            0x08 => k(KeyCode::Backspace, NONE),
            0x09 => k(KeyCode::Tab, NONE),
            0x0a | 0x0d => k(KeyCode::Enter, NONE),
            _ => ctrl(char::from(b'a' + byte - 1)),
        };
        assert_eq!(show(&got), show(&[want]), "byte {byte:#04x}");
    }
}

#[test]
fn lone_esc_only_after_timeout() {
    let mut p = Parser::default();
    assert!(!p.pending());
    assert!(p.feed(b"\x1b").is_empty());
    assert!(p.pending());
    assert_eq!(show(&p.timeout()), show(&[k(KeyCode::Esc, NONE)]));
    assert!(!p.pending());
    assert!(p.timeout().is_empty());
    // The next byte after the timeout is plain input again.
    assert_eq!(show(&p.feed(b"[A")), show(&text("[A")));
}

#[test]
fn esc_then_sequence_in_next_packet_is_arrow() {
    let mut p = Parser::default();
    assert!(p.feed(b"\x1b").is_empty());
    assert!(p.pending());
    assert!(p.feed(b"[").is_empty());
    assert!(p.pending());
    assert_eq!(show(&p.feed(b"A")), show(&[k(KeyCode::Up, NONE)]));
    assert!(!p.pending());

    let mut p = Parser::default();
    assert!(p.feed(b"x\x1b").len() == 1);
    assert_eq!(show(&p.feed(b"OP")), show(&[k(KeyCode::F(1), NONE)]));
}

#[test]
fn esc_timeout_resolutions() {
    let mut p = Parser::default();
    let cases: &[(&[u8], Vec<Input>)] = &[
        (b"\x1b", vec![k(KeyCode::Esc, NONE)]),
        (b"\x1b[", vec![alt('[')]),
        (b"\x1bO", vec![k(KeyCode::Char('O'), ALT | SHIFT)]),
        (b"\x1b[1;", vec![]),
        (b"\x1b[[", vec![]),
        (b"\x1b[M!", vec![]),
        (b"\x1bO5", vec![]),
        (
            b"\x1b\x1b",
            vec![k(KeyCode::Esc, NONE), k(KeyCode::Esc, NONE)],
        ),
        (b"\x1b\x1b[", vec![k(KeyCode::Esc, NONE), alt('[')]),
        (b"\x1b\x1b[1", vec![]),
        (b"\x1b\xe4\xb8", vec![alt(char::REPLACEMENT_CHARACTER)]),
    ];
    for (input, want) in cases {
        assert!(p.feed(input).is_empty(), "{input:?}");
        assert!(p.pending(), "{input:?}");
        assert_eq!(show(&p.timeout()), show(want), "{input:?}");
        assert!(!p.pending());
    }
}

#[test]
fn alt_keys() {
    check_table(&[
        (b"\x1ba", vec![alt('a')]),
        (b"\x1bA", vec![k(KeyCode::Char('A'), ALT | SHIFT)]),
        (b"\x1b ", vec![alt(' ')]),
        (b"\x1b1", vec![alt('1')]),
        (b"\x1b\x7f", vec![k(KeyCode::Backspace, ALT)]),
        (b"\x1b\r", vec![k(KeyCode::Enter, ALT)]),
        (b"\x1b\r\n", vec![k(KeyCode::Enter, ALT)]),
        (b"\x1b\n", vec![k(KeyCode::Enter, ALT)]),
        (b"\x1b\t", vec![k(KeyCode::Tab, ALT)]),
        (b"\x1b\x01", vec![k(KeyCode::Char('a'), CTRL | ALT)]),
        ("\x1b中".as_bytes(), vec![alt('中')]),
        (b"\x1bab", vec![alt('a'), c('b')]),
    ]);
}

#[test]
fn esc_esc() {
    let esc = k(KeyCode::Esc, NONE);
    check_table(&[
        (b"\x1b\x1b", vec![esc.clone(), esc.clone()]),
        (b"\x1b\x1b\x1b", vec![esc.clone(), esc.clone(), esc.clone()]),
        (b"\x1b\x1ba", vec![esc.clone(), alt('a')]),
        // PuTTY's Alt-arrows and Alt-function keys.
        (b"\x1b\x1b[A", vec![k(KeyCode::Up, ALT)]),
        (b"\x1b\x1bOD", vec![k(KeyCode::Left, ALT)]),
        (b"\x1b\x1b[3~", vec![k(KeyCode::Delete, ALT)]),
        (b"\x1b\x1b\x1b[B", vec![esc.clone(), k(KeyCode::Down, ALT)]),
        (b"\x1b\x1b[I", vec![]),
        (b"\x1b\x1b[", vec![esc, alt('[')]),
    ]);
}

#[test]
fn csi_cursor_keys() {
    check_table(&[
        (b"\x1b[A", vec![k(KeyCode::Up, NONE)]),
        (b"\x1b[B", vec![k(KeyCode::Down, NONE)]),
        (b"\x1b[C", vec![k(KeyCode::Right, NONE)]),
        (b"\x1b[D", vec![k(KeyCode::Left, NONE)]),
        (b"\x1b[H", vec![k(KeyCode::Home, NONE)]),
        (b"\x1b[F", vec![k(KeyCode::End, NONE)]),
        (b"\x1b[E", vec![k(KeyCode::KeypadBegin, NONE)]),
        (b"\x1b[Z", vec![k(KeyCode::BackTab, SHIFT)]),
        (
            b"\x1b[A\x1b[B\x1b[C\x1b[D",
            vec![
                k(KeyCode::Up, NONE),
                k(KeyCode::Down, NONE),
                k(KeyCode::Right, NONE),
                k(KeyCode::Left, NONE),
            ],
        ),
        // rxvt Shift-arrows.
        (b"\x1b[a", vec![k(KeyCode::Up, SHIFT)]),
        (b"\x1b[d", vec![k(KeyCode::Left, SHIFT)]),
    ]);
}

#[test]
fn csi_tilde_keys() {
    check_table(&[
        (b"\x1b[1~", vec![k(KeyCode::Home, NONE)]),
        (b"\x1b[2~", vec![k(KeyCode::Insert, NONE)]),
        (b"\x1b[3~", vec![k(KeyCode::Delete, NONE)]),
        (b"\x1b[4~", vec![k(KeyCode::End, NONE)]),
        (b"\x1b[5~", vec![k(KeyCode::PageUp, NONE)]),
        (b"\x1b[6~", vec![k(KeyCode::PageDown, NONE)]),
        (b"\x1b[7~", vec![k(KeyCode::Home, NONE)]),
        (b"\x1b[8~", vec![k(KeyCode::End, NONE)]),
        // rxvt Ctrl- and Ctrl-Shift- forms.
        (b"\x1b[3^", vec![k(KeyCode::Delete, CTRL)]),
        (b"\x1b[5@", vec![k(KeyCode::PageUp, CTRL | SHIFT)]),
        // Unknown numbers and a stray paste end are swallowed.
        (b"\x1b[9~", vec![]),
        (b"\x1b[99~x", text("x")),
        (b"\x1b[201~", vec![]),
        (b"\x1b[~", vec![]),
    ]);
}

#[test]
fn function_keys() {
    let f = |n: u8| k(KeyCode::F(n), NONE);
    check_table(&[
        (b"\x1b[11~", vec![f(1)]),
        (b"\x1b[12~", vec![f(2)]),
        (b"\x1b[13~", vec![f(3)]),
        (b"\x1b[14~", vec![f(4)]),
        (b"\x1b[15~", vec![f(5)]),
        (b"\x1b[17~", vec![f(6)]),
        (b"\x1b[18~", vec![f(7)]),
        (b"\x1b[19~", vec![f(8)]),
        (b"\x1b[20~", vec![f(9)]),
        (b"\x1b[21~", vec![f(10)]),
        (b"\x1b[23~", vec![f(11)]),
        (b"\x1b[24~", vec![f(12)]),
        (b"\x1b[25~", vec![f(13)]),
        (b"\x1b[34~", vec![f(20)]),
        (b"\x1b[16~", vec![]),
        (b"\x1b[22~", vec![]),
        (b"\x1bOP", vec![f(1)]),
        (b"\x1bOQ", vec![f(2)]),
        (b"\x1bOR", vec![f(3)]),
        (b"\x1bOS", vec![f(4)]),
        (b"\x1b[[A", vec![f(1)]),
        (b"\x1b[[B", vec![f(2)]),
        (b"\x1b[[C", vec![f(3)]),
        (b"\x1b[[D", vec![f(4)]),
        (b"\x1b[[E", vec![f(5)]),
        (b"\x1b[[Z", vec![]),
        // Modified F1–F4 the xterm way.
        (b"\x1b[1;2P", vec![k(KeyCode::F(1), SHIFT)]),
        (b"\x1b[1;5S", vec![k(KeyCode::F(4), CTRL)]),
        (b"\x1b[15;5~", vec![k(KeyCode::F(5), CTRL)]),
        // A cursor position report is not F3.
        (b"\x1b[12;40R", vec![]),
    ]);
}

#[test]
fn xterm_modifiers() {
    check_table(&[
        (b"\x1b[1;5C", vec![k(KeyCode::Right, CTRL)]),
        (b"\x1b[1;2A", vec![k(KeyCode::Up, SHIFT)]),
        (b"\x1b[1;3D", vec![k(KeyCode::Left, ALT)]),
        (b"\x1b[1;4B", vec![k(KeyCode::Down, SHIFT | ALT)]),
        (b"\x1b[1;6H", vec![k(KeyCode::Home, SHIFT | CTRL)]),
        (b"\x1b[1;7F", vec![k(KeyCode::End, ALT | CTRL)]),
        (b"\x1b[1;8A", vec![k(KeyCode::Up, SHIFT | ALT | CTRL)]),
        (b"\x1b[1;1A", vec![k(KeyCode::Up, NONE)]),
        (b"\x1b[3;5~", vec![k(KeyCode::Delete, CTRL)]),
        (b"\x1b[3;2~", vec![k(KeyCode::Delete, SHIFT)]),
        (b"\x1b[5;3~", vec![k(KeyCode::PageUp, ALT)]),
        (b"\x1b[2;5~", vec![k(KeyCode::Insert, CTRL)]),
        (b"\x1b[1;2Z", vec![k(KeyCode::BackTab, SHIFT)]),
        (b"\x1b[1;5Z", vec![k(KeyCode::BackTab, SHIFT | CTRL)]),
        // Old style without the leading 1, and a kitty-style sub-parameter.
        (b"\x1b[5C", vec![k(KeyCode::Right, CTRL)]),
        (b"\x1b[1;5:1C", vec![k(KeyCode::Right, CTRL)]),
        (b"\x1b[1;9A", vec![k(KeyCode::Up, KeyModifiers::SUPER)]),
    ]);
    for m in 1u8..=8 {
        let input = format!("\x1b[1;{m}A");
        let bits = m - 1;
        let mut mods = NONE;
        if bits & 1 != 0 {
            mods |= SHIFT;
        }
        if bits & 2 != 0 {
            mods |= ALT;
        }
        if bits & 4 != 0 {
            mods |= CTRL;
        }
        let got = parse_all_splits(input.as_bytes());
        assert_eq!(show(&got), show(&[k(KeyCode::Up, mods)]), "modifier {m}");
    }
}

#[test]
fn ss3_keys() {
    check_table(&[
        (b"\x1bOA", vec![k(KeyCode::Up, NONE)]),
        (b"\x1bOB", vec![k(KeyCode::Down, NONE)]),
        (b"\x1bOC", vec![k(KeyCode::Right, NONE)]),
        (b"\x1bOD", vec![k(KeyCode::Left, NONE)]),
        (b"\x1bOH", vec![k(KeyCode::Home, NONE)]),
        (b"\x1bOF", vec![k(KeyCode::End, NONE)]),
        (b"\x1bO5C", vec![k(KeyCode::Right, CTRL)]),
        (b"\x1bO1;2P", vec![k(KeyCode::F(1), SHIFT)]),
        (b"\x1bOa", vec![k(KeyCode::Up, CTRL)]),
        (b"\x1bOM", vec![k(KeyCode::Enter, NONE)]),
        (b"\x1bOp", vec![c('0')]),
        (b"\x1bOy", vec![c('9')]),
        (b"\x1bOk", vec![c('+')]),
        (b"\x1bOX", vec![c('=')]),
        (b"\x1bOz", vec![]),
        // ESC O + something that cannot end a sequence: Alt-O, then that key.
        (
            b"\x1bO\r",
            vec![k(KeyCode::Char('O'), ALT | SHIFT), k(KeyCode::Enter, NONE)],
        ),
    ]);
}

#[test]
fn focus_and_mouse_ignored() {
    check_table(&[
        (b"\x1b[I", vec![]),
        (b"\x1b[O", vec![]),
        (b"\x1b[Ia\x1b[O", text("a")),
        // X10 mouse: three raw bytes, even ones that look like keys or are not ASCII.
        (b"\x1b[M !!", vec![]),
        (b"\x1b[M\x20\xff\xffx", text("x")),
        (b"\x1b[M#\x1b[b", text("b")),
        // SGR and urxvt mouse.
        (b"\x1b[<0;12;7M", vec![]),
        (b"\x1b[<0;12;7m", vec![]),
        (b"\x1b[<64;200;50Mz", text("z")),
        (b"\x1b[32;10;20M", vec![]),
    ]);
}

#[test]
fn unknown_csi_swallowed() {
    check_table(&[
        (b"\x1b[?1;2c", vec![]),
        (b"\x1b[>0;276;0c", vec![]),
        (b"\x1b[12;40R", vec![]),
        (b"\x1b[0n", vec![]),
        (b"\x1b[97;5u", vec![]),
        (b"\x1b[1 q", vec![]),
        (b"\x1b[?2004;1$y", vec![]),
        (b"\x1b[38;5;1mhi", text("hi")),
        (
            b"\x1b[0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0~ok",
            text("ok"),
        ),
        (b"\x1b[99999999999999999999A", vec![k(KeyCode::Up, NONE)]),
    ]);
}

#[test]
fn malformed_sequences() {
    check_table(&[
        // A control byte cuts a CSI short; the byte is then a key.
        (b"\x1b[12\x03", vec![ctrl('c')]),
        (b"\x1b[1;\x1b[B", vec![k(KeyCode::Down, NONE)]),
        (b"\x1b[\x7f", vec![alt('['), k(KeyCode::Backspace, NONE)]),
        ("\x1b[中".as_bytes(), vec![alt('['), c('中')]),
        (b"\x1b[1\xe4\xb8\xad", vec![c('中')]),
        (b"\x1bO1\r", vec![k(KeyCode::Enter, NONE)]),
    ]);
}

#[test]
fn overlong_sequence_is_skipped_and_bounded() {
    let mut long = b"\x1b[".to_vec();
    long.extend(std::iter::repeat_n(b'9', 1000));
    long.extend(b"~ok");
    assert_eq!(show(&parse_all_splits(&long)), show(&text("ok")));

    // A garbage stream of parameter bytes never ends: memory stays bounded.
    let mut p = Parser::default();
    assert!(p.feed(b"\x1b[").is_empty());
    for _ in 0..10_000 {
        assert!(p.feed(b"1;2;3;4;5;6;7;8;9;0").is_empty());
        check_state(&p);
    }
    assert!(p.pending());
    assert!(p.timeout().is_empty());
    assert!(!p.pending());
    assert_eq!(show(&p.feed(b"a")), show(&text("a")));

    // An over-long sequence cut short by a control byte.
    let mut long = b"\x1b[".to_vec();
    long.extend(std::iter::repeat_n(b';', 100));
    long.push(b'\r');
    assert_eq!(
        show(&parse_all_splits(&long)),
        show(&[k(KeyCode::Enter, NONE)])
    );
}

#[test]
fn without_partial_tail_cases() {
    assert_eq!(without_partial_tail(b""), b"");
    assert_eq!(without_partial_tail(b"ab"), b"ab");
    assert_eq!(without_partial_tail("a中".as_bytes()), "a中".as_bytes());
    assert_eq!(without_partial_tail(&"a中".as_bytes()[..3]), b"a");
    assert_eq!(without_partial_tail(&"a😀".as_bytes()[..4]), b"a");
    assert_eq!(
        without_partial_tail(b"\x80\x80\x80\x80\x80"),
        b"\x80\x80\x80\x80\x80"
    );
}

#[test]
fn esc_timeout_constant() {
    assert_eq!(ESC_TIMEOUT, Duration::from_millis(50));
}

mod fuzz;
mod paste;

//! Bracketed paste: whole, split across packets, across timeouts, and capped.

use super::*;

#[test]
fn bracketed_paste() {
    check_table(&[
        (b"\x1b[200~hello\x1b[201~", vec![paste("hello")]),
        (
            "\x1b[200~第一行\n第二行 😀\x1b[201~".as_bytes(),
            vec![paste("第一行\n第二行 😀")],
        ),
        (
            b"\x1b[200~a\r\nb\rc\nd\r\r\n\x1b[201~",
            vec![paste("a\r\nb\rc\nd\r\r\n")],
        ),
        (
            b"\x1b[200~a\tb\x00c\x07d\x1b\x7fe\x1b[201~",
            vec![paste("a\tb\x00c\x07d\x1b\x7fe")],
        ),
        (
            b"\x1b[200~x\x1b[31my\x1b[0m\x1b[201~",
            vec![paste("x\x1b[31my\x1b[0m")],
        ),
        // Near-misses of the end marker are text.
        (
            b"\x1b[200~\x1b[20\x1b[201\x1b\x1b[201~",
            vec![paste("\x1b[20\x1b[201\x1b")],
        ),
        (b"\x1b[200~\x1b[202~\x1b[201~", vec![paste("\x1b[202~")]),
        // Keys around a paste; Enter inside is text, not a key.
        (
            b"a\x1b[200~b\rc\x1b[201~\rd",
            vec![c('a'), paste("b\rc"), k(KeyCode::Enter, NONE), c('d')],
        ),
        // An empty paste produces nothing; controls are the app's to remove.
        (b"\x1b[200~\x1b[201~", vec![]),
        (b"\x1b[200~\x1b\x01\x1b[201~", vec![paste("\x1b\x01")]),
        // Invalid UTF-8 inside a paste.
        (b"\x1b[200~\xffa\x1b[201~", vec![paste("\u{fffd}a")]),
        // Alt-prefixed paste start.
        (b"\x1b\x1b[200~z\x1b[201~", vec![paste("z")]),
    ]);
}

#[test]
fn paste_split_across_packets() {
    let whole = "\x1b[200~环境监测\r\n双随机 一公开\x1b[201~\x1b[A".as_bytes();
    let want = vec![paste("环境监测\r\n双随机 一公开"), k(KeyCode::Up, NONE)];
    assert_eq!(show(&parse_all_splits(whole)), show(&want));

    let mut p = Parser::default();
    assert!(p.feed(b"\x1b[20").is_empty());
    assert!(p.feed("0~环境\r".as_bytes()).is_empty());
    assert!(p.feed(&"\n监测".as_bytes()[..3]).is_empty());
    assert!(p.feed(&"\n监测".as_bytes()[3..]).is_empty());
    assert!(p.feed(b"\x1b[2").is_empty());
    assert_eq!(show(&p.feed(b"01~")), show(&[paste("环境\r\n监测")]));
    assert!(!p.pending());
}

#[test]
fn paste_survives_timeout() {
    let mut p = Parser::default();
    assert!(p.feed(b"\x1b[200~abc\x1b[2").is_empty());
    assert!(!p.pending());
    assert!(p.timeout().is_empty());
    assert!(p.feed(b"0").is_empty());
    assert_eq!(show(&p.feed(b"1~x")), show(&[paste("abc"), c('x')]));
}

#[test]
fn paste_is_capped() {
    let mut input = b"\x1b[200~".to_vec();
    input.extend(std::iter::repeat_n(b'x', PASTE_LIMIT + 1000));
    input.extend(b"\x1b[201~y");
    let got = feed_chunks(&input.chunks(1000).collect::<Vec<_>>());
    let Some(Input::Paste(s)) = got.first() else {
        panic!("no paste: {:?}", &got[..got.len().min(3)])
    };
    assert_eq!(s.len(), PASTE_LIMIT);
    assert_eq!(show(&got[1..]), show(&text("y")));
    for size in [1, 7, 4096] {
        let again = feed_chunks(&input.chunks(size).collect::<Vec<_>>());
        assert_eq!(show(&again), show(&got), "chunks of {size}");
    }

    // A character cut by the limit is dropped, not turned into U+FFFD.
    let mut input = b"\x1b[200~".to_vec();
    input.extend(std::iter::repeat_n(b'x', PASTE_LIMIT - 1));
    input.extend("中文".as_bytes());
    input.extend(b"\x1b[201~");
    let got = feed_chunks(&[&input]);
    let Some(Input::Paste(s)) = got.first() else {
        panic!("no paste")
    };
    assert_eq!(s.len(), PASTE_LIMIT - 1);
    assert!(s.bytes().all(|b| b == b'x'));
}

//! Random input split anywhere, with and without timeouts: never a panic, always a bounded
//! parser state.

use super::*;

/// Tiny deterministic PRNG for the fuzz tests.
struct XorShift(u64);

impl XorShift {
    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// Random input: uniform bytes, or pieces biased towards sequences and pastes.
fn random_input(rng: &mut XorShift, len: usize) -> Vec<u8> {
    const PIECES: &[&[u8]] = &[
        b"\x1b",
        b"[",
        b"O",
        b"1",
        b";",
        b"5",
        b"~",
        b"A",
        b"M",
        b"<",
        b"\r",
        b"\n",
        b"\x1b[200~",
        b"\x1b[201~",
        b"\x1b[",
        b"\x1bO",
        "中".as_bytes(),
        b"\xe4",
        b"\x80",
        b"\xff",
        b"a",
        b"\x7f",
        b"\x00",
        b"200",
        b"[",
    ];
    let biased = rng.below(2) == 0;
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        if biased {
            out.extend(PIECES[rng.below(PIECES.len())]);
        } else {
            out.push(rng.next_u64() as u8);
        }
    }
    out
}

#[test]
fn fuzz_random_bytes_split_anywhere() {
    for seed in 1..=400u64 {
        let mut rng = XorShift(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
        let len = rng.below(300);
        let input = random_input(&mut rng, len);
        let whole = feed_chunks(&[&input]);
        let mut chunks = Vec::new();
        let mut rest: &[u8] = &input;
        while !rest.is_empty() {
            let n = 1 + rng.below(rest.len().min(20));
            let (a, b) = rest.split_at(n);
            chunks.push(a);
            rest = b;
        }
        assert_eq!(
            show(&feed_chunks(&chunks)),
            show(&whole),
            "seed {seed}: {input:?}"
        );
    }
}

#[test]
fn fuzz_with_timeouts_never_panics() {
    for seed in 1..=200u64 {
        let mut rng = XorShift(seed.wrapping_mul(0x2545_f491_4f6c_dd1d) | 1);
        let mut p = Parser::default();
        for _ in 0..50 {
            let len = rng.below(64);
            let input = random_input(&mut rng, len);
            for event in p.feed(&input) {
                if let Input::Key(key) = event {
                    assert_eq!(key.kind, KeyEventKind::Press);
                }
            }
            check_state(&p);
            if rng.below(3) == 0 {
                p.timeout();
                check_state(&p);
            }
        }
    }
}

//! The draw engine (issue 4): publicly verifiable selection of targets and inspector teams.
//! Being written; see docs/draw-algorithm.md.

//! Why a key offered on a screen does not work in the state it is in (the hint bar leaves such
//! keys out; pressing one says this).

use super::Lang;

/// A witness's entropy, once the draw is revealed or closed.
pub fn entropy_closed(lang: Lang) -> &'static str {
    lang.t(
        "随机字符串只能在揭晓前输入，本次抽取已不再接受。",
        "Entropy is taken only before the reveal; this draw no longer takes it.",
    )
}

/// Confirming or declining before the reveal or after the decision.
pub fn answer_closed(lang: Lang) -> &'static str {
    lang.t(
        "结果揭晓后、封存前才能确认或提出异议。",
        "A result is confirmed or declined after the reveal and before it is sealed.",
    )
}

pub fn already_revealed(lang: Lang) -> &'static str {
    lang.t(
        "本次抽取已揭晓（或已作废），不能再揭晓。",
        "This draw is already revealed (or cancelled); it cannot be revealed again.",
    )
}

pub fn release_not_sealed(lang: Lang) -> &'static str {
    lang.t(
        "结果封存后才能下发任务。",
        "Assignments are released only once the result is sealed.",
    )
}

pub fn already_released(lang: Lang) -> &'static str {
    lang.t("任务已下发。", "The assignments are already released.")
}

pub fn announce_closed(lang: Lang) -> &'static str {
    lang.t(
        "事先公告只能在揭晓前发布。",
        "The announcement is written only before the reveal.",
    )
}

pub fn accept_not_disputed(lang: Lang) -> &'static str {
    lang.t(
        "只有见证人提出异议后，领导小组才能采纳结果。",
        "A leader accepts a result only after a witness declined it.",
    )
}

pub fn cancel_closed(lang: Lang) -> &'static str {
    lang.t(
        "已封存或已作废的抽取不能作废。",
        "A sealed or cancelled draw cannot be cancelled.",
    )
}

pub fn cancel_after_reveal(lang: Lang) -> &'static str {
    lang.t(
        "揭晓后只有领导小组成员可以作废本次抽取。",
        "After the reveal only a leader may cancel the draw.",
    )
}

pub fn annotate_open(lang: Lang) -> &'static str {
    lang.t(
        "备注在揭晓前，或抽取封存、作废后添加；见证人确认期间不能添加。",
        "Notes are added before the reveal, or once the draw is sealed or cancelled; not while the witnesses answer.",
    )
}

pub fn room_gone(lang: Lang) -> &'static str {
    lang.t(
        "摇号室的内容暂时无法读取。",
        "The room cannot be read just now.",
    )
}

/// The re-check key on a row without a follow-up.
pub fn no_followup(lang: Lang) -> &'static str {
    lang.t(
        "该结果没有整改跟踪（未发现问题或未设整改期限），无需复查。",
        "This result has no follow-up (no problem found or no rectification deadline).",
    )
}

/// The re-check key on a follow-up already closed.
pub fn recheck_closed(lang: Lang) -> &'static str {
    lang.t(
        "该整改跟踪已复查关闭，不能再次复查。",
        "This follow-up is already closed by a re-check.",
    )
}

/// An objection or correction of a result not published.
pub fn not_published(lang: Lang) -> &'static str {
    lang.t(
        "该结果尚未公示：未公示的结果通过审核退回修改，不作更正。",
        "This result is not published: it is returned for rework, not corrected.",
    )
}

/// A second case while one awaits a decision.
pub fn case_pending(lang: Lang) -> &'static str {
    lang.t(
        "该结果已有待决定的异议或更正，请先由领导决定。",
        "This result already has an objection or correction awaiting a decision.",
    )
}

/// A decision without a case awaiting one.
pub fn nothing_to_decide(lang: Lang) -> &'static str {
    lang.t(
        "该结果没有待决定的异议或更正。",
        "This result has no objection or correction awaiting a decision.",
    )
}

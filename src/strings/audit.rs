//! Messages of `shuangsui audit verify`: the hash chain's problems, each naming the rows it
//! concerns, and the summary lines.

use super::Lang;
use crate::domain::audit::{ChainProblem, ChainReport};

/// One problem, on one line.
pub fn problem(p: &ChainProblem, lang: Lang) -> String {
    match (p, lang) {
        (ChainProblem::Unchained { id }, Lang::Zh) => {
            format!("第 {id} 条：没有有效的链哈希，被人绕过本系统插入，或其哈希被改动")
        }
        (ChainProblem::Unchained { id }, Lang::En) => format!(
            "row {id}: no valid chain hash; inserted around shuangsui, or its hash was edited"
        ),
        (ChainProblem::Altered { id }, Lang::Zh) => {
            format!("第 {id} 条：内容与其哈希不符，写入后被修改过")
        }
        (ChainProblem::Altered { id }, Lang::En) => {
            format!("row {id}: hash mismatch, its content was changed after it was written")
        }
        (ChainProblem::Missing { after, next }, Lang::Zh) => {
            format!(
                "{}缺失：被删除，或编号被改动",
                range(*after + 1, *next - 1, lang)
            )
        }
        (ChainProblem::Missing { after, next }, Lang::En) => format!(
            "{} missing: removed, or renumbered",
            range(*after + 1, *next - 1, lang)
        ),
        (ChainProblem::Unlinked { id, prev_id: 0 }, Lang::Zh) => {
            format!("第 {id} 条：不是链的起点，之前的记录被删除，或本条被替换、插入")
        }
        (ChainProblem::Unlinked { id, prev_id: 0 }, Lang::En) => format!(
            "row {id}: does not start the chain; rows before it were removed, or it was replaced or inserted"
        ),
        (ChainProblem::Unlinked { id, prev_id }, Lang::Zh) => format!(
            "第 {id} 条：与第 {prev_id} 条的链接断开，两者之一被替换，或本条是后来插入、调换位置的"
        ),
        (ChainProblem::Unlinked { id, prev_id }, Lang::En) => format!(
            "row {id}: its link to row {prev_id} is broken; one of them was replaced, or row {id} was inserted or moved here"
        ),
        (ChainProblem::Misnumbered { id }, Lang::Zh) => {
            format!("第 {id} 条：编号小于 1，本系统从不写入这样的编号（被人插入）")
        }
        (ChainProblem::Misnumbered { id }, Lang::En) => {
            format!("row {id}: an id below 1, which shuangsui never writes (inserted by hand)")
        }
        (ChainProblem::AnchorMismatch { id }, Lang::Zh) => format!(
            "第 {id} 条：哈希与记下的锚点不同，该条或它之前的记录被改写过（整链被重新计算）"
        ),
        (ChainProblem::AnchorMismatch { id }, Lang::En) => format!(
            "row {id}: its hash differs from the noted anchor; it or an earlier row was rewritten (chain recomputed)"
        ),
        (ChainProblem::FileAltered { sha256 }, Lang::Zh) => {
            format!("留存文件 {sha256}：内容与其 SHA-256 不符，留存后被修改过")
        }
        (ChainProblem::FileAltered { sha256 }, Lang::En) => {
            format!(
                "kept file {sha256}: its bytes no longer match its SHA-256; changed after it was kept"
            )
        }
        (ChainProblem::FileMissing { id, sha256 }, Lang::Zh) => {
            format!("第 {id} 条（导入或佐证材料）所留存的文件 {sha256} 已不存在，被删除")
        }
        (ChainProblem::FileMissing { id, sha256 }, Lang::En) => {
            format!(
                "row {id} (an import or evidence): the kept file {sha256} it names is gone, deleted"
            )
        }
        (ChainProblem::AnchorMissing { id }, Lang::Zh) => {
            format!("第 {id} 条：记下的锚点所在记录已不存在，审计记录末尾被删除")
        }
        (ChainProblem::AnchorMissing { id }, Lang::En) => {
            format!("row {id}: the noted anchor row is gone; rows were removed from the end")
        }
    }
}

/// "第 5 条" or "第 5–7 条".
fn range(from: i64, to: i64, lang: Lang) -> String {
    match (from == to, lang) {
        (true, Lang::Zh) => format!("第 {from} 条"),
        (true, Lang::En) => format!("row {from}"),
        (false, Lang::Zh) => format!("第 {from}–{to} 条"),
        (false, Lang::En) => format!("rows {from}–{to}"),
    }
}

/// The lines printed when the chain is intact.
pub fn chain_ok(r: &ChainReport, anchored: Option<i64>, lang: Lang) -> Vec<String> {
    let Some((id, hash)) = r.last else {
        return vec![
            lang.t("OK：审计记录为空", "OK: the audit trail is empty")
                .into(),
        ];
    };
    let n = r.rows;
    let mut lines = vec![match lang {
        Lang::Zh => format!("OK：共 {n} 条记录，最后编号 {id}，最后哈希 {hash}"),
        Lang::En => format!("OK: {n} rows, last id {id}, last hash {hash}"),
    }];
    if let Some(a) = anchored {
        lines.push(match lang {
            Lang::Zh => format!("锚点第 {a} 条的哈希与记下的一致"),
            Lang::En => format!("the anchor at row {a} matches"),
        });
    }
    lines.push(match lang {
        Lang::Zh => format!(
            "末尾被删除的记录无法仅凭数据库发现：请把最后编号和哈希记入备份日志，日后用 audit verify --anchor {id}:{hash} 核对"
        ),
        Lang::En => format!(
            "rows removed from the end cannot be seen in the database alone: note the last id and hash (e.g. in the backup log) and check later with audit verify --anchor {id}:{hash}"
        ),
    });
    lines
}

/// The error that ends a failed check (exit status 1).
pub fn chain_broken(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("审计链校验未通过：发现 {n} 处问题"),
        Lang::En => format!("audit trail check failed: {n} problem(s)"),
    }
}

/// A malformed `--anchor` (the command line's parser has no language yet: both).
pub fn bad_anchor(s: &str) -> String {
    format!(
        "“{s}”不是有效的锚点，应写成 编号:64位十六进制哈希 (not an anchor; write ID:HASH, the hash in 64 hex digits)"
    )
}

/// What an audit entry's action code means, in words; an unknown code as it is.
pub fn action(code: &str, lang: Lang) -> String {
    use crate::domain::audit::Action as A;
    let Some(a) = A::from_name(code) else {
        return code.to_string();
    };
    let (zh, en) = match a {
        A::Create => ("新建", "create"),
        A::Update => ("修改", "update"),
        A::Revise => ("修订", "revise"),
        A::Deactivate => ("停用", "deactivate"),
        A::Withdraw => ("撤回", "withdraw"),
        A::Retire => ("废止", "retire"),
        A::Import => ("导入", "import"),
        A::Restore => ("恢复", "restore"),
        A::Publish => ("公示", "publish"),
        A::Offsite => ("非现场监管", "off-site record"),
        A::Approve => ("审核通过", "approve"),
        A::Return => ("退回", "return"),
        A::Recheck => ("复查", "re-check"),
        A::Disable => ("停用账号", "disable"),
        A::Enable => ("启用账号", "enable"),
        A::SetPreferences => ("修改个人设置", "change preferences"),
        A::SetPassword => ("修改密码", "change password"),
        A::Login => ("登录", "log in"),
        A::LoginRefused => ("拒绝登录", "login refused"),
        A::LoginFailed => ("登录失败", "login failed"),
        A::Logout => ("退出", "log out"),
        A::Prepare => ("准备", "prepare"),
        A::OverrideEndedQuarter => ("补抽已结束季度", "override ended quarter"),
        A::Announce => ("发布公告", "announce"),
        A::AddEntropy => ("输入随机字符串", "add entropy"),
        A::PublicValue => ("录入公开随机值", "enter public value"),
        A::Reveal => ("揭晓", "reveal"),
        A::OpenRoom => ("开启摇号室", "open room"),
        A::Join => ("进入摇号室", "join room"),
        A::Seal => ("封存", "seal"),
        A::Cancel => ("取消", "cancel"),
        A::Confirm => ("确认", "confirm"),
        A::Decline => ("不予确认", "decline"),
        A::Accept => ("裁定有效", "accept"),
        A::Release => ("下发任务", "release"),
        A::Annotate => ("添加备注", "annotate"),
        A::View => ("查看", "view"),
        A::Decide => ("决定", "decide"),
        A::Correct => ("更正", "correct"),
    };
    lang.t(zh, en).to_string()
}

/// What an audit entry's entity code names, in words; an unknown code as it is.
pub fn entity(code: &str, lang: Lang) -> String {
    use crate::domain::audit::Entity as E;
    let Some(e) = E::from_name(code) else {
        return code.to_string();
    };
    let (zh, en) = match e {
        E::Enterprise => ("检查对象", "enterprise"),
        E::Inspector => ("检查人员", "inspector"),
        E::Penalty => ("行政处罚", "penalty"),
        E::Complaint => ("举报", "complaint"),
        E::Conflict => ("回避关系", "conflict of interest"),
        E::Item => ("抽查事项", "check item"),
        E::User => ("用户", "user"),
        E::Session => ("会话", "session"),
        E::Draw => ("抽取", "draw"),
        E::Result => ("检查结果", "result"),
        E::Evidence => ("佐证材料", "evidence"),
        E::Inspection => ("检查记录", "inspection"),
        E::Evaluation => ("综合评估", "evaluation"),
        E::JointInspection => ("部门联合抽查", "joint inspection"),
        E::JointTargets => ("联合抽查目标", "joint targets"),
        E::Quarter => ("季度计划", "quarter"),
        E::Category => ("结果类别", "result category"),
        E::Calendar => ("工作日历", "calendar"),
        E::Settings => ("系统设置", "settings"),
        E::Plan => ("抽查计划", "plan"),
        E::File => ("文件", "file"),
        E::Database => ("数据库", "database"),
        E::Objection => ("异议/更正", "objection or correction"),
    };
    lang.t(zh, en).to_string()
}

/// Who did it: an account's name, or the server's console (`console:USER`) in words.
pub fn actor(name: &str, lang: Lang) -> String {
    match (name.strip_prefix("console:"), lang) {
        (Some(who), Lang::Zh) => format!("服务器控制台（{who}）"),
        (Some(who), Lang::En) => format!("server console ({who})"),
        (None, _) => name.to_string(),
    }
}

/// The name of a record's field as a change history shows it: the form's label for an
/// enterprise, inspector, item or user field, a few stored-only user fields, else the key.
pub fn field(entity: &str, key: &str, lang: Lang) -> String {
    use crate::domain::forms::{ENTERPRISE, INSPECTOR, ITEM, USER};
    let specs = match entity {
        "enterprise" => ENTERPRISE,
        "inspector" => INSPECTOR,
        "item" => ITEM,
        "user" => USER,
        _ => &[],
    };
    if let Some(s) = specs.iter().find(|s| s.key == key) {
        return lang.t(s.zh, s.en).to_string();
    }
    let stored = match (entity, key) {
        ("user", "name") => ("用户名", "user name"),
        ("user", "inspector_id") => ("关联检查人员", "linked inspector"),
        ("user", "keys") => ("公钥", "public keys"),
        ("user", "disabled") => ("停用", "disabled"),
        ("user", "must_change_password") => ("须修改密码", "must change password"),
        ("user", "lang") => ("语言", "language"),
        ("user", "ascii") => ("ASCII 边框", "ASCII borders"),
        _ => return key.to_string(),
    };
    lang.t(stored.0, stored.1).to_string()
}

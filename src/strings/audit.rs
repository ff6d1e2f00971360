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

//! The announcement made before a draw's reveal (HTML for the portal) and the verification
//! page's mentions in the draw record and the public notice.

use super::Lang;

pub fn title(draw: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("双随机抽取事先公告（{draw}）"),
        Lang::En => format!("Announcement of draw {draw} before its reveal"),
    }
}

pub fn intro(lang: Lang) -> &'static str {
    lang.t(
        "本次抽取在揭晓前公布以下承诺值和哈希。揭晓后公布的抽取证书必须与本公告一致；任何人可用验证页面独立核对。",
        "These values are published before the draw is revealed. The certificate published afterwards must match them; anyone can check it with the verification page.",
    )
}

/// Field labels, in the order shown.
pub fn label(key: &str, lang: Lang) -> &'static str {
    let (zh, en) = match key {
        "draw_id" => ("抽取编号（系统）", "Draw number"),
        "draw" => ("抽取标识", "Draw"),
        "quarter" => ("季度", "Quarter"),
        "at" => ("公告时间", "Announced at"),
        "commitment" => (
            "服务器密钥承诺值 SHA-256",
            "Commitment (SHA-256 of the secret)",
        ),
        "candidates" => ("候选企业快照哈希", "Hash of the candidates"),
        "inspectors" => ("检查人员快照哈希", "Hash of the inspectors"),
        "conflicts" => ("回避关系哈希", "Hash of the conflicts"),
        "params" => ("参数哈希", "Hash of the parameters"),
        "counts" => ("各层抽取数量", "Targets per stratum"),
        "public_source" => (
            "公开随机数来源（事先指定）",
            "Public random source (named in advance)",
        ),
        "public_value_known" => ("公开随机数公布时间", "When its value will be known"),
        _ => ("", ""),
    };
    lang.t(zh, en)
}

pub fn none(lang: Lang) -> &'static str {
    lang.t("无", "none")
}

pub fn written(id: i64, paths: &[String], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("抽取 {id} 的事先公告已写入：{}", paths.join("，")),
        Lang::En => format!("announcement of draw {id} written: {}", paths.join(", ")),
    }
}

/// The sentence of the draw record (and the notice) pointing to the verification page.
pub fn verify_page_note(lang: Lang) -> &'static str {
    lang.t(
        "公开验证页面（与本文件一同生成，用任何浏览器打开即可离线重算抽取）：",
        "Verification page (written with this file; open it in any browser to recompute the draw offline): ",
    )
}

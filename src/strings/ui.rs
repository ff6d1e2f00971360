//! Texts of the terminal UI.

use super::Lang;

/// The tabs, full and short (for narrow terminals).
pub fn tab(id: usize, lang: Lang) -> (&'static str, &'static str) {
    const T: [(&str, &str, &str, &str); 9] = [
        ("首页", "首页", "Home", "Home"),
        ("检查对象", "对象", "Enterprises", "Firms"),
        ("检查人员", "人员", "Inspectors", "Staff"),
        ("抽查事项", "事项", "Check items", "Items"),
        ("抽查计划/摇号", "摇号", "Plans/draws", "Draws"),
        ("检查结果", "结果", "Results", "Results"),
        ("统计报表", "报表", "Reports", "Reports"),
        ("审计日志", "审计", "Audit log", "Audit"),
        ("用户", "用户", "Users", "Users"),
    ];
    let t = T.get(id).copied().unwrap_or(("", "", "", ""));
    match lang {
        Lang::Zh => (t.0, t.1),
        Lang::En => (t.2, t.3),
    }
}

/// Column titles and short labels of the registry screens, by key.
pub fn label(key: &str, lang: Lang) -> &'static str {
    const LABELS: &[(&str, &str, &str)] = &[
        ("name", "单位名称", "Name"),
        ("calendar_day", "工作日历", "calendar day"),
        ("offsite", "非现场监管记录", "off-site record"),
        ("joint", "部门联合抽查", "department-joint inspection"),
        (
            "joint_targets",
            "部门联合抽查年度目标",
            "department-joint targets",
        ),
        ("evaluation", "检查人员综合评估", "inspector evaluation"),
        ("credit_code", "统一社会信用代码", "Credit code"),
        ("class", "类别", "Class"),
        ("area", "所在区域", "Area"),
        ("status", "状态", "Status"),
        ("active", "在岗", "active"),
        ("inactive", "不在岗", "inactive"),
        ("name_2", "姓名", "Name"),
        ("kind", "类别", "Kind"),
        ("section", "科室", "Section"),
        ("cert_no", "证号", "Cert. no."),
        ("expertise", "业务专长", "Expertise"),
        ("code", "编码", "Code"),
        ("item", "事项名称", "Item"),
        ("method", "方式", "Method"),
        ("from", "生效日期", "From"),
        ("ver", "版本", "Ver."),
        ("user", "用户名", "User"),
        ("roles", "角色", "Roles"),
        ("time", "时间", "Time"),
        ("actor", "操作人", "Actor"),
        ("action", "操作", "Action"),
        ("record", "对象", "Record"),
        ("summary", "摘要", "Summary"),
        ("before", "变更前", "Before"),
        ("after", "变更后", "After"),
        ("verified", "查实", "verified"),
        ("not_verified", "未查实", "not verified"),
        ("user_2", "用户名", "user"),
        ("name_3", "姓名", "name"),
        ("roles_2", "角色", "roles"),
        ("keys", "公钥数", "keys"),
        ("status_2", "状态", "status"),
        ("withdrawn", "已撤回", "withdrawn"),
    ];
    LABELS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or("", |(_, zh, en)| lang.t(zh, en))
}

pub fn too_small(w: u16, h: u16, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("终端窗口太小：当前 {w}×{h}，至少需要 80×24。请放大窗口。"),
        Lang::En => format!(
            "Terminal too small: {w}×{h}, at least 80×24 is needed. Please enlarge the window."
        ),
    }
}

pub fn status(
    user: &str,
    roles: &str,
    quarter: &str,
    online: usize,
    time: &str,
    lang: Lang,
) -> String {
    match lang {
        Lang::Zh => format!(" {user} · {roles} · {quarter} · 在线 {online} 人 · {time}"),
        Lang::En => format!(" {user} · {roles} · {quarter} · {online} online · {time}"),
    }
}

/// Key hint labels of the work after the visit: re-check, objection, decision.
fn after_visit_label(action: &str, lang: Lang) -> &'static str {
    let (zh, en) = match action {
        "recheck" => ("复查", "re-check"),
        "objection" => ("登记异议/更正", "objection or correction"),
        "decide" => ("决定维持/更正", "decide: uphold or correct"),
        "publish_corrections" => (
            "生成本季度更正公示",
            "write the quarter's correction notice",
        ),
        _ => ("", ""),
    };
    lang.t(zh, en)
}

/// Key hint labels: (key text, zh, en).
pub fn key_label(action: &str, lang: Lang) -> &'static str {
    let (zh, en) = match action {
        "quit" => ("退出", "quit"),
        "help" => ("帮助", "help"),
        "tabs" => ("切换页", "tabs"),
        "move" => ("移动", "move"),
        "page" => ("翻页", "page"),
        "ends" => ("首/末行", "first/last"),
        "search" => ("搜索", "search"),
        "sort" => ("排序", "sort"),
        "filter" => ("筛选", "filter"),
        "open" => ("详情", "details"),
        "back" => ("返回", "back"),
        "keep" => ("保留搜索", "keep search"),
        "clear" => ("清除搜索", "clear search"),
        "recall" => ("上次搜索", "last search"),
        "redraw" => ("重绘", "redraw"),
        "close" => ("关闭", "close"),
        "scroll" => ("滚动", "scroll"),
        "pick" => ("选择", "pick"),
        "save" => ("保存", "save"),
        "next_field" => ("下一项", "next field"),
        "prev_field" => ("上一项", "previous field"),
        "choose" => ("选择/下一项", "choose/next"),
        "cancel" => ("取消", "cancel"),
        "new" => ("新增", "new"),
        "edit" => ("编辑", "edit"),
        "deactivate" => ("停用/注销", "deactivate"),
        "toggle" => ("勾选", "toggle"),
        "yes" => ("是", "yes"),
        "no" => ("否", "no"),
        "enter_room" => ("进入摇号室", "enter room"),
        "leave_room" => ("离开摇号室", "leave room"),
        "entropy" => ("输入随机字符串", "add entropy"),
        "confirm" => ("确认结果", "confirm result"),
        "decline" => ("提出异议", "decline"),
        "reveal" => ("揭晓", "reveal"),
        "release" => ("下发任务", "release to inspectors"),
        "accept" => ("异议处理：采纳结果", "accept despite decline"),
        "cancel_draw" => ("作废本次抽取", "cancel the draw"),
        "annotate" => ("添加备注", "annotate"),
        "record" => ("导出抽取记录", "write draw record"),
        "announce" => ("事先公告", "announce"),
        "submit" => ("提交", "submit"),
        "save_next" => ("保存并录入下一条", "save and next"),
        "enter_result" => ("录入结果", "enter result"),
        "approve" => ("审核通过", "approve"),
        "return_result" => ("退回", "return"),
        "publish" => ("生成本季度公示", "write the quarter's notice"),
        "calendar" => ("设置节假日/调休", "set holidays"),
        "quarter" => ("切换季度", "quarter"),
        "joint" => ("登记部门联合抽查", "record a joint inspection"),
        "joint_targets" => ("设定年度联合抽查目标", "set the year's joint targets"),
        "evaluation" => ("综合评估", "evaluate an inspector"),
        "export_report" => ("导出报表和总结", "export report and summary"),
        "offsite" => ("非现场监管记录", "off-site record"),
        "import" => ("导入", "import"),
        "export_list" => ("导出", "export"),
        "bundle" => ("季度佐证材料包", "quarter's evidence bundle"),
        "export_evidence" => ("佐证材料复制到发件箱", "copy evidence to outbox"),
        "attach_evidence" => ("从收件箱添加佐证材料", "attach evidence from inbox"),
        "next_step" => ("下一步", "next"),
        "reload_inbox" => ("刷新", "reload"),
        "import_now" => ("导入", "import"),
        "import_refused" => (
            "导入（文件有误时不可用）",
            "import (not while the file has problems)",
        ),
        k => match office_key(k) {
            Some(pair) => pair,
            None => return after_visit_label(k, lang),
        },
    };
    lang.t(zh, en)
}

/// Hint labels of the office's work in the UI (issue 17).
fn office_key(action: &str) -> Option<(&'static str, &'static str)> {
    Some(match action {
        "verify_chain" => ("校验审计链", "check the audit chain"),
        "declare_conflict" => ("登记回避", "declare a conflict"),
        "withdraw_conflict" => ("撤销回避", "withdraw a conflict"),
        "penalty" => ("行政处罚", "penalties"),
        "complaint" => ("信访举报", "complaints"),
        "result_categories" => ("检查结果类别", "result categories"),
        "retire_category" => ("停用类别", "retire"),
        "plan_ratios" => ("本季度抽查比例", "the quarter's ratios"),
        "my_settings" => ("我的设置", "my settings"),
        "system_settings" => ("系统设置", "settings"),
        "enable_user" => ("重新启用", "enable"),
        "withdraw_evidence" => ("撤回佐证材料", "withdraw a file"),
        "change" => ("修改", "change"),
        "prepare_draw" => ("准备抽取", "prepare a draw"),
        "freeze" => ("冻结快照", "freeze the snapshot"),
        "back_to_form" => ("返回修改", "back to the form"),
        "public_value" => ("录入公开随机值", "enter the public value"),
        _ => return None,
    })
}

pub fn rejoined(lang: Lang) -> &'static str {
    lang.t(
        "已回到您之前所在的摇号室",
        "you are back in the draw room you were in",
    )
}

pub fn cannot_write(name: &str, why: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("无法写入文件 {name}：{why}"),
        Lang::En => format!("cannot write {name}: {why}"),
    }
}

pub fn help_title(lang: Lang) -> &'static str {
    lang.t("帮助：本页按键", "Help: keys of this screen")
}

pub fn sort_title(lang: Lang) -> &'static str {
    lang.t(
        "按哪一列排序（再选一次则倒序）",
        "Sort by which column (again to reverse)",
    )
}

pub fn filter_title(lang: Lang) -> &'static str {
    lang.t("按哪一列筛选", "Filter by which column")
}

pub fn filter_value_title(column: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("“{column}”等于"),
        Lang::En => format!("{column} is"),
    }
}

pub fn filter_all(lang: Lang) -> &'static str {
    lang.t("（全部，不筛选）", "(all: no filter)")
}

pub fn filtered(lang: Lang) -> &'static str {
    lang.t("筛选：", "filter: ")
}

pub fn search_prompt(lang: Lang) -> &'static str {
    lang.t(
        "搜索（名称、代码或拼音首字母）：",
        "Search (name, code or pinyin initials): ",
    )
}

pub fn count(shown: usize, total: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{shown}/{total} 条"),
        Lang::En => format!("{shown}/{total}"),
    }
}

pub fn no_rows(lang: Lang) -> &'static str {
    lang.t("（没有符合条件的记录）", "(no matching records)")
}

pub fn updated(lang: Lang) -> &'static str {
    lang.t(
        "数据已被其他用户更新，已刷新",
        "data changed by another user: refreshed",
    )
}

pub fn home_quotas(quarter: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{quarter} 各类检查对象与应抽查数量（S6）"),
        Lang::En => format!("{quarter}: targets and required numbers per class (S6)"),
    }
}

/// The home screen's plan columns.
pub fn plan_columns(lang: Lang) -> [&'static str; 6] {
    match lang {
        Lang::Zh => ["总数", "比例", "应抽", "已抽", "已检查", "剩余"],
        Lang::En => ["total", "ratio", "req.", "drawn", "insp.", "left"],
    }
}

pub fn section(name: &str, lang: Lang) -> &'static str {
    let (zh, en) = match name {
        "fields" => ("基本信息", "Record"),
        "class" => ("本季度监管类别", "Class this quarter"),
        "penalties" => ("行政处罚", "Penalties"),
        "complaints" => ("信访举报", "Complaints"),
        "conflicts" => ("回避登记", "Declared conflicts"),
        "history" => ("变更记录", "Change history"),
        "logins" => ("登录记录（最近 20 次）", "Logins (last 20)"),
        "none" => ("（无）", "(none)"),
        _ => ("", ""),
    };
    lang.t(zh, en)
}

/// A login event of the audit trail, in words.
pub fn session_event(action: &str, sftp: bool, lang: Lang) -> &'static str {
    match (action, sftp) {
        ("login", false) => lang.t("登录", "logged in"),
        ("login", true) => lang.t("登录（文件传输）", "logged in (file transfer)"),
        ("logout", false) => lang.t("退出", "logged out"),
        ("logout", true) => lang.t("退出（文件传输）", "logged out (file transfer)"),
        ("login_failed", _) => lang.t("登录失败：密码或密钥不对", "failed: wrong password or key"),
        ("login_refused", _) => lang.t(
            "登录被拒：失败次数过多，暂停校验，稍后自动恢复",
            "refused: too many failed logins, checks paused for a while",
        ),
        _ => lang.t("其他", "other"),
    }
}

pub fn must_change_password(lang: Lang) -> &'static str {
    lang.t(
        "首次登录须设置新密码（至少 8 个字符）。输入新密码后按 Enter：",
        "First login: set a new password (at least 8 characters), then press Enter:",
    )
}

pub fn repeat_password(lang: Lang) -> &'static str {
    lang.t(
        "再次输入新密码后按 Enter：",
        "Type the new password again, then press Enter:",
    )
}

pub fn passwords_differ(lang: Lang) -> &'static str {
    lang.t(
        "两次输入不一致，请重新输入",
        "the two entries differ; try again",
    )
}

pub fn password_changed(lang: Lang) -> &'static str {
    lang.t("新密码已保存", "new password saved")
}

pub fn no_pty(lang: Lang) -> &'static str {
    lang.t(
        "shuangsui 需要交互式终端（请用 ssh -t 或在客户端中启用伪终端）。\r\n",
        "shuangsui needs an interactive terminal (use ssh -t, or enable a pseudo-terminal in your client).\r\n",
    )
}

pub fn refused_request(lang: Lang) -> &'static str {
    lang.t(
        "不支持该请求：本服务器只提供交互界面。\r\n",
        "Not supported: this server offers the interactive interface only.\r\n",
    )
}

pub fn idle_logout(lang: Lang) -> &'static str {
    lang.t(
        "长时间未操作，已自动退出。\r\n",
        "Logged out after a long idle time.\r\n",
    )
}

pub fn bye(lang: Lang) -> &'static str {
    lang.t("已退出 shuangsui。\r\n", "Left shuangsui.\r\n")
}

pub fn form_title(new: bool, what: &str, lang: Lang) -> String {
    match (lang, new) {
        (Lang::Zh, true) => format!("新增{what}"),
        (Lang::Zh, false) => format!("编辑{what}"),
        (Lang::En, true) => format!("New {what}"),
        (Lang::En, false) => format!("Edit {what}"),
    }
}

pub fn saved(lang: Lang) -> &'static str {
    lang.t("已保存", "saved")
}

pub fn fix_fields(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("有 {n} 项需要修改，见各项旁的说明；未保存"),
        Lang::En => format!("{n} fields need fixing (see beside them); nothing saved"),
    }
}

pub fn discard(lang: Lang) -> &'static str {
    lang.t("放弃未保存的修改？", "Discard the unsaved changes?")
}

pub fn quit_unsaved(lang: Lang) -> &'static str {
    lang.t(
        "表单中有未保存的修改，仍要退出？",
        "A form has unsaved changes. Quit anyway?",
    )
}

pub fn picker_title(lang: Lang) -> &'static str {
    lang.t("选择（可输入筛选）", "Choose (type to filter)")
}

pub fn deactivate_prompt(what: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("停用/注销“{what}”：请输入原因后按 Enter（Esc 取消）"),
        Lang::En => {
            format!("Deactivate {what:?}: type the reason and press Enter (Esc cancels)")
        }
    }
}

pub fn deactivated(lang: Lang) -> &'static str {
    lang.t("已停用（记录保留）", "deactivated (kept on record)")
}

pub fn crashed(lang: Lang) -> &'static str {
    lang.t(
        "内部错误，本会话已结束（其他用户不受影响）。\r\n",
        "Internal error: this session ended (others are not affected).\r\n",
    )
}

/// Home screen: the bureau's name is not set, and how to set it.
pub fn bureau_missing(lang: Lang) -> &'static str {
    lang.t(
        "未设置单位名称：统计表、工作总结、抽取记录等文件将缺少填报单位。请管理员在首页按 s（系统设置）填写单位名称",
        "The bureau's name is not set: reports, summaries and draw records would go out without \
         it. An administrator sets it with s (settings) on the home tab",
    )
}

/// Home screen: inspections of targets no draw of the quarter selected.
pub fn non_random_line(n: u64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("非随机检查 {n} 次（未经本季度摇号抽取，不计入抽查比例）"),
        Lang::En => format!("{n} non-random checks (not drawn this quarter; not in the ratios)"),
    }
}

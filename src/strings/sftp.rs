//! File exchange over SFTP: the messages a client shows when the server refuses something, and
//! the labels of the inbox's limits.

use super::Lang;
use crate::domain::text::BadName;

/// Why a name is not allowed, in a few words.
fn why(b: BadName, lang: Lang) -> &'static str {
    match b {
        BadName::Empty => lang.t("不能为空", "it is empty"),
        BadName::Dot => lang.t("不能以“.”开头", "it starts with a dot"),
        BadName::Character => lang.t(
            "不能含 / \\ : * ? \" < > |、控制字符或不可见的格式字符",
            "it holds / \\ : * ? \" < > |, a control character or an invisible formatting character",
        ),
        BadName::Reserved => lang.t(
            "CON、NUL、COM1 等是 Windows 保留的设备名",
            "CON, NUL, COM1 and the like are Windows device names",
        ),
        BadName::TooLong => lang.t("超过 255 字节", "it is over 255 bytes"),
        BadName::Trailing => lang.t("不能以空格或“.”结尾", "it ends with a space or a dot"),
    }
}

pub fn bad_name(name: &str, b: BadName, lang: Lang) -> String {
    let name: String = name.chars().filter(|c| !c.is_control()).collect();
    match lang {
        Lang::Zh => format!("文件名“{name}”不可用：{}", why(b, lang)),
        Lang::En => format!("file name {name:?} is not allowed: {}", why(b, lang)),
    }
}

pub fn outside(lang: Lang) -> &'static str {
    lang.t(
        "这里只有 inbox/（上传待导入的文件）和 outbox/（下载导出的文件）",
        "only inbox/ (files to import) and outbox/ (files made for you) are here",
    )
}

pub fn escape(lang: Lang) -> &'static str {
    lang.t("“/”之上没有目录", "there is nothing above /")
}

pub fn too_deep(lang: Lang) -> &'static str {
    lang.t(
        "inbox/ 和 outbox/ 里没有子文件夹",
        "inbox/ and outbox/ hold no folders",
    )
}

pub fn not_utf8(lang: Lang) -> &'static str {
    lang.t(
        "文件名须为 UTF-8 编码：请在客户端把编码设为 UTF-8",
        "file names must be UTF-8: set the client's encoding to UTF-8",
    )
}

pub fn read_only(lang: Lang) -> &'static str {
    lang.t(
        "只能上传到 inbox/；outbox/ 里的文件只能下载或删除",
        "upload into inbox/; files in outbox/ can only be downloaded or deleted",
    )
}

pub fn no_folders(lang: Lang) -> &'static str {
    lang.t(
        "不能新建、删除或改名文件夹",
        "folders cannot be made, removed or renamed",
    )
}

pub fn no_links(lang: Lang) -> &'static str {
    lang.t("不支持链接", "links are not allowed")
}

pub fn not_found(lang: Lang) -> &'static str {
    lang.t("没有这个文件", "no such file")
}

pub fn is_folder(lang: Lang) -> &'static str {
    lang.t("这是文件夹，不是文件", "that is a folder, not a file")
}

pub fn not_folder(lang: Lang) -> &'static str {
    lang.t("这是文件，不是文件夹", "that is a file, not a folder")
}

pub fn exists(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("“{name}”已存在"),
        Lang::En => format!("{name:?} exists already"),
    }
}

pub fn other_folder(lang: Lang) -> &'static str {
    lang.t(
        "只能在同一文件夹内改名",
        "files can only be renamed within their folder",
    )
}

pub fn too_large(mb: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("文件超过上限 {mb} MB，上传未完成（管理员可修改设置 upload-max-mb）"),
        Lang::En => format!(
            "the file is over the limit of {mb} MB; nothing was kept (administrators: setting upload-max-mb)"
        ),
    }
}

pub fn inbox_full(n: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "inbox/ 已有 {n} 个文件，达到上限；请先删除不再需要的文件（管理员可修改设置 inbox-max-files）"
        ),
        Lang::En => format!(
            "inbox/ holds {n} files, the limit; delete what you no longer need (administrators: setting inbox-max-files)"
        ),
    }
}

pub fn too_many_open(lang: Lang) -> &'static str {
    lang.t("同时打开的文件过多", "too many files open at once")
}

pub fn unsupported(lang: Lang) -> &'static str {
    lang.t("不支持此操作", "operation not supported")
}

pub fn failed(lang: Lang) -> &'static str {
    lang.t(
        "服务器端读写失败，请稍后再试",
        "the server could not read or write; try again later",
    )
}

pub fn upload_discarded(lang: Lang) -> &'static str {
    lang.t(
        "上传未完成，已丢弃",
        "the upload was not finished and was discarded",
    )
}

pub fn max_file_label(lang: Lang) -> &'static str {
    lang.t("上传文件大小上限（MB）", "largest upload (MB)")
}

pub fn max_files_label(lang: Lang) -> &'static str {
    lang.t("inbox/ 文件数上限", "most files in inbox/")
}

pub fn bad_limit(value: &str, max: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("“{value}”不是 1 到 {max} 之间的整数"),
        Lang::En => format!("{value:?} is not a whole number from 1 to {max}"),
    }
}

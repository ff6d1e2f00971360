//! The exchange's errors in words: each error hands `strings` what its message needs, so that
//! `strings` never names these types.

use super::publish::PublishError;
use super::record::RecordError;
use super::report::ReportError;
use super::table::TableError;
use super::write::WriteError;
use crate::strings::cli::WriteFailure;
use crate::strings::{self, Lang, TableProblem};

impl TableError {
    /// What the message of an unreadable table needs.
    pub fn problem(&self) -> TableProblem<'_> {
        match self {
            TableError::Io(p, e) => TableProblem::Io(p, e),
            TableError::NotTabular => TableProblem::NotTabular,
            TableError::OldExcel => TableProblem::OldExcel,
            TableError::Encoding => TableProblem::Encoding,
            TableError::Csv { line, msg } => TableProblem::Csv { line: *line, msg },
            TableError::Xlsx(m) => TableProblem::Xlsx(m),
            TableError::NoHeader => TableProblem::NoHeader,
        }
    }

    /// Why the file cannot be read, for people.
    pub fn say(&self, lang: Lang) -> String {
        strings::table_error(self.problem(), lang)
    }
}

impl WriteError {
    /// Why the file could not be written, for people.
    pub fn say(&self, lang: Lang) -> String {
        let f = match self {
            WriteError::Io(path, why) => WriteFailure::Io { path, why },
            WriteError::Xlsx(path, why) => WriteFailure::Xlsx { path, why },
            WriteError::Extension(p) => WriteFailure::Extension(p),
        };
        strings::cli::write_failed(f, lang)
    }
}

impl RecordError {
    /// Why the draw record could not be written, for people.
    pub fn say(&self, lang: Lang) -> String {
        match self {
            RecordError::Xlsx(m) => strings::record::record_error(m, lang),
        }
    }
}

impl PublishError {
    /// Why the notice of results could not be written, for people.
    pub fn say(&self, lang: Lang) -> String {
        match self {
            PublishError::Xlsx(m) => strings::publish::publish_error(m, lang),
        }
    }
}

impl ReportError {
    /// Why the quarterly report could not be written, for people.
    pub fn say(&self, lang: Lang) -> String {
        match self {
            ReportError::Xlsx(m) => strings::report::report_error(m, lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// English messages are the errors' own wording, as they were before `say` existed.
    #[test]
    fn english_is_the_errors_own_wording() {
        let writes = [
            WriteError::Io("a.csv".into(), std::io::Error::other("denied")),
            WriteError::Xlsx("a.xlsx".into(), "full".into()),
            WriteError::Extension("a.txt".into()),
        ];
        for e in &writes {
            assert_eq!(e.say(Lang::En), e.to_string());
        }
        assert_eq!(
            writes[0].say(Lang::Zh),
            format!("写文件失败：{}", writes[0])
        );
        assert_eq!(
            writes[2].say(Lang::Zh),
            "无法识别的文件类型：a.txt（请用 .csv 或 .xlsx）"
        );
        let m = || "disk full".to_string();
        assert_eq!(
            RecordError::Xlsx(m()).say(Lang::En),
            RecordError::Xlsx(m()).to_string()
        );
        assert_eq!(
            PublishError::Xlsx(m()).say(Lang::En),
            PublishError::Xlsx(m()).to_string()
        );
        assert_eq!(
            ReportError::Xlsx(m()).say(Lang::En),
            ReportError::Xlsx(m()).to_string()
        );
        let tables = [
            TableError::Io("a.csv".into(), std::io::Error::other("denied")),
            TableError::Csv {
                line: 3,
                msg: "quote".into(),
            },
        ];
        assert_eq!(tables[0].say(Lang::En), "cannot read a.csv: denied");
        assert_eq!(tables[1].say(Lang::Zh), "CSV 格式错误（第 3 行）：quote");
    }
}

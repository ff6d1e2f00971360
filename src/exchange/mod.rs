//! Files in and out: reading CSV (UTF-8, UTF-8 with BOM, GB18030, UTF-16) and XLSX into a
//! plain table, mapping tables to records through the field specs of `domain::forms`, and
//! writing records back as CSV (UTF-8 with BOM, so Excel opens it) or XLSX, the printable
//! draw record (HTML and XLSX), the public notice of inspection results (HTML, CSV and XLSX),
//! the quarterly statistics table and inspector assessment (XLSX) with the summary draft (HTML),
//! the announcement of a draw before its reveal (HTML), the public verification page of a draw certificate (self-contained HTML with its own
//! JavaScript verifier), and each user's inbox (uploads to import) and outbox (files made for them).

pub mod announce;
pub mod bundle;
mod doc;
pub mod import;
pub mod inbox;
pub mod outbox;
pub mod publish;
pub mod record;
pub mod report;
mod say;
pub mod table;
pub mod verify_page;
pub mod write;

//! The command line is for operations and scripting, the terminal UI for the office's work
//! (issue 17 item 7). Every `shuangsui` command, read from the binary's own help, must be listed
//! here as one of: a command that changes nothing (it reads, or writes files for the user); an
//! operations command, with why it has no UI; or a command whose work the UI does, naming the
//! end-to-end test over SSH that does it by keys. A new command fails this test until it is
//! placed, and a named test must exist and drive a real SSH session.

use std::collections::BTreeSet;
use std::process::Command;

/// Commands that change no data.
const READS: &[&str] = &[
    "export",
    "classify",
    "user list",
    "item list",
    "conflict list",
    "settings show",
    "audit list",
    "audit verify",
    "draw record",
    "draw show",
    "draw list",
    "draw export-certificate",
    "draw verify",
    "draw verify-page",
    "plan show",
    "calendar list",
    "calendar deadlines",
    "category list",
    "offsite list",
    "evidence list",
    "evidence get",
    "followup list",
    "objection list",
    "report quarter",
    "report summary",
    "report bundle",
    "report assessment",
    "evaluation list",
    "joint list",
];

/// Operations commands, and why the office does not need them in the UI.
const OPERATIONS: &[(&str, &str)] = &[
    (
        "init",
        "creates or upgrades the database file: the server's installation",
    ),
    ("serve", "runs the server itself"),
    ("tui", "the UI on the server's own console, for development"),
    (
        "backup",
        "a copy of the database file; the server also makes a daily one (settings)",
    ),
    (
        "restore",
        "replaces the database file; only with the server stopped",
    ),
    (
        "demo-data",
        "fills an empty database for trying the system, never a real one",
    ),
    (
        "user add",
        "the first accounts before anyone can log in; then the users tab (n)",
    ),
    (
        "draw add-entropy",
        "scripts a witness; in the room each witness types their own (e)",
    ),
    (
        "draw confirm",
        "scripts a witness; in the room each witness confirms (c)",
    ),
    (
        "calendar year",
        "a year whose holidays all fall on weekends; entering any day of the year in the UI \
         (c on the home tab) marks the year entered",
    ),
];

/// Commands whose work the UI does: the end-to-end test over SSH that does it by keys.
const UI: &[(&str, &str)] = &[
    (
        "import",
        "import_wizard_e2e::a_file_from_the_inbox_is_previewed_refused_fixed_imported_and_exported",
    ),
    (
        "user disable",
        "ssh_e2e::administrators_add_and_disable_users_from_the_ui",
    ),
    (
        "user enable",
        "desk_e2e::an_account_is_enabled_again_and_given_a_new_password",
    ),
    (
        "user passwd",
        "desk_e2e::an_account_is_enabled_again_and_given_a_new_password",
    ),
    (
        "user set",
        "ssh_e2e::a_user_setting_switches_to_english_and_ascii_borders",
    ),
    (
        "item retire",
        "ssh_e2e::check_items_are_added_revised_and_retired_from_the_ui",
    ),
    (
        "conflict add",
        "office_e2e::a_conflict_declared_in_the_ui_is_frozen_into_the_next_draw",
    ),
    (
        "conflict withdraw",
        "office_e2e::a_conflict_declared_in_the_ui_is_frozen_into_the_next_draw",
    ),
    (
        "settings set",
        "office_e2e::the_bureau_name_set_in_the_ui_is_printed_on_the_draw_record",
    ),
    (
        "draw prepare",
        "draw_prepare_e2e::an_administrator_prepares_a_draw_by_keys_and_its_certificate_verifies",
    ),
    (
        "draw public-value",
        "desk_e2e::announcement_public_value_note_and_cancel_from_the_room",
    ),
    (
        "draw announce",
        "desk_e2e::announcement_public_value_note_and_cancel_from_the_room",
    ),
    (
        "draw reveal",
        "draw_room_e2e::three_sessions_complete_a_ceremony_and_its_certificate_verifies",
    ),
    (
        "draw decline",
        "desk_e2e::a_declined_result_is_accepted_by_a_leader_and_released",
    ),
    (
        "draw cancel",
        "desk_e2e::announcement_public_value_note_and_cancel_from_the_room",
    ),
    (
        "draw release",
        "desk_e2e::a_declined_result_is_accepted_by_a_leader_and_released",
    ),
    (
        "draw annotate",
        "desk_e2e::announcement_public_value_note_and_cancel_from_the_room",
    ),
    (
        "plan set",
        "office_e2e::a_leader_sets_a_quarters_ratio_from_the_home_tab",
    ),
    (
        "publish",
        "results_e2e::enter_with_save_and_next_review_and_publish",
    ),
    (
        "category set",
        "records_e2e::a_category_edited_in_the_ui_shows_in_category_list",
    ),
    (
        "calendar set",
        "desk_e2e::calendar_offsite_joint_work_and_an_evaluation_by_keys",
    ),
    (
        "calendar clear",
        "desk_e2e::calendar_offsite_joint_work_and_an_evaluation_by_keys",
    ),
    (
        "offsite add",
        "desk_e2e::calendar_offsite_joint_work_and_an_evaluation_by_keys",
    ),
    (
        "evidence add",
        "evidence_e2e::a_scan_is_uploaded_attached_seen_exported_and_downloaded",
    ),
    (
        "evidence withdraw",
        "evidence_e2e::a_scan_is_uploaded_attached_seen_exported_and_downloaded",
    ),
    (
        "followup recheck",
        "corrections_e2e::a_follow_up_rechecked_by_keys_closes",
    ),
    (
        "objection add",
        "corrections_e2e::an_objection_leads_to_a_correction_notice",
    ),
    (
        "objection decide",
        "corrections_e2e::an_objection_leads_to_a_correction_notice",
    ),
    (
        "evaluation set",
        "desk_e2e::calendar_offsite_joint_work_and_an_evaluation_by_keys",
    ),
    (
        "joint add",
        "desk_e2e::calendar_offsite_joint_work_and_an_evaluation_by_keys",
    ),
    (
        "joint target",
        "desk_e2e::calendar_offsite_joint_work_and_an_evaluation_by_keys",
    ),
];

/// The subcommands `shuangsui ARGS --help` lists (`help` left out).
fn subcommands(args: &[&str]) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_shuangsui"))
        .args(args)
        .arg("--help")
        .env("SHUANGSUI_LANG", "en")
        .output()
        .expect("run shuangsui --help");
    let help = String::from_utf8_lossy(&out.stdout).into_owned();
    let Some((_, listed)) = help.split_once("Commands:\n") else {
        return Vec::new();
    };
    listed
        .lines()
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

/// Every command, as `group sub` or `command`.
fn commands() -> BTreeSet<String> {
    let mut all = BTreeSet::new();
    for top in subcommands(&[]) {
        let subs = subcommands(&[&top]);
        if subs.is_empty() {
            all.insert(top);
        } else {
            all.extend(subs.into_iter().map(|s| format!("{top} {s}")));
        }
    }
    all
}

#[test]
fn every_command_is_an_operation_a_read_or_done_in_the_ui_by_a_tested_path() {
    let all = commands();
    assert!(all.len() > 40, "the help lists the commands: {all:?}");
    let placed: Vec<&str> = (READS.iter().copied())
        .chain(OPERATIONS.iter().map(|(c, _)| *c))
        .chain(UI.iter().map(|(c, _)| *c))
        .collect();
    let unplaced: Vec<&String> = all
        .iter()
        .filter(|c| !placed.contains(&c.as_str()))
        .collect();
    assert!(unplaced.is_empty(), "place these commands: {unplaced:?}");
    let stale: Vec<&&str> = placed.iter().filter(|c| !all.contains(**c)).collect();
    assert!(stale.is_empty(), "no such commands: {stale:?}");
    let unique: BTreeSet<&&str> = placed.iter().collect();
    assert_eq!(unique.len(), placed.len(), "a command placed twice");
    for (_, why) in OPERATIONS {
        assert!(why.len() > 20, "say why: {why}");
    }
    for (command, test) in UI {
        let (file, name) = test.split_once("::").expect("file::test");
        let path = format!("{}/tests/{file}.rs", env!("CARGO_MANIFEST_DIR"));
        let src = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            src.contains(&format!("async fn {name}(")) && src.contains("Term::connect"),
            "{command}: {test} is not an end-to-end test over SSH"
        );
    }
}

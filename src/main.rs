//! The `shuangsui` binary: parses the command line and runs it. All wiring lives in `cli`.

mod cli;
mod logs;
mod serve;

fn main() -> std::process::ExitCode {
    cli::main()
}

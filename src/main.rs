//! The `leadgate` command: parse, run, report. Everything else lives in the library.

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

use leadgate::cli::{Cli, run};
use leadgate::safe_text::one_line;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.command.is_none() {
        // The interactive workstation is not part of this build yet; teach the CLI instead.
        let _ = <Cli as clap::CommandFactory>::command().print_help();
        return ExitCode::SUCCESS;
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match run(cli, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = out.flush();
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "leadgate: {}", one_line(&e.to_string()));
            for item in e.missing_items() {
                let _ = writeln!(err, "  ✗ {}: {}", item.item.label(), one_line(&item.detail));
            }
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(1))
        }
    }
}

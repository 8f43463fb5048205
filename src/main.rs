use std::process::ExitCode;

use clap::Parser;
use prayer_guide::cli::{Cli, run};
use prayer_guide::error::Error;

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e @ Error::Invalid(_)) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

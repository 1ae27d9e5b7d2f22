//! archdrill entry point: parse the command line, then open the window or run one command.

use std::process::ExitCode;

use archdrill::cli::{self, Invocation};

fn main() -> ExitCode {
    let result = match cli::parse(std::env::args_os()) {
        #[cfg(feature = "gui")]
        Ok(Invocation::Gui { board }) => archdrill::ui::run(board),
        #[cfg(not(feature = "gui"))]
        Ok(Invocation::Gui { .. }) => Err(anyhow::anyhow!(
            "this build has no window (it was built without the `gui` feature); run a command such as `archdrill grade BOARD.ron`, or see `archdrill --help`"
        )),
        // A verb's error is typed up to here and printed once, as it reads.
        Ok(invocation) => cli::run(invocation).map_err(anyhow::Error::msg),
        Err(err) => Err(err),
    };
    result.unwrap_or_else(|err| {
        let message = cli::terminal_safe(&format!("{err:#}"), cli::MAX_MESSAGE_LINE);
        eprintln!("archdrill: {message}");
        ExitCode::from(2)
    })
}

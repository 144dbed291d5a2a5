//! The `actorgraph` binary: the command line and the REPL over the library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}

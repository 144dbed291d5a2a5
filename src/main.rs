//! The `actorgraph` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    actorgraph::cli::main()
}

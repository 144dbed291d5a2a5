//! `actorgraph import`: reading spreadsheets into graph files.

/// Arguments of `actorgraph import`.
#[derive(clap::Args, Debug)]
pub struct ImportArgs {}

/// Runs an import; true when it succeeded.
pub fn run(_args: &ImportArgs) -> anyhow::Result<bool> {
    anyhow::bail!("import is not available yet")
}

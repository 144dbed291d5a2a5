//! Carries out `export` statements: picks the writer for the format and the
//! target. Sits at the edge because it writes files.

use crate::diagnostic::Diagnostic;
use crate::model::Graph;
use crate::query::eval::ExportPlan;
use crate::session::Output;

/// Writes what `plan` asks for; DOT without a target comes back as text.
pub fn carry_out(_graph: &Graph, plan: &ExportPlan) -> Result<Output, Diagnostic> {
    Err(Diagnostic::new(format!(
        "export {} is not available yet",
        plan.format
    )))
}

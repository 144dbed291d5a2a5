//! Interchange with other tools: CSV import through mapping files, and
//! exports for Gephi (GEXF), networkx (node-link JSON), yEd and Cytoscape
//! (GraphML), Neo4j (Cypher and `neo4j-admin` CSV) and spreadsheets (CSV).
//!
//! Formats use the model; the model knows nothing of them.

pub mod export;
pub mod import;
pub mod mapping;

pub use self::import::{
    import, import_into, import_tables, read_decisions, rejection_diagnostics, review_table,
    CellReading, Companions, Decision, Decisions, ImportError, ImportOptions, ImportReport,
    Rejection, ReviewItem, RowCounts, Table, ROWS_SHOWN,
};
pub use export::{export, ExportError, ExportFormat};
pub use mapping::Mapping;

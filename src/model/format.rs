//! The export formats for other tools, named in one place.

/// The files `export` writes for other tools (diagrams are the other kind
/// of export): named here once, for the language, the command line and the
/// writers in `interchange`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// `actors.csv` and `ties.csv` in a directory, in the import layout,
    /// with `relations.csv`, `sources.csv`, `events.csv` and `graph.csv` for what that
    /// layout cannot hold.
    Csv,
    /// networkx node-link JSON (`edges`, networkx 3.4's default), one file.
    Json,
    /// GraphML, one file.
    GraphMl,
    /// GEXF 1.2 with each tie's dates as a spell, one file.
    Gexf,
    /// A Cypher script that creates the actors and ties, one file.
    Cypher,
    /// `actors.csv`, `ties.csv` with neo4j-admin headers and the command, in a directory.
    Neo4jAdmin,
}

impl ExportFormat {
    /// Every format, in the order the help lists them.
    pub const ALL: [ExportFormat; 6] = [
        ExportFormat::Csv,
        ExportFormat::Json,
        ExportFormat::GraphMl,
        ExportFormat::Gexf,
        ExportFormat::Cypher,
        ExportFormat::Neo4jAdmin,
    ];

    /// The name used on the command line and in the language.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::GraphMl => "graphml",
            ExportFormat::Gexf => "gexf",
            ExportFormat::Cypher => "cypher",
            ExportFormat::Neo4jAdmin => "neo4j-admin",
        }
    }

    /// Reads a format name (case-insensitive; `neo4j` means `neo4j-admin`).
    pub fn parse(name: &str) -> Option<ExportFormat> {
        let name = name.to_ascii_lowercase();
        if name == "neo4j" {
            return Some(ExportFormat::Neo4jAdmin);
        }
        ExportFormat::ALL.into_iter().find(|f| f.name() == name)
    }

    /// True when the format writes several files into a directory.
    pub fn is_directory(self) -> bool {
        matches!(self, ExportFormat::Csv | ExportFormat::Neo4jAdmin)
    }
}

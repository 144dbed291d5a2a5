//! Interchange with other tools: CSV import with mappings, exports (issue 5).

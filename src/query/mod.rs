//! The query language: lexer → parser → AST → evaluator. It knows the
//! model and the answer types, never the terminal.

pub mod ast;
pub mod error;
pub mod eval;
pub mod help;
pub mod keywords;
pub mod lexer;
pub mod parser;
pub mod phrases;

pub use ast::{Query, Statement};
pub use error::{QueryError, QueryErrorKind};
pub use parser::{parse, parse_in};

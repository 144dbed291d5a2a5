//! DOT diagrams for slide decks (issue 4).

//! How a graph file asks for a relation's edges to be drawn: a colour, a
//! line form and an arrowhead, each optional. The values are checked here,
//! where the file is read, so a diagram never meets one it cannot draw.

use std::fmt;
use std::str::FromStr;

/// A relation's drawing, as its declaration sets it; what it leaves out the
/// diagram's palette chooses.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationLook {
    /// `#rrggbb`, used on light and dark slides alike.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<Rgb>,
    /// `single`, `double` or `thick`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<LineForm>,
    /// The arrowhead of a directed relation: `normal`, `vee`, `diamond`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrow: Option<Arrowhead>,
}

impl RelationLook {
    /// True when it sets nothing.
    pub fn is_empty(&self) -> bool {
        self == &RelationLook::default()
    }

    /// Reads the three optional cells of a table row (`color`, `line`,
    /// `arrow`); an empty cell sets nothing.
    pub fn from_cells(color: &str, line: &str, arrow: &str) -> Result<RelationLook, LookError> {
        fn cell(text: &str) -> Option<&str> {
            Some(text.trim()).filter(|t| !t.is_empty())
        }
        Ok(RelationLook {
            color: cell(color).map(str::parse).transpose()?,
            line: cell(line).map(str::parse).transpose()?,
            arrow: cell(arrow).map(str::parse).transpose()?,
        })
    }
}

/// Why a relation's look cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LookError {
    /// Not `#rrggbb`.
    #[error("`{0}` is not a colour: write six hex digits after `#`, such as `#0072b2`")]
    Color(String),
    /// Not a line form.
    #[error("`{0}` is not a line: write `single`, `double` or `thick` (dashes and dots are kept for ended and uncertain ties)")]
    Line(String),
    /// Not an arrowhead.
    #[error("`{0}` is not an arrowhead: write one of {names}", names = Arrowhead::NAMES.join(", "))]
    Arrow(String),
    /// An arrowhead on a relation that runs both ways.
    #[error("relation `{0}` is symmetric (directed: false), so its edges have no arrowhead")]
    ArrowOnSymmetric(String),
}

/// An opaque colour, `#rrggbb`, kept in lower case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rgb(pub [u8; 3]);

impl FromStr for Rgb {
    type Err = LookError;

    fn from_str(text: &str) -> Result<Self, LookError> {
        let bad = || LookError::Color(text.to_string());
        let hex = text.trim().strip_prefix('#').ok_or_else(bad)?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| bad());
        Ok(Rgb([byte(0)?, byte(2)?, byte(4)?]))
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

/// How many strokes make an edge and how heavy: the form that tells
/// relations of one colour apart. Dashes and dots are not forms: they say
/// whether a tie ended or may not hold, whatever its relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LineForm {
    /// One line.
    Single,
    /// Two parallel lines.
    Double,
    /// One heavy line.
    Thick,
}

impl LineForm {
    /// Every form, in the order a palette uses them.
    pub const ALL: [LineForm; 3] = [LineForm::Single, LineForm::Double, LineForm::Thick];

    /// The word files use.
    pub fn as_str(self) -> &'static str {
        match self {
            LineForm::Single => "single",
            LineForm::Double => "double",
            LineForm::Thick => "thick",
        }
    }
}

impl FromStr for LineForm {
    type Err = LookError;

    fn from_str(text: &str) -> Result<Self, LookError> {
        LineForm::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| LookError::Line(text.to_string()))
    }
}

/// A Graphviz arrowhead a relation may ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Arrowhead(&'static str);

impl Arrowhead {
    /// The arrowheads a file may name: Graphviz's shapes that read clearly
    /// at slide size, filled and open.
    pub const NAMES: [&'static str; 12] = [
        "normal", "onormal", "vee", "diamond", "odiamond", "dot", "odot", "box", "obox", "tee",
        "crow", "inv",
    ];

    /// The Graphviz name.
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl FromStr for Arrowhead {
    type Err = LookError;

    fn from_str(text: &str) -> Result<Self, LookError> {
        Arrowhead::NAMES
            .into_iter()
            .find(|n| n.eq_ignore_ascii_case(text.trim()))
            .map(Arrowhead)
            .ok_or_else(|| LookError::Arrow(text.to_string()))
    }
}

/// Serialised and read as the words files use, checked on reading.
macro_rules! as_text {
    ($($type:ty),*) => {$(
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    )*};
}
as_text!(Rgb, LineForm, Arrowhead);

impl fmt::Display for LineForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Arrowhead {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_lines_and_arrows_read_only_what_can_be_drawn() {
        assert_eq!("#0072B2".parse::<Rgb>().unwrap().to_string(), "#0072b2");
        for bad in ["0072b2", "#0072b", "#0072b2ff", "#gg72b2", "blue", "#ééé"] {
            assert!(bad.parse::<Rgb>().is_err(), "{bad}");
        }
        assert_eq!("Double".parse::<LineForm>(), Ok(LineForm::Double));
        let dashed = "dashed".parse::<LineForm>().unwrap_err().to_string();
        assert!(dashed.contains("single, `double` or `thick`") || dashed.contains("`single`"));
        assert_eq!("vee".parse::<Arrowhead>().unwrap().as_str(), "vee");
        assert!("arrow\"head".parse::<Arrowhead>().is_err());
        let look = RelationLook::from_cells(" #D55E00 ", "", "diamond").unwrap();
        assert_eq!(look.color, Some(Rgb([0xd5, 0x5e, 0x00])));
        assert_eq!(look.line, None);
        assert_eq!(
            RelationLook::from_cells("", "", ""),
            Ok(RelationLook::default())
        );
        assert!(RelationLook::from_cells("red", "", "").is_err());
    }
}

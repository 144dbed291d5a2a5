//! Text widths in an SVG Graphviz wrote: the SVG gives a text's place and
//! size but not its width, so it is estimated from the advance widths of
//! the face Graphviz measures and draws with, checked here against
//! Graphviz's own measure.

use super::*;

/// The characters of the width tables: `' '..='~'`, then these.
const EXTRA: &str = "é–…⌂─━┉╍═▢▣▶▻○◎❒⬚⬠⬡▷➤◆◇●■□⊣";
/// Advance widths, in 1/2048 em, of DejaVu Sans: the face Graphviz measures
/// and draws `Helvetica` (style::FONT) with here. Graphviz asks for its
/// PostScript alias `Helvetica,sans-Serif`, which fontconfig resolves to
/// DejaVuSans.ttf (`fc-match Helvetica` alone names Liberation Sans, 10 %
/// narrower: Graphviz's widths are DejaVu's). Made with Python fontTools:
/// `[t['hmtx'][t.getBestCmap()[ord(c)]][0] for c in chars]` with
/// `t = TTFont('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf')`.
#[rustfmt::skip]
const REGULAR: [u16; 122] = [
    651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303,
    1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, 2048,
    1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235,
    1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024, 1024,
    1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300,
    1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716, 1260, 1024,
    2048, 1300, 1233, 1233, 1233, 1233, 1233, 1935, 1935, 1575, 1575, 1787, 1787, 1836, 1935,
    1780, 1788, 1575, 1716, 1575, 1575, 1787, 1935, 1935, 1784,
];
/// The same from DejaVuSans-Bold.ttf, for the legend's bold headings.
#[rustfmt::skip]
const BOLD: [u16; 122] = [
    713, 934, 1067, 1716, 1425, 2052, 1786, 627, 936, 936, 1071, 1716, 778, 850, 778, 748, 1425,
    1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 819, 819, 1716, 1716, 1716, 1188, 2048,
    1585, 1561, 1503, 1700, 1399, 1399, 1681, 1714, 762, 762, 1587, 1305, 2038, 1714, 1741, 1501,
    1741, 1577, 1475, 1397, 1663, 1585, 2259, 1579, 1483, 1485, 936, 748, 936, 1716, 1024, 1024,
    1382, 1466, 1214, 1466, 1389, 891, 1466, 1458, 702, 702, 1362, 702, 2134, 1458, 1407, 1466,
    1466, 1010, 1219, 979, 1458, 1335, 1892, 1321, 1335, 1192, 1458, 748, 1458, 1716, 1389, 1024,
    2048, 1466, 1233, 1233, 1233, 1233, 1233, 1935, 1935, 1575, 1575, 1787, 1787, 1836, 1935,
    1780, 1788, 1575, 1716, 1575, 1575, 1787, 1935, 1935, 1872,
];
/// DejaVu Sans's ascent and descent (`hhea`), in em: a line's height is
/// about 1.16 times its size.
pub(super) const ASCENT: f64 = 1901.0 / 2048.0;
pub(super) const DESCENT: f64 = 483.0 / 2048.0;

/// The width of `words` in points at `size`; a character missing from the
/// table counts as the table's average.
pub(super) fn text_width(words: &str, size: f64, bold: bool) -> f64 {
    let table = if bold { &BOLD } else { &REGULAR };
    let average = table.iter().map(|&w| f64::from(w)).sum::<f64>() / table.len() as f64;
    let units: f64 = words
        .chars()
        .map(|c| {
            let index = match c {
                ' '..='~' => Some(c as usize - ' ' as usize),
                _ => EXTRA.chars().position(|e| e == c).map(|i| 95 + i),
            };
            index.map_or(average, |i| f64::from(table[i]))
        })
        .sum();
    units / 2048.0 * size
}

#[test]
fn the_width_table_measures_text_as_graphviz_does() {
    if !graphviz() {
        return;
    }
    // The font the binary's DOT names.
    let dot = Test::new()
        .words("export dot JNIM")
        .stdout_matches(|_| true)
        .run();
    let font = dot.stdout.split("fontname=\"").nth(1).unwrap();
    let font = font.split('"').next().unwrap();
    for (words, size, bold) in [
        ("since 2022–Feb 2023", 18.0, false),
        (
            "Oriental Revolutionary Front and its ties, 1 hop",
            22.0,
            false,
        ),
        ("Ties drawn in 2017–2023", 15.0, true),
    ] {
        let label = if bold {
            format!("<<B>{words}</B>>")
        } else {
            format!("\"{words}\"")
        };
        let dot = format!(
            "digraph {{ a [shape=plaintext fontname=\"{font}\" fontsize={size} label={label}] }}"
        );
        let json: serde_json::Value =
            serde_json::from_slice(&run_graphviz("dot", &["-Tjson"], &dot)).unwrap();
        let ops = json["objects"][0]["_ldraw_"].as_array().unwrap();
        let text = ops.iter().find(|op| op["op"] == "T").unwrap();
        let graphviz = text["width"].as_f64().unwrap();
        let estimate = text_width(words, size, bold);
        assert!(
            (estimate - graphviz).abs() <= 0.02 * graphviz,
            "`{words}` in {font} at {size} pt: Graphviz {graphviz}, table {estimate:.1}"
        );
    }
}

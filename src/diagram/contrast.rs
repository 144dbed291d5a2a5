//! Lines a projector still shows: WCAG's contrast ratio, and the colour or
//! opacity that keeps a relation's line at a given ratio to the slide.

use crate::model::Rgb;

/// The least contrast of a relation's line, confirmed and running, to the
/// background: WCAG's 3:1 for the graphics a picture is read by.
pub const LINE_CONTRAST: f64 = 3.0;

/// The least contrast of a faded line (likely, possible, ended, or that
/// may not hold then) to the background: fainter than a confirmed one, as
/// it should be, yet never lost on a projector.
pub const FADED_CONTRAST: f64 = 2.0;

/// The relative luminance of an sRGB colour.
fn luminance(color: Rgb) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let [r, g, b] = color.0;
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG's contrast ratio of two colours, 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// `color` at `alpha` (0 to 255) over `background`, as SVG and PNG
/// renderers blend it.
pub fn blend(color: Rgb, alpha: u8, background: Rgb) -> Rgb {
    let a = f64::from(alpha) / 255.0;
    let mix = |c: u8, d: u8| (f64::from(c) * a + f64::from(d) * (1.0 - a)).round() as u8;
    let ([r, g, b], [br, bg, bb]) = (color.0, background.0);
    Rgb([mix(r, br), mix(g, bg), mix(b, bb)])
}

/// `color`, darkened on a light background or lightened on a dark one in
/// small steps, until it has `ratio` to `background`: a colour a graph file
/// sets (Okabe–Ito yellow on white is 1.3:1) keeps its hue and is seen.
pub fn legible(color: Rgb, background: Rgb, ratio: f64) -> Rgb {
    let toward = if luminance(background) > 0.18 {
        Rgb([0, 0, 0])
    } else {
        Rgb([0xff, 0xff, 0xff])
    };
    let mut step = 0u16;
    let mut adjusted = color;
    while contrast(adjusted, background) < ratio && step < 255 {
        step += 5;
        // `step` of 255 of the way to black or white.
        adjusted = blend(toward, step.min(255) as u8, color);
    }
    adjusted
}

/// The least opacity at which `color` over `background` keeps
/// [`FADED_CONTRAST`]; fully opaque when not even that does.
pub fn least_alpha(color: Rgb, background: Rgb) -> u8 {
    (0..=255u8)
        .find(|alpha| contrast(blend(color, *alpha, background), background) >= FADED_CONTRAST)
        .unwrap_or(255)
}

/// `#rrggbb` as a colour; black when it is not one (the palettes' own
/// colours always are).
pub fn rgb(hex: &str) -> Rgb {
    hex.parse().unwrap_or(Rgb([0, 0, 0]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_is_wcags() {
        let (white, black) = (rgb("#ffffff"), rgb("#000000"));
        assert!((contrast(white, black) - 21.0).abs() < 0.01);
        // The figure the issue measured: Okabe–Ito yellow on white.
        let yellow = rgb("#f0e442");
        assert!((contrast(yellow, white) - 1.32).abs() < 0.01);
        assert!((contrast(rgb("#767676"), white) - 4.54).abs() < 0.01);
    }

    #[test]
    fn a_pale_colour_is_darkened_on_white_and_lightened_on_black() {
        let (white, dark) = (rgb("#ffffff"), rgb("#1e1e1e"));
        let yellow = rgb("#f0e442");
        let on_white = legible(yellow, white, LINE_CONTRAST);
        assert!(contrast(on_white, white) >= LINE_CONTRAST);
        // Still a yellow: red and green above blue.
        let [r, g, b] = on_white.0;
        assert!(r > b && g > b, "{on_white}");
        assert_eq!(legible(yellow, dark, LINE_CONTRAST), yellow);
        let navy = rgb("#000080");
        assert!(contrast(legible(navy, dark, LINE_CONTRAST), dark) >= LINE_CONTRAST);
    }

    #[test]
    fn a_faded_line_keeps_its_floor() {
        let white = rgb("#ffffff");
        for hex in ["#000000", "#0072b2", "#d55e00", "#cc79a7"] {
            let color = rgb(hex);
            let alpha = least_alpha(color, white);
            assert!(contrast(blend(color, alpha, white), white) >= FADED_CONTRAST);
            assert!(contrast(blend(color, alpha - 1, white), white) < FADED_CONTRAST);
        }
    }

    #[test]
    fn every_line_is_seen_on_both_themes_however_faded() {
        use super::super::style::{palette, RelationStyles, TieLook, TieState};
        use super::super::Theme;
        use crate::model::{Confidence, Relation, RelationLook, Relations};
        let yellow = Rgb([0xf0, 0xe4, 0x42]);
        // Ninety declared relations, every fifth set to Okabe–Ito yellow.
        let mut relations = Relations::default();
        for i in 0..90 {
            let look = (i % 5 == 0).then_some(RelationLook {
                color: Some(yellow),
                line: None,
                arrow: None,
            });
            relations
                .declare(Relation {
                    name: format!("r{i}"),
                    directed: i % 3 != 0,
                    note: None,
                    phrasing: None,
                    look,
                })
                .unwrap();
        }
        for palette in [palette(Theme::Light), palette(Theme::Dark)] {
            let background = rgb(palette.background);
            let styles = RelationStyles::of(palette, &relations);
            for (id, relation) in relations.iter() {
                let style = styles.get(id);
                let ratio = contrast(style.color, background);
                assert!(
                    ratio >= LINE_CONTRAST,
                    "{} {} on {}: {ratio:.2}:1",
                    relation.name,
                    style.color,
                    palette.background
                );
                for confidence in [
                    Confidence::Confirmed,
                    Confidence::Likely,
                    Confidence::Possible,
                ] {
                    for state in [TieState::Running, TieState::Uncertain, TieState::Ended] {
                        let look = TieLook::new(&style, confidence, state);
                        let seen = blend(look.color.rgb, look.color.alpha, background);
                        let ratio = contrast(seen, background);
                        assert!(
                            ratio >= FADED_CONTRAST,
                            "{} {confidence:?} {state:?} {}: {ratio:.2}:1",
                            relation.name,
                            look.color
                        );
                    }
                }
            }
            // The palette's own colours need no darkening.
            for color in palette.relations {
                assert!(contrast(color, background) >= LINE_CONTRAST, "{color}");
            }
        }
    }
}

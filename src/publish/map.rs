//! Locator maps: a small SVG that shows where a country is, the country highlighted among its
//! neighbours in grey, drawn from Natural Earth's 1:110m outlines embedded in the program
//! (`data/maps/countries.txt`, public domain; `tools/maps/` writes it).
//!
//! The projection is equirectangular, its longitudes scaled by the cosine of the frame's middle
//! latitude so that a country keeps its shape at the latitudes it is drawn; the frame is the
//! country's bounding box with a margin, never narrower than [`MIN_SPAN`] degrees, so a small
//! country is seen among its neighbours. Outlines are clipped to the frame and simplified to
//! whole units of the drawing, so a map is a few kilobytes and the same bytes on every build.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::OnceLock;

/// The outlines, `code<TAB>rings` a line (see the file's header and `data/maps/README.md`).
const ATLAS: &str = include_str!("../../data/maps/countries.txt");

/// The drawing's size in its own units (`viewBox`): 4 by 3.
pub const WIDTH: i32 = 200;
pub const HEIGHT: i32 = 150;

/// The narrowest frame, in degrees at the frame's latitude: Lebanon or Bahrain is shown with
/// the region around it, not filling the map.
const MIN_SPAN: f64 = 26.0;
/// The frame is the country's extent times this, so its neighbours show around it.
const MARGIN: f64 = 1.7;
/// A country smaller than this many units across is ringed, so that it can be found.
const SMALL: i32 = 16;
/// Points closer than this (in units) to the simplified line are dropped.
const TOLERANCE: f64 = 1.0;
/// A neighbour's island smaller than this many units is left out: a speck, not a help.
const SPECK: i32 = 3;

const SEA: &str = "#eef1f4";
const LAND: &str = "#cdcdd3";
const ACCENT: &str = "#7a2e2e";

/// Hundredths of a degree, as the data stores them: longitude, latitude.
type Point = (i32, i32);

/// A country's outline: rings (holes are rings too, drawn with the even-odd rule), or for a
/// country too small for the scale, the place of its capital.
#[derive(Debug, Clone, PartialEq)]
enum Shape {
    Rings(Vec<Vec<Point>>),
    Dot(Point),
}

/// Every country of the data, by ISO 3166-1 alpha-2 code.
struct Atlas {
    shapes: BTreeMap<String, Shape>,
}

fn atlas() -> &'static Atlas {
    static ATLAS_PARSED: OnceLock<Atlas> = OnceLock::new();
    // The data is part of the program and a unit test parses all of it.
    ATLAS_PARSED.get_or_init(|| parse(ATLAS).expect("the embedded map data parses"))
}

/// Reads the data file: `code<TAB>lon,lat lon,lat …;…` or `code<TAB>@lon,lat`.
fn parse(text: &str) -> Result<Atlas, String> {
    let mut shapes = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let at = |what: &str| format!("data/maps/countries.txt line {}: {what}", n + 1);
        let (code, rest) = line
            .split_once('\t')
            .ok_or_else(|| at("expected a code, a tab and the outline"))?;
        let point = |p: &str| -> Result<Point, String> {
            let (x, y) = p
                .split_once(',')
                .ok_or_else(|| at(&format!("`{p}` is not `lon,lat`")))?;
            let number = |s: &str| {
                s.parse::<i32>()
                    .map_err(|_| at(&format!("`{s}` is not a whole number")))
            };
            Ok((number(x)?, number(y)?))
        };
        let shape = match rest.strip_prefix('@') {
            Some(p) => Shape::Dot(point(p)?),
            None => Shape::Rings(
                rest.split(';')
                    .map(|ring| ring.split(' ').map(point).collect())
                    .collect::<Result<_, _>>()?,
            ),
        };
        shapes.insert(code.to_string(), shape);
    }
    Ok(Atlas { shapes })
}

/// Whether there is a map of the country `code`.
pub fn has(code: &str) -> bool {
    atlas().shapes.contains_key(&code.to_ascii_uppercase())
}

/// The locator map of the country `code` as an SVG element, named `label` for screen readers
/// (`role="img"`, `aria-label` and `<title>`); `None` for a code the data does not know.
pub fn svg(code: &str, label: &str) -> Option<String> {
    let atlas = atlas();
    let code = code.to_ascii_uppercase();
    let shape = atlas.shapes.get(&code)?;
    let frame = Frame::around(shape);
    let mut land = String::new();
    for (other, s) in &atlas.shapes {
        if let (true, Shape::Rings(rings)) = (*other != code, s) {
            frame.path(rings, SPECK, &mut land);
        }
    }
    let mut country = String::new();
    let mut marks = String::new();
    let centre = frame.project(frame.centre);
    match shape {
        Shape::Rings(rings) => {
            frame.path(rings, 0, &mut country);
            if frame.extent(rings) < SMALL {
                ring(centre, &mut marks);
            }
        }
        Shape::Dot(_) => {
            ring(centre, &mut marks);
            let _ = write!(
                marks,
                "<circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{ACCENT}\"/>",
                centre.0, centre.1
            );
        }
    }
    let label = escape(label);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" \
         role=\"img\" aria-label=\"{label}\"><title>{label}</title>\
         <rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"{SEA}\"/>"
    );
    if !land.is_empty() {
        let _ = write!(
            out,
            "<path fill=\"{LAND}\" fill-rule=\"evenodd\" stroke=\"#fff\" \
             stroke-width=\"0.8\" stroke-linejoin=\"round\" d=\"{land}\"/>"
        );
    }
    if !country.is_empty() {
        let _ = write!(
            out,
            "<path fill=\"{ACCENT}\" fill-rule=\"evenodd\" stroke=\"{ACCENT}\" \
             stroke-width=\"0.6\" stroke-linejoin=\"round\" d=\"{country}\"/>"
        );
    }
    out.push_str(&marks);
    out.push_str("</svg>");
    Some(out)
}

/// Appends a closed ring as path data: its first point, then each point as a step from the
/// one before (`l`, whose steps are short numbers), a minus sign doing for a space.
fn ring_path(ring: &[(i32, i32)], out: &mut String) {
    let Some(&(x0, y0)) = ring.first() else {
        return;
    };
    let _ = write!(out, "M{x0} {y0}l");
    let mut previous = (x0, y0);
    for (i, &(x, y)) in ring.iter().enumerate().skip(1) {
        for (n, d) in [x - previous.0, y - previous.1].into_iter().enumerate() {
            if d >= 0 && (i > 1 || n > 0) {
                out.push(' ');
            }
            let _ = write!(out, "{d}");
        }
        previous = (x, y);
    }
    out.push('Z');
}

/// A circle around a country too small to see at the scale.
fn ring((x, y): (i32, i32), out: &mut String) {
    let _ = write!(
        out,
        "<circle cx=\"{x}\" cy=\"{y}\" r=\"9\" fill=\"none\" stroke=\"{ACCENT}\" \
         stroke-width=\"2\"/>"
    );
}

/// `&`, `<`, `>` and `"` escaped, for text in an attribute or an element.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The part of the world a map shows, and the projection onto the drawing.
#[derive(Debug, Clone, Copy)]
struct Frame {
    /// The country's middle, in degrees; longitudes are measured from it.
    centre: (f64, f64),
    /// `cos` of the middle latitude: how much a degree of longitude is narrower there.
    scale_x: f64,
    /// The frame's width and height in projected degrees.
    width: f64,
    height: f64,
    /// The frame's top latitude.
    top: f64,
}

impl Frame {
    /// The frame around `shape`: its extent times [`MARGIN`], at least [`MIN_SPAN`] wide,
    /// WIDTH by HEIGHT in proportion, and kept between the poles.
    fn around(shape: &Shape) -> Frame {
        let (west, south, east, north) = match shape {
            Shape::Dot((x, y)) => {
                let (x, y) = (f64::from(*x) / 100.0, f64::from(*y) / 100.0);
                (x, y, x, y)
            }
            Shape::Rings(rings) => bounds(rings),
        };
        let centre = ((west + east) / 2.0, (south + north) / 2.0);
        let scale_x = centre.1.to_radians().cos().max(0.2);
        let aspect = f64::from(WIDTH) / f64::from(HEIGHT);
        let width = ((east - west) * scale_x * MARGIN)
            .max((north - south) * MARGIN * aspect)
            .max(MIN_SPAN);
        let height = width / aspect;
        let top = (centre.1 + height / 2.0).min(90.0).max(-90.0 + height);
        Frame {
            centre,
            scale_x,
            width,
            height,
            top,
        }
    }

    /// A point in degrees projected onto the drawing, in fractional units.
    fn project_f(&self, (lon, lat): (f64, f64)) -> (f64, f64) {
        let x = (lon - self.centre.0) * self.scale_x;
        (
            (x / self.width + 0.5) * f64::from(WIDTH),
            (self.top - lat) / self.height * f64::from(HEIGHT),
        )
    }

    fn project(&self, p: (f64, f64)) -> (i32, i32) {
        let (x, y) = self.project_f(p);
        (x.round() as i32, y.round() as i32)
    }

    /// The longitude shift (a multiple of 360°) that brings a ring nearest the frame's middle,
    /// so that a country across the antimeridian is drawn whole.
    fn shift(&self, ring: &[Point]) -> f64 {
        let (west, _, east, _) = bounds(std::slice::from_ref(&ring.to_vec()));
        let middle = (west + east) / 2.0;
        ((self.centre.0 - middle) / 360.0).round() * 360.0
    }

    /// Appends the rings of `rings` that show in the frame to the path data `out`, clipped just
    /// outside the frame (so no clipped edge is drawn inside it) and simplified; a ring less
    /// than `speck` units across either way is left out.
    fn path(&self, rings: &[Vec<Point>], speck: i32, out: &mut String) {
        let pad = 4.0;
        let (lo_x, lo_y, hi_x, hi_y) =
            (-pad, -pad, f64::from(WIDTH) + pad, f64::from(HEIGHT) + pad);
        for ring in rings {
            let shift = self.shift(ring);
            let projected: Vec<(f64, f64)> = ring
                .iter()
                .map(|&(x, y)| self.project_f((f64::from(x) / 100.0 + shift, f64::from(y) / 100.0)))
                .collect();
            let clipped = clip(&projected, (lo_x, lo_y, hi_x, hi_y));
            let simple = simplify(&clipped, TOLERANCE);
            if simple.len() < 3 || span(&simple) < speck {
                continue;
            }
            ring_path(&simple, out);
        }
    }

    /// The larger of the width and height of `rings` on the drawing, in units.
    fn extent(&self, rings: &[Vec<Point>]) -> i32 {
        let (west, south, east, north) = bounds(rings);
        let (x0, y0) = self.project_f((west, north));
        let (x1, y1) = self.project_f((east, south));
        (x1 - x0).abs().max((y1 - y0).abs()).round() as i32
    }
}

/// The larger of a ring's width and height.
fn span(ring: &[(i32, i32)]) -> i32 {
    let (xs, ys): (Vec<i32>, Vec<i32>) = ring.iter().copied().unzip();
    let extent = |v: &[i32]| v.iter().max().unwrap_or(&0) - v.iter().min().unwrap_or(&0);
    extent(&xs).max(extent(&ys))
}

/// West, south, east and north of `rings` in degrees, for a country across the antimeridian
/// (Russia's Chukotka) with its far-east rings counted east of 180°.
fn bounds(rings: &[Vec<Point>]) -> (f64, f64, f64, f64) {
    let ring_bounds = |ring: &Vec<Point>| {
        ring.iter().fold(
            (f64::MAX, f64::MAX, f64::MIN, f64::MIN),
            |(w, s, e, n), &(x, y)| {
                let (x, y) = (f64::from(x) / 100.0, f64::from(y) / 100.0);
                (w.min(x), s.min(y), e.max(x), n.max(y))
            },
        )
    };
    let all: Vec<_> = rings.iter().map(ring_bounds).collect();
    let union = |bs: &mut dyn Iterator<Item = (f64, f64, f64, f64)>| {
        bs.fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |a, b| {
            (a.0.min(b.0), a.1.min(b.1), a.2.max(b.2), a.3.max(b.3))
        })
    };
    let plain = union(&mut all.iter().copied());
    if plain.2 - plain.0 <= 180.0 {
        return plain;
    }
    // Rings west of 0° moved 360° east: the narrower of the two is the country.
    let shifted = union(&mut all.iter().map(|&(w, s, e, n)| {
        if e < 0.0 {
            (w + 360.0, s, e + 360.0, n)
        } else {
            (w, s, e, n)
        }
    }));
    if shifted.2 - shifted.0 < plain.2 - plain.0 {
        shifted
    } else {
        plain
    }
}

/// Sutherland–Hodgman: the polygon `ring` clipped to the rectangle `(x0, y0, x1, y1)`. Parts
/// outside become runs along the rectangle's edges, which lie outside the drawing.
fn clip(ring: &[(f64, f64)], (x0, y0, x1, y1): (f64, f64, f64, f64)) -> Vec<(f64, f64)> {
    type Inside = fn((f64, f64), f64) -> bool;
    type Cross = fn((f64, f64), (f64, f64), f64) -> (f64, f64);
    let at_x =
        |a: (f64, f64), b: (f64, f64), x: f64| (x, a.1 + (b.1 - a.1) * (x - a.0) / (b.0 - a.0));
    let at_y =
        |a: (f64, f64), b: (f64, f64), y: f64| (a.0 + (b.0 - a.0) * (y - a.1) / (b.1 - a.1), y);
    let edges: [(Inside, f64, Cross); 4] = [
        (|p, v| p.0 >= v, x0, at_x),
        (|p, v| p.0 <= v, x1, at_x),
        (|p, v| p.1 >= v, y0, at_y),
        (|p, v| p.1 <= v, y1, at_y),
    ];
    let mut points = ring.to_vec();
    for (inside, value, cross) in edges {
        if points.is_empty() {
            break;
        }
        let input = std::mem::take(&mut points);
        let mut previous = *input.last().expect("not empty");
        for &current in &input {
            match (inside(current, value), inside(previous, value)) {
                (true, true) => points.push(current),
                (true, false) => {
                    points.push(cross(previous, current, value));
                    points.push(current);
                }
                (false, true) => points.push(cross(previous, current, value)),
                (false, false) => {}
            }
            previous = current;
        }
    }
    points
}

/// The closed ring `ring` rounded to whole units and simplified by Douglas–Peucker with
/// `tolerance` units, without repeated points.
fn simplify(ring: &[(f64, f64)], tolerance: f64) -> Vec<(i32, i32)> {
    if ring.len() < 3 {
        return Vec::new();
    }
    // The ring is split at its first point and the point farthest from it, so that each
    // half is an open line for Douglas–Peucker.
    let first = ring[0];
    let far = (1..ring.len())
        .max_by(|&a, &b| {
            distance2(ring[a], first)
                .partial_cmp(&distance2(ring[b], first))
                .unwrap_or(std::cmp::Ordering::Equal)
        })
        .unwrap_or(0);
    let mut keep = vec![false; ring.len()];
    keep[0] = true;
    keep[far] = true;
    douglas_peucker(ring, 0, far, tolerance, &mut keep);
    let mut closed = ring.to_vec();
    closed.push(first);
    let mut keep_closed = keep.clone();
    keep_closed.push(true);
    douglas_peucker(&closed, far, ring.len(), tolerance, &mut keep_closed);
    let mut out: Vec<(i32, i32)> = Vec::new();
    for (i, p) in ring.iter().enumerate() {
        if keep_closed[i] {
            let p = (p.0.round() as i32, p.1.round() as i32);
            if out.last() != Some(&p) {
                out.push(p);
            }
        }
    }
    while out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    out
}

/// Marks in `keep` the points of `line[from..=to]` that Douglas–Peucker keeps.
fn douglas_peucker(line: &[(f64, f64)], from: usize, to: usize, tolerance: f64, keep: &mut [bool]) {
    // An explicit stack: a long coastline would otherwise recurse deeply.
    let mut stack = vec![(from, to)];
    while let Some((a, b)) = stack.pop() {
        if b <= a + 1 {
            continue;
        }
        let (mut worst, mut index) = (0.0, a);
        for i in a + 1..b {
            let d = segment_distance(line[i], line[a], line[b]);
            if d > worst {
                worst = d;
                index = i;
            }
        }
        if worst > tolerance {
            keep[index] = true;
            stack.push((a, index));
            stack.push((index, b));
        }
    }
}

fn distance2(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)
}

/// The distance from `p` to the segment `a`–`b`.
fn segment_distance(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let length2 = distance2(a, b);
    if length2 == 0.0 {
        return distance2(p, a).sqrt();
    }
    let t = (((p.0 - a.0) * (b.0 - a.0) + (p.1 - a.1) * (b.1 - a.1)) / length2).clamp(0.0, 1.0);
    distance2(p, (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1))).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_data_parses_with_every_country_of_the_world() {
        let atlas = parse(ATLAS).unwrap();
        assert!(atlas.shapes.len() > 190, "{}", atlas.shapes.len());
        assert!(matches!(atlas.shapes["NG"], Shape::Rings(_)));
        assert!(matches!(atlas.shapes["MV"], Shape::Dot(_)));
    }

    #[test]
    fn errors_on_a_malformed_line_with_its_number() {
        let e = parse("# header\nNG\t1,2 3,x 5,6\n").err().unwrap();
        assert_eq!(
            e,
            "data/maps/countries.txt line 2: `x` is not a whole number"
        );
        let e = parse("NG 1,2\n").err().unwrap();
        assert!(e.contains("line 1: expected a code, a tab"), "{e}");
    }

    #[test]
    fn the_frame_is_centred_on_the_country_at_least_the_minimum_span() {
        // A 2° square at the equator: the frame is the minimum span, centred on it.
        let shape = Shape::Rings(vec![vec![
            (1000, -100),
            (1200, -100),
            (1200, 100),
            (1000, 100),
        ]]);
        let frame = Frame::around(&shape);
        assert_eq!(frame.width, MIN_SPAN);
        assert!((frame.height - MIN_SPAN * 3.0 / 4.0).abs() < 1e-9);
        assert_eq!(frame.project((11.0, 0.0)), (WIDTH / 2, HEIGHT / 2));
        // Its west edge is 1° west of the middle: 1/26 of the width.
        assert_eq!(frame.project((10.0, 0.0)).0, 92);
    }

    #[test]
    fn longitudes_narrow_with_the_cosine_of_the_latitude() {
        // 40° wide at 60° north is 20° of width on the drawing, times the margin.
        let shape = Shape::Rings(vec![vec![(0, 5900), (4000, 5900), (4000, 6100), (0, 6100)]]);
        let frame = Frame::around(&shape);
        assert!(
            (frame.width - 20.0 * MARGIN).abs() < 1e-6,
            "{}",
            frame.width
        );
        let (west, _) = frame.project((0.0, 60.0));
        let (east, _) = frame.project((40.0, 60.0));
        assert_eq!(east - west, (f64::from(WIDTH) / MARGIN).round() as i32);
    }

    #[test]
    fn a_frame_near_the_pole_stays_between_the_poles() {
        let shape = Shape::Rings(vec![vec![(0, 6000), (9000, 6000), (9000, 8500), (0, 8500)]]);
        let frame = Frame::around(&shape);
        assert_eq!(frame.top, 90.0);
        assert!(frame.top - frame.height < 60.0);
    }

    #[test]
    fn a_country_across_the_antimeridian_is_framed_whole() {
        // Two rings either side of 180°: the frame is centred at 180°, not at 0°.
        let rings = vec![
            vec![(17000, 6000), (18000, 6000), (18000, 6500), (17000, 6500)],
            vec![
                (-18000, 6000),
                (-17000, 6000),
                (-17000, 6500),
                (-18000, 6500),
            ],
        ];
        assert_eq!(bounds(&rings), (170.0, 60.0, 190.0, 65.0));
        let svg = Frame::around(&Shape::Rings(rings.clone()));
        assert_eq!(svg.centre.0, 180.0);
        // Both rings land inside the drawing.
        let mut d = String::new();
        svg.path(&rings, 0, &mut d);
        assert_eq!(d.matches('M').count(), 2, "{d}");
    }

    #[test]
    fn clipping_keeps_the_part_inside_the_rectangle() {
        let square = [(-10.0, -10.0), (10.0, -10.0), (10.0, 10.0), (-10.0, 10.0)];
        let clipped = clip(&square, (0.0, 0.0, 100.0, 100.0));
        let mut rounded: Vec<_> = clipped.iter().map(|p| (p.0 as i32, p.1 as i32)).collect();
        rounded.sort();
        rounded.dedup();
        assert_eq!(rounded, vec![(0, 0), (0, 10), (10, 0), (10, 10)]);
        assert!(clip(&square, (50.0, 50.0, 100.0, 100.0)).is_empty());
    }

    #[test]
    fn simplifying_drops_points_on_a_straight_line_and_keeps_corners() {
        let mut ring: Vec<(f64, f64)> = (0..=10).map(|i| (f64::from(i), 0.0)).collect();
        ring.push((10.0, 10.0));
        ring.push((0.0, 10.0));
        assert_eq!(
            simplify(&ring, 0.5),
            vec![(0, 0), (10, 0), (10, 10), (0, 10)]
        );
        // A wiggle smaller than the tolerance goes; a larger one stays.
        let wiggle = [
            (0.0, 0.0),
            (5.0, 0.3),
            (10.0, 0.0),
            (10.0, 10.0),
            (0.0, 10.0),
        ];
        assert_eq!(simplify(&wiggle, 0.5).len(), 4);
        assert_eq!(simplify(&wiggle, 0.2).len(), 5);
    }

    #[test]
    fn a_ring_is_written_as_steps_from_its_first_point() {
        let mut d = String::new();
        ring_path(&[(10, 20), (15, 18), (12, 30), (10, 20)], &mut d);
        assert_eq!(d, "M10 20l5-2-3 12-2-10Z");
        ring_path(&[(0, 0), (-3, 4)], &mut d);
        assert_eq!(d, "M10 20l5-2-3 12-2-10ZM0 0l-3 4Z");
    }

    #[test]
    fn every_country_of_the_data_gets_a_map_with_its_country_in_it() {
        for code in atlas().shapes.keys() {
            let svg = svg(code, "Map").unwrap();
            assert!(
                svg.contains(&format!("fill=\"{ACCENT}\"")),
                "{code} has no highlighted outline or dot"
            );
        }
    }

    #[test]
    fn a_country_too_small_to_see_gets_a_ring_and_a_large_one_none() {
        let bahrain = svg("BH", "Bahrain").unwrap();
        assert!(bahrain.contains("r=\"9\""), "{bahrain}");
        assert!(bahrain.contains("r=\"3.5\""));
        let nigeria = svg("NG", "Nigeria").unwrap();
        assert!(!nigeria.contains("<circle"), "{nigeria}");
        // Lebanon has an outline at 1:110m, but a small one: ringed, not dotted.
        let lebanon = svg("lb", "Lebanon").unwrap();
        assert!(lebanon.contains("r=\"9\"") && !lebanon.contains("r=\"3.5\""));
    }

    #[test]
    fn the_map_is_named_for_screen_readers_and_escaped() {
        let svg = svg("NG", "Map: \"Nigeria\" & <West Africa>").unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 150\" role=\"img\" aria-label=\"Map: &quot;Nigeria&quot; &amp; &lt;West Africa&gt;\"><title>Map: &quot;Nigeria&quot;"), "{svg}");
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn every_guide_of_the_library_has_a_map() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("guides");
        let mut codes = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "toml") {
                let text = std::fs::read_to_string(&path).unwrap();
                let guide: toml::Table = toml::from_str(&text).unwrap();
                codes.push(guide["code"].as_str().unwrap().to_string());
            }
        }
        assert_eq!(codes.len(), 70);
        let without: Vec<&String> = codes.iter().filter(|c| !has(c)).collect();
        assert!(without.is_empty(), "no outline or dot for {without:?}");
    }

    #[test]
    fn an_unknown_code_has_no_map() {
        assert!(svg("ZZ", "Nowhere").is_none());
        assert!(!has("ZZ"));
        assert!(has("ng"));
    }

    #[test]
    fn a_map_is_small_and_the_same_every_time() {
        for code in ["RU", "CN", "ID", "NG", "LB", "MV", "PS"] {
            let one = svg(code, "Map").unwrap();
            assert_eq!(one, svg(code, "Map").unwrap());
            assert!(one.len() < 8_000, "{code}: {} bytes", one.len());
        }
    }
}

//! Fitting the printed layouts on one page, without a browser. The weekly sheet (`week.html`)
//! and the bulletin insert (`bulletin.html`) are laid out here the way a browser lays them out
//! — the text of each block wrapped word by word with the widths of DejaVu Serif's glyphs (the
//! widest of the fonts the layouts name), the sheet's days balanced over two columns, the notes
//! over two — to estimate their height at a type size. The largest size from the layout's usual
//! one down to a readable minimum that fits is the one the template uses (`print.sheet_pt`,
//! `print.bulletin_pt`); if not even the minimum fits, [`Fit::overflow`] says by how much and
//! why. Every length of the templates' CSS is in em, so it scales with the size; the constants
//! below mirror that CSS, and the print test checks the estimate against Chromium.

use serde::Serialize;

use crate::content::schedule::Paper;

/// Millimetres in a typographic point.
const PT: f64 = 25.4 / 72.0;
/// Millimetres in a CSS pixel.
const PX: f64 = 25.4 / 96.0;
/// The share of a page the estimate may fill. Calibrated in Chromium over a year of the
/// library's weeks in eight settings (3 or 4 points a day; no notes, 500 characters, twelve
/// lines, twelve paragraphs) on A4 and Letter, 544 layouts: the measured height was 0.96 to
/// 1.03 times the estimate, so 4% spare keeps every one on its page.
pub const SAFETY: f64 = 0.96;

/// The type sizes the print layouts use for one week, chosen so that each fits its page.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PrintFit {
    /// The weekly sheet's body text, in points (8.6 unless the week needs less).
    pub sheet_pt: f64,
    /// Whether the weekly sheet shows the days' locator maps: false only for a week that
    /// fits on its page without them and not with them.
    pub sheet_maps: bool,
    /// The bulletin insert's body text, in points (10 unless the week needs less).
    pub bulletin_pt: f64,
}

/// One layout: its usual size, the smallest still comfortable to read, and its estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Sheet,
    Bulletin,
}

impl Layout {
    fn usual_pt(self) -> f64 {
        match self {
            Layout::Sheet => 8.6,
            Layout::Bulletin => 10.0,
        }
    }

    fn smallest_pt(self) -> f64 {
        match self {
            Layout::Sheet => 7.0,
            Layout::Bulletin => 8.0,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Layout::Sheet => "weekly sheet",
            Layout::Bulletin => "bulletin insert",
        }
    }
}

/// A day as the print layouts show it.
#[derive(Debug, Clone)]
pub struct PrintDay<'a> {
    /// `Wednesday · Nigeria (day 1 of 2)`, as the sheet's heading shows it.
    pub heading: String,
    /// The country's figures in one short line (see [`CountryView::facts_brief`]); empty for a
    /// theme.
    ///
    /// [`CountryView::facts_brief`]: crate::publish::assemble::CountryView::facts_brief
    pub facts: &'a str,
    /// Whether the day has a locator map, floated beside its heading, figures and lead.
    pub map: bool,
    /// The first sentence of the country, or the theme's first paragraph.
    pub lead: &'a str,
    pub points: &'a [String],
    /// The one point the bulletin shows (see [`DayGuide::church_line`]).
    ///
    /// [`DayGuide::church_line`]: crate::publish::assemble::DayGuide::church_line
    pub line: Option<&'a str>,
}

/// What the print layouts show of a week.
#[derive(Debug, Clone)]
pub struct PrintWeek<'a> {
    pub title: &'a str,
    /// The line under the title: the week's dates and its Sunday; and the bulletin's, which
    /// begins "Pray this week".
    pub range: String,
    pub bulletin_range: String,
    pub days: Vec<PrintDay<'a>>,
    pub notes: &'a [String],
    /// The last line of the sheet, and of the bulletin.
    pub sheet_footer: String,
    pub bulletin_footer: String,
    /// The sheet's warning, on a private build.
    pub private: Option<String>,
    pub paper: Paper,
}

/// The outcome of fitting one layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    pub layout: Layout,
    /// The size chosen: the largest that fits, or the smallest allowed.
    pub pt: f64,
    /// The estimated height at that size, and the height of the page's printable area, in
    /// millimetres.
    pub height_mm: f64,
    pub room_mm: f64,
    /// Whether the sheet keeps its locator maps: they are left out only when the week fits
    /// without them and not with them, even at the smallest type.
    pub maps: bool,
}

impl Fit {
    /// Whether the estimate leaves the margin the calibration asks for ([`SAFETY`]).
    pub fn fits(&self) -> bool {
        self.height_mm <= self.room_mm * SAFETY
    }

    /// Why the layout does not fit on one page even at its smallest type, or `None`.
    pub fn overflow(&self, week: &PrintWeek) -> Option<String> {
        if self.fits() {
            return None;
        }
        let points: usize = week.days.iter().map(|d| d.points.len()).sum();
        let notes: usize = week.notes.iter().map(|p| p.chars().count()).sum();
        Some(format!(
            "the {} needs about {:.0}% of a page of {} even at {} pt: {} days with {points} \
             points, and notes of {notes} characters in {} paragraph{}",
            self.layout.name(),
            self.height_mm / self.room_mm * 100.0,
            match week.paper {
                Paper::A4 => "A4",
                Paper::Letter => "Letter",
            },
            self.pt,
            week.days.len(),
            week.notes.len(),
            if week.notes.len() == 1 { "" } else { "s" },
        ))
    }
}

/// Fits `layout` for `week`: the largest size, in steps of 0.2 pt, whose estimate fits; for a
/// sheet that does not fit even at the smallest, the same without its maps, if that fits. A
/// week that spills over anyway keeps them.
pub fn fit(week: &PrintWeek, layout: Layout) -> Fit {
    let with = fit_sizes(week, layout);
    if with.fits() || layout != Layout::Sheet || !week.days.iter().any(|d| d.map) {
        return with;
    }
    let mut bare = week.clone();
    bare.days.iter_mut().for_each(|d| d.map = false);
    let without = fit_sizes(&bare, layout);
    if without.fits() {
        Fit {
            maps: false,
            ..without
        }
    } else {
        with
    }
}

/// The largest size of `layout`, in steps of 0.2 pt, whose estimate fits `week`.
fn fit_sizes(week: &PrintWeek, layout: Layout) -> Fit {
    let mut pt = layout.usual_pt();
    loop {
        let outcome = Fit {
            layout,
            pt: (pt * 10.0).round() / 10.0,
            height_mm: height_mm(week, layout, pt),
            room_mm: room_mm(layout, week.paper),
            maps: week.days.iter().any(|d| d.map),
        };
        if outcome.fits() || pt - 0.2 < layout.smallest_pt() - 0.01 {
            return outcome;
        }
        pt -= 0.2;
    }
}

/// Both layouts' sizes for `week`.
pub fn print_fit(week: &PrintWeek) -> PrintFit {
    let sheet = fit(week, Layout::Sheet);
    PrintFit {
        sheet_pt: sheet.pt,
        sheet_maps: sheet.maps,
        bulletin_pt: fit(week, Layout::Bulletin).pt,
    }
}

/// (width, height) of the paper, portrait, in millimetres.
fn paper_mm(paper: Paper) -> (f64, f64) {
    match paper {
        Paper::A4 => (210.0, 297.0),
        Paper::Letter => (215.9, 279.4),
    }
}

/// The height a layout's content may take.
fn room_mm(layout: Layout, paper: Paper) -> f64 {
    let (w, h) = paper_mm(paper);
    match layout {
        // @page margin: 11mm top and bottom.
        Layout::Sheet => h - 22.0,
        // Landscape, no page margin; a copy's padding is 9mm on top and 7mm below.
        Layout::Bulletin => w - 16.0,
    }
}

/// The content width of a layout (for the bulletin, of one copy).
fn width_mm(layout: Layout, paper: Paper) -> f64 {
    let (w, h) = paper_mm(paper);
    match layout {
        Layout::Sheet => w - 24.0,
        // Half the landscape sheet, less 10mm padding each side and the dashed line.
        Layout::Bulletin => h / 2.0 - 20.0 - PX,
    }
}

/// The estimated height of `layout` for `week` with body text of `pt` points, in millimetres.
pub fn height_mm(week: &PrintWeek, layout: Layout, pt: f64) -> f64 {
    match layout {
        Layout::Sheet => sheet_mm(week, pt),
        Layout::Bulletin => bulletin_mm(week, pt),
    }
}

/// Mirrors week.html: header, the days in two balanced columns, the notes box with its text in
/// two columns, the footer.
fn sheet_mm(week: &PrintWeek, pt: f64) -> f64 {
    let em = pt * PT;
    let line = 1.3 * em;
    let width = width_mm(Layout::Sheet, week.paper);
    let mut total = 0.0;
    if let Some(text) = &week.private {
        total += lines(text, em, width - em - 2.0 * PX, false) as f64 * line
            + 0.6 * em
            + 2.0 * PX
            + 0.45 * em;
    }
    // Header: the title beside the range (which never wraps), a 2px rule, margins.
    let range_width = text_width(&week.range, 1.1 * em, false);
    let title = lines(week.title, 1.6 * em, width - range_width - em, true) as f64;
    total += title * 1.6 * line + 0.15 * 1.6 * em + 2.0 * PX + 0.6 * em;

    let column = (width - 1.3 * em) / 2.0;
    let blocks: Vec<f64> = week
        .days
        .iter()
        .map(|d| {
            // The map (`.day .map`: 5em wide, 4 by 3, its margins) narrows the lines beside
            // it; the points clear it. The lead is counted at the narrower width throughout,
            // which errs on the safe side.
            let (beside, map_h) = if d.map {
                (column - 5.5 * em, 0.1 * em + 5.0 * em * 0.75 + 0.2 * em)
            } else {
                (column, 0.0)
            };
            let mut h = lines(&d.heading, 1.16 * em, beside, true) as f64 * 1.16 * line;
            if !d.facts.is_empty() {
                h += 0.05 * em + lines(d.facts, 0.85 * em, beside, false) as f64 * 0.85 * line;
            }
            if !d.lead.is_empty() {
                h += 0.1 * em + lines(d.lead, em, beside, false) as f64 * line;
            }
            h = h.max(map_h);
            h += 0.1 * em;
            for p in d.points {
                h += lines(p, em, column - 1.3 * em, false) as f64 * line + 0.06 * em;
            }
            h + 0.35 * em + PX
        })
        .collect();
    total += balanced(&blocks, 0.45 * em);

    // The notes box: dashed border, padding, heading, the text in two columns.
    let text_column = (width - 2.0 * PX - 1.2 * em - 1.3 * em) / 2.0;
    let text: f64 = week
        .notes
        .iter()
        .map(|p| lines(p, em, text_column, false) as f64 * line + 0.3 * em)
        .sum();
    // Text that flows through columns ends up to a line longer in one of them.
    let text = if week.notes.is_empty() {
        0.0
    } else {
        text / 2.0 + line
    };
    let notes = 2.0 * PX + 0.7 * em + 1.16 * line + 0.15 * 1.16 * em + text;
    total += 0.2 * em + notes.max(26.0);

    total += 0.4 * em + lines(&week.sheet_footer, 0.87 * em, width, false) as f64 * 0.87 * line;
    total
}

/// Mirrors bulletin.html: one copy (the other is the same), in a single column.
fn bulletin_mm(week: &PrintWeek, pt: f64) -> f64 {
    let em = pt * PT;
    let line = 1.32 * em;
    let width = width_mm(Layout::Bulletin, week.paper);
    let mut total = 0.0;
    if week.private.is_some() {
        total += 0.8 * line + 0.4 * 0.8 * em + 2.0 * PX + 0.3 * em;
    }
    // The range in capitals with letter spacing, the title, the rule.
    let range = week.bulletin_range.to_uppercase();
    let spacing = 0.04 * 0.85 * em * range.chars().count() as f64;
    let range_lines = (text_width(&range, 0.85 * em, false) + spacing) / width;
    total += range_lines.ceil().max(1.0) * 0.85 * line;
    total +=
        (0.05 + 0.15) * 1.4 * em + lines(week.title, 1.4 * em, width, true) as f64 * 1.4 * line;
    total += 2.0 * PX + 0.35 * em;
    for d in &week.days {
        total += lines(&d.heading, 1.02 * em, width, true) as f64 * 1.02 * line;
        if let Some(point) = d.line {
            total += 0.05 * em + lines(point, em, width, false) as f64 * line;
        }
        total += 0.32 * em;
    }
    if !week.notes.is_empty() {
        let column = (width - 1.2 * em) / 2.0;
        let text: f64 = week
            .notes
            .iter()
            .map(|p| lines(p, em, column, false) as f64 * line + 0.2 * em)
            .sum();
        total += 0.4 * em + PX + 0.25 * em + text / 2.0 + line;
    }
    total + 0.35 * em + lines(&week.bulletin_footer, 0.8 * em, width, false) as f64 * 0.8 * line
}

/// The height of `blocks` (each followed by `gap`, except at a column's end) in two columns
/// balanced as a browser balances them: whole blocks, the shorter column's break chosen so the
/// taller column is as short as it can be.
fn balanced(blocks: &[f64], gap: f64) -> f64 {
    let stack = |part: &[f64]| -> f64 {
        part.iter().sum::<f64>() + gap * part.len().saturating_sub(1) as f64
    };
    (0..=blocks.len())
        .map(|k| stack(&blocks[..k]).max(stack(&blocks[k..])))
        .fold(f64::INFINITY, f64::min)
}

/// How many lines `text` takes in `width` millimetres at `size` millimetres per em, wrapped
/// at spaces as a browser wraps it (a word longer than the line takes lines of its own).
fn lines(text: &str, size: f64, width: f64, bold: bool) -> usize {
    let space = glyph(' ', bold) * size;
    let mut count = 1;
    let mut used = 0.0;
    for word in text.split_whitespace() {
        let w = text_width(word, size, bold);
        if used > 0.0 && used + space + w > width {
            count += 1;
            used = 0.0;
        }
        if used > 0.0 {
            used += space;
        }
        used += w;
        while used > width {
            count += 1;
            used -= width;
        }
    }
    count
}

fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    text.chars().map(|c| glyph(c, bold)).sum::<f64>() * size
}

/// Advance widths of DejaVu Serif, in thousandths of an em, for ' ' to '~' (measured in
/// Chromium); Hangul and CJK count a whole em, other characters a wide lowercase letter.
const SERIF: [u16; 95] = [
    318, 402, 460, 838, 636, 950, 890, 275, 390, 390, 500, 838, 318, 338, 318, 337, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 536, 1000, 722, 735, 765, 802, 730,
    694, 799, 872, 395, 401, 747, 664, 1024, 875, 820, 673, 820, 753, 668, 685, 843, 722, 1028,
    712, 660, 695, 390, 337, 390, 838, 500, 500, 596, 640, 560, 640, 592, 355, 640, 644, 320, 310,
    606, 320, 948, 644, 602, 640, 640, 478, 513, 402, 644, 565, 856, 564, 565, 527, 636, 337, 636,
    838,
];
const SERIF_BOLD: [u16; 95] = [
    348, 439, 521, 838, 696, 950, 903, 306, 473, 473, 523, 838, 348, 415, 348, 365, 696, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 369, 369, 838, 838, 838, 586, 1000, 776, 845, 796, 867, 762,
    710, 854, 945, 468, 473, 869, 703, 1107, 914, 871, 752, 871, 831, 701, 710, 872, 776, 1123,
    776, 714, 730, 473, 365, 473, 838, 500, 500, 648, 699, 609, 699, 636, 410, 699, 727, 380, 362,
    693, 380, 1058, 727, 667, 699, 699, 527, 563, 462, 727, 581, 861, 596, 581, 568, 643, 364, 643,
    838,
];

fn glyph(c: char, bold: bool) -> f64 {
    let table = if bold { &SERIF_BOLD } else { &SERIF };
    let thousandths = match c {
        ' '..='~' => table[c as usize - 32],
        '’' | '‘' | '·' => 318,
        '“' | '”' => 511,
        '–' => 500,
        '—' | '…' => 1000,
        // Bidi isolation marks (Fluent puts them round its arguments) and other invisibles.
        '\u{200B}'..='\u{200F}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' => 0,
        // Hangul, CJK and full-width forms take a whole em.
        '\u{1100}'..='\u{11FF}'
        | '\u{2E80}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FF60}' => 1000,
        _ => 650,
    };
    f64::from(thousandths) / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points(n: usize, text: &str) -> Vec<String> {
        (0..n).map(|i| format!("{i}. {text}")).collect()
    }

    fn week<'a>(points: &'a [String], notes: &'a [String], paper: Paper) -> PrintWeek<'a> {
        PrintWeek {
            title: "Praying for the Persecuted Church",
            range: "1–7 November 2027".into(),
            bulletin_range: "Pray this week · 1–7 November 2027".into(),
            days: (0..7)
                .map(|_| PrintDay {
                    heading: "Wednesday · Central African Republic".into(),
                    facts: "World Watch List 2026: No. 27 (score 69, very high) · Christians: \
                            73.3% (2025)",
                    map: true,
                    lead: "A country where the church has grown under pressure for decades.",
                    points,
                    line: points.first().map(String::as_str),
                })
                .collect(),
            notes,
            sheet_footer: "Pseudonyms protect the people in these stories.".into(),
            bulletin_footer: "One point a day from the weekly prayer sheet.".into(),
            private: None,
            paper,
        }
    }

    #[test]
    fn wraps_at_spaces_like_a_browser() {
        // 10 mm to the em: "aaaa" is 23.8 mm wide, a space 3.2 mm.
        assert_eq!(lines("aaaa aaaa", 10.0, 60.0, false), 1);
        assert_eq!(lines("aaaa aaaa", 10.0, 50.0, false), 2);
        assert_eq!(lines("aaaa aaaa aaaa", 10.0, 50.0, false), 3);
        // A word wider than the line takes lines of its own.
        assert_eq!(lines(&"a".repeat(20), 10.0, 50.0, false), 3);
        assert_eq!(lines("", 10.0, 50.0, false), 1);
        // Hangul takes a whole em a letter; the marks Fluent puts round arguments take none.
        assert_eq!(text_width("기도", 1.0, false), 2.0);
        assert_eq!(
            text_width("\u{2068}x\u{2069}", 1.0, false),
            glyph('x', false)
        );
        // Bold is wider.
        let text = "Pray for the church in Nigeria and its leaders";
        assert!(text_width(text, 1.0, true) > text_width(text, 1.0, false));
    }

    #[test]
    fn columns_balance_whole_blocks() {
        assert_eq!(balanced(&[10.0, 10.0, 10.0, 10.0], 1.0), 21.0);
        // One tall block: it fills a column and the rest share the other.
        assert_eq!(balanced(&[30.0, 5.0, 5.0], 1.0), 30.0);
        assert_eq!(balanced(&[], 1.0), 0.0);
    }

    #[test]
    fn more_text_gets_smaller_type_down_to_a_readable_minimum() {
        let text = "Pray for believers who have lost their work because of their faith, \
                    and for the churches that help them.";
        let notes: Vec<String> = (0..12)
            .map(|i| format!("Notice number {i} for the week"))
            .collect();
        // Five points a day: each day's short line of figures takes the room of a fiveth.
        let (three, five, ten) = (points(3, text), points(5, text), points(10, text));
        let usual = fit(&week(&three, &[], Paper::A4), Layout::Sheet);
        assert_eq!(usual.pt, 8.6);
        assert!(usual.fits() && usual.maps);
        // Five points a day and twelve notices on Letter fit only without the maps.
        let fuller = fit(&week(&five, &notes, Paper::Letter), Layout::Sheet);
        assert!(fuller.pt < 8.6 && fuller.pt >= 7.0, "{fuller:?}");
        assert!(fuller.fits() && !fuller.maps, "{fuller:?}");
        let week_of_ten = week(&ten, &notes, Paper::Letter);
        let overfull = fit(&week_of_ten, Layout::Sheet);
        assert_eq!(overfull.pt, 7.0);
        // Spilling over anyway, it keeps them.
        assert!(!overfull.fits() && overfull.maps);
        let why = overfull.overflow(&week_of_ten).unwrap();
        assert!(
            why.starts_with("the weekly sheet needs about ")
                && why.contains(
                    "% of a page of Letter even at 7 pt: 7 days with 70 points, and \
                                 notes of 338 characters in 12 paragraphs"
                ),
            "{why}"
        );
        assert_eq!(fuller.overflow(&week(&five, &notes, Paper::Letter)), None);
    }

    #[test]
    fn a_map_narrows_the_lines_beside_it_and_a_short_day_is_as_tall_as_the_map() {
        let text = "Pray for the church.";
        let one = points(1, text);
        let with = week(&one, &[], Paper::A4);
        let mut without = with.clone();
        without.days.iter_mut().for_each(|d| d.map = false);
        let (pt, em) = (9.0, 9.0 * PT);
        assert!(sheet_mm(&with, pt) >= sheet_mm(&without, pt));
        // A day of a heading alone: the map's 3.75em and its margins, not the heading's line.
        let mut bare = with.clone();
        bare.days.iter_mut().for_each(|d| {
            d.heading = "Monday · Chad".into();
            d.facts = "";
            d.lead = "";
            d.points = &[];
        });
        let mut bare_without = bare.clone();
        bare_without.days.iter_mut().for_each(|d| d.map = false);
        let taller = sheet_mm(&bare, pt) - sheet_mm(&bare_without, pt);
        let per_day = (0.1 + 3.75 + 0.2 - 1.16 * 1.3) * em;
        // Seven days in two balanced columns: four in the taller.
        assert!(
            (taller - 4.0 * per_day).abs() < 0.01,
            "{taller} vs {}",
            4.0 * per_day
        );
    }

    #[test]
    fn letter_is_shorter_than_a4() {
        let text = "Pray for the persecuted church and for all who serve it in hard places.";
        let four = points(4, text);
        let a4 = fit(&week(&four, &[], Paper::A4), Layout::Sheet);
        let letter = fit(&week(&four, &[], Paper::Letter), Layout::Sheet);
        assert!(letter.pt <= a4.pt);
        assert!(letter.room_mm < a4.room_mm);
        let bulletin = fit(&week(&four, &[], Paper::A4), Layout::Bulletin);
        assert_eq!(bulletin.pt, 10.0);
    }
}

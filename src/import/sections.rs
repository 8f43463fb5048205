//! From a page's blocks to a guide's parts: the opening paragraphs as the summary, a testimony
//! as the story, the prayer lists as the points and the thanks as the praise.

mod language;
pub mod lexicon;
mod lists;
mod story;

use super::page::{Block, Kind, snippet, squeeze};
pub use lexicon::Lexicon;
pub use lists::is_bullet;
use lists::{Line, Sort};
pub use story::Story;
use story::{story_at, story_name};

/// The parts of a guide found on a page, and notes on what was left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Content {
    pub summary: Vec<String>,
    pub story: Option<Story>,
    pub points: Vec<String>,
    /// Thanks and praise: points opening "Praise God…", "Rendons grâce…", or under such a heading.
    pub praise: Vec<String>,
    /// The heading the points came after ("" for a list without one).
    pub prayer_heading: String,
    /// The page's language, a primary subtag ("fr"): `<html lang>`, else detected; "en" when
    /// neither tells.
    pub lang: String,
    /// How the language was found, for the report: "from <html lang=\"fr\">",
    /// "detected (whatlang, confidence 0.93)".
    pub lang_how: String,
    /// Text found but not used, with the reason.
    pub unused: Vec<(String, &'static str)>,
}

/// Why a page gave no guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// No heading such as "Please pray", and no list whose lines open with a prayer verb.
    PrayerSection,
    /// A heading (as the page wrote it), and nothing that reads as a list after it.
    Points(String),
}

impl Missing {
    /// The error for the report, and its fix: the headings and verbs tried in the page's
    /// language (`blocks` and `claimed` as given to [`parts`]).
    pub fn explain(
        &self,
        country: &str,
        blocks: &[Block],
        claimed: Option<&str>,
    ) -> (String, String) {
        match self {
            Missing::PrayerSection => {
                let lexicon = Lexicon::builtin();
                let (lang, _) = language::language_of(blocks, claimed, None, lexicon);
                let mut headings = Vec::new();
                let mut verbs = Vec::new();
                for tag in [lang.as_str(), "en"] {
                    if let Some(w) = lexicon.get(tag) {
                        let quote = |p: &lexicon::Phrase| format!("“{}”", p.text);
                        headings.extend(w.prayer_headings.iter().take(6).map(quote));
                        verbs.extend(w.prayer_verbs.iter().take(4).map(quote));
                    }
                    if lang == "en" {
                        break;
                    }
                }
                (
                    format!(
                        "no prayer points for {country}: no heading such as {} and no list whose lines open with {} (the page reads as `{lang}`)",
                        headings.join(", "),
                        verbs.join(", ")
                    ),
                    "a guide needs prayer points: import a page that has them, or write them by hand (a project adds words in locales/<tag>.ftl: import-prayer-headings, import-prayer-verbs)".into(),
                )
            }
            Missing::Points(heading) => (
                format!("no prayer points for {country}: no list after “{heading}”"),
                "put each point on a line of its own, or after a bullet (•, -, *, 1.)".into(),
            ),
        }
    }
}

/// The summary takes at most this many paragraphs (the guide format's limit).
const SUMMARY_PARAGRAPHS: usize = 3;

/// Finds the parts of a guide in a page's blocks, with the built-in languages' words.
/// `lang` is the page's own claim (`<html lang>`), if any.
pub fn parts(blocks: &[Block], lang: Option<&str>) -> Result<Content, Missing> {
    parts_with(blocks, lang, Lexicon::builtin())
}

/// [`parts`] with a project's words (see [`Lexicon::with_project`]).
pub fn parts_with(
    blocks: &[Block],
    lang: Option<&str>,
    lexicon: &Lexicon,
) -> Result<Content, Missing> {
    let mut content = Content::default();
    let mut in_story = vec![false; blocks.len()];
    // The story first, wherever it stands, so that its paragraphs stay out of the summary.
    for (i, b) in blocks.iter().enumerate() {
        if let Some(name) = story_name(b) {
            let (story, taken) = story_at(blocks, i, name);
            for u in &mut in_story[i..i + taken] {
                *u = true;
            }
            match story {
                Some(s) => content.story = Some(s),
                None => content.unused.push((
                    b.text.clone(),
                    "a testimony without a quoted line or a name: no story made",
                )),
            }
            break;
        }
    }
    let lines = lists::lines_of(blocks, &in_story);
    let found = lists::find(&lines, lexicon);
    let heading_lang = found.headings.first().map(|h| h.lang.as_str());
    (content.lang, content.lang_how) = language::language_of(blocks, lang, heading_lang, lexicon);
    for list in &found.lists {
        for (sort, point) in &list.points {
            match sort {
                Sort::Prayer => content.points.push(point.clone()),
                Sort::Praise => content.praise.push(point.clone()),
            }
        }
    }
    content.prayer_heading = found
        .lists
        .iter()
        .find_map(|l| l.heading.as_ref())
        .or(found.headings.first())
        .map(|h| h.text.clone())
        .unwrap_or_default();
    if content.points.is_empty() {
        return Err(match found.headings.first() {
            Some(h) => Missing::Points(h.text.clone()),
            None => Missing::PrayerSection,
        });
    }
    let first_list = found.lists.first().map_or(0, |l| l.start);
    // The summary: the opening paragraphs before the first list.
    for (at, kind, text) in leftovers(&lines, &found) {
        if kind == Kind::Heading {
            continue;
        }
        if at > first_list {
            content
                .unused
                .push((text, "after the prayer points: not part of the summary"));
        } else if text.split_whitespace().count() < 6 {
            content
                .unused
                .push((text, "too short for a paragraph of the summary"));
        } else if content.summary.len() < SUMMARY_PARAGRAPHS {
            content.summary.push(text);
        } else {
            content.unused.push((
                text,
                "the summary has its 3 paragraphs (the guide format's limit)",
            ));
        }
    }
    Ok(content)
}

/// The page's text that no list took, a paragraph's lines together: where each piece starts,
/// its kind and its text.
fn leftovers(lines: &[Line], found: &lists::Found) -> Vec<(usize, Kind, String)> {
    let mut out: Vec<(usize, Kind, String)> = Vec::new();
    let mut open: Option<usize> = None;
    for (j, line) in lines.iter().enumerate() {
        let text = if found.used[j] {
            found.kept[j].as_deref()
        } else {
            Some(line.text)
        };
        let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
            open = None;
            continue;
        };
        match open {
            Some(b) if b == line.block && !line.opens_block => {
                let last = out.last_mut().expect("an open piece");
                last.2 = squeeze(&format!("{} {text}", last.2));
            }
            _ => out.push((j, line.kind, squeeze(text))),
        }
        open = if found.used[j] {
            None
        } else {
            Some(line.block)
        };
    }
    out
}

/// One line for the report about a text not used.
pub fn describe_unused(text: &str, why: &str) -> String {
    format!("“{}”: {why}", snippet(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(kind: Kind, text: &str) -> Block {
        Block {
            kind,
            text: text.into(),
            line: None,
        }
    }

    fn para(text: &str) -> Block {
        block(Kind::Paragraph, text)
    }

    fn head(text: &str) -> Block {
        block(Kind::Heading, text)
    }

    #[test]
    fn messy_bullets_become_one_point_each() {
        let blocks = [
            para("Believers in Algeria have seen many churches sealed by the authorities."),
            head("Please pray"),
            para(
                "• for the pastors\n- that the churches reopen\n* for new believers who\nface their families\n◦ for the courts\n1. for the youth\n2) for wisdom",
            ),
        ];
        let c = parts(&blocks, None).unwrap();
        assert_eq!(
            c.points,
            [
                "Pray for the pastors.",
                "Pray that the churches reopen.",
                "Pray for new believers who face their families.",
                "Pray for the courts.",
                "Pray for the youth.",
                "Pray for wisdom."
            ]
        );
        assert_eq!(c.summary.len(), 1);
    }

    #[test]
    fn items_after_pray_for_read_on_from_it() {
        let blocks = [
            para("Christians in Laos are often pushed out of their villages."),
            head("Pray for:"),
            block(Kind::Item, "the village elders"),
            block(Kind::Item, "Pray that families stay together"),
            block(Kind::Item, "The youth"),
            block(Kind::Item, "Pastor Somsak and his family"),
            block(Kind::Item, "Many believers have lost their land."),
        ];
        let c = parts(&blocks, None).unwrap();
        assert_eq!(
            c.points,
            [
                "Pray for the village elders.",
                "Pray that families stay together.",
                "Pray for the youth.",
                "Pray for Pastor Somsak and his family.",
                "Many believers have lost their land."
            ]
        );
    }

    #[test]
    fn one_point_per_line_without_bullets() {
        let blocks = [
            para("Christians in Laos are often pushed out of their villages."),
            para("Prayer points:"),
            para("Pray for the elders.\nPray for the families.\nThank God for the new church."),
            para(
                "Thank you for standing with them, and for everything you do for the church there.",
            ),
        ];
        let c = parts(&blocks, None).unwrap();
        assert_eq!(c.points.len(), 2, "{:?}", c.points);
        assert_eq!(c.praise, ["Thank God for the new church."]);
        assert_eq!(c.unused.len(), 1);
    }

    #[test]
    fn a_testimony_before_the_summary_becomes_the_story() {
        let blocks = [
            head("Meet “Yusuf”"),
            para("“When my father found my Bible, he told me to leave.”"),
            para("Yusuf is a young believer from a Muslim family. He now lives with a pastor."),
            para("Algeria's Protestant churches have been closed one by one since 2018."),
            head("How to pray"),
            block(Kind::Item, "Pray for Yusuf and his father."),
        ];
        let c = parts(&blocks, None).unwrap();
        let story = c.story.unwrap();
        assert_eq!(story.pseudonym, "Yusuf");
        assert_eq!(
            story.quote,
            "When my father found my Bible, he told me to leave."
        );
        assert!(story.context.starts_with("Yusuf is a young believer"));
        assert_eq!(
            c.summary,
            ["Algeria's Protestant churches have been closed one by one since 2018."]
        );
    }

    #[test]
    fn no_prayer_heading_is_an_error() {
        let blocks = [para(
            "Just some news about the church in Algeria this year.",
        )];
        assert_eq!(parts(&blocks, None), Err(Missing::PrayerSection));
        let blocks = [
            para("News about the church in Algeria this year."),
            head("Please pray"),
        ];
        assert_eq!(
            parts(&blocks, None),
            Err(Missing::Points("Please pray".into()))
        );
    }

    #[test]
    fn spanish_headings_are_understood() {
        let blocks = [
            para("Los creyentes en Kazajistán enfrentan multas por reunirse sin registro."),
            head("Motivos de oración"),
            para("• Oremos por las iglesias multadas\n• Que los jóvenes crezcan en la fe"),
        ];
        let c = parts(&blocks, None).unwrap();
        assert_eq!(c.lang, "es");
        assert_eq!(c.points.len(), 2);
        let story = [
            head("Conoce a “Ana”"),
            para("“Dios me sostuvo en la cárcel y nunca me dejó.”"),
            para("Ana es una creyente de Almaty."),
        ];
        let (s, _) = story_at(&story, 0, story_name(&story[0]).unwrap());
        assert_eq!(s.unwrap().pseudonym, "Ana");
    }

    fn item(text: &str) -> Block {
        block(Kind::Item, text)
    }

    const OPENING: &str = "Believers in Algeria have seen many churches sealed by the authorities.";

    #[test]
    fn a_heading_line_inside_a_pasted_paragraph() {
        for text in [
            "Believers in Algeria have seen many churches sealed.\nPlease pray for:\nthe pastors\nthe youth who meet in homes",
            "Believers in Algeria have seen many churches sealed.\r\nPlease pray for:\r\nthe pastors\r\nthe youth who meet in homes\r\n",
            "Believers in Algeria have seen many churches sealed.\nPlease pray for:\n• the pastors\n• the youth who meet in homes",
        ] {
            let c = parts(&[para(text)], None).unwrap();
            assert_eq!(
                c.points,
                [
                    "Pray for the pastors.",
                    "Pray for the youth who meet in homes."
                ],
                "{text:?}"
            );
            assert_eq!(c.prayer_heading, "Please pray for:");
            assert_eq!(
                c.summary,
                ["Believers in Algeria have seen many churches sealed."]
            );
        }
    }

    #[test]
    fn a_heading_that_ends_a_paragraph() {
        let blocks = [
            para("The police sealed the building in March, but the church meets as before. Pray"),
            item("for the pastors, who are questioned every week"),
            item("that the court hears the appeal"),
        ];
        let c = parts(&blocks, None).unwrap();
        assert_eq!(
            c.points,
            [
                "Pray for the pastors, who are questioned every week.",
                "Pray that the court hears the appeal."
            ]
        );
        assert_eq!(
            c.summary,
            ["The police sealed the building in March, but the church meets as before."]
        );
        // The same in French, with bullets on the paragraph's own lines, and thanks after them.
        let blocks = [para(
            "La police a fermé le bâtiment en mars, mais l'Église se réunit comme avant. Prions pour :\n- les pasteurs interrogés chaque semaine\n- les familles des croyants\nRendons grâce pour les nouveaux croyants",
        )];
        let c = parts(&blocks, Some("fr")).unwrap();
        assert_eq!(
            c.points,
            [
                "Prions pour les pasteurs interrogés chaque semaine.",
                "Prions pour les familles des croyants."
            ]
        );
        assert_eq!(c.prayer_heading, "Prions pour");
        assert_eq!(c.praise, ["Rendons grâce pour les nouveaux croyants."]);
    }

    #[test]
    fn headings_in_every_language() {
        let cases: [(&str, &str, &str, &str); 6] = [
            (
                "fr",
                "Les chrétiens d'Algérie se réunissent dans les maisons depuis la fermeture des églises.",
                "Sujets de prière",
                "Priez pour les pasteurs",
            ),
            (
                "de",
                "Die Christen in Algerien treffen sich in Häusern, seit die Behörden die Kirchen geschlossen haben.",
                "Bitte beten Sie für:",
                "die Pastoren und ihre Familien",
            ),
            (
                "es",
                "Los cristianos de Argelia se reúnen en casas desde que las autoridades cerraron las iglesias.",
                "Motivos de oración",
                "Oremos por los pastores",
            ),
            (
                "pt",
                "Os cristãos da Argélia se reúnem em casas desde que as autoridades fecharam as igrejas.",
                "Motivos de oração",
                "Orem pelos pastores",
            ),
            (
                "ko",
                "알제리의 그리스도인들은 교회가 폐쇄된 후 가정에서 모이고 있습니다. 당국은 목회자들을 자주 조사합니다.",
                "기도 제목",
                "목회자들을 위해 기도해 주세요",
            ),
            (
                "ar",
                "يجتمع المسيحيون في الجزائر في البيوت منذ أن أغلقت السلطات الكنائس في البلاد كلها.",
                "طلبات الصلاة",
                "صلوا من أجل القساوسة",
            ),
        ];
        for (lang, opening, heading, point) in cases {
            let blocks = [para(opening), head(heading), item(point), item(point)];
            let c = parts(&blocks, None).unwrap_or_else(|e| panic!("{lang}: {e:?}"));
            assert_eq!(c.points.len(), 2, "{lang}: {:?}", c.points);
            assert_eq!(c.lang, lang, "{lang}: {}", c.lang_how);
            assert_eq!(c.prayer_heading, heading);
        }
        let blocks = [
            para(
                "Die Christen in Algerien treffen sich in Häusern, seit die Kirchen geschlossen sind.",
            ),
            head("Bitte beten Sie für:"),
            item("die Pastoren und ihre Familien"),
        ];
        assert_eq!(
            parts(&blocks, None).unwrap().points,
            ["Beten Sie für die Pastoren und ihre Familien."]
        );
    }

    #[test]
    fn lists_without_a_heading_open_with_prayer_verbs() {
        let blocks = [
            para(OPENING),
            para(
                "Pray that the churches reopen.\nAsk the Lord to strengthen the pastors.\nAsk God for wisdom for the lawyers.\nIntercede for the prisoners.",
            ),
            para("Thank you for standing with them."),
        ];
        let c = parts(&blocks, None).unwrap();
        assert_eq!(c.points.len(), 4, "{:?}", c.points);
        assert_eq!(c.prayer_heading, "");
        assert_eq!(c.summary, [OPENING]);
        // One item per paragraph, with bullets, in French.
        let blocks = [
            para(
                "Les chrétiens d'Algérie se réunissent dans les maisons depuis la fermeture des églises.",
            ),
            para("• Prions pour les pasteurs."),
            para("• Demandons à Dieu de protéger les familles."),
            para("• Rendons grâce pour les nouveaux croyants."),
        ];
        let c = parts(&blocks, None).unwrap();
        assert_eq!(c.points.len(), 2, "{:?}", c.points);
        assert_eq!(c.praise, ["Rendons grâce pour les nouveaux croyants."]);
        assert_eq!(c.lang, "fr");
        // A single line is a sentence, not a list.
        let blocks = [para(OPENING), para("Pray for them.")];
        assert_eq!(parts(&blocks, None), Err(Missing::PrayerSection));
    }

    #[test]
    fn a_prayer_calendar_loses_its_day_labels() {
        let blocks = [
            para(OPENING),
            para("Monday: Pray for the pastors."),
            para("Tuesday: Pray for the families."),
            para("Day 3 – Ask God to open the courts."),
            para("Wednesday - Give thanks for the new believers."),
        ];
        let c = parts(&blocks, None).unwrap();
        assert_eq!(
            c.points,
            [
                "Pray for the pastors.",
                "Pray for the families.",
                "Ask God to open the courts."
            ]
        );
        assert_eq!(c.praise, ["Give thanks for the new believers."]);
        let blocks = [
            para(
                "Die Christen in Algerien treffen sich in Häusern, seit die Kirchen geschlossen sind.",
            ),
            para(
                "Montag: Beten Sie für die Pastoren.\r\nDienstag: Danken Sie Gott für die Gemeinden.\r\nTag 3: Betet für die Gefangenen.",
            ),
        ];
        let c = parts(&blocks, None).unwrap();
        assert_eq!(
            c.points,
            ["Beten Sie für die Pastoren.", "Betet für die Gefangenen."]
        );
        assert_eq!(c.praise, ["Danken Sie Gott für die Gemeinden."]);
    }

    #[test]
    fn praise_goes_apart_from_the_points() {
        let blocks = [
            para(OPENING),
            head("Please pray"),
            item("for the pastors"),
            item("Praise God for the believers set free in May"),
            item("Give thanks for the new church building"),
            head("Praise reports"),
            item("A court cleared three believers"),
            head("Demos gracias"),
            item("Por los nuevos creyentes"),
        ];
        let c = parts(&blocks, None).unwrap();
        assert_eq!(c.points, ["Pray for the pastors."]);
        assert_eq!(
            c.praise,
            [
                "Praise God for the believers set free in May.",
                "Give thanks for the new church building.",
                "A court cleared three believers.",
                "Demos gracias por los nuevos creyentes."
            ]
        );
        // "Thank God for:" reads on into its items.
        let blocks = [
            para(OPENING),
            head("Thank God for:"),
            item("the release of Pastor Youssef"),
            head("Pray for:"),
            item("the churches still sealed"),
        ];
        let c = parts(&blocks, None).unwrap();
        assert_eq!(c.praise, ["Thank God for the release of Pastor Youssef."]);
        assert_eq!(c.points, ["Pray for the churches still sealed."]);
    }

    #[test]
    fn a_heading_without_a_list_names_the_heading() {
        let blocks = [
            para(OPENING),
            head("Please pray"),
            para("The situation remains difficult and we will keep you informed."),
        ];
        let err = parts(&blocks, None).unwrap_err();
        assert_eq!(err, Missing::Points("Please pray".into()));
        let (message, _) = err.explain("Algeria", &blocks, None);
        assert_eq!(
            message,
            "no prayer points for Algeria: no list after “Please pray”"
        );
    }

    #[test]
    fn no_heading_lists_the_words_tried_in_the_page_language() {
        let blocks = [para(
            "Les chrétiens d'Algérie se réunissent dans les maisons depuis la fermeture des églises par les autorités.",
        )];
        let err = parts(&blocks, None).unwrap_err();
        let (message, help) = err.explain("Algérie", &blocks, None);
        assert!(
            message.contains("“Prions pour”, “Sujets de prière”"),
            "{message}"
        );
        assert!(message.contains("“Prions”"), "{message}");
        assert!(message.contains("“Please pray”"), "{message}");
        assert!(message.contains("(the page reads as `fr`)"), "{message}");
        assert!(help.contains("import-prayer-headings"), "{help}");
        let (message, _) = err.explain("Algeria", &blocks, Some("de"));
        assert!(message.contains("“Bitte beten Sie”"), "{message}");
    }

    #[test]
    fn the_language_and_how_it_was_found() {
        let blocks = [
            para(
                "Los cristianos de Argelia se reúnen en casas desde que las autoridades cerraron las iglesias.",
            ),
            head("Oremos por"),
            item("los pastores"),
        ];
        let c = parts(&blocks, None).unwrap();
        assert_eq!(c.lang, "es");
        assert!(
            c.lang_how.starts_with("detected (whatlang, confidence"),
            "{}",
            c.lang_how
        );
        assert_eq!(c.points, ["Oremos por los pastores."]);
        let c = parts(&blocks, Some("es-ES")).unwrap();
        assert_eq!(
            (c.lang.as_str(), c.lang_how.as_str()),
            ("es", "from <html lang=\"es-ES\">")
        );
    }

    #[test]
    fn unpunctuated_points_are_not_headings() {
        let blocks = [
            para(OPENING),
            head("Prayer points"),
            para("Pray for the elders\nPraise God for healing\nPray for the families"),
        ];
        let c = parts(&blocks, None).unwrap();
        assert_eq!(c.points, ["Pray for the elders.", "Pray for the families."]);
        assert_eq!(c.praise, ["Praise God for healing."]);
    }

    #[test]
    fn verbs_at_the_end_of_a_line_in_korean_and_headings_in_arabic() {
        let blocks = [
            para(
                "알제리의 그리스도인들은 교회가 폐쇄된 후 가정에서 모이고 있습니다. 당국은 목회자들을 자주 조사합니다.",
            ),
            para(
                "교회 지도자들을 위해 기도해 주세요.\n가정들을 위해 기도해 주세요.\n새 신자들로 인해 하나님께 감사합시다.",
            ),
        ];
        let c = parts(&blocks, None).unwrap();
        assert_eq!(c.points.len(), 2, "{:?}", c.points);
        assert_eq!(c.praise, ["새 신자들로 인해 하나님께 감사합시다."]);
        assert_eq!(c.lang, "ko");
        let blocks = [
            para(
                "يجتمع المسيحيون في الجزائر في البيوت منذ أن أغلقت السلطات الكنائس في البلاد كلها.",
            ),
            para("صلّوا من أجل:\n- القساوسة\n- العائلات"),
            para("نشكر الله من أجل المؤمنين الجدد.\nاشكروا الله من أجل الكنيسة."),
        ];
        let c = parts(&blocks, None).unwrap();
        assert_eq!(c.points.len(), 2, "{:?}", c.points);
        assert_eq!(c.praise.len(), 2, "{:?}", c.praise);
        assert_eq!(c.lang, "ar");
    }

    #[test]
    fn a_spanish_calendar_without_a_heading() {
        let blocks = [
            para(
                "Los cristianos de Argelia se reúnen en casas desde que las autoridades cerraron las iglesias.",
            ),
            para("Lunes: Oremos por los pastores."),
            para("Martes: Pidamos a Dios que abra los tribunales."),
            para("Día 3 – Demos gracias por los nuevos creyentes."),
        ];
        let c = parts(&blocks, None).unwrap();
        assert_eq!(
            c.points,
            [
                "Oremos por los pastores.",
                "Pidamos a Dios que abra los tribunales."
            ]
        );
        assert_eq!(c.praise, ["Demos gracias por los nuevos creyentes."]);
        assert_eq!(c.lang, "es");
    }
}

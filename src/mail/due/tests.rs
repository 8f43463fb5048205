use super::*;
use crate::mail::subscribers::MailFormat;

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn rules() -> Rules {
    Rules {
        zone: chrono_tz::Europe::London,
        hour: 6,
        weeks: crate::content::calendar::Weeks::fixed(crate::content::calendar::WeekStart::Monday),
        catch_up_days: 0,
        first_date: d("2026-01-05"),
    }
}

fn sub(id: i64, cadence: Cadence, zone: Option<&str>, hour: Option<u8>) -> Subscriber {
    Subscriber {
        language: None,
        id,
        email: format!("s{id}@example.org"),
        name: String::new(),
        cadence,
        format: MailFormat::Html,
        active: true,
        token: "t".repeat(32),
        timezone: zone.map(|z| z.parse().unwrap()),
        hour,
        urgent: false,
    }
}

/// Steps a clock through `[from, to)` every `step` minutes, "sending" whatever is due each time,
/// and returns every (edition, subscriber, instant) sent.
fn simulate(
    subs: &[Subscriber],
    from: &str,
    to: &str,
    step: i64,
    rules: &Rules,
) -> Vec<(String, i64, DateTime<Utc>)> {
    // Whatever was due before the simulated span went out before it.
    let mut done: HashSet<(String, i64)> = due_now(subs, &HashSet::new(), utc(from), None, rules)
        .0
        .into_iter()
        .map(|m| (m.edition, m.subscriber))
        .collect();
    let mut sent = Vec::new();
    let mut now = utc(from);
    let mut last = None;
    while now < utc(to) {
        let (due, _) = due_now(subs, &done, now, last, rules);
        for m in due {
            assert!(
                done.insert((m.edition.clone(), m.subscriber)),
                "sent twice: {m:?}"
            );
            sent.push((m.edition, m.subscriber, now));
        }
        last = Some(now);
        now += chrono::Duration::minutes(step);
    }
    sent
}

#[test]
fn each_subscriber_gets_their_local_date_at_their_local_hour() {
    let subs = [
        sub(1, Cadence::Daily, None, None), // London, 06:00
        sub(2, Cadence::Daily, Some("Asia/Tokyo"), Some(7)), // 07:00 JST = 22:00 UTC the day before
        sub(3, Cadence::Daily, Some("America/Chicago"), None), // 06:00 CST = 12:00 UTC
    ];
    let sent = simulate(
        &subs,
        "2026-11-22T23:00:00Z",
        "2026-11-24T00:00:00Z",
        5,
        &rules(),
    );
    let by = |id| {
        sent.iter()
            .filter(|s| s.1 == id)
            .map(|s| (s.0.clone(), s.2))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        by(1),
        vec![("daily-2026-11-23".into(), utc("2026-11-23T06:00:00Z"))]
    );
    assert_eq!(
        by(2),
        vec![("daily-2026-11-24".into(), utc("2026-11-23T22:00:00Z"))]
    );
    assert_eq!(
        by(3),
        vec![("daily-2026-11-23".into(), utc("2026-11-23T12:00:00Z"))]
    );
}

#[test]
fn weekly_subscribers_get_the_week_at_their_local_week_start() {
    let subs = [sub(1, Cadence::Weekly, Some("Pacific/Auckland"), Some(6))];
    let sent = simulate(
        &subs,
        "2026-11-20T00:00:00Z",
        "2026-12-01T00:00:00Z",
        15,
        &rules(),
    );
    // Monday 30 November 06:00 NZDT is Sunday 29 November 17:00 UTC; Monday 23 November likewise.
    assert_eq!(
        sent.iter().map(|s| (s.0.as_str(), s.2)).collect::<Vec<_>>(),
        vec![
            ("weekly-2026-11-23", utc("2026-11-22T17:00:00Z")),
            ("weekly-2026-11-30", utc("2026-11-29T17:00:00Z")),
        ]
    );
}

#[test]
fn a_missing_local_hour_sends_once_after_the_gap() {
    // Clocks in New York go from 02:00 to 03:00 on 8 March 2026: 02:00 never happens.
    let subs = [sub(1, Cadence::Daily, Some("America/New_York"), Some(2))];
    let sent = simulate(
        &subs,
        "2026-03-07T06:00:00Z",
        "2026-03-10T00:00:00Z",
        5,
        &rules(),
    );
    assert_eq!(
        sent.iter().map(|s| (s.0.as_str(), s.2)).collect::<Vec<_>>(),
        vec![
            ("daily-2026-03-07", utc("2026-03-07T07:00:00Z")), // 02:00 EST
            ("daily-2026-03-08", utc("2026-03-08T07:00:00Z")), // 03:00 EDT, just after the gap
            ("daily-2026-03-09", utc("2026-03-09T06:00:00Z")), // 02:00 EDT
        ]
    );
}

#[test]
fn a_repeated_local_hour_sends_once() {
    // Clocks in New York go back from 02:00 EDT to 01:00 EST on 1 November 2026: 01:00 happens twice.
    let subs = [sub(1, Cadence::Daily, Some("America/New_York"), Some(1))];
    let sent = simulate(
        &subs,
        "2026-10-31T04:00:00Z",
        "2026-11-03T00:00:00Z",
        5,
        &rules(),
    );
    assert_eq!(
        sent.iter().map(|s| (s.0.as_str(), s.2)).collect::<Vec<_>>(),
        vec![
            ("daily-2026-10-31", utc("2026-10-31T05:00:00Z")),
            ("daily-2026-11-01", utc("2026-11-01T05:00:00Z")), // the first 01:00 (EDT)
            ("daily-2026-11-02", utc("2026-11-02T06:00:00Z")),
        ]
    );
}

#[test]
fn after_downtime_only_today_is_caught_up_and_the_rest_is_reported() {
    let subs = [sub(1, Cadence::Daily, None, None)];
    let done = HashSet::new();
    // Last looked on Friday morning before 06:00; back on Monday at noon.
    let (due, skipped) = due_now(
        &subs,
        &done,
        utc("2026-11-23T12:00:00Z"),
        Some(utc("2026-11-20T05:00:00Z")),
        &rules(),
    );
    assert_eq!(
        due.iter().map(|m| m.edition.as_str()).collect::<Vec<_>>(),
        ["daily-2026-11-23"]
    );
    assert_eq!(
        skipped
            .iter()
            .map(|m| m.edition.as_str())
            .collect::<Vec<_>>(),
        ["daily-2026-11-20", "daily-2026-11-21", "daily-2026-11-22"]
    );
    // With a window of two days, Saturday and Sunday still go out.
    let wider = Rules {
        catch_up_days: 2,
        ..rules()
    };
    let (due, skipped) = due_now(
        &subs,
        &done,
        utc("2026-11-23T12:00:00Z"),
        Some(utc("2026-11-20T05:00:00Z")),
        &wider,
    );
    assert_eq!(due.len(), 3);
    assert_eq!(
        skipped
            .iter()
            .map(|m| m.edition.as_str())
            .collect::<Vec<_>>(),
        ["daily-2026-11-20"]
    );
}

#[test]
fn changing_zone_mid_week_neither_loses_nor_doubles() {
    // Sent in London on Tuesday; on Tuesday evening the subscriber moves to Tokyo, where it is
    // already Wednesday morning: Tuesday's edition is not sent again, Wednesday's comes once.
    let mut s = sub(1, Cadence::Daily, None, None);
    let mut done = HashSet::new();
    let (due, _) = due_now(
        std::slice::from_ref(&s),
        &done,
        utc("2026-11-24T07:00:00Z"),
        None,
        &rules(),
    );
    assert_eq!(due.len(), 1);
    done.insert((due[0].edition.clone(), 1));
    s.timezone = Some(chrono_tz::Asia::Tokyo);
    let sent = {
        let mut sent = Vec::new();
        let mut now = utc("2026-11-24T20:00:00Z");
        while now < utc("2026-11-26T20:00:00Z") {
            let (due, _) = due_now(std::slice::from_ref(&s), &done, now, None, &rules());
            for m in due {
                assert!(done.insert((m.edition.clone(), 1)));
                sent.push(m.edition);
            }
            now += chrono::Duration::minutes(10);
        }
        sent
    };
    // Wednesday's (due 21:00 UTC Tuesday) and Thursday's (21:00 UTC Wednesday); Friday's falls due
    // after the simulated span.
    assert_eq!(sent, ["daily-2026-11-25", "daily-2026-11-26"]);
}

#[test]
fn changing_cadence_mid_week_neither_loses_nor_doubles() {
    let mut s = sub(1, Cadence::Weekly, None, None);
    let mut done = HashSet::new();
    done.insert(("weekly-2026-11-23".to_string(), 1));
    // Switches to daily on Wednesday afternoon: gets Wednesday's daily (due since 06:00) once.
    s.cadence = Cadence::Daily;
    let (due, _) = due_now(
        std::slice::from_ref(&s),
        &done,
        utc("2026-11-25T15:00:00Z"),
        None,
        &rules(),
    );
    assert_eq!(
        due.iter().map(|m| m.edition.as_str()).collect::<Vec<_>>(),
        ["daily-2026-11-25"]
    );
}

#[test]
fn next_due_is_the_earliest_instant_to_come() {
    let subs = [
        sub(1, Cadence::Daily, None, None),
        sub(2, Cadence::Daily, Some("Asia/Tokyo"), None),
    ];
    let next = next_due(
        &subs,
        &HashSet::new(),
        utc("2026-11-23T10:00:00Z"),
        &rules(),
    );
    assert_eq!(next, Some(utc("2026-11-23T21:00:00Z"))); // 06:00 in Tokyo on the 24th
    let upcoming = upcoming(
        &subs,
        &HashSet::new(),
        utc("2026-11-23T10:00:00Z"),
        &rules(),
        5,
    );
    assert_eq!(upcoming.len(), 2);
}

#[test]
fn nothing_before_the_rotation_starts() {
    let subs = [sub(1, Cadence::Daily, None, None)];
    let r = Rules {
        first_date: d("2026-12-01"),
        ..rules()
    };
    assert!(
        due_now(
            &subs,
            &HashSet::new(),
            utc("2026-11-25T12:00:00Z"),
            None,
            &r
        )
        .0
        .is_empty()
    );
    assert_eq!(
        next_due(&subs, &HashSet::new(), utc("2026-11-25T12:00:00Z"), &r),
        Some(utc("2026-12-01T06:00:00Z"))
    );
}

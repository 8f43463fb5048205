//! Hourly limits on accepted sign-ups, per network and per address. Only a sign-up that
//! passed the form's checks counts: a typo corrected costs nothing.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const HOUR: Duration = Duration::from_secs(3600);

/// Keys beyond this are pruned of the quiet ones, so a flood of addresses cannot grow memory.
const MAX_KEYS: usize = 100_000;

/// At most `max` events per key in any hour.
pub struct Hourly<K> {
    max: usize,
    seen: Mutex<HashMap<K, VecDeque<Instant>>>,
}

impl<K: Hash + Eq> Hourly<K> {
    pub fn new(max: u32) -> Hourly<K> {
        Hourly {
            max: max as usize,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Whether `key` has used up its hour at `now`.
    pub fn full(&self, key: &K, now: Instant) -> bool {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        seen.get_mut(key)
            .is_some_and(|times| recent(times, now).len() >= self.max)
    }

    /// Counts one event for `key` at `now`.
    pub fn count(&self, key: K, now: Instant) {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        recent(seen.entry(key).or_default(), now).push_back(now);
        if seen.len() > MAX_KEYS {
            seen.retain(|_, times| !recent(times, now).is_empty());
        }
    }
}

/// `times` without those older than an hour before `now`.
fn recent(times: &mut VecDeque<Instant>, now: Instant) -> &mut VecDeque<Instant> {
    while times
        .front()
        .is_some_and(|t| now.saturating_duration_since(*t) >= HOUR)
    {
        times.pop_front();
    }
    times
}

/// The network a client is counted by: an IPv4 address as it is, an IPv6 address by its /64
/// (one household or phone gets a whole /64, and may use any address in it).
pub fn network(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let prefix = u128::from(v6) & !((1u128 << 64) - 1);
                IpAddr::V6(Ipv6Addr::from(prefix))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipv6_network_is_its_64_and_an_ipv4_one_its_address() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(network(a), network(b));
        assert_ne!(network(a), network(c));
        assert_eq!(network(a), "2001:db8:1:2::".parse::<IpAddr>().unwrap());
        let v4: IpAddr = "192.0.2.7".parse().unwrap();
        assert_eq!(network(v4), v4);
        assert_eq!(network("::ffff:192.0.2.7".parse().unwrap()), v4);
        assert_ne!(network(v4), network("192.0.2.8".parse().unwrap()));
    }

    #[test]
    fn counts_within_the_hour_and_forgets_after_it() {
        let limit = Hourly::new(2);
        let start = Instant::now();
        assert!(!limit.full(&"a", start));
        limit.count("a", start);
        limit.count("a", start + Duration::from_secs(60));
        assert!(limit.full(&"a", start + Duration::from_secs(120)));
        assert!(!limit.full(&"b", start + Duration::from_secs(120)));
        assert!(!limit.full(&"a", start + HOUR + Duration::from_secs(1)));
    }
}

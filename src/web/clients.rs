//! Who a request comes from: the reader's address behind a trusted proxy, and how many
//! connections each address holds open.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex};

use axum::http::HeaderMap;

use crate::content::serve_config::Network;

/// The reader's address: the connection's, unless the connection comes from a trusted proxy;
/// then the right-most hop of `X-Forwarded-For` that is not itself a trusted proxy (hops to
/// its left were written by the client, and anyone can write anything there).
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[Network]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|n| n.contains(ip));
    let mut client = peer.to_canonical();
    if !is_trusted(client) {
        return client;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    for hop in hops.iter().rev() {
        // A hop that is not an address ends the chain: the last one read is as far as is known.
        let Some(ip) = parse_hop(hop.trim()) else {
            break;
        };
        client = ip.to_canonical();
        if !is_trusted(client) {
            break;
        }
    }
    client
}

/// A hop as proxies write it: an address, or an address with a port.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<SocketAddr>().ok().map(|a| a.ip()))
}

/// Open connections by address, held to a limit for each. An IPv6 address counts with its /64,
/// which one subscriber line usually has whole; a trusted proxy, which carries everyone's
/// connections, is not counted.
#[derive(Debug)]
pub struct ConnectionCounts {
    limit: usize,
    trusted: Vec<Network>,
    open: Mutex<HashMap<IpAddr, usize>>,
}

/// A connection let in; dropping it (when the connection ends) frees its place.
#[derive(Debug)]
pub struct Admitted {
    counts: Arc<ConnectionCounts>,
    key: Option<IpAddr>,
}

impl ConnectionCounts {
    pub fn new(limit: usize, trusted: Vec<Network>) -> Arc<ConnectionCounts> {
        Arc::new(ConnectionCounts {
            limit,
            trusted,
            open: Mutex::new(HashMap::new()),
        })
    }

    /// Lets a connection from `peer` in, or `None` when that address already holds its limit.
    pub fn admit(self: &Arc<Self>, peer: IpAddr) -> Option<Admitted> {
        let peer = peer.to_canonical();
        if self.trusted.iter().any(|n| n.contains(peer)) {
            return Some(Admitted {
                counts: self.clone(),
                key: None,
            });
        }
        let key = match peer {
            IpAddr::V6(ip) => IpAddr::V6(Ipv6Addr::from(u128::from(ip) & (u128::MAX << 64))),
            v4 => v4,
        };
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        let count = open.entry(key).or_default();
        if *count >= self.limit {
            return None;
        }
        *count += 1;
        Some(Admitted {
            counts: self.clone(),
            key: Some(key),
        })
    }

    /// Connections open from `peer`'s address (or /64) now.
    #[cfg(test)]
    fn open(&self, key: IpAddr) -> usize {
        let open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        open.get(&key).copied().unwrap_or(0)
    }
}

impl Drop for Admitted {
    fn drop(&mut self) {
        let Some(key) = self.key else { return };
        let mut open = self.counts.open.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(count) = open.get_mut(&key) {
            *count -= 1;
            if *count == 0 {
                open.remove(&key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn forwarded(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", value.parse().unwrap());
        headers
    }

    fn nets(list: &[&str]) -> Vec<Network> {
        list.iter().map(|n| n.parse().unwrap()).collect()
    }

    #[test]
    fn believes_no_one_by_default() {
        let headers = forwarded("203.0.113.7");
        assert_eq!(
            client_address(ip("127.0.0.1"), &headers, &[]),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn takes_the_right_most_untrusted_hop_from_a_trusted_proxy() {
        let trusted = nets(&["127.0.0.1", "10.0.0.0/8"]);
        // The client wrote 1.1.1.1; its own address was added by the proxies.
        let headers = forwarded("1.1.1.1, 203.0.113.7, 10.1.2.3");
        assert_eq!(
            client_address(ip("127.0.0.1"), &headers, &trusted),
            ip("203.0.113.7")
        );
        assert_eq!(
            client_address(ip("198.51.100.1"), &headers, &trusted),
            ip("198.51.100.1"),
            "an untrusted peer's header is ignored"
        );
        assert_eq!(
            client_address(ip("127.0.0.1"), &HeaderMap::new(), &trusted),
            ip("127.0.0.1"),
            "no header: the proxy itself"
        );
        assert_eq!(
            client_address(ip("127.0.0.1"), &forwarded("junk, 10.9.9.9"), &trusted),
            ip("10.9.9.9"),
            "the chain ends at what is not an address"
        );
        assert_eq!(
            client_address(
                ip("::ffff:127.0.0.1"),
                &forwarded("[2001:db8::5]:4711"),
                &trusted
            ),
            ip("2001:db8::5")
        );
    }

    #[test]
    fn caps_connections_per_address_and_frees_them() {
        let counts = ConnectionCounts::new(2, nets(&["10.0.0.1"]));
        let a = counts.admit(ip("192.0.2.1")).unwrap();
        let _b = counts.admit(ip("192.0.2.1")).unwrap();
        assert!(counts.admit(ip("192.0.2.1")).is_none(), "third refused");
        assert!(
            counts.admit(ip("192.0.2.2")).is_some(),
            "another address is let in"
        );
        drop(a);
        assert!(counts.admit(ip("192.0.2.1")).is_some(), "a place freed");
        // One /64 is one subscriber line.
        let _c = counts.admit(ip("2001:db8::1")).unwrap();
        let _d = counts.admit(ip("2001:db8::2")).unwrap();
        assert!(counts.admit(ip("2001:db8::ffff")).is_none());
        assert!(counts.admit(ip("2001:db8:0:1::1")).is_some());
        // A trusted proxy carries everyone's connections.
        let proxy: Vec<_> = (0..5).map(|_| counts.admit(ip("10.0.0.1"))).collect();
        assert!(proxy.iter().all(Option::is_some));
        drop(proxy);
        assert_eq!(counts.open(ip("10.0.0.1")), 0);
    }
}

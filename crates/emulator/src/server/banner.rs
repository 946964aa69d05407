//! What the server prints at start: where it listens, who may call, and a call to try.

use super::cli::Options;
use super::state_file::Origin;
use crate::accounts::AccessKey;
use crate::seed;
use ecsimg_core::VERSION;
use std::fmt::Write;
use std::net::SocketAddr;

/// The keys in use and whether they are the demo ones (whose secrets are public, so printed).
pub struct Keys<'a> {
    pub keys: &'a [AccessKey],
    pub demo: bool,
}

pub fn text(address: SocketAddr, keys: &Keys, options: &Options, state: Option<Origin>) -> String {
    let url = format!("http://{address}");
    let mut out = format!("ecsimg-emulator: ECS image API {VERSION} listening on {url}\n");
    if keys.demo {
        out.push_str("  demo credentials (AccessKeyId / AccessKeySecret -> account):\n");
        for key in keys.keys {
            let _ = writeln!(out, "    {} / {} -> {}", key.id, key.secret.expose_secret(), key.account);
        }
    } else {
        out.push_str("  access keys from --config (AccessKeyId -> account):\n");
        for key in keys.keys {
            let _ = writeln!(out, "    {} -> {}", key.id, key.account);
        }
    }
    let _ = writeln!(out, "  regions: {}", seed::REGIONS.join(", "));
    let _ = writeln!(
        out,
        "  seeded per demo account in {}: instances i-hangzhou-web1 (Running), i-hangzhou-build1, \
         snapshots s-hangzhou-sys1, s-hangzhou-data1, bucket ecsimg-demo-hangzhou-1 (account ...002: names end in 2)",
        seed::DEMO_REGIONS.join(", ")
    );
    out.push_str(
        "  demo images: the shop-web family (4 versions, copied and shared), old unused images, one in every \
         status, and images account ...002 shares with ...001 (crates/emulator/README.md)\n",
    );
    let state = match (&options.state, state) {
        (Some(path), Some(Origin::Loaded)) => format!("loaded from {}, every change saved to it", path.display()),
        (Some(path), _) => format!("new, every change saved to {}", path.display()),
        (None, _) => "in memory only (--state FILE keeps it)".into(),
    };
    let _ = writeln!(out, "  state: {state}");
    let host = match &options.proxied_host {
        Some(proxy) => format!("as received, or for Host {proxy} the one web/nginx/ecsimg.conf sends (--proxied-host)"),
        None => "as received".into(),
    };
    let _ = writeln!(out, "  V3 signatures verified over the Host {host}");
    let faults = match options.faults.rules.len() {
        0 => "none".to_string(),
        n => format!("{n} rule(s)"),
    };
    let admin = if options.admin { format!("{url}/_emulator/ (health, faults)") } else { "off (--admin)".into() };
    let _ = writeln!(out, "  speed: x{}; faults: {faults}; admin: {admin}", options.speed);
    let (id, secret) = match keys.keys.first() {
        Some(key) if keys.demo => (key.id.as_str(), key.secret.expose_secret()),
        Some(key) => (key.id.as_str(), "<its secret>"),
        None => ("<id>", "<secret>"),
    };
    let _ = write!(
        out,
        "  try it (a V1 GET carries the whole signed call in its URL):\n    \
         echo '{{\"action\":\"DescribeImages\",\"request\":{{\"regionId\":\"cn-hangzhou\"}},\
         \"accessKeyId\":\"{id}\",\"accessKeySecret\":\"{secret}\",\"signatureVersion\":\"v1\",\"method\":\"GET\",\
         \"endpoint\":\"{url}\",\"timestamp\":\"'$(date -u +%Y-%m-%dT%H:%M:%SZ)'\",\"nonce\":\"'$RANDOM$RANDOM'\"}}' \\\n      \
         | cargo run -q -p ecsimg-core --example presign | jq -r .url | xargs curl -s\n"
    );
    out
}

//! `--proxied-host HOST`, for development behind `trunk serve`: its proxy sets `Host` to its
//! backend's (`127.0.0.1`) and cannot set it per call. A request that arrives with exactly that
//! `Host` is given the one web/nginx/ecsimg.conf would have sent, `ecs.<its RegionId>.aliyuncs.com`
//! (the core's rule, `request::signed_host`), before the gateway verifies it. Every other request
//! is verified over its own `Host`; `X-Forwarded-Host` is never read.

use crate::HttpRequest;
use ecsimg_core::request::signed_host;

/// Replaces `Host` as the shipped proxy would, when the request came through the development
/// proxy named by `proxied_host`. Like nginx's `$arg_RegionId`, the first `RegionId` of the raw
/// query is used; one that cannot name a host leaves `Host` as it is (nginx answers 400 there).
pub fn as_proxied(request: &mut HttpRequest, proxied_host: &str) {
    let Some(host) = request.headers.iter_mut().find(|(k, _)| k.eq_ignore_ascii_case("host")) else { return };
    if host.1 != proxied_host {
        return;
    }
    let region = request.query.split('&').find_map(|pair| pair.strip_prefix("RegionId="));
    if let Some(Ok(regional)) = region.map(|r| signed_host(r, true)) {
        host.1 = regional;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(host: &str, query: &str) -> HttpRequest {
        HttpRequest {
            method: "POST".into(),
            path: "/".into(),
            query: query.into(),
            headers: vec![("host".into(), host.into()), ("x-forwarded-host".into(), "evil.example".into())],
            body: Vec::new(),
        }
    }

    #[test]
    fn gives_a_proxied_request_the_host_nginx_sends_and_leaves_others_alone() {
        let mut proxied = request("127.0.0.1", "ImageId=m-1&RegionId=cn-hangzhou&RegionId=cn-shanghai");
        as_proxied(&mut proxied, "127.0.0.1");
        assert_eq!(proxied.header("host"), Some("ecs.cn-hangzhou.aliyuncs.com"));
        for (host, query) in
            [("127.0.0.1:9080", "RegionId=cn-hangzhou"), ("127.0.0.1", "RegionId=cn-hangzhou.evil.com")]
        {
            let mut direct = request(host, query);
            as_proxied(&mut direct, "127.0.0.1");
            assert_eq!(direct.header("host"), Some(host), "{query}");
        }
    }
}

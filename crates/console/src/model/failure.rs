//! Why a call did not succeed, as the npm client's `EcsError` says it.

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Failure {
    pub kind: String,
    pub message: String,
    pub code: Option<String>,
    pub http_status: Option<u16>,
    pub request_id: Option<String>,
    pub recommend: Option<String>,
    pub problems: Vec<String>,
    pub server_string_to_sign: Option<String>,
    pub client_string_to_sign: Option<String>,
    /// The call changes something and ended without learning whether the service carried it out
    /// (its answer was lost), and the client did not send it again: it may have taken effect.
    pub outcome_unknown: bool,
}

impl Failure {
    /// A problem found in the page, before anything was sent.
    pub fn local(message: impl Into<String>) -> Failure {
        Failure { kind: "validation".into(), message: message.into(), ..Failure::default() }
    }

    /// The user stopped the task (`Load all`, a waiter) this call belonged to.
    pub fn aborted(action: &str) -> Failure {
        Failure { kind: "aborted".into(), message: format!("{action}: aborted"), ..Failure::default() }
    }

    pub fn is_aborted(&self) -> bool {
        self.kind == "aborted"
    }

    /// The failure in a word: the service's code, else its kind (`network`, `validation`).
    pub fn label(&self) -> String {
        self.code.clone().unwrap_or_else(|| self.kind.clone())
    }

    /// The heading of its full view: the service's code, else `network error`, ...
    pub fn headline(&self) -> String {
        self.code.clone().unwrap_or_else(|| format!("{} error", self.kind))
    }

    /// The server's `Recommend` link, if it may be a link: https to one of
    /// [`RECOMMEND_HOSTS`]. Anything else is shown as text only.
    pub fn recommend_link(&self) -> Option<&str> {
        self.recommend.as_deref().filter(|link| is_documentation_link(link))
    }
}

/// The hosts of Alibaba Cloud's documentation and troubleshooting pages that a `Recommend` link
/// may point to (the one place they are listed).
pub const RECOMMEND_HOSTS: &[&str] =
    &["api.aliyun.com", "next.api.aliyun.com", "help.aliyun.com", "www.alibabacloud.com", "api.alibabacloud.com"];

/// Whether `link` is `https://<one of RECOMMEND_HOSTS>` followed by nothing or a path, query or
/// fragment: no user info, no port, no other scheme.
pub fn is_documentation_link(link: &str) -> bool {
    let Some(rest) = link.strip_prefix("https://") else { return false };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..end];
    !link.chars().any(|c| c.is_whitespace() || c.is_control() || c == '\\')
        && RECOMMEND_HOSTS.iter().any(|allowed| host.eq_ignore_ascii_case(allowed))
}

#[cfg(test)]
mod tests {
    use super::Failure;

    #[test]
    fn named_by_code_else_by_kind() {
        let denied = Failure { kind: "service".into(), code: Some("Forbidden.RAM".into()), ..Failure::default() };
        assert_eq!((denied.label(), denied.headline()), ("Forbidden.RAM".into(), "Forbidden.RAM".into()));
        let offline = Failure { kind: "network".into(), ..Failure::default() };
        assert_eq!((offline.label(), offline.headline()), ("network".into(), "network error".into()));
        assert!(Failure::aborted("DescribeImages").is_aborted());
        assert_eq!(Failure::aborted("DescribeImages").message, "DescribeImages: aborted");
        assert!(!Failure::local("no").is_aborted());
    }

    #[test]
    fn only_documentation_hosts_over_https_are_links() {
        for ok in [
            "https://api.aliyun.com/troubleshoot?q=InvalidImageName.Malformed&product=Ecs",
            "https://next.api.aliyun.com/troubleshoot?q=Forbidden",
            "https://help.aliyun.com/document_detail/25535.html",
            "https://www.alibabacloud.com/help/en/ecs",
            "https://API.aliyun.com",
        ] {
            assert!(super::is_documentation_link(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "http://api.aliyun.com/troubleshoot",
            "https://evil.example/troubleshoot",
            "https://api.aliyun.com.evil.example/",
            "https://api.aliyun.com@evil.example/",
            "https://evil.example@api.aliyun.com/",
            "https://api.aliyun.com:8443/",
            "https://api.aliyun.com\\@evil.example/",
            "https://api.aliyun.com /x",
            "//api.aliyun.com/",
            "data:text/html,x",
            "",
        ] {
            assert!(!super::is_documentation_link(bad), "{bad}");
        }
        let failure = Failure { recommend: Some("https://evil.example".into()), ..Failure::default() };
        assert_eq!(failure.recommend_link(), None);
    }
}

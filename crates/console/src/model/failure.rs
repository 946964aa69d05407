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
}

//! Fault injection, off by default: error answers and network trouble at chosen rates, per action,
//! for testing and demonstrating a client's resilience.

use ecsimg_core::wire::number::parse_f64;
use serde::{Deserialize, Serialize};

/// Faults for one action (or every action, `"*"`). Rates are probabilities per call, 0..=1.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct FaultRule {
    pub action: String,
    /// `Throttling.User`, HTTP 400, before the call is carried out.
    pub throttling: f64,
    /// `ServiceUnavailable`, HTTP 503, before the call is carried out.
    pub unavailable: f64,
    /// `InternalError`, HTTP 500, before the call is carried out.
    pub internal_error: f64,
    /// Added before answering.
    pub latency_ms: u64,
    /// The call is carried out, then the connection is closed without an answer.
    pub drop: f64,
    /// The call is carried out, then the answer is cut off half-way.
    pub truncate: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct FaultConfig {
    pub rules: Vec<FaultRule>,
}

/// What the transport does to an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkFault {
    Drop,
    Truncate,
}

impl FaultConfig {
    /// Parses one `--fault KIND=VALUE[@Action]` flag (`throttling=0.2`, `latency=300@CreateImage`).
    pub fn add_flag(&mut self, flag: &str) -> Result<(), String> {
        let (setting, action) = flag.split_once('@').unwrap_or((flag, "*"));
        let (kind, value) =
            setting.split_once('=').ok_or_else(|| format!("--fault {flag}: expected KIND=VALUE[@Action]"))?;
        let rate = || -> Result<f64, String> {
            parse_f64(value)
                .filter(|r| (0.0..=1.0).contains(r))
                .ok_or_else(|| format!("--fault {flag}: rate must be 0..1"))
        };
        let position = match self.rules.iter().position(|r| r.action == action) {
            Some(i) => i,
            None => {
                self.rules.push(FaultRule { action: action.to_string(), ..Default::default() });
                self.rules.len() - 1
            }
        };
        let rule = &mut self.rules[position];
        match kind {
            "throttling" => rule.throttling = rate()?,
            "unavailable" => rule.unavailable = rate()?,
            "internal" => rule.internal_error = rate()?,
            "drop" => rule.drop = rate()?,
            "truncate" => rule.truncate = rate()?,
            "latency" => {
                rule.latency_ms = value.parse().map_err(|_| format!("--fault {flag}: latency is milliseconds"))?
            }
            other => {
                return Err(format!(
                "--fault {flag}: unknown kind {other:?} (throttling, unavailable, internal, drop, truncate, latency)"
            ))
            }
        }
        Ok(())
    }

    /// The rule for an action: its own, else the `"*"` one.
    pub fn rule(&self, action: &str) -> Option<&FaultRule> {
        self.rules.iter().find(|r| r.action == action).or_else(|| self.rules.iter().find(|r| r.action == "*"))
    }
}

/// A small deterministic generator (xorshift64*), seeded, so fault runs can be repeated.
#[derive(Debug, Clone)]
pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Self {
        Dice(seed.max(1))
    }

    /// True with probability `rate`.
    pub fn roll(&mut self, rate: f64) -> bool {
        if rate <= 0.0 {
            return false;
        }
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        ((x >> 11) as f64 / (1u64 << 53) as f64) < rate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_flags_per_action() {
        let mut config = FaultConfig::default();
        config.add_flag("throttling=0.25").unwrap();
        config.add_flag("drop=1@CreateImage").unwrap();
        config.add_flag("latency=300@CreateImage").unwrap();
        assert_eq!(config.rule("DescribeImages").unwrap().throttling, 0.25);
        let create = config.rule("CreateImage").unwrap();
        assert_eq!((create.drop, create.latency_ms, create.throttling), (1.0, 300, 0.0));
        assert!(config.add_flag("drop=2").is_err());
        assert!(config.add_flag("explode=1").is_err());
    }

    #[test]
    fn dice_follow_the_rate() {
        let mut dice = Dice::new(42);
        let hits = (0..10_000).filter(|_| dice.roll(0.3)).count();
        assert!((2_700..3_300).contains(&hits), "{hits}");
        assert!(!Dice::new(1).roll(0.0));
    }
}

//! The command line, parsed by hand: a few plain flags do not need a parser crate.

use crate::faults::FaultConfig;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Where the emulator listens unless told otherwise.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:9080";

/// Connections served at once unless `--max-connections` says otherwise.
pub const DEFAULT_MAX_CONNECTIONS: usize = 256;

/// How long a request body may take to arrive unless `--body-timeout` says otherwise.
pub const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(10);

pub const USAGE: &str = "\
ecsimg-emulator: a local stand-in for the Alibaba Cloud ECS image API (2014-05-26)

USAGE: ecsimg-emulator [FLAGS]

  --listen ADDR        address to listen on (default 127.0.0.1:9080; port 0 picks a free one)
  --allow-remote       allow a non-loopback --listen address (the emulator has no TLS)
  --config FILE        access keys, replacing the demo ones:
                       {\"accessKeys\": [{\"accessKeyId\", \"accessKeySecret\", \"accountId\",
                                        \"securityToken\"?, \"expiration\"?}]}
  --state FILE         load the state from FILE (a fresh one when missing) and save every change
                       to it before answering
  --speed N            run lifecycles N times faster than real time (default 1)
  --fault KIND=VALUE[@Action]
                       inject faults (repeatable): throttling, unavailable, internal, drop and
                       truncate take a rate 0..1, latency milliseconds; without @Action for every action
  --seed N             seed of the fault dice (default 1), to repeat a run
  --admin              serve the admin endpoint under /_emulator/ (health, faults)
  --proxied-host HOST  for development behind a proxy that sets Host to HOST for every call
                       (trunk serve: 127.0.0.1): such a call is verified over the Host
                       web/nginx/ecsimg.conf sends, ecs.<its RegionId>.aliyuncs.com. Without
                       it, every V3 call is verified over the Host it arrived with, as the
                       service does
  --max-connections N  connections served at once (default 256); more wait to be accepted
  --body-timeout SECS  time a request body may take to arrive (default 10); past it, 408
  --help               this text
";

#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub listen: SocketAddr,
    pub config: Option<PathBuf>,
    pub state: Option<PathBuf>,
    pub speed: f64,
    pub faults: FaultConfig,
    pub seed: u64,
    pub admin: bool,
    pub proxied_host: Option<String>,
    pub max_connections: usize,
    pub body_timeout: Duration,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Run(Options),
    Help,
}

/// Parses the arguments after the program name. Flags take their value as the next argument or
/// after `=` (`--speed 10`, `--speed=10`).
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut options = Options {
        listen: DEFAULT_LISTEN.parse().expect("the default address parses"),
        config: None,
        state: None,
        speed: 1.0,
        faults: FaultConfig::default(),
        seed: 1,
        admin: false,
        proxied_host: None,
        max_connections: DEFAULT_MAX_CONNECTIONS,
        body_timeout: DEFAULT_BODY_TIMEOUT,
    };
    let mut allow_remote = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag.to_string(), Some(value.to_string())),
            _ => (arg, None),
        };
        let mut value = || inline.clone().or_else(|| args.next()).ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--help" | "-h" => return Ok(Command::Help),
            "--allow-remote" => allow_remote = true,
            "--admin" => options.admin = true,
            "--listen" => {
                let text = value()?;
                options.listen = text.parse().map_err(|_| format!("--listen {text}: expected IP:PORT"))?;
            }
            "--proxied-host" => options.proxied_host = Some(value()?),
            "--config" => options.config = Some(value()?.into()),
            "--state" => options.state = Some(value()?.into()),
            "--speed" => {
                let text = value()?;
                options.speed = text
                    .parse::<f64>()
                    .ok()
                    .filter(|s| s.is_finite() && *s > 0.0)
                    .ok_or_else(|| format!("--speed {text}: expected a number above 0"))?;
            }
            "--fault" => options.faults.add_flag(&value()?)?,
            "--seed" => {
                let text = value()?;
                options.seed = text.parse().map_err(|_| format!("--seed {text}: expected a whole number"))?;
            }
            "--max-connections" => {
                let text = value()?;
                options.max_connections = text
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("--max-connections {text}: expected a whole number above 0"))?;
            }
            "--body-timeout" => {
                let text = value()?;
                options.body_timeout = text
                    .parse::<f64>()
                    .ok()
                    .filter(|s| s.is_finite() && *s > 0.0 && *s <= 86_400.0)
                    .map(Duration::from_secs_f64)
                    .ok_or_else(|| format!("--body-timeout {text}: expected seconds above 0 (at most a day)"))?;
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if !options.listen.ip().is_loopback() && !allow_remote {
        return Err(format!(
            "--listen {}: not a loopback address; add --allow-remote to serve other machines",
            options.listen
        ));
    }
    Ok(Command::Run(options))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<Options, String> {
        match parse(args.iter().map(|a| a.to_string()))? {
            Command::Run(options) => Ok(options),
            Command::Help => panic!("help"),
        }
    }

    #[test]
    fn defaults_and_flags() {
        let plain = run(&[]).unwrap();
        assert_eq!((plain.listen.to_string().as_str(), plain.speed, plain.admin), (DEFAULT_LISTEN, 1.0, false));
        let all = run(&[
            "--listen=127.0.0.1:0",
            "--state",
            "s.json",
            "--speed",
            "1000",
            "--fault",
            "drop=1@CreateImage",
            "--fault=latency=5",
            "--seed",
            "7",
            "--admin",
            "--proxied-host",
            "127.0.0.1",
        ])
        .unwrap();
        assert_eq!(all.listen.port(), 0);
        assert_eq!(all.state.as_deref(), Some(std::path::Path::new("s.json")));
        assert_eq!((all.speed, all.seed, all.admin), (1000.0, 7, true));
        assert_eq!(all.proxied_host.as_deref(), Some("127.0.0.1"));
        assert_eq!(all.faults.rule("CreateImage").unwrap().drop, 1.0);
        assert_eq!(all.faults.rule("DescribeImages").unwrap().latency_ms, 5);
        assert_eq!(parse(["--help".to_string()]), Ok(Command::Help));
        assert_eq!((plain.max_connections, plain.body_timeout), (DEFAULT_MAX_CONNECTIONS, DEFAULT_BODY_TIMEOUT));
        let limits = run(&["--max-connections", "8", "--body-timeout=0.5"]).unwrap();
        assert_eq!((limits.max_connections, limits.body_timeout), (8, Duration::from_millis(500)));
    }

    #[test]
    fn refuses_remote_addresses_and_bad_values() {
        assert!(run(&["--listen", "0.0.0.0:9080"]).unwrap_err().contains("--allow-remote"));
        assert!(run(&["--listen", "0.0.0.0:9080", "--allow-remote"]).is_ok());
        assert!(run(&["--listen", "[::1]:9080"]).is_ok());
        assert!(run(&["--speed", "0"]).is_err());
        assert!(run(&["--speed"]).unwrap_err().contains("needs a value"));
        assert!(run(&["--fault", "explode=1"]).is_err());
        assert!(run(&["--verbose"]).unwrap_err().contains("unknown argument"));
        assert!(run(&["--max-connections", "0"]).is_err());
        assert!(run(&["--body-timeout", "0"]).is_err());
        assert!(run(&["--body-timeout", "NaN"]).is_err());
    }
}

//! The small languages inside profile strings: port specs, mount specs,
//! durations and names. Parsed the same way by validation (to report) and by
//! the plan (to use), so a spec that validates is a spec the plan understands.

use std::net::IpAddr;
use std::time::Duration;

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    Tcp,
    Udp,
}

/// A published port, e.g. `127.0.0.1:8080:80/tcp`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
pub struct PortSpec {
    /// The host address to bind; `None` means the default, 127.0.0.1.
    pub host_ip: Option<String>,
    /// The host port; `None` means a free one is chosen at start.
    pub host_port: Option<u16>,
    pub container_port: u16,
    pub protocol: Protocol,
}

impl Protocol {
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
        }
    }
}

pub const DEFAULT_HOST_IP: &str = "127.0.0.1";

impl PortSpec {
    pub fn host_ip_or_default(&self) -> &str {
        self.host_ip.as_deref().unwrap_or(DEFAULT_HOST_IP)
    }
}

/// Why a port, mount, duration or name written in a profile is not valid.
/// The message becomes a diagnostic at the value's place in the file.
#[derive(Debug, thiserror::Error)]
pub enum SpecError {
    #[error("unknown protocol `{0}`: use `tcp` or `udp`")]
    Protocol(String),
    #[error("`[` of an IPv6 address is not closed")]
    UnclosedIpv6,
    #[error("{PORT_HELP}")]
    PortShape,
    #[error("too many `:` in `{0}`")]
    TooManyColons(String),
    #[error("`{0}` is not an IP address")]
    NotAnIp(String),
    #[error("port ranges such as `{0}` are not supported: list each port")]
    PortRange(String),
    #[error("port {0} is out of range (1 to 65535)")]
    PortOutOfRange(u64),
    #[error("`{0}` is not a port number")]
    NotAPort(String),
    #[error("`{0}` has no container path")]
    NoContainerPath(String),
    #[error("unknown mount mode `{0}`: use `ro` or `rw`")]
    MountMode(String),
    #[error("the container path `{0}` must be absolute")]
    RelativeTarget(String),
    #[error("the mount has no source")]
    NoSource,
    #[error(
        "`{0}` is a Windows path: a profile is shared across systems, so write host paths relative to it with `/` (`./data:/data`), or use a named volume"
    )]
    WindowsPath(String),
    #[error("volume name {0}")]
    VolumeName(Box<SpecError>),
    #[error("`{0}` is zero: give a positive duration")]
    ZeroDuration(String),
    #[error("`{text}` is not a duration")]
    NotADuration {
        text: String,
        #[source]
        source: humantime::DurationError,
    },
    #[error("is empty")]
    EmptyName,
    #[error("`{0}` is longer than 63 characters")]
    TooLong(String),
    #[error("`{0}` is not a DNS label (lowercase letters, digits and `-`, not at either end)")]
    NotADnsLabel(String),
}

const PORT_HELP: &str =
    "write a port as \"CONTAINER\", \"HOST:CONTAINER\" or \"IP:HOST:CONTAINER\", e.g. \"8080:80\"";

pub fn parse_port(spec: &str) -> Result<PortSpec, SpecError> {
    let (body, protocol) = match spec.rsplit_once('/') {
        Some((b, "tcp")) => (b, Protocol::Tcp),
        Some((b, "udp")) => (b, Protocol::Udp),
        Some((_, p)) => return Err(SpecError::Protocol(p.to_string())),
        None => (spec, Protocol::Tcp),
    };
    let (ip, rest) = if let Some(r) = body.strip_prefix('[') {
        let (ip, rest) = r.split_once(']').ok_or(SpecError::UnclosedIpv6)?;
        let rest = rest.strip_prefix(':').ok_or(SpecError::PortShape)?;
        (Some(ip.to_string()), rest.to_string())
    } else {
        let parts: Vec<&str> = body.split(':').collect();
        match parts.len() {
            1 | 2 => (None, body.to_string()),
            3 => (
                Some(parts[0].to_string()),
                format!("{}:{}", parts[1], parts[2]),
            ),
            _ => return Err(SpecError::TooManyColons(spec.to_string())),
        }
    };
    if let Some(ip) = &ip
        && ip.parse::<IpAddr>().is_err()
    {
        return Err(SpecError::NotAnIp(ip.clone()));
    }
    let (host, container) = match rest.split_once(':') {
        Some((h, c)) => (Some(h), c),
        None => (None, rest.as_str()),
    };
    let host_port = match host {
        None | Some("") => None,
        Some(h) => Some(port_number(h)?),
    };
    Ok(PortSpec {
        host_ip: ip,
        host_port,
        container_port: port_number(container)?,
        protocol,
    })
}

pub fn port_help() -> &'static str {
    PORT_HELP
}

fn port_number(s: &str) -> Result<u16, SpecError> {
    if s.contains('-') && s.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return Err(SpecError::PortRange(s.to_string()));
    }
    match s.parse::<u64>() {
        Ok(n) if (1..=65535).contains(&n) => Ok(n as u16),
        Ok(n) => Err(SpecError::PortOutOfRange(n)),
        Err(_) => Err(SpecError::NotAPort(s.to_string())),
    }
}

/// A mount: a named volume or a host path, at a path in the container.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MountSpec {
    pub source: MountSource,
    pub target: String,
    pub read_only: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "name", rename_all = "lowercase")]
pub enum MountSource {
    /// A named volume, created once and kept across `down`.
    Volume(String),
    /// A host path, relative to the profile's directory or absolute.
    Bind(String),
}

const MOUNT_HELP: &str = "write a mount as \"VOLUME:/container/path\" or \"./host/path:/container/path\", optionally ending in \":ro\"";

pub fn mount_help() -> &'static str {
    MOUNT_HELP
}

pub fn parse_mount(spec: &str) -> Result<MountSpec, SpecError> {
    let parts: Vec<&str> = spec.split(':').collect();
    if let [drive, rest, ..] = parts.as_slice()
        && drive.len() == 1
        && drive.chars().all(|c| c.is_ascii_alphabetic())
        // `d:/x` alone is the volume `d` at `/x`; `d:/x:/y` a drive path.
        && (rest.starts_with('\\')
            || (rest.starts_with('/') && parts.get(2).is_some_and(|t| t.starts_with('/'))))
    {
        return Err(SpecError::WindowsPath(format!("{drive}:{rest}")));
    }
    if let Some(source) = parts.first().filter(|s| s.contains('\\')) {
        return Err(SpecError::WindowsPath(source.to_string()));
    }
    let (source, target, mode) = match parts.as_slice() {
        [s, t] => (*s, *t, None),
        [s, t, m] => (*s, *t, Some(*m)),
        [_] => return Err(SpecError::NoContainerPath(spec.to_string())),
        _ => return Err(SpecError::TooManyColons(spec.to_string())),
    };
    let read_only = match mode {
        None | Some("rw") => false,
        Some("ro") => true,
        Some(m) => return Err(SpecError::MountMode(m.to_string())),
    };
    if !target.starts_with('/') {
        return Err(SpecError::RelativeTarget(target.to_string()));
    }
    let source = if source.is_empty() {
        return Err(SpecError::NoSource);
    } else if source.starts_with('.') || source.starts_with('/') || source.starts_with('~') {
        MountSource::Bind(source.to_string())
    } else {
        check_dns_label(source).map_err(|e| SpecError::VolumeName(Box::new(e)))?;
        MountSource::Volume(source.to_string())
    };
    Ok(MountSpec {
        source,
        target: target.to_string(),
        read_only,
    })
}

/// Parse a duration such as `1s`, `500ms`, `1h30m` (humantime's syntax).
pub fn parse_duration(s: &str) -> Result<Duration, SpecError> {
    match humantime::parse_duration(s) {
        Ok(d) if d.is_zero() => Err(SpecError::ZeroDuration(s.to_string())),
        Ok(d) => Ok(d),
        Err(source) => Err(SpecError::NotADuration {
            text: s.to_string(),
            source,
        }),
    }
}

pub const DURATION_HELP: &str =
    "write a duration as a number and a unit, e.g. \"500ms\", \"1s\", \"2m\", \"72h\"";

/// Names become hostnames and Kubernetes object names, so they must be DNS
/// labels (RFC 1123): lowercase letters, digits and `-`, at most 63.
pub fn check_dns_label(name: &str) -> Result<(), SpecError> {
    let ok = !name.is_empty()
        && name.len() <= 63
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-');
    if ok {
        Ok(())
    } else if name.is_empty() {
        Err(SpecError::EmptyName)
    } else if name.len() > 63 {
        Err(SpecError::TooLong(name.to_string()))
    } else {
        Err(SpecError::NotADnsLabel(name.to_string()))
    }
}

/// CPUs as Kubernetes reads them: `2`, `0.5`, `500m`.
pub fn check_cpus(v: &str) -> Result<(), String> {
    let ok = match v.strip_suffix('m') {
        Some(milli) => !milli.is_empty() && milli.bytes().all(|b| b.is_ascii_digit()),
        None => {
            v.parse::<f64>().is_ok_and(|f| f.is_finite() && f >= 0.0) && !v.contains(['e', 'E'])
        }
    };
    if ok {
        Ok(())
    } else {
        Err("not a number of CPUs".into())
    }
}

/// Memory as a whole number with a binary or decimal unit (`512Mi`, `2G`),
/// or bytes. Fractions (`0.5Gi`) are valid Kubernetes, but the API server
/// rewrites them, so every push would look like a change.
pub fn check_memory(v: &str) -> Result<(), String> {
    const UNITS: [&str; 12] = [
        "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "k", "M", "G", "T", "P", "E",
    ];
    let number = UNITS.iter().find_map(|u| v.strip_suffix(u)).unwrap_or(v);
    if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else if number.contains('.') {
        Err(
            "fractions are rewritten by Kubernetes: use a smaller unit (`512Mi`, not `0.5Gi`)"
                .into(),
        )
    } else {
        Err("the unit must be one of Ki, Mi, Gi, Ti, k, M, G, T (case matters)".into())
    }
}

/// CPUs in the form the API server keeps (`0.5` → `500m`, `1.0` → `1`),
/// so a push of the same profile is not a change.
pub fn canonical_cpus(v: &str) -> String {
    match v.parse::<f64>() {
        Ok(f) if v.contains('.') => {
            let milli = (f * 1000.0).round() as u64;
            if milli.is_multiple_of(1000) {
                (milli / 1000).to_string()
            } else {
                format!("{milli}m")
            }
        }
        _ => v.to_string(),
    }
}

/// The nearest valid DNS label to `name`, for suggestions and for deriving a
/// project name from a directory: `My_Service` → `my-service`.
pub fn to_dns_label(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_matches('-').chars().take(63).collect();
    out.trim_end_matches('-').to_string()
}

/// A service's name as a host name that is also a Kubernetes Service name
/// (a DNS label that starts with a letter: `123` → `s-123`).
pub fn to_service_name(name: &str) -> String {
    let label = to_dns_label(name);
    if label.starts_with(|c: char| c.is_ascii_digit()) {
        to_dns_label(&format!("s-{label}"))
    } else {
        label
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn windows_paths_in_mounts_say_what_to_write() {
        for m in [
            r"C:\Users\me\data:/data",
            "c:/data:/data:ro",
            r".\data:/data",
        ] {
            let e = parse_mount(m).unwrap_err();
            assert!(matches!(e, SpecError::WindowsPath(_)), "{m}: {e}");
            assert!(e.to_string().contains("./data:/data"), "{e}");
        }
        assert!(parse_mount("./data:/data").is_ok());
    }

    use super::*;

    #[test]
    fn kubernetes_quantities() {
        for ok in ["2", "0.5", "500m", "1.25"] {
            assert!(check_cpus(ok).is_ok(), "{ok}");
        }
        for bad in ["abc", "m", "1e3", "-1", "2 cores"] {
            assert!(check_cpus(bad).is_err(), "{bad}");
        }
        for ok in ["512Mi", "2Gi", "1000000", "1G", "64k"] {
            assert!(check_memory(ok).is_ok(), "{ok}");
        }
        for bad in ["512MB", "1g", "0.5Gi", "Mi", "lots"] {
            assert!(check_memory(bad).is_err(), "{bad}");
        }
        assert_eq!(canonical_cpus("0.5"), "500m");
        assert_eq!(canonical_cpus("1.0"), "1");
        assert_eq!(canonical_cpus("2"), "2");
        assert_eq!(canonical_cpus("250m"), "250m");
    }

    #[test]
    fn ports_in_every_form() {
        let p = parse_port("3000:3000").unwrap();
        assert_eq!(
            (p.host_port, p.container_port, p.host_ip_or_default()),
            (Some(3000), 3000, "127.0.0.1")
        );
        let p = parse_port("9229").unwrap();
        assert_eq!((p.host_port, p.container_port), (None, 9229));
        let p = parse_port("0.0.0.0:80:8080/udp").unwrap();
        assert_eq!(
            (p.host_ip.as_deref(), p.host_port, p.protocol),
            (Some("0.0.0.0"), Some(80), Protocol::Udp)
        );
        let p = parse_port("[::1]:5432:5432").unwrap();
        assert_eq!(p.host_ip.as_deref(), Some("::1"));
    }

    #[test]
    fn bad_ports_say_what_is_wrong() {
        assert_eq!(
            parse_port("99999").unwrap_err().to_string(),
            "port 99999 is out of range (1 to 65535)"
        );
        assert_eq!(
            parse_port("abc:80").unwrap_err().to_string(),
            "`abc` is not a port number"
        );
        assert_eq!(
            parse_port("80:80:80").unwrap_err().to_string(),
            "`80` is not an IP address"
        );
        assert!(
            parse_port("80/sctp")
                .unwrap_err()
                .to_string()
                .contains("protocol")
        );
        assert!(
            parse_port("8000-8010:80")
                .unwrap_err()
                .to_string()
                .contains("ranges")
        );
    }

    #[test]
    fn mounts() {
        let m = parse_mount("db-data:/var/lib/db").unwrap();
        assert_eq!(m.source, MountSource::Volume("db-data".into()));
        let m = parse_mount("./src:/app/src:ro").unwrap();
        assert_eq!(
            (m.source, m.read_only),
            (MountSource::Bind("./src".into()), true)
        );
        assert!(
            parse_mount("data")
                .unwrap_err()
                .to_string()
                .contains("no container path")
        );
        assert!(
            parse_mount("data:rel")
                .unwrap_err()
                .to_string()
                .contains("absolute")
        );
        assert!(
            parse_mount("Data_1:/x")
                .unwrap_err()
                .to_string()
                .contains("DNS label")
        );
        assert!(
            parse_mount("d:/x:rx")
                .unwrap_err()
                .to_string()
                .contains("mode")
        );
    }

    #[test]
    fn durations_and_names() {
        assert_eq!(parse_duration("500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(
            parse_duration("72h").unwrap(),
            Duration::from_secs(72 * 3600)
        );
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("0s").is_err());
        assert!(check_dns_label("db-1").is_ok());
        assert!(check_dns_label("My_Service").is_err());
        assert_eq!(to_dns_label("My_Service"), "my-service");
        assert_eq!(to_dns_label("--x--"), "x");
    }
}

//! Export a command's spans as one OpenTelemetry trace over OTLP/HTTP
//! (protobuf), through the opentelemetry crates' own exporter. On when
//! `--otlp URL`, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or
//! `OTEL_EXPORTER_OTLP_ENDPOINT` is set (and not `OTEL_SDK_DISABLED=true`
//! or `OTEL_TRACES_EXPORTER=none`); headers come from
//! `OTEL_EXPORTER_OTLP_HEADERS`, as every OpenTelemetry SDK reads them.
//!
//! The spans are recorded as the command runs (`timeline`) and sent once,
//! at its end, with their real start and end times: nothing is exported,
//! and the SDK is never touched, when no endpoint is set.

use std::time::Duration;

use opentelemetry::trace::{SpanContext, SpanId, SpanKind, Status, TraceFlags, TraceState};
use opentelemetry::{InstrumentationScope, KeyValue};
use opentelemetry_otlp::{Protocol, RetryPolicy, WithExportConfig, WithHttpConfig};
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::trace::{IdGenerator, RandomIdGenerator, SpanData, SpanExporter};

use super::{Recorded, Span};

/// Where to send, when anywhere: the full URL of the traces endpoint, or
/// `Some(None)` for "from the OTEL_* variables".
pub fn configured(flag: Option<&str>) -> Option<Option<String>> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    if env("OTEL_SDK_DISABLED").is_some_and(|v| v.eq_ignore_ascii_case("true"))
        || env("OTEL_TRACES_EXPORTER").is_some_and(|v| v.eq_ignore_ascii_case("none"))
    {
        return None;
    }
    if let Some(url) = flag.filter(|u| !u.is_empty()) {
        // As OTEL_EXPORTER_OTLP_ENDPOINT: the collector's base address.
        return Some(Some(format!("{}/v1/traces", url.trim_end_matches('/'))));
    }
    (env("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT").is_some()
        || env("OTEL_EXPORTER_OTLP_ENDPOINT").is_some())
    .then_some(None)
}

/// The spans as OpenTelemetry's: one trace, the command's span its root.
pub fn span_data(rec: &Recorded, project: Option<&str>) -> Vec<SpanData> {
    let ids = RandomIdGenerator::default();
    let trace = ids.new_trace_id();
    let span_ids: std::collections::HashMap<u64, SpanId> = rec
        .spans
        .iter()
        .map(|s| (s.id, ids.new_span_id()))
        .collect();
    let scope = InstrumentationScope::builder("itp-dev")
        .with_version(env!("CARGO_PKG_VERSION"))
        .build();
    rec.spans
        .iter()
        .map(|s| SpanData {
            span_context: SpanContext::new(
                trace,
                span_ids[&s.id],
                TraceFlags::SAMPLED,
                false,
                TraceState::default(),
            ),
            parent_span_id: s
                .parent
                .and_then(|p| span_ids.get(&p).copied())
                .unwrap_or(SpanId::INVALID),
            parent_span_is_remote: false,
            span_kind: SpanKind::Internal,
            name: s.name.clone().into(),
            start_time: rec.began_wall + s.start,
            end_time: rec.began_wall + s.end,
            attributes: attributes(s, project),
            dropped_attributes_count: 0,
            events: Default::default(),
            links: Default::default(),
            status: if s.failed {
                Status::error("failed")
            } else {
                Status::Ok
            },
            instrumentation_scope: scope.clone(),
        })
        .collect()
}

/// A span's attributes; every value passes the secret mask first.
fn attributes(s: &Span, project: Option<&str>) -> Vec<KeyValue> {
    let masked = |v: &str| crate::ui::mask::apply(v).into_owned();
    let mut out = vec![KeyValue::new("itp.phase", s.phase)];
    if let Some(p) = project {
        out.push(KeyValue::new("itp.project", masked(p)));
    }
    if let Some(svc) = &s.service {
        out.push(KeyValue::new("itp.service", masked(svc)));
    }
    for (k, v) in s.attrs.iter().filter(|(k, _)| *k != "itp.project") {
        // A number stays a number (the exit code), for queries on it.
        match v.parse::<i64>() {
            Ok(n) if *k == "itp.exit_code" => out.push(KeyValue::new(*k, n)),
            _ => out.push(KeyValue::new(*k, masked(v))),
        }
    }
    out
}

/// Where the trace goes, to name in a warning.
pub fn shown(target: &Option<String>) -> String {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    target
        .clone()
        .or_else(|| env("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))
        .or_else(|| {
            env("OTEL_EXPORTER_OTLP_ENDPOINT")
                .map(|e| format!("{}/v1/traces", e.trim_end_matches('/')))
        })
        .unwrap_or_default()
}

/// Sends the trace; a failure is the caller's to report (it never fails the
/// command).
pub async fn export(target: Option<String>, spans: Vec<SpanData>) -> Result<(), String> {
    let connector = hyper_rustls::HttpsConnectorBuilder::new()
        .with_native_roots()
        .map_err(|e| format!("the system's certificates: {e}"))?
        .https_or_http()
        .enable_http1()
        .build();
    let client =
        opentelemetry_http::hyper::HyperClient::new(connector, Duration::from_secs(10), None);
    let mut builder = opentelemetry_otlp::SpanExporter::builder()
        .with_http()
        .with_http_client(client)
        .with_protocol(Protocol::HttpBinary)
        .with_timeout(Duration::from_secs(10))
        // One retry, soon: a command line must not wait on a collector that
        // is down (the default retries for most of a second).
        .with_retry_policy(
            RetryPolicy::default()
                .with_max_retries(1)
                .with_initial_delay(Duration::from_millis(50))
                .with_max_delay(Duration::from_millis(100)),
        );
    if let Some(url) = target {
        builder = builder.with_endpoint(url);
    }
    let mut exporter = builder.build().map_err(|e| e.to_string())?;
    exporter.set_resource(
        &Resource::builder_empty()
            .with_attributes([
                KeyValue::new(
                    "service.name",
                    std::env::var("OTEL_SERVICE_NAME").unwrap_or_else(|_| "itp-dev".into()),
                ),
                KeyValue::new("service.version", env!("CARGO_PKG_VERSION")),
            ])
            .build(),
    );
    exporter.export(spans).await.map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flag_is_a_base_address_and_none_is_off() {
        // The variables are not set in unit tests.
        assert_eq!(
            configured(Some("http://127.0.0.1:4318/")),
            Some(Some("http://127.0.0.1:4318/v1/traces".into()))
        );
        assert_eq!(configured(None), None);
    }
}

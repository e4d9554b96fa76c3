//! Sessions with what runs in the namespace: workload readiness, logs, and
//! commands attached to this terminal.

use super::*;

impl Cluster {
    /// The project's workloads in `ns` and how many of their pods are ready.
    pub async fn workloads(
        &self,
        ns: &str,
        project: &str,
    ) -> Result<Vec<WorkloadInfo>, ClusterError> {
        let lp = ListParams::default().labels(&format!(
            "{}={},{}={project}",
            labels::MANAGED_BY,
            labels::MANAGER,
            labels::PART_OF
        ));
        let mut out = Vec::new();
        for d in Api::<Deployment>::namespaced(self.client.clone(), ns)
            .list(&lp)
            .await
            .map_err(|e| api_error("listing deployments", e))?
        {
            let st = d.status.unwrap_or_default();
            out.push(WorkloadInfo {
                kind: "Deployment".into(),
                name: d.metadata.name.unwrap_or_default(),
                ready: st.ready_replicas.unwrap_or(0),
                desired: d.spec.and_then(|s| s.replicas).unwrap_or(1),
                why: None,
            });
        }
        for s in Api::<StatefulSet>::namespaced(self.client.clone(), ns)
            .list(&lp)
            .await
            .map_err(|e| api_error("listing statefulsets", e))?
        {
            let st = s.status.unwrap_or_default();
            out.push(WorkloadInfo {
                kind: "StatefulSet".into(),
                name: s.metadata.name.unwrap_or_default(),
                ready: st.ready_replicas.unwrap_or(0),
                desired: s.spec.and_then(|s| s.replicas).unwrap_or(1),
                why: None,
            });
        }
        // A one-shot task is "ready" once it has run to its end.
        for j in Api::<k8s_openapi::api::batch::v1::Job>::namespaced(self.client.clone(), ns)
            .list(&lp)
            .await
            .map_err(|e| api_error("listing jobs", e))?
        {
            let st = j.status.unwrap_or_default();
            // Named by its service (the Job's own name carries a hash).
            let service = j
                .metadata
                .labels
                .as_ref()
                .and_then(|l| l.get(labels::NAME).cloned())
                .or(j.metadata.name)
                .unwrap_or_default();
            out.push(WorkloadInfo {
                kind: "Job".into(),
                name: service,
                ready: st.succeeded.unwrap_or(0),
                desired: j.spec.and_then(|s| s.completions).unwrap_or(1),
                why: None,
            });
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        for w in out.iter_mut().filter(|w| w.ready < w.desired) {
            w.why = Some(self.why_stuck(ns, &w.name).await);
        }
        Ok(out)
    }

    /// The pods API of `ns`, and the names of `service`'s pods.
    async fn pods_of(
        &self,
        ns: &str,
        service: &str,
    ) -> Result<(Api<Pod>, Vec<String>), ClusterError> {
        let pods: Api<Pod> = Api::namespaced(self.client.clone(), ns);
        let lp = ListParams::default().labels(&pods_selector(service));
        let list = pods
            .list(&lp)
            .await
            .map_err(|e| api_error("listing pods", e))?;
        // Pods that run and are ready first; one being deleted (the old
        // pod of a rollout) last, as its containers may be gone.
        let mut ranked: Vec<(u8, String)> = list
            .into_iter()
            .filter_map(|p| {
                let going = p.metadata.deletion_timestamp.is_some();
                let rank = match (going, is_ready(&p)) {
                    (false, true) => 0,
                    (false, false) => 1,
                    (true, _) => 2,
                };
                Some((rank, p.metadata.name?))
            })
            .collect();
        ranked.sort();
        let names = ranked.into_iter().map(|(_, n)| n).collect();
        Ok((pods, names))
    }

    /// Streams the logs of `service`'s pods; false when it has none.
    pub async fn logs(
        &self,
        ns: &str,
        service: &str,
        follow: bool,
        tail: Option<i64>,
        line: &(dyn Fn(&str, &str) + Sync),
    ) -> Result<bool, ClusterError> {
        use futures_util::AsyncBufReadExt;
        let (pods, names) = self.pods_of(ns, service).await?;
        if names.is_empty() {
            return Ok(false);
        }
        // A pod whose container never started has no logs; the API answers
        // an unscheduled one with nothing at all. Say why instead.
        for name in &names {
            if let Ok(p) = pods.get(name).await
                && !ever_started(&p)
            {
                return Err(ClusterError::NotStarted {
                    pod: name.clone(),
                    why: decide::stuck_reason(&[super::push::pod_facts(&p)])
                        .unwrap_or_else(|| "still starting".into()),
                });
            }
        }
        let params = kube::api::LogParams {
            follow,
            tail_lines: tail,
            ..Default::default()
        };
        let streams = names.iter().map(|name| {
            let pods = pods.clone();
            let params = params.clone();
            async move {
                let stream = pods.log_stream(name, &params).await.map_err(|e| match e {
                    // "container \"web\" in pod \"…\" is waiting to start: PodInitializing"
                    kube::Error::Api(s)
                        if s.code == 400 && s.message.contains("waiting to start") =>
                    {
                        ClusterError::NotStarted {
                            pod: name.to_string(),
                            why: s
                                .message
                                .rsplit(": ")
                                .next()
                                .unwrap_or_default()
                                .to_string(),
                        }
                    }
                    e => api_error(&format!("logs of `{name}`"), e),
                })?;
                let mut lines = stream.lines();
                use futures_util::TryStreamExt;
                while let Some(l) = lines
                    .try_next()
                    .await
                    .map_err(|source| ClusterError::Logs {
                        name: name.to_string(),
                        source,
                    })?
                {
                    line(name, &l);
                }
                Ok::<_, ClusterError>(())
            }
        });
        for r in futures_util::future::join_all(streams).await {
            r?;
        }
        Ok(true)
    }

    /// Runs `cmd` in the first pod of `service`, attached to this process's
    /// stdin, stdout and stderr (one terminal stream with `tty`); returns
    /// the command's exit code, or `None` when the service has no pod.
    pub async fn exec(
        &self,
        ns: &str,
        service: &str,
        cmd: Vec<String>,
        tty: bool,
    ) -> Result<Option<i32>, ClusterError> {
        use kube::api::AttachParams;
        use tokio::io::AsyncWriteExt;
        let (pods, names) = self.pods_of(ns, service).await?;
        let Some(pod) = names.into_iter().next() else {
            return Ok(None);
        };
        // A one-shot task's pod that has run to its end has no container
        // to run anything in.
        if let Ok(p) = pods.get(&pod).await
            && let Some(phase) = p
                .status
                .and_then(|s| s.phase)
                .filter(|ph| ph == "Succeeded" || ph == "Failed")
        {
            return Err(ClusterError::Ended { pod, phase });
        }
        let with_stdin = tty || !crate::terminal::stdin_is_null();
        let ap = AttachParams::default()
            .container(service)
            .stdin(with_stdin)
            .stdout(true)
            .stderr(!tty)
            .tty(tty);
        let mut attached = pods
            .exec(&pod, cmd, &ap)
            .await
            .map_err(|e| api_error(&format!("exec in `{pod}`"), e))?;
        let status = attached.take_status();
        if tty && let Some(mut sizes) = attached.terminal_size() {
            // The window size now, and again on every resize.
            tokio::spawn(async move {
                use futures_util::SinkExt;
                let mut resizes = crate::terminal::Resizes::new();
                let mut now = crate::terminal::size();
                while let Some((height, width)) = now {
                    if sizes
                        .send(kube::api::TerminalSize { width, height })
                        .await
                        .is_err()
                    {
                        return;
                    }
                    now = resizes.changed().await;
                }
            });
        }
        let mut out = attached.stdout();
        let mut err = attached.stderr();
        let copy_out = async {
            if let Some(o) = out.as_mut() {
                let _ = tokio::io::copy(o, &mut tokio::io::stdout()).await;
            }
            let _ = tokio::io::stdout().flush().await;
        };
        let copy_err = async {
            if let Some(e) = err.as_mut() {
                let _ = tokio::io::copy(e, &mut tokio::io::stderr()).await;
            }
        };
        // Before Kubernetes 1.30 the exec stream (v4.channel.k8s.io) has
        // no way to say "end of stdin": closing it closes the whole
        // session, losing the output and the exit code. There, stdin is
        // held open after its end until the command exits.
        let half_close = self.stdin_can_end();
        let pump = attached.stdin().map(|mut input| {
            let mut rx = crate::terminal::stdin_chunks();
            tokio::spawn(async move {
                while let Some(chunk) = rx.recv().await {
                    if input.write_all(&chunk).await.is_err() {
                        return;
                    }
                }
                if half_close {
                    let _ = input.shutdown().await;
                } else {
                    let _ = input.flush().await;
                    std::future::pending::<()>().await;
                }
            })
        });
        futures_util::join!(copy_out, copy_err);
        if let Some(p) = pump {
            p.abort();
        }
        let status = match status {
            Some(s) => s.await,
            None => None,
        };
        Ok(Some(exit_code(status.as_ref())))
    }
}

/// Whether any main container of the pod has run (or runs).
fn ever_started(p: &Pod) -> bool {
    p.status
        .as_ref()
        .and_then(|s| s.container_statuses.as_ref())
        .is_some_and(|cs| {
            cs.iter().any(|c| {
                let now = c.state.as_ref();
                now.and_then(|s| s.running.as_ref()).is_some()
                    || now.and_then(|s| s.terminated.as_ref()).is_some()
                    || c.last_state
                        .as_ref()
                        .and_then(|s| s.terminated.as_ref())
                        .is_some()
            })
        })
}

impl Cluster {
    /// Whether the API server's exec stream can end stdin alone
    /// (v5.channel.k8s.io, on by default from Kubernetes 1.30).
    fn stdin_can_end(&self) -> bool {
        let mut parts = self.version.split('.');
        let major: u32 = parts.next().and_then(|m| m.parse().ok()).unwrap_or(0);
        let minor: u32 = parts
            .next()
            .map(|m| m.trim_end_matches('+'))
            .and_then(|m| m.parse().ok())
            .unwrap_or(0);
        (major, minor) >= (1, 30)
    }
}

/// The exit code in an exec's final `Status`: 0 on success, the
/// `ExitCode` cause otherwise (1 when the API gives none).
fn exit_code(s: Option<&k8s_openapi::apimachinery::pkg::apis::meta::v1::Status>) -> i32 {
    let Some(s) = s else { return 1 };
    if s.status.as_deref() == Some("Success") {
        return 0;
    }
    s.details
        .as_ref()
        .and_then(|d| d.causes.as_ref())
        .and_then(|c| c.iter().find(|c| c.reason.as_deref() == Some("ExitCode")))
        .and_then(|c| c.message.as_ref()?.parse().ok())
        .unwrap_or(1)
}

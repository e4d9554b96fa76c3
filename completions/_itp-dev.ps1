
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'itp-dev' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'itp-dev'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'itp-dev' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Use this profile (before the command; `--file` works anywhere)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a profile for this repository: detects the stack, asks a few questions (or takes flags), writes itp-dev.toml')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check this machine for this profile: the engine, socket, disk, ports, inotify, build contexts, kubeconfig; each with a fix')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check the profile and report every problem')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Print the fully resolved profile, secrets masked')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Print the desired state compiled from the profile')
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Bring the environment up: build or pull images, start services in dependency order, run the dev container''s hooks')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Watch files and act on changes by the profile''s `[[watch]]` rules')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show each service: state, health, ports, image, uptime')
            [CompletionResult]::new('ps', 'ps', [CompletionResultType]::ParameterValue, 'Show each service: state, health, ports, image, uptime')
            [CompletionResult]::new('shell', 'shell', [CompletionResultType]::ParameterValue, 'Open an interactive shell in the dev container (or a service)')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command in the dev container (or a service)')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Show the logs of services (all when none is named)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart services in dependency order, waiting for health as `up` does')
            [CompletionResult]::new('build', 'build', [CompletionResultType]::ParameterValue, 'Build the services'' images without starting anything')
            [CompletionResult]::new('code', 'code', [CompletionResultType]::ParameterValue, 'Open VS Code attached to the dev container itp-dev manages')
            [CompletionResult]::new('ide', 'ide', [CompletionResultType]::ParameterValue, 'Generate IDE files from the profile: devcontainer.json, tasks.json')
            [CompletionResult]::new('k8s', 'k8s', [CompletionResultType]::ParameterValue, 'Kubernetes: the same profile in a namespace')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare the local environment with its Kubernetes namespace')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop and remove the project''s containers and network')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('trust', 'trust', [CompletionResultType]::ParameterValue, 'Approve this repository''s profile to reach the host beyond the repository (bind mounts from outside it, the engine socket, ports on all interfaces…), after showing exactly what')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'itp-dev;init' {
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Template to start from: rust-service, node-web, python-api, full-stack')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'A service to add (repeatable): db (PostgreSQL), cache (Redis), mysql, mongo, or one of the template''s own')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The port your app listens on (published on the same host port)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Project name (default: the directory''s name)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Convert an existing compose.yaml or devcontainer.json instead')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--no-services', '--no-services', [CompletionResultType]::ParameterName, 'Add no services')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Take the detected or default answers; never prompt')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Take the detected or default answers; never prompt')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing itp-dev.toml')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;doctor' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;validate' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;config' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (`--json` implies json)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;plan' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (`--json` implies json)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;up' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound each health wait (e.g. `30s`, `2m`) instead of the bound derived from the healthcheck''s interval, timeout and retries')
            [CompletionResult]::new('--timings', '--timings', [CompletionResultType]::ParameterName, 'Write where the time went as an HTML page (a timeline per service, the critical path marked) and print the critical path. Without a PATH, the page goes to the state directory')
            [CompletionResult]::new('--debounce', '--debounce', [CompletionResultType]::ParameterName, 'Quiet time that ends a batch of file changes')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest a batch waits while changes keep coming')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the actions and their reasons; change nothing')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Also wait for every (re)started service with a healthcheck to be healthy, not only those another service depends on')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Then watch files and act on changes, as `itp-dev watch`')
            [CompletionResult]::new('--no-dev', '--no-dev', [CompletionResultType]::ParameterName, 'Everything but the dev container (its image is still built): for tools that run the dev container themselves, such as the Dev Containers CLI with the generated devcontainer.json')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;watch' {
            [CompletionResult]::new('--debounce', '--debounce', [CompletionResultType]::ParameterName, 'Quiet time that ends a batch of file changes')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest a batch waits while changes keep coming')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;status' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;ps' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;shell' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--no-up', '--no-up', [CompletionResultType]::ParameterName, 'Fail instead of bringing the environment up')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;exec' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Run as this user instead of the service''s')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Run as this user instead of the service''s')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Run in this directory instead of the service''s workdir')
            [CompletionResult]::new('--workdir', '--workdir', [CompletionResultType]::ParameterName, 'Run in this directory instead of the service''s workdir')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Extra environment, `KEY=VALUE`, or `KEY` for this shell''s value of it (left out when unset), as `docker exec -e` (repeatable)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Extra environment, `KEY=VALUE`, or `KEY` for this shell''s value of it (left out when unset), as `docker exec -e` (repeatable)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;logs' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only output newer than this, e.g. `10m`, `1h`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Only the last N lines of each service')
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'Only the last N lines of each service')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep following new output, across restarts and recreation')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep following new output, across restarts and recreation')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Show the engine''s timestamp on each line')
            [CompletionResult]::new('--timestamps', '--timestamps', [CompletionResultType]::ParameterName, 'Show the engine''s timestamp on each line')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;restart' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound each health wait (see `up --timeout`)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;build' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Build every step again, ignoring the engine''s layer cache')
            [CompletionResult]::new('--pull', '--pull', [CompletionResultType]::ParameterName, 'Pull newer versions of the base images first')
            [CompletionResult]::new('--push', '--push', [CompletionResultType]::ParameterName, 'Tag each image by its content hash and push it to `kubernetes.registry`')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;code' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;ide' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('devcontainer', 'devcontainer', [CompletionResultType]::ParameterValue, '`.devcontainer/devcontainer.json` for tools that read the Dev Containers spec (printed unless `--write`)')
            [CompletionResult]::new('tasks', 'tasks', [CompletionResultType]::ParameterValue, '`.vscode/tasks.json` with itp-dev tasks and a problem matcher for profile errors, merged into an existing file (printed unless `--write`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'itp-dev;ide;devcontainer' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Write the file instead of printing it')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace a file that itp-dev did not generate')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;ide;tasks' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Write the file instead of printing it')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace a file that itp-dev did not generate')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;ide;help' {
            [CompletionResult]::new('devcontainer', 'devcontainer', [CompletionResultType]::ParameterValue, '`.devcontainer/devcontainer.json` for tools that read the Dev Containers spec (printed unless `--write`)')
            [CompletionResult]::new('tasks', 'tasks', [CompletionResultType]::ParameterValue, '`.vscode/tasks.json` with itp-dev tasks and a problem matcher for profile errors, merged into an existing file (printed unless `--write`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'itp-dev;ide;help;devcontainer' {
            break
        }
        'itp-dev;ide;help;tasks' {
            break
        }
        'itp-dev;ide;help;help' {
            break
        }
        'itp-dev;k8s' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Print the manifests the profile becomes (secret values masked)')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Build and push images, apply the manifests (server-side apply), prune what itp-dev owns and no longer plans, wait until ready')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The project''s workloads in the namespace, and how many are ready')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Logs of a service''s pods in the namespace')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command in a service''s pod: `itp-dev k8s exec web -- ls`')
            [CompletionResult]::new('shell', 'shell', [CompletionResultType]::ParameterValue, 'An interactive shell in the dev pod (or a service''s)')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Remove the project from the namespace: the whole namespace when itp-dev created it, otherwise only the objects it owns there')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The namespaces itp-dev created: project, owner, age and expiry')
            [CompletionResult]::new('gc', 'gc', [CompletionResultType]::ParameterValue, 'Delete the namespaces whose `kubernetes.ttl` has run out')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'itp-dev;k8s;render' {
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: `kubernetes.namespace`, else `itp-<project>-<user>`)')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write one file per object into DIR instead of printing')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;k8s;push' {
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: `kubernetes.namespace`, else `itp-<project>-<user>`)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'kubeconfig context (default: `kubernetes.context`, else the current one)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the workloads')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change (a server-side dry run); change nothing')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Do not wait for the workloads to be ready')
            [CompletionResult]::new('--adopt', '--adopt', [CompletionResultType]::ParameterName, 'Take over a namespace that exists without itp-dev''s labels')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;k8s;status' {
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: `kubernetes.namespace`, else `itp-<project>-<user>`)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'kubeconfig context (default: `kubernetes.context`, else the current one)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;k8s;logs' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Only the last N lines of each pod')
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'Only the last N lines of each pod')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: `kubernetes.namespace`, else `itp-<project>-<user>`)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'kubeconfig context (default: `kubernetes.context`, else the current one)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep following new output')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep following new output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;k8s;exec' {
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: `kubernetes.namespace`, else `itp-<project>-<user>`)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'kubeconfig context (default: `kubernetes.context`, else the current one)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;k8s;shell' {
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: `kubernetes.namespace`, else `itp-<project>-<user>`)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'kubeconfig context (default: `kubernetes.context`, else the current one)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;k8s;down' {
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: `kubernetes.namespace`, else `itp-<project>-<user>`)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'kubeconfig context (default: `kubernetes.context`, else the current one)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;k8s;list' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'kubeconfig context (default: the current one)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'With `gc`: say what would be deleted; delete nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;k8s;gc' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'kubeconfig context (default: the current one)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'With `gc`: say what would be deleted; delete nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;k8s;help' {
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Print the manifests the profile becomes (secret values masked)')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Build and push images, apply the manifests (server-side apply), prune what itp-dev owns and no longer plans, wait until ready')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The project''s workloads in the namespace, and how many are ready')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Logs of a service''s pods in the namespace')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command in a service''s pod: `itp-dev k8s exec web -- ls`')
            [CompletionResult]::new('shell', 'shell', [CompletionResultType]::ParameterValue, 'An interactive shell in the dev pod (or a service''s)')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Remove the project from the namespace: the whole namespace when itp-dev created it, otherwise only the objects it owns there')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The namespaces itp-dev created: project, owner, age and expiry')
            [CompletionResult]::new('gc', 'gc', [CompletionResultType]::ParameterValue, 'Delete the namespaces whose `kubernetes.ttl` has run out')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'itp-dev;k8s;help;render' {
            break
        }
        'itp-dev;k8s;help;push' {
            break
        }
        'itp-dev;k8s;help;status' {
            break
        }
        'itp-dev;k8s;help;logs' {
            break
        }
        'itp-dev;k8s;help;exec' {
            break
        }
        'itp-dev;k8s;help;shell' {
            break
        }
        'itp-dev;k8s;help;down' {
            break
        }
        'itp-dev;k8s;help;list' {
            break
        }
        'itp-dev;k8s;help;gc' {
            break
        }
        'itp-dev;k8s;help;help' {
            break
        }
        'itp-dev;diff' {
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: `kubernetes.namespace`, else `itp-<project>-<user>`)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'kubeconfig context (default: `kubernetes.context`, else the current one)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;down' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--volumes', '--volumes', [CompletionResultType]::ParameterName, 'Also delete the project''s named volumes and their data')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask before deleting volumes (required without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before deleting volumes (required without a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;completions' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;trust' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send this command''s trace to an OpenTelemetry collector (OTLP over HTTP, the collector''s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'List the repositories approved on this machine')
            [CompletionResult]::new('--revoke', '--revoke', [CompletionResultType]::ParameterName, 'Forget this repository''s approval')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Act on the profile''s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a profile for this repository: detects the stack, asks a few questions (or takes flags), writes itp-dev.toml')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check this machine for this profile: the engine, socket, disk, ports, inotify, build contexts, kubeconfig; each with a fix')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check the profile and report every problem')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Print the fully resolved profile, secrets masked')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Print the desired state compiled from the profile')
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Bring the environment up: build or pull images, start services in dependency order, run the dev container''s hooks')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Watch files and act on changes by the profile''s `[[watch]]` rules')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show each service: state, health, ports, image, uptime')
            [CompletionResult]::new('shell', 'shell', [CompletionResultType]::ParameterValue, 'Open an interactive shell in the dev container (or a service)')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command in the dev container (or a service)')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Show the logs of services (all when none is named)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart services in dependency order, waiting for health as `up` does')
            [CompletionResult]::new('build', 'build', [CompletionResultType]::ParameterValue, 'Build the services'' images without starting anything')
            [CompletionResult]::new('code', 'code', [CompletionResultType]::ParameterValue, 'Open VS Code attached to the dev container itp-dev manages')
            [CompletionResult]::new('ide', 'ide', [CompletionResultType]::ParameterValue, 'Generate IDE files from the profile: devcontainer.json, tasks.json')
            [CompletionResult]::new('k8s', 'k8s', [CompletionResultType]::ParameterValue, 'Kubernetes: the same profile in a namespace')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare the local environment with its Kubernetes namespace')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop and remove the project''s containers and network')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('trust', 'trust', [CompletionResultType]::ParameterValue, 'Approve this repository''s profile to reach the host beyond the repository (bind mounts from outside it, the engine socket, ports on all interfaces…), after showing exactly what')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'itp-dev;help;init' {
            break
        }
        'itp-dev;help;doctor' {
            break
        }
        'itp-dev;help;validate' {
            break
        }
        'itp-dev;help;config' {
            break
        }
        'itp-dev;help;plan' {
            break
        }
        'itp-dev;help;up' {
            break
        }
        'itp-dev;help;watch' {
            break
        }
        'itp-dev;help;status' {
            break
        }
        'itp-dev;help;shell' {
            break
        }
        'itp-dev;help;exec' {
            break
        }
        'itp-dev;help;logs' {
            break
        }
        'itp-dev;help;restart' {
            break
        }
        'itp-dev;help;build' {
            break
        }
        'itp-dev;help;code' {
            break
        }
        'itp-dev;help;ide' {
            [CompletionResult]::new('devcontainer', 'devcontainer', [CompletionResultType]::ParameterValue, '`.devcontainer/devcontainer.json` for tools that read the Dev Containers spec (printed unless `--write`)')
            [CompletionResult]::new('tasks', 'tasks', [CompletionResultType]::ParameterValue, '`.vscode/tasks.json` with itp-dev tasks and a problem matcher for profile errors, merged into an existing file (printed unless `--write`)')
            break
        }
        'itp-dev;help;ide;devcontainer' {
            break
        }
        'itp-dev;help;ide;tasks' {
            break
        }
        'itp-dev;help;k8s' {
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Print the manifests the profile becomes (secret values masked)')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Build and push images, apply the manifests (server-side apply), prune what itp-dev owns and no longer plans, wait until ready')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The project''s workloads in the namespace, and how many are ready')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Logs of a service''s pods in the namespace')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command in a service''s pod: `itp-dev k8s exec web -- ls`')
            [CompletionResult]::new('shell', 'shell', [CompletionResultType]::ParameterValue, 'An interactive shell in the dev pod (or a service''s)')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Remove the project from the namespace: the whole namespace when itp-dev created it, otherwise only the objects it owns there')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The namespaces itp-dev created: project, owner, age and expiry')
            [CompletionResult]::new('gc', 'gc', [CompletionResultType]::ParameterValue, 'Delete the namespaces whose `kubernetes.ttl` has run out')
            break
        }
        'itp-dev;help;k8s;render' {
            break
        }
        'itp-dev;help;k8s;push' {
            break
        }
        'itp-dev;help;k8s;status' {
            break
        }
        'itp-dev;help;k8s;logs' {
            break
        }
        'itp-dev;help;k8s;exec' {
            break
        }
        'itp-dev;help;k8s;shell' {
            break
        }
        'itp-dev;help;k8s;down' {
            break
        }
        'itp-dev;help;k8s;list' {
            break
        }
        'itp-dev;help;k8s;gc' {
            break
        }
        'itp-dev;help;diff' {
            break
        }
        'itp-dev;help;down' {
            break
        }
        'itp-dev;help;completions' {
            break
        }
        'itp-dev;help;trust' {
            break
        }
        'itp-dev;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}

# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_itp_dev_global_optspecs
    string join \n f= file= C= overlay= json v/verbose q/quiet color= no-progress trust otlp= h/help V/version
end

function __fish_itp_dev_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_itp_dev_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_itp_dev_using_subcommand
    set -l cmd (__fish_itp_dev_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c itp-dev -n "__fish_itp_dev_needs_command" -s f -d 'Use this profile (before the command; `--file` works anywhere)' -r -F
complete -c itp-dev -n "__fish_itp_dev_needs_command" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_needs_command" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_needs_command" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_needs_command" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_needs_command" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_needs_command" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -f -a "init" -d 'Write a profile for this repository: detects the stack, asks a few questions (or takes flags), writes itp-dev.toml'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -f -a "doctor" -d 'Check this machine for this profile: the engine, socket, disk, ports, inotify, build contexts, kubeconfig; each with a fix'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -f -a "validate" -d 'Check the profile and report every problem'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -f -a "config" -d 'Print the fully resolved profile, secrets masked'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -f -a "plan" -d 'Print the desired state compiled from the profile'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -f -a "up" -d 'Bring the environment up: build or pull images, start services in dependency order, run the dev container\'s hooks'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -f -a "watch" -d 'Watch files and act on changes by the profile\'s `[[watch]]` rules'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -f -a "status" -d 'Show each service: state, health, ports, image, uptime'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -f -a "ps" -d 'Show each service: state, health, ports, image, uptime'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -f -a "shell" -d 'Open an interactive shell in the dev container (or a service)'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -f -a "exec" -d 'Run a command in the dev container (or a service)'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -f -a "logs" -d 'Show the logs of services (all when none is named)'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -f -a "restart" -d 'Restart services in dependency order, waiting for health as `up` does'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -f -a "build" -d 'Build the services\' images without starting anything'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -f -a "code" -d 'Open VS Code attached to the dev container itp-dev manages'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -f -a "ide" -d 'Generate IDE files from the profile: devcontainer.json, tasks.json'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -f -a "k8s" -d 'Kubernetes: the same profile in a namespace'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -f -a "diff" -d 'Compare the local environment with its Kubernetes namespace'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -f -a "down" -d 'Stop and remove the project\'s containers and network'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -f -a "trust" -d 'Approve this repository\'s profile to reach the host beyond the repository (bind mounts from outside it, the engine socket, ports on all interfaces…), after showing exactly what'
complete -c itp-dev -n "__fish_itp_dev_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand init" -l template -d 'Template to start from: rust-service, node-web, python-api, full-stack' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand init" -l service -d 'A service to add (repeatable): db (PostgreSQL), cache (Redis), mysql, mongo, or one of the template\'s own' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand init" -l port -d 'The port your app listens on (published on the same host port)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand init" -l name -d 'Project name (default: the directory\'s name)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand init" -l from -d 'Convert an existing compose.yaml or devcontainer.json instead' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand init" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand init" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand init" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand init" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand init" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand init" -l no-services -d 'Add no services'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand init" -s y -l yes -d 'Take the detected or default answers; never prompt'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand init" -l force -d 'Replace an existing itp-dev.toml'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand init" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand init" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand init" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand init" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand init" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand init" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand doctor" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand doctor" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand doctor" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand doctor" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand doctor" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand doctor" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand doctor" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand doctor" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand doctor" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand doctor" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand validate" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand validate" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand validate" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand validate" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand validate" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand validate" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand validate" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand validate" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand validate" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand validate" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand validate" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand config" -l format -d 'Output format (`--json` implies json)' -r -f -a "toml\t''
json\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand config" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand config" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand config" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand config" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand config" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand config" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand config" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand config" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand config" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand config" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand config" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand config" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand plan" -l format -d 'Output format (`--json` implies json)' -r -f -a "text\t''
json\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand plan" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand plan" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand plan" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand plan" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand plan" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand plan" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand plan" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand plan" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand plan" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand plan" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand plan" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand up" -l timeout -d 'Bound each health wait (e.g. `30s`, `2m`) instead of the bound derived from the healthcheck\'s interval, timeout and retries' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand up" -l timings -d 'Write where the time went as an HTML page (a timeline per service, the critical path marked) and print the critical path. Without a PATH, the page goes to the state directory' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand up" -l debounce -d 'Quiet time that ends a batch of file changes' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand up" -l max-wait -d 'Longest a batch waits while changes keep coming' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand up" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand up" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand up" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand up" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand up" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand up" -l dry-run -d 'Print the actions and their reasons; change nothing'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand up" -l wait -d 'Also wait for every (re)started service with a healthcheck to be healthy, not only those another service depends on'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand up" -l watch -d 'Then watch files and act on changes, as `itp-dev watch`'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand up" -l no-dev -d 'Everything but the dev container (its image is still built): for tools that run the dev container themselves, such as the Dev Containers CLI with the generated devcontainer.json'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand up" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand up" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand up" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand up" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand up" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand up" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand up" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand watch" -l debounce -d 'Quiet time that ends a batch of file changes' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand watch" -l max-wait -d 'Longest a batch waits while changes keep coming' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand watch" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand watch" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand watch" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand watch" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand watch" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand watch" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand watch" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand watch" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand watch" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand watch" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand watch" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand status" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand status" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand status" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand status" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand status" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand status" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand status" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand status" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand status" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand status" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand status" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ps" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ps" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ps" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ps" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ps" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ps" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ps" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ps" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ps" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ps" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ps" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ps" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand shell" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand shell" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand shell" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand shell" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand shell" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand shell" -l no-up -d 'Fail instead of bringing the environment up'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand shell" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand shell" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand shell" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand shell" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand shell" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand shell" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand shell" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand exec" -s u -l user -d 'Run as this user instead of the service\'s' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand exec" -s w -l workdir -d 'Run in this directory instead of the service\'s workdir' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand exec" -s e -l env -d 'Extra environment, `KEY=VALUE`, or `KEY` for this shell\'s value of it (left out when unset), as `docker exec -e` (repeatable)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand exec" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand exec" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand exec" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand exec" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand exec" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand exec" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand exec" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand exec" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand exec" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand exec" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand exec" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand logs" -l since -d 'Only output newer than this, e.g. `10m`, `1h`' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand logs" -s n -l tail -d 'Only the last N lines of each service' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand logs" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand logs" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand logs" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand logs" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand logs" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand logs" -s f -l follow -d 'Keep following new output, across restarts and recreation'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand logs" -s t -l timestamps -d 'Show the engine\'s timestamp on each line'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand logs" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand logs" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand logs" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand logs" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand logs" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand logs" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand restart" -l timeout -d 'Bound each health wait (see `up --timeout`)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand restart" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand restart" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand restart" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand restart" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand restart" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand restart" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand restart" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand restart" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand restart" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand restart" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand restart" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand restart" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand build" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand build" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand build" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand build" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand build" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand build" -l no-cache -d 'Build every step again, ignoring the engine\'s layer cache'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand build" -l pull -d 'Pull newer versions of the base images first'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand build" -l push -d 'Tag each image by its content hash and push it to `kubernetes.registry`'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand build" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand build" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand build" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand build" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand build" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand build" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand build" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand code" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand code" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand code" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand code" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand code" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand code" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand code" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand code" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand code" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand code" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand code" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand code" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and not __fish_seen_subcommand_from devcontainer tasks help" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and not __fish_seen_subcommand_from devcontainer tasks help" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and not __fish_seen_subcommand_from devcontainer tasks help" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and not __fish_seen_subcommand_from devcontainer tasks help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and not __fish_seen_subcommand_from devcontainer tasks help" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and not __fish_seen_subcommand_from devcontainer tasks help" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and not __fish_seen_subcommand_from devcontainer tasks help" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and not __fish_seen_subcommand_from devcontainer tasks help" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and not __fish_seen_subcommand_from devcontainer tasks help" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and not __fish_seen_subcommand_from devcontainer tasks help" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and not __fish_seen_subcommand_from devcontainer tasks help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and not __fish_seen_subcommand_from devcontainer tasks help" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and not __fish_seen_subcommand_from devcontainer tasks help" -f -a "devcontainer" -d '`.devcontainer/devcontainer.json` for tools that read the Dev Containers spec (printed unless `--write`)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and not __fish_seen_subcommand_from devcontainer tasks help" -f -a "tasks" -d '`.vscode/tasks.json` with itp-dev tasks and a problem matcher for profile errors, merged into an existing file (printed unless `--write`)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and not __fish_seen_subcommand_from devcontainer tasks help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from devcontainer" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from devcontainer" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from devcontainer" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from devcontainer" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from devcontainer" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from devcontainer" -l write -d 'Write the file instead of printing it'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from devcontainer" -l force -d 'Replace a file that itp-dev did not generate'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from devcontainer" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from devcontainer" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from devcontainer" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from devcontainer" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from devcontainer" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from devcontainer" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from devcontainer" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from tasks" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from tasks" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from tasks" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from tasks" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from tasks" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from tasks" -l write -d 'Write the file instead of printing it'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from tasks" -l force -d 'Replace a file that itp-dev did not generate'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from tasks" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from tasks" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from tasks" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from tasks" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from tasks" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from tasks" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from tasks" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from help" -f -a "devcontainer" -d '`.devcontainer/devcontainer.json` for tools that read the Dev Containers spec (printed unless `--write`)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from help" -f -a "tasks" -d '`.vscode/tasks.json` with itp-dev tasks and a problem matcher for profile errors, merged into an existing file (printed unless `--write`)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand ide; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and not __fish_seen_subcommand_from render push status logs exec shell down list gc help" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and not __fish_seen_subcommand_from render push status logs exec shell down list gc help" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and not __fish_seen_subcommand_from render push status logs exec shell down list gc help" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and not __fish_seen_subcommand_from render push status logs exec shell down list gc help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and not __fish_seen_subcommand_from render push status logs exec shell down list gc help" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and not __fish_seen_subcommand_from render push status logs exec shell down list gc help" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and not __fish_seen_subcommand_from render push status logs exec shell down list gc help" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and not __fish_seen_subcommand_from render push status logs exec shell down list gc help" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and not __fish_seen_subcommand_from render push status logs exec shell down list gc help" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and not __fish_seen_subcommand_from render push status logs exec shell down list gc help" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and not __fish_seen_subcommand_from render push status logs exec shell down list gc help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and not __fish_seen_subcommand_from render push status logs exec shell down list gc help" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and not __fish_seen_subcommand_from render push status logs exec shell down list gc help" -f -a "render" -d 'Print the manifests the profile becomes (secret values masked)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and not __fish_seen_subcommand_from render push status logs exec shell down list gc help" -f -a "push" -d 'Build and push images, apply the manifests (server-side apply), prune what itp-dev owns and no longer plans, wait until ready'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and not __fish_seen_subcommand_from render push status logs exec shell down list gc help" -f -a "status" -d 'The project\'s workloads in the namespace, and how many are ready'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and not __fish_seen_subcommand_from render push status logs exec shell down list gc help" -f -a "logs" -d 'Logs of a service\'s pods in the namespace'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and not __fish_seen_subcommand_from render push status logs exec shell down list gc help" -f -a "exec" -d 'Run a command in a service\'s pod: `itp-dev k8s exec web -- ls`'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and not __fish_seen_subcommand_from render push status logs exec shell down list gc help" -f -a "shell" -d 'An interactive shell in the dev pod (or a service\'s)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and not __fish_seen_subcommand_from render push status logs exec shell down list gc help" -f -a "down" -d 'Remove the project from the namespace: the whole namespace when itp-dev created it, otherwise only the objects it owns there'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and not __fish_seen_subcommand_from render push status logs exec shell down list gc help" -f -a "list" -d 'The namespaces itp-dev created: project, owner, age and expiry'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and not __fish_seen_subcommand_from render push status logs exec shell down list gc help" -f -a "gc" -d 'Delete the namespaces whose `kubernetes.ttl` has run out'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and not __fish_seen_subcommand_from render push status logs exec shell down list gc help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from render" -l namespace -d 'Namespace (default: `kubernetes.namespace`, else `itp-<project>-<user>`)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from render" -l out -d 'Write one file per object into DIR instead of printing' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from render" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from render" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from render" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from render" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from render" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from render" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from render" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from render" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from render" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from render" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from render" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from render" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from push" -l namespace -d 'Namespace (default: `kubernetes.namespace`, else `itp-<project>-<user>`)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from push" -l context -d 'kubeconfig context (default: `kubernetes.context`, else the current one)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from push" -l timeout -d 'How long to wait for the workloads' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from push" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from push" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from push" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from push" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from push" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from push" -l dry-run -d 'Show what would change (a server-side dry run); change nothing'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from push" -l no-wait -d 'Do not wait for the workloads to be ready'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from push" -l adopt -d 'Take over a namespace that exists without itp-dev\'s labels'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from push" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from push" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from push" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from push" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from push" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from status" -l namespace -d 'Namespace (default: `kubernetes.namespace`, else `itp-<project>-<user>`)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from status" -l context -d 'kubeconfig context (default: `kubernetes.context`, else the current one)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from status" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from status" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from status" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from status" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from status" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from status" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from status" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from status" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from logs" -s n -l tail -d 'Only the last N lines of each pod' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from logs" -l namespace -d 'Namespace (default: `kubernetes.namespace`, else `itp-<project>-<user>`)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from logs" -l context -d 'kubeconfig context (default: `kubernetes.context`, else the current one)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from logs" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from logs" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from logs" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from logs" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from logs" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Keep following new output'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from logs" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from logs" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from logs" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from logs" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from logs" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from logs" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from exec" -l namespace -d 'Namespace (default: `kubernetes.namespace`, else `itp-<project>-<user>`)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from exec" -l context -d 'kubeconfig context (default: `kubernetes.context`, else the current one)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from exec" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from exec" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from exec" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from exec" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from exec" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from exec" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from exec" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from exec" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from exec" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from exec" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from exec" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from shell" -l namespace -d 'Namespace (default: `kubernetes.namespace`, else `itp-<project>-<user>`)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from shell" -l context -d 'kubeconfig context (default: `kubernetes.context`, else the current one)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from shell" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from shell" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from shell" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from shell" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from shell" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from shell" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from shell" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from shell" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from shell" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from shell" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from shell" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from shell" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from down" -l namespace -d 'Namespace (default: `kubernetes.namespace`, else `itp-<project>-<user>`)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from down" -l context -d 'kubeconfig context (default: `kubernetes.context`, else the current one)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from down" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from down" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from down" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from down" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from down" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from down" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from down" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from down" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from down" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from down" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from down" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from list" -l context -d 'kubeconfig context (default: the current one)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from list" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from list" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from list" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from list" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from list" -l dry-run -d 'With `gc`: say what would be deleted; delete nothing'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from list" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from list" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from gc" -l context -d 'kubeconfig context (default: the current one)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from gc" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from gc" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from gc" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from gc" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from gc" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from gc" -l dry-run -d 'With `gc`: say what would be deleted; delete nothing'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from gc" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from gc" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from gc" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from gc" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from gc" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from gc" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from gc" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from help" -f -a "render" -d 'Print the manifests the profile becomes (secret values masked)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from help" -f -a "push" -d 'Build and push images, apply the manifests (server-side apply), prune what itp-dev owns and no longer plans, wait until ready'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from help" -f -a "status" -d 'The project\'s workloads in the namespace, and how many are ready'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Logs of a service\'s pods in the namespace'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from help" -f -a "exec" -d 'Run a command in a service\'s pod: `itp-dev k8s exec web -- ls`'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from help" -f -a "shell" -d 'An interactive shell in the dev pod (or a service\'s)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from help" -f -a "down" -d 'Remove the project from the namespace: the whole namespace when itp-dev created it, otherwise only the objects it owns there'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from help" -f -a "list" -d 'The namespaces itp-dev created: project, owner, age and expiry'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from help" -f -a "gc" -d 'Delete the namespaces whose `kubernetes.ttl` has run out'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand k8s; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand diff" -l namespace -d 'Namespace (default: `kubernetes.namespace`, else `itp-<project>-<user>`)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand diff" -l context -d 'kubeconfig context (default: `kubernetes.context`, else the current one)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand diff" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand diff" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand diff" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand diff" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand diff" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand diff" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand diff" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand diff" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand diff" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand diff" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand diff" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand down" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand down" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand down" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand down" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand down" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand down" -l volumes -d 'Also delete the project\'s named volumes and their data'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand down" -s y -l yes -d 'Do not ask before deleting volumes (required without a terminal)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand down" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand down" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand down" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand down" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand down" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand down" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand down" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand completions" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand completions" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand completions" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand completions" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand completions" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand completions" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand completions" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand completions" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand completions" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand completions" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand completions" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand trust" -l file -d 'Use this profile instead of searching for itp-dev.toml' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand trust" -s C -d 'Run as if itp-dev was started in DIR' -r -F
complete -c itp-dev -n "__fish_itp_dev_using_subcommand trust" -l overlay -d 'Apply an overlay of the profile (repeatable; applied in order)' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand trust" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c itp-dev -n "__fish_itp_dev_using_subcommand trust" -l otlp -d 'Send this command\'s trace to an OpenTelemetry collector (OTLP over HTTP, the collector\'s base address, e.g. `http://127.0.0.1:4318`). OTEL_EXPORTER_OTLP_ENDPOINT does the same' -r
complete -c itp-dev -n "__fish_itp_dev_using_subcommand trust" -l list -d 'List the repositories approved on this machine'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand trust" -l revoke -d 'Forget this repository\'s approval'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand trust" -l json -d 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand trust" -s v -l verbose -d 'Show more detail (repeat for more)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand trust" -s q -l quiet -d 'Show only results and errors'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand trust" -l no-progress -d 'Never draw progress bars'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand trust" -l trust -d 'Act on the profile\'s host-reaching parts (mounts outside the repository, the engine socket, ports on all interfaces) without an approval, for this run (CI). Same as ITP_DEV_TRUST=1'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand trust" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand trust" -s V -l version -d 'Print version'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and not __fish_seen_subcommand_from init doctor validate config plan up watch status shell exec logs restart build code ide k8s diff down completions trust help" -f -a "init" -d 'Write a profile for this repository: detects the stack, asks a few questions (or takes flags), writes itp-dev.toml'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and not __fish_seen_subcommand_from init doctor validate config plan up watch status shell exec logs restart build code ide k8s diff down completions trust help" -f -a "doctor" -d 'Check this machine for this profile: the engine, socket, disk, ports, inotify, build contexts, kubeconfig; each with a fix'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and not __fish_seen_subcommand_from init doctor validate config plan up watch status shell exec logs restart build code ide k8s diff down completions trust help" -f -a "validate" -d 'Check the profile and report every problem'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and not __fish_seen_subcommand_from init doctor validate config plan up watch status shell exec logs restart build code ide k8s diff down completions trust help" -f -a "config" -d 'Print the fully resolved profile, secrets masked'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and not __fish_seen_subcommand_from init doctor validate config plan up watch status shell exec logs restart build code ide k8s diff down completions trust help" -f -a "plan" -d 'Print the desired state compiled from the profile'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and not __fish_seen_subcommand_from init doctor validate config plan up watch status shell exec logs restart build code ide k8s diff down completions trust help" -f -a "up" -d 'Bring the environment up: build or pull images, start services in dependency order, run the dev container\'s hooks'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and not __fish_seen_subcommand_from init doctor validate config plan up watch status shell exec logs restart build code ide k8s diff down completions trust help" -f -a "watch" -d 'Watch files and act on changes by the profile\'s `[[watch]]` rules'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and not __fish_seen_subcommand_from init doctor validate config plan up watch status shell exec logs restart build code ide k8s diff down completions trust help" -f -a "status" -d 'Show each service: state, health, ports, image, uptime'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and not __fish_seen_subcommand_from init doctor validate config plan up watch status shell exec logs restart build code ide k8s diff down completions trust help" -f -a "shell" -d 'Open an interactive shell in the dev container (or a service)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and not __fish_seen_subcommand_from init doctor validate config plan up watch status shell exec logs restart build code ide k8s diff down completions trust help" -f -a "exec" -d 'Run a command in the dev container (or a service)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and not __fish_seen_subcommand_from init doctor validate config plan up watch status shell exec logs restart build code ide k8s diff down completions trust help" -f -a "logs" -d 'Show the logs of services (all when none is named)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and not __fish_seen_subcommand_from init doctor validate config plan up watch status shell exec logs restart build code ide k8s diff down completions trust help" -f -a "restart" -d 'Restart services in dependency order, waiting for health as `up` does'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and not __fish_seen_subcommand_from init doctor validate config plan up watch status shell exec logs restart build code ide k8s diff down completions trust help" -f -a "build" -d 'Build the services\' images without starting anything'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and not __fish_seen_subcommand_from init doctor validate config plan up watch status shell exec logs restart build code ide k8s diff down completions trust help" -f -a "code" -d 'Open VS Code attached to the dev container itp-dev manages'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and not __fish_seen_subcommand_from init doctor validate config plan up watch status shell exec logs restart build code ide k8s diff down completions trust help" -f -a "ide" -d 'Generate IDE files from the profile: devcontainer.json, tasks.json'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and not __fish_seen_subcommand_from init doctor validate config plan up watch status shell exec logs restart build code ide k8s diff down completions trust help" -f -a "k8s" -d 'Kubernetes: the same profile in a namespace'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and not __fish_seen_subcommand_from init doctor validate config plan up watch status shell exec logs restart build code ide k8s diff down completions trust help" -f -a "diff" -d 'Compare the local environment with its Kubernetes namespace'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and not __fish_seen_subcommand_from init doctor validate config plan up watch status shell exec logs restart build code ide k8s diff down completions trust help" -f -a "down" -d 'Stop and remove the project\'s containers and network'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and not __fish_seen_subcommand_from init doctor validate config plan up watch status shell exec logs restart build code ide k8s diff down completions trust help" -f -a "completions" -d 'Print a shell completion script'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and not __fish_seen_subcommand_from init doctor validate config plan up watch status shell exec logs restart build code ide k8s diff down completions trust help" -f -a "trust" -d 'Approve this repository\'s profile to reach the host beyond the repository (bind mounts from outside it, the engine socket, ports on all interfaces…), after showing exactly what'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and not __fish_seen_subcommand_from init doctor validate config plan up watch status shell exec logs restart build code ide k8s diff down completions trust help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and __fish_seen_subcommand_from ide" -f -a "devcontainer" -d '`.devcontainer/devcontainer.json` for tools that read the Dev Containers spec (printed unless `--write`)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and __fish_seen_subcommand_from ide" -f -a "tasks" -d '`.vscode/tasks.json` with itp-dev tasks and a problem matcher for profile errors, merged into an existing file (printed unless `--write`)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and __fish_seen_subcommand_from k8s" -f -a "render" -d 'Print the manifests the profile becomes (secret values masked)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and __fish_seen_subcommand_from k8s" -f -a "push" -d 'Build and push images, apply the manifests (server-side apply), prune what itp-dev owns and no longer plans, wait until ready'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and __fish_seen_subcommand_from k8s" -f -a "status" -d 'The project\'s workloads in the namespace, and how many are ready'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and __fish_seen_subcommand_from k8s" -f -a "logs" -d 'Logs of a service\'s pods in the namespace'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and __fish_seen_subcommand_from k8s" -f -a "exec" -d 'Run a command in a service\'s pod: `itp-dev k8s exec web -- ls`'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and __fish_seen_subcommand_from k8s" -f -a "shell" -d 'An interactive shell in the dev pod (or a service\'s)'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and __fish_seen_subcommand_from k8s" -f -a "down" -d 'Remove the project from the namespace: the whole namespace when itp-dev created it, otherwise only the objects it owns there'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and __fish_seen_subcommand_from k8s" -f -a "list" -d 'The namespaces itp-dev created: project, owner, age and expiry'
complete -c itp-dev -n "__fish_itp_dev_using_subcommand help; and __fish_seen_subcommand_from k8s" -f -a "gc" -d 'Delete the namespaces whose `kubernetes.ttl` has run out'
